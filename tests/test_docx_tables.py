"""Word tables: column widths from <colgroup> or from the content (like a browser's automatic
layout), cells in the right place."""

from __future__ import annotations

import datetime
import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from lxml import html

from generator.render import to_document
from generator.writers.docx import auto_widths, write_docx

HTML = """<!DOCTYPE html><html lang="nl"><head><title>Tabellen</title></head><body>
<h1>Tabellen</h1>
<table>
<colgroup><col style="width: 50%"><col style="width: 20%"><col style="width: 30%"></colgroup>
<thead><tr><th>Omschrijving</th><th class="rechts">Jaar</th><th class="bedrag">Bedrag</th></tr></thead>
<tbody>
<tr><td>Eerste</td><td class="getal">2018</td><td class="bedrag">€ 1.000</td></tr>
<tr class="totaal"><td class="totaal" colspan="2">Totaal</td><td class="bedrag totaal">€ 1.000</td></tr>
</tbody>
</table>
<table><tr><td>zonder</td><td>breedtes</td></tr></table>
</body></html>"""


def written():
    document = to_document("tabellen", HTML, datetime.date(2020, 1, 1))
    return docx.Document(io.BytesIO(write_docx(document)))


def test_colgroup_widths_become_a_fixed_word_grid():
    word = written()
    first, second = word.tables
    grid = [int(col.get(qn("w:w"))) for col in first._tbl.tblGrid.iterchildren()]
    text_width = 16 / 2.54 * 1440  # twips
    assert [round(w / text_width * 100) for w in grid] == [50, 20, 30]
    assert first._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    # the merged total cell spans the first two columns and keeps their width together
    total = first.rows[2].cells
    assert total[0].text == total[1].text == "Totaal" and total[2].text == "€ 1.000"
    assert abs(total[0].width - (grid[0] + grid[1]) * 635) < 635 * 2
    # a table without widths gets widths estimated from its content, filling the text width
    estimated = [int(col.get(qn("w:w"))) for col in second._tbl.tblGrid.iterchildren()]
    assert len(estimated) == 2 and abs(sum(estimated) - text_width) < 30


def test_cells_keep_their_place_alignment_and_style():
    word = written()
    table = word.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Omschrijving", "Jaar", "Bedrag"]
    assert [c.text for c in table.rows[1].cells] == ["Eerste", "2018", "€ 1.000"]
    assert table.rows[1].cells[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert table.rows[0].cells[1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert all(run.bold for run in table.rows[2].cells[2].paragraphs[0].runs)
    styles = {p.style.name for p in word.paragraphs if p.text}
    assert styles == {"Title"}
    assert table.rows[1].cells[0].paragraphs[0].style.name == "Normal"


def rows_of(markup: str):
    return html.fragment_fromstring(markup).xpath(".//tr")


def test_number_columns_stay_narrow_and_text_columns_take_the_rest():
    rows = rows_of("<table><tr><th>Nr.</th><th>Omschrijving</th><th class='bedrag'>Bedrag</th></tr>"
                   "<tr><td>1</td><td>" + "een lange omschrijving van een post " * 4 + "</td>"
                   "<td class='bedrag'>€ 1.045.000</td></tr></table>")
    widths = auto_widths(rows, 3, 16.0)
    assert abs(sum(widths) - 16.0) < 1e-9
    number, text, amount = widths
    assert number < 1.6 and text > 9
    assert amount >= len("€ 1.045.000") * 0.19  # an amount is never wrapped


def test_short_tables_share_the_width_in_proportion_and_spanning_cells_are_not_measured():
    rows = rows_of("<table><tr><td>ab</td><td>abcdef</td></tr>"
                   "<tr><td colspan='2'>" + "x" * 300 + "</td></tr></table>")
    first, second = auto_widths(rows, 2, 16.0)
    assert abs(first + second - 16.0) < 1e-9 and first < second


def test_too_many_long_words_are_scaled_to_the_page():
    rows = rows_of("<table><tr>" + "<td>Onderwijsvoorzieningenverordening</td>" * 6 + "</tr></table>")
    widths = auto_widths(rows, 6, 16.0)
    assert abs(sum(widths) - 16.0) < 1e-9 and len(set(round(w, 6) for w in widths)) == 1
