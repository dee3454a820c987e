"""Copy detection against a gold corpus with planted copies (``newsledger eval copies``).

The gold file is JSON Lines, one article per line: ``id``, ``outlet``, ``published``, ``title``,
``copy_of`` (the id of the original it was made from, or null), ``kind`` (``verbatim``,
``near``, ``rewrite`` or null) and ``paragraphs``: each a string (the article's own text) or
``{"from": "ID#N", "text": ...}`` (taken, verbatim or edited, from paragraph N of article ID).
The articles are stored in a fresh ledger in file order and the "copies" step is run on it.

Article level: a gold copy is found when the article counts as a voice of its gold original
(through ``article_copies`` or, for verbatim copies, the same stored row); a predicted copy that
gold calls an original, or one with the wrong original, is a false positive. Paragraph level: a
stored reused paragraph is right when both paragraphs descend from the same gold paragraph.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from newsledger.crosscheck import copies
from newsledger.ingest import to_article
from newsledger.ingest.items import RawArticle
from newsledger.store import Ledger

Gold = dict[str, Any]


def load_gold(path: Path) -> list[Gold]:
    """The gold articles; every ``from`` must name an earlier article's paragraph."""
    items: list[Gold] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        item = json.loads(line)
        for paragraph in item["paragraphs"]:
            if isinstance(paragraph, dict):
                source, index = paragraph["from"].split("#")
                if source not in seen or int(index) >= seen[source]:
                    raise ValueError(
                        f"{path}:{number}: {paragraph['from']} is no earlier paragraph"
                    )
        seen[item["id"]] = len(item["paragraphs"])
        items.append(item)
    return items


def article_text(item: Gold) -> str:
    return "\n\n".join(p if isinstance(p, str) else p["text"] for p in item["paragraphs"])


def _families(items: list[Gold]) -> dict[str, str]:
    """``ID#N`` of every paragraph mapped to the gold paragraph it descends from."""
    family: dict[str, str] = {}
    for item in items:
        for n, paragraph in enumerate(item["paragraphs"]):
            key = f"{item['id']}#{n}"
            family[key] = family[paragraph["from"]] if isinstance(paragraph, dict) else key
    return family


def evaluate(gold_path: Path) -> dict[str, Any]:
    """Store the gold corpus in a temporary ledger, run the copies step, score it."""
    items = load_gold(gold_path)
    with tempfile.TemporaryDirectory() as folder, Ledger(Path(folder) / "gold.db") as ledger:
        rows: dict[str, str] = {}
        for item in items:
            raw = RawArticle(
                where=item["id"],
                format="json",
                text=article_text(item),
                title=item["title"],
                outlet=item["outlet"],
                published=item["published"],
                language="en",
            )
            article = to_article(raw)
            ledger.add_article(article)
            rows[item["id"]] = article.id
        summary = copies.run(ledger)
        voices = copies.voices(ledger.db)
        kinds = dict(ledger.db.execute("SELECT article_id, kind FROM article_copies").fetchall())
        reused = ledger.db.execute(
            'SELECT article_id, start, "end", source_id, source_start, source_end'
            " FROM paragraph_copies"
        ).fetchall()
        texts = {aid: ledger.article(aid)["text"] for aid in set(rows.values())}
    result = _score_articles(items, rows, voices, kinds)
    result.update(_score_paragraphs(items, rows, texts, [tuple(r) for r in reused]))
    result["step"] = summary
    return result


