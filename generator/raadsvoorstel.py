"""Raadsvoorstel and raadsbesluit per round of the traject and per gemeente.

A cooperation reaches each council several times: every decision in ``besluiten`` is a
round (principebesluit, zienswijze op het ontwerp, the decision itself, zienswijze op de
ontwerpbegroting, kaderbrief, wijziging, toetreding, uittreding, opheffing). Every round
with a raadsvoorstel text (``raadsvoorstel`` or one of ``raadsvoorstellen``) gets its own
raadsvoorstel + raadsbesluit per gemeente, in a file named after the round.

Who decides what follows from the legal form and the organs that take part in the
regulation (``regeling.deelnemers``), per artikel 1 Wgr (text since 1 July 2022; sources in
docs/rondes.md):

- where the raad is itself a party it decides itself: treffen (lid 1) includes wijzigen,
  toetreden and uittreden (lid 5);
- where the college or burgemeester is a party, it needs the raad's toestemming (lid 4),
  which can only be refused for strijd met het recht of het algemeen belang;
- a bedrijfsvoeringsorganisatie is a regulation between colleges (artikel 8, derde lid):
  a raad can only give toestemming;
- the ontwerp goes to the raden for their zienswijze (leden 2 en 3) only where the raden
  are not themselves party;
- the regulation's own articles on the subject are named as ground ("gelet op artikel 30
  van de Gemeenschappelijke regeling X"), with their derived numbers;
- zienswijze op de ontwerpbegroting: artikel 35 Wgr; kaderbrief: artikel 34b Wgr (both for
  the openbaar lichaam; for the other forms the Wgr is named without a number);
- wensen en bedenkingen: artikel 169, vierde lid, Gemeentewet; voorbereidingskrediet and
  principebesluit: the council's own powers under the Gemeentewet (without a number).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator

from . import rechtsvormen
from .checks import Finding, check
from .derive import Afgeleid, Invoerzicht, deriver
from .finance.allocation import allocate
from .formatting import bedrag, datum, opsomming
from .model import Argument, Besluit, Gemeente, Inhoud, Raadsvoorstel, Vergadering
from .paths import slug

WGR = "de Wet gemeenschappelijke regelingen"

#: The older names of the rounds that enter, join, amend or leave a regulation.
ALIASSEN = {
    "toestemming-aangaan": "aangaan", "toestemming-toetreding": "toetreding",
    "toestemming-wijziging": "wijziging", "toestemming-uittreding": "uittreding",
}
#: Rounds that "treffen" the regulation in the sense of artikel 1 Wgr (opheffing: artikel 9).
TREFFEN = ("aangaan", "toetreding", "wijziging", "uittreding", "opheffing")
NEEDS_REGULATION = {*TREFFEN, "zienswijze-regeling", "zienswijze-begroting", "kaderbrief"}
#: Every kind of round is a decision of the raad (a college decision has no raadsvoorstel).
BY_COUNCIL = {*TREFFEN, *ALIASSEN, "zienswijze-regeling", "zienswijze-begroting", "kaderbrief",
              "wensen-en-bedenkingen", "voorbereidingskrediet", "principebesluit"}
#: The subjects (regeling onderwerpen) of the articles that are the ground of a round.
ONDERWERPEN = {
    "toetreding": ("toetreding",), "uittreding": ("uittreding", "uittreding-gevolgen"),
    "wijziging": ("wijziging",), "opheffing": ("opheffing", "vereffening"),
    "zienswijze-begroting": ("begroting",), "kaderbrief": ("begroting",),
}
#: The least number of weeks the law gives the raden for a zienswijze.
TERMIJNEN = {
    "zienswijze-regeling": (8, "artikel 1, derde lid, Wgr: acht weken na ontvangst van het ontwerp"),
    "zienswijze-begroting": (12, "artikel 35, derde lid, Wgr: twaalf weken na toezending van de ontwerpbegroting"),
}
#: Rounds whose financiën are this gemeente's share in the businesscase.
BUSINESSCASE = ("principebesluit", "voorbereidingskrediet", "aangaan", "toetreding")
#: The bijlage of a wijziging round; `samenwerking wijziging` replaces it with the amendment itself.
WIJZIGINGSREGELING = "Ontwerp van de wijzigingsregeling, met toelichting (samenwerking wijziging)"


def soort(besluit: Besluit) -> str:
    """The kind of round, with the older ``toestemming-*`` names read as the round they name."""
    return ALIASSEN.get(besluit.soort, besluit.soort)


@dataclass(frozen=True)
class Partijen:
    """Which organs of each gemeente take part in the regulation."""

    raad: bool
    college: bool  # the college or the burgemeester

    @property
    def wie(self) -> str:
        if self.raad and self.college:
            return "de raden en de colleges (of burgemeesters)"
        return "de raden" if self.raad else "de colleges (of burgemeesters)"


def partijen(inhoud: Inhoud) -> Partijen:
    """From ``regeling.deelnemers``; without a regulation text a regulation between colleges."""
    organs = set(inhoud.regeling.deelnemers) if inhoud.regeling else {"college"}
    return Partijen(raad="raad" in organs, college=bool(organs & {"college", "burgemeester"}))


@dataclass
class Beslissing:
    """What the raad of one gemeente decides in one round, and why it may."""

    beslispunten: list[str]
    grondslagen: list[str]
    bevoegdheid: str
    juridisch: str
    toestemming: bool = False  # the raad gives toestemming (artikel 1, vierde lid)


@dataclass
class Voorstel:
    """Everything the template needs for one gemeente's raadsvoorstel and raadsbesluit in one round."""

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
    samenvatting: str = ""
    bevoegdheid: str = ""
    juridisch: str = ""
    alternatieven: str | None = None
    dekking: str | None = None
    ronde: str = ""


