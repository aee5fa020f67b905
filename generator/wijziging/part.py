"""The ``wijziging`` part: the amendment as derived state, its references and its decision.

``[[id]]`` in the texts under ``wijziging`` points at the regulation, like the
regulation's own texts do (``derive._verwijzingen``). The decision named in
``wijziging.besluit`` must exist and be of the kind ``toestemming-wijziging``.

The deriver :func:`_wijzigingsregeling` is the entry of ``samenwerking wijziging`` into
derivation: given the old version as input (:class:`WijzigingInvoer`, in
``Invoer.wijzigingsinvoer``), it derives from the new version everything the templates
under ``templates/wijziging/`` read (``afgeleid.wijzigingsregeling``) and the bijlage of the
raadsvoorstellen (``afgeleid.wijzigingsbijlage``). In an ordinary build both are None.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator

from markupsafe import Markup, escape

from .. import markup
from ..checks import Finding, check
from ..derive import Invoerzicht, deriver
from ..formatting import datum, opsomming
from ..model import Besluit, Inhoud
from ..raadsvoorstel import Wijzigingsbijlage
from ..regeling.tekst import RegelingTekst, Tekstdeel

if TYPE_CHECKING:  # an ordinary build derives no amendment: its machinery (and lxml) is imported when one is made
    from .bron import Stand
    from .opdrachten import Opdracht
    from .redline import Redline

WGR = "de Wet gemeenschappelijke regelingen"


@dataclass(frozen=True)
class WijzigingInvoer:
    """What ``samenwerking wijziging`` gives derivation of the new version."""

    oud: "Stand"  # the old version, loaded and derived
    nieuw_label: str  # the new revision as the user named it (``werkmap``, ``a1b2c3d``)
    integraal: bool = False  # re-establish the whole text instead of Artikel I with lettered changes
    vernummeren: bool = False  # the new version is numbered afresh ("onder vernummering van ...")

    @property
    def citeertitel(self) -> str:
        return self.oud.regeling.citeertitel

    def vastgesteld(self, inhoud: Inhoud, tekst: RegelingTekst) -> RegelingTekst:
        """The new regulation as this amendment establishes it: with ``integraal`` the whole text
        is adopted anew, with the amendment's overwegingen and besluittekst."""
        if not self.integraal:
            return tekst
        parts, _ = _overwegingen(inhoud, self.citeertitel, tekst)
        result = dataclasses.replace(tekst, overwegingen=parts, besluittekst=_integral_decision(inhoud, self.citeertitel))
        own = inhoud.wijziging
        if own is None:
            return result
        return dataclasses.replace(
            result, aanhef=own.aanhef or result.aanhef, considerans=_considerans(inhoud, tekst) or result.considerans,
            gelet_op=_gelet_op(result.gelet_op, own.gelet_op))


@dataclass
class Uitleg:
    """The artikelsgewijze toelichting of one lettered change."""

    kop: str
    omschrijving: str
    teksten: list[Markup] = field(default_factory=list)


@dataclass(frozen=True)
class Wijzigingsregeling:
    """Everything the templates under ``templates/wijziging/`` need."""

    vorm: str  # "artikelsgewijs" or "integraal"
    opschrift: str
    citeertitel: str  # of the regulation amended, as it is now
    oud: str
    nieuw: str
    datum: datetime.date
    aanhef: str
    overwegingen: list[Markup]  # each ends with a semicolon
    toestemming: str | None
    gelet_op: str
    besluittekst: str
    opdrachten: list[Opdracht]
    inwerkingtreding: str
    ondertekening: list
    toelichting: str | None  # Markdown
    veranderingen: list[str]
    uitleg: list[Uitleg]
    uitleg_artikel_ii: str
    redline: Redline  # what changed, in the order of the text (templates/documenten/wijzigingsregeling-redline.html.j2)
    nieuw_regeling: RegelingTekst
    oud_regeling: RegelingTekst | None = None  # the regulation in force (STOP: the mutation's "was")
    redline_auteur: str = "samenwerking"  # author of the redline's tracked changes (wijziging.redline.auteur)
    redline_datum: datetime.date | None = None  # their date; None: the document's date
    considerans: list[Markup] = field(default_factory=list)  # own words as given (wijziging.considerans): replaces overwegingen .. gelet op


@dataclass(frozen=True)
class Wijzigingsdeel:
    wijzigingsregeling: Wijzigingsregeling | None
    wijzigingsbijlage: Wijzigingsbijlage | None  # for the raadsvoorstellen, when they ask toestemming for it


