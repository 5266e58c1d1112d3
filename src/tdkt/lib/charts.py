"""Server-rendered SVG charts: vertical (optionally stacked) bars, horizontal bars, a line over years and a
share bar against a target. No JavaScript, no library to vendor, nothing fetched from elsewhere.

Every chart is SVG text ready to be placed in a page:

- accessible: `role="img"`, an `aria-label` and a `<title>` with the chart's title; each bar or point has
  its own `<title>` ("label: value") that screen readers and a hovering mouse read;
- no `style=` attribute anywhere (the Content-Security-Policy refuses inline styles): shapes carry classes
  (`s0`…`s7` for series, `target`, `previous`, `axis`, `grid`) and the colours live in a stylesheet
  (static/tdkt/reports-charts.css);
- scaled to a fixed viewBox with `width="100%"`, so the browser fits it to a phone's width;
- numbers are formatted by the caller (`fmt`): Vietnamese formatting belongs to the page, not here.

Any data gives a valid chart: negative, NaN or infinite values are drawn as zero, empty data as an empty
frame. Framework-free: no Django import (lib is the bottom layer)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from html import escape as _html_escape

Number = float | int
Formatter = Callable[[float], str]
SERIES_CLASSES = 8  # s0…s7 in the stylesheet; more series cycle through them
FONT = 12  # px in viewBox units; the stylesheet sets the family


LIMIT = 1e15  # beyond any count or score; keeps sums and scales finite


def _clean(value) -> float:
    """A drawable value: None, NaN, infinities and anything not a number become 0; beyond ±LIMIT is LIMIT."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return 0.0
    return max(min(number, LIMIT), -LIMIT) if math.isfinite(number) else 0.0


# Characters XML 1.0 does not allow in a document (a label pasted from elsewhere may hold them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def escape(text) -> str:
    return _html_escape(_NOT_XML.sub("", str(text)), quote=True)


def _default_fmt(value: float) -> str:
    return f"{value:g}"


def nice_max(value: float) -> float:
    """The top of the axis: the smallest 1, 2, 2.5 or 5 × 10^n at or above `value` (1 for nothing)."""
    if not value > 0:
        return 1.0
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        top = step * 10 ** exponent
        if top >= value * (1 - 1e-12):
            return float(top)
    return float(10 ** (exponent + 1))  # pragma: no cover - the loop always returns


