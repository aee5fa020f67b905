"""The regulation model, its derived numbers and references, and the Wgr check.

Content is changed the way a user would change it (the YAML file), then loaded and checked
as ``samenwerking check`` does; findings are read as the user reads them (file:line:col).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.build import load_project
from generator.markup import to_inline_html
from generator.errors import ContentError

CONTENT = Path(__file__).resolve().parent.parent / "content"


# -- helpers ------------------------------------------------------------------------------------


def copy_of(tmp_path: Path, example: str = "drechtsteden") -> Path:
    target = tmp_path / "content" / example
    shutil.copytree(CONTENT / example, target)
    return target


def edit_regeling(folder: Path, change) -> None:
    """Load regeling.yaml as data, let ``change`` modify it, write it back."""
    file = folder / "regeling.yaml"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    change(data["regeling"])
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")


def replace_in(folder: Path, old: str, new: str, name: str = "regeling.yaml") -> Path:
    file = folder / name
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return file


def problems(folder: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_project(folder)
    return [p.display() for p in caught.value.problems]


def chapter(regeling: dict, key: str) -> dict:
    return next(h for h in regeling["hoofdstukken"] if h["id"] == key)


def article_numbers(project) -> dict[str, str]:
    return {a.id: a.nummer for a in project.afgeleid.regeling.artikelen()}


def plain(markup) -> str:
    return re.sub(r"<[^>]+>", "", str(markup))


def printed(tekst) -> str:
    """A text of the regulation as printed: its Markdown, references worded in derive, as HTML."""
    return to_inline_html(tekst.markdown)


def lid_text(project, article: str, lid: str) -> str:
    artikel = project.afgeleid.regeling.artikel(article)
    return plain(printed(next(l for l in artikel.leden if l.id == lid).tekst))


def value_at(file: Path, key_and_value: str) -> str:
    """file:line:col of the value in a line ``key: value``."""
    key = key_and_value.split(": ", 1)[0] + ": "
    return position_of(file, key_and_value).rsplit(":", 1)[0] + ":" + str(
        int(position_of(file, key_and_value).rsplit(":", 1)[1]) + len(key))


def position_of(file: Path, needle: str) -> str:
    """file:line:col of the first occurrence of ``needle``, counted from the file itself."""
    lines = file.read_text(encoding="utf-8").split("\n")
    for number, line in enumerate(lines, start=1):
        if needle in line:
            return f"{file}:{number}:{line.index(needle) + 1}"
    raise AssertionError(needle)


# -- the examples -------------------------------------------------------------------------------


@pytest.mark.parametrize("example", ["drechtsteden", "oost-groningen-ict"])
def test_examples_pass_the_check(example):
    project = load_project(CONTENT / example)
    regeling = project.afgeleid.regeling
    assert regeling is not None and len(regeling.artikelen()) > 20
    numbers = [a.nummer for a in regeling.artikelen()]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]


def test_cli_check_passes_the_example_and_fails_on_a_missing_provision(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "generator", "check", str(CONTENT / "drechtsteden")],
                        capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    folder = copy_of(tmp_path)
    edit_regeling(folder, lambda r: chapter(r, "slot")["artikelen"].pop(
        next(i for i, a in enumerate(chapter(r, "slot")["artikelen"]) if a["id"] == "evaluatie")))
    bad = subprocess.run([sys.executable, "-m", "generator", "check", str(folder)], capture_output=True, text=True)
    assert bad.returncode == 2
    assert "de regeling bevat geen bepalingen over de evaluatie van de regeling" in bad.stdout + bad.stderr


# -- numbering and references after inserting, moving and deleting ------------------------------


def test_references_follow_insertions_moves_and_deletions(tmp_path):
    folder = copy_of(tmp_path)
    before = load_project(folder)
    numbers = article_numbers(before)
    belang = numbers["belang"]
    assert f"bedoeld in artikel {belang}, tot taak" in lid_text(before, "taken", "taken")

    def insert(regeling):  # a new article before "belang"
        chapter(regeling, "algemeen")["artikelen"].insert(2, {
            "id": "doel", "titel": "Doel", "tekst": "De samenwerking dient de inwoners van de regio."})
    edit_regeling(folder, insert)
    inserted = load_project(folder)
    after = article_numbers(inserted)
    assert after["doel"] == belang and after["belang"] == str(int(belang) + 1)
    assert f"bedoeld in artikel {after['belang']}, tot taak" in lid_text(inserted, "taken", "taken")
    # every later article moved one up, and so did every reference to it
    assert after["citeertitel"] == str(int(numbers["citeertitel"]) + 1)
    overgang = lid_text(inserted, "overgang-toetreding", "kosten")
    assert f"bedoeld in artikel {after['bijdragen']}, tweede lid." in overgang

    def move(regeling):  # "bijdragen" moves to the front of its chapter
        articles = chapter(regeling, "financien")["artikelen"]
        articles.insert(0, articles.pop(next(i for i, a in enumerate(articles) if a["id"] == "bijdragen")))
    edit_regeling(folder, move)
    moved = load_project(folder)
    now = article_numbers(moved)
    assert int(now["bijdragen"]) < int(now["begroting"])
    assert f"bedoeld in artikel {now['bijdragen']}, tweede lid." in lid_text(moved, "overgang-toetreding", "kosten")

    def delete(regeling):  # "instelling" goes
        articles = chapter(regeling, "algemeen")["artikelen"]
        articles.pop(next(i for i, a in enumerate(articles) if a["id"] == "instelling"))
    edit_regeling(folder, delete)
    deleted = load_project(folder)
    gone = article_numbers(deleted)
    assert "instelling" not in gone
    assert list(gone.values()) == [str(n) for n in range(1, len(gone) + 1)]  # no gap
    assert f"bedoeld in artikel {gone['belang']}, tot taak" in lid_text(deleted, "taken", "taken")


def test_frozen_numbers_give_a_letter_to_an_inserted_article(tmp_path):
    folder = copy_of(tmp_path)
    adopted = article_numbers(load_project(folder))

    def freeze_and_insert(regeling):
        regeling["nummering"] = "vast"
        for hoofdstuk in regeling["hoofdstukken"]:
            hoofdstuk["nummer"] = None
            for artikel in [*hoofdstuk.get("artikelen", []),
                            *(a for p in hoofdstuk.get("paragrafen", []) for a in p["artikelen"])]:
                artikel["nummer"] = adopted[artikel["id"]]
        for hoofdstuk in regeling["hoofdstukken"]:
            del hoofdstuk["nummer"]
        articles = chapter(regeling, "financien")["artikelen"]
        after = next(i for i, a in enumerate(articles) if a["id"] == "begroting")
        articles.insert(after + 1, {
            "id": "reserves", "titel": "Reserves",
            "tekst": "De Drechtraad stelt een nota reserves vast; [[begroting]] is van toepassing."})
        slot = chapter(regeling, "slot")["artikelen"]
        slot.pop(next(i for i, a in enumerate(slot) if a["id"] == "duur"))
    edit_regeling(folder, freeze_and_insert)
    project = load_project(folder)
    numbers = article_numbers(project)
    assert numbers["reserves"] == adopted["begroting"] + "a"
    assert numbers["jaarrekening"] == adopted["jaarrekening"]  # nothing renumbered
    assert numbers["citeertitel"] == adopted["citeertitel"]  # the deleted article leaves a gap
    assert adopted["duur"] not in numbers.values()
    reserves = project.afgeleid.regeling.artikel("reserves")
    assert plain(printed(reserves.tekst)).endswith(f"artikel {adopted['begroting']} is van toepassing.")
    assert project.afgeleid.verwijzingen["regeling"]["reserves"] == f"artikel {adopted['begroting']}a"


def test_typed_number_without_freezing_is_reported_at_its_position(tmp_path):
    folder = copy_of(tmp_path)
    file = replace_in(folder, "        - id: belang\n          clausule: belang\n",
                      "        - id: belang\n          nummer: 3\n          clausule: belang\n")
    [message] = problems(folder)
    assert message.startswith(value_at(file, "nummer: 3") + ": regeling.hoofdstukken[0].artikelen[2].nummer: ")
    assert "afgeleid uit de volgorde" in message


def test_unknown_reference_is_reported_at_file_line_col(tmp_path):
    folder = copy_of(tmp_path)
    file = replace_in(folder, "bedoeld in [[zienswijzen.termijn]],", "bedoeld in [[zienswijzen.termijnen]],")
    [message] = problems(folder)
    assert message.startswith(position_of(file, "[[zienswijzen.termijnen]]") + ": regeling.hoofdstukken")
    assert "verwijzing [[zienswijzen.termijnen]] wijst naar een onbekend id" in message
    assert "[[zienswijzen.termijn]]" in message  # the suggestion


# -- the Wgr check ------------------------------------------------------------------------------


def test_removing_the_uittreding_article_fails_with_article_9(tmp_path):
    folder = copy_of(tmp_path)

    def remove(regeling):
        articles = chapter(regeling, "verandering")["artikelen"]
        articles.pop(next(i for i, a in enumerate(articles) if a["id"] == "uittreding"))
    edit_regeling(folder, remove)
    found = problems(folder)
    file = folder / "regeling.yaml"
    # the general toelichting still points at the removed article: that reference is reported too
    dangling = [m for m in found if "verwijzing [[uittreding]]" in m]
    assert len(dangling) == 1 and dangling[0].startswith(f"{file}:")
    assert ": regeling.toelichting.algemeen: " in dangling[0]
    found = [m for m in found if m not in dangling]
    assert len(found) == 2
    for message in found:
        assert message.startswith(position_of(file, "- id: algemeen") + ": regeling.hoofdstukken: ")
        assert "(artikel 9, eerste lid, Wgr)" in message
    joined = "\n".join(found)
    assert "de voorwaarden waaronder een deelnemer kan uittreden" in joined
    assert "de gevolgen van uittreding, waaronder die voor het vermogen" in joined


def test_uittreding_that_needs_the_others_consent_is_flagged_where_it_is_written(tmp_path):
    folder = copy_of(tmp_path)
    file = replace_in(folder, "        - id: uittreding\n          clausule: uittreding\n", (
        "        - id: uittreding\n"
        "          clausule: uittreding\n"
        "          leden:\n"
        "            - id: besluit\n"
        "              tekst: >-\n"
        "                Een deelnemer kan uittreden bij besluit van de raad en het college, na verkregen\n"
        "                toestemming van de raad van die gemeente.\n"
        "            - id: instemming\n"
        "              tekst: >-\n"
        "                Het besluit tot uittreding wordt pas van kracht na instemming van de overige deelnemers.\n"
        "            - id: gevolgen\n"
        "              tekst: De Drechtraad stelt de gevolgen van de uittreding vast.\n"))
    [message] = problems(folder)
    assert message.startswith(position_of(file, "instemming van de overige deelnemers"))
    assert "uittreding is een eenzijdige bevoegdheid" in message
    assert "ECLI:NL:RVS:2015:1198" in message and "artikel 1, eerste en vijfde lid, Wgr" in message
    # the college's own raad giving toestemming is lawful and not flagged; the Drechtraad is an organ
    replace_in(folder, "na instemming van de overige deelnemers", "met goedkeuring van de Drechtraad")
    [message] = problems(folder)
    assert '"goedkeuring van de Drechtraad"' in message


def test_begroting_deadlines_are_checked_at_the_parameter(tmp_path):
    folder = copy_of(tmp_path)
    file = replace_in(folder, "        - id: begroting\n          clausule: begroting\n", (
        "        - id: begroting\n          clausule: begroting\n"
        "          parameters:\n            weken: 8\n            kaders_voor: 15 mei\n"))
    found = problems(folder)
    assert len(found) == 2
    weken = next(m for m in found if "twaalf weken" in m)
    assert weken.startswith(value_at(file, "weken: 8") + ": regeling.hoofdstukken")
    assert "artikel 35, eerste en derde lid, Wgr" in weken and "acht weken" in weken
    kaders = next(m for m in found if "30 april" in m)
    assert kaders.startswith(value_at(file, "kaders_voor: 15 mei")) and "artikel 34b Wgr" in kaders


def test_bekendmaking_must_name_a_participant(tmp_path):
    folder = copy_of(tmp_path)
    file = replace_in(folder, "  bekendmaking: Dordrecht\n", "  bekendmaking: Gorinchem\n")
    [message] = problems(folder)
    assert message.startswith(value_at(file, "bekendmaking: Gorinchem"))
    assert "geen deelnemende gemeente" in message


# -- each legal form produces its organs --------------------------------------------------------


def _minimal(vorm: str, deelnemers: list[str], organen: dict, extra: list[dict]) -> dict:
    slot = [{"id": i, "clausule": i} for i in
            ("toetreding", "uittreding", "wijziging", "opheffing", "evaluatie", "bekendmaking", "citeertitel")]
    if vorm in ("openbaar-lichaam", "bedrijfsvoeringsorganisatie"):
        slot.insert(4, {"id": "vereffening", "clausule": "vereffening"})
    return {"regeling": {
        "citeertitel": f"Regeling {vorm}",
        "naam_lichaam": "Proef",
        "deelnemers": deelnemers,
        "organen": organen,
        "bekendmaking": "Dordrecht",
        **({"centrumgemeente": "Dordrecht"} if vorm == "centrumgemeente" else {}),
        "hoofdstukken": [
            {"id": "algemeen", "titel": "Algemeen", "artikelen": [
                {"id": "begrippen", "clausule": "begripsbepalingen"},
                {"id": "belang", "clausule": "belang", "parameters": {"belangen": ["samenwerking op proef"]}},
                *extra,
                *([{"id": "begroting", "clausule": "begroting"}] if vorm in (
                    "openbaar-lichaam", "bedrijfsvoeringsorganisatie", "gemeenschappelijk-orgaan") else []),
                {"id": "zienswijze", "clausule": "zienswijze"},
                {"id": "participatie", "clausule": "participatie"},
            ]},
            {"id": "slot", "titel": "Slot", "artikelen": slot},
        ],
    }}


FORMS = {
    "openbaar-lichaam": (["raad", "college"], {}, [
        {"id": "instelling", "clausule": "instelling"},
        {"id": "ab", "clausule": "algemeen-bestuur"}, {"id": "db", "clausule": "dagelijks-bestuur"},
        {"id": "vz", "clausule": "voorzitter"}]),
    "bedrijfsvoeringsorganisatie": (["college"], {"voorzitter": {"naam": "voorzitter"}}, [
        {"id": "instelling", "clausule": "instelling"}, {"id": "bestuur", "clausule": "bestuur"},
        {"id": "vz", "clausule": "voorzitter"}]),
    "gemeenschappelijk-orgaan": (["college"], {"gemeenschappelijk-orgaan": {"naam": "Proefcommissie", "lidwoord": "de"}}, [
        {"id": "instelling", "clausule": "instelling"}, {"id": "orgaan", "clausule": "gemeenschappelijk-orgaan"}]),
    "centrumgemeente": (["college", "burgemeester"], {}, [
        {"id": "centrum", "clausule": "centrumgemeente", "parameters": {"taken": ["de leerplicht"]}}]),
    "regeling-zonder-meer": (["college"], {}, []),
}

ORGANS = {
    "openbaar-lichaam": ["algemeen-bestuur", "dagelijks-bestuur", "voorzitter"],
    "bedrijfsvoeringsorganisatie": ["bestuur", "voorzitter"],
    "gemeenschappelijk-orgaan": ["gemeenschappelijk-orgaan"],
    "centrumgemeente": [],
    "regeling-zonder-meer": [],
}


def _with_form(tmp_path: Path, vorm: str) -> Path:
    folder = copy_of(tmp_path)
    replace_in(folder, "vorm: openbaar-lichaam", f"vorm: {vorm}", name="samenwerking.yaml")
    deelnemers, organen, extra = FORMS[vorm]
    (folder / "regeling.yaml").write_text(
        yaml.safe_dump(_minimal(vorm, deelnemers, organen, extra), allow_unicode=True, sort_keys=False),
        encoding="utf-8")
    return folder


@pytest.mark.parametrize("vorm", list(FORMS))
def test_each_legal_form_produces_its_organs(tmp_path, vorm):
    project = load_project(_with_form(tmp_path, vorm))  # passes the check
    regeling = project.afgeleid.regeling
    assert [o.rol for o in regeling.organen] == ORGANS[vorm]
    begrippen = " ".join(plain(printed(o.tekst)) for o in regeling.artikel("begrippen").onderdelen)
    text = " ".join(plain(printed(t)) for a in regeling.artikelen() for t in a.teksten())
    if vorm == "openbaar-lichaam":
        assert "Er is een openbaar lichaam, genaamd Proef." in text
        assert "algemeen bestuur: het algemeen bestuur van het openbaar lichaam" in begrippen
        assert "dagelijks bestuur: het dagelijks bestuur van het openbaar lichaam" in begrippen
    elif vorm == "bedrijfsvoeringsorganisatie":
        assert "Er is een bedrijfsvoeringsorganisatie, genaamd Proef." in text
        assert "bestuur: het bestuur van de bedrijfsvoeringsorganisatie" in begrippen
        assert "algemeen bestuur" not in text and "dagelijks bestuur" not in text
    elif vorm == "gemeenschappelijk-orgaan":
        assert "Er is een gemeenschappelijk orgaan, genaamd Proef." in text
        assert "De Proefcommissie bestaat uit één lid per deelnemer" in text
    elif vorm == "centrumgemeente":
        assert "mandaat voor de uitoefening van hun bevoegdheden" in text
        assert "centrumgemeente: de gemeente Dordrecht" in begrippen
    else:
        assert "portefeuillehoudersoverleg: het overleg" in begrippen
        assert "Er is een" not in text


def test_an_organ_the_form_does_not_have_is_an_error(tmp_path):
    folder = _with_form(tmp_path, "bedrijfsvoeringsorganisatie")
    edit_regeling(folder, lambda r: r["organen"].update({"dagelijks-bestuur": {"naam": "dagelijks bestuur"}}))
    [message] = problems(folder)
    assert "regeling.organen.dagelijks-bestuur: het dagelijks bestuur hoort niet bij de rechtsvorm" in message


def test_a_bedrijfsvoeringsorganisatie_has_no_raden_as_participants(tmp_path):
    folder = _with_form(tmp_path, "bedrijfsvoeringsorganisatie")
    edit_regeling(folder, lambda r: r.update({"deelnemers": ["raad", "college"]}))
    [message] = problems(folder)
    assert "regeling.deelnemers: aan een bedrijfsvoeringsorganisatie nemen alleen colleges" in message


def test_an_openbaar_lichaam_without_its_dagelijks_bestuur_article_fails(tmp_path):
    folder = _with_form(tmp_path, "openbaar-lichaam")

    def drop(regeling):
        articles = chapter(regeling, "algemeen")["artikelen"]
        articles.pop(next(i for i, a in enumerate(articles) if a["id"] == "db"))
    edit_regeling(folder, drop)
    [message] = problems(folder)
    assert "samenstelling en bevoegdheden van het dagelijks bestuur" in message
    assert "een openbaar lichaam heeft een algemeen bestuur, een dagelijks bestuur en een voorzitter" in message


def test_a_centrumgemeente_works_in_mandaat_only(tmp_path):
    folder = _with_form(tmp_path, "centrumgemeente")
    edit_regeling(folder, lambda r: chapter(r, "algemeen")["artikelen"].append(
        {"id": "overdracht", "titel": "Overdracht", "onderwerpen": ["taken"],
         "tekst": "De colleges dragen hun bevoegdheden over aan het college van Dordrecht."}))
    found = problems(folder)
    assert any("alleen in mandaat" in m and "artikel 8, vierde lid, Wgr" in m for m in found), found


# -- clause use --------------------------------------------------------------------------------


def test_clause_parameters_are_checked_with_positions(tmp_path):
    folder = copy_of(tmp_path)
    file = replace_in(folder, "            archiefgemeente: Dordrecht\n", "            archiefgemeent: Dordrecht\n")
    found = problems(folder)
    unknown = next(m for m in found if "kent geen parameter" in m)
    assert unknown.startswith(value_at(file, "archiefgemeent: Dordrecht"))
    assert 'bedoelde u "archiefgemeente"?' in unknown
    assert any('vraagt de parameter "archiefgemeente"' in m for m in found)


def test_unknown_clause_suggests_the_nearest(tmp_path):
    folder = copy_of(tmp_path)
    file = replace_in(folder, "          clausule: uittreding\n", "          clausule: uitreding\n")
    found = problems(folder)
    [unknown] = [m for m in found if "onbekende clausule" in m]
    assert unknown.startswith(value_at(file, "clausule: uitreding"))
    assert 'bedoelde u "uittreding"?' in unknown


def test_own_text_replaces_the_clause_but_keeps_its_subjects(tmp_path):
    folder = copy_of(tmp_path)
    replace_in(folder, "        - id: duur\n          clausule: duur\n", (
        "        - id: duur\n          clausule: duur\n"
        "          tekst: De regeling wordt getroffen voor de duur van tien jaar en daarna stilzwijgend verlengd.\n"))
    project = load_project(folder)
    duur = project.afgeleid.regeling.artikel("duur")
    assert duur.titel == "Duur" and "duur" in duur.onderwerpen
    assert plain(printed(duur.tekst)).startswith("De regeling wordt getroffen voor de duur van tien jaar")


def test_a_lid_is_one_paragraph(tmp_path):
    folder = copy_of(tmp_path)
    file = replace_in(folder, "            - id: sdd\n              tekst: >-\n",
                      "            - id: sdd\n              tekst: |\n                Eerste alinea.\n\n")
    found = problems(folder)
    assert any("één alinea" in m and m.startswith(f"{file}:") for m in found), found


def test_every_clause_is_documented():
    from generator.regeling.clausules import library

    documented = (Path(__file__).resolve().parent.parent / "docs" / "regeling.md").read_text(encoding="utf-8")
    for name, entry in library().items():
        row = next((line for line in documented.splitlines() if line.startswith(f"| `{name}` |")), None)
        assert row is not None, f"clausule {name} ontbreekt in docs/regeling.md"
        for parameter in entry.clausule.parameters:
            assert f"`{parameter}`" in row, f"parameter {parameter} van {name} ontbreekt in docs/regeling.md"


def test_positions_inside_folded_text(tmp_path):
    """A `>` block folds lines into one; a position inside it still points at the right line."""
    from generator.loader import load_file
    from generator.markup import references

    file = tmp_path / "tekst.yaml"
    file.write_text("tekst: >-\n  Eerste regel met [[a]] en\n  tweede regel met [[b]].\n\n"
                    "  Nieuwe alinea met [[c]].\n", encoding="utf-8")
    data, sources = load_file(file)
    found = {target: sources.inside(("tekst",), line, column).display()
             for target, line, column in references(data["tekst"])}
    assert found == {"a": f"{file}:2:20", "b": f"{file}:3:20", "c": f"{file}:5:21"}


def test_a_reference_in_a_one_line_field_is_refused(tmp_path):
    folder = copy_of(tmp_path)
    file = replace_in(folder, "  besluittekst: \"de Gemeenschappelijke regeling Drechtsteden zodanig",
                      "  besluittekst: \"de regeling, bedoeld in [[belang]], zodanig")
    [message] = problems(folder)
    assert message.startswith(f"{file}:{position_of(file, 'besluittekst:').split(':')[1]}:")
    assert "kan alleen in de tekst van artikelen" in message
