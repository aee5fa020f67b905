"""The one pipeline: a source → a loaded, validated project → derived state → declared
documents → writers → files. ``build``, ``check``, ``preview`` and ``wijziging`` all run on it
(``wijziging`` loads two sources and derives the amendment from both; see generator/wijziging/).

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

from . import __version__, huisstijl, parts, snel, versions  # noqa: F401 - parts registers derivers, checks, charts
from .checks import run_checks
from .deliverables import Deliverable, discover
from .derive import Afgeleid, Invoer, derive
from .errors import BuildError, ContentError, Problem, suggestion
from .loader import Content
from .model import Gemeente, Inhoud
from .output import Output, Report, commit, load_manifest, sha256
from .paths import project_root, slug, template_dirs
from .source import Source, relative, working_folder
from .formatting import datum
from .render import context_for, make_environment, render_html, to_document

FORMATS = ("docx", "pdf")  # the default; "html" and "stop" on request
ALL_FORMATS = ("docx", "pdf", "html", "stop")
#: The file extension of each format; STOP is XML, and only the regulation has it.
EXTENSIONS = {"docx": "docx", "pdf": "pdf", "html": "html", "stop": "xml"}


def filename(stem: str, fmt: str) -> str:
    return f"{stem}.{EXTENSIONS[fmt]}"


@dataclass
class Project:
    source: Source
    content: Content
    inhoud: Inhoud
    afgeleid: Afgeleid
    template_dirs: list[Path]
    deliverables: list[Deliverable]
    gemeente_reads: set = field(default_factory=set)  # (naam, field) read while deriving: inputs of every document
    history: versions.History | None = None  # set by build(): per-document revisions
    bronrevisie: str | None = None  # the revision(s) the project was made from: part of the input key

    @property
    def content_dir(self) -> Path:
        return self.source.folder

    @property
    def slug(self) -> str:
        return slug(self.content_dir.resolve().name)


@dataclass(frozen=True)
class Job:
    deliverable: Deliverable
    gemeente: Gemeente | None = None
    revisies: str | None = None  # "<oud>-<nieuw>" for a document made from two revisions
    ronde: str | None = None  # the round (besluit id) of a per-round document

    @property
    def name(self) -> str:
        declaration = self.deliverable.declaration
        base = self.deliverable.name
        if declaration.bestandsnaam:
            base = declaration.bestandsnaam.replace("{revisies}", self.revisies or "")
        if self.gemeente is None:
            return base
        if self.ronde is not None:
            return f"{base}-{self.ronde}-{slug(self.gemeente.naam)}"
        return f"{base}-{slug(self.gemeente.naam)}"

    def formats(self, requested: tuple[str, ...]) -> tuple[str, ...]:
        """The formats to write: those asked for (STOP XML only where the declaration says so), or the ones
        the declaration fixes (a redline is Word)."""
        declaration = self.deliverable.declaration
        if declaration.formaten:
            return tuple(declaration.formaten)
        return tuple(fmt for fmt in requested if fmt != "stop" or declaration.stop)


@dataclass
class BuildResult:
    folder: Path
    report: Report
    documents: list[str] = field(default_factory=list)
    rendered: int = 0  # documents whose files were made again (the others were up to date)
    templated: int = 0  # documents whose HTML was rendered to compare (0 when nothing could have changed)
    files: list[str] = field(default_factory=list)  # every file of the selected documents, written or not


def read(source: Source, only: tuple[str, ...] | None = None) -> tuple[Content, Inhoud]:
    """Load and validate a source; ``only``: read only these parts of the content (None: all)."""
    from .validate import validate

    content = source.load()
    if only is not None:
        content.data = {key: value for key, value in content.data.items() if key in only}
    return content, validate(content)


def complete(source: Source, content: Content, inhoud: Inhoud, bronrevisie: str | None = None,
             reported: tuple[str, ...] | None = None, wijzigingsinvoer=None, per_document: bool = False) -> Project:
    """Derive and check a validated source; raise ContentError with every problem found.

    ``bronrevisie``: instead of the source's own; ``reported``: report only the problems under
    these parts (None: every problem); ``wijzigingsinvoer``: the old version, for an amendment;
    ``per_document``: derive with a placeholder revision that each document replaces by the
    revision of its own inputs (``stamped_html``).
    """
    dirs = template_dirs(source.folder)
    revision = bronrevisie if bronrevisie is not None else source.bronrevisie
    with versions.gemeente_reads() as reads:
        shown = versions.REVISION_PLACEHOLDER if per_document else revision
        afgeleid = derive(inhoud, Invoer(tuple(dirs), shown, wijzigingsinvoer))
    problems: list[Problem] = run_checks(inhoud, afgeleid, content)
    if reported is not None:
        problems = [problem for problem in problems if problem.path[:1] in {(part,) for part in reported}]
    if problems:
        raise ContentError(problems)
    return Project(source, content, inhoud, afgeleid, dirs, discover(dirs), gemeente_reads=set(reads),
                   bronrevisie=revision)


def load_project(source: Source | Path) -> Project:
    """Load, validate, derive and check a source (a content folder: its working folder)."""
    if not isinstance(source, Source):
        source = working_folder(Path(source))
    return complete(source, *read(source))


def jobs(project: Project, gemeente: str | None = None, documents: list[str] | None = None,
         revisies: str | None = None, rondes: list[str] | None = None) -> list[Job]:
    """The documents to make: every declared deliverable whose parts are in the content,
    one per gemeente where declared so (per round and gemeente for ``per_ronde``); optionally
    only those of one gemeente, of the named deliverables or of the named rounds.
    ``revisies`` (``<oud>-<nieuw>``): the documents made from two revisions (an amendment)
    instead of those made from one."""
    sources = 1 if revisies is None else 2
    deliverables = [d for d in project.deliverables if d.declaration.revisies == sources]
    if documents:
        _known_documents(documents, [d.name for d in deliverables])
        deliverables = [d for d in deliverables if d.name in documents]
    wanted = _participant(project, gemeente) if gemeente is not None else None
    result: list[Job] = []
    for deliverable in deliverables:
        if not any(_missing(project, part) for part in deliverable.declaration.vereist):
            result.extend(_jobs_of(project, deliverable, wanted, revisies, rondes))
    return result


def _known_documents(documents: list[str], known: list[str]) -> None:
    problems = [Problem(f'onbekend document "{name}"' + (suggestion(name, known) or f"; bekend zijn: {', '.join(known)}"))
                for name in documents if name not in known]
    if problems:
        raise ContentError(problems)


def _participant(project: Project, gemeente: str) -> Gemeente:
    names = [g.naam for g in project.afgeleid.deelnemers]
    for partner in project.afgeleid.deelnemers:
        if slug(partner.naam) == slug(gemeente):
            return partner
    raise ContentError([Problem(f'gemeente "{gemeente}" doet niet mee{suggestion(gemeente, names)}; '
                                f"bekend zijn: {', '.join(names)}")])


def _jobs_of(project: Project, deliverable: Deliverable, wanted: Gemeente | None, revisies: str | None,
             rondes: list[str] | None) -> list[Job]:
    """The jobs of one deliverable: once, per gemeente, or per round and gemeente."""
    declaration = deliverable.declaration
    if declaration.per_ronde:
        voorstellen = project.afgeleid.raadsvoorstellen
        return [Job(deliverable, partner, revisies, ronde)
                for ronde, partners in (voorstellen.rondes() if voorstellen else {}).items()
                if rondes is None or ronde in rondes
                for partner in partners if wanted is None or slug(partner.naam) == slug(wanted.naam)]
    if declaration.per_gemeente:
        return [Job(deliverable, partner, revisies) for partner in project.afgeleid.deelnemers
                if wanted is None or partner is wanted]
    return [Job(deliverable, None, revisies)] if wanted is None else []


def _missing(project: Project, part: str) -> bool:
    """Whether a part a declaration needs is absent: a part of the content, or a derived value."""
    value = getattr(project.inhoud, part, None)
    if value is None and part not in type(project.inhoud).model_fields:
        value = getattr(project.afgeleid, part, None)
    return value in (None, [])


def render(project: Project, job: Job):
    env = environment(tuple(project.template_dirs))
    declaration = job.deliverable.declaration
    context = context_for(project.inhoud, project.afgeleid, declaration, job.gemeente)
    context["ronde"] = job.ronde
    html = stamped_html(project, env, declaration.sjabloon, context)
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
    if declaration.stop:  # the model the STOP writer reads: the regulation, or the amendment of it
        document.stop = project.afgeleid.wijzigingsregeling if declaration.revisies == 2 else project.afgeleid.regeling
    document.placeholders = {
        "gemeente": job.gemeente.naam if job.gemeente else "",
        "samenwerking": project.inhoud.samenwerking.naam,
        "datum": datum(document.date),
    }
    return document


@functools.lru_cache(maxsize=8)
def environment(dirs: tuple[Path, ...]):
    """One Jinja environment per template folders and process: templates are parsed once, not per document
    (Jinja still reloads a template whose file changed)."""
    return make_environment(list(dirs))


def stamped_html(project: Project, env, template: str, context: dict) -> str:
    """The document's HTML, stamped with the revision of what it is made from.

    With a history (``build`` in git) the template is rendered with a placeholder revision while
    the gemeente fields it reads are recorded; the placeholder is then replaced by the last
    commit that changed one of its inputs (versions.History.revision).
    """
    if project.history is None:
        return render_html(env, template, context)
    with versions.gemeente_reads() as reads:
        html = render_html(env, template, context)
    revision = project.history.revision(reads | project.gemeente_reads) or ""
    return html.replace(versions.REVISION_PLACEHOLDER, revision)


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
    if "stop" in formats:
        from .writers import stop

        source = getattr(document, "stop", None)
        if source is None:
            raise BuildError(f"document {document.name}: STOP XML is er alleen voor de regeling en haar wijziging")
        xml = stop.besluit_xml(source) if hasattr(source, "nieuw_regeling") else stop.regeling_xml(source)
        files[filename(document.name, "stop")] = xml
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
    for fmt in selected[index].formats(formats):
        name = filename(document.name, fmt)
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
        return _map_in_order(_make_job, len(selected), first, {f for job in selected for f in job.formats(formats)})
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
        for path in sorted([package / "document.py", *(package / "writers").rglob("*.py")]):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
        _FINGERPRINT = digest.hexdigest()
    return _FINGERPRINT


_SOURCE_FINGERPRINT: str | None = None


def sources_key(project: Project, extra: tuple[Source, ...] = (), options: str = "") -> str:
    """Everything any document of this build is made from: the content, the templates and house
    styles, the tool's code and the git revision; for an amendment also the content at both
    revisions (``extra``) and how it is made (``options``). Unchanged means no document can have changed."""
    return inputs_key(project.content_dir, project.template_dirs, project.bronrevisie, extra, options)


def inputs_key(content_dir: Path, template_dirs: list[Path], bronrevisie: str | None,
               extra: tuple[Source, ...] = (), options: str = "") -> str:
    """``sources_key`` before anything is loaded: from the files, not from the project."""
    global _SOURCE_FINGERPRINT
    if _SOURCE_FINGERPRINT is None:
        package = Path(__file__).resolve().parent
        code = hashlib.sha256(__version__.encode())
        for path in sorted(package.rglob("*.py")):
            code.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
        _SOURCE_FINGERPRINT = code.hexdigest()
    digest = hashlib.sha256(f"{_SOURCE_FINGERPRINT}\0{snel.environment_key()}\0{bronrevisie}\0{options}\0".encode())
    for source in extra:
        for name, data in source.texts_or_files():
            digest.update(f"{source.commit}\0{name}\0".encode() + hashlib.sha256(data).digest())
    folders = [content_dir.resolve(), *template_dirs]
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(path.as_posix().encode() + b"\0" + file_digest(path))
    return digest.hexdigest()


def input_key(document, fmt: str) -> str:
    """Everything one output file is made from: its HTML, its house style files, the writer."""
    digest = hashlib.sha256(f"{writer_fingerprint()}\0{snel.environment_key()}\0{fmt}\0".encode())
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
    fast = not definitief and rondes is None  # the fast path knows selections of formats, gemeente, documents
    if fast and (answer := snel.unchanged(content_dir, out_dir, formats, gemeente, documents)) is not None:
        names, paths = answer  # nothing changed since the last build of this selection: not even loaded
        return BuildResult(snel.output_folder(content_dir, out_dir), Report(unchanged=paths), names)
    state = snel.snapshot(content_dir)  # before anything is read: an edit during the build is seen next time
    source = working_folder(Path(content_dir))
    history = versions.history(content_dir)
    # In git each document shows the revision of its own inputs: derived with a placeholder, stamped per document.
    project = complete(source, *read(source), per_document=history is not None)
    project.history = history
    if definitief:
        from .checks import placeholders

        left = placeholders(project.inhoud, project.content)
        if left:
            raise ContentError(left + [Problem("een definitieve versie kan geen plaatshouders bevatten; vul ze in "
                                               "of bouw zonder --definitief")])
    selected = jobs(project, gemeente, documents, rondes=rondes)
    if not selected:
        raise ContentError([Problem("er is niets te bouwen: geen document heeft de onderdelen die het nodig heeft")])
    return write(project, selected, formats, out_dir, overwrite,
                 fast=(snel.selection(formats, gemeente, documents), state) if fast else None)


def write(project: Project, selected: list[Job], formats: tuple[str, ...], out_dir: Path, overwrite: bool = False,
          sources: tuple[Source, ...] = (), options: str = "", record: dict | None = None,
          fast: tuple[str, dict] | None = None, details: dict | None = None) -> BuildResult:
    """Render and write the selected documents of a project into ``out_dir/<samenwerking>/``.

    Every file gets a manifest record with its input keys: ``bron`` (everything the build read:
    unchanged, the document is not even rendered) and ``invoer`` (its HTML and house style:
    unchanged, the file is not written). ``sources`` and ``options``: what else the documents are
    made from (an amendment: both revisions and how it is made); ``record``: extra fields for
    every record; ``fast``: the run's selection and the state of its inputs before it read them,
    recorded for the no-change fast path (snel.py), with ``details`` for the command's report.
    """
    root = project_root(project.content_dir)
    names = project.source.names(root)
    folder = out_dir / project.slug
    manifest = load_manifest(folder)
    recorded = manifest["bestanden"]
    everything = sources_key(project, sources, options)
    outputs: list[Output] = []
    pending: list[Job] = []
    for job in selected:
        files = [filename(job.name, fmt) for fmt in job.formats(formats)]
        if all(_up_to_date(folder, recorded, name, everything, "bron") for name in files):
            # Nothing this build reads has changed since these files were made: not even rendered.
            outputs.extend(Output(name, None, recorded[name]) for name in files)
        else:
            pending.append(job)
    made = make_all(project, pending, formats, folder, recorded)
    for job, result in zip(pending, made):
        for fmt in job.formats(formats):
            name = filename(job.name, fmt)
            if name in result.same:
                outputs.append(Output(name, None, {**recorded[name], "bron": everything}))  # same inputs
                continue
            entry = {
                "document": job.deliverable.name,
                "gemeente": job.gemeente.naam if job.gemeente else None,
                "formaat": fmt,
                "bronnen": names,
                "declaratie": relative(job.deliverable.source, root),
                **(record or {}),
                "invoer": result.keys[fmt],
                "bron": everything,
            }
            outputs.append(Output(name, result.files[name], entry))
    header = {"samenwerking": project.inhoud.samenwerking.naam, "generator": f"samenwerking {__version__}"}
    # What the fast path compares next time (snel.py); another selection whose files this run changed is forgotten.
    changed = {output.name for output in outputs if output.data is not None
               and hashlib.sha256(output.data).hexdigest() != (recorded.get(output.name) or {}).get("sha256")}
    selection, state = fast if fast is not None else (None, None)
    if fast is not None or manifest.get("snel"):
        header["snel"] = snel.record(manifest.get("snel") or {}, selection, state, [job.name for job in selected],
                                     [output.name for output in outputs], details, changed)
    report = commit(folder, outputs, header, overwrite)
    rendered = sum(1 for result in made if result.files)
    return BuildResult(folder, report, [job.name for job in selected], rendered=rendered, templated=len(made),
                       files=[output.name for output in outputs])
