"""The words that carry a position, by lemma, and the words that make one conditional."""

from __future__ import annotations

DEMAND = frozenset(
    {"demand", "insist", "insistence", "require", "requirement", "want", "seek", "push", "press",
     "pressure", "urge", "call", "need", "expect", "condition", "ultimatum", "lobby"}
)  # fmt: skip
PROPOSE = frozenset(
    {"propose", "proposal", "offer", "suggest", "suggestion", "float", "table", "envisage",
     "envision", "put", "pitch", "tie", "link", "promise", "pledge", "plan", "idea"}
)  # fmt: skip
ACCEPT = frozenset(
    {"accept", "acceptance", "agree", "ready", "willing", "open", "back", "support", "endorse",
     "approve", "welcome", "consent", "embrace", "favour", "favor", "acceptable", "consider",
     "prepared", "entertain", "sign"}
)  # fmt: skip
REJECT = frozenset(
    {"reject", "rejection", "refuse", "refusal", "rule", "dismiss", "oppose", "opposition", "veto",
     "unacceptable", "resist", "spurn", "rebuff", "balk", "scoff", "exclude", "impossible",
     "nonstarter"}
)  # fmt: skip
DENY = frozenset({"deny", "denial"})
CUES = {"demands": DEMAND, "proposes": PROPOSE, "accepts": ACCEPT, "rejects": REJECT}
# Verbs that need a particle or preposition to carry the position: "call for", "rule out",
# "put forward", "push for".
PARTICLES = {"call": {"for"}, "rule": {"out"}, "put": {"forward"}, "open": {"to"}}
# Cues that are actions, not speech: an attribution cued by one does not name a speaker.
ACTIONS = frozenset({"accept", "agree", "push", "press", "pressure", "back", "support", "want"})
SPEECH = frozenset(
    {"say", "tell", "report", "add", "note", "write", "announce", "state", "according", "claim",
     "argue", "warn", "stress", "explain", "believe", "think", "reiterate", "repeat", "declare",
     "insist", "confirm", "acknowledge", "signal", "indicate", "post", "quote", "brief"}
)  # fmt: skip
MUST = frozenset({"must", "should", "have", "need", "ought"})
WOULD = frozenset({"would", "will", "could", "can", "might", "may", "shall", "'ll", "wo", "ca"})
OFFER_VERBS = frozenset(
    {"provide", "give", "offer", "extend", "deploy", "send", "fund", "guarantee", "finance",
     "contribute", "supply", "station", "lift", "ease"}
)  # fmt: skip
NEGATIONS = frozenset({"not", "n't", "never", "no"})
# Words that open a condition; "only" before one of ONLY_WORDS opens one too.
CONDITION_WORDS = frozenset(
    {"if", "unless", "provided", "providing", "once", "conditional", "contingent", "subject"}
)  # fmt: skip
ONLY_WORDS = frozenset({"after", "through", "via", "by", "when", "with", "in", "once", "if"})
CONDITION_PHRASES = (
    ("in", "exchange", "for"),
    ("in", "return", "for"),
    ("as", "long", "as"),
    ("on", "condition"),
    ("on", "the", "condition"),
    ("in", "the", "event"),
)
# Prepositions that place an option in time, not in a position: "before any ceasefire".
TIMING_WORDS = frozenset({"before", "until", "pending", "ahead", "since", "after"})
# Subjects that make "would" an offer: "the U.S. plan would freeze the conflict".
PLAN_NOUNS = frozenset({"plan", "proposal", "draft", "framework", "blueprint", "document"})
# Nouns that make a rejection a denial: "rejected a report that Washington had ...".
REPORT_NOUNS = frozenset(
    {"report", "claim", "story", "suggestion", "allegation", "article", "rumour", "rumor"}
)
TYING_VERBS = frozenset({"tie", "link", "condition", "make"})
RED_LINE_WORDS = ("red line", "never", "non-negotiable", "under no circumstances", "not negotiable")
