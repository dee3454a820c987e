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
import heapq
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from newsledger.events.model import Event, Participant
from newsledger.kb.names import name_key

WINDOW_DAYS = 2
LINK = 0.4
SAME_ARTICLE = 0.5
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
        event = self.event
        return window(event.date, event.date_source, self.published, window_days)


def window(
    day: str | None, source: str | None, published: str | None, window_days: int
) -> tuple[int, int] | None:
    """The days (ordinals) an event dated ``day`` (from ``source``) in an article published
    on ``published`` may lie on; see ``Report.when``."""
    if source == "text" or published is None:
        span = date_span(day)
        if span is not None:
            return span[0].toordinal(), span[1].toordinal()
    published_day = parse_day(published)
    if published_day is None:
        return None
    return published_day.toordinal() - window_days, published_day.toordinal()


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


def _ties_named(first: Sequence[Participant], second: Sequence[Participant]) -> bool:
    """A shared party that is more than a country: the same person or organisation, or the
    same words the knowledge base does not know."""
    for a in first:
        for b in second:
            if a.actor_id and a.actor_id == b.actor_id and not _generic(a):
                return True
            if not _known(a) and not _known(b) and name_key(a.text) == name_key(b.text):
                return True
    return False


def _shared_countries(first: Sequence[Participant], second: Sequence[Participant]) -> set[str]:
    """The countries both sides name as a whole ("Russia", "Moscow", "the American
    delegation"); a country against one of its people is no tie (see ``same_party``)."""
    whole_a = {p.country for p in first if p.country and _generic(p)}
    return whole_a & {p.country for p in second if p.country and _generic(p)}


def _people(event: Event) -> frozenset[str]:
    """The people and organisations an event names (no countries, no unknown words)."""
    parties = event.actors + event.recipients
    return frozenset(p.actor_id for p in parties if p.actor_id and not _generic(p))


