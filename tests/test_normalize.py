from datetime import date, datetime

import pytest

from newsledger.ingest.normalize import (
    article_id,
    blocks_to_paragraphs,
    clean_field,
    detect_language,
    normalize_text,
    outlet_from_url,
    parse_published,
)


def test_normalize_collapses_whitespace_but_keeps_paragraphs_and_quotes() -> None:
    raw = (
        "  Talks\u00a0\u00a0 resumed\t today.\r\n\r\n\r\n\r\n“It’s over,” he said. 'Fine'\u200b \n"
    )
    assert normalize_text(raw) == "Talks resumed today.\n\n“It’s over,” he said. 'Fine'"


def test_normalize_applies_nfc() -> None:
    decomposed = "Zelenskyi\u0301"  # combining acute accent
    assert normalize_text(decomposed) == "Zelenskyí"


def test_normalize_is_idempotent() -> None:
    raw = "A  b\n\n\n\nc \u2028 d"
    once = normalize_text(raw)
    assert normalize_text(once) == once


def test_article_id_is_stable_content_hash() -> None:
    assert article_id("abc") == "ba7816bf8f01cfea"
    assert article_id("abc") != article_id("abd")
    assert article_id(normalize_text("x  y")) == article_id(normalize_text("x y"))


def test_blocks_to_paragraphs() -> None:
    assert blocks_to_paragraphs("One\nTwo\n\nThree") == "One\n\nTwo\n\nThree"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-24", "2026-01-24"),
        ("2026-01-24T09:30:00Z", "2026-01-24T09:30:00Z"),
        ("2026-01-24T11:30:00+02:00", "2026-01-24T09:30:00Z"),
        ("2026-01-24 09:30", "2026-01-24T09:30:00Z"),
        ("Sat, 24 Jan 2026 09:30:00 GMT", "2026-01-24T09:30:00Z"),
        ("24 January 2026", "2026-01-24"),
        ("January 24, 2026", "2026-01-24"),
        (date(2026, 1, 24), "2026-01-24"),
        (datetime(2026, 1, 24, 9, 30), "2026-01-24T09:30:00Z"),
        ("2026-13-40", None),
        ("yesterday-ish", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_published(value: object, expected: str | None) -> None:
    assert parse_published(value) == expected


def test_outlet_from_url() -> None:
    assert outlet_from_url("https://www.meridianwire.example/a/b?c=1") == "meridianwire.example"
    assert outlet_from_url("news.example.org/path") == "news.example.org"
    assert outlet_from_url(None) is None
    assert outlet_from_url("") is None


def test_clean_field() -> None:
    assert clean_field("  A\n title ") == "A title"
    assert clean_field("   ") is None
    assert clean_field(None) is None


def test_detect_language() -> None:
    assert detect_language("The delegations met in Abu Dhabi on Friday for talks.") == "en"
    assert detect_language("Делегации встретились в Абу-Даби в пятницу для переговоров.") == "ru"
    assert detect_language("Hi") is None
