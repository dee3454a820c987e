"""Attribution: quotes, reported speech, sources, chains, the spaCy component, the evaluation.

Every sentence here is the team's own, in the style of reporting on the 2026 talks. The floor
test reads PolNeAR from ../shared/eval at run time and skips where it is absent; no PolNeAR
text is copied here.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from newsledger.attribution import Attribution, SourceLink, TextSpan, extract_attributions
from newsledger.attribution.quotes import find_quotes, kind_of, top_level
from newsledger.evaluation.attribution import evaluate, format_report, load_gold
from newsledger.records import ActorMention
from newsledger.resolve.actors import link_actors

POLNEAR_DEV = Path(__file__).parent.parent.parent / "shared/eval/attribution/polnear/data/dev"
FLOORS = Path(__file__).parent / "floors" / "attribution.json"
PUBLISHED = datetime.date(2026, 1, 28)


@pytest.fixture(scope="module")
def nlp() -> Any:
    from newsledger.nlp.model import load_model

    return load_model()


def read(nlp: Any, text: str) -> tuple[list[Attribution], list[ActorMention]]:
    doc = nlp(text)
    actors = link_actors(doc, PUBLISHED)
    return extract_attributions(doc, actors, rate_certainty=False), actors


def only(nlp: Any, text: str) -> Attribution:
    """The one attribution of the text that is not nested in another's content."""
    found, _ = read(nlp, text)
    outer = [a for a in found if not any(_nested(a, b) for b in found if b is not a)]
    assert len(outer) == 1, [(a.cue.text, a.content.text) for a in found]
    return outer[0]


def _nested(inner: Attribution, outer: Attribution) -> bool:
    return any(start <= inner.cue.start < end for start, end in outer.content.pieces())


def actor_of(actors: list[ActorMention], text: str) -> str | None:
    return next(m.actor_id for m in actors if m.text == text)


# --- quote marks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ('He said "we are ready" today.', ['"we are ready"']),
        ("He said “we are ready” today.", ["“we are ready”"]),
        ("He said ''we are ready'' today.", ["''we are ready''"]),
        ("She called it “a step,” and “a good one.”", ["“a step,”", "“a good one.”"]),
        ("Zelensky’s envoy didn’t say.", []),  # apostrophes are no quotes
    ],
)
def test_quote_marks_pair(text: str, quoted: list[str]) -> None:
    assert [text[q.start : q.end] for q in top_level(find_quotes(text))] == quoted


def test_a_quote_open_at_a_paragraph_end_runs_on() -> None:
    text = "“The guarantees must be real.\n\n“And binding,” he said."
    first, second = top_level(find_quotes(text))
    assert first.runs_on and text[first.start : first.end] == "“The guarantees must be real."
    assert not second.runs_on


def test_single_quotes_nest_inside_double_quotes() -> None:
    text = "“He told me, ‘We want peace,’ and I believe him,” Trump said."
    quotes = find_quotes(text)
    assert [(text[q.start : q.end], q.depth) for q in quotes] == [
        ("“He told me, ‘We want peace,’ and I believe him,”", 0),
        ("‘We want peace,’", 1),
    ]


def test_kind_counts_letters_inside_quote_marks() -> None:
    text = "Zelensky said the plan was “a step in the right direction” but not enough."
    quotes = find_quotes(text)
    whole = [(text.index("the plan"), len(text) - 1)]
    quoted = [(text.index("“"), text.index("”") + 1)]
    assert kind_of(text, whole, quotes) == "mixed"
    assert kind_of(text, quoted, quotes) == "direct"
    assert kind_of(text, [(0, 8)], quotes) == "reported"


# --- direct quotes -----------------------------------------------------------------------------


def test_straight_quote_with_inverted_speaker(nlp: Any) -> None:
    found = only(nlp, '"The talks were constructive," said Dmitry Peskov, the Kremlin spokesman.')
    assert found.kind == "direct"
    assert found.content.text == '"The talks were constructive,"'
    assert found.cue.text == "said"
    assert found.source is not None
    assert found.source.text == "Dmitry Peskov, the Kremlin spokesman"
    assert found.source_type == "named official"
    assert found.anonymous is False


def test_quote_running_over_several_sentences(nlp: Any) -> None:
    text = "Zelensky said: “We need guarantees. We need weapons. We need time.”"
    found = only(nlp, text)
    assert found.kind == "direct"
    assert found.content.text == "“We need guarantees. We need weapons. We need time.”"
    assert found.source is not None and found.source.text == "Zelensky"