@deriver(Wijzigingsdeel, needs=("regeling", "wijzigingsinvoer"))
def _wijzigingsregeling(inhoud: Inhoud, nodig: Invoerzicht) -> Wijzigingsdeel:
    invoer: WijzigingInvoer | None = nodig.wijzigingsinvoer
    if invoer is None or nodig.regeling is None:
        return Wijzigingsdeel(None, None)
    from .opdrachten import Opsteller
    from .samenvatting import veranderingen

    before, after = invoer.oud.regeling, nodig.regeling
    ops: list[Opdracht] = []
    if not invoer.integraal:
        ops = Opsteller(before, after, positional=invoer.vernummeren).opdrachten()
    data = _amendment(inhoud, invoer, after, ops, veranderingen(before, after))
    bijlage = None
    decision = decision_of(inhoud)
    voorstel = inhoud.raadsvoorstel
    if voorstel is not None and decision is not None and voorstel.besluit == decision.id:
        bijlage = Wijzigingsbijlage(f"Ontwerp van de {data.opschrift[:1].lower()}{data.opschrift[1:]}, "
                                    "met toelichting (bijgevoegd)", data.datum)
    return Wijzigingsdeel(data, bijlage)


def decision_of(inhoud: Inhoud) -> Besluit | None:
    """The decision of kind toestemming-wijziging this amendment belongs to."""
    decisions = {b.id: b for b in inhoud.besluiten or []}
    if inhoud.wijziging is not None and inhoud.wijziging.besluit is not None:
        return decisions.get(inhoud.wijziging.besluit)
    if inhoud.raadsvoorstel is not None:
        found = decisions.get(inhoud.raadsvoorstel.besluit)
        if found is not None and found.soort in ("toestemming-wijziging", "wijziging"):
            return found
    return None


def _overwegingen(inhoud: Inhoud, citeertitel: str, after: RegelingTekst) -> tuple[list[Tekstdeel], list[Markup]]:
    wijziging = inhoud.wijziging
    if wijziging and wijziging.overwegingen:
        parts = [after.deel(text, wijziging.pad + ("overwegingen", i)) for i, text in enumerate(wijziging.overwegingen)]
        return parts, [markup.to_inline_html(markup.met_einde(part.markdown, ";")) for part in parts]
    parts = [after.deel(f"het wenselijk is de {citeertitel} te wijzigen", ())]
    return parts, [escape(f"het wenselijk is de {citeertitel} te wijzigen;")]


def _considerans(inhoud: Inhoud, after: RegelingTekst) -> list[Tekstdeel]:
    """The amendment's own considerans (wijziging.considerans), in its own order."""
    wijziging = inhoud.wijziging
    if wijziging is None:
        return []
    return [after.deel(text, wijziging.pad + ("considerans", i)) for i, text in enumerate(wijziging.considerans)]


def _gelet_op(derived: str, extra: list[str]) -> str:
    """``gelet op ...;`` with the extra grounds (wijziging.gelet_op) after the derived ones."""
    if not extra:
        return derived
    grounds = derived.removeprefix("gelet op ").removesuffix(";")
    return "gelet op " + opsomming([grounds, *extra]) + ";"


def _integral_decision(inhoud: Inhoud, citeertitel: str) -> str:
    if inhoud.wijziging is not None and inhoud.wijziging.besluittekst:
        return inhoud.wijziging.besluittekst
    ingang = inhoud.wijziging.inwerkingtreding if inhoud.wijziging else None
    when = f" met ingang van {datum(ingang)}" if ingang else ""
    return f"de {citeertitel} te wijzigen, zodat deze{when} komt te luiden als volgt:"


