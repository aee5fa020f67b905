"""Raadsvoorstel and raadsbesluit per gemeente.

What each council is asked to decide follows from the decision's kind
(``besluiten[].soort``): the beslispunten and the legal basis ("gelet op") are
derived here, with the wording that fits that gemeente (the gemeente that joins
is asked something else than the gemeenten it joins). The shared text is written
once in ``raadsvoorstel``; ``raadsvoorstel.lokaal.<gemeente>`` replaces a text or
adds to a list for one gemeente only.

Legal bases (Wet gemeenschappelijke regelingen as in force since 1 July 2022;
see docs/raadsvoorstel.md for the sources):

- toestemming to the college to enter, join, amend or leave a regulation:
  Wgr artikel 1, vierde lid (toestemming of the raad) and vijfde lid (joining,
  amending and leaving count as "treffen"), with artikel 9 (the regulation's own
  provisions on amendment, joining and leaving) for those three;
- zienswijze on a draft regulation: Wgr artikel 1, tweede en derde lid;
- zienswijze on a draft budget: Wgr artikel 35;
- wensen en bedenkingen on an intended college decision: Gemeentewet artikel 169, vierde lid;
- voorbereidingskrediet and principle decision: the council's own powers under the
  Gemeentewet (named without an article number).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator

from .checks import Finding, check
from .derive import Afgeleid, Invoerzicht, deriver
from .finance.allocation import allocate
from .formatting import bedrag, datum, opsomming
from .model import Argument, Besluit, Gemeente, Inhoud, Vergadering
from .paths import slug

WGR = "de Wet gemeenschappelijke regelingen"

GRONDSLAGEN: dict[str, list[str]] = {
    "toestemming-aangaan": [f"artikel 1, eerste en vierde lid, van {WGR}"],
    "toestemming-toetreding": [f"artikel 1, vierde en vijfde lid, en artikel 9 van {WGR}"],
    "toestemming-wijziging": [f"artikel 1, vierde en vijfde lid, en artikel 9 van {WGR}"],
    "toestemming-uittreding": [f"artikel 1, vierde en vijfde lid, en artikel 9 van {WGR}"],
    "zienswijze-regeling": [f"artikel 1, tweede en derde lid, van {WGR}"],
    "zienswijze-begroting": [f"artikel 35 van {WGR}"],
    "wensen-en-bedenkingen": ["artikel 169, vierde lid, van de Gemeentewet"],
    "voorbereidingskrediet": ["de Gemeentewet"],
    "principebesluit": ["de Gemeentewet"],
}
NEEDS_REGULATION = {
    "toestemming-aangaan", "toestemming-toetreding", "toestemming-wijziging", "toestemming-uittreding",
    "zienswijze-regeling", "zienswijze-begroting",
}
BY_COUNCIL = {
    "toestemming-aangaan", "toestemming-toetreding", "toestemming-wijziging", "toestemming-uittreding",
    "zienswijze-regeling", "zienswijze-begroting", "wensen-en-bedenkingen", "voorbereidingskrediet",
    "principebesluit",
}


@dataclass
class Voorstel:
    """Everything the template needs for one gemeente's raadsvoorstel and raadsbesluit."""

    gemeente: Gemeente
    besluit: Besluit
    vergadering: Vergadering
    onderwerp: str
    beslispunten: list[str]
    grondslagen: str
    zienswijze: str | None
    inleiding: str
    beoogd_effect: str
    argumenten: list[Argument]
    kanttekeningen: list[Argument]
    financien_toelichting: str
    #: This gemeente's share from the finance engine (GemeenteUitkomst), or None without `financien`.
    financien: object | None
    communicatie: str
    uitvoering: str
    bijlagen: list[str]
    lokaal: bool = False
    mijlpalen: list = field(default_factory=list)


