"""Turn raw bytes and text into clean article text: decoding, whitespace, title line, length cap.

Cleaning keeps the words as they are (quotes, dashes and accents untouched); it only normalises line
endings, removes NUL and other control characters, collapses runs of spaces and blank lines, and strips.
"""

from __future__ import annotations

import codecs
import logging
import re

from dyads.errors import InputError

__all__ = ["clean_text", "decode_bytes", "split_title", "truncate"]

logger = logging.getLogger(__name__)

_LINE_BREAKS = str.maketrans({"\r": "\n", "\v": "\n", "\f": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n"})
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff]")
_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")
#: Share of non-ASCII bytes below which undecodable text is read as Windows-1252 (English news with a few
#: accented names); above it, charset_normalizer decides.
_MOSTLY_ASCII = 0.1
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def clean_text(text: str) -> str:
    """Return ``text`` with line endings normalised, control characters removed and spaces collapsed.

    Paragraphs stay separated by one blank line; any other whitespace run becomes one space.

    Example:
        >>> clean_text("  Rebels  shelled\\tthe town.\\r\\n\\r\\n\\r\\nTwo died.\\x00 ")
        'Rebels shelled the town.\\n\\nTwo died.'
    """
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    text = _SPACES.sub(" ", _CONTROL.sub("", text))
    text = "\n".join(line.strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def split_title(text: str) -> tuple[str | None, str]:
    """Split clean text into (title, body): the first non-empty line is the title, the rest the body.

    A text of a single line has no title: that line is the body.

    Example:
        >>> split_title("Ministers meet in Lisbon\\n\\nLISBON, Sept. 6 - Two ministers met.")
        ('Ministers meet in Lisbon', 'LISBON, Sept. 6 - Two ministers met.')
        >>> split_title("Police arrested two protesters in Lima.")
        (None, 'Police arrested two protesters in Lima.')
    """
    first, _, rest = text.strip().partition("\n")
    rest = rest.strip()
    if not rest:
        return None, first.strip()
    return first.strip(), rest


def truncate(text: str, max_chars: int, *, source: str | None = None) -> str:
    """Return ``text`` cut to ``max_chars`` characters (at a space where one is near), logging the cut.

    Example:
        >>> truncate("Troops crossed the border at dawn.", 20)
        'Troops crossed the'
    """
    if len(text) <= max_chars:
        return text
    cut = text[:max_chars]
    space = max(cut.rfind(" "), cut.rfind("\n"))
    if space >= max_chars * 0.9:
        cut = cut[:space]
    logger.warning("%s: article has %d characters; kept the first %d (max_chars)", source, len(text), len(cut))
    return cut.rstrip()


def decode_bytes(data: bytes, *, source: str, encoding: str | None = None) -> str:
    """Decode a file's bytes: ``encoding`` if given, else UTF-8, else a confident guess (logged).

    Raises InputError (naming ``source``) for binary data, a wrong ``encoding``, or text that is not UTF-8
    and whose encoding cannot be told with confidence.

    Example:
        >>> decode_bytes("Caf\\u00e9 owners in Bogot\\u00e1 went on strike.".encode(), source="a.txt")
        'Café owners in Bogotá went on strike.'
    """
    if encoding is not None:
        try:
            return data.decode(encoding)
        except LookupError:
            message = f"unknown encoding {encoding!r}: pass one Python knows, e.g. utf-8 or latin-1"
            raise InputError(message, source) from None
        except UnicodeDecodeError as exc:
            raise InputError(
                f"is not {encoding} ({exc.reason} at byte {exc.start}): pass the file's real encoding", source
            ) from None
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("starts like UTF-16 but is not: pass --encoding", source) from None
    if b"\x00" in data[:8192]:
        raise InputError("looks binary (NUL bytes): give a .txt, .json, .jsonl or .html file", source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    guess = _guess_encoding(data)
    if guess is None:
        raise InputError("is not UTF-8: pass --encoding latin-1 (or the right one)", source)
    logger.warning("%s: is not UTF-8; read it as %s (a guess: pass --encoding to choose)", source, guess)
    return data.decode(guess)


def _guess_encoding(data: bytes) -> str | None:
    """Return an encoding that decodes ``data`` sensibly, or None when no guess is confident."""
    non_ascii = sum(1 for byte in data if byte > 0x7F)
    if non_ascii <= _MOSTLY_ASCII * len(data):
        # charset_normalizer often prefers cp1250/cp850 for short Western texts and garbles "à" or curly
        # quotes; mostly-ASCII news that is not UTF-8 is nearly always Windows-1252 or Latin-1.
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return "latin-1"
        return "cp1252"
    import charset_normalizer  # only needed for the rare non-UTF-8, non-Western file

    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.chaos > 0.1 or best.coherence < 0.2:
        return None
    return str(best.encoding)
