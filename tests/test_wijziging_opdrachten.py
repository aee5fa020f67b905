"""The wording of amendment instructions below and above the article: leden (Ar 6.18),
sentences, onderdelen, opschriften, chapters; and the quotable word changes (Ar 6.9, 6.11).

Two versions of the Drechtsteden regulation are loaded the way the command loads them (the
old one as adopted, the new one numbered for the amendment), without git. Expected wording is
written out by hand.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
import yaml

from conftest import CONTENT
from generator.source import Source
from generator.wijziging.bron import load_new, load_old
from generator.wijziging.opdrachten import Opsteller, letters
from generator.wijziging.woorden import Fragment, apply, fragments, normalize


def _revision(folder: Path, label: str) -> Source:
    texts = tuple((str(f), f.read_text(encoding="utf-8")) for f in sorted(folder.glob("*.yaml")))
    return Source(folder, label, None, label, texts)


@pytest.fixture(scope="module")
def old(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oud") / "content" / "drechtsteden"
    shutil.copytree(CONTENT / "drechtsteden", folder)
    return folder, load_old(_revision(folder, "oud"))


def amend(old, tmp_path: Path, change, nummering: str = "behouden") -> list:
    """The instructions from the example to the example changed by ``change(regeling)``."""
    folder, before = old
    target = tmp_path / "content" / "drechtsteden"
    shutil.copytree(folder, target)
    file = target / "regeling.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(data["regeling"])
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    after = load_new(_revision(target, "nieuw"), before, nummering)
    return Opsteller(before.regeling, after.regeling, positional=nummering == "vernummeren").opdrachten()


def chapter(regeling: dict, key: str) -> dict:
    return next(h for h in regeling["hoofdstukken"] if h["id"] == key)


def article(regeling: dict, key: str) -> dict:
    for h in regeling["hoofdstukken"]:
        for a in h.get("artikelen", []) + [a for p in h.get("paragrafen", []) for a in p["artikelen"]]:
            if a["id"] == key:
                return a
    raise KeyError(key)


def leden(regeling: dict) -> list[dict]:
    return article(regeling, "overgang-toetreding")["leden"]


def text(op) -> list[str]:
    """An instruction as the reader sees it: its sentence, numbered parts and quoted headings/leden."""
    lines = [op.zin]
    for citaat in op.citaten:
        lines.extend(_quoted(citaat))
    for index, deel in enumerate(op.delen, start=1):
        lines.append(f"{index}. {deel.zin}")
        for citaat in deel.citaten:
            lines.extend(_quoted(citaat))
    return lines


def _quoted(citaat) -> list[str]:
    from generator.markup import to_inline_html
    from generator.wijziging.woorden import plain

    if citaat.soort == "kop":
        return [citaat.inhoud]
    if citaat.soort == "lid":
        return [f"{citaat.inhoud.label} {plain(str(to_inline_html(citaat.inhoud.tekst.markdown)))}"]
    if citaat.soort in ("artikel", "artikelen"):
        items = citaat.inhoud if citaat.soort == "artikelen" else [citaat.inhoud]
        return [a.kop for a in items]
    if citaat.soort == "hoofdstuk":
        return [citaat.inhoud.kop] + [a.kop for a in citaat.inhoud.artikelen]
    return [citaat.soort]


# -- leden (Ar 6.18) --------------------------------------------------------------------------------


NEW_LID = {"id": "informatie", "tekst": "Het Drechtstedenbestuur informeert de raad van Hardinxveld-Giessendam "
                                        "over de voortgang van de invlechting."}


def test_lid_inserted_in_the_middle(old, tmp_path):
    ops = amend(old, tmp_path, lambda r: leden(r).insert(1, NEW_LID))
    assert [text(op) for op in ops] == [[
        "In artikel 25 wordt, onder vernummering van het tweede en derde lid tot derde en vierde lid, een lid "
        "ingevoegd, luidende:",
        "2. Het Drechtstedenbestuur informeert de raad van Hardinxveld-Giessendam over de voortgang van de invlechting.",
    ]]


def test_lid_added_at_the_end(old, tmp_path):
    ops = amend(old, tmp_path, lambda r: leden(r).append(NEW_LID))
    assert text(ops[0])[0] == "Aan artikel 25 wordt een lid toegevoegd, luidende:"
    assert text(ops[0])[1].startswith("4. Het Drechtstedenbestuur informeert")


def test_lid_removed(old, tmp_path):
    ops = amend(old, tmp_path, lambda r: leden(r).pop(1))
    assert [text(op) for op in ops] == [["Artikel 25, tweede lid, vervalt, onder vernummering van het derde lid tot "
                                         "tweede lid."]]


def test_sentence_added_to_a_lid(old, tmp_path):
    def change(r):
        leden(r)[2]["tekst"] += " Het Drechtstedenbestuur meldt de overdracht aan de raden."

    ops = amend(old, tmp_path, change)
    assert [text(op) for op in ops] == [["Aan artikel 25, derde lid, wordt een zin toegevoegd, luidende: Het "
                                         "Drechtstedenbestuur meldt de overdracht aan de raden."]]


def test_lid_rewritten_is_replaced_whole(old, tmp_path):
    def change(r):
        leden(r)[1]["tekst"] = "De raad van Hardinxveld-Giessendam wijst zijn leden van de Drechtraad aan zodra de " \
                               "toetreding is ingegaan."

    ops = amend(old, tmp_path, change)
    assert text(ops[0]) == ["Artikel 25, tweede lid, komt te luiden:", "2. De raad van Hardinxveld-Giessendam wijst "
                            "zijn leden van de Drechtraad aan zodra de toetreding is ingegaan."]


def test_title_and_a_word_are_numbered_changes(old, tmp_path):
    def change(r):
        article(r, "overgang-toetreding")["titel"] = "Overgangsbepalingen"
        leden(r)[2]["tekst"] = leden(r)[2]["tekst"].replace("lopende zaken", "openstaande zaken")

    ops = amend(old, tmp_path, change)
    assert [text(op) for op in ops] == [[
        "Artikel 25 wordt als volgt gewijzigd:",
        "1. Het opschrift komt te luiden:",
        "Artikel 25. Overgangsbepalingen",
        "2. In het derde lid wordt “lopende zaken” vervangen door “openstaande zaken”.",
    ]]


def test_many_changes_rewrite_the_article(old, tmp_path):
    def change(r):
        article(r, "overgang-toetreding")["titel"] = "Overgangsbepalingen"
        leden(r).pop(1)
        leden(r).append(NEW_LID)

    ops = amend(old, tmp_path, change)
    assert text(ops[0]) == ["Artikel 25 komt te luiden:", "Artikel 25. Overgangsbepalingen"]


def test_onderdeel_of_the_definitions(old, tmp_path):
    def change(r):
        begrip = article(r, "begrippen")["parameters"]["begrippen"][0]
        begrip["omschrijving"] = begrip["omschrijving"].replace("1 januari", "1 juli")

    ops = amend(old, tmp_path, change)
    assert [text(op) for op in ops] == [["In artikel 1, onderdeel e, wordt “1 januari” vervangen door “1 juli”."]]


# -- chapters --------------------------------------------------------------------------------------------


def test_chapter_heading(old, tmp_path):
    ops = amend(old, tmp_path, lambda r: chapter(r, "organisatie").update(titel="Personeel, archief en informatie"))
    assert [text(op) for op in ops] == [["Het opschrift van hoofdstuk 4 komt te luiden:",
                                         "Hoofdstuk 4. Personeel, archief en informatie"]]


NEW_CHAPTER = {"id": "informatie", "titel": "Informatievoorziening", "artikelen": [
    {"id": "gegevens", "titel": "Gegevensbescherming", "onderwerpen": ["overig"],
     "tekst": "Het Drechtstedenbestuur wijst een functionaris voor gegevensbescherming aan."}]}


def test_chapter_inserted_keeps_numbers(old, tmp_path):
    def change(r):
        index = [h["id"] for h in r["hoofdstukken"]].index("organisatie")
        r["hoofdstukken"].insert(index + 1, NEW_CHAPTER)

    ops = amend(old, tmp_path, change)
    assert [text(op) for op in ops] == [["Na hoofdstuk 4 wordt een hoofdstuk ingevoegd, luidende:",
                                         "Hoofdstuk 4A. Informatievoorziening", "Artikel 17a. Gegevensbescherming"]]


def test_chapter_inserted_with_renumbering(old, tmp_path):
    def change(r):
        index = [h["id"] for h in r["hoofdstukken"]].index("organisatie")
        r["hoofdstukken"].insert(index + 1, NEW_CHAPTER)

    ops = amend(old, tmp_path, change, nummering="vernummeren")
    assert text(ops[0]) == [
        "Onder vernummering van de hoofdstukken 5 en 6 tot 6 en 7 en van de artikelen 18 tot en met 29 tot 19 tot en "
        "met 30 wordt na hoofdstuk 4 een hoofdstuk ingevoegd, luidende:",
        "Hoofdstuk 5. Informatievoorziening", "Artikel 18. Gegevensbescherming"]


def test_chapter_emptied_and_removed(old, tmp_path):
    """Its articles move to the end of chapter 3 first (Ar 6.16: letters), then the chapter goes."""
    def change(r):
        moved = chapter(r, "organisatie")["artikelen"]
        chapter(r, "financien")["artikelen"].extend(moved)
        r["hoofdstukken"].remove(chapter(r, "organisatie"))

    ops = amend(old, tmp_path, change)
    assert [text(op) for op in ops] == [
        ["Artikel 16 wordt vernummerd tot artikel 15a en geplaatst in hoofdstuk 3, na artikel 15."],
        ["Artikel 17 wordt vernummerd tot artikel 15b en geplaatst in hoofdstuk 3, na artikel 15a."],
        ["Hoofdstuk 4 vervalt."],
    ]
    assert [op.letter for op in ops] == ["A", "B", "C"]


def test_letters_after_z():
    assert [letters(i) for i in (0, 25, 26, 27, 52)] == ["A", "Z", "AA", "BB", "AAA"]


# -- quotable word changes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("old_text, new_text, expected", [
    ("De indicatie volgt binnen drie maanden na de vraag.", "De indicatie volgt binnen zes maanden na de vraag.",
     [Fragment("vervangen", "drie maanden", "zes maanden")]),
    ("Zoals bedoeld in artikel 16 van de wet.", "Zoals bedoeld in artikel 17a van de wet.",
     [Fragment("vervangen", "artikel 16", "artikel 17a")]),  # a number is quoted with the word before it
    ("De minister beslist over de aanvraag.", "De minister, de staatssecretaris beslist over de aanvraag.",
     [Fragment("ingevoegd-na", "De minister", ", de staatssecretaris")]),
    ("Het model of andere omstandigheden, bedoeld in de wet.", "Het model, bedoeld in de wet.",
     [Fragment("vervalt", "of andere omstandigheden")]),
    ("Het bestuur beslist.", "Het bestuur beslist. Het meldt dat aan de raden.",
     [Fragment("zin-toegevoegd", nieuw="Het meldt dat aan de raden.")]),
])
def test_fragments(old_text, new_text, expected):
    found = fragments(old_text, new_text)
    assert found == expected
    assert normalize(apply(old_text, found)) == new_text


def test_a_quote_is_unique_in_its_text():
    old_text = "De raad hoort de raad. De raad beslist."
    new_text = "De raad hoort de commissie. De raad beslist."
    found = fragments(old_text, new_text)
    assert found == [Fragment("vervangen", "de raad", "de commissie")]  # "raad" alone occurs three times
    assert old_text.count(found[0].oud) == 1


def test_too_many_changes_mean_a_new_text():
    assert fragments("Een deelnemer kan uittreden.", "Iedere gemeente mag op elk moment besluiten te vertrekken.") is None
    assert fragments("a b c d e f g h", "a x c y e z g h") is None  # three separate changes


def test_chapter_removed_before_its_articles_come_back_later(old, tmp_path):
    """The articles go with their chapter and come back, in full, at the end of the last chapter."""
    def change(r):
        moved = chapter(r, "organisatie")["artikelen"]
        chapter(r, "slot")["artikelen"].extend(moved)
        r["hoofdstukken"].remove(chapter(r, "organisatie"))

    ops = amend(old, tmp_path, change)
    assert [text(op) for op in ops] == [
        ["Hoofdstuk 4 vervalt."],
        ["Aan hoofdstuk 6 worden twee artikelen toegevoegd, luidende:", "Artikel 29a. Personeel", "Artikel 29b. Archief"],
    ]
    assert ops[1].omschrijving == "Artikel 29a (Personeel; het vroegere artikel 16, op een nieuwe plaats) en artikel " \
                                  "29b (Archief; het vroegere artikel 17, op een nieuwe plaats) zijn nieuw."


def test_redline_when_a_chapter_goes_and_its_articles_come_back(tmp_path):
    """Accepting every change gives the new regulation, rejecting them the old one, also when a
    whole chapter goes and its articles come back elsewhere."""
    import subprocess

    from generator.build import build
    from generator.wijziging.maak import wijziging
    from wordxml import body_of, paragraphs, regulation_text, resolve

    root = tmp_path / "repo"
    folder = root / "content" / "drechtsteden"
    shutil.copytree(CONTENT / "drechtsteden", folder)
    for args in (["init", "-q"], ["config", "user.email", "t@example.org"], ["config", "user.name", "T"],
                 ["add", "-A"], ["commit", "-qm", "oud"]):
        subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)
    old_gr = build(folder, tmp_path / "oud", ("docx",), documents=["gemeenschappelijke-regeling"]).folder
    file = folder / "regeling.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    moved = chapter(data["regeling"], "organisatie")["artikelen"]
    chapter(data["regeling"], "slot")["artikelen"].extend(moved)
    data["regeling"]["hoofdstukken"].remove(chapter(data["regeling"], "organisatie"))
    chapter(data["regeling"], "financien")["titel"] = "Financiën"
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    new_gr = build(folder, tmp_path / "nieuw", ("docx",), documents=["gemeenschappelijke-regeling"]).folder
    result = wijziging(folder, "HEAD", None, tmp_path / "uit", ("docx",), nummering="vernummeren")
    body = body_of(next(result.folder / n for n in result.namen if n.endswith("-redline.docx")))
    assert paragraphs(resolve(body, accept=True)) == regulation_text(new_gr / "gemeenschappelijke-regeling.docx")
    assert paragraphs(resolve(body, accept=False)) == regulation_text(old_gr / "gemeenschappelijke-regeling.docx")
    amendment = next(result.folder / n for n in result.namen if n.endswith(".docx") and "redline" not in n)
    lines = [p.text for p in docx.Document(str(amendment)).paragraphs]
    assert "Hoofdstuk 4 vervalt, onder vernummering van de hoofdstukken 5 en 6 tot 4 en 5 en van de artikelen 18 " \
           "tot en met 29 tot 16 tot en met 27." in lines
    assert "Het opschrift van hoofdstuk 3 komt te luiden:" in lines
    assert "Aan hoofdstuk 5 worden twee artikelen toegevoegd, luidende:" in lines  # hoofdstuk 6 before B


def test_article_at_the_start_of_a_chapter(old, tmp_path):
    """Ar 6.11: at the start of a chapter the chapter is named; the number follows the article before (Ar 6.16)."""
    new_article = {"id": "financieel-beleid", "titel": "Financieel beleid", "onderwerpen": ["overig"],
                   "tekst": "De Drechtraad stelt regels voor het financiële beleid en het financiële beheer."}
    ops = amend(old, tmp_path, lambda r: chapter(r, "financien")["artikelen"].insert(0, new_article))
    assert [text(op) for op in ops] == [["In hoofdstuk 3 wordt voor artikel 13 een artikel ingevoegd, luidende:",
                                         "Artikel 12a. Financieel beleid"]]


def test_two_articles_removed(old, tmp_path):
    def change(r):
        slot = chapter(r, "slot")["artikelen"]
        for key in ("overgang-toetreding", "duur"):
            slot.remove(next(a for a in slot if a["id"] == key))
        r["toelichting"]["algemeen"] = r["toelichting"]["algemeen"].replace(
            "- de overgang van Hardinxveld-Giessendam uit Avres is geregeld in [[overgang-toetreding]].", "")

    ops = amend(old, tmp_path, change)
    assert [text(op) for op in ops] == [["De artikelen 25 en 26 vervallen."]]
    assert ops[0].omschrijving == "Artikel 25 (Overgangsbepalingen toetreding Hardinxveld-Giessendam) en artikel 26 " \
                                  "(Duur) vervallen."


def _only_lid(keep: int):
    """The article overgang-toetreding keeps only its lid number ``keep`` (1-based), as its own text."""
    def change(r):
        art = article(r, "overgang-toetreding")
        art["tekst"] = art.pop("leden")[keep - 1]["tekst"]
        art["toelichting"] = "Het artikel heeft nog één bepaling."  # the old one named the leden
    return change


def test_lid_that_becomes_the_only_lid_loses_its_number(old, tmp_path):
    ops = amend(old, tmp_path, _only_lid(1))
    assert [text(op) for op in ops] == [["In artikel 25 vervallen het tweede en derde lid alsmede de aanduiding “1.” "
                                         "voor het eerste lid."]]


def test_only_lid_left_in_the_middle_and_with_a_new_title(old, tmp_path):
    def change(r):
        _only_lid(2)(r)
        article(r, "overgang-toetreding")["titel"] = "Overgangsbepaling toetreding"
    ops = amend(old, tmp_path, change)
    assert [text(op) for op in ops] == [[
        "Artikel 25 wordt als volgt gewijzigd:",
        "1. Het opschrift komt te luiden:", "Artikel 25. Overgangsbepaling toetreding",
        "2. Het eerste en derde lid alsmede de aanduiding “2.” voor het tweede lid vervallen."]]


def test_only_lid_left_but_changed_rewrites_the_article(old, tmp_path):
    def change(r):
        _only_lid(1)(r)
        article(r, "overgang-toetreding")["tekst"] += " Dat geldt ook voor de kosten van de overgang."
    ops = amend(old, tmp_path, change)
    assert [op.zin for op in ops] == ["Artikel 25 komt te luiden:"]


def test_only_lid_rebuilt_text_has_no_number(old, tmp_path):
    """The article as the amendment leaves it: the first lid's words as the article's own text, no leden."""
    folder, before = old
    target = tmp_path / "content" / "drechtsteden"
    shutil.copytree(folder, target)
    file = target / "regeling.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    _only_lid(1)(data["regeling"])
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    after = load_new(_revision(target, "nieuw"), before, "behouden")
    was = next(a for a in before.regeling.artikelen() if a.id == "overgang-toetreding")
    now = next(a for a in after.regeling.artikelen() if a.id == "overgang-toetreding")
    assert now.nummer == was.nummer == "25" and not now.leden and not now.onderdelen
    assert now.tekst.markdown == was.leden[0].tekst.markdown and was.leden[0].label == "1."
