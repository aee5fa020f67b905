"""``samenwerking wijziging``: the amendment of the regulation between two git revisions.

The same pipeline as ``build``: two sources (the old and the new revision) are loaded as
projects, the amendment is derived from both, and its declared documents
(``templates/documenten/wijzigingsregeling*.yaml``) are rendered and written into
``output/<samenwerking>/`` with the same manifest records as every build: hand edits are
protected, and a second run with nothing changed renders and writes nothing.

- ``wijzigingsregeling-<oud>-<nieuw>.docx`` and ``.pdf``: the amendment (Artikel I with the
  lettered changes, Artikel II inwerkingtreding, slotformulier, toelichting), or with
  ``integraal`` the whole regulation re-established;
- ``wijzigingsregeling-<oud>-<nieuw>-redline.docx``: the regulation with Word tracked changes;
- ``wijzigingsregeling-<oud>-<nieuw>-raadsvoorstel-<gemeente>.docx`` and ``.pdf``: the
  raadsvoorstel asking toestemming, with the amendment as bijlage, when the new content
  has a raadsvoorstel for a decision of kind ``toestemming-wijziging``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup, escape

from .. import markup, source
from ..build import inputs_key, jobs, unchanged, write
from ..errors import ContentError, Problem
from ..formatting import datum, opsomming
from ..model import Besluit, Inhoud
from ..output import Report
from ..paths import slug, template_dirs
from ..regeling.tekst import RegelingTekst, Tekstdeel
from ..regeling.numbering import Plaats
from .bron import Stand, load_new, load_old, positional, revisions
from .opdrachten import Opdracht, Opsteller
from .redline import redline
from .samenvatting import veranderingen

WGR = "de Wet gemeenschappelijke regelingen"


@dataclass
class Uitleg:
    """The artikelsgewijze toelichting of one lettered change."""

    kop: str
    omschrijving: str
    teksten: list[Markup] = field(default_factory=list)


@dataclass
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
    redline: Markup
    nieuw_regeling: RegelingTekst


@dataclass
class Resultaat:
    folder: Path
    report: Report
    namen: list[str]
    opmerkingen: list[str]
    opdrachten: int


def _decision(inhoud: Inhoud) -> Besluit | None:
    """The decision of kind toestemming-wijziging this amendment belongs to."""
    decisions = {b.id: b for b in inhoud.besluiten or []}
    if inhoud.wijziging is not None and inhoud.wijziging.besluit is not None:
        return decisions.get(inhoud.wijziging.besluit)
    if inhoud.raadsvoorstel is not None:
        found = decisions.get(inhoud.raadsvoorstel.besluit)
        if found is not None and found.soort == "toestemming-wijziging":
            return found
    return None


def wijziging(content_dir: Path, rev_oud: str, rev_nieuw: str | None = None, out_dir: Path = Path("output"),
              formats: tuple[str, ...] = ("docx", "pdf"), integraal: bool = False, nummering: str = "behouden",
              overwrite: bool = False) -> Resultaat:
    folder = Path(content_dir)
    old_source = source.at_revision(folder, rev_oud)
    new_source = source.at_revision(folder, rev_nieuw) if rev_nieuw else source.working_tree(folder)
    options = f"vorm={'integraal' if integraal else 'artikelsgewijs'} nummering={nummering}"
    everything = inputs_key(folder, template_dirs(folder), revisions(old_source, new_source),
                            (old_source, new_source), options)
    target = out_dir / slug(folder.resolve().name)
    if (same := unchanged(target, everything, formats)) is not None:
        # Exactly these inputs made exactly these files, and they are as written: nothing to do.
        first = next(iter(same.values()))
        return Resultaat(target, Report(unchanged=[target / name for name in same]), list(same),
                         first.get("opmerkingen", []), first.get("opdrachten", 0))
    old = load_old(old_source)
    if nummering == "vernummeren" and not integraal and not positional(old.regeling):
        raise ContentError([Problem(
            f"de regeling in revisie {old_source.label} heeft vaste nummers met letters of gaten; vernummeren per "
            "artikel kan dan niet eenduidig. Behoud de nummers (--nummering behouden) of stel de hele tekst opnieuw "
            "vast (--integraal)")])
    new = load_new(new_source, old, nummering, fresh=integraal,
                   besluit=lambda inhoud: getattr(_decision(inhoud), "id", None))
    notes: list[str] = []
    _check_explanations(old, new)
    steps_ops: list[Opdracht] = []
    if not integraal:
        steps_ops = Opsteller(old.regeling, new.regeling, positional=nummering == "vernummeren").opdrachten()
    changes = veranderingen(old.regeling, new.regeling)
    if not changes:
        raise ContentError([Problem(f"de tekst van de regeling is in revisie {old_source.label} en "
                                    f"{new_source.label} gelijk; er is niets te wijzigen")])
    data = _regeling(old, new, steps_ops, changes, integraal)
    new.project.afgeleid.wijzigingsregeling = data
    new.project.afgeleid.wijzigingsvoorstellen = _proposals(new, data)
    if new.project.afgeleid.wijzigingsvoorstellen is None:
        notes.append("geen raadsvoorstel gemaakt: de nieuwe inhoud heeft geen raadsvoorstel voor een besluit van de "
                     "soort toestemming-wijziging (zie docs/wijziging.md)")
    if not integraal and nummering == "behouden" and new.eigen_nummering != "vast" and not positional(new.regeling):
        notes.append("let op: de regeling in de inhoud nummert doorlopend, de wijziging behoudt de vastgestelde "
                     "nummers (Ar 6.16). Zet na vaststelling `nummering: vast` en de nummers in regeling.yaml, dan "
                     "toont de gemeenschappelijke regeling dezelfde nummers")
    selected = jobs(new.project, revisies=f"{old_source.label}-{new_source.label}")
    record = {"revisies": {"oud": old_source.commit, "nieuw": new_source.commit or source.WORKING_TREE},
              "vorm": data.vorm, "opdrachten": len(steps_ops), "opmerkingen": notes}
    result = write(new.project, selected, formats, out_dir, overwrite, sources=(old_source, new_source),
                   options=options, record=record)
    return Resultaat(result.folder, result.report, result.files, notes, len(steps_ops))


def _proposals(new: Stand, data: "Wijzigingsregeling") -> "_VoorDeWijziging | None":
    """The raadsvoorstellen for the amendment, when the new content has one for its decision."""
    decision = _decision(new.inhoud)
    voorstel = new.inhoud.raadsvoorstel
    if voorstel is None or decision is None or voorstel.besluit != decision.id:
        return None
    return _VoorDeWijziging(new.project.afgeleid.raadsvoorstellen,
                            f"Ontwerp van de {data.opschrift[:1].lower()}{data.opschrift[1:]}, met toelichting "
                            "(bijgevoegd)", data.datum)


def _check_explanations(old: Stand, new: Stand) -> None:
    """Every article named in wijziging.artikelsgewijs is in the old or the new regulation."""
    wijziging = new.inhoud.wijziging
    if wijziging is None:
        return
    known = {a.id for a in old.regeling.artikelen()} | {a.id for a in new.regeling.artikelen()}
    problems = []
    for key in wijziging.artikelsgewijs:
        if key not in known:
            import difflib

            close = difflib.get_close_matches(key, sorted(known), n=1)
            hint = f'; bedoelde u "{close[0]}"?' if close else ""
            problems.append(Problem(f'"{key}" is geen artikel van de oude of de nieuwe regeling{hint}',
                                    new.content.sources.key(wijziging.pad + ("artikelsgewijs", key)),
                                    wijziging.pad + ("artikelsgewijs", key)))
    if problems:
        raise ContentError(problems)


def _regeling(old: Stand, new: Stand, ops: list[Opdracht], changes: list[str], integraal: bool) -> Wijzigingsregeling:
    inhoud = new.inhoud
    wijziging = inhoud.wijziging
    before, after = old.regeling, new.regeling
    citeertitel = before.citeertitel
    opschrift = (wijziging.opschrift if wijziging and wijziging.opschrift else f"Wijziging van de {citeertitel}")
    date = (wijziging.datum if wijziging and wijziging.datum else None) or inhoud.samenwerking.datum
    ingang = wijziging.inwerkingtreding if wijziging else None
    if wijziging and wijziging.overwegingen:
        parts = [Tekstdeel(text, wijziging.pad + ("overwegingen", i), Plaats(), regeling=after)
                 for i, text in enumerate(wijziging.overwegingen)]
    else:
        parts = [Tekstdeel(f"het wenselijk is de {citeertitel} te wijzigen", (), Plaats(), regeling=after)]
    overwegingen = [part.html(einde=";") for part in parts]
    amendment_article = next(iter(before.met_onderwerp("wijziging")), None)
    grounds = [f"artikel 1 van {WGR}"]
    if amendment_article is not None:
        grounds.append(f"artikel {amendment_article.nummer} van de {citeertitel}")
    if integraal:
        when = f" met ingang van {datum(ingang)}" if ingang else ""
        besluittekst = f"de {citeertitel} te wijzigen, zodat deze{when} komt te luiden als volgt:"
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
        vorm="integraal" if integraal else "artikelsgewijs",
        opschrift=opschrift,
        citeertitel=citeertitel,
        oud=old.revisie.label,
        nieuw=new.revisie.label,
        datum=date,
        aanhef=after.aanhef,
        overwegingen=overwegingen,
        toestemming=after.toestemming,
        gelet_op="gelet op " + opsomming(grounds) + ";",
        besluittekst=besluittekst,
        opdrachten=ops,
        inwerkingtreding=inwerking,
        ondertekening=after.ondertekening,
        toelichting=wijziging.toelichting if wijziging else None,
        veranderingen=changes,
        uitleg=_explanations(old, new, ops),
        uitleg_artikel_ii=uitleg_ii,
        redline=redline(before, after),
        nieuw_regeling=after,
    )


def _explanations(old: Stand, new: Stand, ops: list[Opdracht]) -> list[Uitleg]:
    own = new.inhoud.wijziging.artikelsgewijs if new.inhoud.wijziging else {}
    resolver = new.regeling.absolute_resolver
    new_articles = {a.id: a for a in new.regeling.artikelen()}
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
                texts.append(new_articles[key].toelichting.blok())
        result.append(Uitleg(f"Onderdeel {op.letter}" if op.letter else "Artikel I", op.omschrijving, texts))
    return result


class _VoorDeWijziging:
    """The raadsvoorstellen of the content, for the amendment: the amendment is the first bijlage;
    the shares from the businesscase (which belong to the trajectory of the regulation itself)
    and milestones before the amendment's date are left out."""

    def __init__(self, inner, bijlage: str, date: datetime.date):
        self.inner = inner
        self.bijlage = bijlage
        self.date = date

    def voor(self, gemeente):
        voorstel = self.inner.voor(gemeente)
        voorstel.bijlagen = [self.bijlage, *voorstel.bijlagen]
        voorstel.financien = None
        voorstel.mijlpalen = [m for m in voorstel.mijlpalen if m.datum >= self.date]
        return voorstel

