"""samenwerking importeer: round trips through DOCX, text and the repository XML, and bad input.

Each example's regulation is built once (DOCX and HTML, only that document), imported, built
again and read back: the paragraphs of the regulation are equal word for word. The ondertekening
table is not compared (names and council dates are not in a regulation's text).
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml
from click.testing import CliRunner
from lxml import html as lxml_html

from generator.build import build, load_project
from generator.cli import main
from generator.errors import ContentError
from generator.importeer import importeer
from generator.regeling.numbering import letter

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "importeer"
DOCUMENT = "gemeenschappelijke-regeling"


@pytest.fixture(scope="session", autouse=True)
def _one_process(tmp_path_factory):
    import os

    os.environ.setdefault("SAMENWERKING_PROCESSEN", "1")


@pytest.fixture(scope="session")
def origineel(tmp_path_factory) -> dict[str, Path]:
    """Each example's regulation, built once as DOCX and HTML."""
    out = tmp_path_factory.mktemp("origineel")
    result = {}
    for name, formats in (("drechtsteden", ("docx", "html")), ("oost-groningen-ict", ("docx",))):
        folder = build(ROOT / "content" / name, out, formats=formats, documents=[DOCUMENT]).folder
        result[name] = folder
    return result


def alineas(path: Path) -> list[str]:
    """The paragraphs of a regulation in Word, without the status note and the generated table of
    contents (tables are not paragraphs)."""
    return [p.text for p in docx.Document(str(path)).paragraphs
            if p.style.name != "Noot" and not p.style.name.startswith("TOC")]


def _strings(value) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def opnieuw(folder: Path, out: Path) -> Path:
    return build(folder, out, formats=("docx",), documents=[DOCUMENT]).folder / f"{DOCUMENT}.docx"


def html_als_tekst(path: Path) -> str:
    """The regulation as a person copies it from a web page: one block a line, numbers before the text."""
    root = lxml_html.parse(str(path)).getroot().body
    lines = []
    for element in root.iter("h1", "h2", "h3", "h4", "p", "li"):
        if any(a.tag in ("table", "nav") for a in element.iterancestors()) or element.get("class") == "noot":
            continue
        number = element.find("span[@class='nummer']")
        text = element.text_content()
        if number is not None:
            label = number.text_content()
            text = f"{label} {text[len(label):]}"
        if element.tag == "li":
            parent = element.getparent()
            index = list(parent).index(element) + 1
            text = (f"{letter(index)}. " if parent.get("type") == "a" else "• ") + text
        lines.append(" ".join(text.split()))  # a browser shows a block on one line
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("name", ["drechtsteden", "oost-groningen-ict"])
def test_docx_round_trip(name, origineel, tmp_path):
    source = origineel[name] / f"{DOCUMENT}.docx"
    result = importeer(source, tmp_path / "inhoud" / name)
    assert result.bron == "docx" and not result.onopgelost
    rebuilt = opnieuw(result.map, tmp_path / "uit")
    assert alineas(rebuilt) == alineas(source)
    regeling = yaml.safe_load((result.map / "regeling.yaml").read_text(encoding="utf-8"))["regeling"]
    assert regeling["stadium"] == "geldend" and regeling["nummering"] == "vast"
    if name == "drechtsteden":
        text = " ".join(_strings(regeling))
        # "bedoeld in artikel 5, tweede lid, aan" and "bedoeld in artikel 15, tweede lid." come back as references
        assert "bedoeld in [[samenstelling-van-de-drechtraad.lid-2]], aan" in text
        assert "bedoeld in [[bijdragen-van-de-deelnemers.lid-2]]." in text
        assert "(artikel 10)" not in text and "([[zienswijzen-van-de-raden]])" in text  # toelichting too
        assert regeling["organen"]["algemeen-bestuur"]["naam"] == "Drechtraad"
        gemeenten = yaml.safe_load((result.map / "gemeenten.yaml").read_text(encoding="utf-8"))["gemeenten"]
        assert [g["naam"] for g in gemeenten][:3] == ["Alblasserdam", "Dordrecht", "Hardinxveld-Giessendam"]
        assert "aanhef" not in regeling  # the source's aanhef is the derived one


