"""One event, many reports: group the stored events of a whole ledger into clusters.

A *report* is one stored event with where it was read (article, outlets, the original it
copies). Two reports tell the same happening when they have the same PLOVER type and the same
status (factual, historical, future, hypothetical or negated: a denial never merges with the
deed), their dates can be one day, their parties do not conflict, and something ties them: a
shared party, or the same place on the same day. A report that names no known party ("the
talks" after "Witkoff met Putin") joins the nearest report of its type in its own article.

Dates: a date the text gives is taken as it is (a day, a night "A/B", a week); a report dated
only by its article may lie up to ``window_days`` before the publication.

Merging is checked cluster against cluster, not only report against report: all the reports'
dates must share a day and the parties must agree with the other cluster's, so daily strikes
do not chain into one month-long event.

Parties: the same actor id matches; a country or government ("country.RUS", "gov.RUS") also
matches any party of that country ("Russian drones", "Putin"). Words the knowledge base does
not know tie only by the same words and never block a merge. For types that parties do
together (meetings, agreements, cooperation, exchanges) actors and recipients are compared as
one set, so "Zelensky met Trump" and "Trump met Zelensky" merge.

Scale: candidates are blocked by (type, status, party key or place) and swept in date order,
so only reports within the window that share a key are ever compared, never all pairs.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsledger.events.model import Event, Participant
from newsledger.kb.names import name_key

WINDOW_DAYS = 2
SYMMETRIC = frozenset({"CONSULT", "COOPERATE", "AGREE", "RETREAT"})
STATUSES = ("factual", "historical", "future", "hypothetical", "negated")
GENERIC = ("country.", "gov.")

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


@dataclass(frozen=True, slots=True)
class Report:
    """One stored event and where it was read.

    ``outlets`` are every outlet the article was seen at (verbatim copies included); ``voice``
    the id of the original the article counts as (itself unless it is a copy).
    """

    event_id: int
    article_id: str
    event: Event
    published: str | None = None
    outlets: tuple[str, ...] = ()
    voice: str = ""

    @property
    def status(self) -> str:
        return status_of(self.event)

    def when(self, window_days: int) -> tuple[int, int] | None:
        """The days (ordinals, first and last) the event may lie on: those of a date its
        text gives; else up to ``window_days`` before its article's publication; None when
        neither is known."""
        if self.event.date_source == "text" or self.published is None:
            span = date_span(self.event.date)
            if span is not None:
                return span[0].toordinal(), span[1].toordinal()
        published = parse_day(self.published)
        if published is None:
            return None
        return published.toordinal() - window_days, published.toordinal()


@dataclass(frozen=True, slots=True)
class Cluster:
    """Reports of one happening (one report when nobody else told it)."""

    id: str
    type: str
    status: str
    reports: tuple[Report, ...]
    mode: str | None = None
    actors: tuple[Participant, ...] = ()
    recipients: tuple[Participant, ...] = ()
    place: str | None = None
    first_date: str | None = None
    last_date: str | None = None
    confidence: float = 0.0

    @property
    def first(self) -> Report:
        """The earliest published report (text order breaks ties)."""
        return self.reports[0]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.article_id for r in self.reports))

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({o for r in self.reports for o in r.outlets}))

    @property
    def voices(self) -> int:
        """Independent reports: articles counted once per original (copies collapse)."""
        return len({r.voice or r.article_id for r in self.reports})


def status_of(event: Event) -> str:
    """Which reports may merge: a denial, a plan or a possibility is not the deed."""
    if event.negated:
        return "negated"
    if event.hypothetical:
        return "hypothetical"
    if event.future:
        return "future"
    return "historical" if event.historical else "factual"


def parse_day(value: str | None) -> date | None:
    match = _DAY.match(value or "")
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def date_span(value: str | None) -> tuple[date, date] | None:
    """First and last day of a normalised time value: a day, ``A/B``, a week, month or year."""
    if not value:
        return None
    if "/" in value:
        first, _, last = value.partition("/")
        start, end = date_span(first), date_span(last)
        return (start[0], end[1]) if start and end else None
    day = parse_day(value)
    if day is not None:
        return day, day
    week = _WEEK.match(value)
    if week is not None:
        monday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 1)
        return monday, monday + timedelta(days=6)
    return _month_or_year(value)


def _month_or_year(value: str) -> tuple[date, date] | None:
    month = re.match(r"^(\d{4})-(\d{2})$", value)
    if month is not None:
        year, number = int(month.group(1)), int(month.group(2))
        if not 1 <= number <= 12:
            return None
        after = date(year + number // 12, number % 12 + 1, 1)
        return date(year, number, 1), after - timedelta(days=1)
    year_only = re.match(r"^(\d{4})$", value)
    if year_only is not None:
        year = int(year_only.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    return None


# -- parties ---------------------------------------------------------------------------------


def _known(p: Participant) -> bool:
    return bool(p.actor_id or p.country)


def _generic(p: Participant) -> bool:
    return bool(p.actor_id and p.actor_id.startswith(GENERIC))


def compatible(a: Participant, b: Participant) -> bool:
    """The same actor, or a country (its government) and someone of that country."""
    if (a.actor_id and a.actor_id == b.actor_id) or _same_unknown(a, b):
        return True
    if a.country is None or a.country != b.country:
        return False
    return _generic(a) or _generic(b)


def same_party(a: Participant, b: Participant) -> bool:
    """What ties two reports: the same actor, or the same country named as a whole ("Russia",
    "Moscow"). A country against one of its people is compatible but ties nothing: "the
    American delegation" in Moscow and "Trump" in Davos are not a reason to merge."""
    if (a.actor_id and a.actor_id == b.actor_id) or _same_unknown(a, b):
        return True
    return a.country is not None and a.country == b.country and _generic(a) and _generic(b)


