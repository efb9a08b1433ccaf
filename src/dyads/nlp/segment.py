"""Sentence boundaries from the tokenizer alone, before anything is parsed.

The coder decides per sentence whether to parse it (:mod:`dyads.events.prefilter`), so sentences must be known
before the parser runs. The rules: a sentence ends after ``.``, ``!``, ``?`` or an ellipsis, together with the
closing quotes and brackets that follow it (a ``"`` glued to the next word opens the next sentence instead). A
blank line (a paragraph break) ends one too, unless the text plainly goes on across it (no punctuation before, a
lower-case word after). Whitespace at either edge is left out. A run of more than ``MAX_TOKENS`` tokens without an
end (tables, lists, markup debris) is cut at line breaks, else every ``MAX_TOKENS`` tokens, so no single parse
grows with the article.

Each sentence is then parsed as its own ``Doc`` with these boundaries fixed (the parser respects preset
``is_sent_start`` values), so a sentence's parse does not depend on which other sentences were parsed.
"""

from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["MAX_TOKENS", "segment"]

#: longest sentence parsed as one piece (tokens); longer runs are cut at line breaks, else at this length
MAX_TOKENS = 250

_ENDS = frozenset({".", "!", "?", "...", "\u2026", "?!", "!?"})
_CLOSERS = frozenset({")", "]", "}", "\u201d", "\u2019", "'", "\u00bb"})
_QUOTES = frozenset({'"', "''"})


def _is_end(text: str) -> bool:
    return text in _ENDS or (len(text) > 1 and set(text) <= {".", "!", "?"})


def _continues(doc: Doc, i: int) -> bool:
    """Whether the text goes on across the blank line at token ``i``: the line before ends without punctuation
    and the next starts in lower case ("... of Houston\n\nfor 200,000 dlrs.", a wire-copy artefact)."""
    if i == 0 or i + 1 >= len(doc):
        return False
    before, after = doc[i - 1], doc[i + 1]
    return not before.is_punct and after.text[:1].islower()


def segment(doc: Doc) -> list[tuple[int, int]]:
    """Return the sentences of a tokenized (not parsed) Doc as token ranges ``[start, end)``, in order.

    Example:
        >>> from dyads.nlp import load_nlp
        >>> doc = load_nlp().make_doc('Iran said "We will help." The U.S. agreed.')
        >>> [doc[s:e].text for s, e in segment(doc)]
        ['Iran said "We will help."', 'The U.S. agreed.']
    """
    bounds: list[tuple[int, int]] = []
    n = len(doc)
    start = 0
    i = 0
    while i < n:
        tok = doc[i]
        cut: int | None = None
        if tok.is_space and "\n\n" in tok.text.replace("\r", "").replace(" ", "").replace("\t", ""):
            if not _continues(doc, i):
                cut = i + 1
        elif _is_end(tok.text):
            j = i + 1
            while j < n:
                nxt = doc[j]
                if nxt.text in _CLOSERS or (nxt.text in _QUOTES and (nxt.whitespace_ or j + 1 == n
                                                                      or doc[j + 1].is_space
                                                                      or doc[j + 1].is_punct)):
                    j += 1
                    continue
                break
            cut = j
        if cut is not None:
            _add(doc, start, cut, bounds)
            start = cut
            i = cut
            continue
        i += 1
    _add(doc, start, n, bounds)
    return bounds


def _add(doc: Doc, start: int, end: int, bounds: list[tuple[int, int]]) -> None:
    """Append ``[start, end)`` without edge whitespace, cut into pieces of at most ``MAX_TOKENS``."""
    while start < end and doc[start].is_space:
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    while end - start > MAX_TOKENS:
        window = range(start + MAX_TOKENS // 2, start + MAX_TOKENS)
        cut = next((k + 1 for k in reversed(window) if doc[k].is_space and "\n" in doc[k].text), start + MAX_TOKENS)
        _add(doc, start, cut, bounds)
        start = cut
        while start < end and doc[start].is_space:
            start += 1
    if end > start:
        bounds.append((start, end))
