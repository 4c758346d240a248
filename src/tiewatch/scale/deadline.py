"""A time limit per document (#7): past ``settings.document_timeout`` seconds, the document is
given up and recorded as failed, and the batch goes on.

A watchdog timer raises an exception in the thread that runs the document, whichever thread
that is (a pool process's main thread, a Dask worker's task thread), through CPython's
``PyThreadState_SetAsyncExc``. The exception is raised between two Python bytecodes: pure
Python code (the extractors) stops at once, C code (one spaCy parse of a paragraph, bounded
by ``max_paragraph_chars``, or one regular expression) when it returns.

Docs: docs/reliability.md.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from tiewatch.errors import DocumentTimeoutError

logger = logging.getLogger(__name__)

T = TypeVar("T")


class _Expired(BaseException):
    """Raised in the working thread when its time is up.

    A BaseException, like KeyboardInterrupt, so that no ``except Exception`` on the way
    swallows it; ``call_with_deadline`` turns it into a DocumentTimeoutError.
    """


class _Watchdog:
    """Raises ``_Expired`` in thread ``ident`` after ``seconds``, unless cancelled first."""

    def __init__(self, ident: int, seconds: float) -> None:
        self._ident = ident
        self._lock = threading.Lock()
        self._armed = True
        self._fired = False
        self._timer = threading.Timer(seconds, self._fire)
        self._timer.daemon = True

    def start(self) -> None:
        self._timer.start()

    def cancel(self) -> None:
        """Disarm; an exception sent but not yet raised is withdrawn."""
        with self._lock:
            self._armed = False
            self._timer.cancel()
            if self._fired:
                _set_async_exc(self._ident, None)

    def _fire(self) -> None:
        with self._lock:
            if self._armed:
                self._fired = True
                _set_async_exc(self._ident, _Expired)


def _set_async_exc(ident: int, exc: type[BaseException] | None) -> None:
    # NULL (None) clears a pending exception.
    argument = None if exc is None else ctypes.py_object(exc)
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), argument)


def call_with_deadline(work: Callable[[], T], *, seconds: float) -> T:
    """``work()``, or DocumentTimeoutError once it has run ``seconds`` (0: no limit)."""
    if seconds <= 0:
        return work()
    watchdog = _Watchdog(threading.get_ident(), seconds)
    try:
        try:
            watchdog.start()
            return work()
        finally:
            watchdog.cancel()
    except _Expired:
        raise DocumentTimeoutError(
            f"timed out after {seconds:g} s (setting document_timeout)"
        ) from None