def party_key(p: Participant) -> str:
    """The blocking key of a party: its country when it has one, else its words."""
    return f"c:{p.country}" if p.country else f"w:{name_key(p.text)}"


def _ties(first: Sequence[Participant], second: Sequence[Participant]) -> bool:
    if any(same_party(a, b) for a in first if _known(a) for b in second if _known(b)):
        return True
    words = {name_key(p.text) for p in first if not _known(p)}
    return any(name_key(p.text) in words for p in second if not _known(p))


def _conflicts(first: Sequence[Participant], second: Sequence[Participant]) -> bool:
    """Both name known parties and none of them match."""
    known_a, known_b = [p for p in first if _known(p)], [p for p in second if _known(p)]
    if not known_a or not known_b:
        return False
    return not any(compatible(a, b) for a in known_a for b in known_b)


# -- clustering ------------------------------------------------------------------------------


@dataclass
class _Group:
    """A cluster being built: its reports and what a merge must agree with."""

    reports: list[Report]
    symmetric: bool
    when: tuple[int, int] | None = None  # the days every report allows
    places: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, report: Report, when: tuple[int, int] | None) -> _Group:
        place = report.event.place
        return cls(
            [report],
            report.event.type in SYMMETRIC,
            when,
            {name_key(place.text)} if place else set(),
        )

    def sides(self) -> tuple[list[Participant], list[Participant]]:
        actors = [p for r in self.reports for p in r.event.actors]
        recipients = [p for r in self.reports for p in r.event.recipients]
        return (actors + recipients, []) if self.symmetric else (actors, recipients)

    def articles(self) -> set[str]:
        return {r.article_id for r in self.reports}


