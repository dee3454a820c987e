from __future__ import annotations

from pathlib import Path

import pytest

from newsledger import Ledger, analyze_ledger, check_file, ingest, show_article
from newsledger.nlp.analyze import _sentence_of
from newsledger.nlp.model import load_model

from .conftest import GOOD, check_golden


def test_model_loads_once_through_one_function() -> None:
    assert load_model() is load_model()
    assert "ner" in load_model().pipe_names


def test_check_output_is_golden() -> None:
    """Deterministic given the pinned model: spans and labels of a fixed article."""
    result = check_file(str(GOOD / "front-matter.txt"))
    check_golden("check-front-matter.json", result)


def test_every_span_points_into_the_stored_text(analysed_db: Path) -> None:
    with Ledger(analysed_db, readonly=True) as ledger:
        texts = {r["id"]: ledger.article(r["id"])["text"] for r in ledger.articles()}
        mentions = ledger.mentions()
        assert mentions
        for mention in mentions:
            assert (
                texts[mention["article_id"]][mention["start"] : mention["end"]] == mention["text"]
            )
        for article_id, text in texts.items():
            sentences = ledger.sentences(article_id)
            assert sentences
            for sentence in sentences:
                assert text[sentence["start"] : sentence["end"]] == sentence["text"]


def test_mentions_know_their_sentence(analysed_db: Path) -> None:
    with Ledger(analysed_db, readonly=True) as ledger:
        for mention in ledger.mentions():
            (sentence,) = [
                s
                for s in ledger.sentences(mention["article_id"])
                if s["index"] == mention["sentence"]
            ]
            assert sentence["start"] <= mention["start"] < sentence["end"]


def test_expected_entities_found(analysed_db: Path) -> None:
    with Ledger(analysed_db, readonly=True) as ledger:
        people = {m["text"] for m in ledger.mentions(label="PERSON")}
        places = {m["text"] for m in ledger.mentions(label="GPE")}
        found = {m["text"] for m in ledger.mentions()}
    assert {"Steve Witkoff", "Vladimir Putin", "Dmitry Peskov", "Volodymyr Zelensky"} <= people
    assert {"Moscow", "Abu Dhabi", "Davos", "Ukraine"} <= places
    assert "Rustem Umerov" in found  # the small model calls him an ORG: resolution fixes that


def test_entities_never_cross_paragraphs_or_end_on_space(analysed_db: Path) -> None:
    with Ledger(analysed_db, readonly=True) as ledger:
        for mention in ledger.mentions():
            assert "\n" not in mention["text"]
            assert mention["text"] == mention["text"].strip()
        for row in ledger.articles():
            for sentence in ledger.sentences(row["id"]):
                assert "\n\n" not in sentence["text"]


def test_components_work_in_any_pipeline() -> None:
    """Registered through entry points: a blank pipeline finds them without importing us."""
    import subprocess
    import sys

    code = (
        "import spacy; nlp = spacy.blank('en'); nlp.add_pipe('newsledger_paragraphs');"
        "doc = nlp('Headline here\\n\\nBody starts. Then more.');"
        "print([t.is_sent_start for t in doc][3])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_only_unanalysed_articles_are_processed(ledger: Ledger) -> None:
    ingest(ledger, [str(GOOD / "wire.jsonl")])
    assert analyze_ledger(ledger).analyzed == 2
    assert analyze_ledger(ledger).analyzed == 0
    ingest(ledger, [str(GOOD / "feed.atom")])
    assert ledger.count_pending() == 1
    assert analyze_ledger(ledger).analyzed == 1


def test_limit_and_resume(ledger: Ledger) -> None:
    ingest(ledger, [str(GOOD)])
    assert analyze_ledger(ledger, limit=4).analyzed == 4
    assert ledger.count_pending() == 7
    assert analyze_ledger(ledger, batch_size=3).analyzed == 7
    assert ledger.count_pending() == 0


def test_two_workers_give_the_same_records_as_one(tmp_path: Path, analysed_db: Path) -> None:
    with Ledger(tmp_path / "two.db") as ledger:
        ingest(ledger, [str(GOOD)])
        report = analyze_ledger(ledger, workers=2, batch_size=2)
        assert report.analyzed == 11
        parallel = ledger.mentions()
    with Ledger(analysed_db, readonly=True) as ledger:
        assert parallel == ledger.mentions()


def test_show_has_the_same_shape_as_check(analysed_db: Path) -> None:
    checked = check_file(str(GOOD / "page.html"))
    with Ledger(analysed_db, readonly=True) as ledger:
        shown = show_article(ledger, checked["article"]["id"])
    assert shown["article"] == checked["article"]
    assert shown["mentions"] == checked["mentions"]
    assert shown["sentences"] == checked["sentences"]
    for layer in ("actors", "places", "times"):
        assert shown[layer] == checked[layer], layer
    assert [s["outlet"] for s in shown["sightings"]] == ["Lantern Daily"]


@pytest.mark.parametrize(("token", "expected"), [(0, 0), (4, 0), (5, 1), (9, 1), (10, 2), (99, 2)])
def test_sentence_lookup(token: int, expected: int) -> None:
    assert _sentence_of(token, [0, 5, 10]) == expected


def test_titles_resolve_by_the_date_their_sentence_names() -> None:
    from newsledger.api import check_article
    from newsledger.ingest import to_article
    from newsledger.ingest.items import RawArticle

    text = (
        "In 2023 the Ukrainian defence minister visited Washington. "
        "The Ukrainian defence minister said on Monday that talks would go on."
    )
    article = to_article(RawArticle("t", "text", text, published="2026-02-03"))
    result = check_article(article)
    assert [(a["text"], a["actor_id"]) for a in result["actors"]] == [
        ("Ukrainian defence minister", "person.reznikov-oleksii"),
        ("Ukrainian defence minister", "person.fedorov-mykhailo"),
    ]
    assert [(t["text"], t["value"]) for t in result["times"]] == [
        ("2023", "2023"),
        ("Monday", "2026-02-02"),
    ]


def test_undated_article_keeps_relative_times_unresolved() -> None:
    result = check_file(str(GOOD / "plain.txt"))
    tuesday = next(t for t in result["times"] if t["text"] == "Tuesday")
    assert (tuesday["value"], tuesday["kind"]) == (None, "unresolved")
