"""The fast path of ``build`` and ``wijziging``, and the environment key: standard library only.

A build (or an amendment) whose inputs did not change since the last run of the same selection
is answered from the manifest: every input file is hashed (content folder, template folders, the tool's
own code), the git state of the content folder and the environment (WeasyPrint, Pango,
HarfBuzz-subset, python-docx, fonts, …) are compared with what the manifest recorded, and the
output files are checked against their recorded hashes. Nothing heavy is imported for that:
no pydantic, Jinja, python-docx or WeasyPrint, and the content is not validated again.

See docs/snelheid.md.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from . import __version__
from .paths import slug, template_dirs

MANIFEST = "manifest.json"  # the same name as output.MANIFEST (output.py imports nothing heavy either)
KEPT_SELECTIONS = 8  # fast-path records kept per output folder (one per selection of formats/documents)

#: Python distributions whose version changes output bytes (layout, fonts, subsetting, zip, charts).
DISTRIBUTIONS = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "fonttools", "brotli", "zopfli", "pillow",
                 "python-docx", "lxml", "matplotlib", "jinja2", "markupsafe", "markdown", "pyyaml", "pydantic")
#: Shared libraries WeasyPrint loads (by file name stem); HarfBuzz-subset changes font subsetting.
LIBRARIES = ("libpango-1.0", "libpangoft2-1.0", "libharfbuzz", "libharfbuzz-subset", "libfontconfig",
             "libfreetype", "libgobject-2.0")
_LIBRARY_DIRS = ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib",
                 "/usr/local/lib", "/opt/homebrew/lib", "/lib/x86_64-linux-gnu")
#: Where fontconfig keeps its cache: it changes when system fonts (WeasyPrint's fallback) change.
_FONT_CACHES = ("/var/cache/fontconfig", "~/.cache/fontconfig")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _distribution_versions() -> dict[str, str]:
    """Versions from the ``*.dist-info`` folder names on sys.path: one directory listing, no imports."""
    wanted = {_normal(name) for name in DISTRIBUTIONS}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info") and "-" in name:
                project, version = name[: -len(".dist-info")].rsplit("-", 1)
                key = _normal(project)
                if key in wanted and key not in found:
                    found[key] = version
    return {name: found.get(_normal(name), "ontbreekt") for name in DISTRIBUTIONS}


def _library_versions() -> dict[str, str]:
    """Each library's real file (its name carries the version), or ``ontbreekt``."""
    found: dict[str, str] = {}
    for folder in _LIBRARY_DIRS:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for library in LIBRARIES:
            if library in found:
                continue
            for name in (f"{library}.so.0", f"{library}.so.6", f"{library}.so.1", f"{library}.so", f"{library}.dylib"):
                if name in names:
                    real = os.path.realpath(os.path.join(folder, name))
                    info = os.stat(real)
                    found[library] = f"{os.path.basename(real)} {info.st_size}"
                    break
    return {name: found.get(name, "ontbreekt") for name in LIBRARIES}


def _font_caches() -> str:
    parts = []
    for folder in _FONT_CACHES:
        path = Path(folder).expanduser()
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError:
            continue
        parts.extend(f"{entry.name}:{entry.stat().st_size}:{entry.stat().st_mtime_ns}" for entry in entries)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def environment() -> dict[str, str]:
    """What of the machine changes output bytes: Python, the libraries above, the system fonts.

    Computed from directory listings and file names (a few milliseconds), once per process.
    """
    values = {"samenwerking": __version__, "python": sys.version.split()[0]}
    values.update(_distribution_versions())
    values.update(_library_versions())
    values["systeemlettertypen"] = _font_caches()
    return values


def environment_key() -> str:
    return hashlib.sha256(json.dumps(environment(), sort_keys=True).encode()).hexdigest()


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def inputs_digest(content_dir: Path) -> str:
    """The sha256 over every file a build can read: content, templates and house styles, the tool's code."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for label, folder in (("code", package), *((str(i), d) for i, d in enumerate(
            [content_dir.resolve(), *template_dirs(content_dir)]))):
        if label == "code":
            paths = sorted(package.rglob("*.py"))
        else:
            paths = _files(folder)
        for path in paths:
            digest.update(f"{label}\0{path.relative_to(folder).as_posix()}\0".encode())
            with open(path, "rb") as stream:
                digest.update(hashlib.sha256(stream.read()).digest())
    return digest.hexdigest()


def git_state(content_dir: Path) -> str:
    """The commit checked out and the uncommitted changes below the content folder (one git call)."""
    try:
        result = subprocess.run(
            ["git", "status", "--porcelain=v2", "--branch", "--untracked-files=all", "--", "."],
            cwd=content_dir.resolve(), capture_output=True, timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return hashlib.sha256(b"geen git").hexdigest()
    if result.returncode != 0:
        return hashlib.sha256(b"geen git").hexdigest()
    lines = [line for line in result.stdout.splitlines() if not line.startswith((b"# branch.head", b"# branch.ab",
                                                                                  b"# branch.upstream"))]
    return hashlib.sha256(b"\n".join(lines)).hexdigest()


def selection(formats: tuple[str, ...], gemeente: str | None, documents: list[str] | None,
              wijziging: dict | None = None) -> str:
    """The key of one selection; ``wijziging``: an amendment's revisions and options (see ``amendment``)."""
    choice = {"formaten": list(formats), "gemeente": slug(gemeente) if gemeente else None,
              "documenten": sorted(documents or [])}
    if wijziging is not None:
        choice["wijziging"] = wijziging
    return json.dumps(choice, sort_keys=True)


