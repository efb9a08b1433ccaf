"""The command line: help on every command, each input format, every required field, exit statuses."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from dyads.cli import main

REQUIRED = ["event_id", "doc_id", "sentence_index", "sentence", "date", "date_precision", "source", "target",
            "type", "mode", "cameo", "quad_class", "intensity", "trigger", "location", "modality", "confidence",
            "coder"]
ACTOR_FIELDS = ["text", "span", "name", "country", "sector", "code", "members"]
MODALITY_FIELDS = ["negated", "hypothetical", "future", "reported", "hedged", "attributed_to"]
PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
          "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT"}
ARTICLE = ("Border clashes\n\nTurkish troops attacked Kurdish militants near the Iraqi border on Tuesday. "
           "Ankara later urged Baghdad to expel the fighters.\n")


@pytest.mark.parametrize("command", [[], ["code"], ["evaluate"], ["actor"], ["settings"]])
def test_every_command_has_help_with_an_example(command):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output


def _run(args, input=None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, args, input=input)


def _events(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def _check_record(rec: dict) -> None:
    for key in REQUIRED:
        assert key in rec, key
    for key in ACTOR_FIELDS:
        assert key in rec["source"], key
    for key in MODALITY_FIELDS:
        assert key in rec["modality"], key
    assert rec["type"] in PLOVER
    assert rec["quad_class"] in (1, 2, 3, 4)
    assert -10 <= rec["intensity"] <= 10
    assert 0 <= rec["confidence"] <= 1
    assert rec["date_precision"] in ("day", "month", "year", "publication")
    start, end = rec["trigger"]["span"]
    assert rec["sentence"][start:end] == rec["trigger"]["text"]


@pytest.mark.model
def test_txt_input_gives_complete_records(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "clash.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = _run(["code", str(path), "--date", "2016-03-01", "-q"])
    assert result.exit_code == 0, result.output
    events = _events(result.stdout)
    assert events
    for rec in events:
        _check_record(rec)
        assert rec["doc_id"] == "clash.txt"
        assert rec["date"] == "2016-03-01"


@pytest.mark.model
def test_jsonl_input_uses_its_ids_and_dates(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "feed.jsonl"
    rows = [{"id": "a1", "text": "Russia expelled two Estonian diplomats.", "date": "2019-02-03"},
            {"id": "a2", "text": "Chad sent troops to help Niger fight Boko Haram."}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    result = _run(["code", str(path), "--date", "2019-01-01", "-q"])
    assert result.exit_code == 0, result.output
    events = _events(result.stdout)
    by_doc = {e["doc_id"]: e for e in events}
    assert by_doc["a1"]["date"] == "2019-02-03"
    assert set(by_doc) == {"a1", "a2"}


@pytest.mark.model
def test_html_and_stdin_inputs(tmp_path: Path):  # type: ignore[no-untyped-def]
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Talks</title></head><body><nav>Home</nav><article><h1>Talks</h1>"
                    "<p>Norway will host talks between Colombian officials and rebel leaders in Oslo next week, "
                    "the foreign ministry said on Monday in a statement.</p></article></body></html>",
                    encoding="utf-8")
    assert _events(_run(["code", str(page), "-q", "--date", "2016-01-01"]).stdout)
    result = _run(["code", "-", "-q", "--date", "2016-01-01"], input=ARTICLE)
    assert result.exit_code == 0
    assert {e["doc_id"] for e in _events(result.stdout)} == {"stdin"}


@pytest.mark.model
def test_csv_and_table_formats(tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "clash.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "events.csv"
    result = _run(["code", str(path), "--format", "csv", "-o", str(out), "-q"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and rows[0]["source_country"] == "TUR"
    table = _run(["code", str(path), "--format", "table", "-q"])
    assert "ASSAULT" in table.stdout


@pytest.mark.model
def test_bad_inputs_are_named_and_skipped(tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.bin.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (tmp_path / "mixed.jsonl").write_text(
        json.dumps({"id": "m1", "text": "Kenya and Somalia agreed to restore diplomatic ties."}) + "\n{broken\n",
        encoding="utf-8")
    result = _run(["code", str(tmp_path), "-q", "--date", "2017-01-01"])
    assert result.exit_code == 3
    assert "mixed.jsonl:2" in result.stderr
    assert "blob.bin.txt" in result.stderr
    docs = {e["doc_id"] for e in _events(result.stdout)}
    assert "good.txt" in docs


def test_bad_date_is_a_usage_error():  # type: ignore[no-untyped-def]
    result = _run(["code", "-", "--date", "06/09/2014"], input="x")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output


def test_missing_input_is_reported(tmp_path: Path):  # type: ignore[no-untyped-def]
    result = _run(["code", str(tmp_path / "nope.txt"), "-q"])
    assert result.exit_code == 3
    assert "nope.txt" in result.stderr


def test_no_prefilter_parses_every_sentence_and_codes_the_same_events(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    example = Path(__file__).resolve().parents[1] / "examples" / "coalition_article.txt"
    monkeypatch.setenv("DYADS_PREFILTER", "1")  # restored after the test: --no-prefilter sets it for the workers
    filtered = _run(["code", str(example), "--date", "2014-09-06", "-q"])
    everything = _run(["code", str(example), "--date", "2014-09-06", "-q", "--no-prefilter"])
    assert filtered.exit_code == 0 and everything.exit_code == 0
    ids = [e["event_id"] for e in _events(filtered.output)]
    assert len(ids) >= 30
    assert ids == [e["event_id"] for e in _events(everything.output)]
    assert os.environ["DYADS_PREFILTER"] == "0"
