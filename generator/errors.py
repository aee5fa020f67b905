"""Problems found in content, and the exceptions that carry them.

Every message a user reads is Dutch. A problem knows where it is (file:line:col)
and which value it is about (a path such as ``gemeenten[3].inwoners``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PathKey = tuple[str | int, ...]


@dataclass(frozen=True, order=True)
class Position:
    """A place in a source file; line and column count from 1."""

    file: str
    line: int
    column: int

    def display(self) -> str:
        return f"{display_path(self.file)}:{self.line}:{self.column}"


def display_path(file: str | Path) -> str:
    """Show a path relative to the working directory when it lies below it."""
    path = Path(file)
    try:
        return os.path.relpath(path) if path.is_absolute() and _below_cwd(path) else str(path)
    except ValueError:  # another drive on Windows
        return str(path)


def _below_cwd(path: Path) -> bool:
    try:
        path.resolve().relative_to(Path.cwd().resolve())
        return True
    except ValueError:
        return False


def format_path(path: PathKey) -> str:
    """``('gemeenten', 3, 'inwoners')`` → ``gemeenten[3].inwoners``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, in Dutch, with its place."""

    message: str
    position: Position | None = None
    path: PathKey = ()
    # A second place that belongs to the same problem (e.g. the first of two duplicates).
    related: Position | None = None

    def display(self) -> str:
        parts = [self.position.display()] if self.position else []
        if self.path:
            parts.append(format_path(self.path))
        text = ": ".join(parts + [self.message])
        if self.related:
            text += f" (zie ook {self.related.display()})"
        return text

    def sort_key(self) -> tuple:
        if self.position is None:
            return ("", 0, 0, self.message)
        return (self.position.file, self.position.line, self.position.column, self.message)


def suggestion(value: object, known: "list[str] | set[str] | tuple[str, ...]") -> str:
    """``; bedoelde u "Papendrecht"?`` for a misspelt name, or "" when nothing is close."""
    import difflib

    close = difflib.get_close_matches(str(value), sorted(str(k) for k in known), n=1, cutoff=0.6)
    return f'; bedoelde u "{close[0]}"?' if close else ""


class SamenwerkingError(Exception):
    """Base class of the errors the command line reports without a traceback."""

    exit_code = 1


@dataclass
class ContentError(SamenwerkingError):
    """The content is invalid; carries every problem found, not just the first."""

    problems: list[Problem] = field(default_factory=list)
    exit_code = 2

    def __post_init__(self) -> None:
        super().__init__(self.report())

    def report(self) -> str:
        lines = [p.display() for p in sorted(self.problems, key=Problem.sort_key)]
        return "\n".join(lines)


class BuildError(SamenwerkingError):
    """A deliverable could not be produced (template, document vocabulary, writer)."""

    exit_code = 1


class OutputConflict(SamenwerkingError):
    """An output file was changed by hand since the build that wrote it."""

    exit_code = 1


class EnvironmentProblem(SamenwerkingError):
    """The machine, not the tool or the content: a folder that cannot be written, a full disk."""

    exit_code = 1


#: What an operating-system error means, in Dutch (by errno name).
_OS_ERRORS = {
    "EACCES": "geen toestemming om te schrijven of te lezen",
    "EPERM": "geen toestemming om te schrijven of te lezen",
    "EROFS": "de map staat op een schijf die alleen gelezen kan worden",
    "ENOSPC": "de schijf is vol",
    "EDQUOT": "de schijfruimte (quotum) is op",
    "ENOTDIR": "een deel van het pad is een bestand, geen map",
    "EEXIST": "er staat al een bestand met die naam, waar een map moet komen",
    "EISDIR": "dit is een map, geen bestand",
    "ENOENT": "bestaat niet",
    "ENAMETOOLONG": "de naam is te lang",
    "EMFILE": "te veel geopende bestanden",
    "EIO": "de schijf geeft een lees- of schrijffout",
}


def environment_message(error: OSError, doing: str = "kan niet schrijven") -> str:
    """One Dutch line for an OSError: what the tool could not do, where, and why."""
    import errno as errno_names

    name = errno_names.errorcode.get(error.errno or 0, "")
    reason = _OS_ERRORS.get(name, f"fout van het besturingssysteem ({name or error.errno or type(error).__name__})")
    where = error.filename
    place = f" {display_path(where)}" if where else ""
    return f"{doing}{place}: {reason}"