WORKING_TREE = "werkmap"  # the same word as source.WORKING_TREE (source.py imports the loader)


def commit_of(content_dir: Path, name: str) -> str | None:
    """The full hash of the commit ``name`` names (a hash, tag or branch), or None (one git call)."""
    try:
        result = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"],
                                cwd=content_dir.resolve(), capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    found = result.stdout.decode("ascii", "replace").strip()
    return found if result.returncode == 0 and re.fullmatch(r"[0-9a-f]{40,64}", found) else None


def amendment(content_dir: Path, formats: tuple[str, ...], rev_oud: str, rev_nieuw: str | None,
              integraal: bool, nummering: str) -> str | None:
    """The selection of a ``wijziging`` run: both revisions as resolved commits (the working tree as
    ``werkmap``: the input digest of the state stands for it), the options and the formats; None
    when a revision is not a commit (the normal path says why)."""
    old = commit_of(content_dir, rev_oud)
    new = commit_of(content_dir, rev_nieuw) if rev_nieuw else WORKING_TREE
    if old is None or new is None:
        return None
    return selection(formats, None, None, {"oud": old, "nieuw": new, "integraal": integraal,
                                           "nummering": nummering})


def snapshot(content_dir: Path) -> dict:
    """The state of everything a build reads, taken before it reads any of it."""
    return {"invoer": inputs_digest(content_dir), "git": git_state(content_dir), "omgeving": environment_key()}


def output_folder(content_dir: Path, out_dir: Path) -> Path:
    return out_dir / slug(content_dir.resolve().name)


def record(previous: dict, choice: str | None, state: dict | None, documents: list[str], files: list[str],
           details: dict | None = None, changed: set[str] | frozenset[str] = frozenset()) -> dict:
    """The manifest's ``snel`` entry after a run: this selection's state first, a few others kept.

    ``choice`` None: a run without a fast path (the others' records stay). ``details``: what the
    command reports besides the files (an amendment: its notes and the number of changes), given
    back by ``answer``. ``changed``: the files this run wrote with other bytes than before; another
    selection that lists one of them no longer describes its files and is forgotten."""
    entries = [e for e in previous.get("keuzes", []) if isinstance(e, dict) and e.get("keuze") != choice
               and not changed.intersection(e.get("bestanden", []))]
    if choice is None:
        return {"omgeving": previous.get("omgeving", environment()), "keuzes": entries[:KEPT_SELECTIONS]}
    entry = {"keuze": choice, **(state or {}), "documenten": documents, "bestanden": sorted(files)}
    if details:
        entry["gegevens"] = details
    return {"omgeving": environment(), "keuzes": [entry, *entries][:KEPT_SELECTIONS]}


def _manifest(folder: Path) -> dict:
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def unchanged(content_dir: Path, out_dir: Path, formats: tuple[str, ...], gemeente: str | None = None,
              documents: list[str] | None = None) -> tuple[list[str], list[Path]] | None:
    """``(documents, files)`` when a build of this selection would change nothing; else None."""
    found = answer(content_dir, out_dir, selection(formats, gemeente, documents))
    return None if found is None else (list(found[0].get("documenten", [])), found[1])


def answer(content_dir: Path, out_dir: Path, choice: str | None) -> tuple[dict, list[Path]] | None:
    """``(record, files)`` when a run of this selection would change nothing; else None.

    Nothing changed when the manifest has a record for this selection whose input digest, git
    state and environment key equal today's, and every output file it lists still has the hash
    the manifest recorded (a deleted or hand-edited output goes the normal way).
    """
    if choice is None or not content_dir.is_dir():
        return None
    folder = output_folder(content_dir, out_dir)
    manifest = _manifest(folder)
    entry = next((e for e in (manifest.get("snel") or {}).get("keuzes", [])
                  if isinstance(e, dict) and e.get("keuze") == choice), None)
    recorded = manifest.get("bestanden")
    if entry is None or not isinstance(recorded, dict):
        return None
    if entry.get("omgeving") != environment_key() or entry.get("git") != git_state(content_dir):
        return None
    paths = [folder / name for name in entry.get("bestanden", [])]
    for path in paths:
        expected = (recorded.get(path.name) or {}).get("sha256")
        try:
            with open(path, "rb") as stream:
                if hashlib.sha256(stream.read()).hexdigest() != expected:
                    return None
        except OSError:
            return None
    if entry.get("invoer") != inputs_digest(content_dir):
        return None
    return entry, paths


__all__ = ["environment", "environment_key", "snapshot", "record", "unchanged", "answer", "selection", "amendment"]