def _amendment(inhoud: Inhoud, invoer: WijzigingInvoer, after: RegelingTekst, ops: list[Opdracht],
               changes: list[str]) -> Wijzigingsregeling:
    from .redline import redline

    wijziging = inhoud.wijziging
    before = invoer.oud.regeling
    citeertitel = before.citeertitel
    opschrift = (wijziging.opschrift if wijziging and wijziging.opschrift else f"Wijziging van de {citeertitel}")
    date = (wijziging.datum if wijziging and wijziging.datum else None) or inhoud.samenwerking.datum
    ingang = wijziging.inwerkingtreding if wijziging else None
    _, overwegingen = _overwegingen(inhoud, citeertitel, after)
    amendment_article = next(iter(before.met_onderwerp("wijziging")), None)
    grounds = [f"artikel 1 van {WGR}"]
    if amendment_article is not None:
        grounds.append(f"artikel {amendment_article.nummer} van de {citeertitel}")
    if wijziging and wijziging.gelet_op:
        grounds += wijziging.gelet_op
    if invoer.integraal or (wijziging and wijziging.besluittekst):
        besluittekst = _integral_decision(inhoud, citeertitel)
    else:
        besluittekst = f"de volgende regeling tot wijziging van de {citeertitel} te treffen:"
    if ingang:
        inwerking = f"Deze regeling treedt in werking op {datum(ingang)}."
    else:
        inwerking = "Deze regeling treedt in werking met ingang van de dag na die waarop zij is bekendgemaakt."
    announcement = next(iter(before.met_onderwerp("bekendmaking")), None)
    bekendmaking = inhoud.regeling.bekendmaking if inhoud.regeling else ""
    uitleg_ii = "Artikel II bepaalt wanneer de wijziging in werking treedt."
    if bekendmaking:
        uitleg_ii += f" De gemeente {bekendmaking} maakt de wijziging bekend"
        uitleg_ii += f", zoals artikel {announcement.nummer} van de regeling bepaalt." if announcement else "."
    return Wijzigingsregeling(
        vorm="integraal" if invoer.integraal else "artikelsgewijs",
        opschrift=opschrift,
        citeertitel=citeertitel,
        oud=invoer.oud.revisie.label,
        nieuw=invoer.nieuw_label,
        datum=date,
        aanhef=wijziging.aanhef if wijziging and wijziging.aanhef else after.aanhef,
        overwegingen=overwegingen,
        toestemming=after.toestemming,
        gelet_op="gelet op " + opsomming(grounds) + ";",
        besluittekst=besluittekst,
        opdrachten=ops,
        inwerkingtreding=inwerking,
        ondertekening=after.ondertekening,
        toelichting=wijziging.toelichting if wijziging else None,
        veranderingen=changes,
        uitleg=_explanations(inhoud, after, ops),
        uitleg_artikel_ii=uitleg_ii,
        redline=redline(before, after),
        nieuw_regeling=after,
        oud_regeling=before,
        redline_auteur=(wijziging.redline.auteur if wijziging and wijziging.redline and wijziging.redline.auteur
                        else "samenwerking"),
        redline_datum=wijziging.redline.datum if wijziging and wijziging.redline else None,
        considerans=[markup.to_inline_html(part.markdown) for part in _considerans(inhoud, after)],
    )


def _explanations(inhoud: Inhoud, after: RegelingTekst, ops: list[Opdracht]) -> list[Uitleg]:
    own = inhoud.wijziging.artikelsgewijs if inhoud.wijziging else {}
    resolver = after.absolute_resolver
    new_articles = {a.id: a for a in after.artikelen()}
    result: list[Uitleg] = []
    for op in ops:
        texts: list[Markup] = []
        for key in op.artikelen:
            if key in own:
                texts.append(markup.to_html(own[key], resolver))
            elif key in new_articles and new_articles[key].toelichting is not None and op.soort in (
                    "artikel-ingevoegd", "hoofdstuk-ingevoegd", "paragraaf-ingevoegd"):
                # A new article brings its own toelichting; for a changed one it would explain the
                # article, not the change (give that in wijziging.artikelsgewijs).
                texts.append(markup.to_html(new_articles[key].toelichting.markdown))
        result.append(Uitleg(f"Onderdeel {op.letter}" if op.letter else "Artikel I", op.omschrijving, texts))
    return result


@check
def _decision(inhoud: Inhoud, afgeleid) -> Iterator[Finding]:
    wijziging = inhoud.wijziging
    if wijziging is None:
        return
    if inhoud.regeling is None:
        yield Finding(wijziging.pad, "een wijziging hoort bij een regeling; vul `regeling` in")
    if wijziging.considerans and wijziging.gelet_op:
        yield Finding(wijziging.pad + ("gelet_op",), "een eigen considerans vervangt ook \"gelet op\"; zet de "
                      "grondslagen in de considerans (\"gelet op ...;\") en laat `gelet_op` weg")
    if wijziging.besluit is None:
        return
    decisions = {b.id: b for b in inhoud.besluiten or []}
    found = decisions.get(wijziging.besluit)
    if found is None:
        known = ", ".join(sorted(decisions)) or "geen (vul `besluiten` in)"
        yield Finding(wijziging.pad + ("besluit",), f'onbekend besluit "{wijziging.besluit}"; bekend zijn: {known}')
    elif found.soort not in ("toestemming-wijziging", "wijziging"):
        yield Finding(wijziging.pad + ("besluit",), f'besluit "{found.id}" is van de soort {found.soort}; een '
                      'wijziging hoort bij een besluit van de soort toestemming-wijziging', related=found.pad + ("soort",))