class Raadsvoorstellen:
    """Per-gemeente views on the one raadsvoorstel of the content."""

    def __init__(self, inhoud: Inhoud, afgeleid: Invoerzicht, wijziging: Wijzigingsbijlage | None = None):
        self.inhoud = inhoud
        self.afgeleid = afgeleid
        self.wijziging = wijziging
        voorstel = inhoud.raadsvoorstel
        self.besluit = next((b for b in inhoud.besluiten or [] if voorstel and b.id == voorstel.besluit), None)

    def _share(self, gemeente: Gemeente):
        """This gemeente's part of the chosen scenario, from the one finance engine."""
        financieel = self.afgeleid.financien
        if financieel is None:
            return None
        besluit = self.besluit
        scenario = besluit.scenario if besluit is not None and besluit.scenario else None
        if scenario is None and financieel.voorkeur is None:
            return None
        return financieel.aandeel(gemeente.naam, scenario)

    def voor(self, gemeente: Gemeente) -> Voorstel:
        voorstel = self._voor(gemeente)
        amendment = self.wijziging
        if amendment is not None:
            # The amendment is the first bijlage; the shares from the businesscase (which belong to
            # the trajectory of the regulation itself) and milestones before its date are left out.
            voorstel.bijlagen = [amendment.bijlage, *voorstel.bijlagen]
            voorstel.financien = None
            voorstel.mijlpalen = [m for m in voorstel.mijlpalen if m.datum >= amendment.datum]
        return voorstel

    def _voor(self, gemeente: Gemeente) -> Voorstel:
        voorstel = self.inhoud.raadsvoorstel
        besluit = self.besluit
        if voorstel is None or besluit is None:  # excluded by the checks
            raise ValueError("geen raadsvoorstel in de inhoud")
        local = voorstel.lokaal.get(gemeente.naam)
        grounds = GRONDSLAGEN[besluit.soort] + list(besluit.ook_gelet_op)
        return Voorstel(
            gemeente=gemeente,
            besluit=besluit,
            vergadering=gemeente.besluitvorming[besluit.id],
            onderwerp=besluit.onderwerp,
            beslispunten=[point.rstrip(" ;.") for point in
                          self.beslispunten(gemeente) + list(voorstel.beslispunten)
                          + list(local.beslispunten if local else [])],
            grondslagen=opsomming(grounds),
            zienswijze=besluit.zienswijze,
            inleiding=(local and local.inleiding) or voorstel.inleiding,
            beoogd_effect=(local and local.beoogd_effect) or voorstel.beoogd_effect,
            argumenten=list(voorstel.argumenten) + list(local.argumenten if local else []),
            kanttekeningen=list(voorstel.kanttekeningen) + list(local.kanttekeningen if local else []),
            financien_toelichting=(local and local.financien) or voorstel.financien,
            financien=self._share(gemeente),
            communicatie=(local and local.communicatie) or voorstel.communicatie,
            uitvoering=(local and local.uitvoering) or voorstel.uitvoering,
            bijlagen=list(voorstel.bijlagen) + list(local.bijlagen if local else []),
            lokaal=local is not None,
            mijlpalen=list(self.inhoud.planning.mijlpalen) if self.inhoud.planning else [],
        )

    def beslispunten(self, gemeente: Gemeente) -> list[str]:
        besluit = self.besluit
        assert besluit is not None
        inhoud = self.inhoud
        regeling = inhoud.samenwerking.regeling or inhoud.samenwerking.naam
        ingang = datum(inhoud.samenwerking.ingangsdatum)
        soort = besluit.soort
        toetreders = [g.naam for g in self.afgeleid.toetreders]
        uittreders = [g.naam for g in self.afgeleid.uittreders]
        if soort == "toestemming-toetreding":
            if gemeente.rol == "toetreder":
                return [f"het college toestemming te verlenen om met ingang van {ingang} toe te treden tot de {regeling}"]
            return [f"het college toestemming te verlenen om in te stemmen met de toetreding van de gemeente "
                    f"{opsomming(toetreders)} tot de {regeling} met ingang van {ingang}"]
        if soort == "toestemming-uittreding":
            if gemeente.rol == "uittreder":
                return [f"het college toestemming te verlenen om met ingang van {ingang} uit te treden uit de {regeling}"]
            return [f"het college toestemming te verlenen om in te stemmen met de uittreding van de gemeente "
                    f"{opsomming(uittreders)} uit de {regeling} met ingang van {ingang}"]
        if soort == "toestemming-aangaan":
            return [f"het college toestemming te verlenen de {regeling} aan te gaan met ingang van {ingang}, "
                    "overeenkomstig het ontwerp dat bij dit besluit hoort"]
        if soort == "toestemming-wijziging":
            return [f"het college toestemming te verlenen de {regeling} te wijzigen overeenkomstig het ontwerp "
                    "van de wijzigingsregeling dat bij dit besluit hoort"]
        if soort == "zienswijze-regeling":
            return [f"over het ontwerp van de {regeling} de zienswijze naar voren te brengen die in dit besluit is opgenomen"]
        if soort == "zienswijze-begroting":
            return [f"over de ontwerpbegroting {besluit.begrotingsjaar} van de {regeling} de zienswijze naar voren "
                    "te brengen die in dit besluit is opgenomen"]
        if soort == "wensen-en-bedenkingen":
            if besluit.zienswijze:
                return [f"ten aanzien van het voorgenomen besluit ({besluit.onderwerp}) de wensen en bedenkingen ter "
                        "kennis van het college te brengen die in dit besluit zijn opgenomen"]
            return [f"ten aanzien van het voorgenomen besluit ({besluit.onderwerp}) geen wensen en bedenkingen ter "
                    "kennis van het college te brengen"]
        if soort == "voorbereidingskrediet":
            total = besluit.krediet or Decimal(0)
            share = allocate(total.quantize(Decimal("0.01")),
                             {g.naam: g.inwoners for g in self.afgeleid.deelnemers})[gemeente.naam]
            points = [f"een voorbereidingskrediet van {bedrag(share)} beschikbaar te stellen, het aandeel van "
                      f"{gemeente.naam} naar inwonertal in een gezamenlijk krediet van {bedrag(total)}"]
            if besluit.dekking:
                points.append(f"de lasten te dekken uit {besluit.dekking}")
            points.append("de begroting overeenkomstig te wijzigen")
            return points
        if soort == "principebesluit":
            scenario = self._scenario()
            name = scenario.naam if scenario else "?"
            return [f"in te stemmen met het scenario ‘{name}’ als voorkeursscenario",
                    "het college opdracht te geven dit scenario samen met de andere gemeenten uit te werken "
                    "en de uitwerking aan de raad voor te leggen"]
        raise ValueError(f"onbekende soort besluit: {soort}")  # pragma: no cover - Literal in the model

    def _scenario(self):
        besluit = self.besluit
        scenarios = self.inhoud.scenarios or []
        if besluit and besluit.scenario:
            return next((s for s in scenarios if s.id == besluit.scenario), None)
        return self.afgeleid.voorkeursscenario


