"""tdkt.lib.charts: exact geometry on known data, and any data gives valid, accessible SVG with every shape
inside the viewBox, no NaN and no style attribute."""

import math
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tdkt.lib import charts

SVG = "{http://www.w3.org/2000/svg}"
PROPERTY_SETTINGS = settings(deadline=None)
GEOMETRY = {"x", "y", "width", "height", "cx", "cy", "r", "x1", "y1", "x2", "y2", "points", "viewBox"}


def parse(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img" and root.get("aria-label")
    assert root.find(f"{SVG}title").text == root.get("aria-label")
    return root


def viewbox(root) -> tuple[float, float]:
    _x, _y, width, height = (float(v) for v in root.get("viewBox").split())
    return width, height


def assert_inside(root) -> None:
    width, height = viewbox(root)
    for element in root.iter():
        assert "style" not in element.attrib
        for name in GEOMETRY & element.attrib.keys():  # labels may say "NaN"; coordinates never
            assert "nan" not in element.get(name).lower() and "inf" not in element.get(name).lower()
        if element.tag == f"{SVG}rect":
            x, y, w, h = (float(element.get(k)) for k in ("x", "y", "width", "height"))
            assert all(math.isfinite(v) for v in (x, y, w, h))
            assert w >= 0 and h >= 0
            assert x >= -0.01 and x + w <= width + 0.01 and y >= -0.01 and y + h <= height + 0.01
        if element.tag == f"{SVG}circle":
            assert 0 <= float(element.get("cx")) <= width and 0 <= float(element.get("cy")) <= height
        if element.tag == f"{SVG}polyline":
            for point in element.get("points").split():
                px, py = (float(v) for v in point.split(","))
                assert 0 <= px <= width and 0 <= py <= height


def rects(root, css):
    return [r for r in root.iter(f"{SVG}rect") if css in r.get("class").split()]


def bars(root, css):
    """Rects of a series that are bars (they carry a tooltip; legend swatches do not)."""
    return [r for r in rects(root, css) if r.find(f"{SVG}title") is not None]


def test_nice_max_rounds_up_to_one_two_two_and_a_half_or_five():
    assert [charts.nice_max(v) for v in (0, 1, 3, 7, 11, 21, 240, 999)] == [1, 1, 5, 10, 20, 25, 250, 1000]


def test_stacked_bars_are_proportional_to_the_values():
    root = parse(charts.bar_chart(["2024", "2025"], [("A", [1, 2]), ("B", [3, 3])], title="Khen thưởng"))
    a, b = bars(root, "s0"), bars(root, "s1")
    assert [float(r.get("height")) for r in a] == pytest.approx([218 / 5, 218 * 2 / 5])  # axis top 5, plot 218
    assert float(b[1].get("y")) + float(b[1].get("height")) == pytest.approx(float(a[1].get("y")))
    assert [r.find(f"{SVG}title").text for r in a] == ["2024 – A: 1", "2025 – A: 2"]


def test_labels_are_escaped_and_formatted_by_the_caller():
    text = charts.hbar_chart(["<Sở> & \"Y tế\""], [1234], title="a < b", fmt=lambda v: f"{v:,.0f}".replace(",", "."))
    root = parse(text)
    assert "1.234" in text and "&lt;Sở&gt; &amp;" in text
    assert root.get("aria-label") == "a < b"


def test_share_bar_marks_target_and_previous_period():
    root = parse(charts.share_bar(25, title="Nữ", target=50, previous=10, width=408))
    assert float(rects(root, "fill")[0].get("width")) == pytest.approx(100)
    assert float(root.find(f"{SVG}line[@class='target']").get("x1")) == pytest.approx(204)
    assert float(root.find(f"{SVG}line[@class='previous']").get("x1")) == pytest.approx(44)


def test_share_bar_without_a_base_draws_an_empty_track():
    root = parse(charts.share_bar(None, title="Nữ"))
    assert rects(root, "fill") == [] and len(rects(root, "track")) == 1


def test_line_chart_breaks_at_missing_years():
    root = parse(charts.line_chart(["2023", "2024", "2025", "2026"], [("Cụm 1", [1, 2, None, 4])], title="Điểm"))
    assert len(list(root.iter(f"{SVG}polyline"))) == 1  # 2023–2024; 2026 alone is a point only
    assert len(list(root.iter(f"{SVG}circle"))) == 3


values = st.one_of(st.none(), st.integers(-10**9, 10**12), st.floats(allow_nan=True, allow_infinity=True))
labels = st.text(max_size=60)


@PROPERTY_SETTINGS
@given(st.lists(labels, max_size=15), st.lists(st.tuples(labels, st.lists(values, max_size=20)), max_size=6),
       st.booleans())
def test_any_bar_data_gives_valid_svg(categories, series, stacked):
    assert_inside(parse(charts.bar_chart(categories, series, title="T", stacked=stacked)))


@PROPERTY_SETTINGS
@given(st.lists(st.tuples(labels, values), max_size=25))
def test_any_hbar_data_gives_valid_svg(pairs):
    assert_inside(parse(charts.hbar_chart([p[0] for p in pairs], [p[1] for p in pairs], title="T")))


@PROPERTY_SETTINGS
@given(st.lists(labels, max_size=12), st.lists(st.tuples(labels, st.lists(values, max_size=12)), max_size=10))
def test_any_line_data_gives_valid_svg(years, series):
    assert_inside(parse(charts.line_chart(years, series, title="T")))


@PROPERTY_SETTINGS
@given(values, values, values)
def test_any_share_gives_valid_svg(share, target, previous):
    assert_inside(parse(charts.share_bar(share, title="T", target=target, previous=previous)))
