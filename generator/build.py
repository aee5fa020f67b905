"""The build: content folder → validated model → rendered documents → files.

Nothing is written until every document has been produced in memory, so
invalid content or a failing template leaves the output folder as it was.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import multiprocessing
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, huisstijl, parts, versions  # noqa: F401 - parts registers derivers, checks, charts
from .checks import run_checks
from .deliverables import Deliverable, discover
from .derive import Afgeleid, Invoer, derive
from .errors import BuildError, ContentError, Problem
from .loader import Content, load_folder
from .model import Gemeente, Inhoud
from .output import Output, Report, commit, load_manifest, sha256
from .paths import project_root, slug, template_dirs
from .formatting import datum
from .render import context_for, make_environment, render_html, to_document

FORMATS = ("docx", "pdf")  # the default; "html" on request
ALL_FORMATS = ("docx", "pdf", "html")


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
    ronde: str | None = None  # the round (besluit id) of a per-round document

    @property
    def name(self) -> str:
        if self.gemeente is None:
            return self.deliverable.name
        if self.ronde is not None:
            return f"{self.deliverable.name}-{self.ronde}-{slug(self.gemeente.naam)}"
        return f"{self.deliverable.name}-{slug(self.gemeente.naam)}"


@dataclass
class BuildResult:
    folder: Path
    report: Report
    documents: list[str] = field(default_factory=list)
    rendered: int = 0  # documents whose files were made again (the others were up to date)
    templated: int = 0  # documents whose HTML was rendered to compare (0 when nothing could have changed)


def load_project(content_dir: Path) -> Project:
    """Load, validate, derive and check; raise ContentError with every problem found."""
    content = load_folder(content_dir)
    from .validate import validate

    inhoud = validate(content)
    dirs = template_dirs(content_dir)
    afgeleid = derive(inhoud, Invoer(tuple(dirs), versions.revision(content_dir)))
    problems: list[Problem] = run_checks(inhoud, afgeleid, content)
    if problems:
        raise ContentError(problems)
    return Project(content_dir, content, inhoud, afgeleid, dirs, discover(dirs))


def jobs(project: Project, gemeente: str | None = None, documents: list[str] | None = None,
         rondes: list[str] | None = None) -> list[Job]:
    """The documents to make: every declared deliverable whose parts are in the content,
    one per gemeente where declared so (per round and gemeente for ``per_ronde``); optionally
    only those of one gemeente, of the named deliverables or of the named rounds."""
    result: list[Job] = []
    wanted = None
    if documents:
        known = [d.name for d in project.deliverables]
        unknown = [name for name in documents if name not in known]
        if unknown:
            import difflib

            problems = []
            for name in unknown:
                close = difflib.get_close_matches(name, known, n=1)
                hint = f'; bedoelde u "{close[0]}"?' if close else f"; bekend zijn: {', '.join(known)}"
                problems.append(Problem(f'onbekend document "{name}"{hint}'))
            raise ContentError(problems)
    if gemeente is not None:
        matches = [g for g in project.afgeleid.deelnemers if slug(g.naam) == slug(gemeente)]
        if not matches:
            known = ", ".join(g.naam for g in project.afgeleid.deelnemers)
            raise ContentError([Problem(f'gemeente "{gemeente}" doet niet mee; bekend zijn: {known}')])
        wanted = matches[0]
    for deliverable in project.deliverables:
        declaration = deliverable.declaration
        if documents and deliverable.name not in documents:
            continue
        if any(getattr(project.inhoud, part, None) in (None, []) for part in declaration.vereist):
            continue
        if declaration.per_ronde:
            voorstellen = project.afgeleid.raadsvoorstellen
            for ronde, partners in (voorstellen.rondes() if voorstellen else {}).items():
                if rondes is not None and ronde not in rondes:
                    continue
                for partner in partners:
                    if wanted is None or slug(partner.naam) == slug(wanted.naam):
                        result.append(Job(deliverable, partner, ronde))
        elif declaration.per_gemeente:
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
    context["ronde"] = job.ronde
    html = render_html(env, declaration.sjabloon, context)
    document = to_document(job.name, html, project.inhoud.samenwerking.datum)
    names = [job.gemeente.naam] if job.gemeente else []
    names.append(project.inhoud.samenwerking.naam)
    style = huisstijl.find(project.template_dirs, names)
    document.stylesheets = style.stylesheets
    document.docx_template = style.docx_template
    document.roots = [*project.template_dirs, project.content_dir.resolve()]
    document.style_files = sorted(
        {path for folder in style.folders for path in folder.rglob("*") if path.is_file()}
    )
    document.base_dir = project.template_dirs[0]
    if (created := _meta_date(document)) is not None:
        document.date = created
    document.placeholders = {
        "gemeente": job.gemeente.naam if job.gemeente else "",
        "samenwerking": project.inhoud.samenwerking.naam,
        "datum": datum(document.date),
    }
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
    if "html" in formats:
        from .writers.html import write_html

        files[f"{document.name}.html"] = write_html(document)
    return files


def workers(job_count: int) -> int:
    """How many processes to use: one per core, at most one per job; SAMENWERKING_PROCESSEN overrides."""
    wanted = os.environ.get("SAMENWERKING_PROCESSEN")
    cores = int(wanted) if wanted and wanted.isdigit() and int(wanted) > 0 else (os.cpu_count() or 1)
    return max(1, min(cores, job_count))


def _map_in_order(function, count: int, first: list[int], formats: set[str]) -> list:
    """``function(i)`` for every ``i`` in ``range(count)``, over the cores where that pays off.

    ``first`` is the order in which to start them (the longest first, so no core waits at the
    end); results come back in index order, whichever process finished first. The function
    reads its work from a module global set by the caller: worker processes are forked, after
    the heavy libraries are imported, so they share both and start at once.
    """
    processes = workers(count)
    if processes < 2 or count < 3 or "fork" not in multiprocessing.get_all_start_methods():
        return [function(index) for index in range(count)]
    if "pdf" in formats:
        import weasyprint  # noqa: F401 - imported once, before the fork
    if "docx" in formats:
        import docx  # noqa: F401
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        results = pool.map(function, first, chunksize=1)
    by_index = dict(zip(first, results))
    return [by_index[index] for index in range(count)]


_WORK: tuple[list, list[tuple[str, ...]]] | None = None  # (documents, formats), for produce_all's workers


def _produce_document(index: int) -> dict[str, bytes]:
    assert _WORK is not None
    documents, formats = _WORK
    return produce(documents[index], formats[index])


def produce_all(documents: list, formats: list[tuple[str, ...]]) -> list[dict[str, bytes]]:
    """Write rendered documents in memory, in parallel; the largest (charts make long HTML) first."""
    global _WORK
    _WORK = (documents, formats)
    try:
        first = sorted(range(len(documents)), key=lambda i: -len(documents[i].html))
        return _map_in_order(_produce_document, len(documents), first, {f for wanted in formats for f in wanted})
    finally:
        _WORK = None


@dataclass
class Made:
    """What one job gave: the input key per format, the files made, the files found up to date."""

    keys: dict[str, str]
    files: dict[str, bytes]
    same: list[str]


_JOBS: tuple | None = None  # (project, jobs, formats, folder, recorded), shared with forked workers


def _up_to_date(folder: Path, recorded: dict, name: str, key: str, field_name: str) -> bool:
    previous = recorded.get(name, {})
    path = folder / name
    return previous.get(field_name) == key and path.is_file() and sha256(path.read_bytes()) == previous.get("sha256")


def _make_job(index: int) -> Made:
    """Render one job, and write the formats whose inputs changed (in a worker, or here)."""
    assert _JOBS is not None
    project, selected, formats, folder, recorded = _JOBS
    document = render(project, selected[index])
    keys, same, wanted = {}, [], []
    for fmt in formats:
        name = f"{document.name}.{fmt}"
        keys[fmt] = input_key(document, fmt)
        if _up_to_date(folder, recorded, name, keys[fmt], "invoer"):
            same.append(name)
        else:
            wanted.append(fmt)
    return Made(keys, produce(document, tuple(wanted)) if wanted else {}, same)


def make_all(project: Project, selected: list[Job], formats: tuple[str, ...], folder: Path,
             recorded: dict) -> list[Made]:
    """Render and write every job, over all cores: rendering (charts!) runs in the workers too.

    Results come back in job order, whichever process finished first. The shared
    documents (plan, businesscase, regulation) start first: they take longest.
    """
    global _JOBS
    _JOBS = (project, selected, formats, folder, recorded)
    try:
        first = sorted(range(len(selected)), key=lambda i: (selected[i].gemeente is not None, i))
        return _map_in_order(_make_job, len(selected), first, set(formats))
    finally:
        _JOBS = None


@functools.lru_cache(maxsize=4096)
def _digest(path: Path, stamp: tuple[int, int]) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


def file_digest(path: Path) -> bytes:
    """The sha256 of a file, read once per process while it is unchanged (fonts are read by every key)."""
    info = path.stat()
    return _digest(path, (info.st_mtime_ns, info.st_size))


_FINGERPRINT: str | None = None


def writer_fingerprint() -> str:
    """The tool's version and the code that turns HTML into files: a change there rebuilds everything."""
    global _FINGERPRINT
    if _FINGERPRINT is None:
        digest = hashlib.sha256(__version__.encode())
        package = Path(__file__).resolve().parent
        for path in sorted([package / "document.py", *(package / "writers").glob("*.py")]):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        _FINGERPRINT = digest.hexdigest()
    return _FINGERPRINT