def test_text_round_trip_with_page_furniture(origineel, tmp_path):
    text = html_als_tekst(origineel["drechtsteden"] / f"{DOCUMENT}.html")
    title, rest = text.split("\n", 1)
    pasted = (f"{title}\nPermanente link\nToon relaties in LiDO\nGeldend van 01-01-2018 t/m heden\nIntitulé\n"
              f"{title}\n{rest}")
    source = tmp_path / "geplakt.txt"
    source.write_text(pasted, encoding="utf-8")
    result = importeer(source, tmp_path / "inhoud")
    assert result.bron == "tekst" and not result.onopgelost
    assert result.opmerkingen == []  # the page furniture is recognised, not merely skipped as unknown
    rebuilt = opnieuw(result.map, tmp_path / "uit")
    assert alineas(rebuilt) == alineas(origineel["drechtsteden"] / f"{DOCUMENT}.docx")


def test_repository_xml(tmp_path):
    source = DATA / "regeling-cvdr.xml"
    result = importeer(source, tmp_path / "bsr")
    assert result.bron == "xml"
    assert result.gemeenten == ["Tiel", "Culemborg", "West Betuwe", "Buren"]  # source order
    # the unknown article is listed with its position in the XML
    [missing] = result.onopgelost
    line = next(n for n, text in enumerate(source.read_text(encoding="utf-8").splitlines(), 1) if "artikel 99" in text)
    assert (missing.regel, missing.tekst) == (line, "artikel 99")
    # in force but not up to today's Wgr: imported, findings listed as opgaven
    joined = "\n".join(result.opgaven)
    for expected in ("wijziging van de regeling (artikel 9, eerste lid, Wgr)", "toetreding (artikel 9, eerste lid",
                     "zienswijze", "evaluatie van de regeling", "eenzijdige bevoegdheid"):
        assert expected in joined
    assert re.search(r"regeling\.yaml:\d+:\d+: regeling\.hoofdstukken\[2\]\.artikelen\[0\]\.leden\[0\]\.tekst: "
                     r"uittreding is een eenzijdige", joined)
    text = (result.map / "regeling.yaml").read_text(encoding="utf-8")
    words = " ".join(_strings(yaml.safe_load(text)))
    assert yaml.safe_load(text)["regeling"]["toestemming"] is False  # colleges only, and the source has no "gezien"
    assert "[[belang-en-taken.lid-2.a]]" in words
    assert "artikel 8, derde lid, van de Wet gemeenschappelijke regelingen" in words  # another act: text
    rebuilt = alineas(opnieuw(result.map, tmp_path / "uit"))
    for line in ("Gemeenschappelijke regeling Belastingsamenwerking Rivierenland",
                 "De colleges van burgemeester en wethouders van de gemeenten Tiel, Culemborg, West Betuwe en Buren, "
                 "ieder voor zover bevoegd;",
                 "gelet op artikel 1 en artikel 8, derde lid, van de Wet gemeenschappelijke regelingen;",
                 "Hoofdstuk 2 Bestuur", "§ 1 Het bestuur", "Artikel 4 Het bestuur",
                 "a.\tbestuur: het bestuur van de bedrijfsvoeringsorganisatie;",
                 "1°\thet taxeren van onroerende zaken;",
                 "2.\tHet bestuur oefent de taken uit, bedoeld in artikel 3, tweede lid, onderdeel a.",
                 "Het bestuur wijst uit zijn midden een voorzitter aan."):
        assert line in rebuilt
    assert not any(line.startswith("gezien") for line in rebuilt)  # the source does not mention the toestemming
    # the same findings block the regulation as an ontwerp
    path = result.map / "regeling.yaml"
    path.write_text(text.replace("stadium: geldend", "stadium: ontwerp"), encoding="utf-8")
    with pytest.raises(ContentError) as error:
        load_project(result.map)
    assert "eenzijdige bevoegdheid" in error.value.report() and "artikel 9, eerste lid, Wgr" in error.value.report()