def test_quote_split_by_he_said_is_one_attribution(nlp: Any) -> None:
    text = "Zelensky met the envoys. “We are ready to talk,” he said, “but not to surrender.”"
    found, actors = read(nlp, text)
    (quote,) = [a for a in found if a.kind == "direct"]
    assert quote.content.parts == (
        (text.index("“We"), text.index("he said") - 1),
        (text.index("“but"), len(text)),
    )
    assert quote.content.text == "“We are ready to talk,” “but not to surrender.”"
    assert quote.source_actor_id == actor_of(actors, "Zelensky")


def test_quote_after_the_speakers_sentence_continues_it(nlp: Any) -> None:
    found = only(nlp, "“We will not accept this,” Sybiha said. “Not now, not ever.”")
    assert len(found.content.pieces()) == 2
    assert found.content.text.endswith("“Not now, not ever.”")


def test_quote_over_two_paragraphs(nlp: Any) -> None:
    text = "“The guarantees must be real.\n\n“And they must come first,” Zelensky said."
    found = only(nlp, text)
    assert found.content.start == 0 and "And they must come first" in found.content.text


def test_nested_quote_is_its_own_attribution_inside_the_outer_one(nlp: Any) -> None:
    text = "“He told me, ‘We want peace,’ and I believe him,” Trump said."
    found, _ = read(nlp, text)
    outer = next(a for a in found if a.cue.text == "said")
    inner = next(a for a in found if a.cue.text == "told")
    assert outer.content.text == "“He told me, ‘We want peace,’ and I believe him,”"
    assert "We want peace" in inner.content.text
    assert outer.content.start <= inner.cue.start < outer.content.end


def test_mixed_quote(nlp: Any) -> None:
    found = only(nlp, "Zelensky said the plan was “a step in the right direction” but not enough.")
    assert found.kind == "mixed"
    assert found.content.text == "the plan was “a step in the right direction” but not enough"


def test_headline_colon_and_dash_attributions(nlp: Any) -> None:
    headline = only(nlp, "Zelensky: Ukraine will not give up Donbas\n\nKyiv, Jan. 28.")
    assert (headline.cue.text, headline.content.text) == (":", "Ukraine will not give up Donbas")
    signed = only(nlp, "“Peace is possible this year.”\n― Volodymyr Zelensky")
    assert signed.kind == "direct"
    assert signed.source is not None and signed.source.text == "Volodymyr Zelensky"


# --- reported speech ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        (
            "Peskov said that the proposal was unacceptable.",
            "Peskov",
            "said",
            "that the proposal was unacceptable",
        ),
        (
            "Peskov denied that any talks were planned.",
            "Peskov",
            "denied",
            "that any talks were planned",
        ),
        ("Rubio added that sanctions would stay.", "Rubio", "added", "that sanctions would stay"),
        (
            "The ministry warned that strikes would continue.",
            "The ministry",
            "warned",
            "that strikes would continue",
        ),
        (
            "Witkoff told reporters the meeting went well.",
            "Witkoff",
            "told",
            "the meeting went well",
        ),
        (
            "In a statement, the Russian Foreign Ministry said the proposal was unacceptable.",
            "the Russian Foreign Ministry",
            "said",
            "the proposal was unacceptable",
        ),
        (
            "Zelensky's spokesman said the president would attend.",
            "Zelensky's spokesman",
            "said",
            "the president would attend",
        ),
        (
            "According to Axios, the envoys will meet in Abu Dhabi.",
            "Axios",
            "According to",
            "the envoys will meet in Abu Dhabi",
        ),
        ("The talks, Peskov said, were useful.", "Peskov", "said", "The talks were useful"),
        (
            "Critics argue that the plan rewards aggression.",
            "Critics",
            "argue",
            "that the plan rewards aggression",
        ),
        (
            "Trump vowed to end the war within weeks.",
            "Trump",
            "vowed",
            "to end the war within weeks",
        ),
        ("Kallas criticised the draft framework.", "Kallas", "criticised", "the draft framework"),
    ],
)
def test_reported_speech(nlp: Any, text: str, source: str, cue: str, content: str) -> None:
    found = only(nlp, text)
    assert found.kind == "reported"
    assert found.source is not None and found.source.text == source
    assert found.cue.text == cue
    assert found.content.text == content


def test_passive_report_has_an_implicit_source(nlp: Any) -> None:
    found = only(nlp, "It was reported that the convoy had crossed the border.")
    assert found.source is None
    assert found.chain == ()
    assert (found.source_type, found.anonymous, found.count) == ("unknown", True, None)
    assert found.content.text == "that the convoy had crossed the border"


