"""A context manager that pauses Python's cyclic garbage collector while large tables of long-lived objects are
built (actor dictionary, gazetteer): the collector would otherwise run hundreds of times for nothing, since the
objects hold no reference cycles. It is restored on exit, even after an error."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["no_gc"]


@contextlib.contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
