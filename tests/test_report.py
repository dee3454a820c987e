"""The HTML report: one self-contained file whose every link lands on an anchor in it; and the
pieces it is drawn from (base map, highlighting)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from newsledger import Ledger
from newsledger.views.basemap import MapPoint, countries, from_topojson, render_map, view_around
from newsledger.views.highlight import highlighted, legend
from newsledger.views.report import SECTIONS, write_report

Run = Callable[..., Result]


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src", "action", "srcset", "poster", "data"):
                self.refs.append((tag, name, value or ""))


Built = tuple[Path, dict[str, Any], Page]


@pytest.fixture(scope="module")
def report(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    target = tmp_path_factory.mktemp("report") / "report.html"
    with Ledger(demo_db, readonly=True) as ledger:
        summary = write_report(ledger, target)
    page = Page()
    page.feed(target.read_text(encoding="utf-8"))
    return target, summary, page


def test_report_is_self_contained(report: Built) -> None:
    _, _, page = report
    assert page.refs, "the report links nothing"
    outside = [r for r in page.refs if not r[2].startswith("#")]
    assert outside == [], "every src/href must be an anchor inside the file"
    assert "link" not in page.tags and "iframe" not in page.tags and "img" not in page.tags


def test_every_link_lands_on_an_anchor(report: Built) -> None:
    _, _, page = report
    targets = {value[1:] for _, _, value in page.refs}
    assert targets - page.ids == set()
    sentence_links = [v for _, _, v in page.refs if v.startswith("#s-")]
    assert len(sentence_links) > 300


def test_sections_and_articles(report: Built, demo_db: Path) -> None:
    path, summary, page = report
    assert {"overview", "articles", *SECTIONS} <= page.ids
    with Ledger(demo_db, readonly=True) as ledger:
        ids = [r["id"] for r in ledger.articles()]
    assert summary["articles"] == len(ids)
    assert {f"article-{i}" for i in ids} <= page.ids
    assert summary["sections"]["events"] > 50 and summary["sections"]["places"] > 10
    text = path.read_text(encoding="utf-8")
    for drawing in ('<svg class="map"', '<svg class="network"', '<svg class="timeline"'):
        assert drawing in text
    assert text.count('<mark class="hl') > 500
    assert summary["bytes"] < 5_000_000


def test_report_command(run: Run, demo_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    result = run("report", "--db", str(demo_db), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert target.exists() and "open it in any browser" in result.stderr
    missing = run("report", "--db", str(tmp_path / "absent.db"), "-o", str(target))
    assert missing.exit_code == 1 and "Error: no ledger" in missing.stderr
    assert "--port" in run("serve", "--help").output


# -- the pieces --------------------------------------------------------------------------------


def test_base_map_ships_small_and_complete() -> None:
    shipped = countries()
    assert len(shipped) > 170
    codes = {c["iso3"] for c in shipped}
    assert {"UKR", "RUS", "USA", "ARE", "CHE"} <= codes
    data = Path(__file__).parent.parent / "src/newsledger/views/data/world-110m.json"
    assert data.stat().st_size < 300_000


def test_topojson_conversion_decodes_and_reverses_arcs() -> None:
    topology = {
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [10, 0], [0, 10]], [[10, 10], [-10, 0], [0, -10]]],
        "objects": {
            "countries": {
                "geometries": [
                    {"type": "Polygon", "arcs": [[0, 1]], "id": "804",
                     "properties": {"name": "Square"}},
                    {"type": "Polygon", "arcs": [[~1, ~0]], "id": "-99",
                     "properties": {"name": "Backwards"}},
                ]
            }
        },
    }  # fmt: skip
    result = from_topojson(topology, {804: "UKR"})["countries"]
    assert result[0] == {
        "iso3": "UKR", "name": "Square",
        "rings": [[0, 0, 100, 0, 100, 100, 0, 100, 0, 0]],
    }  # fmt: skip
    assert result[1]["iso3"] is None
    assert result[1]["rings"] == [[0, 0, 0, 100, 100, 100, 100, 0, 0, 0]]


def test_map_view_fits_the_places() -> None:
    kyiv = MapPoint(lat=50.45, lon=30.52, label="Kyiv", weight=4, href="#s-a-1", country="UKR")
    moscow = MapPoint(lat=55.75, lon=37.62, label="Moscow <&>")
    view = view_around([kyiv, moscow])
    assert view.west < 30.52 < 37.62 < view.east and view.south < 50.45 < 55.75 < view.north
    assert view.east - view.west >= 24
    svg = str(render_map([kyiv, moscow]))
    assert svg.count("<circle") == 2 and 'href="#s-a-1"' in svg
    assert "Moscow &lt;&amp;&gt;" in svg and 'class="land named"' in svg
    assert view_around([]).west == -180


def test_highlighting_escapes_and_nests() -> None:
    text = "Putin <b>said</b> Kyiv & Moscow.\n\nSecond one."
    report = {
        "article": {"id": "abc", "text": text},
        "sentences": [
            {"index": 0, "start": 0, "end": 32, "text": text[:32]},
            {"index": 1, "start": 34, "end": 45, "text": text[34:]},
        ],
        "actors": [{"start": 0, "end": 5, "name": "Vladimir Putin", "country": "RUS"}],
        "places": [{"start": 18, "end": 22, "name": "Kyiv"}, {"start": 999, "end": 1000}],
        "attributions": [
            {"content": {"start": 13, "end": 31}, "source": {"start": 0, "end": 5}, "kind": "x"}
        ],
        "findings": [
            {"kind": "date", "message": "<odd>", "evidence": [
                {"article_id": "abc", "start": 34, "end": 40},
                {"article_id": "other", "start": 0, "end": 3},
            ]},
        ],
    }  # fmt: skip
    html = str(highlighted(report, lambda i: f"s{i}"))
    assert html.count('<span class="sent"') == 2 and 'id="s1"' in html
    assert "&lt;b&gt;" in html and "&lt;/b&gt;" in html and "&amp; Moscow" in html
    assert "<b>" not in html and "</b>" not in html
    assert '<mark class="hl hl-actor hl-source"' in html
    assert '<mark class="hl hl-quote hl-place"' in html
    assert 'class="hl hl-finding" title="finding: date · &lt;odd&gt;">Second</mark>' in html
    counts = {item["css"]: item["count"] for item in legend(report)}
    assert counts["place"] == 1 and counts["finding"] == 1 and counts["claim"] == 0


def test_demo_ends_with_the_report(demo_db: Path, tmp_path: Path) -> None:
    from newsledger.cli.web import DEMO_REPORT, write_demo_report

    copy = tmp_path / "newsledger-demo.db"
    shutil.copy(demo_db, copy)
    with Ledger(copy, readonly=True) as ledger:
        note = write_demo_report(ledger)
    report = tmp_path / DEMO_REPORT
    assert report.stat().st_size > 100_000
    assert report.resolve().as_uri() in note
    assert f"newsledger serve --db {copy}" in note and "http://127.0.0.1:8001/" in note
