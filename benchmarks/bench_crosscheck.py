"""The ledger-wide steps at scale: time and peak memory of each step at two corpus sizes.

    python benchmarks/bench_crosscheck.py --sizes 2000 20000

For each size a ledger is written straight into the database, outside the timing and without
spaCy: the articles of ``synthetic.py`` (talks, strikes, exchanges, aid, quotes), about eight
a day whatever the size (a larger ledger covers a longer time, as a news archive does), and
for each one an analysis made of plausible records read off the template words with regular
expressions: sentences, actor and place mentions, a time per sentence, events (type from the
trigger words, the named speakers and states as parties, dated by the publication) and one
claim per sentence in the article's own voice, saved through
``Ledger.save_analysis`` as the analysis would.

The quote and one anonymous claim of the templates ("according to two officials ..., STATE
proposed ISSUE in exchange for ISSUE2", some 450 variants) get attributions, so ``findings``
has work to do; the templates' other anonymous line has eight variants, each carried by an
eighth of the corpus, which no real ledger resembles, and is left out. The sentence model
costs the same per text at any size (its throughput is in
``bench_claims.py``) and would take most of an hour at 20,000 articles on two cores, so with
the default ``stories`` and ``claim-clusters`` get vectors from a
hashed bag of words instead: the same shape and the same cosine structure for texts sharing
words, so the steps' own work and memory are what is measured; ``--model`` runs the real model.

Each step then runs in a fresh process, in the order ``run_crosschecks`` runs them (each reads
what the steps before it wrote). Peak memory is that process's RSS high-water mark (VmHWM)
minus its RSS after the imports and the ledger were opened (``rise``), so the model files and
libraries every run loads are left out. Growth is large / small for time and for the rise.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import synthetic

RESULTS = Path(__file__).parent / "results" / "crosscheck.json"
START = date(2025, 9, 1)
STEPS = ("copies", "event-clusters", "stories", "claim-clusters", "findings")
WHOLE = "event-clusters-whole"  # the same clustering over a list of every report, to compare
CLAIMS_WHOLE = "claim-clusters-whole"  # claim clusters over lists of every claim and vector
FINDINGS_WHOLE = "findings-whole"  # the outlet checks against a list of every article
FINDINGS_STREAMED = "findings-streamed"  # the outlet checks reading other articles on demand

PEOPLE = {name: f"person.{name.split()[-1].lower()}" for name, _ in synthetic.SPEAKERS}
STATES = {
    "Russia": "RUS", "Ukraine": "UKR", "the United States": "USA", "Turkey": "TUR",
    "France": "FRA", "Germany": "DEU", "Poland": "POL", "Moscow": "RUS", "Kyiv": "UKR",
    "Washington": "USA", "Ankara": "TUR", "Paris": "FRA", "Berlin": "DEU", "Warsaw": "POL",
}  # fmt: skip
TYPES = [
    (re.compile(r"\b(talks|met|meeting|negotiat)", re.I), "CONSULT"),
    (re.compile(r"\b(drones?|missiles?|struck|shelling|attack)", re.I), "ASSAULT"),
    (re.compile(r"\b(exchange|swap|prisoners)", re.I), "RETREAT"),
    (re.compile(r"\b(aid|package|fund)", re.I), "AID"),
    (re.compile(r"\b(agreed|agreement|deal)", re.I), "AGREE"),
]
ATTRIBUTIONS = [
    (re.compile(r'(?P<what>"[^"]+,") (?P<who>[A-Z][\w ]+?) (?P<cue>told)'), "named person"),
    (re.compile(r"(?P<cue>According to) (?P<who>two officials)[^,]*, (?P<what>[^.]+)"),
     "anonymous official"),
]  # fmt: skip
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]")


def _names(text: str, names: dict[str, str]) -> list[tuple[int, int, str, str]]:
    found = []
    for name, code in names.items():
        for match in re.finditer(re.escape(name), text):
            found.append((match.start(), match.end(), name, code))
    return sorted(found)


def analysis(article_id: str, text: str, published: str) -> Any:
    """A plausible analysis of one synthetic article, read off its template words."""
    from newsledger.attribution.model import Attribution
    from newsledger.attribution.model import TextSpan as Span
    from newsledger.claims.model import Claim
    from newsledger.events.model import Event, Participant, TextSpan
    from newsledger.records import ActorMention, Analysis, PlaceMention, Sentence, TimeRef

    result = Analysis(article_id=article_id)
    places = {v: f"bench:{v.lower()}" for v in synthetic.VENUES + synthetic.FRONT}
    for index, match in enumerate(_SENTENCE.finditer(text)):
        start, end, sentence = match.start(), match.end(), match.group()
        result.sentences.append(Sentence(article_id, index, start, end, sentence))
        parties = []
        for s, e, name, actor in _names(sentence, PEOPLE):
            result.actors.append(ActorMention(start + s, start + e, name, actor, name, "person",
                                              None, "GOV", sentence=index))  # fmt: skip
            parties.append(Participant(name, start + s, start + e, actor, None, "GOV"))
        for s, e, name, country in _names(sentence, STATES):
            actor = f"country.{country}"
            result.actors.append(
                ActorMention(start + s, start + e, name, actor, name, "country", country, "GOV",
                             sentence=index)
            )  # fmt: skip
            parties.append(Participant(name, start + s, start + e, actor, country, "GOV"))
        place = None
        for s, e, name, place_id in _names(sentence, places):
            result.places.append(PlaceMention(start + s, start + e, name, place_id, name, "city",
                                              sentence=index))  # fmt: skip
            place = TextSpan(name, start + s, start + e)
        result.times.append(TimeRef(start, start + 1, "today", published[:10], "day",
                                    sentence=index))  # fmt: skip
        for pattern, kind in TYPES:
            trigger = pattern.search(sentence)
            if trigger is None:
                continue
            result.events.append(
                Event(
                    type=kind,
                    trigger=TextSpan(
                        trigger.group(), start + trigger.start(), start + trigger.end()
                    ),
                    sentence=index,
                    actors=tuple(parties[:1]),
                    recipients=tuple(parties[1:3]),
                    place=place,
                    date=published[:10],
                    date_source="published",
                    confidence=0.6,
                )
            )
            break
        for pattern, source_type in ATTRIBUTIONS:
            said = pattern.search(sentence)
            if said is None:
                continue
            who = Span(said.group("who"), start + said.start("who"), start + said.end("who"))
            result.attributions.append(
                Attribution(
                    source=who,
                    cue=Span(said.group("cue"), start + said.start("cue"), start + said.end("cue")),
                    content=Span(said.group("what"), start + said.start("what"),
                                 start + said.end("what")),
                    kind="direct" if source_type == "named person" else "reported",
                    source_actor_id=PEOPLE.get(who.text),
                    source_type=source_type,
                    anonymous=source_type != "named person",
                    count=None,
                    chain=(),
                    sentence=index,
                )
            )  # fmt: skip
        result.claims.append(
            Claim(
                kind="statement", text=sentence, start=start, end=end, sentence=index,
                claimant=None, claimant_actor_id=None, claimant_type="article", attribution=None,
                chain=(), anonymous=False, unsourced=False, certainty="asserted", negated=False,
                actors=tuple(p.actor_id for p in parties if p.actor_id), date=published[:10],
            )
        )  # fmt: skip
    return result


def build(path: Path, size: int) -> None:
    """Write ``size`` synthetic articles and their analyses."""
    from newsledger.ingest.normalize import article_id
    from newsledger.store import Ledger

    with Ledger(path) as ledger:
        batch: list[tuple[Any, ...]] = []
        for number in range(size):
            item = synthetic.article(number, START + timedelta(days=10 * (number // 80)))
            text = item["text"]
            batch.append((article_id(text), item["title"], item["outlet"],
                          item["published"] + "T08:00:00Z", len(text), text))  # fmt: skip
            if len(batch) == 1000 or number == size - 1:
                _store(ledger, batch)
                batch = []


def _store(ledger: Any, rows: list[tuple[Any, ...]]) -> None:
    with ledger.transaction() as db:
        db.executemany(
            "INSERT OR IGNORE INTO articles (id, title, outlet, published, chars, text,"
            " ingested_at) VALUES (?, ?, ?, ?, ?, ?, '2026-01-01')",
            rows,
        )
    for aid, _title, _outlet, published, _chars, text in rows:
        ledger.save_analysis(analysis(aid, text, published), model="bench", pipeline="bench")


def _rss_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


class HashedVectors:
    """Unit vectors of hashed names and numbers (the words a template fills in) and their
    pairs: a stand-in for the sentence model, similar where texts name the same things."""

    def embed(self, texts: Any, batch_size: int = 64) -> Any:
        import itertools
        import zlib

        import numpy as np

        vectors = np.zeros((len(texts), 384), dtype=np.float32)
        for row, text in enumerate(texts):
            words = [w for w in re.findall(r"\w+", text) if w[0].isupper() or w[0].isdigit()]
            for word in words + [a + " " + b for a, b in itertools.pairwise(words)]:
                vectors[row, zlib.crc32(word.encode()) % 384] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


def measure(path: str, step: str, hashed: bool) -> None:
    """In a fresh process: run one step and print its time, memory and summary as JSON."""
    import newsledger.crosscheck as crosscheck
    import newsledger.crosscheck.embed as embed
    from newsledger.findings.step import run_streamed
    from newsledger.store import Ledger

    if hashed:
        embed._embedder = HashedVectors()  # type: ignore[assignment]

    steps: dict[str, Any] = {s.name: s.run for s in crosscheck._steps()}
    steps[WHOLE] = _whole
    steps[CLAIMS_WHOLE] = _claims_whole
    steps[FINDINGS_WHOLE] = _findings_whole
    steps[FINDINGS_STREAMED] = run_streamed
    with Ledger(path) as ledger:
        ledger.db.execute("SELECT count(*) FROM articles").fetchone()
        before = _rss_kb("VmRSS")
        start = time.perf_counter()
        summary = steps[step](ledger)
        seconds = time.perf_counter() - start
        peak = _rss_kb("VmHWM")
    print(json.dumps({"step": step, "seconds": round(seconds, 2),
                      "peak_rss_mb": round(peak / 1024, 1),
                      "rise_mb": round((peak - before) / 1024, 1),
                      "summary": summary}, default=str))  # fmt: skip


def _whole(ledger: Any) -> dict[str, Any]:
    """Event clusters as the step ran before it streamed: every report loaded in a list."""
    from newsledger.crosscheck.event_clusters import summary
    from newsledger.events.clusters import cluster_reports
    from newsledger.store.event_clusters import load_reports, replace_clusters

    reports = load_reports(ledger.db)
    clusters = cluster_reports(reports)
    with ledger.transaction() as db:
        replace_clusters(db, clusters)
    return summary(len(reports), clusters)


def _claims_whole(ledger: Any) -> dict[str, Any]:
    """Claim clusters as the step ran before it streamed: every claim and vector in lists."""
    from newsledger.crosscheck.claims import run_whole

    result: dict[str, Any] = run_whole(ledger)
    return result


def _findings_whole(ledger: Any) -> dict[str, Any]:
    """The outlet checks as the step ran before it read per article (nothing is written)."""
    from newsledger.findings.ledger import outlet_findings
    from newsledger.findings.step import facts_of, ledger_voices

    everyone = ledger_voices(ledger)
    found = 0
    for voice in everyone:
        found += len(outlet_findings(facts_of(ledger, voice.article_id), voice.voice, everyone))
    return {"articles": len(everyone), "findings": found}


def run_size(folder: Path, size: int, steps: list[str], hashed: bool) -> dict[str, Any]:
    path = folder / f"crosscheck-{size}.db"
    start = time.perf_counter()
    build(path, size)
    row: dict[str, Any] = {"articles": size, "build_seconds": round(time.perf_counter() - start)}
    for step in steps:
        out = subprocess.run(
            [sys.executable, __file__, "--measure", str(path), "--step", step]
            + ([] if hashed else ["--model"]),
            check=True,
            capture_output=True,
            text=True,
        )
        result = json.loads(out.stdout.splitlines()[-1])
        row[step] = result
        print(json.dumps({"articles": size, **result}), flush=True)
    path.unlink()
    return row


def growth(small: dict[str, Any], large: dict[str, Any], steps: list[str]) -> dict[str, Any]:
    ratios: dict[str, Any] = {"size_ratio": large["articles"] / small["articles"]}
    for step in steps:
        a, b = small[step], large[step]
        ratios[step] = {
            "time_ratio": round(b["seconds"] / max(a["seconds"], 0.01), 2),
            "rise_ratio": round(b["rise_mb"] / max(a["rise_mb"], 0.1), 2),
        }
    return ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[2_000, 20_000])
    every = [*STEPS, WHOLE, CLAIMS_WHOLE, FINDINGS_WHOLE, FINDINGS_STREAMED]
    parser.add_argument("--steps", nargs="+", default=[*STEPS, WHOLE, CLAIMS_WHOLE], choices=every)
    parser.add_argument("--results", type=Path, default=RESULTS, help="Where to write them.")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--model", action="store_true", help="Embed with the real model.")
    parser.add_argument("--no-save", action="store_true", help="Do not write results/.")
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.step, not args.model)
        return
    steps = [s for s in every if s in args.steps]
    with tempfile.TemporaryDirectory() as folder:
        rows = [run_size(Path(folder), size, steps, not args.model) for size in args.sizes]
    ratios = growth(rows[0], rows[1], steps)
    print(json.dumps(ratios), flush=True)
    if not args.no_save:
        args.results.parent.mkdir(exist_ok=True)
        args.results.write_text(json.dumps([*rows, ratios], indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