def test_sentence_index_is_the_cues(nlp: Any) -> None:
    found, _ = read(nlp, "The envoys met in Abu Dhabi. Witkoff said the talks went well.")
    assert [a.sentence for a in found] == [1]


# --- sources -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source_type", "anonymous", "count"),
    [
        ("Two officials said the delegation would leave on Friday.", "anonymous official", True, 2),
        ("A Kremlin source said Moscow would not accept the plan.", "anonymous official", True, 1),
        ("Sources close to the talks said a deal was near.", "anonymous official", True, None),
        ("Insiders say the draft is already written.", "anonymous official", True, None),
        ("Some sources suggest the meeting was cancelled.", "anonymous official", True, None),
        (
            "Critics argue that the plan rewards aggression.",
            "unnamed critics or observers",
            True,
            None,
        ),
        ("Analysts say the ceasefire will not hold.", "unnamed critics or observers", True, None),
        (
            "Investigative reports revealed that the funds were diverted.",
            "document or report",
            False,
            None,
        ),
        ("A poll by KIIS showed that most Ukrainians reject concessions.", "poll", False, None),
        ("The newspaper reported that the envoys had met twice.", "outlet", False, None),
        ("State media reported that the talks would resume.", "outlet", False, None),
        (
            "A Telegram post by the governor claimed that the bridge was hit.",
            "social-media post",
            False,
            None,
        ),
        ("Peskov denied that any talks were planned.", "named official", False, None),
        (
            "The Russian Foreign Ministry said the proposal was unacceptable.",
            "organisation",
            False,
            None,
        ),
    ],
)
def test_source_types(
    nlp: Any, text: str, source_type: str, anonymous: bool, count: int | None
) -> None:
    found = only(nlp, text)
    assert (found.source_type, found.anonymous, found.count) == (source_type, anonymous, count)


def test_anonymous_sources_have_no_actor(nlp: Any) -> None:
    found = only(nlp, "A Kremlin source said Moscow would not accept the plan.")
    assert found.source_actor_id is None


def test_he_resolves_to_the_last_person_named(nlp: Any) -> None:
    found, actors = read(
        nlp, "Zelensky met Trump in Davos. He said the guarantees were not enough."
    )
    (said,) = [a for a in found if a.cue.text == "said"]
    assert said.source is not None and said.source.text == "He"
    assert said.source_actor_id == actor_of(actors, "Zelensky")
    assert said.source_actor_id is not None


def test_it_and_the_ministry_resolve_to_the_organisation(nlp: Any) -> None:
    text = (
        "The Russian Defence Ministry issued a statement on Sunday. It said 40 drones were downed."
        " The ministry added that air defences were active."
    )
    found, actors = read(nlp, text)
    ministry = actor_of(actors, "The Russian Defence Ministry")
    by_cue = {a.cue.text: a for a in found}
    assert by_cue["said"].source_actor_id == ministry
    assert by_cue["added"].source_actor_id == ministry
    assert by_cue["said"].source_type == "organisation"


def test_they_takes_the_earlier_plural_source(nlp: Any) -> None:
    text = "Two officials said the delegation would leave. They added that no date was set."
    found, _ = read(nlp, text)
    added = next(a for a in found if a.cue.text == "added")
    assert (added.source_type, added.anonymous, added.count) == ("anonymous official", True, 2)


# --- chains -------------------------------------------------------------------------------------


def chain(found: Attribution) -> list[tuple[str, str, bool, int | None]]:
    return [(link.text, link.type, link.anonymous, link.count) for link in found.chain]


def test_outlet_citing_anonymous_sources(nlp: Any) -> None:
    text = (
        "According to the Financial Times, citing eight anonymous sources, Kyiv is ready to"
        " freeze the front line."
    )
    found = only(nlp, text)
    assert chain(found) == [
        ("the Financial Times", "outlet", False, None),
        ("eight anonymous sources", "anonymous official", True, 8),
    ]
    assert found.source is not None and found.source.text == "eight anonymous sources"
    assert (found.anonymous, found.count) == (True, 8)
    assert found.content.text == "Kyiv is ready to freeze the front line"


def test_official_who_told_an_outlet(nlp: Any) -> None:
    found = only(nlp, "A senior Ukrainian official told the FT that the talks had stalled.")
    assert chain(found) == [
        ("the FT", "outlet", False, None),
        ("A senior Ukrainian official", "anonymous official", True, 1),
    ]
    assert found.source is not None and found.source.text == "A senior Ukrainian official"