def _score_articles(
    items: list[Gold], rows: dict[str, str], voices: dict[str, str], kinds: dict[str, str]
) -> dict[str, Any]:
    first_of_row: dict[str, str] = {}
    for item in sorted(items, key=lambda i: i["published"]):
        first_of_row.setdefault(rows[item["id"]], item["id"])
    errors: list[dict[str, Any]] = []
    predicted = gold = right = kind_right = 0
    for item in items:
        row = rows[item["id"]]
        original = first_of_row[voices[row]]
        guess = original if original != item["id"] else None
        kind = "verbatim" if voices[row] == row else kinds.get(row)
        predicted += guess is not None
        gold += item["copy_of"] is not None
        if guess is not None and guess == item["copy_of"]:
            right += 1
            kind_right += kind == item["kind"]
            if kind != item["kind"]:
                errors.append(
                    {"id": item["id"], "error": "kind", "gold": item["kind"], "got": kind}
                )
        elif guess is not None or item["copy_of"] is not None:
            errors.append(
                {"id": item["id"], "error": "original", "gold": item["copy_of"], "got": guess}
            )
    return {
        "articles": len(items),
        "article_gold": gold,
        "article_predicted": predicted,
        "article_precision": _ratio(right, predicted),
        "article_recall": _ratio(right, gold),
        "article_f1": _f1(right, predicted, gold),
        "kind_accuracy": _ratio(kind_right, right),
        "article_errors": errors,
    }


def _score_paragraphs(
    items: list[Gold],
    rows: dict[str, str],
    texts: dict[str, str],
    reused: list[tuple[Any, ...]],
) -> dict[str, Any]:
    family = _families(items)
    where: dict[tuple[str, int], str] = {}  # (row, paragraph start) -> gold ID#N
    for item in items:
        spans = copies.paragraph_spans(texts[rows[item["id"]]])
        for n, (start, _end) in enumerate(spans):
            where.setdefault((rows[item["id"]], start), f"{item['id']}#{n}")
    gold = {key for key, root in family.items() if key != root}
    found: set[str] = set()
    wrong: list[dict[str, Any]] = []
    for article_id, start, _end, source_id, source_start, _source_end in reused:
        key, source = where[(article_id, start)], where[(source_id, source_start)]
        if family[key] == family[source] and key != family[key]:
            found.add(key)
        else:
            wrong.append({"paragraph": key, "got_source": source, "gold_source": family[key]})
    # Verbatim copies share one row, so their paragraphs are found by construction.
    merged = {k for k in gold if where.get(_row_start(k, rows, texts)) != k}
    hits = len(found | merged)
    missed = sorted(gold - found - merged)
    predicted = len(found) + len(wrong) + len(merged)
    return {
        "paragraph_gold": len(gold),
        "paragraph_predicted": predicted,
        "paragraph_precision": _ratio(hits, predicted),
        "paragraph_recall": _ratio(hits, len(gold)),
        "paragraph_f1": _f1(hits, predicted, len(gold)),
        "paragraph_errors": wrong + [{"paragraph": k, "error": "missed"} for k in missed],
    }


def _row_start(key: str, rows: dict[str, str], texts: dict[str, str]) -> tuple[str, int]:
    article, n = key.split("#")
    row = rows[article]
    return row, copies.paragraph_spans(texts[row])[int(n)][0]


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _f1(right: int, predicted: int, gold: int) -> float:
    p, r = _ratio(right, predicted), _ratio(right, gold)
    return round(2 * p * r / (p + r), 4) if p + r else 0.0


def format_report(result: dict[str, Any]) -> str:
    lines = [
        f"copies: {result['articles']} articles, {result['article_gold']} gold copies, "
        f"{result['article_predicted']} predicted",
        f"articles    P {result['article_precision']:.3f}  R {result['article_recall']:.3f}"
        f"  F1 {result['article_f1']:.3f}  kind right {result['kind_accuracy']:.3f}",
        f"paragraphs  P {result['paragraph_precision']:.3f}  R {result['paragraph_recall']:.3f}"
        f"  F1 {result['paragraph_f1']:.3f}  ({result['paragraph_gold']} gold reused paragraphs)",
    ]
    errors = result["article_errors"] + result["paragraph_errors"]
    if errors:
        lines += ["", f"errors ({len(errors)}):"]
        lines += ["  " + json.dumps(error, ensure_ascii=False) for error in errors]
    return "\n".join(lines)
