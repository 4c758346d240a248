"""A document's text as safe HTML, with its events, quotes and figures marked (#5).

``highlight_text`` is pure: text and spans in, ``Markup`` out. Every piece of document text and
every attribute value goes through ``markupsafe.escape``, so a document carrying ``<script>``
or ``onerror=`` renders as text. Spans may overlap or nest: nested spans become nested
``<mark>`` elements; a span that crosses another's end is closed and reopened, so the output is
always well-formed and each fragment carries the span's attributes.

Docs: docs/dashboard.md ("Document").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from markupsafe import Markup, escape

from tiewatch.models import Event, Quantity, Quote

# data-* attribute names we emit; anything else is refused, never escaped into a name.
_ATTRIBUTE_NAME = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class Highlight:
    """One span of the text to mark. ``kind``: "event", "quote" or "quantity"."""

    start: int
    end: int
    kind: str
    data: Mapping[str, str] = field(default_factory=dict)  # becomes data-<key>="value"
    title: str = ""  # the tooltip: the coding in words
    anchor: str | None = None  # an id on the first fragment, for links from the lists


def highlight_text(text: str, highlights: Iterable[Highlight]) -> Markup:
    """``text`` as escaped HTML with a ``<mark>`` per highlight (clipped to the text)."""
    spans = _clip(text, highlights)
    if not spans:
        return escape(text)
    bounds = sorted({0, len(text)} | {b for _, h in spans for b in (h.start, h.end)})
    parts: list[str] = []
    stack: list[int] = []
    opened: set[int] = set()
    for left, right in pairwise(bounds):
        active = [i for i, h in spans if h.start <= left and h.end >= right]
        keep = _common_prefix(stack, active)
        parts.extend("</mark>" for _ in stack[keep:])
        for i in active[keep:]:
            parts.append(_open(spans[i][1], first=i not in opened))
            opened.add(i)
        stack = active
        parts.append(str(escape(text[left:right])))
    parts.extend("</mark>" for _ in stack)
    return Markup("".join(parts))


def _clip(text: str, highlights: Iterable[Highlight]) -> list[tuple[int, Highlight]]:
    """Spans inside the text, non-empty, outer before inner (start asc, end desc)."""
    kept = []
    for h in highlights:
        start, end = max(h.start, 0), min(h.end, len(text))
        if start < end:
            kept.append(Highlight(start, end, h.kind, data=h.data, title=h.title, anchor=h.anchor))
    kept.sort(key=lambda h: (h.start, -h.end))
    return list(enumerate(kept))


def _common_prefix(a: Sequence[int], b: Sequence[int]) -> int:
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _open(highlight: Highlight, *, first: bool) -> str:
    attributes = [("class", f"hl hl-{highlight.kind}"), ("tabindex", "0")]
    if highlight.anchor and first:
        attributes.append(("id", highlight.anchor))
    if highlight.title:
        attributes.append(("title", highlight.title))
    attributes.append(("data-kind", highlight.kind))
    for key, value in highlight.data.items():
        if not _ATTRIBUTE_NAME.match(key):
            raise ValueError(f"not a data attribute name: {key!r}")
        attributes.append((f"data-{key}", value))
    rendered = " ".join(f'{name}="{escape(value)}"' for name, value in attributes)
    return f"<mark {rendered}>"


def event_highlight(event: Event, *, anchor: str | None = None) -> Highlight:
    """An event's trigger span, coded: type, mode, actors, date, status, reported by."""
    data = {
        "type": event.type,
        "mode": event.mode or "",
        "source": _actor(event.source, event.source_name),
        "target": _actor(event.target, event.target_name),
        "date": event.date or "",
        "status": event.status,
        "reported-by": event.reported_by or "",
    }
    data = {k: v for k, v in data.items() if v}
    title = "; ".join(f"{k.replace('-', ' ')}: {v}" for k, v in data.items())
    return Highlight(event.start, event.end, "event", data=data, title=title, anchor=anchor)


def quote_highlight(quote: Quote, *, anchor: str | None = None) -> Highlight:
    data = {"speaker": quote.speaker or "", "actor": quote.speaker_actor or ""}
    data = {k: v for k, v in data.items() if v} | ({"date": quote.date} if quote.date else {})
    title = f"quote by {quote.speaker or 'unknown speaker'}"
    if quote.date:
        title += f" ({quote.date})"
    return Highlight(quote.start, quote.end, "quote", data=data, title=title, anchor=anchor)


def quantity_highlight(quantity: Quantity, *, anchor: str | None = None) -> Highlight:
    data = {"value": f"{quantity.value:g}", "unit": quantity.unit}
    if quantity.measure:
        data["measure"] = quantity.measure
    if quantity.date:
        data["date"] = quantity.date
    title = f"figure: {quantity.value:g} {quantity.unit}"
    if quantity.measure:
        title += f" ({quantity.measure})"
    return Highlight(
        quantity.start, quantity.end, "quantity", data=data, title=title, anchor=anchor
    )


def _actor(code: str | None, name: str | None) -> str:
    if code and name:
        return f"{name} ({code})"
    return name or code or ""
