"""Small charts drawn on the server as inline SVG: no JavaScript, nothing fetched from the internet.

The SVG has a `viewBox` and no fixed size, so it scales to the width of a phone; each bar or point
carries a `<title>` (a tooltip, and what a screen reader announces). Pages show the same numbers in
a table next to the chart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from marketplace.money import format_rupiah, format_thousands

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 12, 14, 40


@dataclass(frozen=True)
class Point:
    label: date | str
    value: int | float


def rupiah_short(value) -> str:
    """An axis label: Rp 950 rb, Rp 1,2 jt, Rp 3 M."""
    value = int(value)
    for size, unit in ((1_000_000_000, "M"), (1_000_000, "jt"), (1_000, "rb")):
        if abs(value) >= size:
            number = Decimal(value) / size
            text = f"{number:.1f}".rstrip("0").rstrip(".").replace(".", ",")
            return f"Rp {text} {unit}"
    return format_rupiah(value)


def _nice_max(value: float) -> float:
    """A round number at or above `value` for the top of the y axis (1, 2, 2.5, 5 x 10^n)."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def text_width(text: str, font_size: float) -> float:
    """A generous estimate of a label's width in SVG units (no font metrics on the server)."""
    return len(text) * font_size * 0.62


def _x_label_indices(labels: list[str], step: float) -> list[int]:
    """Which points get an x label: evenly spaced, counted back from the last one (so the latest date is
    always labelled and never squeezed against the one before it), far enough apart not to overlap."""
    n = len(labels)
    if not n:
        return []
    widest = max(text_width(label, 11) for label in labels) + 8
    every = max(1, round(n / 8), -(-int(widest) // max(int(step), 1)))
    return sorted(range(n - 1, -1, -every))


def _label(value) -> str:
    if isinstance(value, date):
        return f"{value.day}/{value.month}"
    return str(value)


def chart(
    points: list[Point],
    *,
    kind: str = "bar",
    title: str = "",
    money: bool = True,
    shade: tuple[date, date] | None = None,
    shade_label: str = "",
) -> SafeString:
    """A bar or line chart of `points`, with y-axis labels (Rupiah when `money`) and an optional shaded window."""
    fmt = rupiah_short if money else format_thousands
    full = format_rupiah if money else fmt
    n = max(len(points), 1)
    top = _nice_max(max((p.value for p in points), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / n

    def x(i: int) -> float:
        return LEFT + step * i

    def y(value) -> float:
        return TOP + plot_h - plot_h * float(value) / float(top)

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}" '
        'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMidYMid meet" '
        'style="width:100%;height:auto;max-width:100%;font-family:inherit">',
        f"<title>{escape(title)}</title>",
    ]
    if shade and points:
        inside = [i for i, p in enumerate(points) if isinstance(p.label, date) and shade[0] <= p.label <= shade[1]]
        if inside:
            x0, x1 = x(inside[0]), x(inside[-1] + 1)
            parts.append(
                f'<rect class="chart-shade" x="{x0:.1f}" y="{TOP}" width="{x1 - x0:.1f}" height="{plot_h}" '
                'fill="#f6c343" fill-opacity="0.25"/>'
            )
            if shade_label:
                # Centred on the window, but moved in so that it is never cut by the chart's edge.
                half = text_width(shade_label, 12) / 2
                centre = min(max((x0 + x1) / 2, LEFT + half), WIDTH - RIGHT - half)
                parts.append(
                    f'<text class="chart-shade-label" x="{centre:.1f}" y="{TOP + 12}" font-size="12" '
                    f'text-anchor="middle" fill="#6b4f00">{escape(shade_label)}</text>'
                )
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        value = top * fraction
        yy = y(value)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#ddd" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{LEFT - 6}" y="{yy + 4:.1f}" font-size="11" text-anchor="end" fill="#555">'
            f"{escape(fmt(int(value) if money else round(value, 1)))}</text>"
        )
    labels = [_label(p.label) for p in points]
    for i in _x_label_indices(labels, step):
        half = text_width(labels[i], 11) / 2
        centre = min(max(x(i) + step / 2, LEFT + half - 8), WIDTH - half - 1)
        parts.append(
            f'<text class="chart-x-label" x="{centre:.1f}" y="{HEIGHT - BOTTOM + 16}" font-size="11" '
            f'text-anchor="middle" fill="#555">{escape(labels[i])}</text>'
        )
    if kind == "line":
        coords = " ".join(f"{x(i) + step / 2:.1f},{y(p.value):.1f}" for i, p in enumerate(points))
        parts.append(f'<polyline points="{coords}" fill="none" stroke="#8a4b16" stroke-width="2"/>')
        for i, p in enumerate(points):
            parts.append(
                f'<circle cx="{x(i) + step / 2:.1f}" cy="{y(p.value):.1f}" r="{2.5 if n > 60 else 3.5}" fill="#8a4b16">'
                f"<title>{escape(_label(p.label))}: {escape(full(p.value))}</title></circle>"
            )
    else:
        gap = min(2.0, step * 0.2)
        for i, p in enumerate(points):
            yy = y(p.value)
            parts.append(
                f'<rect class="chart-bar" x="{x(i) + gap / 2:.1f}" y="{yy:.1f}" width="{max(step - gap, 0.5):.1f}" '
                f'height="{TOP + plot_h - yy:.1f}" fill="#8a4b16">'
                f"<title>{escape(_label(p.label))}: {escape(full(p.value))}</title></rect>"
            )
    axis_y = TOP + plot_h
    parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{axis_y}" y2="{axis_y}" stroke="#888" stroke-width="1"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
