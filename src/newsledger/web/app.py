"""The web app: the report's views as pages, each with a JSON twin under ``/api/``.

Security choices: the ledger is opened read-only (SQLite ``mode=ro``), one connection per
request; only GET routes exist; every query is parameterised (the listings and search use
``?`` parameters, never string building from input); templates autoescape everything, article
URLs are shown as text, never as links; responses carry a Content-Security-Policy that allows
only our own script and style files, so even markup that slipped through could not run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsledger import __version__
from newsledger.errors import NewsledgerError, NotFoundError
from newsledger.store import Ledger
from newsledger.store.paths import is_postgres_url
from newsledger.views.links import WebLinks
from newsledger.views.listings import LISTINGS, Listing
from newsledger.views.pages import (
    article_page,
    listing_json,
    listing_page,
    overview,
    render,
    require_current_schema,
    search_page,
)

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
LINKS = WebLinks()


class SecurityHeaders:
    """Adds the headers above to every response (pure ASGI, so streaming is untouched)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


def create_app(db_path: str | os.PathLike[str]) -> FastAPI:
    """The app over one ledger file, which must exist; it is only ever read."""
    path: str | Path = (
        db_path if isinstance(db_path, str) and is_postgres_url(db_path) else Path(db_path)
    )
    with Ledger(path, readonly=True) as first:  # fail now, with a clear error, if unreadable
        require_current_schema(first)

    def ledger() -> Iterator[Ledger]:
        with Ledger(path, readonly=True) as opened:
            yield opened

    app = FastAPI(
        title="newsledger",
        version=__version__,
        description="A sourced ledger of news: every page of the app as JSON.",
        docs_url=None,  # the interactive docs load from a CDN; the document itself is enough
        redoc_url=None,
    )
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(packages=[("newsledger.views", "static")]), name="static")
    app.add_exception_handler(NewsledgerError, _error_handler)
    _pages(app, Depends(ledger))
    for listing in LISTINGS:
        _listing_routes(app, listing, Depends(ledger))
    return app


def _pages(app: FastAPI, ledger: Any) -> None:
    @app.get("/", response_class=HTMLResponse, summary="Overview page")
    def overview_html(request: Request, db: Ledger = ledger) -> HTMLResponse:
        return _html("overview.html", overview(db), "", "/api/overview")

    @app.get("/api/overview", summary="What the ledger holds: counts, stories, outlets, dates")
    def overview_api(db: Ledger = ledger) -> dict[str, Any]:
        return overview(db)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, summary="Article reader")
    def article_html(article_id: str, db: Ledger = ledger) -> HTMLResponse:
        page = article_page(db, article_id, LINKS)
        api = f"/api/articles/{page['report']['article']['id']}"
        return _html("article.html", page, "articles", api)

    @app.get(
        "/api/articles/{article_id}",
        summary="One article with every layer (as `newsledger show --json`) and its legend",
    )
    def article_api(article_id: str, db: Ledger = ledger) -> dict[str, Any]:
        page = article_page(db, article_id, LINKS)
        return {**page["report"], "legend": page["legend"]}

    @app.get("/search", response_class=HTMLResponse, summary="Full-text search page")
    def search_html(request: Request, db: Ledger = ledger) -> HTMLResponse:
        params = dict(request.query_params)
        api = "/api/search" + (f"?{request.url.query}" if request.url.query else "")
        return _html("search.html", search_page(db, params), "search", api)

    @app.get("/api/search", summary="Full-text search (FTS5 syntax) with outlet and date filters")
    def search_api(
        q: str = "", outlet: str = "", since: str = "", until: str = "", db: Ledger = ledger
    ) -> dict[str, Any]:
        return search_page(db, {"q": q, "outlet": outlet, "since": since, "until": until})


def _listing_routes(app: FastAPI, listing: Listing, ledger: Any) -> None:
    """A page and its JSON twin for one registry entry; its filters become query parameters."""
    parameters = [
        {"name": f.name, "in": "query", "required": False, "schema": {"type": "string"},
         "description": f.label}
        for f in listing.filters
    ]  # fmt: skip

    def page_html(request: Request, db: Ledger = ledger) -> HTMLResponse:
        page = listing_page(db, listing, dict(request.query_params), LINKS)
        api = f"/api/{listing.name}" + (f"?{request.url.query}" if request.url.query else "")
        return _html("listing.html", page, listing.name, api)

    def page_api(request: Request, db: Ledger = ledger) -> dict[str, Any]:
        return listing_json(listing_page(db, listing, dict(request.query_params), LINKS))

    extra: dict[str, Any] = {"parameters": parameters}
    app.add_api_route(
        f"/{listing.name}", page_html, methods=["GET"], response_class=HTMLResponse,
        summary=f"{listing.title} page", openapi_extra=extra, name=f"{listing.name}_page",
    )  # fmt: skip
    app.add_api_route(
        f"/api/{listing.name}", page_api, methods=["GET"], summary=listing.title,
        openapi_extra=extra, name=f"{listing.name}_api",
    )  # fmt: skip


def _html(template: str, page: dict[str, Any], current: str, api: str) -> HTMLResponse:
    nav = [{"name": x.name, "title": x.title} for x in LISTINGS]
    html = render(template, page=page, title=page["title"], nav=nav, current=current, api=api)
    return HTMLResponse(html)


async def _error_handler(request: Request, error: Exception) -> Response:
    status = 404 if isinstance(error, NotFoundError) else 400
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": str(error)}, status_code=status)
    nav = [{"name": x.name, "title": x.title} for x in LISTINGS]
    html = render(
        "error.html", title="Not found" if status == 404 else "Error", message=str(error),
        nav=nav, current="", api="/openapi.json", page={},
    )  # fmt: skip
    return HTMLResponse(html, status_code=status)
