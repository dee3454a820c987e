from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsledger import ReadOptions, read_articles
from newsledger.ingest.dispatch import _lines
from newsledger.ingest.html import fragment_text
from newsledger.ingest.items import ReadFailure
from newsledger.ingest.sources import binary_kind, detect_format, sniff_format
from newsledger.ingest.text import guess_title, split_front_matter
from newsledger.records import Article

from .conftest import BAD, GOOD, check_golden


def _articles(*paths: Path | str, **options: object) -> list[Article]:
    items = list(read_articles([str(p) for p in paths], ReadOptions(**options)))  # type: ignore[arg-type]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert not failures, failures
    return [i for i in items if isinstance(i, Article)]


def _failures(*paths: Path | str, **options: object) -> dict[str, str]:
    items = read_articles([str(p) for p in paths], ReadOptions(**options))  # type: ignore[arg-type]
    return {Path(i.where).name: i.reason for i in items if isinstance(i, ReadFailure)}


def test_every_good_fixture_reads_as_golden() -> None:
    found = [a.to_dict() for a in _articles(GOOD)]
    for item in found:
        item["source_path"] = item["source_path"].removeprefix(f"{GOOD}/")
    check_golden("read-good-fixtures.json", found)


def test_text_front_matter_gives_metadata_and_is_not_text() -> None:
    (article,) = _articles(GOOD / "front-matter.txt")
    assert article.outlet == "Harbour Courier"
    assert article.published == "2026-01-23" and article.published_source == "metadata"
    assert article.url == "https://www.harbourcourier.example/world/envoys-leave-moscow"
    assert not article.text.startswith("---")
    assert "“useful in every respect”" in article.text  # curly quotes kept


def test_plain_text_normalised_with_title_guess() -> None:
    (article,) = _articles(GOOD / "plain.txt")
    assert article.title == "Kyiv braces for a cold night"
    assert "repairs would take days" in article.text
    assert "\r" not in article.text and "\n\n\n" not in article.text
    assert article.published is None and article.published_source == "none"
    assert article.outlet is None


def test_html_main_text_without_boilerplate() -> None:
    (article,) = _articles(GOOD / "page.html")
    assert article.outlet == "Lantern Daily"
    assert article.title == "Trilateral round opens in Abu Dhabi"
    assert article.published == "2026-01-23T18:05:00Z"
    assert article.url == "https://lanterndaily.example/2026/01/23/abu-dhabi-round"
    assert article.language == "en"
    assert "Rustem Umerov" in article.text
    for boilerplate in ("All rights reserved", "Related", "Opinion"):
        assert boilerplate not in article.text


def test_jsonl_skips_blank_lines_and_numbers_real_lines() -> None:
    articles = _articles(GOOD / "wire.jsonl")
    assert [a.source_path.rsplit(":", 1)[1] for a in articles if a.source_path] == ["1", "3"]
    assert {a.outlet for a in articles} == {"Tide Wire"}


def test_json_list_and_embedded_html() -> None:
    first, second = _articles(GOOD / "list.json")
    assert first.outlet is None and first.published == "2026-02-02"
    assert second.outlet == "Summit Post"
    assert second.text.startswith("Davos meeting\n\nVolodymyr Zelensky met Donald Trump")


def test_rss_uses_full_content_and_channel_title() -> None:
    full, summary_only = _articles(GOOD / "feed.rss")
    assert full.outlet == "Steppe Bulletin" and full.language == "en"
    assert full.published == "2026-01-28T08:20:00Z"
    assert full.text == (
        "Dmitry Peskov said on Wednesday that Moscow had seen no document on "
        "security guarantees.\n\nHe declined to comment on the Financial Times "
        "report."
    )
    assert summary_only.text == "Talks in Abu Dhabi were postponed to next week, sources said."


def test_atom_entry() -> None:
    (entry,) = _articles(GOOD / "feed.atom")
    assert entry.outlet == "River Review"
    assert entry.url == "https://riverreview.example/second-round"
    assert entry.published == "2026-02-05T10:00:00Z"


def test_bad_inputs_each_named_with_reason() -> None:
    failures = _failures(BAD)
    assert failures == {
        "blank.txt": "no text after normalisation (empty article)",
        "blob.dat": "binary data (NUL bytes), not a text, HTML, JSON or feed file",
        "broken.json": "invalid JSON at line 2 column 1: Expecting ',' delimiter",
        "empty-feed.rss": "feed has no entries",
        "empty.txt": "empty file",
        "latin1.txt": "not valid utf-8 text (bad byte at offset 3); give the right one with "
        "--encoding",
        "no-text.html": "no article text found in the HTML",
        "not-objects.json[0]": "expected a JSON object, found int",
        "not-objects.json[1]": "expected a JSON object, found int",
        "report.pdf": "a PDF document, not a text, HTML, JSON or feed file",
    }


