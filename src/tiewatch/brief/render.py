"""Render a Brief as Markdown, HTML or JSON (templates in ``brief/templates``).

Docs: docs/briefs.md.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import jinja2
from markupsafe import Markup

from tiewatch.analyze.rows import shift_month
from tiewatch.brief.chart import dyad_chart_svg
from tiewatch.brief.model import Brief, BriefSentence, brief_to_dict

logger = logging.getLogger(__name__)

BriefFormat = Literal["md", "html", "json"]
BRIEF_FORMATS: tuple[str, ...] = BriefFormat.__args__  # type: ignore[attr-defined]
# Text formats plus PDF, which ``brief.pdf.render_pdf`` lays out from the HTML.
OUTPUT_FORMATS: tuple[str, ...] = (*BRIEF_FORMATS, "pdf")


@dataclass(frozen=True)
class _Shift:
    name: str
    before: str
    after: str
    delta: str
    events_before: int
    events_after: int


def render_brief(brief: Brief, fmt: str = "md", *, chart_path: str | None = None) -> str:
    """The brief as text. ``chart_path``: where the Markdown links the SVG chart."""
    if fmt == "json":
        return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=1) + "\n"
    if fmt not in BRIEF_FORMATS:
        raise ValueError(f"unknown brief format {fmt!r}; expected one of {BRIEF_FORMATS}")
    template = _environment(html=fmt == "html").get_template(f"brief.{fmt}.j2")
    return template.render(**_context(brief, chart_path=chart_path))


def render_chart(brief: Brief) -> str:
    return dyad_chart_svg(brief.dyads, names=brief.actor_names)


def _context(brief: Brief, *, chart_path: str | None) -> dict[str, Any]:
    return {
        "brief": brief,
        "previous": shift_month(brief.month, -1),
        "shifts": [_shift_row(brief, s) for s in brief.dyad_shifts],
        "chart_path": chart_path,
        "chart_svg": Markup(render_chart(brief)),
    }


def _shift_row(brief: Brief, shift: Any) -> _Shift:
    names = brief.actor_names
    return _Shift(
        name=f"{names.get(shift.actor_a, shift.actor_a)}–{names.get(shift.actor_b, shift.actor_b)}",
        before=_signed(shift.before),
        after=_signed(shift.after),
        delta=_signed(shift.delta),
        events_before=shift.events_before,
        events_after=shift.events_after,
    )


def _signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


@lru_cache(maxsize=2)
def _environment(*, html: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("tiewatch.brief", "templates"),
        autoescape=html,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        # Markdown viewers render raw HTML: a source text's tags must stay text (#7).
        finalize=None if html else _inert_markdown,
    )
    env.filters["cite"] = cite_markers
    env.filters["cite_html"] = _cite_html
    env.filters["truncate_words"] = _truncate_words
    return env


def _inert_markdown(value: Any) -> Any:
    """``<`` as the entity, so a Markdown viewer shows tags from source texts as text."""
    return value.replace("<", "&lt;") if isinstance(value, str) else value


def cite_markers(sentence: BriefSentence) -> str:
    """`` [1, 4]`` after a sentence."""
    return f" [{', '.join(str(n) for n in sentence.citations)}]" if sentence.citations else ""


def _cite_html(sentence: BriefSentence) -> Markup:
    links = ", ".join(f'<a href="#src-{n}">{n}</a>' for n in sentence.citations)
    return Markup(f"<sup>[{links}]</sup>") if links else Markup("")


def _truncate_words(text: str, count: int) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")