_SOURCE_FINGERPRINT: str | None = None


def sources_key(project: Project) -> str:
    """Everything any document of this build is made from: the content, the templates and house
    styles, the tool's code and the git revision. Unchanged means no document can have changed."""
    global _SOURCE_FINGERPRINT
    if _SOURCE_FINGERPRINT is None:
        package = Path(__file__).resolve().parent
        code = hashlib.sha256(__version__.encode())
        for path in sorted(package.rglob("*.py")):
            code.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
        _SOURCE_FINGERPRINT = code.hexdigest()
    digest = hashlib.sha256(f"{_SOURCE_FINGERPRINT}\0{project.afgeleid.bronrevisie}\0".encode())
    folders = [project.content_dir.resolve(), *project.template_dirs]
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.as_posix().encode() + b"\0" + file_digest(path))
    return digest.hexdigest()


def input_key(document, fmt: str) -> str:
    """Everything one output file is made from: its HTML, its house style files, the writer."""
    digest = hashlib.sha256(f"{writer_fingerprint()}\0{fmt}\0".encode())
    digest.update(document.html.encode("utf-8"))
    digest.update(json.dumps(document.placeholders, sort_keys=True).encode("utf-8"))
    for path in document.style_files:
        digest.update(b"\0" + path.as_posix().encode() + b"\0" + file_digest(path))
    return digest.hexdigest()


