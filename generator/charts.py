"""Charts: one drawing, two renderings — SVG (vector, for the PDF) and PNG at
print resolution (for Word), with Dutch number formatting and alt text.

Library choice: matplotlib. It draws both vector and raster output from the same
figure (no second renderer that can drift), needs no browser or system library,
formats axes through plain Python functions (so ``€ 1.234.567`` comes from the
same filter as the text), and writes reproducible files once its hash salt and
metadata dates are pinned. It is imported only when a document has a chart.

A part of the content registers a chart with ``@chart("naam")``; a template
places it with ``{{ grafiek("naam", ...) }}``.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Any, Callable

from markupsafe import Markup, escape

from .formatting import euro, getal
from .paths import PACKAGE_TEMPLATES

CM_PER_INCH = 2.54
RASTER_DPI = 300
FONT_DIR = PACKAGE_TEMPLATES / "huisstijl" / "standaard" / "lettertypen"
#: House colours for series, dark to light; readable in greyscale print.
KLEUREN = ["#1f3864", "#c55a11", "#548235", "#7f6000", "#7030a0", "#2e75b6", "#a5a5a5"]

ChartFunction = Callable[..., "Chart"]
_CHARTS: dict[str, ChartFunction] = {}


@dataclass(frozen=True)
class Chart:
    svg: bytes
    png: bytes
    alt: str
    caption: str
    width_cm: float


def chart(name: str) -> Callable[[ChartFunction], ChartFunction]:
    """Register a chart function ``(inhoud, afgeleid, **options) -> Chart`` under a name."""

    def register(function: ChartFunction) -> ChartFunction:
        _CHARTS[name] = function
        return function

    return register


def registered(name: str) -> ChartFunction:
    if name not in _CHARTS:
        raise KeyError(f"onbekende grafiek '{name}'; bekend zijn: {', '.join(sorted(_CHARTS)) or 'geen'}")
    return _CHARTS[name]


_fonts_loaded = False


def _style() -> dict[str, Any]:
    global _fonts_loaded
    from cycler import cycler
    from matplotlib import font_manager

    if not _fonts_loaded:
        for font in sorted(FONT_DIR.glob("*.ttf")):
            font_manager.fontManager.addfont(str(font))
        _fonts_loaded = True
    return {
        "font.family": "Liberation Sans",
        "font.size": 8,
        "axes.titlesize": 9,
        "axes.labelsize": 8,
        "axes.edgecolor": "#555555",
        "axes.linewidth": 0.6,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.prop_cycle": cycler(color=KLEUREN),
        "xtick.labelsize": 7.5,
        "ytick.labelsize": 7.5,
        "legend.fontsize": 7.5,
        "legend.frameon": False,
        "grid.color": "#d9d9d9",
        "grid.linewidth": 0.5,
        # Text stays text in the SVG: the PDF writer sets it in the embedded house font, so it can be
        # searched and read aloud, and drawing it is twice as fast as drawing glyph outlines.
        "svg.fonttype": "none",
        "svg.hashsalt": "samenwerking",
        "axes.formatter.use_locale": False,
    }


def new_figure(width_cm: float = 16.0, height_cm: float = 8.0):
    """A matplotlib Figure in the house style (no pyplot, no global state)."""
    import matplotlib
    from matplotlib.figure import Figure

    matplotlib.rcParams.update(_style())
    return Figure(figsize=(width_cm / CM_PER_INCH, height_cm / CM_PER_INCH), dpi=100, layout="constrained")


def number_formatter(decimals: int = 0, prefix: str = "", suffix: str = "", scale: int = 1):
    """Axis ticks in Dutch notation: ``1.250``, ``€ 1.250``, ``€ -2,5 mln`` (scale=10**6, suffix=' mln').

    A ``prefix`` of ``"€ "`` makes the ticks amounts, in the one form of ``formatting.euro``.
    """
    from decimal import Decimal

    from matplotlib.ticker import FuncFormatter

    def format_tick(value: float, _position: Any) -> str:
        number = Decimal(f"{float(value):.12g}") / scale
        text = getal(number, decimals)
        if prefix == "€ ":
            return euro(text, suffix)
        return f"{prefix}{text}{suffix}"

    return FuncFormatter(format_tick)


def euro_axis(axis: Any, maximum: float) -> None:
    """Format a money axis with a scale that suits its largest value."""
    if abs(maximum) >= 10**6:
        axis.set_major_formatter(number_formatter(1, "€ ", " mln", 10**6))
    elif abs(maximum) >= 10**4:
        axis.set_major_formatter(number_formatter(0, "€ ", "k", 10**3))
    else:
        axis.set_major_formatter(number_formatter(0, "€ "))


def render(figure: Any, alt: str, caption: str = "") -> Chart:
    """Render a figure to SVG and PNG, reproducibly (fixed salt, no dates, no software tag)."""
    if not alt.strip():
        raise ValueError("een grafiek heeft een alt-tekst nodig")
    svg = io.BytesIO()
    figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
    png = io.BytesIO()
    figure.savefig(png, format="png", dpi=RASTER_DPI, metadata={"Software": None})
    width_cm = figure.get_figwidth() * CM_PER_INCH
    return Chart(svg.getvalue(), png.getvalue(), alt.strip(), caption, width_cm)


def figure_html(chart_: Chart) -> Markup:
    """The chart as an HTML figure of the document vocabulary (SVG for PDF, PNG for Word)."""
    svg = base64.b64encode(chart_.svg).decode("ascii")
    png = base64.b64encode(chart_.png).decode("ascii")
    width_px = round(chart_.width_cm / CM_PER_INCH * 96)
    caption = f"<figcaption>{escape(chart_.caption)}</figcaption>" if chart_.caption else ""
    return Markup(
        f'<figure><img src="data:image/svg+xml;base64,{svg}" data-raster="data:image/png;base64,{png}" '
        f'alt="{escape(chart_.alt)}" width="{width_px}">{caption}</figure>'
    )