def _one_original(a: Report, b: Report) -> bool:
    """The same article, or copies of one original."""
    return a.article_id == b.article_id or (a.voice or a.article_id) == (b.voice or b.article_id)


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
    members: list[int]  # the reports' indexes in the clusterer
    symmetric: bool
    when: tuple[int, int] | None = None  # the days every report allows
    places: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, index: int, report: Report, when: tuple[int, int] | None) -> _Group:
        place = report.event.place
        return cls(
            [report],
            [index],
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
    """Union of groups under the rules of the module docstring, fed one report at a time in
    order of the first day each may lie on (``sort_key``); a group leaves memory as soon as
    no report still to come can reach it."""

    def __init__(self, window_days: int) -> None:
        self.window = window_days
        self.hold = window_days + 1
        self.reports: dict[int, Report] = {}
        self.parent: dict[int, int] = {}
        self.when: dict[int, tuple[int, int] | None] = {}
        self.named: dict[int, bool] = {}
        self.people: dict[int, frozenset[str]] = {}
        self.groups: dict[int, _Group] = {}
        self.live: dict[int, int] = {}  # root -> members not yet expired
        self.active: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        self.by_article: dict[tuple[str, str, str], list[int]] = defaultdict(list)
        self.expiry: list[tuple[int, int]] = []  # (last day + hold, index), a heap
        self.undated: list[int] = []
        self.count = 0

    def add(self, report: Report) -> list[list[Report]]:
        """Take the next report; return the groups that can no longer grow."""
        i = self.count
        self.count += 1
        when = report.when(self.window)
        self.reports[i], self.parent[i], self.when[i] = report, i, when
        self.groups[i] = _Group.of(i, report, when)
        self.live[i] = 1
        self.named[i] = any(map(_known, report.event.actors + report.event.recipients))
        self.people[i] = _people(report.event)
        self.by_article[_article_key(report)].append(i)
        closed = self.flush(when[0]) if when is not None else []
        if when is None:
            self.undated.append(i)
            self._sweep(i, [("a:" + report.article_id)], 0)
        else:
            self._sweep(i, _keys(report), when[0])
            heapq.heappush(self.expiry, (when[1] + self.hold, i))
        return closed

    def _sweep(self, i: int, keys: Iterable[str], start: int) -> None:
        """Compare report i with the earlier reports of its blocks that lie within reach."""
        event = self.reports[i].event
        status = self.reports[i].status
        refused: set[int] = set()  # groups that did not fit i's group as it is now
        for key in sorted(keys):  # a fixed order: merges are greedy
            block = (event.type, status, key)
            kept = [j for j in self.active[block] if j in self.reports and self._reaches(j, start)]
            for j in kept:
                if self.try_merge(j, i, refused=refused):
                    refused.clear()
            kept.append(i)
            self.active[block] = kept

    def _reaches(self, j: int, start: int) -> bool:
        when = self.when[j]
        return when is None or when[1] >= start

    def flush(self, start: int | None = None) -> list[list[Report]]:
        """Close what no report starting on day ``start`` (or none at all) can reach."""
        expired: list[int] = []
        while self.expiry and (start is None or self.expiry[0][0] < start):
            expired.append(heapq.heappop(self.expiry)[1])
        if start is None:
            expired += self.undated
            self.undated = []
        if not expired:
            return []
        self._attach_vague(sorted({_article_key(self.reports[i]) for i in expired}))
        roots = []
        for i in expired:
            root = self.find(i)
            self.live[root] -= 1
            if self.live[root] == 0:
                roots.append(root)
        closed = [self._close(root) for root in roots]
        if start is None:
            self.active.clear()
        return closed

    def _close(self, root: int) -> list[Report]:
        group = self.groups.pop(root)
        del self.live[root]
        for i in group.members:
            key = _article_key(self.reports[i])
            self.by_article[key].remove(i)
            if not self.by_article[key]:
                del self.by_article[key]
            self._leave_blocks(i)
            for table in (self.reports, self.parent, self.when, self.named, self.people):
                del table[i]
        return group.reports

    def _leave_blocks(self, i: int) -> None:
        """Drop a closed report from its blocks, and the blocks left empty."""
        report = self.reports[i]
        keys = _keys(report) if self.when[i] is not None else {"a:" + report.article_id}
        for key in keys:
            block = (report.event.type, report.status, key)
            kept = [j for j in self.active.get(block, ()) if j != i]
            if kept:
                self.active[block] = kept
            else:
                self.active.pop(block, None)

    def _attach_vague(self, keys: Iterable[tuple[str, str, str]]) -> None:
        """A report naming no known party ("the talks", "the delegations met") joins the
        nearest report of its type and status in its article, the one before it first.
        Done when it or its neighbours leave memory, one join each, so a vague report never
        bridges two happenings."""
        for key in keys:
            members = self.by_article.get(key, [])
            for i in list(members):
                if self.named[i] or len(self.groups[self.find(i)].reports) > 1:
                    continue
                here = self.reports[i].event.trigger.start
                others = sorted(
                    (j for j in members if j != i),
                    key=lambda j: (self.reports[j].event.trigger.start > here,
                                   abs(self.reports[j].event.trigger.start - here)),
                )  # fmt: skip
                for j in others:
                    if self.try_merge(j, i, tied=True):
                        break

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def try_merge(
        self, i: int, j: int, *, tied: bool = False, refused: set[int] | None = None
    ) -> bool:
        """Merge the groups of reports i and j when the reports are tied (or ``tied`` says
        so) and the groups fit together. ``refused`` remembers the groups of i that did not
        fit j's group, so that their other members are not checked again."""
        root_i, root_j = self.find(i), self.find(j)
        if root_i == root_j or (refused is not None and root_i in refused):
            return False
        first, second = self.groups[root_i], self.groups[root_j]
        if not (tied or self._tied(i, j)):
            return False
        if not self._fit(first, second):
            if refused is not None:
                refused.add(root_i)
            return False
        self.parent[root_j] = root_i
        first.reports += second.reports
        first.members += second.members
        first.places |= second.places
        first.when = _common(first.when, second.when)
        del self.groups[root_j]
        self.live[root_i] += self.live.pop(root_j)
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
        return self._same_place_same_day(i, j)

    def _same_place_same_day(self, i: int, j: int) -> bool:
        a, b = self.reports[i].event.place, self.reports[j].event.place
        if a is None or b is None or not _same_words(a.text, b.text):
            return False
        return _common(self.when[i], self.when[j]) is not None

    def strength(self, i: int, j: int) -> float:
        """How strongly two reports tie: 1 for a shared named party (a person, an
        organisation, words the knowledge base does not know), for two shared countries or
        for the same place on the same day; 0.5 for one shared country alone; else 0."""
        a, b = self.reports[i].event, self.reports[j].event
        if a.type in SYMMETRIC:
            pairs = [(a.actors + a.recipients, b.actors + b.recipients)]
        else:
            pairs = [(a.actors, b.actors), (a.recipients, b.recipients)]
        best = 0.0
        for first, second in pairs:
            if _ties_named(first, second):
                return 1.0
            shared = _shared_countries(first, second)
            best = max(best, 1.0 if len(shared) > 1 else 0.5 * len(shared))
        if self._same_place_same_day(i, j):
            return 1.0
        if _one_original(self.reports[i], self.reports[j]):
            best = max(best, SAME_ARTICLE)
        return best

    def _linked(self, first: _Group, second: _Group) -> bool:
        """Average link: the reports that name known parties must, on average, tie at least
        ``LINK`` strongly with those of the other group, and no two may name different
        people meeting (see ``_people_clash``). Reports naming nobody known do not vote."""
        left = [r for r in first.members if self.named[r]]
        right = [r for r in second.members if self.named[r]]
        if not left or not right:
            return True
        if any(self._people_clash(i, j) for i in left for j in right):
            return False
        total = sum(self.strength(i, j) for i in left for j in right)
        return total / (len(left) * len(right)) >= LINK

    def _people_clash(self, i: int, j: int) -> bool:
        """Two meetings (or agreements, exchanges) of different people: each report names
        two or more people or organisations and neither set holds the other ("Dmitriev met
        Witkoff" against "Putin met Witkoff and Kushner")."""
        a, b = self.people[i], self.people[j]
        if len(a) < 2 or len(b) < 2 or self.reports[i].event.type not in SYMMETRIC:
            return False
        return not (a <= b or b <= a)

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
        if _conflicts(actors_a, actors_b) or _conflicts(recipients_a, recipients_b):
            return False
        return self._linked(first, second)


def cluster_reports(reports: Iterable[Report], window_days: int = WINDOW_DAYS) -> list[Cluster]:
    """The clusters of these reports, in the order of their first report's date."""
    ordered = sorted(reports, key=lambda r: sort_key(r, window_days))
    clusters = list(stream_clusters(ordered, window_days))
    return sorted(clusters, key=lambda c: (c.first_date or "~", c.first.published or "~", c.id))


def stream_clusters(reports: Iterable[Report], window_days: int = WINDOW_DAYS) -> Iterator[Cluster]:
    """Clusters of reports that arrive in ``sort_key`` order, each yielded as soon as no
    later report can join it: memory holds the reports whose window is still open."""
    clusterer = Clusterer(window_days)
    for report in reports:
        for group in clusterer.add(report):
            yield build_cluster(group)
    for group in clusterer.flush():
        yield build_cluster(group)


def sort_key(report: Report, window_days: int = WINDOW_DAYS) -> tuple[int, int, int]:
    """The order reports must arrive in: by the first and last day they may lie on; the
    undated last."""
    when = report.when(window_days)
    return (0, *when) if when is not None else (1, 0, 0)


def _keys(report: Report) -> set[str]:
    """The blocks of a dated report: each party key, the place, and its article (for the
    reports that name no known party)."""
    event = report.event
    keys = {"a:" + report.article_id}
    keys |= {party_key(p) for p in event.actors + event.recipients}
    if event.place is not None:
        keys.add("p:" + name_key(event.place.text))
    return keys


def _article_key(report: Report) -> tuple[str, str, str]:
    return (report.article_id, report.event.type, report.status)


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


def _same_unknown(a: Participant, b: Participant) -> bool:
    """Two parties the knowledge base does not know, named by the same words ("Kharkiv")."""
    return not a.actor_id and not b.actor_id and name_key(a.text) == name_key(b.text)
