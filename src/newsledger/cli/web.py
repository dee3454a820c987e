"""``newsledger report`` (one self-contained HTML file) and ``newsledger serve`` (the web app)."""

from __future__ import annotations

from pathlib import Path

import click

from newsledger.cli.options import db_option, open_ledger
from newsledger.store import Ledger

DEFAULT_REPORT = "report.html"
DEMO_REPORT = "demo-report.html"


@click.command("report")
@db_option
@click.option(
    "-o",
    "--output",
    default=DEFAULT_REPORT,
    show_default=True,
    type=click.Path(dir_okay=False, writable=True),
    help="The HTML file to write.",
)
def report_command(db_path: str | None, output: str) -> None:
    """Write the ledger as one HTML file that opens offline: overview, timeline, claims,
    findings, positions, map, actor network, quotes, and every article with its highlights."""
    from newsledger.views.report import write_report

    with open_ledger(db_path, readonly=True) as ledger:
        written = write_report(ledger, output)
    click.echo(
        f"wrote {written['path']}: {written['articles']} articles, {written['bytes']:,} bytes;"
        " open it in any browser (no network needed)",
        err=True,
    )


@click.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(1, 65535))
def serve_command(db_path: str | None, host: str, port: int) -> None:
    """Serve the ledger read-only as a local web app (pages and a JSON API under /api/)."""
    import uvicorn

    from newsledger.web import create_app

    with open_ledger(db_path, readonly=True) as ledger:
        path = ledger.url if ledger.url is not None else ledger.path
    app = create_app(path)
    click.echo(f"newsledger: serving {ledger.name} read-only at http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


def write_demo_report(ledger: Ledger) -> str:
    """Write ``demo-report.html`` next to the demo ledger; say how to open it and the app."""
    from newsledger.views.report import write_report

    target = Path(ledger.path).resolve().parent / DEMO_REPORT
    write_report(ledger, target)
    return "\n".join(
        [
            f"Report: {target} (one file, works offline): open {target.as_uri()} in a browser",
            f"App:    newsledger serve --db {ledger.path}   then open http://127.0.0.1:8001/",
        ]
    )


COMMANDS = [report_command, serve_command]
