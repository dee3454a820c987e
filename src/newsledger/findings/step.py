"""The ledger-wide step "findings": every article against the other outlets of the ledger."""

from __future__ import annotations

from typing import Any

from newsledger.crosscheck.copies import voices
from newsledger.findings.facts import ArticleFacts
from newsledger.findings.ledger import Voice, normalise, outlet_findings
from newsledger.findings.model import Finding
from newsledger.store import Ledger
from newsledger.store.findings import replace_outlet_findings

NAME = "findings"
STREAM_ABOVE = 20_000
"""Above this many analysed articles the step reads other articles on demand (bounded memory,
slower) instead of holding all of them (``docs/scale.md``)."""


def ledger_voices(ledger: Ledger, skip: str | None = None) -> list[Voice]:
    """Every analysed article of the ledger as a voice (``skip`` left out)."""
    owner = voices(ledger.db)
    rows = ledger.db.execute(
        "SELECT a.id, a.outlet, a.text FROM articles a JOIN analyses an ON an.article_id = a.id"
    ).fetchall()
    return [
        Voice(r["id"], r["outlet"], owner.get(r["id"], r["id"]), normalise(r["text"]),
              ledger.attributions(r["id"]))
        for r in rows
        if r["id"] != skip
    ]  # fmt: skip


def facts_of(ledger: Ledger, article_id: str) -> ArticleFacts:
    """What the ledger checks need of a stored article."""
    row = ledger.db.execute(
        "SELECT id, text, outlet FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    return ArticleFacts(
        row["id"],
        row["text"],
        None,
        ledger.sentences(article_id),
        attributions=ledger.attributions(article_id),
        outlet=row["outlet"],
    )


def run(ledger: Ledger) -> dict[str, Any]:
    """Replace the findings that rest on other outlets, for every article."""
    if ledger.url is None and _analysed(ledger) > STREAM_ABOVE:
        return run_streamed(ledger)
    everyone = ledger_voices(ledger)
    found: dict[str, list[Finding]] = {}
    for voice in everyone:
        facts = facts_of(ledger, voice.article_id)
        items = outlet_findings(facts, voice.voice, everyone)
        if items:
            found[voice.article_id] = items
    with ledger.transaction() as db:
        stored = replace_outlet_findings(db, found)
    kinds: dict[str, int] = {}
    for items in found.values():
        for item in items:
            kinds[item.kind] = kinds.get(item.kind, 0) + 1
    return {"articles": len(everyone), "findings": stored, **kinds}


def _analysed(ledger: Ledger) -> int:
    return int(ledger.db.execute("SELECT count(*) FROM analyses").fetchone()[0])


def run_streamed(ledger: Ledger) -> dict[str, Any]:
    """``run`` one article at a time: each reads only the other articles the full-text index
    says may carry its quotes or claims (``findings.candidates``), never a list of all."""
    from newsledger.findings.candidates import Candidates

    candidates = Candidates(ledger)
    found: dict[str, list[Finding]] = {}
    articles = 0
    for article_id, outlet, voice in candidates.articles():
        articles += 1
        facts = facts_of(ledger, article_id)
        others = candidates.for_article(facts, voice)
        items = outlet_findings(facts, voice, others, candidates.outlets_checked(voice, outlet))
        if items:
            found[article_id] = items
    with ledger.transaction() as db:
        stored = replace_outlet_findings(db, found)
    kinds: dict[str, int] = {}
    for items in found.values():
        for item in items:
            kinds[item.kind] = kinds.get(item.kind, 0) + 1
    return {"articles": articles, "findings": stored, **kinds}


def against_ledger(ledger: Ledger, report: dict[str, Any]) -> list[dict[str, Any]]:
    """The "outlets" findings of an article checked outside the ledger (``check --db``)."""
    from newsledger.findings.facts import facts_from_report

    facts = facts_from_report(report)
    article_id = report["article"]["id"]
    own = voices(ledger.db).get(article_id, article_id)
    others = ledger_voices(ledger, skip=article_id)
    return [f.to_dict() for f in outlet_findings(facts, own, others)]
