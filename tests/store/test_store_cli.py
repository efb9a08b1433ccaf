"""The store commands: query, sql, export, relations, coalitions, code --db; each has help with an example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_builders import PARTNERS

from dyads.cli import main

COMMANDS = ["query", "sql", "export", "relations", "coalitions"]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", [*COMMANDS, "code"])
def test_every_store_command_has_help_with_an_example(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Example" in out and "--db" in out


def test_query_jsonl_finds_iran(db: str) -> None:
    code, out, _ = run("query", "--db", db, "--actor", "IRN")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["event_id"] for r in records} == {"e1", "e2", "e3"}
    assert records[0]["source"]["code"] == "IRNMIL"


def test_query_csv_table_and_filters(db: str) -> None:
    code, out, _ = run("query", "--db", db, "--type", "ASSAULT", "--since", "2014-09-07", "--format", "csv")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("event_id,") and len(lines) == 2 and lines[1].startswith("e3,")
    code, out, _ = run("query", "--db", db, "--source", "USA", "--format", "table", "--limit", "1")
    assert code == 0 and "1 events" in out
    code, _, err = run("query", "--db", db, "--since", "last week")
    assert code == 2 and "YYYY-MM-DD" in err


def test_sql_is_read_only(db: str) -> None:
    code, out, _ = run("sql", "--db", db, "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC",
                       "--format", "csv")
    assert code == 0 and out.splitlines()[:2] == ["type,n", "COOPERATE,10"]
    code, _, err = run("sql", "--db", db, "DROP TABLE events")
    assert code == 1 and "read-only" in err
    code, out, _ = run("sql", "--db", db, "SELECT count(*) AS n FROM events", "--format", "jsonl")
    assert json.loads(out) == {"n": 13}


def test_missing_store_is_an_error_that_says_what_to_do(tmp_path: Path) -> None:
    code, _, err = run("query", "--db", str(tmp_path / "nope.duckdb"))
    assert code == 1 and "dyads code INPUT --db" in err


@pytest.mark.parametrize(("fmt", "check"), [
    ("gdelt", lambda text: {len(line.split("\t")) for line in text.splitlines()} == {61}),
    ("plover", lambda text: all("event" in json.loads(line) for line in text.splitlines())),
    ("jsonl", lambda text: len(text.splitlines()) == 13),
    ("csv", lambda text: text.startswith("event_id,")),
])  # fmt: skip
def test_export_formats(db: str, tmp_path: Path, fmt: str, check) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / f"out.{fmt}"
    code, _, err = run("export", "--db", db, "--format", fmt, "-o", str(target))
    assert code == 0 and f"{fmt} records" in err
    assert check(target.read_text(encoding="utf-8"))


def test_export_parquet_one_a_day(db: str, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    code, _, _ = run("export", "--db", db, "--format", "parquet", "-o", str(tmp_path / "e.parquet"), "--one-a-day")
    assert code == 0 and pq.read_table(tmp_path / "e.parquet").num_rows == 13


def test_relations_json_lines(db: str) -> None:
    code, out, _ = run("relations", "--db", db, "--by", "day", "--actor", "IRN", "--format", "jsonl")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert {(r["source"], r["target"], r["period"]) for r in rows} == {
        ("IRN", "IRQ", "2014-09-06"), ("IRN", "IRQ", "2014-09-07"), ("USA", "IRN", "2014-09-06")}
    code, out, _ = run("relations", "--db", db)
    assert code == 0 and "dyad-periods" in out


def test_coalitions_json_and_table(db: str) -> None:
    code, out, _ = run("coalitions", "--db", db)
    assert code == 0
    groups = json.loads(out)
    assert {"members", "kind", "evidence", "since", "until"} <= set(groups[0])
    assert groups[0]["members"] == sorted(PARTNERS) and groups[0]["kind"] == "named"
    code, out, _ = run("coalitions", "--db", db, "--format", "table")
    assert code == 0 and "named" in out and "bloc" in out


@pytest.mark.model
def test_code_into_db_twice_keeps_the_event_count(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Iran accuses US\n\nIran accused the United States of backing rebels. Iraqi troops attacked "
                    "Islamic State fighters in Mosul.\n", encoding="utf-8")
    db = str(tmp_path / "c.duckdb")
    code, out, err = run("code", str(text), "--date", "2014-09-06", "--db", db, "-q")
    assert code == 0 and out == "" and "store holds" in err
    code, out, _ = run("sql", "--db", db, "SELECT count(*) AS n FROM events", "--format", "jsonl")
    first = json.loads(out)["n"]
    assert first >= 2
    code, _, err = run("code", str(text), "--date", "2014-09-06", "--db", db, "-q")
    assert code == 0 and "1 already stored" in err
    code, out, _ = run("sql", "--db", db, "SELECT count(*) AS n FROM events", "--format", "jsonl")
    assert json.loads(out)["n"] == first
    code, out, _ = run("query", "--db", db, "--actor", "IRN")
    assert code == 0 and out.strip()