def test_told_reporters_is_no_relay(nlp: Any) -> None:
    found = only(nlp, "Witkoff told reporters the meeting went well.")
    assert [link.text for link in found.chain] == ["Witkoff"]


def test_outlet_reporting_citing_sources(nlp: Any) -> None:
    text = "Reuters reported, citing two sources, that the envoys would meet in Abu Dhabi."
    found = only(nlp, text)
    assert chain(found) == [
        ("Reuters", "outlet", False, None),
        ("two sources", "anonymous official", True, 2),
    ]
    assert found.content.text == "that the envoys would meet in Abu Dhabi"


def test_speaker_relayed_by_an_agency(nlp: Any) -> None:
    found = only(nlp, "Putin said the war would end soon, according to TASS.")
    assert [link.text for link in found.chain] == ["TASS", "Putin"]
    assert found.cue.text == "said"
    assert found.content.text == "the war would end soon"


def test_outlet_quoting_an_official(nlp: Any) -> None:
    text = "The Financial Times quoted a senior Western official as saying that the deal was close."
    found = only(nlp, text)
    assert [link.text for link in found.chain] == [
        "The Financial Times",
        "a senior Western official",
    ]
    assert found.source_type == "anonymous official"


# --- records and the component ----------------------------------------------------------------


def test_records_serialise() -> None:
    span = TextSpan("“A,” “B”", 0, 12, ((0, 4), (9, 12)))
    link = SourceLink("two officials", 20, 33, None, "anonymous official", True, 2)
    record = Attribution(
        span, span, span, "direct", None, "anonymous official", True, 2, (link,), 0
    )
    data = record.to_dict()
    assert data["content"]["parts"] == [[0, 4], [9, 12]]
    assert data["chain"] == [link.to_dict()]
    assert json.loads(json.dumps(data)) == data
    assert TextSpan("x", 1, 2).pieces() == ((1, 2),)


def test_spacy_component_writes_doc_extension() -> None:
    import spacy

    from newsledger.nlp.components import add_components
    from newsledger.nlp.model import MODEL_PACKAGE

    nlp = add_components(spacy.load(MODEL_PACKAGE))
    nlp.add_pipe("newsledger_attributions", config={"rate_certainty": False})
    doc = nlp("Peskov denied that any talks were planned.")
    found = doc._.newsledger_attributions
    assert [(a.cue.text, a.source_type) for a in found] == [("denied", "named official")]


# --- the evaluation ---------------------------------------------------------------------------


def write_split(folder: Path, text: str, ann: str) -> Path:
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "team_2026-01-28_talks.txt").write_text(text, encoding="utf-8")
    (folder / "attributions" / "team_2026-01-28_talks_ab12.ann").write_text(ann, encoding="utf-8")
    return folder


def test_evaluation_reads_brat_and_scores(tmp_path: Path) -> None:
    text = "Peskov said that the talks had stalled. “We are ready,” Zelensky said."
    ann = "\n".join(
        [
            f"T1\tSource 0 6\tPeskov\nT2\tCue 7 11\tsaid\nT3\tContent 12 38\t{text[12:38]}",
            "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3",
            "T4\tContent 40 54;54 55\t“We are ready,”\nT5\tSource 56 64\tZelensky",
            "T6\tCue 65 69\tsaid",
            "E2\tAttribution:T6 Content:T4 Source:T5 Cue:T6",
        ]
    )
    split = write_split(tmp_path / "dev", text, ann)
    (article,) = load_gold(split)
    assert article.published == datetime.date(2026, 1, 28)
    assert article.attributions[1].content == ((40, 54), (54, 55))
    result = evaluate(split)
    scores = result["scores"]
    assert scores["all"]["content"]["overlap"]["f1"] == 1.0
    assert scores["all"]["source"]["exact"]["f1"] == 1.0
    assert scores["direct"]["content"]["overlap"]["recall"] == 1.0
    assert scores["reported"]["content"]["overlap"]["recall"] == 1.0
    assert "PolNeAR attribution: 1 articles" in format_report(result)


@pytest.mark.skipif(
    not POLNEAR_DEV.exists(), reason=f"PolNeAR dev split not present at {POLNEAR_DEV}"
)
def test_polnear_dev_scores_stay_above_floors() -> None:
    result = evaluate(POLNEAR_DEV)
    print(format_report(result))
    for metric, floor in json.loads(FLOORS.read_text(encoding="utf-8")).items():
        kind, role, match, measure = metric.split(".")
        value = result["scores"][kind][role][match][measure]
        assert value >= floor, f"{metric} {value:.3f} fell below {floor}"
