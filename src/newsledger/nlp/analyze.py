"""The NLP pass: sentences, entity mentions and the resolution layer, with spans into the text."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, TypeVar

from newsledger.attribution import extract_attributions
from newsledger.claims import extract_claims
from newsledger.events import code_events
from newsledger.findings import article_findings
from newsledger.kb.periods import period_starts
from newsledger.nlp.model import PIPELINE_VERSION, load_model, model_label
from newsledger.records import Analysis, Mention, Sentence, TimeRef
from newsledger.resolve.actors import link_actors
from newsledger.resolve.places import resolve_places
from newsledger.resolve.times import resolve_times
from newsledger.stances import extract_stances
from newsledger.store import Ledger

DEFAULT_BATCH = 32
Item = tuple[str, str, str | None]  # article id, text, publication date
R = TypeVar("R")


def doc_to_analysis(doc: Any, article_id: str, published: str | None = None) -> Analysis:
    """Every record of a parsed Doc: sentences, entity mentions, actors, places, times."""
    sentences = []
    for index, sent in enumerate(doc.sents):
        text = sent.text.rstrip()  # the break after a paragraph is not part of its sentence
        sentences.append(
            Sentence(article_id, index, sent.start_char, sent.start_char + len(text), text)
        )
    starts = [s.start for s in doc.sents]
    mentions = [
        Mention(
            article_id, e.start_char, e.end_char, e.text, e.label_, _sentence_of(e.start, starts)
        )
        for e in doc.ents
    ]
    analysis = Analysis(article_id, sentences, mentions)
    resolve_into(analysis, doc, publication_day(published))
    return analysis


def publication_day(published: str | None) -> date | None:
    """The calendar day of an ISO publication date or timestamp."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def resolve_into(analysis: Analysis, doc: Any, day: date | None) -> None:
    """Add the resolution layer (actors, places, times), each record tagged with its sentence,
    then the layers that rest on it: attributions, events, stances, claims, and last the
    findings, which read all of them."""
    starts = [s.start for s in analysis.sentences]
    times = resolve_times(doc, day, period_starts() or None)
    # Counts and ages the NER calls DATE come back with granularity "unknown": not times.
    analysis.times = [_in_sentence(t, starts) for t in times if t.granularity != "unknown"]
    days = sentence_days(analysis.times, day)
    analysis.places = resolve_places(doc)
    places = [p for p in analysis.places if p.place_id]
    analysis.actors = [
        _in_sentence(m, starts)
        for m in link_actors(doc, day, days)
        if m.actor_id or not any(p.start < m.end and m.start < p.end for p in places)
    ]  # an unknown "organisation" that is a known place ("Donbass") is the place's
    analysis.attributions = extract_attributions(doc, analysis.actors)
    analysis.events = code_events(doc, analysis.actors, day, times)
    analysis.stances = extract_stances(doc, analysis, day)
    analysis.claims = extract_claims(doc, analysis)
    # last: the findings read every layer above
    analysis.findings = article_findings(analysis, doc.text, day)


def sentence_days(times: list[TimeRef], published: date | None) -> dict[int, date]:
    """The day a sentence is about, where it names a point in time other than the article's.

    Used to resolve titles as of that day: "in 2023 the Ukrainian defence minister" is Reznikov.
    """
    days: dict[int, date] = {}
    for ref in times:
        moment = _midpoint(ref)
        if ref.sentence is None or moment is None or ref.kind != "point":
            continue
        if published is None or abs((moment - published).days) > 31:
            days.setdefault(ref.sentence, moment)
    return days


def _midpoint(ref: TimeRef) -> date | None:
    """A representative day of a day, month or year value."""
    value = ref.value or ""
    try:
        if ref.granularity == "day":
            return date.fromisoformat(value[:10])
        if ref.granularity == "month":
            return date.fromisoformat(f"{value[:7]}-15")
        if ref.granularity == "year" and value[:4].isdigit():
            return date(int(value[:4]), 7, 1)
    except ValueError:
        return None
    return None


def _in_sentence(record: R, starts: list[int]) -> R:
    if getattr(record, "sentence", None) is not None or not starts:
        return record
    index = max(bisect_right(starts, record.start) - 1, 0)  # type: ignore[attr-defined]
    return replace(record, sentence=index)  # type: ignore[type-var]


def _sentence_of(token: int, starts: list[int]) -> int:
    """The index of the sentence (by its first token) that holds ``token``."""
    return max(bisect_right(starts, token) - 1, 0)


def analyze_texts(
    items: Iterable[Item],
    *,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH,
    nlp: Any = None,
) -> Iterator[Analysis]:
    """Analyse (article id, text, published) items through ``nlp.pipe``, in order."""
    nlp = nlp or load_model()
    stream = ((text, (aid, published)) for aid, text, published in items)
    docs = nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=workers)
    for doc, (aid, published) in docs:
        yield doc_to_analysis(doc, aid, published)


@dataclass(frozen=True)
class AnalyzeReport:
    analyzed: int
    sentences: int
    mentions: int


def analyze_ledger(
    ledger: Ledger,
    *,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH,
    limit: int | None = None,
    progress: Callable[[int], object] | None = None,
) -> AnalyzeReport:
    """Analyse the articles not analysed yet; each one is saved in its own transaction.

    A crash loses at most the articles in flight; a rerun picks up where it stopped.
    """
    nlp = load_model()
    label = model_label(nlp)
    pending: Iterable[Item] = ledger.pending(batch_size=max(batch_size, 16))
    if limit is not None:
        pending = _take(pending, limit)
    done = sentences = mentions = 0
    for analysis in analyze_texts(pending, workers=workers, batch_size=batch_size, nlp=nlp):
        ledger.save_analysis(analysis, model=label, pipeline=PIPELINE_VERSION)
        done += 1
        sentences += len(analysis.sentences)
        mentions += len(analysis.mentions)
        if progress is not None:
            progress(1)
    return AnalyzeReport(done, sentences, mentions)


def _take(items: Iterable[Item], limit: int) -> Iterator[Item]:
    for count, item in enumerate(items):
        if count >= limit:
            return
        yield item
