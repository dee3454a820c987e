"""Checks against the knowledge base: titles on the article's date, ordinal periods, and the
dates and places of key events."""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsledger.findings.facts import ArticleFacts, Row
from newsledger.findings.keyevents import EventMention, KeyEvent, find_event_mentions, key_events
from newsledger.findings.model import Finding, finding
from newsledger.findings.ordinals import ordinal_for, ordinal_periods
from newsledger.findings.titles import TitleUse, title_uses
from newsledger.kb.actors import Actor, Role, actor_kb
from newsledger.kb.names import name_key
from newsledger.kb.periods import period_starts

# A sentence about plans, wishes or possibilities does not date what happened.
_NOT_FACT = re.compile(
    r"\b(will|would|could|might|may|next|planned|scheduled|expected|due|set for|postponed|"
    r"hopes?|if)\b",
    re.I,
)
_PRESENT = re.compile(r"\b(enters|entering|is in|now in|marks|marking|into its)\b", re.I)
_SLACK = timedelta(days=62)  # "enters its fifth year" a few weeks early is fair
_BEFORE = re.compile(r"^[\s,]*(?:(?:in|on|of|back|held|last|since|from|during)\s+)*(?:the\s+)?$")
_AFTER_PLACE = re.compile(r"^\s*,?\s*(?:held\s+|which\s+took\s+place\s+)?(?:in|at)\s+(?:the\s+)?$")


def knowledge_findings(facts: ArticleFacts) -> list[Finding]:
    """Every check against the knowledge base."""
    return [*title_findings(facts), *ordinal_dates(facts), *event_findings(facts)]


# -- titles on the article's date -------------------------------------------------------------


def title_findings(facts: ArticleFacts, uses: list[TitleUse] | None = None) -> list[Finding]:
    """Titles a person never held, "former" for an office-holder in office, and the reverse."""
    found = []
    for use in uses if uses is not None else title_uses(facts):
        actor = actor_kb().actors.get(use.actor_id)
        if actor is None:
            continue
        result = _check_title(facts, use, actor)
        if result is not None:
            found.append(result)
    return found


def _check_title(facts: ArticleFacts, use: TitleUse, actor: Actor) -> Finding | None:
    kb = actor_kb()
    roles = [r for r in actor.roles if r.office in use.offices]
    now = [r for r in roles if (r.held_on(facts.day) if facts.day else r.end is None)]
    evidence = [facts.evidence(use.start, use.end)]
    details = {"actor_id": actor.id, "title": use.title, "offices": sorted(use.offices)}
    held = ", ".join(o.title for o in kb.roles_on(actor, facts.day)) or "no office recorded"
    when = f"on {facts.day}" if facts.day else "now"
    if use.former and now:
        since = now[0].start
        message = f"{actor.name} is called {use.title!r} with 'former' but held it {when}"
        message += f" (since {since})" if since else ""
        return finding("title-date", "error", message, evidence, use.sentence, **details)
    if use.former or now or _held_in_sentence(facts, use, roles):
        return None
    if roles:
        ended = max((r.end for r in roles if r.end), default=None)
        message = f"{actor.name} is called {use.title!r} but left that office"
        message += f" on {ended}" if ended else ""
        message += f"; {when}: {held}"
        return finding("title-date", "warning", message, evidence, use.sentence, **details)
    message = f"{actor.name} never held the office {use.title!r}; {when}: {held}"
    return finding("title-wrong", "error", message, evidence, use.sentence, **details)


def _held_in_sentence(facts: ArticleFacts, use: TitleUse, roles: list[Role]) -> bool:
    """A sentence about another time ("in 2023 the defence minister") may give that time's
    title."""
    for ref in facts.times:
        if facts.sentence_of(ref["start"]) != use.sentence:
            continue
        span = time_range(ref)
        if span is None:
            continue
        first, last = span
        for role in roles:
            start, end = role.start, role.end
            if (start is None or start <= last) and (end is None or end > first):
                return True
    return False


# -- ordinal periods --------------------------------------------------------------------------


def ordinal_dates(facts: ArticleFacts) -> list[Finding]:
    """ "The war enters its sixth year" in an article from its fourth."""
    if facts.day is None:
        return []
    day = facts.day
    starts = set(period_starts().values())
    found = []
    for period in ordinal_periods(facts):
        if period.base not in starts:
            continue
        sentence = _sentence_text(facts, period.sentence)
        ahead = period.first_day > day + _SLACK and not _NOT_FACT.search(sentence)
        behind = period.last_day < day - _SLACK and _PRESENT.search(sentence)
        if not (ahead or behind):
            continue
        right = ordinal_for(period.base, period.unit, day)
        message = (
            f"{period.text!r} runs from {period.first_day} to {period.last_day}; on {day} the "
            f"period that began on {period.base} is in its {_ordinal(right)} {period.unit}"
        )
        found.append(
            finding(
                "ordinal-date",
                "error",
                message,
                [facts.evidence(period.start, period.end)],
                period.sentence,
                base=str(period.base),
                stated=period.ordinal,
                expected=right,
            )
        )
    return found


def _ordinal(number: int | None) -> str:
    if number is None:
        return "?"
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10)
    return f"{number}{suffix or 'th'}"


def _sentence_text(facts: ArticleFacts, index: int | None) -> str:
    start, end = facts.sentence_span(index)
    return facts.text[start:end]


# -- key events -------------------------------------------------------------------------------


