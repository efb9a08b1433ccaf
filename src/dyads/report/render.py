"""The briefing as one HTML page: inline (one self-contained, print-ready file: styles, chart library, country
shapes and data all inside it, so it opens offline and no request leaves it) or served (assets from ``/static``).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from .. import __version__
from ..views.geo import numeric_ids
from .build import Briefing

__all__ = ["ASSETS", "render_briefing"]

#: The static files a briefing needs, in load order (paths under ``dyads/api/static``).
ASSETS = ("vendor/echarts/echarts.min.js", "vendor/topojson-client/topojson-client.min.js", "charts.js")
WORLD = "vendor/world-atlas/countries-110m.json"


@cache
def _static(path: str) -> str:
    text = (resources.files("dyads") / "api" / "static").joinpath(*path.split("/")).read_text(encoding="utf-8")
    return text.replace("</script", "<\\/script")  # a script may not close its own tag early


@cache
def _env() -> Environment:
    return Environment(loader=PackageLoader("dyads", "report/templates"), autoescape=select_autoescape(),
                       trim_blocks=True, lstrip_blocks=True)


def render_briefing(briefing: Briefing, *, inline: bool = True, base_url: str = "") -> str:
    """Return the briefing page.

    Args:
        briefing: what :func:`~dyads.report.build_briefing` found.
        inline: put every asset inside the page (the file ``dyads report`` writes); otherwise link ``/static``.
        base_url: prefix of the links from figures to their events (a running ``dyads serve``; empty on the
            server itself).

    Example:
        >>> html = render_briefing(build_briefing(store, "IRN", window))  # doctest: +SKIP
        >>> "<script src=" in html  # doctest: +SKIP
        False
    """
    data: dict[str, Any] = briefing.to_dict()
    data["map"] = {**data["map"], "ids": {num: a3 for a3, num in numeric_ids().items()}}
    context = {
        "b": briefing, "data": data, "inline": inline, "base": base_url.rstrip("/"), "version": __version__,
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "scripts": [_static(p) for p in ASSETS] if inline else [f"/static/{p}" for p in ASSETS],
        "world": _static(WORLD) if inline else None,
        "style": _static("report.css") if inline else None,
    }
    return _env().get_template("brief.html").render(context)