REGELING = """Gemeenschappelijke regeling Proef
De colleges van burgemeester en wethouders van de gemeenten Aa, Bb en Cc, ieder voor zover bevoegd;
besluiten:
de volgende gemeenschappelijke regeling te treffen:
Hoofdstuk 1 Algemeen
Artikel 1 Taken
1. Eerste lid.
{tweede}
Artikel {artikel} Slot
Deze regeling wordt aangehaald als: Gemeenschappelijke regeling Proef.
"""


def _cli(args: list[str]):
    return CliRunner().invoke(main, ["importeer", *args])


@pytest.mark.parametrize("inhoud, melding", [
    (b"", "het bestand is leeg"),
    (b"\x00\x01\x02binair", "binaire gegevens"),
    (b"%PDF-1.7\n...", "een PDF kan niet worden ingelezen"),
    ("Gemeenschappelijke regeling Proef\nArtikel 1 Café\n".encode("cp1252"), ":2:"),
    (REGELING.format(tweede="3. Derde lid.", artikel="2").encode(), ":8:1: in artikel 1 volgt lid 3 waar lid 2"),
    (REGELING.format(tweede="1. Nog eens.", artikel="2").encode(), ":8:1: lid 1 van artikel 1 komt dubbel voor"),
    (REGELING.format(tweede="2. Tweede lid.", artikel="1").encode(), ":9:1: artikel 1 komt dubbel voor"),
    (REGELING.format(tweede="2. Tweede lid.", artikel="3").encode(), ":9:1: na artikel 1 volgt artikel 3"),
    (b"Boodschappen\nbrood\nkaas\n", "dit lijkt geen regeling"),
    (b"<?xml version='1.0'?><html><body/></html>", "<regeling-tekst> ontbreekt"),
    (b"<regeling><regeling-tekst>", "geen geldige XML"),
])
def test_bad_input(inhoud, melding, tmp_path):
    source = tmp_path / "bron.txt"
    source.write_bytes(inhoud)
    target = tmp_path / "uit" / "proef"
    result = _cli([str(source), "--map", str(target)])
    assert result.exit_code == 2, result.output
    assert melding in result.output and "er is niets geschreven" in result.output
    assert not (tmp_path / "uit").exists() or not any((tmp_path / "uit").iterdir())


def test_existing_map_is_never_overwritten(tmp_path):
    source = tmp_path / "bron.txt"
    source.write_text(REGELING.format(tweede="2. Tweede lid.", artikel="2"), encoding="utf-8")
    target = tmp_path / "proef"
    target.mkdir()
    (target / "eigen.yaml").write_text("iets: ja\n", encoding="utf-8")
    result = _cli([str(source), "--map", str(target)])
    assert result.exit_code == 2 and "bestaat al en wordt nooit overschreven" in result.output
    assert [p.name for p in target.iterdir()] == ["eigen.yaml"]
    # without the existing folder the same source imports, and the folder passes `check`
    result = _cli([str(source), "--map", str(tmp_path / "nieuw")])
    assert result.exit_code == 0, result.output
    assert "Wat de Wgr nog vraagt" in result.output
    check = CliRunner().invoke(main, ["check", str(tmp_path / "nieuw")])
    assert check.exit_code == 0, check.output