def _n(value: float) -> str:
    """A coordinate: two decimals at most, never "-0"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def _attr(text) -> str:
    return escape(text)


def series_class(index: int, names: Sequence[str] | None = None) -> str:
    base = f"s{index % SERIES_CLASSES}"
    return f"{base} {names[index]}" if names and index < len(names) and names[index] else base


class _Svg:
    def __init__(self, width: float, height: float, title: str, kind: str, css: str = ""):
        self.width, self.height = width, height
        extra = f" {_attr(css)}" if css else ""
        self.parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}{extra}" role="img" '
                      f'aria-label="{_attr(title)}" viewBox="0 0 {_n(width)} {_n(height)}" width="100%" '
                      f'preserveAspectRatio="xMinYMin meet"><title>{escape(title)}</title>']

    def add(self, text: str) -> None:
        self.parts.append(text)

    def text(self, x: float, y: float, content: str, *, anchor: str = "start", css: str = "label") -> None:
        self.parts.append(f'<text class="{css}" x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}">'
                          f'{escape(content)}</text>')

    def rect(self, x: float, y: float, w: float, h: float, css: str, tip: str = "") -> None:
        inner = f"<title>{escape(tip)}</title>" if tip else ""
        self.parts.append(f'<rect class="{css}" x="{_n(x)}" y="{_n(y)}" width="{_n(max(w, 0))}" '
                          f'height="{_n(max(h, 0))}">{inner}</rect>')

    def line(self, x1: float, y1: float, x2: float, y2: float, css: str) -> None:
        self.parts.append(f'<line class="{css}" x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"></line>')

    def legend(self, names: Sequence[str], classes: Sequence[str], y: float, left: float) -> None:
        """Legend swatches in rows that fit the width."""
        x = left
        for name, css in zip(names, classes, strict=False):
            span = 22 + min(len(name), 40) * FONT * 0.55
            if x + span > self.width and x > left:
                x, y = left, y + FONT + 8
            self.rect(x, y - FONT + 2, 12, 12, css)
            self.text(x + 16, y, name if len(name) <= 40 else name[:39] + "…")
            x += span + 12

    def close(self) -> str:
        return "".join(self.parts) + "</svg>"


def _legend_height(names: Sequence[str], width: float, left: float) -> float:
    if not names:
        return 0.0
    rows, x = 1, left
    for name in names:
        span = 22 + min(len(name), 40) * FONT * 0.55
        if x + span > width and x > left:
            rows, x = rows + 1, left
        x += span + 12
    return rows * (FONT + 8) + 6


def _ticks(high: float) -> int:
    """Gridlines that fall on round values: 1 and 5 × 10^n in fifths, 2 and 2.5 × 10^n in halves."""
    lead = round(high / 10 ** math.floor(math.log10(high)), 2) if high > 0 else 1
    return 4 if lead == 2 else 5


def _y_axis(svg: _Svg, left: float, top: float, plot_w: float, plot_h: float, low: float, high: float,
            fmt: Formatter) -> None:
    ticks = _ticks(high) if low == 0 else 4
    for index in range(ticks + 1):
        value = low + (high - low) * index / ticks
        y = top + plot_h - plot_h * index / ticks
        svg.line(left, y, left + plot_w, y, "grid" if index else "axis")
        svg.text(left - 6, y + 4, fmt(value), anchor="end", css="tick")


def _tip(label: str, value: str) -> str:
    return f"{label}: {value}" if label else value


def _short(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[:max(limit - 1, 1)] + "…"


def bar_chart(categories: Sequence[str], series: Sequence[tuple[str, Sequence[Number]]], *, title: str,
              stacked: bool = True, fmt: Formatter = _default_fmt, width: float = 640, height: float = 260,
              series_css: Sequence[str] | None = None) -> str:
    """Vertical bars, one group per category (e.g. a year); several series stacked (or side by side)."""
    categories = [str(c) for c in categories]
    names = [str(name) for name, _values in series]
    values = [[max(_clean(v), 0.0) for v in list(vals)[:len(categories)]] + [0.0] * (len(categories) - len(vals))
              for _name, vals in series]
    left, right, top, bottom = 56.0, 12.0, 12.0, 30.0
    legend_h = _legend_height(names, width, left) if len(names) > 1 else 0.0
    total_h = height + legend_h
    svg = _Svg(width, total_h, title, "bars")
    plot_w, plot_h = width - left - right, height - top - bottom
    columns = [sum(col) for col in zip(*values, strict=False)] if stacked else [
        max(col, default=0.0) for col in zip(*values, strict=False)]
    high = nice_max(max(columns, default=0.0))
    _y_axis(svg, left, top, plot_w, plot_h, 0.0, high, fmt)
    count = max(len(categories), 1)
    slot = plot_w / count
    bar_w = slot * 0.7
    label_limit = max(int(slot / (FONT * 0.55)), 3)
    for c, category in enumerate(categories):
        x0 = left + slot * c + (slot - bar_w) / 2
        base = top + plot_h
        for s, name in enumerate(names):
            value = values[s][c]
            h = plot_h * value / high
            tip = f"{category} – {name}: {fmt(value)}" if len(names) > 1 else f"{category}: {fmt(value)}"
            if stacked:
                svg.rect(x0, base - h, bar_w, h, series_class(s, series_css), tip)
                base -= h
            else:
                w = bar_w / max(len(names), 1)
                svg.rect(x0 + w * s, top + plot_h - h, w, h, series_class(s, series_css), tip)
        svg.text(left + slot * c + slot / 2, top + plot_h + 18, _short(category, label_limit), anchor="middle")
    if legend_h:
        svg.legend(names, [series_class(i, series_css) for i in range(len(names))], height + FONT, left)
    return svg.close()


def hbar_chart(labels: Sequence[str], values: Sequence[Number], *, title: str, fmt: Formatter = _default_fmt,
               width: float = 640, bar_height: float = 20, label_width: float = 220,
               highlight: Sequence[bool] | None = None, value_labels: Sequence[str] | None = None,
               css: str = "") -> str:
    """Horizontal bars, one per label (a ranking, the forms of award): the label left, the value right
    (`value_labels` when given, else `fmt` of the value). `highlight` marks bars with the class "leader";
    `css` adds classes to the chart."""
    labels = [str(label) for label in labels]
    clean = [max(_clean(v), 0.0) for v in list(values)[:len(labels)]] + [0.0] * max(len(labels) - len(values), 0)
    gap, top = 6.0, 4.0
    height = top * 2 + max(len(labels), 1) * (bar_height + gap)
    svg = _Svg(width, height, title, "hbars", css)
    span = width - label_width - 70
    high = max(clean, default=0.0) or 1.0
    limit = max(int(label_width / (FONT * 0.62)), 4)  # Vietnamese letters with diacritics run wide
    for index, (label, value) in enumerate(zip(labels, clean, strict=True)):
        y = top + index * (bar_height + gap)
        length = span * value / high
        bar_css = "bar s0" + (" leader" if highlight and index < len(highlight) and highlight[index] else "")
        shown = value_labels[index] if value_labels and index < len(value_labels) else fmt(value)
        svg.text(label_width - 8, y + bar_height * 0.72, _short(label, limit), anchor="end")
        svg.rect(label_width, y, length, bar_height, bar_css, f"{label}: {shown}")
        svg.text(label_width + length + 6, y + bar_height * 0.72, shown, css="value")
    return svg.close()


def line_chart(x_labels: Sequence[str], series: Sequence[tuple[str, Sequence[Number | None]]], *, title: str,
               fmt: Formatter = _default_fmt, width: float = 640, height: float = 260,
               series_css: Sequence[str] | None = None) -> str:
    """Lines over ordered x values (years): one polyline per series; None is a gap (no point that year)."""
    x_labels = [str(x) for x in x_labels]
    names = [str(name) for name, _values in series]
    points = [[None if v is None else _clean(v) for v in list(vals)[:len(x_labels)]] for _name, vals in series]
    present = [v for row in points for v in row if v is not None]
    low = min(min(present, default=0.0), 0.0)
    high = nice_max(max(present, default=0.0))
    if low < 0:
        low = -nice_max(-low)
    left, right, top, bottom = 56.0, 16.0, 12.0, 30.0
    legend_h = _legend_height(names, width, left)
    svg = _Svg(width, height + legend_h, title, "line")
    plot_w, plot_h = width - left - right, height - top - bottom
    _y_axis(svg, left, top, plot_w, plot_h, low, high, fmt)
    count = len(x_labels)
    step = plot_w / max(count - 1, 1)

    def xy(i: int, value: float) -> tuple[float, float]:
        x = left + (step * i if count > 1 else plot_w / 2)
        return x, top + plot_h - plot_h * (value - low) / (high - low)

    for i, label in enumerate(x_labels):
        svg.text(xy(i, low)[0], top + plot_h + 18, label, anchor="middle")
    for s, row in enumerate(points):
        css = series_class(s, series_css)
        run: list[str] = []
        for i, value in enumerate(row + [None]):
            if value is not None:
                x, y = xy(i, value)
                run.append(f"{_n(x)},{_n(y)}")
            elif run:
                if len(run) > 1:
                    svg.add(f'<polyline class="line {css}" points="{" ".join(run)}"></polyline>')
                run = []
        for i, value in enumerate(row):
            if value is not None:
                x, y = xy(i, value)
                svg.add(f'<circle class="point {css}" cx="{_n(x)}" cy="{_n(y)}" r="3.5"><title>'
                        f'{escape(names[s])} – {escape(x_labels[i])}: {escape(fmt(value))}</title></circle>')
    if legend_h:
        svg.legend(names, [series_class(i, series_css) for i in range(len(names))], height + FONT, left)
    return svg.close()


def share_bar(share: Number | None, *, title: str, target: Number | None = None, previous: Number | None = None,
              fmt: Formatter = _default_fmt, width: float = 480, height: float = 34, target_label: str = "",
              previous_label: str = "") -> str:
    """A share in percent on a 0–100 track, with the target (a tall mark) and the previous period (a short
    mark) when given. None draws an empty track (nothing to divide)."""
    svg = _Svg(width, height, title, "share")
    left, right, top, bar_h = 4.0, 4.0, 8.0, 16.0
    span = width - left - right
    svg.rect(left, top, span, bar_h, "track")

    def at(value) -> float:
        return left + span * min(max(_clean(value), 0.0), 100.0) / 100.0

    if share is not None:
        svg.rect(left, top, at(share) - left, bar_h, "fill s0", f"{title}: {fmt(_clean(share))}")
    if previous is not None:
        x = at(previous)
        svg.add(f'<line class="previous" x1="{_n(x)}" y1="{_n(top + 3)}" x2="{_n(x)}" y2="{_n(top + bar_h - 3)}">'
                f"<title>{escape(_tip(previous_label, fmt(_clean(previous))))}</title></line>")
    if target is not None:
        x = at(target)
        svg.add(f'<line class="target" x1="{_n(x)}" y1="{_n(top - 6)}" x2="{_n(x)}" y2="{_n(top + bar_h + 6)}">'
                f"<title>{escape(_tip(target_label, fmt(_clean(target))))}</title></line>")
    return svg.close()
