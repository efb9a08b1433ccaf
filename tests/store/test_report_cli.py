"""``dyads report``: help with an example, the file it writes, and errors that say what to do."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from dyads.cli import main


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_report_has_help_with_an_example() -> None:
    code, out, _ = run("report", "--help")
    assert code == 0 and "Example" in out and "--db" in out and "--actor" in out


def test_report_writes_one_self_contained_file(db: str, tmp_path: Path) -> None:
    path = tmp_path / "brief.html"
    code, _, err = run("report", "--db", db, "--actor", "IRN", "--since", "2014-09-01", "--until", "2014-09-30",
                       "-o", str(path))
    assert code == 0, err
    assert "briefing on IRN, 2014-09-01 to 2014-09-30: 3 events, 2 counterparts" in err
    text = path.read_text(encoding="utf-8")
    assert text.startswith("<!doctype html>") and "<script src=" not in text
    assert "Iranian forces" in text or "Iran attacked Iraq." in text


def test_report_rolling_window_and_errors(db: str, tmp_path: Path) -> None:
    path = tmp_path / "b.html"
    code, _, err = run("report", "--db", db, "--actor", "IRN", "--last", "2", "-o", str(path))
    assert code == 0 and "2014-09-06 to 2014-09-07" in err
    code, _, err = run("report", "--db", db, "--actor", "IRN", "--since", "2014-10-01", "--until", "2014-09-01",
                       "-o", str(path))
    assert code == 1 and "swap --since and --until" in err
    code, _, err = run("report", "--db", db, "--actor", "IRN", "--since", "Monday", "-o", str(path))
    assert code == 2 and "YYYY-MM-DD" in err