def test_encoding_option_reads_legacy_file() -> None:
    (article,) = _articles(BAD / "latin1.txt", encoding="latin-1")
    assert article.text.startswith("Café diplomacy")


def test_missing_path_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    assert _failures(tmp_path / "nope.txt") == {"nope.txt": "no such file or directory"}


def test_size_limit_for_whole_files(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 400, encoding="utf-8")
    assert "over the size limit" in _failures(big, max_bytes=1000)["big.txt"]
    assert _articles(big, max_bytes=5000)


def test_size_limit_per_jsonl_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    small = json.dumps({"text": "Short report from Kyiv about the talks."})
    large = json.dumps({"text": "x " * 5000})
    path.write_text(f"{small}\n{large}\n{small.replace('Short', 'Brief')}\n", encoding="utf-8")
    items = list(read_articles([str(path)], ReadOptions(max_bytes=2000)))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "ReadFailure", "Article"]
    assert items[1].where.endswith(":2") and "over the size limit" in items[1].reason  # type: ignore[union-attr]


def test_line_reader_handles_lines_across_chunks() -> None:
    data = b"".join(b'{"n": %d}\n' % i for i in range(50_000))
    lines = list(_lines(data[:100], io.BytesIO(data[100:]), limit=1000))
    assert len(lines) == 50_000 and lines[-1] == b'{"n": 49999}'


def test_directories_walked_recursively_in_order_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_text("First article text here.", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("Second article text here.", encoding="utf-8")
    (tmp_path / ".hidden" / "d.txt").write_text("Hidden article text.", encoding="utf-8")
    (tmp_path / ".e.txt").write_text("Hidden file text.", encoding="utf-8")
    names = [Path(a.source_path or "").name for a in _articles(tmp_path)]
    assert names == ["a.txt", "c.txt"]


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("x.txt", b"<html>", "text"),
        ("x.htm", b"hello", "html"),
        ("x.ndjson", b"{}", "jsonl"),
        ("x.xml", b"<?xml version='1.0'?><rss version='2.0'>", "feed"),
        ("x.xml", b"<?xml version='1.0'?><catalog>", "text"),
        ("noext", b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        ("noext", b'{\n  "text": "a"\n}', "json"),
        ("noext", b"  [{}]", "json"),
        ("noext", b"<!DOCTYPE html><html>", "html"),
        ("noext", b"<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
        ("noext", b"Plain words", "text"),
    ],
)
def test_format_detection(name: str, head: bytes, expected: str) -> None:
    assert detect_format(name, head) == expected


def test_sniff_and_binary_kinds() -> None:
    assert sniff_format(b'\xef\xbb\xbf{"a": 1}') == "json"
    assert binary_kind(b"PK\x03\x04rest") == "a ZIP archive (or an office document)"
    assert binary_kind(b"\xff\xfeH\x00i\x00") is None  # UTF-16 text is not binary
    assert binary_kind(b"plain text") is None


def test_front_matter_edge_cases() -> None:
    assert split_front_matter("---\nnot: closed\nText") == ({}, "---\nnot: closed\nText")
    assert split_front_matter("---\nthis is prose\n---\nx")[0] == {}
    meta, body = split_front_matter("---\ntitle: 'A: B'\nweird: 1\n---\nBody")
    assert meta == {"title": "A: B"} and body == "Body"
    assert guess_title("One line only") is None
    assert guess_title("A sentence that ends.\n\nMore text.") is None
    assert guess_title("Headline\n\nBody text.") == "Headline"


def test_fragment_text_drops_scripts_and_splits_blocks() -> None:
    html = "<p>One <b>two</b></p><script>alert(1)</script><ul><li>three</li><li>four</li></ul>"
    assert fragment_text(html) == "One two\n\nthree\n\nfour"
    assert fragment_text("no markup") == "no markup"


def test_forced_format_overrides_extension(tmp_path: Path) -> None:
    path = tmp_path / "story.dat"
    path.write_text('{"text": "Forced JSON article text.", "outlet": "X"}', encoding="utf-8")
    (article,) = _articles(path, format="json")
    assert article.outlet == "X" and article.format == "json"
