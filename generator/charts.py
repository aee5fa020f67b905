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
import contextlib
import functools
import hashlib
import io
import os
import pickle
import tempfile
import threading
import types
from dataclasses import dataclass
from pathlib import Path
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
    """Render a figure to SVG and PNG, reproducibly (fixed salt, no dates, no software tag).

    Drawing is the slow part, so a drawing is cached by what it draws (``drawing_key``): in the
    process, and in the user's cache folder across builds.
    """
    if not alt.strip():
        raise ValueError("een grafiek heeft een alt-tekst nodig")
    width_cm = figure.get_figwidth() * CM_PER_INCH
    key = drawing_key(figure)
    drawn = _cached(key) if key else None
    if drawn is None:
        drawn = _draw(figure)
        if key:
            _keep(key, drawn)
    return Chart(drawn[0], drawn[1], alt.strip(), caption, width_cm)


# --- Drawing: the bytes of savefig, with less work ------------------------------------------------

_DRAWING = threading.Lock()  # the text memo below patches matplotlib for the length of one drawing


def _draw(figure: Any) -> tuple[bytes, bytes]:
    """The SVG and then the PNG, byte for byte what ``figure.savefig`` gives for each in turn, with
    less work (tests/test_charts.py compares the bytes with plain ``savefig``):

    - ``savefig`` on a figure with a layout engine first draws the whole figure without output, only
      to run the layout; here the layout runs alone (``_lay_out``), and ``savefig`` draws once;
    - the PNG is laid out and drawn by one Agg canvas, so one renderer measures its text once;
    - while the figure is drawn, font look-ups, font tables, the SVG's text sizes and the layout of
      each text are remembered (``_text_memo``): ``savefig`` would repeat them for every text, in
      every pass, for every renderer.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.backends.backend_svg import FigureCanvasSVG

    svg, png = io.BytesIO(), io.BytesIO()
    engine = figure.get_layout_engine()
    with _DRAWING, _text_memo():
        FigureCanvasSVG(figure)
        _lay_out(figure, engine, figure.dpi)  # savefig's dpi for an SVG: the figure's (print_svg then uses 72)
        figure.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        FigureCanvasAgg(figure)
        _lay_out(figure, engine, RASTER_DPI)
        figure.savefig(png, format="png", dpi=RASTER_DPI, metadata={"Software": None})
        if engine is not None:
            figure.set_layout_engine(engine)
    return svg.getvalue(), png.getvalue()


def _lay_out(figure: Any, engine: Any, dpi: float) -> None:
    """Run the figure's layout engine with the renderer of its canvas at ``dpi``, as ``savefig``
    does before it draws, then switch the engine off so that ``savefig`` does not run it again."""
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    if engine is None or isinstance(engine, PlaceHolderLayoutEngine):
        return
    figure.set_layout_engine(engine)
    if figure.axes and figure.get_visible():  # as Figure.draw
        original = figure.dpi
        figure.dpi = dpi
        try:
            engine.execute(figure)
        except ValueError:
            pass  # as Figure.draw: the figure is then drawn as it stands
        finally:
            figure.dpi = original
    figure.set_layout_engine("none")


class _Font:
    """A font as ``Text._get_layout`` uses it (for its tables), with the tables read once."""

    def __init__(self, font: Any):
        self._font = font
        self._tables: dict[str, Any] = {}

    def get_sfnt_table(self, name: str) -> Any:
        if name not in self._tables:
            self._tables[name] = self._font.get_sfnt_table(name)
        return self._tables[name]

    def __getattr__(self, name: str) -> Any:  # anything else: the font itself
        return getattr(self._font, name)


@contextlib.contextmanager
def _text_memo():
    """For the length of one drawing, remember what matplotlib asks again and again with the same
    question: the font files for font properties, the tables of a font, the size of a text in the
    SVG (measured without hinting at a fixed scale, so the same for every SVG renderer), and the
    layout of a text (its lines and box, ``Text._get_layout``: asked about four times per text and
    pass, by the layout engine, the tick labels' boxes and the drawing) for everything that layout
    reads. The answers are those matplotlib computes; the rcParams do not change during a drawing.
    Without the expected matplotlib internals, nothing is patched and the drawing is only slower."""
    import matplotlib.text
    import matplotlib.textpath
    from matplotlib.font_manager import fontManager

    text_to_path = matplotlib.textpath.TextToPath
    originals = (fontManager.__dict__.get("_find_fonts_by_props"), matplotlib.text.__dict__.get("get_font"),
                 text_to_path.__dict__.get("get_text_width_height_descent"),
                 matplotlib.text.Text.__dict__.get("_get_layout"))
    if None in originals[1:] or not callable(getattr(fontManager, "_find_fonts_by_props", None)):
        yield
        return
    find_fonts, get_font, measure = getattr(fontManager, "_find_fonts_by_props"), originals[1], originals[2]
    found: dict[Any, Any] = {}
    fonts: dict[Any, _Font] = {}
    sizes: dict[Any, Any] = {}
    layouts: dict[Any, Any] = {}
    text = matplotlib.text
    get_layout = originals[3]

    def find_fonts_once(prop: Any, *args: Any, **kwargs: Any) -> Any:
        key = (prop if isinstance(prop, str) else prop.copy(), args, tuple(sorted(kwargs.items())))
        if key not in found:
            found[key] = find_fonts(prop, *args, **kwargs)
        return found[key]

    def get_font_once(paths: Any) -> _Font:
        key = tuple(paths) if isinstance(paths, list) else paths
        if key not in fonts:
            fonts[key] = _Font(get_font(paths))
        return fonts[key]

    def measure_once(self: Any, s: str, prop: Any, ismath: Any) -> Any:
        key = (s, prop.copy(), ismath)
        if key not in sizes:
            sizes[key] = measure(self, s, prop, ismath)
        return sizes[key]

    def layout_once(self: Any, renderer: Any) -> Any:
        if self.get_wrap():  # wrapped text depends on its place in the figure
            return get_layout(self, renderer)
        key = (self, renderer, self.get_text(), self._fontproperties.copy(), self.get_usetex(),
               self.get_parse_math(), self._linespacing, self.get_rotation(), self.get_rotation_mode(),
               self._horizontalalignment, self._verticalalignment, self._get_multialignment(),
               self.get_figure(root=True).dpi)
        if key not in layouts:
            layouts[key] = get_layout(self, renderer)
        bbox, lines, corner = layouts[key]
        return bbox.frozen(), list(lines), corner

    fontManager._find_fonts_by_props = find_fonts_once
    matplotlib.text.get_font = get_font_once
    text_to_path.get_text_width_height_descent = measure_once
    text.Text._get_layout = layout_once
    try:
        yield
    finally:
        text.Text._get_layout = get_layout
        text_to_path.get_text_width_height_descent = measure
        matplotlib.text.get_font = get_font
        if originals[0] is None:
            del fontManager._find_fonts_by_props
        else:
            fontManager._find_fonts_by_props = originals[0]


# --- The drawing cache ---------------------------------------------------------------------------

_DRAWN: dict[str, tuple[bytes, bytes]] = {}


def cache_dir() -> Path | None:
    """``SAMENWERKING_CACHE`` (empty: no cache on disk), else ``$XDG_CACHE_HOME/samenwerking`` or ~/.cache."""
    chosen = os.environ.get("SAMENWERKING_CACHE")
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "samenwerking"


class _KeyPickler(pickle.Pickler):
    """Pickles a figure for its digest only (never unpickled): functions by their code and closure,
    sets sorted, transforms without their id-keyed parent links, so equal drawings give equal bytes."""

    def reducer_override(self, obj: Any) -> Any:
        from matplotlib.transforms import TransformNode

        if isinstance(obj, types.FunctionType):
            cells = tuple(cell.cell_contents for cell in (obj.__closure__ or ()))
            code = obj.__code__
            return str, ((obj.__module__, obj.__qualname__, code.co_code, code.co_consts, cells, obj.__defaults__),)
        if isinstance(obj, TransformNode):
            state = obj.__getstate__()
            state.pop("_parents", None)
            return type(obj), (), state
        if isinstance(obj, (set, frozenset)):
            return tuple, (tuple(sorted(obj, key=repr)),)
        return NotImplemented


def drawing_key(figure: Any) -> str | None:
    """A digest of everything the drawing is made of: the figure with its data, labels and
    formatters, the drawing code (this module), the fonts and the environment (matplotlib's
    version among it). None when the figure cannot be described: then it is simply drawn."""
    digest = hashlib.sha256(_drawing_basis())
    stream = io.BytesIO()
    try:
        _KeyPickler(stream, protocol=5).dump(figure)
    except Exception:  # noqa: BLE001 - an object that cannot be pickled: no cache for this one
        return None
    digest.update(stream.getvalue())
    return digest.hexdigest()


@functools.cache
def _drawing_basis() -> bytes:
    """What every drawing key starts with, computed once per process: the environment, the
    resolution, this module's code and the house fonts."""
    from .snel import environment_key

    digest = hashlib.sha256(f"{environment_key()}\0{RASTER_DPI}\0".encode())
    digest.update(Path(__file__).read_bytes())
    for font in sorted(FONT_DIR.glob("*.ttf")):
        digest.update(font.name.encode() + hashlib.sha256(font.read_bytes()).digest())
    return digest.digest()


def _cached(key: str) -> tuple[bytes, bytes] | None:
    if key in _DRAWN:
        return _DRAWN[key]
    folder = cache_dir()
    if folder is None:
        return None
    try:
        drawn = ((folder / f"{key}.svg").read_bytes(), (folder / f"{key}.png").read_bytes())
    except OSError:
        return None
    _DRAWN[key] = drawn
    return drawn


def _keep(key: str, drawn: tuple[bytes, bytes]) -> None:
    _DRAWN[key] = drawn
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for suffix, data in ((".png", drawn[1]), (".svg", drawn[0])):  # the SVG last: it says the pair is there
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, folder / f"{key}{suffix}")
    except OSError:
        pass  # a cache that cannot be written is no error


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