@dataclass(frozen=True)
class Wijzigingsbijlage:
    """For the raadsvoorstel asking toestemming for an amendment: the amendment as first bijlage."""

    bijlage: str
    datum: datetime.date


@dataclass(frozen=True)
class RaadsvoorstelDeel:
    raadsvoorstellen: Raadsvoorstellen | None


@deriver(RaadsvoorstelDeel, needs=("deelnemers", "toetreders", "uittreders", "voorkeursscenario", "financien",
                                   "wijzigingsbijlage"))
def _raadsvoorstellen(inhoud: Inhoud, nodig: Invoerzicht) -> RaadsvoorstelDeel:
    if not inhoud.raadsvoorstel:
        return RaadsvoorstelDeel(None)
    return RaadsvoorstelDeel(Raadsvoorstellen(inhoud, nodig, nodig.wijzigingsbijlage))


@check
def _proposal_fits_decision(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    """The decision asked for exists, and its kind fits the cooperation and its own fields."""
    for besluit in inhoud.besluiten or []:
        yield from _decision_combination(besluit, inhoud, afgeleid)
    voorstel = inhoud.raadsvoorstel
    if voorstel is None:
        return
    decisions = {b.id: b for b in inhoud.besluiten or []}
    if voorstel.besluit not in decisions:
        known = ", ".join(sorted(decisions)) or "geen (vul `besluiten` in)"
        yield Finding(voorstel.pad + ("besluit",), f'onbekend besluit "{voorstel.besluit}"; bekend zijn: {known}')
        return
    besluit = decisions[voorstel.besluit]
    if besluit.orgaan != "raad":
        yield Finding(voorstel.pad + ("besluit",),
                      f'besluit "{besluit.id}" wordt door het college genomen; een raadsvoorstel hoort bij een raadsbesluit',
                      related=besluit.pad + ("orgaan",))
    names = {g.naam for g in afgeleid.deelnemers}
    for name in voorstel.lokaal:
        if name not in names:
            import difflib

            close = difflib.get_close_matches(name, sorted(names), n=1, cutoff=0.6)
            hint = f'; bedoelde u "{close[0]}"?' if close else f"; deelnemers zijn: {opsomming(sorted(names))}"
            yield Finding(voorstel.pad + ("lokaal", name), f'"{name}" is geen deelnemende gemeente{hint}')
    for gemeente in afgeleid.deelnemers:
        if not gemeente.secretaris:
            yield Finding(gemeente.pad, f"gemeente {gemeente.naam} heeft geen secretaris; het raadsvoorstel wordt "
                          "ondertekend door secretaris en burgemeester")
        vergadering = gemeente.besluitvorming.get(besluit.id)
        if vergadering is None:
            continue  # reported by the check on decision dates
        for key, what in (("college", "de datum van het collegebesluit"), ("registratienummer", "het registratienummer")):
            if getattr(vergadering, key) is None:
                yield Finding(gemeente.pad + ("besluitvorming", besluit.id),
                              f"{what} ontbreekt; het raadsbesluit verwijst naar het voorstel van burgemeester en "
                              "wethouders met datum en nummer")


def _decision_combination(besluit: Besluit, inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    soort = besluit.soort
    at = besluit.pad + ("soort",)
    if soort in NEEDS_REGULATION and not inhoud.samenwerking.regeling:
        yield Finding(at, f'een besluit "{soort}" gaat over een gemeenschappelijke regeling; '
                      "vul samenwerking.regeling in met de naam van de regeling",
                      related=inhoud.samenwerking.pad)
    if soort == "toestemming-toetreding" and not afgeleid.toetreders:
        yield Finding(at, 'bij "toestemming-toetreding" hoort een gemeente met rol: toetreder')
    if soort == "toestemming-uittreding" and not afgeleid.uittreders:
        yield Finding(at, 'bij "toestemming-uittreding" hoort een gemeente met rol: uittreder')
    if soort in BY_COUNCIL and besluit.orgaan != "raad":
        yield Finding(besluit.pad + ("orgaan",), f'een besluit "{soort}" wordt door de raad genomen, niet door het college')
    if soort == "voorbereidingskrediet" and besluit.krediet is None:
        yield Finding(at, 'bij "voorbereidingskrediet" hoort een bedrag: vul krediet in')
    if soort != "voorbereidingskrediet":
        for key in ("krediet", "dekking"):
            if getattr(besluit, key) is not None:
                yield Finding(besluit.pad + (key,), f'"{key}" hoort alleen bij een besluit "voorbereidingskrediet"')
    if soort == "zienswijze-begroting" and besluit.begrotingsjaar is None:
        yield Finding(at, 'bij "zienswijze-begroting" hoort het jaar van de begroting: vul begrotingsjaar in')
    if soort != "zienswijze-begroting" and besluit.begrotingsjaar is not None:
        yield Finding(besluit.pad + ("begrotingsjaar",), '"begrotingsjaar" hoort alleen bij "zienswijze-begroting"')
    if soort in ("zienswijze-regeling", "zienswijze-begroting") and not besluit.zienswijze:
        yield Finding(at, f'bij "{soort}" hoort de tekst van de zienswijze: vul zienswijze in')
    if besluit.zienswijze and soort not in ("zienswijze-regeling", "zienswijze-begroting", "wensen-en-bedenkingen"):
        yield Finding(besluit.pad + ("zienswijze",),
                      '"zienswijze" hoort alleen bij een zienswijze of bij wensen en bedenkingen')
    if soort == "principebesluit":
        if besluit.scenario is not None:
            if besluit.scenario not in {s.id for s in inhoud.scenarios or []}:
                yield Finding(besluit.pad + ("scenario",), f'onbekend scenario "{besluit.scenario}"')
        elif afgeleid.voorkeursscenario is None:
            yield Finding(at, 'bij "principebesluit" hoort een scenario: vul scenario in of markeer een '
                          "voorkeursscenario met voorkeur: true")
    elif besluit.scenario is not None:
        yield Finding(besluit.pad + ("scenario",), '"scenario" hoort alleen bij een "principebesluit"')


@check
def _file_names_are_distinct(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    """Two gemeenten must not end up in the same file name."""
    seen: dict[str, Gemeente] = {}
    for gemeente in inhoud.gemeenten:
        key = slug(gemeente.naam)
        if key in seen:
            yield Finding(gemeente.pad + ("naam",),
                          f'de naam "{gemeente.naam}" geeft dezelfde bestandsnaam ({key}) als "{seen[key].naam}"',
                          related=seen[key].pad + ("naam",))
        else:
            seen[key] = gemeente
