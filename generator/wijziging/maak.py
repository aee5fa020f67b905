"""``samenwerking wijziging``: the amendment of the regulation between two git revisions.

Writes into ``output/<samenwerking>/``, atomically and recorded in the manifest like every
build (hand edits are protected the same way):

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

from .. import __version__
from ..build import Job, Project, produce_all, render
from ..deliverables import Declaratie, Deliverable
from ..errors import ContentError, Problem
from ..output import Output, Report, commit
from ..paths import PACKAGE_TEMPLATES, project_root, slug, template_dirs
from . import git
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
    dirs = template_dirs(folder)
    old_revision = git.at_revision(folder, rev_oud)
    new_revision = git.at_revision(folder, rev_nieuw) if rev_nieuw else git.working_tree(folder)
    old = load_old(old_revision, folder, dirs)
    if nummering == "vernummeren" and not integraal and not positional(old.regeling):
        raise ContentError([Problem(
            f"de regeling in revisie {old_revision.label} heeft vaste nummers met letters of gaten; vernummeren per "
            "artikel kan dan niet eenduidig. Behoud de nummers (--nummering behouden) of stel de hele tekst opnieuw "
            "vast (--integraal)")])
    new = load_new(new_revision, folder, dirs, old, nummering, fresh=integraal,
                   besluit=lambda inhoud: getattr(decision_of(inhoud), "id", None))
    notes: list[str] = []
    _check_explanations(old, new)
    data = new.afgeleid.wijzigingsregeling
    if not data.veranderingen:
        raise ContentError([Problem(f"de tekst van de regeling is in revisie {old_revision.label} en "
                                    f"{new_revision.label} gelijk; er is niets te wijzigen")])
    stem = f"wijzigingsregeling-{old_revision.label}-{new_revision.label}"

    project = Project(folder, new.content, new.inhoud, new.afgeleid, dirs, [])
    jobs: list[tuple[Job, str, tuple[str, ...]]] = []
    main = "wijziging/integraal.html.j2" if integraal else "wijziging/wijzigingsregeling.html.j2"
    jobs.append((_job(dirs, "wijzigingsregeling", data.opschrift, main), stem, formats))
    jobs.append((_job(dirs, "wijzigingsregeling-redline", f"{data.citeertitel}: bijgehouden wijzigingen",
                      "wijziging/redline.html.j2", verwijzingen="regeling"), f"{stem}-redline", ("docx",)))
    if new.afgeleid.wijzigingsbijlage is not None:  # the raadsvoorstel asks toestemming for this amendment
        for gemeente in new.afgeleid.deelnemers:
            job = _job(dirs, "wijzigingsregeling-raadsvoorstel", "Raadsvoorstel", "wijziging/raadsvoorstel.html.j2",
                       gemeente=gemeente)
            jobs.append((job, f"{stem}-raadsvoorstel-{slug(gemeente.naam)}", formats))
    else:
        notes.append("geen raadsvoorstel gemaakt: de nieuwe inhoud heeft geen raadsvoorstel voor een besluit van de "
                     "soort toestemming-wijziging (zie docs/wijziging.md)")
    if not integraal and nummering == "behouden" and new.eigen_nummering != "vast" and not positional(new.regeling):
        notes.append("let op: de regeling in de inhoud nummert doorlopend, de wijziging behoudt de vastgestelde "
                     "nummers (Ar 6.16). Zet na vaststelling `nummering: vast` en de nummers in regeling.yaml, dan "
                     "toont de gemeenschappelijke regeling dezelfde nummers")

    documents = []
    for job, name, _ in jobs:
        document = render(project, job)
        document.name = name
        documents.append(document)
    made = produce_all(documents, [wanted for _, _, wanted in jobs])
    root = project_root(folder)
    sources = sorted(name if new_revision.commit and not Path(name).is_absolute() else _relative(Path(name), root)
                     for name, _ in new_revision.texts)
    outputs: list[Output] = []
    for (job, name, wanted), files in zip(jobs, made):
        for fmt in wanted:
            record = {
                "document": job.deliverable.name,
                "gemeente": job.gemeente.naam if job.gemeente else None,
                "formaat": fmt,
                "bronnen": sources,
                "revisies": {"oud": old_revision.commit, "nieuw": new_revision.commit or git.WORKING_TREE},
                "vorm": data.vorm,
            }
            outputs.append(Output(f"{name}.{fmt}", files[f"{name}.{fmt}"], record))
    target = out_dir / slug(folder.resolve().name)
    header = {"samenwerking": new.inhoud.samenwerking.naam, "generator": f"samenwerking {__version__}"}
    report = commit(target, outputs, header, overwrite)
    return Resultaat(target, report, [o.name for o in outputs], notes, len(data.opdrachten))


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


def _job(dirs: list[Path], name: str, title: str, template: str, verwijzingen: str = "wijziging",
         gemeente=None) -> Job:
    declaration = Declaratie.model_validate({"titel": title, "sjabloon": template, "verwijzingen": verwijzingen})
    source = next((d / template for d in dirs if (d / template).is_file()), PACKAGE_TEMPLATES / template)
    return Job(Deliverable(name, declaration, source), gemeente)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return path.as_posix()
