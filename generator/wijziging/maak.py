"""``samenwerking wijziging``: the amendment of the regulation between two git revisions.

The same pipeline as ``build``: two sources (the old and the new revision) are loaded as
projects, the new one derived with the old one as input (``part``: ``afgeleid.wijzigingsregeling``),
and the declared documents made from two revisions (``templates/documenten/wijzigingsregeling*.yaml``)
are rendered and written into ``output/<samenwerking>/`` by ``build.write``, with the same
manifest records as every build: hand edits are protected, and a second run with nothing
changed is answered by the fast path of ``build`` (``snel.amendment``: both revisions as
commits, the options, the formats): it loads, renders and writes nothing.

- ``wijzigingsregeling-<oud>-<nieuw>.docx`` and ``.pdf``: the amendment (Artikel I with the
  lettered changes, Artikel II inwerkingtreding, slotformulier, toelichting), or with
  ``integraal`` the whole regulation re-established;
- ``wijzigingsregeling-<oud>-<nieuw>-redline.docx``: the regulation with Word tracked changes;
- ``wijzigingsregeling-<oud>-<nieuw>-raadsvoorstel-<gemeente>.docx`` and ``.pdf``: the
  raadsvoorstel asking toestemming, with the amendment as bijlage, when the new content
  has a raadsvoorstel for a decision of kind ``toestemming-wijziging``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import snel, source
from ..build import jobs, write
from ..errors import ContentError, Problem
from ..formatting import opsomming
from ..output import Report
from .bron import Stand, load_new, load_old, positional
from .part import decision_of


@dataclass
class Resultaat:
    folder: Path
    report: Report
    namen: list[str]
    opmerkingen: list[str]
    opdrachten: int


def wijziging(content_dir: Path, rev_oud: str, rev_nieuw: str | None = None, out_dir: Path = Path("output"),
              formats: tuple[str, ...] = ("docx", "pdf"), integraal: bool = False, nummering: str = "behouden",
              overwrite: bool = False) -> Resultaat:
    folder = Path(content_dir)
    choice = snel.amendment(folder, formats, rev_oud, rev_nieuw, integraal, nummering)
    if (found := unchanged(folder, out_dir, choice)) is not None:
        return found  # exactly these revisions and options made these files, and they are as written
    state = snel.snapshot(folder)  # before anything is read: an edit during the run is seen next time
    old_source = source.at_revision(folder, rev_oud)
    new_source = source.at_revision(folder, rev_nieuw) if rev_nieuw else source.working_tree(folder)
    options = f"vorm={'integraal' if integraal else 'artikelsgewijs'} nummering={nummering}"
    old = load_old(old_source)
    if nummering == "vernummeren" and not integraal and not positional(old.regeling):
        raise ContentError([Problem(
            f"de regeling in revisie {old_source.label} heeft vaste nummers met letters of gaten; vernummeren per "
            "artikel kan dan niet eenduidig. Behoud de nummers (--nummering behouden) of stel de hele tekst opnieuw "
            "vast (--integraal)")])
    new = load_new(new_source, old, nummering, fresh=integraal,
                   besluit=lambda inhoud: getattr(decision_of(inhoud), "id", None))
    _check_explanations(old, new)
    data = new.project.afgeleid.wijzigingsregeling
    if not data.veranderingen:
        raise ContentError([Problem(f"de tekst van de regeling is in revisie {old_source.label} en "
                                    f"{new_source.label} gelijk; er is niets te wijzigen")])
    notes: list[str] = []
    if new.project.afgeleid.wijzigingsbijlage is None:
        notes.append("geen raadsvoorstel gemaakt: de nieuwe inhoud heeft geen raadsvoorstel voor een besluit van de "
                     "soort toestemming-wijziging (zie docs/wijziging.md)")
    if not integraal and (changed := _preamble_changes(old.regeling, new.regeling)):
        notes.append(f"let op: {opsomming(changed)} van de regeling {'verschilt' if len(changed) == 1 else 'verschillen'} "
                     "tussen de revisies; een wijzigingsregeling wijzigt de aanhef niet (Ar 6.7), dus dat staat niet in "
                     "de opdrachten. Zet het zo nodig in de eigen aanhef of considerans van de wijziging (`wijziging."
                     "aanhef`, `wijziging.considerans`) of stel de hele tekst opnieuw vast (--integraal)")
    if not integraal and nummering == "behouden" and new.eigen_nummering != "vast" and not positional(new.regeling):
        notes.append("let op: de regeling in de inhoud nummert doorlopend, de wijziging behoudt de vastgestelde "
                     "nummers (Ar 6.16). Zet na vaststelling `nummering: vast` en de nummers in regeling.yaml, dan "
                     "toont de gemeenschappelijke regeling dezelfde nummers")
    selected = jobs(new.project, revisies=f"{old_source.label}-{new_source.label}")
    record = {"revisies": {"oud": old_source.commit, "nieuw": new_source.commit or source.WORKING_TREE},
              "vorm": data.vorm, "opdrachten": len(data.opdrachten), "opmerkingen": notes}
    result = write(new.project, selected, formats, out_dir, overwrite, sources=(old_source, new_source),
                   options=options, record=record, fast=(choice, state) if choice else None,
                   details={"opmerkingen": notes, "opdrachten": len(data.opdrachten)})
    return Resultaat(result.folder, result.report, result.files, notes, len(data.opdrachten))


def unchanged(folder: Path, out_dir: Path, choice: str | None) -> Resultaat | None:
    """The answer of a run with nothing changed, from the manifest (``snel.answer``); else None.

    The command line asks ``snel`` the same before it imports this module (generator/cli.py)."""
    found = snel.answer(folder, out_dir, choice)
    if found is None:
        return None
    entry, paths = found
    details = entry.get("gegevens") or {}
    return Resultaat(snel.output_folder(folder, out_dir), Report(unchanged=paths), [path.name for path in paths],
                     list(details.get("opmerkingen", [])), int(details.get("opdrachten", 0)))


def _preamble_changes(old, new) -> list[str]:
    """The parts of the aanhef (Ar 6.7: not amended) that differ between two versions of the regulation."""
    def texts(parts) -> list[str]:
        return [part.markdown for part in parts]

    changed = []
    if old.aanhef != new.aanhef:
        changed.append("de aanhef")
    if texts(old.considerans) != texts(new.considerans) or texts(old.overwegingen) != texts(new.overwegingen) \
            or old.toestemming != new.toestemming or old.gelet_op != new.gelet_op:
        changed.append("de considerans")
    return changed


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