class Raadsvoorstellen:
    """Per round and per gemeente: views on the raadsvoorstel texts of the content."""

    def __init__(self, inhoud: Inhoud, afgeleid: Invoerzicht, wijziging: Wijzigingsbijlage | None = None):
        self.inhoud = inhoud
        self.afgeleid = afgeleid
        self.wijziging = wijziging
        self.besluiten = {b.id: b for b in inhoud.besluiten or []}
        self.teksten: dict[str, Raadsvoorstel] = {}
        for voorstel in [inhoud.raadsvoorstel, *inhoud.raadsvoorstellen]:
            if voorstel is not None:
                self.teksten.setdefault(voorstel.besluit, voorstel)
        voorstel = inhoud.raadsvoorstel
        #: The round of ``raadsvoorstel`` (the wijziging command reads it).
        self.besluit = self.besluiten.get(voorstel.besluit) if voorstel else None

    def gemeenten(self, besluit: Besluit) -> list[Gemeente]:
        """Who decides in a round: the partners, and in an uittreding also the one leaving."""
        if soort(besluit) == "uittreding":
            return list(self.inhoud.gemeenten)
        return list(self.afgeleid.deelnemers)

    def rondes(self) -> dict[str, list[Gemeente]]:
        """Round id → the gemeenten with a raadsvoorstel in it, in the order of ``besluiten``."""
        result: dict[str, list[Gemeente]] = {}
        for besluit in self.inhoud.besluiten or []:
            if besluit.id in self.teksten and besluit.orgaan == "raad":
                result[besluit.id] = [g for g in self.gemeenten(besluit) if besluit.id in g.besluitvorming]
        return result

    def _share(self, gemeente: Gemeente, besluit: Besluit):
        """This gemeente's part of the chosen scenario, from the one finance engine."""
        financieel = self.afgeleid.financien
        if financieel is None:
            return None
        scenario = besluit.scenario if besluit.scenario else None
        if scenario is None and financieel.voorkeur is None:
            return None
        return financieel.aandeel(gemeente.naam, scenario)

    def voor(self, gemeente: Gemeente, ronde: str | None = None) -> Voorstel:
        """One gemeente's raadsvoorstel in one round (default: the round of ``raadsvoorstel``)."""
        besluit = self.besluiten.get(ronde) if ronde else self.besluit
        voorstel = self._voor(gemeente, besluit)
        amendment = self.wijziging
        if amendment is not None and besluit is self.besluit:
            # The amendment is the first bijlage; the shares from the businesscase (which belong to
            # the trajectory of the regulation itself) and milestones before its date are left out.
            voorstel.bijlagen = [amendment.bijlage, *(b for b in voorstel.bijlagen if b != WIJZIGINGSREGELING)]
            voorstel.financien = None
            voorstel.mijlpalen = [m for m in voorstel.mijlpalen if m.datum >= amendment.datum]
        return voorstel

    def _voor(self, gemeente: Gemeente, besluit: Besluit | None) -> Voorstel:
        voorstel = self.teksten.get(besluit.id) if besluit else None
        if voorstel is None or besluit is None:  # excluded by the checks
            raise ValueError("geen raadsvoorstel in de inhoud voor deze ronde")
        local = voorstel.lokaal.get(gemeente.naam)
        beslissing = self.beslissing(gemeente, besluit)
        points = [point.rstrip(" ;.") for point in beslissing.beslispunten + list(voorstel.beslispunten)
                  + list(local.beslispunten if local else [])]
        # The businesscase belongs to the traject of the regulation itself, not to later rounds.
        share = self._share(gemeente, besluit) if soort(besluit) in BUSINESSCASE else None
        samenvatting = voorstel.samenvatting or (
            f"Wij stellen u voor {points[0]}." if points else "")
        return Voorstel(
            gemeente=gemeente,
            besluit=besluit,
            vergadering=gemeente.besluitvorming[besluit.id],
            onderwerp=besluit.onderwerp,
            beslispunten=points,
            grondslagen=opsomming(beslissing.grondslagen),
            zienswijze=besluit.zienswijze,
            inleiding=(local and local.inleiding) or voorstel.inleiding,
            beoogd_effect=(local and local.beoogd_effect) or voorstel.beoogd_effect,
            argumenten=list(voorstel.argumenten) + list(local.argumenten if local else []),
            kanttekeningen=list(voorstel.kanttekeningen) + list(local.kanttekeningen if local else []),
            financien_toelichting=(local and local.financien) or voorstel.financien,
            financien=share,
            communicatie=(local and local.communicatie) or voorstel.communicatie,
            uitvoering=(local and local.uitvoering) or voorstel.uitvoering,
            bijlagen=self.bijlagen(besluit, share is not None)
            + [b for b in list(voorstel.bijlagen) + list(local.bijlagen if local else [])],
            lokaal=local is not None,
            mijlpalen=list(self.inhoud.planning.mijlpalen) if self.inhoud.planning else [],
            samenvatting=samenvatting,
            bevoegdheid=beslissing.bevoegdheid,
            juridisch="\n\n".join(t for t in (beslissing.juridisch, voorstel.juridisch) if t),
            alternatieven=voorstel.alternatieven,
            dekking=(local and local.dekking) or voorstel.dekking or besluit.dekking,
            ronde=besluit.id,
        )

    # -- what the decision is about --------------------------------------------------------

    def bijlagen(self, besluit: Besluit, cites_businesscase: bool) -> list[str]:
        """The documents the decision is about, generated from the same content (file names as built)."""
        kind = soort(besluit)
        regeling = self.inhoud.regeling
        found: list[str] = []
        if regeling is not None and kind in ("aangaan", "toetreding", "zienswijze-regeling"):
            status = f" ({regeling.status[:1].lower()}{regeling.status[1:]})" if regeling.status else ""
            found.append(f"Ontwerp van de {regeling.citeertitel}{status}, met toelichting "
                         "(gemeenschappelijke-regeling.pdf)")
        if kind == "wijziging":
            found.append(WIJZIGINGSREGELING)
        if kind == "zienswijze-begroting":
            found.append(f"Ontwerpbegroting {besluit.begrotingsjaar} van {self.lichaam()}")
        if kind == "kaderbrief":
            found.append(f"Kaderbrief {besluit.begrotingsjaar} (algemene financiële en beleidsmatige kaders) en de "
                         f"voorlopige jaarrekening van {self.lichaam()}")
        if cites_businesscase and self.inhoud.financien is not None:
            found.append(f"Businesscase {self.inhoud.samenwerking.titel} (businesscase.pdf)")
        return found

    def lichaam(self) -> str:
        regeling = self.inhoud.regeling
        if regeling is not None and regeling.naam_lichaam:
            return regeling.naam_lichaam
        return self.regeling_naam()

    def regeling_naam(self) -> str:
        inhoud = self.inhoud
        if inhoud.regeling is not None:
            return inhoud.regeling.citeertitel
        return inhoud.samenwerking.regeling or inhoud.samenwerking.naam

    def artikelen(self, besluit: Besluit) -> list[str]:
        """The regulation's own articles that are the ground of this round (ids)."""
        if besluit.artikelen:
            return list(besluit.artikelen)
        tekst = self.afgeleid.regeling
        if tekst is None:
            return []
        ids: list[str] = []
        for onderwerp in ONDERWERPEN.get(soort(besluit), ()):
            ids.extend(a.id for a in tekst.met_onderwerp(onderwerp) if a.id not in ids)
        return ids

    def artikelgrond(self, besluit: Besluit) -> list[str]:
        """``artikel 30 van de Gemeenschappelijke regeling X``, with the derived numbers."""
        tekst = self.afgeleid.regeling
        if tekst is None:
            return []
        refs = [r for r in (tekst.absolute_resolver(key) for key in self.artikelen(besluit)) if r]
        if not refs:
            return []
        naam = self.regeling_naam()
        if len(refs) == 1:
            return [f"{refs[0]} van de {naam}"]
        plain = [r.removeprefix("artikel ") for r in refs]
        if all(re.fullmatch(r"[0-9]+[a-z]?", n) for n in plain):
            return [f"de artikelen {opsomming(plain)} van de {naam}"]
        return [f"{opsomming(refs)} van de {naam}"]

    # -- who decides on what ground --------------------------------------------------------

    def beslissing(self, gemeente: Gemeente, besluit: Besluit) -> Beslissing:
        kind = soort(besluit)
        if kind in TREFFEN:
            return self._treffen(gemeente, besluit, kind)
        return self._overig(gemeente, besluit, kind)

    def ingang(self, besluit: Besluit) -> str:
        return datum(besluit.ingangsdatum or self.inhoud.samenwerking.ingangsdatum)

    def _handeling(self, gemeente: Gemeente, besluit: Besluit, kind: str) -> str:
        regeling = self.regeling_naam()
        ingang = self.ingang(besluit)
        toetreders = [g.naam for g in self.afgeleid.toetreders]
        uittreders = [g.naam for g in self.afgeleid.uittreders]
        if kind == "aangaan":
            return (f"de {regeling} aan te gaan met ingang van {ingang}, overeenkomstig het ontwerp dat bij dit "
                    "besluit hoort")
        if kind == "toetreding":
            if gemeente.rol == "toetreder":
                return f"met ingang van {ingang} toe te treden tot de {regeling}"
            return (f"in te stemmen met de toetreding van de gemeente {opsomming(toetreders)} tot de {regeling} "
                    f"met ingang van {ingang}")
        if kind == "uittreding":
            if gemeente.rol == "uittreder":
                return f"met ingang van {ingang} uit te treden uit de {regeling}"
            return (f"in te stemmen met de uittreding van de gemeente {opsomming(uittreders)} uit de {regeling} "
                    f"met ingang van {ingang}")
        if kind == "wijziging":
            return (f"de {regeling} te wijzigen overeenkomstig het ontwerp van de wijzigingsregeling dat bij dit "
                    "besluit hoort")
        return f"in te stemmen met de opheffing van de {regeling} met ingang van {ingang}"

    def _treffen(self, gemeente: Gemeente, besluit: Besluit, kind: str) -> Beslissing:
        wie = partijen(self.inhoud)
        if kind == "uittreding" and gemeente.rol != "uittreder":
            return self._uittreding_van_een_ander(besluit)
        handeling = self._handeling(gemeente, besluit, kind)
        regeling = self.regeling_naam()
        points: list[str] = []
        if wie.raad:
            points.append(handeling)
        if wie.college:
            if wie.raad:
                points.append(f"het college toestemming te verlenen om, voor zover het college aan de regeling "
                              f"deelneemt, eveneens {handeling}")
            else:
                points.append(f"het college toestemming te verlenen {_om(handeling)}")
        if kind == "opheffing":
            leden: list[str] = []
            wet = [f"artikel 9, eerste lid, van {WGR}"]
        else:
            leden = (["eerste"] if wie.raad or kind == "aangaan" else []) + (["vierde"] if wie.college else []) \
                + (["vijfde"] if kind != "aangaan" else [])
            wet = [f"artikel 1, {_leden(leden)}, van {WGR}"]
        grounds = wet + self.artikelgrond(besluit) + list(besluit.ook_gelet_op)
        what = {"aangaan": "het aangaan van", "toetreding": "de toetreding tot", "uittreding": "de uittreding uit",
                "wijziging": "de wijziging van", "opheffing": "de opheffing van"}[kind]
        if wie.raad and wie.college:
            bevoegdheid = (f"Aan de {regeling} nemen de raden en de colleges deel, ieder voor zover bevoegd. Uw raad "
                           f"is zelf partij en besluit daarom zelf over {what} de regeling (artikel 1, eerste lid, "
                           f"Wgr{'' if kind in ('aangaan', 'opheffing') else '; onder het treffen van een regeling valt ook wijzigen, toetreden en uittreden: vijfde lid'}). "
                           "Voor zover het college partij is, gaat het daartoe pas over na toestemming van uw raad "
                           "(artikel 1, vierde lid, Wgr).")
        elif wie.raad:
            bevoegdheid = (f"Aan de {regeling} nemen de raden deel. Uw raad is zelf partij en besluit daarom zelf over "
                           f"{what} de regeling (artikel 1, eerste lid, Wgr"
                           f"{'' if kind in ('aangaan', 'opheffing') else ', en vijfde lid'}).")
        else:
            rechtsvorm = rechtsvormen.vorm(self.inhoud.samenwerking.vorm)
            extra = ""
            if rechtsvorm.deelnemers is not None and "raad" not in rechtsvorm.deelnemers:
                extra = (f" Een {rechtsvorm.naam} wordt alleen door colleges en burgemeesters ingesteld "
                         f"({rechtsvorm.grondslag or 'artikel 1'}, Wgr).")
            bevoegdheid = (f"Aan de {regeling} neemt het college deel; uw raad is geen partij.{extra} Het college "
                           f"gaat niet over tot {what} de regeling dan na toestemming van uw raad (artikel 1, "
                           f"vierde{'' if kind in ('aangaan', 'opheffing') else ' en vijfde'} lid, Wgr).")
        if kind == "opheffing":
            bevoegdheid += (" Over de opheffing beslissen de deelnemers volgens de regeling zelf (artikel 9, eerste "
                            "lid, Wgr).")
        juridisch = f"Het besluit berust op {opsomming(grounds)}."
        if wie.college and kind != "opheffing":
            juridisch += (" De raad kan de toestemming alleen onthouden wegens strijd met het recht of het algemeen "
                          "belang (artikel 1, vierde lid, Wgr).")
        return Beslissing(points, grounds, bevoegdheid, juridisch, toestemming=wie.college)

    def _uittreding_van_een_ander(self, besluit: Besluit) -> Beslissing:
        """Uittreding is the leaving gemeente's own decision: the others take note, they do not consent."""
        regeling = self.regeling_naam()
        ingang = self.ingang(besluit)
        uittreders = opsomming([g.naam for g in self.afgeleid.uittreders])
        points = [f"kennis te nemen van het besluit van de gemeente {uittreders} om met ingang van {ingang} uit te "
                  f"treden uit de {regeling}, en van de gevolgen daarvan voor de gemeente"]
        grounds = [f"artikel 9, eerste lid, van {WGR}"] + self.artikelgrond(besluit) + list(besluit.ook_gelet_op)
        bevoegdheid = ("Uittreden is een eenzijdige bevoegdheid van de deelnemer die uittreedt (artikel 1, eerste en "
                       "vijfde lid, Wgr; ABRvS 15 april 2015, ECLI:NL:RVS:2015:1198): uw raad hoeft niet in te "
                       "stemmen en kan het niet tegenhouden. De voorwaarden en de gevolgen, ook voor het vermogen, "
                       "staan in de regeling (artikel 9, eerste lid, Wgr); dit voorstel informeert uw raad daarover.")
        return Beslissing(points, grounds, bevoegdheid, f"Het besluit berust op {opsomming(grounds)}.")

    def _overig(self, gemeente: Gemeente, besluit: Besluit, kind: str) -> Beslissing:
        regeling = self.regeling_naam()
        vorm = self.inhoud.samenwerking.vorm
        artikelgrond = self.artikelgrond(besluit)
        if kind == "zienswijze-regeling":
            points = [f"over het ontwerp van de {regeling} de zienswijze naar voren te brengen die in dit besluit is "
                      "opgenomen"]
            grounds = [f"artikel 1, tweede en derde lid, van {WGR}"]
            bevoegdheid = ("Het college zendt het ontwerp van de regeling aan uw raad (artikel 1, tweede lid, Wgr). Uw "
                           "raad kan binnen acht weken na ontvangst zijn zienswijze over het ontwerp naar voren brengen "
                           "bij het college (artikel 1, derde lid, Wgr). Daarna vraagt het college uw toestemming om de "
                           "regeling te treffen (artikel 1, vierde lid, Wgr).")
        elif kind == "zienswijze-begroting":
            points = [f"over de ontwerpbegroting {besluit.begrotingsjaar} van {self.lichaam()} de zienswijze naar "
                      "voren te brengen die in dit besluit is opgenomen"]
            cyclus = rechtsvormen.vorm(vorm).begroting or {}
            if cyclus.get("ontwerpbegroting"):  # the legal-form table names the article for this form
                grounds = [_wet(cyclus["ontwerpbegroting"])]
                bevoegdheid = ("Het dagelijks bestuur zendt de ontwerpbegroting twaalf weken voordat zij aan het "
                               "algemeen bestuur wordt aangeboden aan de raden (artikel 35, eerste lid, Wgr). De raden "
                               "kunnen binnen twaalf weken hun zienswijze naar voren brengen (artikel 35, derde lid, "
                               "Wgr).")
            else:
                grounds = [WGR]
                bevoegdheid = ("Het bestuur zendt de ontwerpbegroting aan de raden, die er hun zienswijze over naar "
                               "voren kunnen brengen (Wgr; voor deze rechtsvorm is het artikelnummer niet "
                               "geverifieerd).")
        elif kind == "kaderbrief":
            points = [f"kennis te nemen van de kaderbrief {besluit.begrotingsjaar} en de voorlopige jaarrekening van "
                      f"{self.lichaam()}"]
            if besluit.zienswijze:
                points.append("over de kaderbrief de zienswijze naar voren te brengen die in dit besluit is opgenomen")
            else:
                points.append("over de kaderbrief geen zienswijze naar voren te brengen")
            cyclus = rechtsvormen.vorm(vorm).begroting or {}
            if cyclus.get("kaders"):
                grounds = [_wet(cyclus["kaders"])]
                bevoegdheid = ("Het dagelijks bestuur zendt de algemene financiële en beleidsmatige kaders en de "
                               "voorlopige jaarrekening vóór 30 april aan de raden (artikel 34b Wgr). Hoe de raden "
                               "daarop reageren, regelt de regeling zelf.")
            else:
                grounds = [WGR]
                bevoegdheid = ("Het bestuur zendt de algemene financiële en beleidsmatige kaders aan de raden (Wgr; "
                               "voor deze rechtsvorm is het artikelnummer niet geverifieerd).")
        elif kind == "wensen-en-bedenkingen":
            if besluit.zienswijze:
                points = [f"ten aanzien van het voorgenomen besluit ({besluit.onderwerp}) de wensen en bedenkingen "
                          "ter kennis van het college te brengen die in dit besluit zijn opgenomen"]
            else:
                points = [f"ten aanzien van het voorgenomen besluit ({besluit.onderwerp}) geen wensen en bedenkingen "
                          "ter kennis van het college te brengen"]
            grounds = ["artikel 169, vierde lid, van de Gemeentewet"]
            bevoegdheid = ("Het college stelt uw raad in de gelegenheid wensen en bedenkingen ter kennis van het "
                           "college te brengen voordat het besluit (artikel 169, vierde lid, Gemeentewet).")
        elif kind == "voorbereidingskrediet":
            total = besluit.krediet or Decimal(0)
            share = allocate(total.quantize(Decimal("0.01")),
                             {g.naam: g.inwoners for g in self.afgeleid.deelnemers})[gemeente.naam]
            points = [f"een voorbereidingskrediet van {bedrag(share)} beschikbaar te stellen, het aandeel van "
                      f"{gemeente.naam} naar inwonertal in een gezamenlijk krediet van {bedrag(total)}"]
            if besluit.dekking:
                points.append(f"de lasten te dekken uit {besluit.dekking}")
            points.append("de begroting overeenkomstig te wijzigen")
            grounds = ["de Gemeentewet"]
            bevoegdheid = "Het beschikbaar stellen van middelen is voorbehouden aan uw raad (budgetrecht, Gemeentewet)."
        else:  # principebesluit
            scenario = self._scenario(besluit)
            name = scenario.naam if scenario else "?"
            points = [f"in te stemmen met het scenario ‘{name}’ als voorkeursscenario",
                      "het college opdracht te geven dit scenario samen met de andere gemeenten uit te werken "
                      "en de uitwerking aan de raad voor te leggen"]
            grounds = ["de Gemeentewet"]
            wie = partijen(self.inhoud)
            bevoegdheid = ("Uw raad stelt de kaders voordat de samenwerking wordt uitgewerkt (kaderstellende rol, "
                           "Gemeentewet). Het definitieve besluit volgt later: "
                           + ("uw raad is partij bij de regeling en besluit dan zelf." if wie.raad else
                              "de colleges treffen de regeling dan na toestemming van de raden (artikel 1, vierde "
                              "lid, Wgr)."))
        grounds = grounds + artikelgrond + list(besluit.ook_gelet_op)
        return Beslissing(points, grounds, bevoegdheid, f"Het besluit berust op {opsomming(grounds)}.")

    def _scenario(self, besluit: Besluit):
        scenarios = self.inhoud.scenarios or []
        if besluit.scenario:
            return next((s for s in scenarios if s.id == besluit.scenario), None)
        return self.afgeleid.voorkeursscenario


