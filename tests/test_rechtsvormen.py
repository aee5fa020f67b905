"""The one legal-form table (templates/rechtsvormen.yaml) and everything that reads it."""

from __future__ import annotations

import typing

import pytest
from click.testing import CliRunner

from generator import rechtsvormen
from generator.cli import main
from generator.model import Samenwerking
from generator.model.regeling import Deelnemer, Onderwerp, OrgaanRol
from generator.nieuw import NieuwError, check_form, render_files
from generator.paths import PACKAGE_TEMPLATES
from generator.regeling.clausules import library


def test_the_model_allows_exactly_the_forms_organs_and_participants_of_the_table():
    assert typing.get_args(Samenwerking.model_fields["vorm"].annotation) == rechtsvormen.CODES
    assert typing.get_args(OrgaanRol) == tuple(rechtsvormen.ORGANEN)
    assert typing.get_args(Deelnemer) == tuple(rechtsvormen.DEELNEMERS)
    assert set(rechtsvormen.ORGANEN) <= set(typing.get_args(Onderwerp))  # an article can be about each organ


def test_every_form_is_complete_and_consistent():
    clauses = {path.stem for path in (PACKAGE_TEMPLATES / "clausules").glob("*.yaml")}
    for vorm in rechtsvormen.VORMEN.values():
        for rol in (*vorm.organen, *vorm.optioneel):
            assert rol in rechtsvormen.ORGANEN, (vorm.code, rol)
        for rol in vorm.organen:  # the Wgr check asks an article on each organ; the clause library offers one
            assert rol in clauses, (vorm.code, rol)
        assert (vorm.vaststellend is None) != (vorm.vaststellend_tekst is None), vorm.code
        assert vorm.vaststellend is None or vorm.vaststellend in vorm.organen
        assert vorm.uitvoerend is None or vorm.uitvoerend in vorm.organen
        assert vorm.bezittelijk in ("zijn", "haar")
        assert vorm.deelnemers is None or (set(vorm.deelnemers) <= set(rechtsvormen.DEELNEMERS) and vorm.deelnemersregel)
        assert vorm.bestuur["omschrijving"] and vorm.bestuur["organen"]
        for vereiste in vorm.vereisten():
            assert vereiste.clausule in clauses
            assert vereiste.onderwerp in typing.get_args(Onderwerp)
    for vereiste in rechtsvormen.VEREISTEN:
        assert vereiste.vormen is None or set(vereiste.vormen) <= set(rechtsvormen.CODES)


def test_the_clause_library_names_only_known_forms():
    entries = library()  # `vormen` in a clause, a lid or an onderdeel is a legal form of the table
    named = {v for e in entries.values() for v in e.clausule.vormen}
    named |= {v for e in entries.values() for lid in e.clausule.leden for v in lid.vormen}
    assert named and named <= set(rechtsvormen.CODES)


def test_one_word_per_form():
    # The drift the table ended: "centrumgemeenteconstructie" in the model, "centrumgemeenteregeling" elsewhere.
    assert rechtsvormen.naam("centrumgemeente") == "centrumgemeenteregeling"
    assert rechtsvormen.vorm("centrumgemeente").orgaanregel.startswith("een centrumgemeenteregeling ")
    assert rechtsvormen.naam("openbaar-lichaam") == "openbaar lichaam"


@pytest.mark.parametrize("typed, code", [
    ("Openbaar lichaam", "openbaar-lichaam"), ("bvo", "bedrijfsvoeringsorganisatie"), ("GO", "gemeenschappelijk-orgaan"),
    ("centrumgemeenteregeling", "centrumgemeente"), ("centrumgemeenteconstructie", "centrumgemeente"),
    ("regeling_zonder_meer", "regeling-zonder-meer"), ("rzm", "regeling-zonder-meer"),
])
def test_nieuw_understands_the_names_and_abbreviations_of_the_table(typed, code):
    assert check_form(typed) == code


def test_an_unknown_form_names_the_forms_of_the_table():
    with pytest.raises(NieuwError, match=r'onbekende rechtsvorm "openbaar-lichaamm"; bedoelde u "openbaar-lichaam"\? '
                                         r"Kies uit: openbaar-lichaam, bedrijfsvoeringsorganisatie, "):
        check_form("openbaar-lichaamm")


def test_the_cli_lists_the_forms_and_the_default_from_the_table():
    result = CliRunner().invoke(main, ["nieuw", "--help"], terminal_width=200)
    assert result.exit_code == 0
    text = " ".join(result.output.split())
    assert f"Rechtsvorm: {rechtsvormen.opsomming_codes()}." in text
    assert f"[standaard: {rechtsvormen.STANDAARD}]" in text


def test_nieuw_writes_the_governance_model_of_the_table():
    import datetime

    import yaml

    for vorm in rechtsvormen.VORMEN.values():
        files = render_files("Regio Test", vorm.code, ["Tiel", "Culemborg"], datetime.date(2026, 3, 4), "regio-test")
        bestuur = yaml.safe_load(files["bestuur.yaml"])["bestuur"]
        assert [o["id"] for o in bestuur["organen"]] == [o["id"] for o in vorm.bestuur["organen"]]
        assert "{eerste}" not in files["bestuur.yaml"]
        samenwerking = yaml.safe_load(files["samenwerking.yaml"])["samenwerking"]
        assert samenwerking["vorm"] == vorm.code
        assert ("vestigingsplaats" in samenwerking) == vorm.eigen_lichaam


def test_the_regulation_skeleton_takes_what_differs_per_form_from_the_table():
    """templates/nieuw/regeling.yaml.j2 names no legal form; each form's parts (``skelet``) render to
    articles whose clauses the library has."""
    import datetime
    import re

    import yaml

    template = (PACKAGE_TEMPLATES / "nieuw" / "regeling.yaml.j2").read_text(encoding="utf-8")
    assert not re.search(r"\bvorm\s*==", template)
    assert not any(code in template for code in rechtsvormen.CODES)
    clauses = set(library())
    for vorm in rechtsvormen.CODES:
        text = render_files("Regio", vorm, ["Dordrecht", "Zwijndrecht"], datetime.date(2026, 3, 2), "x")["regeling.yaml"]
        regeling = yaml.safe_load(text)["regeling"]
        named = [a["clausule"] for h in regeling["hoofdstukken"] for a in h["artikelen"] if "clausule" in a]
        assert named and set(named) <= clauses, vorm
        assert ("centrumgemeente" in regeling) == rechtsvormen.vorm(vorm).centrumgemeente


def test_a_new_form_in_the_table_gets_its_own_regulation_skeleton(monkeypatch):
    """A form added to the table only: `nieuw` writes its parts, and a part it lacks stays out."""
    import dataclasses
    import datetime
    from types import MappingProxyType

    import yaml

    base = rechtsvormen.vorm("regeling-zonder-meer")
    parts = {**base.skelet, "financien": "- id: kosten\n  clausule: bijdragen"}
    new = dataclasses.replace(base, code="proefvorm", skelet=MappingProxyType(parts))
    monkeypatch.setitem(rechtsvormen._VORMEN, "proefvorm", new)
    text = render_files("Regio", "proefvorm", ["Dordrecht", "Zwijndrecht"], datetime.date(2026, 3, 2), "x")["regeling.yaml"]
    chapters = {h["id"]: h for h in yaml.safe_load(text)["regeling"]["hoofdstukken"]}
    assert chapters["financien"]["artikelen"] == [{"id": "kosten", "clausule": "bijdragen"}]
    assert "bestuur" not in chapters and "organisatie" not in chapters
