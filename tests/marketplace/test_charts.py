"""The server-drawn charts: their labels stay inside the picture and never sit on top of each other."""

import re
from datetime import date, timedelta

import pytest

from marketplace.charts import WIDTH, Point, chart, text_width

TEXT = re.compile(
    r'<text class="(?P<cls>[\w-]+)" x="(?P<x>[\d.]+)"[^>]*font-size="(?P<size>[\d.]+)"[^>]*>(?P<t>[^<]*)</text>'
)


def labels(svg: str, cls: str) -> list[tuple[float, float, str]]:
    """(left, right, text) of each label of class `cls` (all are centred on x)."""
    found = []
    for m in TEXT.finditer(svg):
        if m["cls"] == cls:
            half = text_width(m["t"], float(m["size"])) / 2
            found.append((float(m["x"]) - half, float(m["x"]) + half, m["t"]))
    return found


def days(first: date, count: int) -> list[Point]:
    return [Point(first + timedelta(days=n), 1_000_000 + n * 10_000) for n in range(count)]


@pytest.mark.parametrize("count", [7, 30, 91, 96, 120, 365])
def test_date_labels_never_overlap_and_the_last_day_is_labelled(count):
    points = days(date(2020, 1, 27), count)

    xs = labels(chart(points), "chart-x-label")

    assert xs[-1][2] == f"{points[-1].label.day}/{points[-1].label.month}"
    assert all(left >= 0 and right <= WIDTH for left, right, _ in xs)
    assert all(prev[1] + 4 <= nxt[0] for prev, nxt in zip(xs, xs[1:], strict=False)), xs


def test_the_campaign_label_over_the_last_days_is_not_cut_by_the_edge():
    """#SatuDalamKopi, 20-26 April, drawn at the right end of a report that ends on 26 April."""
    points = days(date(2020, 1, 27), 91)

    svg = chart(points, shade=(date(2020, 4, 20), date(2020, 4, 26)), shade_label="#SatuDalamKopi")

    [(left, right, text)] = labels(svg, "chart-shade-label")
    assert text == "#SatuDalamKopi" and left >= 0 and right <= WIDTH


def test_month_labels_fit_too():
    points = [Point(f"2020-{month:02d}", 5_000_000) for month in range(1, 13)]

    xs = labels(chart(points, title="GMV bulanan"), "chart-x-label")

    assert xs[-1][2] == "2020-12"
    assert all(left >= 0 and right <= WIDTH for left, right, _ in xs)
    assert all(prev[1] + 4 <= nxt[0] for prev, nxt in zip(xs, xs[1:], strict=False))
