"""The web app through the ASGI test client: every page and its JSON twin, the OpenAPI
document, escaping of hostile articles and input, parameterised queries, read-only access."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from newsledger import Ledger
from newsledger.errors import StoreError
from newsledger.views.links import WebLinks
from newsledger.views.listings import LISTINGS, Listing
from newsledger.views.pages import listing_json, listing_page
from newsledger.web import create_app

from .hostile import hostile_ledger


@pytest.fixture(scope="module")
def client(demo_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(demo_db)) as opened:
        yield opened


@pytest.fixture(scope="module")
def demo_ids(demo_db: Path) -> list[str]:
    with Ledger(demo_db, readonly=True) as ledger:
        return [str(r["id"]) for r in ledger.articles()]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    path, article_id = hostile_ledger(tmp_path_factory.mktemp("hostile"))
    with TestClient(create_app(path)) as opened:
        yield opened, article_id


def _pages(article_id: str) -> list[str]:
    pages = ["/", "/search?q=Abu+Dhabi", f"/articles/{article_id}"]
    return pages + [f"/{listing.name}" for listing in LISTINGS]


def test_every_page_and_its_json_twin(client: TestClient, demo_ids: list[str]) -> None:
    for page in _pages(demo_ids[0]):
        html = client.get(page)
        assert html.status_code == 200, page
        assert html.headers["content-type"].startswith("text/html")
        twin = re.search(r'<p class="twin">JSON: <a href="([^"]+)"', html.text)
        assert twin is not None, page
        data = client.get(twin.group(1).replace("&amp;", "&"))
        assert data.status_code == 200 and data.headers["content-type"] == "application/json"
        assert data.json(), page


def test_openapi_lists_every_route(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    expected = {"/", "/api/overview", "/articles/{article_id}", "/api/articles/{article_id}"}
    expected |= {"/search", "/api/search"}
    for listing in LISTINGS:
        expected |= {f"/{listing.name}", f"/api/{listing.name}"}
        documented = {p["name"] for p in paths[f"/api/{listing.name}"]["get"]["parameters"]}
        assert documented == {f.name for f in listing.filters}
    assert expected <= set(paths)
    assert all(set(methods) == {"get"} for methods in paths.values())


def test_listings_link_every_row_to_its_sentence(client: TestClient) -> None:
    events = client.get("/api/events").json()
    assert len(events["rows"]) > 50 and len(events["links"]) == len(events["rows"])
    assert all(re.fullmatch(r"/articles/[0-9a-f]+#s\d+", link) for link in events["links"])
    quotes = client.get("/api/quotes", params={"anonymous": "yes"}).json()
    assert quotes["rows"] and all(r["anonymous"] for r in quotes["rows"])
    assert quotes["filters"] == {"anonymous": "yes"}
    agree = client.get("/api/events", params={"type": "AGREE"}).json()["rows"]
    assert agree and {r["type"] for r in agree} == {"AGREE"}


def test_figures_on_listing_pages(client: TestClient) -> None:
    places = client.get("/places").text
    assert '<svg class="map"' in places and places.count('class="land') > 10
    assert '<circle class="place"' in places and 'href="/articles/' in places
    assert '<svg class="network"' in client.get("/actors").text
    assert '<svg class="timeline"' in client.get("/events").text


def test_article_reader_highlights_every_layer(client: TestClient, demo_ids: list[str]) -> None:
    data = client.get(f"/api/articles/{demo_ids[2][:8]}").json()
    counts = {item["css"]: item["count"] for item in data["legend"]}
    assert all(counts[kind] > 0 for kind in ("actor", "place", "time", "quote", "event"))
    assert set(data) >= {"article", "sentences", "claims", "stances", "findings", "legend"}
    page = client.get(f"/articles/{demo_ids[2]}").text
    assert page.count('<span class="sent" id="s') == len(data["sentences"])
    for kind in ("actor", "place", "time", "quote", "event"):
        assert f"hl-{kind}" in page
        assert f'data-layer="{kind}"' in page


def test_search_is_parameterised(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "Abu Dhabi"}).json()["rows"]
    assert found and all("Abu" in r["snippet"] or "Abu" in r["title"] for r in found)
    narrowed = client.get("/api/search", params={"q": "Abu Dhabi", "since": "2026-02-01"})
    assert 0 < len(narrowed.json()["rows"]) < len(found)
    for hostile in ("' OR 1=1 --", '"unbalanced', "100%", "a_b", "x'); DROP TABLE articles; --"):
        response = client.get("/api/search", params={"q": hostile})
        assert response.status_code == 200  # searched as words, never as SQL
        assert all(set(r) >= {"id", "title", "snippet"} for r in response.json()["rows"])
    assert client.get("/api/articles").json()["rows"]  # the table survived


def test_filters_take_quotes_and_percent_literally(client: TestClient) -> None:
    everything = client.get("/api/quotes").json()["rows"]
    assert everything
    for value in ("%", "_", "' OR '1'='1", "\\%", "Ukrain"):
        found = client.get("/api/quotes", params={"source": value}).json()["rows"]
        literal = [
            r for r in everything
            if any(value.casefold() in str(r[k] or "").casefold()
                   for k in ("source_text", "source_name", "source_actor_id"))
        ]  # fmt: skip
        assert len(found) == len(literal), value
        assert client.get("/api/articles", params={"outlet": value}).json()["rows"] == []
    assert len(literal) > 0  # the last value does match: the filter is not simply empty


def test_reflected_input_is_escaped(client: TestClient) -> None:
    attack = '"><script>window.__pwned=1</script>'
    for page in (f"/search?q={quote(attack)}", f"/quotes?source={quote(attack)}"):
        text = client.get(page).text
        assert "<script>window" not in text
        assert "&#34;&gt;&lt;script&gt;" in text


class Tags(HTMLParser):
    """Every element and attribute a browser would build from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _dangerous(page: str) -> list[str]:
    parser = Tags()
    parser.feed(page)
    found = []
    for tag, attrs in parser.tags:
        if tag in {"img", "iframe", "object", "embed", "svg"}:
            found.append(tag)
        if tag == "script" and attrs.get("src") != "/static/app.js":
            found.append("inline script")
        found += [name for name in attrs if name.startswith("on")]
        found += [v for k, v in attrs.items() if k in ("href", "src") and "javascript:" in str(v)]
    return found


