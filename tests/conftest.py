"""Shared fixtures: the coder (spaCy pipeline + dictionaries + patterns) is loaded once per test session."""

from __future__ import annotations

import datetime as dt

import pytest


@pytest.fixture(scope="session")
def coder():  # type: ignore[no-untyped-def]
    from dyads.pipeline import Coder

    return Coder()


@pytest.fixture(scope="session")
def code(coder):  # type: ignore[no-untyped-def]
    """Code one sentence (default date 2015-06-01) and return its events."""

    def run(text: str, date: str = "2015-06-01"):  # type: ignore[no-untyped-def]
        return coder.code_text(text, date=dt.date.fromisoformat(date))

    return run
