"""Readers: every input format gives the right Article fields; bad inputs are reported and skipped."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import logging
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

import dyads.ingest
from dyads.errors import InputError
from dyads.ingest import InputWarning, article_id, clean_text, read_inputs, read_text
from dyads.ingest.clean import decode_bytes, split_title
from dyads.records import Article

FIXTURES = Path(__file__).parent / "fixtures"
SEP_6 = dt.date(2014, 9, 6)
GOOD_TEXT = "Talks end in Accra\n\nMinisters from Ghana and Togo signed a trade accord on Friday.\n"


def read(paths: list[Any], **options: Any) -> tuple[list[Article], list[InputError]]:
    """Read ``paths`` collecting errors; return (articles, errors)."""
    errors: list[InputError] = []
    articles = list(read_inputs(paths, errors=errors, **options))
    return articles, errors


def by_id(articles: list[Article]) -> dict[str, Article]:
    return {article.id: article for article in articles}


# --- formats -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("default_date", "expected_date"), [(None, None), (dt.date(2014, 9, 8), SEP_6)])
def test_text_file(default_date: dt.date | None, expected_date: dt.date | None) -> None:
    path = FIXTURES / "harbour_talks.txt"
    (article,), errors = read([path], default_date=default_date)
    assert errors == []
    assert article.id == "harbour_talks.txt"
    assert article.title == "Fishing dispute talks resume in Lisbon"
    assert article.text.startswith("LISBON, Portugal, Sept. 6 (Fakewire) - Negotiators")
    assert article.text.endswith("in Rabat next month.")
    assert "\n\n" in article.text  # paragraphs kept
    assert article.date == expected_date  # dateline "Sept. 6" has no year: it takes --date's
    assert article.origin == str(path)


def test_text_without_dateline_takes_default_date(tmp_path: Path) -> None:
    (tmp_path / "accra.txt").write_text(GOOD_TEXT)
    (article,), _ = read([tmp_path / "accra.txt"], default_date=SEP_6)
    assert article.date == SEP_6


@pytest.mark.parametrize(
    ("id_", "fields"),
    [
        (
            "feed-001",
            {
                "title": "Border crossing reopens",
                "date": SEP_6,
                "url": "https://example.org/news/1",
                "outlet": "Andes Daily Fake",
                "dateline": "LA PAZ, Sept 6",  # the JSONL field
                "origin_line": 1,
            },
        ),
        ("feed-002", {"title": None, "date": dt.date(2014, 9, 7), "url": None, "outlet": None, "dateline": None,
                      "origin_line": 2}),
        ("3", {"date": dt.date(2014, 9, 8), "outlet": "Capitol Fake News", "origin_line": 3}),
        ("feed.jsonl:4", {"date": dt.date(2014, 9, 9), "dateline": "WASHINGTON", "origin_line": 4}),  # no id; the dateline's date
    ],
)
def test_jsonl_fields(id_: str, fields: dict[str, Any]) -> None:
    path = FIXTURES / "feed.jsonl"
    articles, errors = read([path], default_date=dt.date(2000, 1, 1))
    assert errors == []
    assert [a.id for a in articles] == ["feed-001", "feed-002", "3", "feed.jsonl:4"]
    article = by_id(articles)[id_]
    line = fields.pop("origin_line")
    assert article.origin == f"{path}:{line}"
    for name, value in fields.items():
        assert getattr(article, name) == value, name


def test_jsonl_text_synonyms() -> None:
    articles = by_id(read([FIXTURES / "feed.jsonl"])[0])
    assert articles["feed-002"].text.startswith("Farmers blocked a highway")  # "body"
    assert articles["3"].text.startswith("The Senate approved")  # "content"


@pytest.mark.parametrize(
    ("name", "content", "ids"),
    [
        ("one.json", json.dumps({"id": "solo", "text": "Troops withdrew from the border."}), ["solo"]),
        ("one_no_id.json", json.dumps({"text": "Troops withdrew from the border."}), ["one_no_id.json"]),
        (
            "array.json",
            json.dumps([{"id": "a", "text": "Troops withdrew."}, {"text": "Envoys met in Oslo."}], indent=2),
            ["a", "array.json#2"],
        ),
        ("lines.json", '{"id": "x", "text": "Envoys met."}\n{"id": "y", "text": "Talks failed."}\n', ["x", "y"]),
        ("lines.ndjson", '{"id": "x", "text": "Envoys met."}\n', ["x"]),
    ],
)
def test_json_shapes(tmp_path: Path, name: str, content: str, ids: list[str]) -> None:
    (tmp_path / name).write_text(content)
    articles, errors = read([tmp_path / name])
    assert errors == []
    assert [a.id for a in articles] == ids


@pytest.mark.parametrize("name", ["feed.jsonl.gz", "feed.json.gz"])
def test_gzipped_json_lines(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(gzip.compress((FIXTURES / "feed.jsonl").read_bytes()))
    articles, errors = read([tmp_path / name])
    assert errors == []
    assert [a.id for a in articles] == ["feed-001", "feed-002", "3", f"{name}:4"]


def test_html_page() -> None:
    path = FIXTURES / "page.html"
    (article,), errors = read([path], default_date=dt.date(2000, 1, 1))
    assert errors == []
    assert article.id == "page.html"
    assert article.title == "Ministers agree on river treaty"
    assert article.text.startswith("The water ministers of Laos and Cambodia signed a treaty")
    assert "help farmers downstream" in article.text
    for boilerplate in ("Home", "Sport", "Copyright", "Ministers agree on river treaty"):
        assert boilerplate not in article.text
    assert article.date == SEP_6  # from article:published_time, not --date
    assert article.outlet == "The Daily Fake"


def test_html_without_date_takes_default_date(tmp_path: Path) -> None:
    page = (FIXTURES / "page.html").read_text().replace("2014-09-06T10:00:00Z", "")
    (tmp_path / "undated.htm").write_text(page)
    (article,), _ = read([tmp_path / "undated.htm"], default_date=dt.date(2015, 3, 1))
    assert article.date == dt.date(2015, 3, 1)


@pytest.mark.parametrize(
    ("text", "title", "body"),
    [
        (GOOD_TEXT, "Talks end in Accra", "Ministers from Ghana and Togo signed a trade accord on Friday."),
        ("Police arrested two protesters in Lima.\n", None, "Police arrested two protesters in Lima."),
    ],
)
def test_stdin(text: str, title: str | None, body: str) -> None:
    (article,), errors = read(["-"], stdin=io.StringIO(text))
    assert errors == []
    assert (article.id, article.title, article.text, article.origin) == ("stdin", title, body, "<stdin>")


def test_folder_is_read_recursively_sorted_without_hidden_files(tmp_path: Path) -> None:
    root = tmp_path / "news"
    (root / "sub").mkdir(parents=True)
    (root / ".cache").mkdir()
    (root / "z.txt").write_text(GOOD_TEXT)
    (root / "sub" / "a.txt").write_text(GOOD_TEXT)
    (root / "b.jsonl").write_text('{"text": "Envoys met in Oslo."}\n')
    (root / "sub" / "notes.md").write_text("Aid convoy\n\nA convoy reached the camp.")
    (root / "page.html").write_text((FIXTURES / "page.html").read_text())
    (root / ".hidden.txt").write_text(GOOD_TEXT)
    (root / ".cache" / "c.txt").write_text(GOOD_TEXT)
    articles, errors = read([root])
    assert errors == []
    assert [a.id for a in articles] == ["b.jsonl:1", "page.html", "sub/a.txt", "sub/notes.md", "z.txt"]
    assert by_id(articles)["sub/a.txt"].origin == str(root / "sub" / "a.txt")


def test_single_path_string_is_one_input(tmp_path: Path) -> None:
    (tmp_path / "accra.txt").write_text(GOOD_TEXT)
    assert [a.id for a in read_inputs(str(tmp_path / "accra.txt"))] == ["accra.txt"]


def test_ids_are_stable_across_runs() -> None:
    first = [a.id for a in read([FIXTURES])[0]]
    second = [a.id for a in read([FIXTURES])[0]]
    assert first == second
    assert "harbour_talks.txt" in first


# --- bad inputs ----------------------------------------------------------------------------------------------

BAD_FILES = [
    pytest.param("empty.txt", b"", "is empty", id="empty"),
    pytest.param("blank.txt", b"  \n\n \t\n", "is empty", id="whitespace-only"),
    pytest.param("blank.jsonl", b"\n\n", "is empty", id="empty-jsonl"),
    pytest.param("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary", id="binary"),
    pytest.param("garbled.txt", bytes(range(0x80, 0x100)) * 4, "is not UTF-8: pass --encoding latin-1", id="not-utf8"),
    pytest.param("feed.jsonl.gz", b"not gzip at all", "is not a valid gzip file", id="bad-gzip"),
    pytest.param("broken.json", b'[{"id": "a", "text": "x"},\n  {"id": }]', "not valid JSON", id="broken-json-array"),
    pytest.param("number.json", b"42", "holds a JSON int, not articles", id="json-scalar"),
    pytest.param("menu.html", (FIXTURES / "menu_only.html").read_bytes(), "has no article text", id="html-no-text"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES)
def test_bad_file_is_reported_and_the_batch_goes_on(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    (tmp_path / "a_good.txt").write_text(GOOD_TEXT)
    (tmp_path / name).write_bytes(content)
    (tmp_path / "z_good.txt").write_text(GOOD_TEXT)
    articles, errors = read([tmp_path / "a_good.txt", tmp_path / name, tmp_path / "z_good.txt"])
    assert [a.id for a in articles] == ["a_good.txt", "z_good.txt"]
    (error,) = errors
    assert error.source == str(tmp_path / name)
    assert reason in str(error)
    assert str(error).startswith(f"{tmp_path / name}: ")


def test_missing_path(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD_TEXT)
    articles, errors = read([tmp_path / "nowhere.txt", tmp_path / "good.txt"])
    assert [a.id for a in articles] == ["good.txt"]
    assert [str(e) for e in errors] == [f"{tmp_path / 'nowhere.txt'}: no such file or folder: check the path"]


def test_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / ".DS_Store").write_text("x")
    articles, errors = read([tmp_path / "empty"])
    assert articles == []
    assert "folder has no files to read" in str(errors[0])


def test_bad_file_inside_a_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(GOOD_TEXT)
    (tmp_path / "sub" / "b.pdf").write_bytes(b"%PDF-1.4\x00\x01\x02")
    articles, errors = read([tmp_path])
    assert [a.id for a in articles] == ["sub/a.txt"]
    assert [e.source for e in errors] == [str(tmp_path / "sub" / "b.pdf")]


def test_mixed_jsonl_reports_each_bad_line_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    shutil.copy(FIXTURES / "mixed.jsonl", path)
    articles, errors = read([path], default_date=dt.date(2014, 9, 10))
    assert [a.id for a in articles] == ["ok-1", "bad-date", "ok-2"]
    assert [(e.source, e.line, type(e)) for e in errors] == [
        (str(path), 2, InputError),
        (str(path), 3, InputError),
        (str(path), 4, InputWarning),
    ]
    assert str(errors[0]).startswith(f"{path}:2: not valid JSON (Expecting ',' delimiter")
    assert 'has no "text"' in str(errors[1])
    assert "'next Tuesday-ish' is not a date" in str(errors[2])
    assert "kept the article with 2014-09-10" in str(errors[2])
    kept = by_id(articles)
    assert kept["bad-date"].date == dt.date(2014, 9, 10)  # an unreadable date field falls back to --date
    assert kept["ok-1"].date == SEP_6
    assert kept["ok-2"].origin == f"{path}:6"


def test_json_line_that_is_not_an_object(tmp_path: Path) -> None:
    (tmp_path / "odd.jsonl").write_text('["a", "list"]\n{"id": "fine", "text": "Envoys met."}\n')
    articles, errors = read([tmp_path / "odd.jsonl"])
    assert [a.id for a in articles] == ["fine"]
    assert (errors[0].line, "is not a JSON object" in str(errors[0])) == (1, True)


def test_without_an_error_list_problems_are_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "good.txt").write_text(GOOD_TEXT)
    with caplog.at_level(logging.WARNING, logger="dyads.ingest"):
        articles = list(read_inputs([tmp_path / "nowhere.txt", tmp_path / "good.txt"]))
    assert [a.id for a in articles] == ["good.txt"]
    assert "nowhere.txt: no such file or folder" in caplog.text


def test_input_errors_pickle() -> None:
    warning = pickle.loads(pickle.dumps(InputWarning("date 'x' is not a date", "f.jsonl", 3)))
    assert isinstance(warning, InputWarning)
    assert (str(warning), warning.source, warning.line) == ("f.jsonl:3: date 'x' is not a date", "f.jsonl", 3)


# --- encodings and size --------------------------------------------------------------------------------------

LATIN_TEXT = "Talks in M\u00e1laga\n\nThe minister said \u201cwe will not retreat\u201d and left for Bogot\u00e1.\n"


def test_encoding_option_is_used(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes(LATIN_TEXT.replace("\u201c", '"').replace("\u201d", '"').encode("latin-1"))
    (article,), errors = read([tmp_path / "latin.txt"], encoding="latin-1")
    assert errors == []
    assert article.title == "Talks in M\u00e1laga"


def test_wrong_encoding_option_is_reported(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes(LATIN_TEXT.encode("cp1252"))
    _, errors = read([tmp_path / "latin.txt"], encoding="ascii")
    assert "is not ascii" in str(errors[0])


def test_non_utf8_is_guessed_and_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "windows.txt").write_bytes(LATIN_TEXT.encode("cp1252"))
    with caplog.at_level(logging.WARNING, logger="dyads.ingest"):
        (article,), errors = read([tmp_path / "windows.txt"])
    assert errors == []
    assert article.text == "The minister said \u201cwe will not retreat\u201d and left for Bogot\u00e1."
    assert "read it as cp1252" in caplog.text


def test_non_western_encoding_guessed_by_charset_normalizer() -> None:
    text = "\u041c\u0438\u043d\u0438\u0441\u0442\u0440 \u0438\u043d\u043e\u0441\u0442\u0440\u0430\u043d\u043d\u044b\u0445 \u0434\u0435\u043b \u043f\u0440\u0438\u0431\u044b\u043b \u0432 \u041f\u0435\u043a\u0438\u043d."
    assert decode_bytes(text.encode("cp1251"), source="ru.txt") == text


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbfTalks end\r\nEnvoys met.", "Talks end\r\nEnvoys met."),  # UTF-8 BOM dropped
        ("Talks end\n\nEnvoys met.".encode("utf-16"), "Talks end\n\nEnvoys met."),  # UTF-16 with BOM
    ],
)
def test_decode_bytes_handles_boms(data: bytes, expected: str) -> None:
    assert decode_bytes(data, source="x.txt") == expected


def test_windows_text_file(tmp_path: Path) -> None:
    (tmp_path / "win.txt").write_bytes(b"\xef\xbb\xbfTalks end\r\n\r\nEnvoys met.\r\nTalks failed.\r\n")
    (article,), _ = read([tmp_path / "win.txt"])
    assert (article.title, article.text) == ("Talks end", "Envoys met.\nTalks failed.")


def test_huge_article_is_capped_and_logged(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "long.txt").write_text("Long report\n\n" + "Troops moved north. " * 100)
    with caplog.at_level(logging.WARNING, logger="dyads.ingest"):
        (article,), _ = read([tmp_path / "long.txt"], max_chars=200)
    assert 180 <= len(article.text) <= 200
    assert "kept the first" in caplog.text


# --- read_text, ids, cleaning --------------------------------------------------------------------------------


def test_read_text() -> None:
    article = read_text("WASHINGTON, Sept 6 2014 - The Senate passed the aid bill.", title="Aid bill passes")
    assert article.date == SEP_6
    assert article.title == "Aid bill passes"
    assert article.id == article_id(article.text, "Aid bill passes")
    assert read_text("Envoys met.", id="e1", date=dt.date(2020, 1, 1)) == Article(
        id="e1", text="Envoys met.", date=dt.date(2020, 1, 1)
    )


def test_read_text_refuses_empty_text() -> None:
    with pytest.raises(InputError, match="text is empty"):
        read_text(" \n\x00 ")


def test_article_id_is_a_stable_content_hash() -> None:
    assert article_id("Rebels shelled the town of Kobane on Friday.", "Kobane shelled") == "sha1:f376a47c2edbfd17"
    assert article_id("Envoys met.\r\n") == article_id("  Envoys   met.")
    assert article_id("Envoys met.", "A") != article_id("Envoys met.", "B")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Rebels  shelled\tthe town.  ", "Rebels shelled the town."),
        ("One.\r\nTwo.\rThree.", "One.\nTwo.\nThree."),
        ("Para one.\n\n\n\n  Para two.", "Para one.\n\nPara two."),
        ("NUL\x00 and bell\x07 gone", "NUL and bell gone"),
        (
            "\u201cQuotes\u201d \u2014 and accents: S\u00e3o Paulo",
            "\u201cQuotes\u201d \u2014 and accents: S\u00e3o Paulo",
        ),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_split_title() -> None:
    assert split_title("\n\nHeadline\nBody one.\n\nBody two.") == ("Headline", "Body one.\n\nBody two.")


def test_public_api_is_sorted() -> None:
    assert dyads.ingest.__all__ == sorted(dyads.ingest.__all__)
    assert {"article_id", "parse_date", "read_inputs", "read_text"} <= set(dyads.ingest.__all__)


def test_excluded_paths_in_a_folder_are_not_read(tmp_path):  # type: ignore[no-untyped-def]
    (tmp_path / "a.txt").write_text("Title\n\nBody of a short story about talks.\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "part-0.jsonl").write_text('{"id": "x", "text": "Not an input."}\n', encoding="utf-8")
    (tmp_path / "events.jsonl").write_text('{"id": "y", "text": "Not an input either."}\n', encoding="utf-8")
    got = [a.id for a in read_inputs([tmp_path], exclude=[out, tmp_path / "events.jsonl"])]
    assert got == ["a.txt"]
