"""``dyads serve``: help with an example, and a real server process over a coded store answering the API."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
from click.testing import CliRunner

from dyads.cli import main


def test_serve_has_help_with_an_example() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "--db" in result.output and "127.0.0.1" in result.output


def test_serve_answers_the_api_and_the_page(db: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # issue 12: a server holds its store for its whole life, and this process's `client` fixture holds the
    # session store: the server gets a copy of it (with its write-ahead log)
    import shutil
    from pathlib import Path

    for suffix in ("", ".wal"):
        if Path(db + suffix).exists():
            shutil.copy(db + suffix, tmp_path / f"served.duckdb{suffix}")
    db = str(tmp_path / "served.duckdb")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, "-m", "dyads", "serve", "--db", db, "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"{base}/api/health", timeout=2)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    out = process.stdout.read().decode() if process.stdout else ""
                    raise AssertionError(f"dyads serve did not start: {out}") from None
                time.sleep(0.2)
        assert health.json()["events"] == 9
        assert httpx.get(f"{base}/api/events", params={"actor": "IRN"}).json()["total"] == 4
        assert httpx.get(f"{base}/api/events", params={"limit": 5000}).status_code == 422
        assert httpx.get(f"{base}/api/coalitions").status_code == 200
        assert "<form id=\"filters\"" in httpx.get(f"{base}/").text
        assert httpx.get(f"{base}/docs").status_code == 200
    finally:
        process.terminate()
        process.wait(10)
