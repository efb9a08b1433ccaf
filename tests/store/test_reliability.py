"""Reliability of a batch into the store: bad inputs named and skipped, good ones kept; a second writer stops
with a clear message and corrupts nothing."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyads.cli import main
from dyads.store import EventStore

pytestmark = pytest.mark.model

GOOD = "Border talks\n\nKenyan troops attacked al-Shabaab fighters near the Somali border on Tuesday.\n"


def test_mixed_folder_exit_3_names_bad_inputs_and_stores_good_ones(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "image.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "latin.txt").write_bytes("Pr\xe9sident\n\nFrance condemned the attack on the embassy in "
                                       "Tripoli, the minist\xe8re said.\n".encode("latin-1"))
    (folder / "mixed.jsonl").write_text(
        json.dumps({"id": "m1", "text": "Egypt and Sudan agreed to resume talks on the dam."}) + "\n{not json\n",
        encoding="utf-8")
    db = tmp_path / "events.duckdb"
    result = CliRunner().invoke(main, ["code", str(folder), "--db", str(db), "--date", "2019-05-01", "-q"])
    assert result.exit_code == 3, result.output
    assert "image.txt" in result.stderr
    assert "mixed.jsonl:2" in result.stderr
    assert "empty.txt" in result.stderr
    with EventStore(db, read_only=True) as store:
        ids = {row[0] for row in store.con.execute("SELECT id FROM articles").fetchall()}
    assert {"good.txt", "m1", "latin.txt"} <= ids


def test_a_second_writer_stops_with_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "events.duckdb"
    EventStore(db).close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import time
        from dyads.store import EventStore
        store = EventStore({str(db)!r})
        print("locked", flush=True)
        time.sleep(30)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        article = tmp_path / "a.txt"
        article.write_text(GOOD, encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "dyads", "code", str(article), "--db", str(db), "-q"],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 1
        assert "another dyads process" in proc.stderr
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.2)
    with EventStore(db) as store:  # the file is intact and writable once the first writer is gone
        assert store.con.execute("SELECT count(*) FROM events").fetchone() == (0,)


def test_a_store_inside_the_coded_folder_is_not_read_as_input(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "events.duckdb"
    first = CliRunner().invoke(main, ["code", str(tmp_path), "--db", str(db), "--date", "2019-05-01", "-q"])
    again = CliRunner().invoke(main, ["code", str(tmp_path), "--db", str(db), "--date", "2019-05-01", "-q"])
    assert (first.exit_code, again.exit_code) == (0, 0), again.stderr
    assert "skipped:" not in again.stderr and "skipped 0 inputs" in again.stderr
