"""Split an event's sentence into marked pieces: the trigger, the source and the target words."""

from __future__ import annotations

from typing import Any

__all__ = ["segments"]

ROLES = ("trigger", "source", "target")


def _span(sentence: str, part: dict[str, Any] | None) -> tuple[int, int] | None:
    """The [start, end) of a part within the sentence, trusting its span only where the words match."""
    if not part:
        return None
    text = part.get("text") or ""
    span = part.get("span") or (0, 0)
    try:
        start, end = int(span[0]), int(span[1])
    except (TypeError, ValueError, IndexError):
        start, end = 0, 0
    if 0 <= start < end <= len(sentence) and (not text or sentence[start:end] == text):
        return start, end
    found = sentence.find(text) if text else -1
    return (found, found + len(text)) if found >= 0 else None


def segments(event: dict[str, Any]) -> list[dict[str, str | None]]:
    """Return ``[{"text", "role"}]`` pieces that spell the sentence, ``role`` being trigger, source, target or
    None; where two parts overlap, the one listed first in :data:`ROLES` wins.

    Example:
        >>> ev = {"sentence": "Iran attacked Iraq.", "trigger": {"text": "attacked", "span": [5, 13]},
        ...       "source": {"text": "Iran", "span": [0, 4]}, "target": {"text": "Iraq", "span": [14, 18]}}
        >>> [(s["text"], s["role"]) for s in segments(ev)]
        [('Iran', 'source'), (' ', None), ('attacked', 'trigger'), (' ', None), ('Iraq', 'target'), ('.', None)]
    """
    sentence: str = event.get("sentence") or ""
    marks: list[tuple[int, int, str]] = []
    for role in ROLES:
        span = _span(sentence, event.get(role))
        if span and all(span[1] <= s or span[0] >= e for s, e, _ in marks):
            marks.append((span[0], span[1], role))
    out: list[dict[str, str | None]] = []
    at = 0
    for start, end, role in sorted(marks):
        if start > at:
            out.append({"text": sentence[at:start], "role": None})
        out.append({"text": sentence[start:end], "role": role})
        at = end
    if at < len(sentence):
        out.append({"text": sentence[at:], "role": None})
    return out