class Clusterer:
    """Union of groups under the rules of the module docstring."""

    def __init__(self, reports: Sequence[Report], window_days: int) -> None:
        self.reports = list(reports)
        self.window = window_days
        self.parent = list(range(len(self.reports)))
        self.when = [r.when(window_days) for r in self.reports]
        self.groups = {i: _Group.of(r, self.when[i]) for i, r in enumerate(self.reports)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def try_merge(self, i: int, j: int, *, tied: bool = False) -> bool:
        """Merge the groups of reports i and j when the reports are tied (or ``tied`` says
        so) and the groups fit together."""
        root_i, root_j = self.find(i), self.find(j)
        if root_i == root_j:
            return False
        first, second = self.groups[root_i], self.groups[root_j]
        if not ((tied or self._tied(i, j)) and self._fit(first, second)):
            return False
        self.parent[root_j] = root_i
        first.reports += second.reports
        first.places |= second.places
        first.when = _common(first.when, second.when)
        del self.groups[root_j]
        return True

    def _tied(self, i: int, j: int) -> bool:
        a, b = self.reports[i], self.reports[j]
        ea, eb = a.event, b.event
        if ea.type in SYMMETRIC:
            parties_a, parties_b = ea.actors + ea.recipients, eb.actors + eb.recipients
            if _ties(parties_a, parties_b):
                return True
        elif _ties(ea.actors, eb.actors) or _ties(ea.recipients, eb.recipients):
            return True
        if ea.place is None or eb.place is None:
            return False
        same_day = _common(self.when[i], self.when[j]) is not None
        return same_day and _same_words(ea.place.text, eb.place.text)

    def _fit(self, first: _Group, second: _Group) -> bool:
        if first.when is None or second.when is None:
            # Undated reports only join within their own article.
            if not first.articles() & second.articles():
                return False
        elif _common(first.when, second.when) is None:
            return False
        if first.places and second.places and not first.places & second.places:
            return False
        actors_a, recipients_a = first.sides()
        actors_b, recipients_b = second.sides()
        return not (_conflicts(actors_a, actors_b) or _conflicts(recipients_a, recipients_b))

    def roots(self) -> list[list[Report]]:
        return [group.reports for group in self.groups.values()]


def cluster_reports(reports: Iterable[Report], window_days: int = WINDOW_DAYS) -> list[Cluster]:
    """The clusters of these reports, in the order of their first report's date."""
    clusterer = Clusterer(list(reports), window_days)
    for block in _blocks(clusterer).values():
        _sweep(clusterer, block)
    _attach_vague(clusterer)
    clusters = [build_cluster(group) for group in clusterer.roots()]
    return sorted(clusters, key=lambda c: (c.first_date or "~", c.first.published or "~", c.id))


def _blocks(clusterer: Clusterer) -> dict[tuple[str, str, str], list[int]]:
    """Report indexes by (type, status, key): each party key, the place, and the article
    (for the reports that name no known party)."""
    blocks: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, report in enumerate(clusterer.reports):
        event = report.event
        keys = {"a:" + report.article_id}
        if clusterer.when[i] is not None:  # undated reports only join within their article
            keys |= {party_key(p) for p in event.actors + event.recipients}
            if event.place is not None:
                keys.add("p:" + name_key(event.place.text))
        for key in keys:
            blocks[(event.type, report.status, key)].append(i)
    return blocks


def _sweep(clusterer: Clusterer, block: list[int]) -> None:
    """Compare each report with the earlier ones of its block that lie within the window."""
    when = clusterer.when
    order = sorted(block, key=lambda i: when[i] or (0, 0))
    active: list[int] = []
    for i in order:
        start = (when[i] or (0, 0))[0]
        # Undated reports sort first and stay (their block is one article's).
        active = [j for j in active if (when[j] or (0, 0))[1] >= start or when[j] is None]
        for j in active:
            clusterer.try_merge(j, i)
        active.append(i)


def _common(
    first: tuple[int, int] | None, second: tuple[int, int] | None
) -> tuple[int, int] | None:
    """The days two date windows share (an unknown window constrains nothing)."""
    if first is None or second is None:
        return first or second
    start, end = max(first[0], second[0]), min(first[1], second[1])
    return (start, end) if start <= end else None


def build_cluster(reports: Sequence[Report]) -> Cluster:
    """The cluster record of a group of reports."""
    ordered = sorted(
        reports,
        key=lambda r: (r.published or "~", r.article_id, r.event.sentence, r.event.trigger.start),
    )
    events = [r.event for r in ordered]
    modes = Counter(e.mode for e in events if e.mode)
    places = Counter(e.place.text for e in events if e.place)
    dated = sorted((span[0], e.date) for e in events if (span := date_span(e.date)) and e.date)
    first = ordered[0]
    return Cluster(
        id=cluster_id(first),
        type=first.event.type,
        status=first.status,
        reports=tuple(ordered),
        mode=modes.most_common(1)[0][0] if modes else None,
        actors=_union(p for e in events for p in e.actors),
        recipients=_union(p for e in events for p in e.recipients),
        place=places.most_common(1)[0][0] if places else None,
        first_date=dated[0][1] if dated else None,
        last_date=dated[-1][1] if dated else None,
        confidence=_confidence(ordered),
    )


def cluster_id(first: Report) -> str:
    """Stable across runs while the first report stays: its article and trigger offset."""
    key = f"{first.article_id}:{first.event.trigger.start}:{first.event.type}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def _union(participants: Iterable[Participant]) -> tuple[Participant, ...]:
    """One entry per actor (per words when unknown), the first report's wording kept."""
    seen: dict[str, Participant] = {}
    for p in participants:
        seen.setdefault(p.actor_id or "w:" + name_key(p.text), p)
    return tuple(seen.values())


def _confidence(reports: Sequence[Report]) -> float:
    """Independent reports raise it; copies of one original count once."""
    best: dict[str, float] = {}
    for r in reports:
        voice = r.voice or r.article_id
        best[voice] = max(best.get(voice, 0.0), r.event.confidence)
    miss = 1.0
    for value in best.values():
        miss *= 1.0 - value
    return round(min(0.99, 1.0 - miss), 2)


def _same_words(first: str, second: str) -> bool:
    return name_key(first) == name_key(second)


def _attach_vague(clusterer: Clusterer) -> None:
    """A report naming no known party ("the talks", "the delegations met") joins the nearest
    report of its type and status in its article, the one before it first. Done last, and
    one join each, so a vague report never bridges two happenings."""
    reports = clusterer.reports
    by_article: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, report in enumerate(reports):
        by_article[(report.article_id, report.event.type, report.status)].append(i)
    for i, report in enumerate(reports):
        event = report.event
        if any(map(_known, event.actors + event.recipients)):
            continue
        if len(clusterer.groups[clusterer.find(i)].reports) > 1:
            continue
        here = event.trigger.start
        others = [j for j in by_article[(report.article_id, event.type, report.status)] if j != i]
        others.sort(key=lambda j: (reports[j].event.trigger.start > here,
                                   abs(reports[j].event.trigger.start - here)))  # fmt: skip
        for j in others:
            if clusterer.try_merge(j, i, tied=True):
                break


def _same_unknown(a: Participant, b: Participant) -> bool:
    """Two parties the knowledge base does not know, named by the same words ("Kharkiv")."""
    return not a.actor_id and not b.actor_id and name_key(a.text) == name_key(b.text)
