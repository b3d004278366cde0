"""Amounts read the Indonesian way everywhere: pages, charts and the demo's summary share one formatter."""

from marketplace.charts import Point, chart
from marketplace.money import format_rupiah, format_thousands


def test_rupiah_use_dots_for_thousands_and_no_decimals():
    assert format_rupiah(1_250_000) == "Rp 1.250.000"
    assert format_rupiah(-25_000) == "-Rp 25.000"
    assert format_rupiah(None) == ""


def test_counts_on_a_chart_axis_use_indonesian_separators():
    assert format_thousands(12_500) == "12.500"
    assert format_thousands(2.5) == "2,5"
    svg = chart([Point("a", 12_000), Point("b", 3)], money=False)
    assert "12.000" in svg and "12,000" not in svg