@pytest.mark.parametrize("fixture, weg", [
    ("zonder-hoofdstukken", []),
    ("per-hoofdstuk", []),
    ("romeinse-hoofdstukken", ["Geldend van 01-01-2016 t/m heden", "Intitulé", "Artikel 2 [Vervallen]"]),  # title
    # after the besluittekst, paragraphs numbered through the chapters
])
def test_structures_as_the_source_has_them(fixture, weg, tmp_path):
    """A regulation without chapters (paragraphs directly under it), Roman chapter numbers, headings
    without the Aanwijzingen' full stop, no "gezien de toestemming", a lapsed article whose number stays
    open: built again, every line reads as in the source."""
    source = DATA / f"{fixture}.txt"
    raw = source.read_text(encoding="utf-8").splitlines()
    lines = [line for index, line in enumerate(raw)
             if line and line not in weg and not (index and raw[index - 1] == "Intitulé")]  # the website's title
    result = importeer(source, tmp_path / fixture)
    assert not result.onopgelost and result.opmerkingen == []
    rebuilt = [p.replace("\t", " ") for p in alineas(opnieuw(result.map, tmp_path / "uit"))]
    assert rebuilt == lines
    regeling = yaml.safe_load((result.map / "regeling.yaml").read_text(encoding="utf-8"))["regeling"]
    words = " ".join(_strings(regeling))
    if fixture == "per-hoofdstuk":
        assert regeling["artikelnummering"] == "per-hoofdstuk" and "koppen" not in regeling
        assert [a["nummer"] for a in regeling["hoofdstukken"][1]["artikelen"]] == ["1", "2", "3"]
        assert "bedoeld in [[algemeen-bestuur.lid-2]], uit" in words
        begrippen = regeling["hoofdstukken"][0]["artikelen"][0]
        assert begrippen["opsomming"] == "cijfers" and len(begrippen["onderdelen"]) == 2
        assert regeling["hoofdstukken"][1]["artikelen"][0]["leden"][1]["opsomming"] == "streepjes"
    elif fixture == "zonder-hoofdstukken":
        assert "titel" not in regeling["hoofdstukken"][0]
        assert regeling["considerans"][0] == "constaterende dat de gemeenten al sinds 2010 samenwerken;"
        assert len(regeling["considerans"]) == 4 and "overwegingen" not in regeling
        assert "de uitvoering van [[bekendmaking]] en van [[par-algemeen]]." in words
        assert regeling["koppen"] == {"paragraaf": "Paragraaf {nummer} {titel}", "artikel": "Artikel {nummer} {titel}"}
    else:
        assert "toestemming" not in regeling and "considerans" not in regeling  # the councils take part themselves
        assert regeling["koppen"]["hoofdstuknummers"] == "romeins"
        assert [h["nummer"] for h in regeling["hoofdstukken"]] == ["1", "2"]
        assert "over [[begrippen]], over [[algemeen]] en over [[par-begrippen]]." in words
        assert regeling["titel_na_besluit"] is True and regeling["paragraafnummering"] == "doorlopend"
        assert [a["nummer"] for a in regeling["hoofdstukken"][1]["paragrafen"][0]["artikelen"]] == ["3", "3a"]