def test_hostile_article_renders_as_text(hostile: tuple[TestClient, str]) -> None:
    client, article_id = hostile
    for url in (f"/articles/{article_id}", "/articles", "/", "/search?q=pwned"):
        page = client.get(url).text
        assert _dangerous(page) == [], url
    page = client.get(f"/articles/{article_id}").text
    assert "&lt;script&gt;window.__pwned = 1; document.title = &#39;pwned&#39;" in page
    assert "&lt;img src=x onerror=" in page and "javascript:window.__pwned=1" in page
    assert "hl-actor" in page and "hl-place" in page  # highlights cut through the hostile text
    data = client.get(f"/api/articles/{article_id}").json()
    assert data["article"]["title"].startswith("<script>")  # JSON keeps the text as it is


def test_security_headers(client: TestClient) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_read_only(client: TestClient, demo_db: Path, demo_ids: list[str]) -> None:
    before = hashlib.sha256(demo_db.read_bytes()).hexdigest()
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/articles").status_code == 405
        assert getattr(client, method)(f"/articles/{demo_ids[0]}").status_code == 405
    for page in _pages(demo_ids[0]):
        client.get(page)
    assert hashlib.sha256(demo_db.read_bytes()).hexdigest() == before
    with Ledger(demo_db, readonly=True) as ledger, pytest.raises(sqlite3.OperationalError):
        ledger.db.execute("DELETE FROM articles")


def test_errors(client: TestClient, tmp_path: Path) -> None:
    missing = client.get("/articles/0000000000")
    assert missing.status_code == 404 and "no article with id" in missing.text
    assert client.get("/api/articles/zz<b>").status_code == 404
    assert "&lt;b&gt;" in client.get("/articles/zz<b>").text
    old = tmp_path / "old.db"
    sqlite3.connect(old).execute("PRAGMA user_version = 1").connection.close()
    with pytest.raises(StoreError, match="schema version 1"):
        create_app(old)
    with pytest.raises(StoreError, match="no ledger"):
        create_app(tmp_path / "absent.db")


def test_listing_over_a_missing_table_is_empty_not_an_error(demo_db: Path) -> None:
    future = Listing(
        "future", "Future layer", lambda ledger, params: [{"never": 1}], (),
        empty="The future step fills this.", table="no_such_table",
    )  # fmt: skip
    with Ledger(demo_db, readonly=True) as ledger:
        data = listing_json(listing_page(ledger, future, {}, WebLinks()))
    assert data["rows"] == [] and data["available"] is False
    assert data["empty"] == "The future step fills this."


def test_claims_show_their_corroboration(client: TestClient, demo_db: Path) -> None:
    data = client.get("/api/claims").json()
    with Ledger(demo_db, readonly=True) as ledger:
        clustered = ledger.db.execute(
            "SELECT count(*) FROM sqlite_master WHERE name = 'claim_clusters'"
        ).fetchone()[0]
    if not clustered:  # no claim-clusters step in this ledger: the plain claims, or none
        assert data["rows"] or "claim" in data["empty"]
        return
    assert {"voices_for", "voices_against", "original_source"} <= set(data["columns"])
    assert all(r["voices_for"] + r["voices_against"] >= 1 for r in data["rows"])
    assert all(link and "#s" in link for link in data["links"])
