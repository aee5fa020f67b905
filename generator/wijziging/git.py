"""The content folder as it stood at a git revision, or as it is now in the working tree.

Only ``git`` itself is used (``rev-parse``, ``ls-tree``, ``cat-file``); the content folder
may lie anywhere below the repository root. Nothing is checked out or written.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError, Problem
from ..loader import content_files

WORKING_TREE = "werkmap"


@dataclass(frozen=True)
class Revisie:
    """The YAML files of the content folder at one revision."""

    gevraagd: str  # what the user asked for: "HEAD~1", "v1.0", or "werkmap"
    commit: str | None  # full hash; None for the working tree
    label: str  # for file names and properties: seven characters of the hash, or "werkmap"
    texts: list[tuple[str, str]] = field(default_factory=list)  # (file name shown in messages, text)


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ContentError([Problem(f"git kan niet worden uitgevoerd: {exc}")]) from None


def repository(folder: Path) -> tuple[Path, str]:
    """The repository root and the content folder's path inside it (``content/drechtsteden``)."""
    result = _git(folder, "rev-parse", "--show-toplevel")
    if result.returncode != 0:
        raise ContentError([Problem(f"{folder} staat niet in een git-repository; een wijziging vergelijkt "
                                    "twee revisies in git (zie docs/wijziging.md)")])
    root = Path(result.stdout.decode().strip()).resolve()
    prefix = folder.resolve().relative_to(root).as_posix()
    return root, "" if prefix == "." else prefix


def resolve(folder: Path, revision: str) -> str:
    """The full hash of a commit, or a Dutch problem when git does not know it."""
    result = _git(folder, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if result.returncode != 0 or not result.stdout.strip():
        raise ContentError([Problem(f'onbekende revisie "{revision}": geef een commit, tag of branch '
                                    "(bijvoorbeeld HEAD~1 of v1.0)")])
    return result.stdout.decode().strip()


def at_revision(folder: Path, revision: str) -> Revisie:
    """The YAML files directly in the content folder, as committed in ``revision``."""
    root, prefix = repository(folder)
    commit = resolve(folder, revision)
    label = commit[:7]
    listing = _git(root, "ls-tree", "-z", commit, "--", f"{prefix}/" if prefix else ".")
    if listing.returncode != 0:
        raise ContentError([Problem(f"git ls-tree {label} mislukte: {listing.stderr.decode().strip()}")])
    texts: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for entry in listing.stdout.decode().split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        kind, blob = meta.split()[1], meta.split()[2]
        if kind != "blob" or not path.endswith((".yaml", ".yml")):
            continue
        data = _git(root, "cat-file", "blob", blob)
        name = f"{label}:{path}"
        try:
            texts.append((name, data.stdout.decode("utf-8")))
        except UnicodeDecodeError as exc:
            problems.append(Problem(f"{name}: bestand is geen geldige UTF-8 (byte {exc.start})"))
    if problems:
        raise ContentError(problems)
    if not texts:
        where = prefix or "de hoofdmap van de repository"
        raise ContentError([Problem(f"in revisie {label} ({revision}) staan geen YAML-bestanden in {where}")])
    return Revisie(revision, commit, label, texts)


def working_tree(folder: Path) -> Revisie:
    """The YAML files as they are on disk now (the default new revision)."""
    from ..versions import revision

    texts: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for file in content_files(folder):
        try:
            texts.append((str(file), file.read_text(encoding="utf-8")))
        except UnicodeDecodeError as exc:
            problems.append(Problem(f"{file}: bestand is geen geldige UTF-8 (byte {exc.start})"))
    if problems:
        raise ContentError(problems)
    current = revision(folder)
    if current and not current.endswith("+wijzigingen"):
        # Nothing uncommitted in the content folder: the working tree is that commit.
        commit = resolve(folder, current)
        return Revisie(WORKING_TREE, commit, commit[:7], texts)
    return Revisie(WORKING_TREE, None, WORKING_TREE, texts)
