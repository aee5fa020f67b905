"""Word tables get column widths from their content, like a browser's automatic layout."""

from __future__ import annotations

from lxml import html

from generator.writers.docx import auto_widths


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
