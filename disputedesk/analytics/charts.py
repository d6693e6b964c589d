"""Charts as inline SVG built on the server (pure): no script, no inline style, text escaped.

Colours are presentation attributes, not style attributes, so the SVG renders under a strict
Content-Security-Policy and in a standalone file alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from markupsafe import Markup

PALETTE = (
    "#2457a6", "#c2571a", "#1f7a4d", "#8a3ea8", "#a12a2a",
    "#0f7d8c", "#8a5a00", "#4a5868", "#d04f8a", "#5b8c1f",
)  # fmt: skip
WIDTH = 640
ROW = 24
LABEL = 190


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _svg(title: str, height: int, body: list[str]) -> Markup:
    text = escape(title)
    svg = (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'font-family="system-ui, sans-serif" font-size="12"><title>{text}</title>'
        + "".join(body)
        + "</svg>"
    )
    # Every piece of text in the SVG went through escape(); numbers and colours are ours.
    return Markup(svg)  # noqa: S704


def _empty(title: str) -> Markup:
    return _svg(title, 40, ['<text x="8" y="24" fill="#5f6b7a">No data in this period</text>'])


def bar_chart(title: str, items: Sequence[tuple[str, float]]) -> Markup:
    """Horizontal bars, one per (label, value), in the given order."""
    if not items or max(v for _, v in items) <= 0:
        return _empty(title)
    top = max(v for _, v in items)
    room = WIDTH - LABEL - 70
    body = []
    for i, (label, value) in enumerate(items):
        y = 6 + i * ROW
        length = max(1.0, room * value / top) if value > 0 else 0.0
        body.append(
            f'<text x="{LABEL - 8}" y="{y + 15}" text-anchor="end" fill="#1f2933">'
            f"{escape(label[:32])}</text>"
            f'<rect x="{LABEL}" y="{y + 3}" width="{length:.1f}" height="{ROW - 8}" '
            f'fill="{PALETTE[0]}"><title>{escape(label)}: {_fmt(value)}</title></rect>'
            f'<text x="{LABEL + length + 6:.1f}" y="{y + 15}" fill="#1f2933">{_fmt(value)}</text>'
        )
    return _svg(title, 12 + len(items) * ROW, body)


def _ticks(start: date, end: date, left: int, right: int) -> list[str]:
    return [
        f'<text x="{left}" y="188" fill="#5f6b7a">{start.isoformat()}</text>',
        f'<text x="{right}" y="188" text-anchor="end" fill="#5f6b7a">{end.isoformat()}</text>',
    ]


def column_chart(title: str, points: Sequence[tuple[date, float]]) -> Markup:
    """Vertical bars over time, one per (bucket start, value)."""
    if not points or max(v for _, v in points) <= 0:
        return _empty(title)
    top = max(v for _, v in points)
    left, right, base, high = 40, WIDTH - 10, 170, 150
    step = (right - left) / len(points)
    body = [
        f'<line x1="{left}" y1="{base}" x2="{right}" y2="{base}" stroke="#d9dee5"/>',
        f'<text x="{left - 4}" y="{base - high + 4}" text-anchor="end" fill="#5f6b7a">'
        f"{_fmt(top)}</text>",
    ]
    for i, (start, value) in enumerate(points):
        h = high * value / top
        body.append(
            f'<rect x="{left + i * step + step * 0.1:.1f}" y="{base - h:.1f}" '
            f'width="{max(step * 0.8, 1):.1f}" height="{h:.1f}" fill="{PALETTE[0]}">'
            f"<title>{start.isoformat()}: {_fmt(value)}</title></rect>"
        )
    body += _ticks(points[0][0], points[-1][0], left, right)
    return _svg(title, 196, body)


def line_chart(title: str, series: Sequence[tuple[str, Sequence[tuple[date, float]]]]) -> Markup:
    """One line per (name, points) over the same buckets, with a legend; at most ten lines."""
    series = [s for s in series if s[1]][: len(PALETTE)]
    values = [v for _, pts in series for _, v in pts]
    if not values or max(values) <= 0:
        return _empty(title)
    top = max(values)
    left, right, base, high = 40, WIDTH - 170, 170, 150
    body = [
        f'<line x1="{left}" y1="{base}" x2="{right}" y2="{base}" stroke="#d9dee5"/>',
        f'<text x="{left - 4}" y="{base - high + 4}" text-anchor="end" fill="#5f6b7a">'
        f"{_fmt(top)}</text>",
    ]
    for n, (name, points) in enumerate(series):
        step = (right - left) / max(len(points) - 1, 1)
        coords = " ".join(
            f"{left + i * step:.1f},{base - high * v / top:.1f}" for i, (_, v) in enumerate(points)
        )
        colour = PALETTE[n]
        body.append(
            f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2">'
            f"<title>{escape(name)}</title></polyline>"
            f'<rect x="{right + 12}" y="{10 + n * 16}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{right + 28}" y="{19 + n * 16}" fill="#1f2933">{escape(name[:22])}</text>'
        )
    first = series[0][1]
    body += _ticks(first[0][0], first[-1][0], left, right)
    return _svg(title, 196, body)