def event_findings(facts: ArticleFacts) -> list[Finding]:
    """Key events the article places in the wrong year, month or place."""
    found = []
    for mention in find_event_mentions(facts.text):
        sentence = facts.sentence_of(mention.start)
        if _NOT_FACT.search(_sentence_text(facts, sentence)):
            continue
        stated = _stated_time(facts, mention)
        if stated is not None:
            result = _date_finding(facts, mention, stated, sentence)
            if result is not None:
                found.append(result)
                continue
        place = _stated_place(facts, mention)
        if place is not None:
            result = _place_finding(facts, mention, place, sentence)
            if result is not None:
                found.append(result)
    return found


def time_range(ref: Row) -> tuple[date, date] | None:
    """The first and last day of an absolute year, month, day or interval."""
    value = ref.get("value") or ""
    if ref.get("relative") or ref.get("kind") not in ("point", "interval"):
        return None
    try:
        if "/" in value:
            one, two = value.split("/", 1)
            head = time_range({"value": one, "kind": "point"})
            tail = time_range({"value": two, "kind": "point"})
            return (head[0], tail[1]) if head and tail else None
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 1, 1), date(int(value), 12, 31)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            month = date(int(value[:4]), int(value[5:]), 1)
            following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
            return month, following - timedelta(days=1)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            day = date.fromisoformat(value)
            return day, day
    except ValueError:
        return None
    return None


def _stated_time(facts: ArticleFacts, mention: EventMention) -> tuple[Row, date, date] | None:
    """The absolute date written with the event: inside its words or right next to them."""
    best: tuple[int, Row, date, date] | None = None
    for ref in facts.times:
        span = time_range(ref)
        if span is None or facts.sentence_of(ref["start"]) != facts.sentence_of(mention.start):
            continue
        if ref["start"] >= mention.start and ref["end"] <= mention.end:
            gap = 0
        elif ref["start"] >= mention.end:
            between = facts.text[mention.end : ref["start"]]
            if len(between) > 25 or not _BEFORE.match(between):
                continue
            gap = len(between)
        elif ref["end"] <= mention.start:
            between = facts.text[ref["end"] : mention.start]
            if len(between) > 25 or re.search(r"[.;:]|\b(said|says|and|but)\b", between):
                continue
            gap = len(between) + 1
        else:
            continue
        if best is None or gap < best[0]:
            best = (gap, ref, *span)
    return best[1:] if best else None


def _date_finding(
    facts: ArticleFacts,
    mention: EventMention,
    stated: tuple[Row, date, date],
    sentence: int | None,
) -> Finding | None:
    ref, first, last = stated
    events = _candidates(mention)
    if any(_overlaps(event, first, last, slack=1) for event in events):
        return None
    same_year = any(
        _overlaps(event, date(first.year, 1, 1), date(last.year, 12, 31)) for event in events
    )
    event = events[0]
    when = _when(event)
    message = f"{mention.text!r} is dated {ref['text']!r}, but {event.name} was {when}"
    evidence = [
        facts.evidence(mention.start, mention.end),
        facts.evidence(ref["start"], ref["end"]),
    ]
    evidence.sort(key=lambda e: e.start)
    return finding(
        "event-date",
        "warning" if same_year else "error",
        message,
        evidence,
        sentence,
        event_id=event.id,
        stated=ref.get("value"),
        expected=str(event.start),
    )


def _candidates(mention: EventMention) -> list[KeyEvent]:
    events = list(mention.events)
    if any(e.kind == "invasion" for e in events):  # 2014 and 2022 are both invasions
        events += [e for e in key_events() if e.kind == "invasion" and e not in events]
    return events


def _overlaps(event: KeyEvent, first: date, last: date, slack: int = 0) -> bool:
    start = event.start - timedelta(days=slack)
    end = (event.end or date.max - timedelta(days=slack)) + timedelta(days=slack)
    return start <= last and first <= end


def _when(event: KeyEvent) -> str:
    if event.end and event.end != event.start:
        return f"from {event.start} to {event.end}" + (f" in {event.place}" if event.place else "")
    return f"on {event.start}" + (f" in {event.place}" if event.place else "")


def _stated_place(facts: ArticleFacts, mention: EventMention) -> Row | None:
    """A place written right after the event ("the Trump-Putin summit in Helsinki")."""
    for place in facts.places:
        if place["start"] < mention.end or not place.get("place_id"):
            continue
        between = facts.text[mention.end : place["start"]]
        if mention.by_alias and _AFTER_PLACE.match(between) and len(between) <= 20:
            return place
        break
    return None


def _place_finding(
    facts: ArticleFacts, mention: EventMention, place: Row, sentence: int | None
) -> Finding | None:
    if any(_same_place(event, place) for event in mention.events):
        return None
    event = mention.events[0]
    when = _when(event)
    message = f"{mention.text!r} is placed in {place['text']!r}, but {event.name} was {when}"
    evidence = [
        facts.evidence(mention.start, mention.end),
        facts.evidence(place["start"], place["end"]),
    ]
    return finding(
        "event-place",
        "error",
        message,
        evidence,
        sentence,
        event_id=event.id,
        stated=place.get("place_id"),
        expected=event.place_id or event.place,
    )


def _same_place(event: KeyEvent, place: Row) -> bool:
    place_id = str(place.get("place_id") or "")
    if event.place_id and place_id.removeprefix("kb:") == event.place_id:
        return True
    keys = {name_key(place["text"]), name_key(place.get("name") or "")}
    if keys & event.place_keys() or any(k and k in name_key(event.name) for k in keys):
        return True
    broad = place.get("kind") in ("country", "admin1", "region") or place_id.startswith(
        ("country:", "admin1:")
    )
    return broad and place.get("country") == event.country
