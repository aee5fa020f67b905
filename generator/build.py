"""The build: content folder → validated model → rendered documents → files.

Nothing is written until every document has been produced in memory, so
invalid content or a failing template leaves the output folder as it was.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, huisstijl, parts  # noqa: F401 - parts registers derivers, checks, charts
from .checks import run_checks
from .deliverables import Deliverable, discover
from .derive import Afgeleid, derive
from .errors import BuildError, ContentError, Problem
from .loader import Content, load_folder
from .model import Gemeente, Inhoud
from .output import Output, Report, commit
from .paths import project_root, slug, template_dirs
from .render import context_for, make_environment, render_html, to_document

FORMATS = ("docx", "pdf")


@dataclass
class Project:
    content_dir: Path
    content: Content
    inhoud: Inhoud
    afgeleid: Afgeleid
    template_dirs: list[Path]
    deliverables: list[Deliverable]

    @property
    def slug(self) -> str:
        return slug(self.content_dir.resolve().name)


@dataclass(frozen=True)
class Job:
    deliverable: Deliverable
    gemeente: Gemeente | None = None

    @property
    def name(self) -> str:
        if self.gemeente is None:
            return self.deliverable.name
        return f"{self.deliverable.name}-{slug(self.gemeente.naam)}"


@dataclass
class BuildResult:
    folder: Path
    report: Report
    documents: list[str] = field(default_factory=list)


def load_project(content_dir: Path) -> Project:
    """Load, validate, derive and check; raise ContentError with every problem found."""
    content = load_folder(content_dir)
    from .validate import validate

    inhoud = validate(content)
    dirs = template_dirs(content_dir)
    afgeleid = derive(inhoud, dirs)
    problems: list[Problem] = run_checks(inhoud, afgeleid, content)
    if problems:
        raise ContentError(problems)
    return Project(content_dir, content, inhoud, afgeleid, dirs, discover(dirs))


def jobs(project: Project, gemeente: str | None = None) -> list[Job]:
    result: list[Job] = []
    wanted = None
    if gemeente is not None:
        matches = [g for g in project.afgeleid.deelnemers if slug(g.naam) == slug(gemeente)]
        if not matches:
            known = ", ".join(g.naam for g in project.afgeleid.deelnemers)
            raise ContentError([Problem(f'gemeente "{gemeente}" doet niet mee; bekend zijn: {known}')])
        wanted = matches[0]
    for deliverable in project.deliverables:
        declaration = deliverable.declaration
        if any(getattr(project.inhoud, part, None) in (None, []) for part in declaration.vereist):
            continue
        if declaration.per_gemeente:
            for partner in project.afgeleid.deelnemers:
                if wanted is None or partner is wanted:
                    result.append(Job(deliverable, partner))
        elif wanted is None:
            result.append(Job(deliverable))
    return result


def render(project: Project, job: Job):
    env = make_environment(project.template_dirs)
    declaration = job.deliverable.declaration
    context = context_for(project.inhoud, project.afgeleid, declaration, job.gemeente)
    html = render_html(env, declaration.sjabloon, context)
    document = to_document(job.name, html, project.inhoud.samenwerking.datum)
    names = [job.gemeente.naam] if job.gemeente else []
    names.append(project.inhoud.samenwerking.naam)
    style = huisstijl.find(project.template_dirs, names)
    document.stylesheets = style.stylesheets
    document.docx_template = style.docx_template
    document.roots = [*project.template_dirs, project.content_dir.resolve()]
    document.base_dir = project.template_dirs[0]
    if (created := _meta_date(document)) is not None:
        document.date = created
    return document


def _meta_date(document) -> datetime.date | None:
    from .document import metadata

    value = metadata(document.tree).get("dcterms.created")
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        raise BuildError(f"document {document.name}: dcterms.created is geen datum: {value}") from None


def produce(document, formats: tuple[str, ...]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    if "docx" in formats:
        from .writers.docx import write_docx

        files[f"{document.name}.docx"] = write_docx(document)
    if "pdf" in formats:
        from .writers.pdf import write_pdf

        files[f"{document.name}.pdf"] = write_pdf(document)
    return files


def build(
    content_dir: Path,
    out_dir: Path,
    formats: tuple[str, ...] = FORMATS,
    gemeente: str | None = None,
    overwrite: bool = False,
) -> BuildResult:
    project = load_project(content_dir)
    selected = jobs(project, gemeente)
    if not selected:
        raise ContentError([Problem("er is niets te bouwen: geen document heeft de onderdelen die het nodig heeft")])
    root = project_root(content_dir)
    sources = [_relative(f, root) for f in project.content.files]
    outputs: list[Output] = []
    for job in selected:
        document = render(project, job)
        template_files = [_relative(d.source, root) for d in [job.deliverable]]
        for name, data in produce(document, formats).items():
            record = {
                "document": job.deliverable.name,
                "gemeente": job.gemeente.naam if job.gemeente else None,
                "formaat": name.rsplit(".", 1)[-1],
                "bronnen": sources,
                "declaratie": template_files[0],
            }
            outputs.append(Output(name, data, record))
    folder = out_dir / project.slug
    header = {"samenwerking": project.inhoud.samenwerking.naam, "generator": f"samenwerking {__version__}"}
    report = commit(folder, outputs, header, overwrite)
    return BuildResult(folder, report, [job.name for job in selected])


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.name
