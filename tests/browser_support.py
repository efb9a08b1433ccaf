"""Debian's Chromium for the browser tests (tests/api, tests/fetch), driven by Playwright.

Chromium comes from Debian (``apt-get install -y chromium``; ``.ci/run`` installs it), never from
``playwright install``. Without it the browser tests fail in CI (``CI=true``) and are skipped elsewhere; never do
they pass without a browser.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

#: Debian's Chromium; DYADS_CHROMIUM names another build of it.
CHROMIUM = os.environ.get("DYADS_CHROMIUM") or next(
    (p for p in ("/usr/bin/chromium", "/usr/lib/chromium/chromium") if Path(p).exists()), None)
#: where browser tests keep their screenshots
ARTIFACTS = Path(__file__).parents[1] / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def need(what: str) -> None:
    """Fail in CI, skip elsewhere, naming what is missing and how to install it."""
    message = f"{what}: install it with `apt-get install -y chromium` (as .ci/run does)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)


def chromium() -> Iterator[Any]:
    """Launch headless Chromium for a fixture to yield from; closed when the fixture ends."""
    if CHROMIUM is None or shutil.which(CHROMIUM) is None:
        need("Debian's chromium is not installed")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need("playwright is not installed (pip install -e '.[test]')")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()
