"""The first NLP pass: sentences and entity mentions, with spans into the stored text."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from newsledger.nlp.model import PIPELINE_VERSION, load_model, model_label
from newsledger.records import Analysis, Mention, Sentence
from newsledger.store import Ledger

DEFAULT_BATCH = 32


def doc_to_analysis(doc: Any, article_id: str) -> Analysis:
    """Sentences and entity mentions of a parsed Doc, as records."""
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
    return Analysis(article_id, sentences, mentions)


def _sentence_of(token: int, starts: list[int]) -> int:
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= token:
            low = middle
        else:
            high = middle - 1
    return low


def analyze_texts(
    items: Iterable[tuple[str, str]],
    *,
    workers: int = 1,
    batch_size: int = DEFAULT_BATCH,
    nlp: Any = None,
) -> Iterator[Analysis]:
    """Analyse (article id, text) pairs through ``nlp.pipe``, in order."""
    nlp = nlp or load_model()
    stream = ((text, aid) for aid, text in items)
    for doc, aid in nlp.pipe(stream, as_tuples=True, batch_size=batch_size, n_process=workers):
        yield doc_to_analysis(doc, aid)


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
    pending: Iterable[tuple[str, str]] = ledger.pending(batch_size=max(batch_size, 16))
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


def _take(items: Iterable[tuple[str, str]], limit: int) -> Iterator[tuple[str, str]]:
    for count, item in enumerate(items):
        if count >= limit:
            return
        yield item
