"""The derivation mechanism: typed, frozen results, order from what each deriver needs."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator import derive, parts  # noqa: F401 - parts registers every deriver
from generator.build import load_project
from generator.derive import AfleidingsFout, Deriver, Invoer, order
from generator.finance.part import Financien


@dataclass(frozen=True)
class _A:
    a: int


@dataclass(frozen=True)
class _B:
    b: int


@dataclass(frozen=True)
class _C:
    c: int


def _d(provides: type, *needs: str) -> Deriver:
    return Deriver(lambda inhoud, nodig: None, provides, needs)


def test_order_follows_needs_not_registration():
    c, b, a = _d(_C, "b"), _d(_B, "a"), _d(_A)
    assert [d.provides for d in order([c, b, a])] == [_A, _B, _C]


def test_a_missing_provider_is_an_error_at_start_up():
    with pytest.raises(AfleidingsFout, match=r"heeft 'onbekend' nodig, maar geen deriver levert die waarde"):
        order([_d(_A, "onbekend")])


def test_a_cycle_is_an_error_naming_it():
    with pytest.raises(AfleidingsFout, match=r"in een kring nodig: .* → .* → ") as error:
        order([_d(_A, "c"), _d(_B, "a"), _d(_C, "b")])
    assert str(error.value).count("<lambda>") == 4  # the three derivers, the first one closing the ring


def test_a_value_provided_twice_is_an_error():
    with pytest.raises(AfleidingsFout, match=r"'a' wordt twee keer geleverd"):
        order([_d(_A), _d(_A)])
    with pytest.raises(AfleidingsFout, match=r"'bronrevisie' wordt twee keer geleverd: door de invoer"):
        order([_d(dataclass(frozen=True)(type("X", (), {"__annotations__": {"bronrevisie": str}})))])


def test_a_deriver_provides_a_frozen_dataclass():
    with pytest.raises(AfleidingsFout, match="bevroren dataclass"):
        derive.deriver(dataclass(type("Y", (), {"__annotations__": {"y": int}})))


def test_the_registered_derivers_fit_and_each_reads_only_what_it_declared():
    registered = order()
    provided = {name for d in registered for name in d.names}
    assert {"deelnemers", "financien", "regeling", "proces", "verwijzingen", "raadsvoorstellen",
            "wijzigingsregeling", "versie", "plan_budget"} <= provided
    assert "totaal_inwoners" not in provided  # nothing read it
    seen: set[str] = {f.name for f in dataclasses.fields(Invoer)}
    for item in registered:  # each runs after everything it needs
        assert set(item.needs) <= seen, item.name
        seen |= set(item.names)


def test_derived_values_are_frozen_and_typed(root: Path):
    project = load_project(root / "content" / "drechtsteden")
    afgeleid = project.afgeleid
    assert [g.naam for g in afgeleid.deelnemers] == [g.naam for g in project.inhoud.gemeenten if g.rol != "uittreder"]
    assert afgeleid.financien is afgeleid.deel(Financien).financien
    assert afgeleid.financien.voorkeur is not None
    assert afgeleid.sjabloonmappen == tuple(project.template_dirs)
    assert afgeleid.verwijzingen["regeling"]["begrippen.deelnemer"] == "artikel 1, onderdeel a"
    assert afgeleid.verwijzingen["wijziging"] == afgeleid.verwijzingen["regeling"]
    with pytest.raises(AttributeError, match="veranderen niet"):
        afgeleid.bronrevisie = "x"
    with pytest.raises(TypeError):
        afgeleid.verwijzingen["regeling"]["nieuw"] = "artikel 99"  # read-only mapping
    with pytest.raises(dataclasses.FrozenInstanceError):
        afgeleid.deel(derive.Deelnemers).deelnemers = ()
    with pytest.raises(AttributeError, match="bestaat niet"):
        afgeleid.totaal_inwoners


def test_a_deriver_cannot_read_what_it_did_not_declare():
    view = derive.Invoerzicht({"deelnemers": ()})
    assert view.deelnemers == ()
    with pytest.raises(AttributeError, match="'financien' staat niet in needs"):
        view.financien


def test_references_in_the_regulation_are_worded_once_in_derive(root: Path):
    from generator.render import make_environment
    from generator.regeling.tekst import Tekstdeel

    project = load_project(root / "content" / "drechtsteden")
    regeling = project.afgeleid.regeling
    texts = {tuple(t.pad): t for _, t in regeling.teksten() if "[[" in t.bron}
    assert texts and all(t.markdown for t in texts.values())
    for tekst in texts.values():  # every reference carries its wording: nothing left for template time
        assert all(f"[[{target}|" in tekst.markdown for target in re.findall(r"\[\[([^\]|]+)\]\]", tekst.bron))
    assert not hasattr(Tekstdeel, "html") and not hasattr(Tekstdeel, "blok")  # no HTML from the domain object
    toelichting = texts[("regeling", "hoofdstukken", 5, "artikelen", 2, "toelichting")]
    assert toelichting.markdown.startswith("[[overgang-toetreding.kosten|Het eerste lid]] geeft")  # relative, capital
    lid = texts[("regeling", "hoofdstukken", 5, "artikelen", 2, "leden", 1, "tekst")]
    env = make_environment(project.template_dirs)
    context = {"afgeleid": project.afgeleid, "verwijzingen": "regeling"}
    html = env.from_string("{{ t | md_inline }}|{{ t | md_inline(einde=';') }}").render(t=lid, **context)
    assert html == ('De raad van Hardinxveld-Giessendam wijst de leden van de Drechtraad, bedoeld in '
                    '<span class="verwijzing">artikel 5, tweede lid</span>, aan in zijn eerste vergadering na '
                    '1 januari 2018.|De raad van Hardinxveld-Giessendam wijst de leden van de Drechtraad, bedoeld in '
                    '<span class="verwijzing">artikel 5, tweede lid</span>, aan in zijn eerste vergadering na '
                    '1 januari 2018;')
    block = env.from_string("{{ t | md }}").render(t=toelichting, **context)
    assert block.startswith('<p><span class="verwijzing">Het eerste lid</span> geeft de afspraak')
