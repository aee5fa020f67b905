"""Where a project comes from: the content folder as it is on disk, or as it was committed at a
git revision. Every command starts from a :class:`Source`; ``build``, ``check`` and ``preview``
from the working folder, ``wijziging`` from two of them (the old and the new revision).

This is also the one place that runs ``git`` (``rev-parse``, ``log``, ``status``, ``ls-tree``,
``cat-file``): nothing is checked out or written, and the content folder may lie anywhere below
the repository root. Outside a repository a working folder simply has no revision.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem
from .loader import Content, content_files, load_folder, load_texts

#: How long one git command may take (seconds).
GIT_TIMEOUT = 30
#: The label of the working folder when it has uncommitted changes (or no commit at all).
WORKING_TREE = "werkmap"


class GitError(Exception):
    """git could not be run, or it refused the command (its message in Dutch or git's own)."""


def git(folder: Path, *args: str) -> bytes:
    """The output of ``git <args>`` run in ``folder``; GitError when git is missing or fails."""
    try:
        result = subprocess.run(["git", *args], cwd=folder, capture_output=True, timeout=GIT_TIMEOUT)
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git kan niet worden uitgevoerd: {exc}") from None
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip())
    return result.stdout


def git_text(folder: Path, *args: str) -> str:
    return git(folder, *args).decode("utf-8").strip()


def revision(folder: Path) -> str | None:
    """``<12 hex>`` of the last commit touching ``folder``, ``+wijzigingen`` if it has uncommitted
    changes; None outside a git repository (or before the first commit of the folder)."""
    folder = Path(folder).resolve()
    try:
        commit = git_text(folder, "log", "-1", "--format=%H", "--", ".")
        if not commit:
            return None
        dirty = git_text(folder, "status", "--porcelain", "--", ".")
    except GitError:
        return None
    return commit[:12] + ("+wijzigingen" if dirty else "")


@dataclass(frozen=True)
class Source:
    """The YAML files of one content folder: on disk (``texts`` None), or at a git revision.

    Templates, house styles and images always come from disk (``folder``); only the content's
    own YAML can come from a revision.
    """

    folder: Path  # the content folder on disk
    gevraagd: str = WORKING_TREE  # what the user asked for: "werkmap", "HEAD~1", "v1.0"
    commit: str | None = None  # full hash; None for a working folder with uncommitted changes
    label: str = WORKING_TREE  # for file names: seven characters of the hash, or "werkmap"
    texts: tuple[tuple[str, str], ...] | None = None  # (name shown in messages, text); None: read from disk
    bronrevisie: str | None = None  # as documents show it (see ``revision``)

    def load(self) -> Content:
        """The content, with a position (file:line:col) for every value."""
        if self.texts is None:
            return load_folder(self.folder)
        return load_texts(self.folder, list(self.texts))

    def names(self, root: Path) -> list[str]:
        """The content files, as the manifest lists them: relative to the project, or ``<label>:<path>``."""
        if self.texts is None:
            return sorted(relative(file, root) for file in content_files(self.folder))
        return sorted(relative(Path(name), root) if Path(name).is_absolute() else name for name, _ in self.texts)

    def texts_or_files(self) -> list[tuple[str, bytes]]:
        """What the content is made of, for the key that says whether anything changed."""
        if self.texts is None:
            return [(str(f), f.read_bytes()) for f in content_files(self.folder)]
        return [(name, text.encode("utf-8")) for name, text in self.texts]


def relative(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` (``content/drechtsteden/regeling.yaml``), or as it is when outside."""
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return Path(path).name


def working_folder(folder: Path) -> Source:
    """The content folder as it is on disk (``build``, ``check``, ``preview``)."""
    folder = Path(folder)
    return Source(folder, bronrevisie=revision(folder) if folder.is_dir() else None)


def repository(folder: Path) -> tuple[Path, str]:
    """The repository root and the content folder's path inside it (``content/drechtsteden``)."""
    try:
        root = Path(git_text(folder, "rev-parse", "--show-toplevel")).resolve()
    except GitError:
        raise ContentError([Problem(f"{folder} staat niet in een git-repository; een wijziging vergelijkt "
                                    "twee revisies in git (zie docs/wijziging.md)")]) from None
    prefix = Path(folder).resolve().relative_to(root).as_posix()
    return root, "" if prefix == "." else prefix


def resolve(folder: Path, name: str) -> str:
    """The full hash of a commit, or a Dutch problem when git does not know it."""
    try:
        found = git_text(folder, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}")
    except GitError:
        found = ""
    if not found:
        raise ContentError([Problem(f'onbekende revisie "{name}": geef een commit, tag of branch '
                                    "(bijvoorbeeld HEAD~1 of v1.0)")])
    return found


def is_revision(folder: Path, name: str) -> bool:
    """Whether git in ``folder`` knows ``name`` as a commit (a tag, branch or hash)."""
    try:
        return bool(git_text(folder, "rev-parse", "--verify", "--quiet", f"{name}^{{commit}}"))
    except GitError:
        return False


def at_revision(folder: Path, name: str) -> Source:
    """The YAML files directly in the content folder, as committed in revision ``name``."""
    root, prefix = repository(folder)
    commit = resolve(folder, name)
    label = commit[:7]
    try:
        listing = git(root, "ls-tree", "-z", commit, "--", f"{prefix}/" if prefix else ".").decode("utf-8")
    except GitError as exc:
        raise ContentError([Problem(f"git ls-tree {label} mislukte: {exc}")]) from None
    texts: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for entry in listing.split("\0"):
        if not entry:
            continue
        meta, path = entry.split("\t", 1)
        kind, blob = meta.split()[1], meta.split()[2]
        if kind != "blob" or not path.endswith((".yaml", ".yml")):
            continue
        shown = f"{label}:{path}"
        try:
            texts.append((shown, git(root, "cat-file", "blob", blob).decode("utf-8")))
        except UnicodeDecodeError as exc:
            problems.append(Problem(f"{shown}: bestand is geen geldige UTF-8 (byte {exc.start})"))
        except GitError as exc:
            problems.append(Problem(f"{shown}: git cat-file mislukte: {exc}"))
    if problems:
        raise ContentError(problems)
    if not texts:
        where = prefix or "de hoofdmap van de repository"
        raise ContentError([Problem(f"in revisie {label} ({name}) staan geen YAML-bestanden in {where}")])
    return Source(Path(folder), name, commit, label, tuple(texts), commit[:12])


def working_tree(folder: Path) -> Source:
    """The content folder as it is on disk, as the new revision of an amendment: labelled with its
    commit when nothing in the content folder is uncommitted, else ``werkmap``."""
    source = working_folder(folder)
    current = source.bronrevisie
    if current and not current.endswith("+wijzigingen"):
        # Nothing uncommitted in the content folder: the working tree is that commit.
        commit = resolve(folder, current)
        return Source(Path(folder), WORKING_TREE, commit, commit[:7], None, current)
    return source
