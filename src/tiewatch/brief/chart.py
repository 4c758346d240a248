"""The dyad chart: net cooperation index per dyad and month, as a hand-written SVG."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from tiewatch.analyze.dyads import BOTH, DyadRow

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 48, 170, 20, 40
COLOURS = ("#c0392b", "#2471a3", "#229954", "#b9770e", "#7d3c98", "#566573", "#17a589")


def dyad_chart_svg(rows: Sequence[DyadRow], *, names: Mapping[str, str] | None = None) -> str:
    """Lines of the net cooperation index ((cooperation - conflict) / events, -1..1) for each
    undirected dyad with events; a month without events leaves a gap."""
    names = names or {}
    months = sorted({row.month for row in rows})
    series: dict[tuple[str, str], dict[str, DyadRow]] = {}
    for row in rows:
        if row.direction == BOTH:
            series.setdefault((row.actor_a, row.actor_b), {})[row.month] = row
    series = {k: v for k, v in series.items() if any(r.total for r in v.values())}
    parts = [_frame(months)]
    for n, ((a, b), by_month) in enumerate(series.items()):
        colour = COLOURS[n % len(COLOURS)]
        label = f"{names.get(a, a)}–{names.get(b, b)}"
        parts.append(_line(months, by_month, colour))
        parts.append(_legend(n, label, colour))
    body = "\n".join(parts)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11" role="img" '
        f'aria-label="Net cooperation index by dyad and month">\n{body}\n</svg>\n'
    )


def _x(position: int, count: int) -> float:
    span = WIDTH - LEFT - RIGHT
    return LEFT + (span * position / (count - 1) if count > 1 else span / 2)


def _y(value: float) -> float:
    return TOP + (1 - value) / 2 * (HEIGHT - TOP - BOTTOM)


def _frame(months: Sequence[str]) -> str:
    lines = []
    for value in (-1.0, -0.5, 0.0, 0.5, 1.0):
        y = _y(value)
        dash = "" if value == 0 else ' stroke-dasharray="2,3"'
        lines.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            f'stroke="#bbb"{dash}/><text x="{LEFT - 6}" y="{y + 4:.1f}" '
            f'text-anchor="end">{value:+.1f}</text>'
        )
    for n, month in enumerate(months):
        x = _x(n, len(months))
        lines.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{month}</text>'
        )
    lines.append(
        f'<text x="{LEFT}" y="{HEIGHT - 6}">net cooperation index: (cooperation − conflict) '
        f"/ events</text>"
    )
    return "\n".join(lines)


def _line(months: Sequence[str], by_month: Mapping[str, DyadRow], colour: str) -> str:
    points = []
    segments: list[list[str]] = [[]]
    for n, month in enumerate(months):
        row = by_month.get(month)
        if row is None or row.net_index is None:
            segments.append([])
            continue
        x, y = _x(n, len(months)), _y(row.net_index)
        segments[-1].append(f"{x:.1f},{y:.1f}")
        points.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{2 + min(row.total, 20) / 4:.1f}" '
            f'fill="{colour}"><title>{row.month}: {row.net_index:+.2f} '
            f"({row.total} events)</title></circle>"
        )
    lines = [
        f'<polyline points="{" ".join(s)}" fill="none" stroke="{colour}" stroke-width="2"/>'
        for s in segments
        if len(s) > 1
    ]
    return "\n".join(lines + points)


def _legend(position: int, label: str, colour: str) -> str:
    x, y = WIDTH - RIGHT + 16, TOP + 14 + position * 18
    return (
        f'<rect x="{x}" y="{y - 9}" width="12" height="12" fill="{colour}"/>'
        f'<text x="{x + 18}" y="{y + 1}">{escape(label)}</text>'
    )
