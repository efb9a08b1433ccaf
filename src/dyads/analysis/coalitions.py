"""Coalitions: groups of actors that act together.

Two kinds. ``named``: groups the text names with their members ("the 10 core partners", NATO), read from the
``members`` of stored actors. ``bloc``: communities of the signed cooperation/conflict network, where two actors
are tied by the balance of their cooperative (+1) and conflictual (-1) events toward each other, plus +1 each time
they act jointly (same sentence, same act, same type); actors of unknown country (``---MIL``) are left out;
only positive balances join a bloc. Blocs are first the clique-percolation communities of that positive network
(networkx ``k_clique_communities``, k = 3: actors joined through triangles of mutual positive ties), then the
Louvain communities (fixed seed, so results repeat) of the actors left outside them. Louvain alone split a
near-complete group such as the ten coalition partners of the example, putting its hub (the United States) with
two actors it had one tie each to, which no reader would call the coalition.

Blocs are found within one time window, never across decades: the events of the window asked for (all dates by
default) are cut into calendar years when they span more than one, and each year's network gets its own blocs;
undated events join no bloc. Named groups come from single sentences, so they keep every date.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

import networkx as nx

from ..store.store import EventStore
from .windows import Window

__all__ = ["bloc_groups", "bloc_slices", "find_coalitions", "named_groups"]

_EVENTS = """
SELECT event_id, doc_id, sentence_index, trigger_text, type, quad_class, day,
       coalesce(source_country, source_code, source_name) AS src,
       coalesce(target_country, target_code, target_name) AS tgt,
       source, target, source_members, target_members
FROM events WHERE NOT coalesce(negated, false){window}
ORDER BY day NULLS LAST, doc_id, sentence_index, event_id
"""


def _key(actor: dict[str, Any]) -> str | None:
    value = actor.get("country") or actor.get("code") or actor.get("name")
    return str(value) if value else None


def _span(days: list[Any]) -> tuple[str | None, str | None]:
    known = sorted(d for d in days if d is not None)
    return (known[0].isoformat(), known[-1].isoformat()) if known else (None, None)


def named_groups(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the groups named in text (an actor with members), one per distinct member set."""
    found: dict[frozenset[str], dict[str, Any]] = {}
    for row in rows:
        for side in ("source", "target"):
            members = json.loads(row[f"{side}_members"] or "[]")
            keys = frozenset(k for k in (_key(m) for m in members) if k)
            if len(keys) < 2:
                continue
            actor = json.loads(row[side] or "{}")
            # an ad-hoc group acts once per member, each event's actor being one member: no name of its own
            name = f"ad-hoc group of {len(keys)}" if _key(actor) in keys else actor.get("name") or actor.get("text")
            group = found.setdefault(keys, {"name": name, "evidence": [], "days": []})
            if row["event_id"] not in group["evidence"]:
                group["evidence"].append(row["event_id"])
                group["days"].append(row["day"])
    result = []
    for keys, group in found.items():
        since, until = _span(group["days"])
        result.append({"members": sorted(keys), "kind": "named", "name": group["name"],
                       "evidence": group["evidence"], "since": since, "until": until})
    return sorted(result, key=lambda g: (-len(g["members"]), g["name"] or ""))


def _known(key: str | None) -> str | None:
    return None if key is None or key.startswith("---") else key


def _network(rows: list[dict[str, Any]]) -> tuple[nx.Graph, dict[frozenset[str], list[dict[str, Any]]]]:
    balance: dict[frozenset[str], int] = defaultdict(int)
    evidence: dict[frozenset[str], list[dict[str, Any]]] = defaultdict(list)
    # actors of unknown country ("---MIL": some army) are not one actor across articles: leave them out
    rows = [{**r, "src": _known(r["src"]), "tgt": _known(r["tgt"])} for r in rows]
    for row in rows:
        if row["src"] and row["tgt"] and row["src"] != row["tgt"]:
            pair = frozenset((row["src"], row["tgt"]))
            balance[pair] += 1 if row["quad_class"] in (1, 2) else -1
            evidence[pair].append(row)
    joint: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        joint[(row["doc_id"], row["sentence_index"], row["trigger_text"], row["type"])].append(row)
    for acts in joint.values():
        actors = sorted({r["src"] for r in acts if r["src"]})
        for i, a in enumerate(actors):
            for b in actors[i + 1:]:
                pair = frozenset((a, b))
                balance[pair] += 1
                evidence[pair].extend(r for r in acts if r["src"] in pair)
    graph = nx.Graph()
    for pair, weight in balance.items():
        if weight > 0:
            a, b = sorted(pair)
            graph.add_edge(a, b, weight=weight)
    return graph, evidence


def _communities(graph: nx.Graph) -> list[set[str]]:
    """Dense cores first, then communities of the rest: clique-percolation communities (k = 3), and Louvain
    communities (fixed seed) of the actors left outside them."""
    cores = [set(c) for c in nx.community.k_clique_communities(graph, 3)]
    inside = set().union(*cores) if cores else set()
    rest = graph.subgraph(n for n in graph if n not in inside)
    if rest.number_of_edges():
        cores += [set(c) for c in nx.community.louvain_communities(rest, weight="weight", seed=0)]
    return cores


def bloc_groups(rows: list[dict[str, Any]], min_size: int = 3) -> list[dict[str, Any]]:
    """Return the blocs (communities of at least ``min_size`` actors) of the positive network."""
    graph, evidence = _network(rows)
    if graph.number_of_edges() == 0:
        return []
    result = []
    for community in _communities(graph):
        if len(community) < min_size:
            continue
        members = sorted(community)
        found: dict[str, Any] = {}
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if graph.has_edge(a, b):
                    for r in evidence[frozenset((a, b))]:
                        found.setdefault(r["event_id"], r["day"])
        since, until = _span(list(found.values()))
        result.append({"members": members, "kind": "bloc", "name": None, "evidence": list(found),
                       "since": since, "until": until})
    return sorted(result, key=lambda g: -len(g["members"]))


def bloc_slices(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Cut dated events into the periods blocs are sought in: one slice if they span a year at most, else one
    per calendar year (undated events are left out: nothing says they belong together)."""
    dated = [r for r in rows if r["day"] is not None]
    if not dated:
        return []
    first, last = min(r["day"] for r in dated), max(r["day"] for r in dated)
    if (last - first).days < 366:
        return [dated]
    years: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in dated:
        years[row["day"].year].append(row)
    return [years[y] for y in sorted(years)]


def find_coalitions(store: EventStore, window: Window | None = None, min_size: int = 3) -> list[dict[str, Any]]:
    """Return the named groups, then the blocs, found in a store's events (of one window, if given).

    Blocs are sought within each period of :func:`bloc_slices`, so no bloc joins events of different years.

    Each group: ``{"members": [countries or actor codes], "kind": "named" | "bloc", "name", "evidence":
    [event ids], "since", "until"}``.

    Example:
        >>> [g["members"] for g in find_coalitions(store) if g["kind"] == "named"][0][:3]  # doctest: +SKIP
        ['AUS', 'CAN', 'DEU']
    """
    clause, params = (window or Window()).sql("day", 1)
    rows = store.rows(_EVENTS.format(window=clause), params)
    blocs = [g for part in bloc_slices(rows) for g in bloc_groups(part, min_size)]
    return named_groups(rows) + sorted(blocs, key=lambda g: (g["since"] or "", -len(g["members"])))