def test_amending_an_imported_regulation(tmp_path):
    """The imported XML regulation amended: instruction by instruction, with the real article numbers."""
    from generator.source import Source
    from generator.wijziging.bron import load_new, load_old
    from generator.wijziging.opdrachten import Opsteller

    def revision(folder: Path, label: str) -> Source:
        return Source(folder, label, None, label, tuple((str(f), f.read_text(encoding="utf-8"))
                                                        for f in sorted(folder.glob("*.yaml"))))

    folder = importeer(DATA / "regeling-cvdr.xml", tmp_path / "oud" / "content" / "bsr").map
    before = load_old(revision(folder, "oud"))
    target = tmp_path / "nieuw" / "content" / "bsr"
    target.mkdir(parents=True)
    for file in folder.glob("*.yaml"):
        (target / file.name).write_text(file.read_text(encoding="utf-8"), encoding="utf-8")
    data = yaml.safe_load((target / "regeling.yaml").read_text(encoding="utf-8"))
    chapters = data["regeling"]["hoofdstukken"]
    begrippen = chapters[0]["artikelen"][0]
    del begrippen["onderdelen"][1]  # "deelnemer: ..." goes; "wet: ..." becomes onderdeel b
    taken = chapters[0]["artikelen"][2]
    taken["leden"][1]["onderdelen"][0]["tekst"] = "het heffen en invorderen van de gemeentelijke belastingen."
    del taken["leden"][1]["onderdelen"][1]  # the last task goes (with its subonderdelen)
    bestuur = chapters[1]["paragrafen"][0]["artikelen"][0]
    bestuur["leden"][0]["tekst"] = bestuur["leden"][0]["tekst"].replace("één lid", "twee leden")
    (target / "regeling.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    after = load_new(revision(target, "nieuw"), before, "behouden")
    ops = Opsteller(before.regeling, after.regeling, positional=False).opdrachten()
    assert [op.zin for op in ops] == [
        "Artikel 1, onderdeel b, vervalt, onder verlettering van onderdeel c tot b.",
        "Artikel 3 wordt als volgt gewijzigd:",
        "In artikel 4, eerste lid, wordt \u201cééN lid\u201d vervangen door \u201ctwee leden\u201d.".replace("ééN", "één"),
    ]
    assert [d.zin for d in ops[1].delen] == [
        "Het tweede lid, onderdeel b, vervalt.",
        "In het tweede lid, onderdeel a, wordt \u201cbelastingen;\u201d vervangen door \u201cbelastingen.\u201d.",
    ]


def test_docx_with_word_numbering(tmp_path):
    """Leden numbered by Word (List Number), not typed: the numbers are computed as Word shows them."""
    document = docx.Document()
    for text in ("Gemeenschappelijke regeling Word",
                 "De colleges van burgemeester en wethouders van de gemeenten Aa en Hunze en Tynaarlo;",
                 "besluiten:", "de volgende gemeenschappelijke regeling te treffen:"):
        document.add_paragraph(text)
    document.add_paragraph("Artikel 1 Overleg", style="Heading 3")
    for text in ("De colleges overleggen ten minste eenmaal per jaar.", "Het overleg gaat over:"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("a.\tde uitvoering van artikel 2;")
    document.add_paragraph("b.\tde begroting.")
    document.add_paragraph("Artikel 2 Bekendmaking", style="Heading 3")
    document.add_paragraph("Het college van Tynaarlo zorgt voor de bekendmaking van deze regeling.")
    source = tmp_path / "word.docx"
    document.save(str(source))
    result = importeer(source, tmp_path / "word")
    regeling = yaml.safe_load((result.map / "regeling.yaml").read_text(encoding="utf-8"))["regeling"]
    overleg = regeling["hoofdstukken"][0]["artikelen"][0]
    assert [lid["tekst"] for lid in overleg["leden"]] == ["De colleges overleggen ten minste eenmaal per jaar.",
                                                          "Het overleg gaat over:"]
    assert [o["tekst"] for o in overleg["leden"][1]["onderdelen"]] == ["de uitvoering van [[bekendmaking]];",
                                                                       "de begroting."]


def test_a_table_of_contents_in_pasted_text_is_left_out():
    from generator.importeer.bron import Regel
    from generator.importeer.regels import zonder_inhoudsopgave

    lines = ["Regeling X", "Inhoud", "Hoofdstuk 1. Algemeen", "Artikel 1. Begrippen", "De raden;",
             "Hoofdstuk 1. Algemeen", "Artikel 1. Begrippen", "In deze regeling wordt verstaan onder: ..."]
    kept = [r.tekst for r in zonder_inhoudsopgave([Regel(t, n, 1, "") for n, t in enumerate(lines, 1)])]
    assert kept == ["Regeling X", "Hoofdstuk 1. Algemeen", "Artikel 1. Begrippen",
                    "In deze regeling wordt verstaan onder: ..."]
    # "Inhoud" without its headings coming back is text, not a table of contents: nothing dropped
    plain = ["Inhoud", "De raden;"]
    assert [r.tekst for r in zonder_inhoudsopgave([Regel(t, n, 1, "") for n, t in enumerate(plain, 1)])] == plain