def build(
    content_dir: Path,
    out_dir: Path,
    formats: tuple[str, ...] = FORMATS,
    gemeente: str | None = None,
    overwrite: bool = False,
    documents: list[str] | None = None,
    rondes: list[str] | None = None,
    definitief: bool = False,
) -> BuildResult:
    """Build the documents; a file whose inputs did not change since the last build is not made again.

    ``definitief``: the final version; content with placeholders ("(invullen)", "N.N.") is refused."""
    project = load_project(content_dir)
    if definitief:
        from .checks import placeholders

        left = placeholders(project.inhoud, project.content)
        if left:
            raise ContentError(left + [Problem("een definitieve versie kan geen plaatshouders bevatten; vul ze in "
                                               "of bouw zonder --definitief")])
    selected = jobs(project, gemeente, documents, rondes)
    if not selected:
        raise ContentError([Problem("er is niets te bouwen: geen document heeft de onderdelen die het nodig heeft")])
    root = project_root(content_dir)
    sources = [_relative(f, root) for f in project.content.files]
    folder = out_dir / project.slug
    recorded = load_manifest(folder)["bestanden"]
    everything = sources_key(project)
    outputs: list[Output] = []
    pending: list[Job] = []
    for job in selected:
        names = [f"{job.name}.{fmt}" for fmt in formats]
        if all(_up_to_date(folder, recorded, name, everything, "bron") for name in names):
            # Nothing this build reads has changed since these files were made: not even rendered.
            outputs.extend(Output(name, None, recorded[name]) for name in names)
        else:
            pending.append(job)
    made = make_all(project, pending, formats, folder, recorded)
    for job, result in zip(pending, made):
        for fmt in formats:
            name = f"{job.name}.{fmt}"
            if name in result.same:
                outputs.append(Output(name, None, {**recorded[name], "bron": everything}))  # same inputs
                continue
            record = {
                "document": job.deliverable.name,
                "gemeente": job.gemeente.naam if job.gemeente else None,
                "formaat": fmt,
                "bronnen": sources,
                "declaratie": _relative(job.deliverable.source, root),
                "invoer": result.keys[fmt],
                "bron": everything,
            }
            outputs.append(Output(name, result.files[name], record))
    header = {"samenwerking": project.inhoud.samenwerking.naam, "generator": f"samenwerking {__version__}"}
    report = commit(folder, outputs, header, overwrite)
    rendered = sum(1 for result in made if result.files)
    return BuildResult(folder, report, [job.name for job in selected], rendered=rendered, templated=len(made))


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.name