def _om(handeling: str) -> str:
    """``om met ingang van ... toe te treden`` / ``de regeling aan te gaan`` after "toestemming te verlenen"."""
    if handeling.startswith("de "):
        return handeling
    return f"om {handeling}"


def _wet(article: str) -> str:
    """``artikel 35, eerste en derde lid, Wgr`` (the legal-form table) as a ground in a raadsbesluit."""
    article = article.removesuffix(" Wgr").rstrip(",")
    return f"{article}, van {WGR}" if "lid" in article else f"{article} van {WGR}"


def _leden(leden: list[str]) -> str:
    return f"{opsomming(leden)} lid" if len(leden) > 1 else f"{leden[0]} lid"


@dataclass(frozen=True)
class Wijzigingsbijlage:
    """For the raadsvoorstel asking toestemming for an amendment: the amendment as first bijlage."""

    bijlage: str
    datum: datetime.date


@dataclass(frozen=True)
class RaadsvoorstelDeel:
    raadsvoorstellen: Raadsvoorstellen | None


@deriver(RaadsvoorstelDeel, needs=("deelnemers", "toetreders", "uittreders", "voorkeursscenario", "financien",
                                   "regeling", "wijzigingsbijlage"))
def _raadsvoorstellen(inhoud: Inhoud, nodig: Invoerzicht) -> RaadsvoorstelDeel:
    if inhoud.raadsvoorstel is None and not inhoud.raadsvoorstellen:
        return RaadsvoorstelDeel(None)
    return RaadsvoorstelDeel(Raadsvoorstellen(inhoud, nodig, nodig.wijzigingsbijlage))


