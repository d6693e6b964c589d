"""The inline SVG charts: well-formed, no inline style, every label escaped (pure)."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree  # our own output, not untrusted input

from disputedesk.analytics.charts import bar_chart, column_chart, line_chart


def test_bar_chart_escapes_labels_and_parses_as_xml() -> None:
    svg = bar_chart("Reasons <b>", [("<script>alert(1)</script>", 3), ("late & lost", 1)])
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    root = ElementTree.fromstring(str(svg))  # noqa: S314
    assert root.tag.endswith("svg")
    assert len(root.findall("{http://www.w3.org/2000/svg}rect")) == 2
    assert "style=" not in svg


def test_charts_without_data_say_so() -> None:
    assert "No data" in bar_chart("x", [])
    assert "No data" in column_chart("x", [(date(2026, 10, 1), 0)])
    assert "No data" in line_chart("x", [])


def test_column_and_line_charts_draw_one_mark_per_point() -> None:
    points = [(date(2026, 10, d), float(d)) for d in (1, 2, 3)]
    root = ElementTree.fromstring(str(column_chart("per day", points)))  # noqa: S314
    assert len(root.findall("{http://www.w3.org/2000/svg}rect")) == 3
    lines = ElementTree.fromstring(str(line_chart("trend", [("a<", points), ("b", points)])))  # noqa: S314
    assert len(lines.findall("{http://www.w3.org/2000/svg}polyline")) == 2
