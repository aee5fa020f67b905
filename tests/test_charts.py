"""Charts: vector in the PDF, a print-resolution picture with alt text in Word, reproducible."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import docx
import pikepdf
from PIL import Image

from conftest import pdf_figures, pdf_text
from generator import charts
from generator.formatting import bedrag
from generator.build import build


@charts.chart("test-reeks")
def _test_chart(inhoud, afgeleid, titel="Inwoners per gemeente"):
    figure = charts.new_figure(14, 6)
    axes = figure.add_subplot()
    names = [g.naam for g in inhoud.gemeenten]
    values = [g.inwoners for g in inhoud.gemeenten]
    axes.bar(names, values)
    axes.yaxis.set_major_formatter(charts.number_formatter())
    axes.tick_params(axis="x", rotation=30)
    return charts.render(figure, alt=f"Staafdiagram: {titel.lower()}", caption=titel)


def test_dutch_tick_labels():
    euro = charts.number_formatter(0, "€ ")
    assert euro(1234567.0, None) == "€ 1.234.567"
    assert euro(-2500.0, None) == "€ -2.500"
    millions = charts.number_formatter(1, "€ ", " mln", 10**6)
    assert millions(2500000.0, None) == "€ 2,5 mln"
    # One form for negative amounts, in the text and on the axes (formatting.euro).
    assert millions(-500000.0, None) == "€ -0,5 mln"
    assert euro(-330000.0, None) == bedrag(Decimal("-330000")) == "€ -330.000"


def test_render_is_reproducible_and_print_resolution():
    def draw():
        figure = charts.new_figure(10, 5)
        figure.add_subplot().plot([2026, 2027, 2028], [Decimal("1.5"), Decimal("2"), Decimal("-1")])
        return charts.render(figure, alt="Lijn", caption="Test")

    first, second = draw(), draw()
    assert first.svg == second.svg and first.png == second.png
    assert first.svg.lstrip().startswith(b"<?xml") and b"<svg" in first.svg
    image = Image.open(io.BytesIO(first.png))
    assert round(image.info["dpi"][0]) == 300
    assert abs(image.width / 300 * 2.54 - 10) < 0.1


def test_chart_in_both_formats(project, tmp_path):
    folder = project / "sjablonen" / "documenten"
    folder.mkdir(parents=True)
    (folder / "grafiektest.yaml").write_text(
        "titel: Grafiektest\nsjabloon: documenten/grafiektest.html.j2\n", encoding="utf-8")
    (folder / "grafiektest.html.j2").write_text(
        '{% extends "basis.html.j2" %}{% block inhoud %}<h1>Grafiektest</h1>'
        '{{ grafiek("test-reeks", titel="Inwoners per gemeente") }}{% endblock %}', encoding="utf-8")
    out = build(project, tmp_path, documents=["grafiektest"]).folder

    word = docx.Document(str(out / "grafiektest.docx"))
    pictures = word.inline_shapes
    assert len(pictures) == 1
    assert pictures[0]._inline.docPr.get("descr") == "Staafdiagram: inwoners per gemeente"
    assert abs(pictures[0].width.cm - 14) < 0.2
    captions = [p.text for p in word.paragraphs if p.style.name == "Caption"]
    assert captions == ["Inwoners per gemeente"]
    with zipfile.ZipFile(out / "grafiektest.docx") as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert len(media) == 1 and media[0].endswith(".png")

    with pikepdf.open(out / "grafiektest.pdf") as pdf:
        page = pdf.pages[0]
        assert len(page.get_images()) == 0, "the chart is vector graphics in the PDF, not a raster image"
        content = page.Contents.read_bytes()
        assert content.count(b" l\n") >= 7 * 3, "the seven bars and the axes are drawn as vector paths"
        assert "Staafdiagram: inwoners per gemeente" in pdf_figures(pdf)
    # the chart's text is real text in the PDF, with Dutch thousands separators on the axis
    flat = " ".join(pdf_text(out / "grafiektest.pdf").split())
    assert "120.000" in flat and "Hendrik-Ido-Ambacht" in flat


def test_drawing_gives_the_bytes_of_savefig_and_leaves_matplotlib_as_it_was():
    """``charts._draw`` lays out once per format and remembers text measurements while it draws;
    the bytes must stay those of plain ``savefig`` (SVG, then PNG), also after a matplotlib update."""
    import matplotlib.text
    import matplotlib.textpath
    from matplotlib.font_manager import fontManager

    def figure(layout):
        made = charts.new_figure(12, 6)
        if not layout:
            made.set_layout_engine(None)
        axes = made.add_subplot()
        axes.barh([0, 1, 2], [3, 5, 2], label="stap")
        axes.set_yticks([0, 1, 2], ["Fase 1. Verkenning\nvan de samenwerking", "2. Besluit", "Mijlpalen"])
        axes.text(1, 1, "raad: besluit", fontsize=6.5, style="italic")
        axes.xaxis.set_major_formatter(charts.number_formatter(0, "€ "))
        axes.tick_params(axis="x", rotation=30)
        axes.set_ylabel("fasen en stappen")
        axes.annotate("terugverdiend 2027", (2, 2), textcoords="offset points", xytext=(-5, 6), ha="right")
        made.legend(loc="outside lower center", ncol=2)
        return made

    def plain(made):
        svg, png = io.BytesIO(), io.BytesIO()
        made.savefig(svg, format="svg", metadata={"Date": None, "Creator": None})
        made.savefig(png, format="png", dpi=charts.RASTER_DPI, metadata={"Software": None})
        return svg.getvalue(), png.getvalue()

    patched = (fontManager._find_fonts_by_props, matplotlib.text.get_font,
               matplotlib.textpath.TextToPath.get_text_width_height_descent, matplotlib.text.Text._get_layout)
    for layout in (True, False):
        drawn = charts._draw(figure(layout))
        assert drawn == plain(figure(layout))
    assert (fontManager._find_fonts_by_props, matplotlib.text.get_font,
            matplotlib.textpath.TextToPath.get_text_width_height_descent, matplotlib.text.Text._get_layout) == patched
    assert "_find_fonts_by_props" not in vars(fontManager)
