"""The gemeenschappelijke regeling read back from the real DOCX and PDF of both examples."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from conftest import CONTENT, pdf_text
from generator.build import build

DRECHTSTEDEN = ["Alblasserdam", "Dordrecht", "Hardinxveld-Giessendam", "Hendrik-Ido-Ambacht", "Papendrecht",
                "Sliedrecht", "Zwijndrecht"]
OOST_GRONINGEN = ["Bellingwedde", "Menterwolde", "Pekela", "Veendam", "Vlagtwedde"]


@pytest.fixture(scope="module")
def word(drechtsteden_build):
    return docx.Document(str(drechtsteden_build / "gemeenschappelijke-regeling.docx"))


@pytest.fixture(scope="module")
def pdf(drechtsteden_build) -> str:
    return " ".join(pdf_text(drechtsteden_build / "gemeenschappelijke-regeling.pdf").split())


@pytest.fixture(scope="module")
def groningen(tmp_path_factory) -> Path:
    return build(CONTENT / "oost-groningen-ict", tmp_path_factory.mktemp("og"),
                 documents=["gemeenschappelijke-regeling"]).folder


@pytest.fixture(scope="module")
def word_og(groningen):
    return docx.Document(str(groningen / "gemeenschappelijke-regeling.docx"))


def styled(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]


def articles(document) -> dict[str, str]:
    """Title of each article → its number, from the Heading 3 paragraphs of the regulation."""
    result = {}
    for style, text in styled(document):
        if style == "Heading 2" and text == "Algemeen":
            break  # the toelichting starts
        match = re.fullmatch(r"Artikel (\w+)\. (.+)", text)
        if style == "Heading 3" and match:
            result[match[2]] = match[1]
    return result


def body(document) -> str:
    """The text of the document, without its table of contents (styles TOC Heading, TOC 1-3)."""
    return "\n".join(p.text for p in document.paragraphs if not p.style.name.startswith("TOC"))


# -- Word: structure ------------------------------------------------------------------------


def test_word_heading_structure(word):
    rows = styled(word)
    assert rows[0] == ("Noot", "Ontwerp voor de raden en de colleges van de deelnemende gemeenten, 18 april 2017")
    assert rows[1] == ("Title", "Gemeenschappelijke regeling Drechtsteden")
    assert [t for s, t in rows if s == "Title"] == ["Gemeenschappelijke regeling Drechtsteden"]
    chapters = [t for s, t in rows if s == "Heading 1"]
    assert chapters == [
        "Hoofdstuk 1. Algemene bepalingen", "Hoofdstuk 2. Het bestuur", "Hoofdstuk 3. Financiële bepalingen",
        "Hoofdstuk 4. Personeel en archief", "Hoofdstuk 5. Toetreding, uittreding, wijziging en opheffing",
        "Hoofdstuk 6. Overgangs- en slotbepalingen", "Toelichting",
    ]
    paragraphs = [t for s, t in rows if s == "Heading 2"]
    assert paragraphs == ["§ 1. De Drechtraad", "§ 2. Het Drechtstedenbestuur", "§ 3. De voorzitter",
                          "§ 4. De raden en de inwoners", "Algemeen", "Artikelsgewijs"]
    # Articles are Heading 3, numbered 1, 2, 3, ... without a gap across chapters.
    numbers = [int(n) for n in articles(word).values()]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) == 29
    # Real built-in heading styles: Word's navigation pane and a publication system see them.
    heading = word.styles["Heading 1"]
    assert heading.style_id == "Heading1" and heading.builtin


def test_word_chapter_and_article_order(word):
    rows = styled(word)
    order = [t for s, t in rows if s in ("Heading 1", "Heading 2", "Heading 3")][:8]
    assert order == ["Hoofdstuk 1. Algemene bepalingen", "Artikel 1. Begripsbepalingen",
                     "Artikel 2. Instelling en vestiging", "Artikel 3. Belang", "Artikel 4. Taken en bevoegdheden",
                     "Hoofdstuk 2. Het bestuur", "§ 1. De Drechtraad", "Artikel 5. Samenstelling van de Drechtraad"]


def test_word_leden_and_onderdelen_are_numbered_paragraphs(word):
    leden = [p for p in word.paragraphs if p.style.name == "Lid"]
    onderdelen = [p for p in word.paragraphs if p.style.name == "Onderdeel"]
    assert leden and onderdelen
    assert all(re.match(r"\d+\.\t\S", p.text) for p in leden)
    assert all(re.match(r"[a-z]+\.\t\S", p.text) for p in onderdelen)
    style = word.styles["Lid"]
    assert style.paragraph_format.first_line_indent < 0 < style.paragraph_format.left_indent
    # the begripsbepalingen: one article, its terms as lettered onderdelen in alphabetical order
    terms = []
    started = False
    for p in word.paragraphs:
        if p.text == "Artikel 1. Begripsbepalingen" and p.style.name.startswith("Heading"):  # not its TOC entry
            started = True
        elif started and p.style.name.startswith("Heading"):
            break
        elif started and p.style.name == "Onderdeel":
            terms.append(p.text.split("\t", 1)[1].split(":", 1)[0])
    assert terms[0] == "deelnemer" and "Drechtraad" in terms and terms[-1] == "wet"
    assert terms == sorted(terms, key=str.casefold)
    letters = [p.text.split("\t")[0] for p in onderdelen[:len(terms)]]
    assert letters == [f"{chr(ord('a') + i)}." for i in range(len(terms))]


def test_word_references_name_the_articles_they_point_at(word):
    number = articles(word)
    text = body(word)
    assert f"ter behartiging van de belangen, bedoeld in artikel {number['Belang']}, tot taak:" in text
    assert (f"De termijn voor een zienswijze, bedoeld in artikel {number['Zienswijzen van de raden']}, "
            "tweede lid, blijft onverlet.") in text
    assert f"Zij vallen buiten de verdeling, bedoeld in artikel {number['Bijdragen van de deelnemers']}, tweede lid." in text
    assert (f"De raad van Hardinxveld-Giessendam wijst de leden van de Drechtraad, bedoeld in artikel "
            f"{number['Samenstelling van de Drechtraad']}, tweede lid, aan") in text
    # in the toelichting of an article, its own leden are "het eerste lid" (capital at the start)
    assert "Het eerste lid geeft de afspraak uit de intentieverklaring weer" in text
    assert "[[" not in text and not re.search(r"\blid \d|\bsub [a-z]\b", text)


def test_word_aanhef_and_signatures(word):
    text = body(word)
    assert text.count("De raden en de colleges van burgemeester en wethouders van de gemeenten Alblasserdam, "
                      "Dordrecht, Hardinxveld-Giessendam, Hendrik-Ido-Ambacht, Papendrecht, Sliedrecht en "
                      "Zwijndrecht, ieder voor zover voor de eigen gemeente bevoegd;") == 1
    assert "gelet op artikel 1 en artikel 8, eerste lid, van de Wet gemeenschappelijke regelingen, de " \
           "Participatiewet en de Wet gemeentelijke schuldhulpverlening;" in text
    assert "gezien de toestemming" not in text  # the raden take part themselves
    [table] = word.tables
    cells = [cell.text for row in table.rows for cell in row.cells]
    for gemeente in DRECHTSTEDEN:
        assert sum(f"door de raad van de gemeente {gemeente} in zijn openbare" in c for c in cells) == 1
        assert sum(f"wethouders van de gemeente {gemeente} op" in c for c in cells) == 1
    dordrecht = next(c for c in cells if "raad van de gemeente Dordrecht" in c)
    assert "vergadering van 4 juli 2017." in dordrecht and "drs. E.M. Koster" in dordrecht
    assert "mr. P.L. van der Wal" in dordrecht


def test_word_toelichting_follows_the_regulation(word):
    rows = styled(word)
    start = rows.index(("Heading 1", "Toelichting"))
    assert rows[start + 1] == ("Heading 2", "Algemeen")
    explained = [t for s, t in rows[start:] if s == "Heading 3"]
    number = articles(word)
    assert f"Artikel {number['Uittreding']}. Uittreding" in explained
    assert f"Artikel {number['Overgangsbepalingen toetreding Hardinxveld-Giessendam']}. Overgangsbepalingen " \
           "toetreding Hardinxveld-Giessendam" in explained
    # the regulation ends with its citeertitel (the signatures follow in a table), then the toelichting
    assert rows[start - 1] == ("Normal", "Deze regeling wordt aangehaald als: Gemeenschappelijke regeling Drechtsteden.")


# -- PDF -------------------------------------------------------------------------------------


def test_pdf_text(pdf, word):
    number = articles(word)
    assert "Gemeenschappelijke regeling Drechtsteden" in pdf
    assert "Hoofdstuk 5. Toetreding, uittreding, wijziging en opheffing" in pdf
    assert f"Artikel {number['Uittreding']}. Uittreding" in pdf
    assert "1. Een deelnemer kan uittreden bij besluit van de raad en het college van burgemeester en wethouders" in pdf
    assert f"bedoeld in artikel {number['Belang']}, tot taak" in pdf
    assert "a. het personeel dat voor de uittredende deelnemer werkzaam is;" in pdf
    assert "Deze regeling wordt aangehaald als: Gemeenschappelijke regeling Drechtsteden." in pdf
    assert "[[" not in pdf


def test_pdf_bookmarks_follow_the_headings(drechtsteden_build):
    from pypdf import PdfReader

    reader = PdfReader(str(drechtsteden_build / "gemeenschappelijke-regeling.pdf"))

    def titles(items):
        for item in items:
            if isinstance(item, list):
                yield from titles(item)
            else:
                yield item.title
    found = list(titles(reader.outline))
    assert "Hoofdstuk 1. Algemene bepalingen" in found and "Artikel 1. Begripsbepalingen" in found


# -- the bedrijfsvoeringsorganisatie --------------------------------------------------------


def test_bedrijfsvoeringsorganisatie_has_one_bestuur_and_colleges_only(word_og):
    text = body(word_og)
    regulation = text.split("\nToelichting\n")[0]
    assert ("De colleges van burgemeester en wethouders van de gemeenten Bellingwedde, Menterwolde, Pekela, "
            "Veendam en Vlagtwedde;") in regulation
    assert "gezien de toestemming van de raden van de deelnemende gemeenten;" in regulation
    assert "gelet op artikel 1 en artikel 8, derde lid, van de Wet gemeenschappelijke regelingen;" in regulation
    assert "Er is een bedrijfsvoeringsorganisatie, genaamd Oost Groningen Digitaal." in regulation
    assert "algemeen bestuur" not in regulation.lower() and "dagelijks bestuur" not in regulation.lower()
    assert "Het bestuur bestaat uit één lid per deelnemer, dat het college van die deelnemer uit zijn midden" \
           in regulation
    assert "vereffening" in regulation.lower()
    [table] = word_og.tables
    cells = [c.text for row in table.rows for c in row.cells if c.text.strip()]
    assert len(cells) == len(OOST_GRONINGEN)
    assert all("college van burgemeester en wethouders" in c for c in cells)
    numbers = [int(n) for n in articles(word_og).values()]
    assert numbers == list(range(1, len(numbers) + 1))


def test_rebuild_of_the_regulation_is_byte_identical(groningen, tmp_path):
    again = build(CONTENT / "oost-groningen-ict", tmp_path, documents=["gemeenschappelijke-regeling"]).folder
    for name in ("gemeenschappelijke-regeling.docx", "gemeenschappelijke-regeling.pdf"):
        assert (groningen / name).read_bytes() == (again / name).read_bytes(), name


# -- the Word writer, generically -------------------------------------------------------------


def test_docx_writer_numbered_paragraphs_get_a_style_and_a_tab():
    from generator.render import to_document
    from generator.writers.docx import write_docx
    import datetime
    import io

    html = ('<html><head><title>Proef</title></head><body>'
            '<p class="lid"><span class="nummer">1.</span> Eerste lid met <em>nadruk</em>.</p>'
            '<p class="onderdeel"><span class="nummer">a.</span>onderdeel;</p>'
            '<p class="subonderdeel"><span class="nummer">1°</span>subonderdeel.</p>'
            '</body></html>')
    document = docx.Document(io.BytesIO(write_docx(to_document("proef", html, datetime.date(2020, 1, 1)))))
    rows = [(p.style.name, p.text) for p in document.paragraphs]
    assert rows == [("Lid", "1.\tEerste lid met nadruk."), ("Onderdeel", "a.\tonderdeel;"),
                    ("Subonderdeel", "1°\tsubonderdeel.")]
    indents = [document.styles[n].paragraph_format.left_indent for n in ("Lid", "Onderdeel", "Subonderdeel")]
    assert indents[0] < indents[1] < indents[2]