@check
def _proposal_fits_decision(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    """Each round exists, its kind fits the cooperation and its fields; each voorstel names a known round."""
    for besluit in inhoud.besluiten or []:
        yield from _decision_combination(besluit, inhoud, afgeleid)
    decisions = {b.id: b for b in inhoud.besluiten or []}
    seen: dict[str, Raadsvoorstel] = {}
    for voorstel in [v for v in [inhoud.raadsvoorstel, *inhoud.raadsvoorstellen] if v is not None]:
        yield from _voorstel_findings(voorstel, decisions, afgeleid)
        if voorstel.besluit in seen:
            yield Finding(voorstel.pad + ("besluit",), f'er is al een raadsvoorstel voor ronde "{voorstel.besluit}"',
                          related=seen[voorstel.besluit].pad + ("besluit",))
        seen.setdefault(voorstel.besluit, voorstel)


def _voorstel_findings(voorstel: Raadsvoorstel, decisions: dict[str, Besluit], afgeleid: Afgeleid) -> Iterator[Finding]:
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
    """The kind of a decision against who decides, the parties, and the fields filled in for it."""
    yield from _parties_fit(besluit, inhoud, afgeleid)
    yield from _termijn_fits(besluit)
    yield from _krediet_fits(besluit)
    yield from _begroting_and_zienswijze_fit(besluit)
    yield from _scenario_fits(besluit, inhoud, afgeleid)
    yield from _grounds_exist(besluit, inhoud, afgeleid)


def _parties_fit(besluit: Besluit, inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    """The regulation, the joining or leaving gemeente, the organ and the parties the kind asks for."""
    name = besluit.soort
    kind = soort(besluit)
    at = besluit.pad + ("soort",)
    if kind in NEEDS_REGULATION and not inhoud.samenwerking.regeling:
        yield Finding(at, f'een besluit "{name}" gaat over een gemeenschappelijke regeling; '
                      "vul samenwerking.regeling in met de naam van de regeling",
                      related=inhoud.samenwerking.pad)
    if kind == "toetreding" and not afgeleid.toetreders:
        yield Finding(at, f'bij "{name}" hoort een gemeente met rol: toetreder')
    if kind == "uittreding" and not afgeleid.uittreders:
        yield Finding(at, f'bij "{name}" hoort een gemeente met rol: uittreder')
    if name in BY_COUNCIL and besluit.orgaan != "raad":
        yield Finding(besluit.pad + ("orgaan",), f'een besluit "{name}" wordt door de raad genomen, niet door het college')
    wie = partijen(inhoud)
    # A raad as party to a bedrijfsvoeringsorganisatie is reported by the Wgr check at regeling.deelnemers
    # (artikel 8, derde lid); the decision then stays a toestemming.
    if kind == "zienswijze-regeling" and wie.raad:
        yield Finding(at, "de raden zijn zelf partij bij de regeling: het ontwerp gaat dan niet voor een zienswijze naar "
                      "de raden (artikel 1, tweede lid, Wgr); de raad besluit zelf over de regeling",
                      related=inhoud.regeling.pad + ("deelnemers",) if inhoud.regeling else None)


def _termijn_fits(besluit: Besluit) -> Iterator[Finding]:
    """A termijn only for a zienswijze, and not shorter than the law gives."""
    kind = soort(besluit)
    if kind in TERMIJNEN and besluit.termijn_weken is not None:
        least, law = TERMIJNEN[kind]
        if besluit.termijn_weken < least:
            yield Finding(besluit.pad + ("termijn_weken",),
                          f"een termijn van {besluit.termijn_weken} weken is korter dan de wet geeft ({law})")
    if besluit.termijn_weken is not None and kind not in TERMIJNEN:
        yield Finding(besluit.pad + ("termijn_weken",), '"termijn_weken" hoort alleen bij een zienswijze op het ontwerp '
                      "of op de ontwerpbegroting")


def _krediet_fits(besluit: Besluit) -> Iterator[Finding]:
    """Krediet and dekking belong to a voorbereidingskrediet, and it has a krediet."""
    kind = soort(besluit)
    if kind == "voorbereidingskrediet" and besluit.krediet is None:
        yield Finding(besluit.pad + ("soort",), 'bij "voorbereidingskrediet" hoort een bedrag: vul krediet in')
    if kind != "voorbereidingskrediet" and besluit.krediet is not None:
        yield Finding(besluit.pad + ("krediet",), '"krediet" hoort alleen bij een besluit "voorbereidingskrediet"')
    if kind != "voorbereidingskrediet" and besluit.dekking is not None:
        yield Finding(besluit.pad + ("dekking",), '"dekking" hoort alleen bij een besluit "voorbereidingskrediet"; '
                      "de dekking van andere rondes staat in het raadsvoorstel (dekking)")


def _begroting_and_zienswijze_fit(besluit: Besluit) -> Iterator[Finding]:
    """The begrotingsjaar of a begroting or kaderbrief, the text of a zienswijze: there when asked, only then."""
    name = besluit.soort
    kind = soort(besluit)
    at = besluit.pad + ("soort",)
    if kind in ("zienswijze-begroting", "kaderbrief") and besluit.begrotingsjaar is None:
        yield Finding(at, f'bij "{name}" hoort het jaar van de begroting: vul begrotingsjaar in')
    if kind not in ("zienswijze-begroting", "kaderbrief") and besluit.begrotingsjaar is not None:
        yield Finding(besluit.pad + ("begrotingsjaar",), '"begrotingsjaar" hoort alleen bij "zienswijze-begroting" en '
                      '"kaderbrief"')
    if kind in ("zienswijze-regeling", "zienswijze-begroting") and not besluit.zienswijze:
        yield Finding(at, f'bij "{name}" hoort de tekst van de zienswijze: vul zienswijze in')
    if besluit.zienswijze and kind not in ("zienswijze-regeling", "zienswijze-begroting", "wensen-en-bedenkingen",
                                           "kaderbrief"):
        yield Finding(besluit.pad + ("zienswijze",),
                      '"zienswijze" hoort alleen bij een zienswijze, een kaderbrief of bij wensen en bedenkingen')


def _scenario_fits(besluit: Besluit, inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    """A principebesluit chooses a known scenario (or the voorkeursscenario); no other decision does."""
    if soort(besluit) == "principebesluit":
        if besluit.scenario is not None:
            if besluit.scenario not in {s.id for s in inhoud.scenarios or []}:
                yield Finding(besluit.pad + ("scenario",), f'onbekend scenario "{besluit.scenario}"')
        elif afgeleid.voorkeursscenario is None:
            yield Finding(besluit.pad + ("soort",), 'bij "principebesluit" hoort een scenario: vul scenario in of '
                          "markeer een voorkeursscenario met voorkeur: true")
    elif besluit.scenario is not None:
        yield Finding(besluit.pad + ("scenario",), '"scenario" hoort alleen bij een "principebesluit"')


def _grounds_exist(besluit: Besluit, inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    """An article named as ground is an article of the regulation."""
    if not besluit.artikelen:
        return
    tekst = afgeleid.regeling
    if tekst is None:
        yield Finding(besluit.pad + ("artikelen",), "er is geen regeling (regeling.yaml) waarvan deze artikelen de "
                      "grondslag kunnen zijn")
        return
    known = {a.id for a in tekst.artikelen()}
    from .checks import known_ids

    for index, key in enumerate(besluit.artikelen):
        if key not in known:
            yield Finding(besluit.pad + ("artikelen", index),
                          f'de regeling heeft geen artikel "{key}"; {known_ids(key, known)}')


@check
def _rounds_in_order(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    """A round follows a known round, and every raad meets on it after the round it follows."""
    decisions = {b.id: b for b in inhoud.besluiten or []}
    for besluit in decisions.values():
        if besluit.volgt_op is None:
            continue
        vorige = decisions.get(besluit.volgt_op)
        if vorige is None or vorige is besluit:
            known = ", ".join(sorted(k for k in decisions if k != besluit.id)) or "geen"
            yield Finding(besluit.pad + ("volgt_op",), f'onbekende ronde "{besluit.volgt_op}"; bekend zijn: {known}')
            continue
        for gemeente in inhoud.gemeenten:
            this = gemeente.besluitvorming.get(besluit.id)
            before = gemeente.besluitvorming.get(vorige.id)
            if this is None or before is None:
                continue
            first = this.college or this.raad
            last = before.raad or before.college
            if first is not None and last is not None and first <= last:
                key = "college" if this.college else "raad"
                yield Finding(gemeente.pad + ("besluitvorming", besluit.id, key),
                              f'ronde "{besluit.id}" ({datum(first)}) ligt niet na de ronde waarop zij volgt, '
                              f'"{vorige.id}" ({datum(last)})',
                              related=gemeente.pad + ("besluitvorming", vorige.id))


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
