"""House styles: Word styles come from sjabloon.docx, and sjabloon.docx agrees with stijl.css."""

from __future__ import annotations

import datetime
import io
import re
import shutil
from pathlib import Path

import docx
import pytest
from docx.shared import Pt

from generator.huisstijl import VOETTEKST, voettekst_css
from generator.render import to_document
from generator.writers.docx import write_docx
from generator.writers.docx.mapping import REQUIRED_STYLES

ROOT = Path(__file__).resolve().parent.parent
HUISSTIJL = ROOT / "templates" / "huisstijl"
STYLES = sorted(path.parent.name for path in HUISSTIJL.glob("*/sjabloon.docx"))
#: The PDF's fonts and the Word fonts they stand in for (metrically the same).
FONT_ALIASES = {"Liberation Sans": "Arial", "Liberation Serif": "Times New Roman"}
#: HTML heading → Word style (generator/writers/docx/mapping.py).
HEADINGS = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def css_rules(name: str) -> dict[str, dict[str, str]]:
    """Declarations per plain selector of the standard stijl.css with ``name``'s laid over it."""
    rules: dict[str, dict[str, str]] = {}
    for folder in dict.fromkeys(["standaard", name]):
        text = re.sub(r"/\*.*?\*/", "", (HUISSTIJL / folder / "stijl.css").read_text(encoding="utf-8"), flags=re.S)
        text = re.sub(r"@page[^{]*{(?:[^{}]|{[^{}]*})*}", "", text)
        for selectors, body in re.findall(r"([^{}@]+){([^{}]*)}", text):
            for selector in (s.strip() for s in selectors.split(",")):
                for declaration in body.split(";"):
                    if ":" in declaration:
                        key, value = declaration.split(":", 1)
                        rules.setdefault(selector, {})[key.strip()] = value.strip()
    return rules


def pt(value: str) -> float:
    match = re.fullmatch(r"([\d.]+)pt", value)
    assert match, f"font-size {value!r} is not in pt"
    return float(match.group(1))


@pytest.mark.parametrize("name", STYLES)
def test_sjabloon_and_stijl_css_agree(name):
    assert {"standaard", "dordrecht"} <= set(STYLES)
    css = css_rules(name)
    template = docx.Document(str(HUISSTIJL / name / "sjabloon.docx"))
    styles = template.styles
    family = css["html"]["font-family"].strip('"')
    fonts = styles["Normal"].element.rPr.rFonts
    assert fonts.get(f"{W}ascii") == FONT_ALIASES.get(family, family)
    assert styles["Normal"].font.size == Pt(pt(css["html"]["font-size"]))
    for tag, style in HEADINGS.items():
        assert styles[style].font.size == Pt(pt(css[tag]["font-size"])), (name, tag, style)
        assert styles[style].element.rPr.rFonts.get(f"{W}ascii") == FONT_ALIASES.get(family, family)
    accent = css[":root"]["--kleur"].lstrip("#").upper()
    for style in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        assert str(styles[style].font.color.rgb) == accent, (name, style)


def test_standard_template_has_every_style_the_writer_uses():
    template = docx.Document(str(HUISSTIJL / "standaard" / "sjabloon.docx"))
    names = {style.name for style in template.styles}
    assert set(REQUIRED_STYLES) <= names, set(REQUIRED_STYLES) - names


HTML = """<!DOCTYPE html><html lang="nl"><head><title>Stijl</title></head><body>
<h1>Stijl</h1><h2>Kop</h2><p class="noot">Een noot met <small>kleine</small> tekst.</p></body></html>"""


def written(template: Path | None) -> docx.Document:
    document = to_document("stijl", HTML, datetime.date(2020, 1, 1))
    document.docx_template = template
    return docx.Document(io.BytesIO(write_docx(document)))


def test_a_style_changed_in_sjabloon_docx_changes_the_output(tmp_path):
    template = tmp_path / "sjabloon.docx"
    shutil.copy(HUISSTIJL / "standaard" / "sjabloon.docx", template)
    changed = docx.Document(str(template))
    changed.styles["Heading 1"].font.size = Pt(17)
    changed.styles["Noot"].font.size = Pt(7)
    changed.styles["Klein"].font.size = Pt(6)
    changed.save(str(template))

    before, after = written(None), written(template)
    assert before.styles["Heading 1"].font.size == Pt(14) and after.styles["Heading 1"].font.size == Pt(17)
    assert after.styles["Noot"].font.size == Pt(7) and after.styles["Klein"].font.size == Pt(6)
    # The paragraphs use the styles; the writer sets no size of its own on them.
    for document in (before, after):
        heading = document.paragraphs[1]
        assert heading.style.name == "Heading 1" and all(run.font.size is None for run in heading.runs)
        note = document.paragraphs[2]
        assert note.style.name == "Noot" and all(run.font.size is None for run in note.runs)
        small = [run for run in note.runs if run.text == "kleine"]
        assert small and small[0].style.name == "Klein"


def test_a_gemeente_template_without_class_styles_gets_them_from_the_standard(tmp_path):
    template = tmp_path / "sjabloon.docx"
    docx.Document().save(str(template))  # python-docx's own default: no Noot, Lid, Klein, ...
    document = written(template)
    assert document.paragraphs[2].style.name == "Noot"
    assert document.styles["Noot"].font.size == Pt(8.5)


def test_one_footer_for_word_and_pdf():
    document = written(HUISSTIJL / "dordrecht" / "sjabloon.docx")
    footer = document.sections[0].footer
    xml = footer._element.xml
    assert [p.text for p in footer.paragraphs] == ["Pagina 1 van 1"]
    assert "Spuiboulevard" not in xml
    instructions = [t.strip() for t in footer._element.xpath(".//w:instrText/text()")]
    assert instructions == ["PAGE", "NUMPAGES"]
    assert "".join(p if p not in ("PAGE", "NUMPAGES") else "1" for p in VOETTEKST) == "Pagina 1 van 1"
    assert voettekst_css() == '@page { @bottom-center { content: "Pagina " counter(page) " van " counter(pages); } }'
