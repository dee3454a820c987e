"""A throwaway PostgreSQL server for the tests: initdb into a temp dir, pg_ctl on loopback.

Debian's postgresql package puts the server programs under /usr/lib/postgresql/VERSION/bin.
initdb refuses to run as root, so as root the server runs as the ``postgres`` system user.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SEARCH = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


class ServerError(RuntimeError):
    pass


def _bin_dir() -> Path:
    for folder in SEARCH:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    raise ServerError(
        "PostgreSQL server programs (initdb, pg_ctl) not found: install Debian's postgresql"
        " package (`apt-get install -y postgresql`; .ci/run does this)"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(_as_server_user(command), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ServerError(f"{what} failed ({done.returncode}): {done.stderr or done.stdout}")


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a server on a free loopback port; yields a URL of a fresh database in it."""
    bin_dir = _bin_dir()
    home = Path(tempfile.mkdtemp(prefix="newsledger-pg-"))
    if os.geteuid() == 0:
        shutil.chown(home, user="postgres")
    data, log = home / "data", home / "server.log"
    port = _free_port()
    try:
        _run(
            [str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust",
             "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            "initdb",
        )  # fmt: skip
        options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off"
        _run(
            [str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
             "-w", "-t", "60", "start"],
            "pg_ctl start",
        )  # fmt: skip
    except ServerError as error:
        detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        shutil.rmtree(home, ignore_errors=True)
        raise ServerError(f"{error}\n{detail}") from error
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"]),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(home, ignore_errors=True)


def fresh_database(server_url: str) -> str:
    """A new empty database on the server; its URL."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}".encode())
    return server_url.rsplit("/", 1)[0] + "/" + name
