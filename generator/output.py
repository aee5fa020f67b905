"""Writing outputs: atomically, with a manifest, never over a file edited by hand.

Every file is written to a temporary file beside it and then renamed, so a
reader sees the old file or the new one, never half of one. The manifest
(``manifest.json``) records the hash of every file the tool wrote; a file whose
hash no longer matches was changed by a person and is not overwritten unless
asked (``--overschrijf``), and then only after a backup beside it.

A build first writes every new file to its temporary file; when that fails (a full
disk, a folder that cannot be written) the temporary files go and nothing has changed.
Then it writes the manifest-to-be as ``.manifest-onderweg.json``, renames the files and
writes ``manifest.json`` last, atomically, and removes the journal. A build killed between
the renames leaves the journal: the next build reads it, and a file whose hash is in it
is the tool's own completed write, not a person's edit.
"""

from __future__ import annotations

import glob
import hashlib
import json
import errno
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TypeVar

from .errors import EnvironmentProblem, OutputConflict, environment_message

T = TypeVar("T")

MANIFEST = "manifest.json"
JOURNAL = ".manifest-onderweg.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    os.replace(stage(path, data), path)


def stage(path: Path, data: bytes) -> str:
    """Write ``data`` to a temporary file beside ``path`` (flushed to disk); returns its name.

    An OSError names ``path`` (or its folder), not the temporary file nobody asked for.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise OSError(error.errno, error.strerror, str(path.parent)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
    except BaseException as error:
        if os.path.exists(temporary):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OSError(error.errno, error.strerror, str(path)) from None
        raise
    return temporary


@dataclass
class Output:
    """One file a build wants to write, with what it was made from."""

    name: str  # file name inside the cooperation's output folder
    data: bytes | None  # None: up to date, not made again (its file and manifest entry stay)
    record: dict = field(default_factory=dict)  # document, gemeente, formaat, bronnen, invoer


@dataclass
class Report:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    backups: list[Path] = field(default_factory=list)


def load_manifest(folder: Path) -> dict:
    """The manifest, with the entries of an interrupted build whose files were completely written."""
    data = _read_json(folder / MANIFEST)
    journal = _read_json(folder / JOURNAL)
    for name, entry in journal["bestanden"].items():
        path = folder / name
        if isinstance(entry, dict) and path.is_file() and _hash_of(path) == entry.get("sha256"):
            data["bestanden"][name] = entry
    return data


def _read_json(path: Path) -> dict:
    if not path.is_file():
        return {"bestanden": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"bestanden": {}}
    if not isinstance(data, dict) or not isinstance(data.get("bestanden"), dict):
        return {"bestanden": {}}
    return data


def _hash_of(path: Path) -> str | None:
    try:
        return sha256(path.read_bytes())
    except OSError:
        return None


def backup_name(path: Path) -> Path:
    number = 1
    while True:
        candidate = path.with_name(f"{path.stem}.reservekopie-{number}{path.suffix}")
        if not candidate.exists():
            return candidate
        number += 1


def commit(folder: Path, outputs: list[Output], header: dict, overwrite: bool = False) -> Report:
    """Write all outputs, or none when one of them would destroy a hand edit."""
    manifest = load_manifest(folder)
    recorded = manifest["bestanden"]
    report = Report()
    to_write: list[Output] = []
    conflicts: list[Path] = []
    for output in outputs:
        path = folder / output.name
        if output.data is None:
            report.unchanged.append(path)
            continue
        new_hash = sha256(output.data)
        output.record["sha256"] = new_hash
        if path.exists():
            current = sha256(path.read_bytes())
            if current == new_hash:
                report.unchanged.append(path)
                continue
            if recorded.get(output.name, {}).get("sha256") != current:
                conflicts.append(path)
        to_write.append(output)
    if conflicts and not overwrite:
        names = "\n".join(f"  {path}" for path in conflicts)
        raise OutputConflict(
            "deze bestanden zijn na de vorige build met de hand gewijzigd (of niet door deze tool gemaakt) "
            f"en worden niet overschreven:\n{names}\n"
            "Bewaar de wijzigingen in de YAML, of bouw opnieuw met --overschrijf: "
            "dan blijft een reservekopie naast het bestand staan."
        )
    entries = {name: entry for name, entry in recorded.items() if (folder / name).exists()}
    for output in outputs:
        entries[output.name] = output.record
    new_manifest = dict(header)
    new_manifest["bestanden"] = {name: entries[name] for name in sorted(entries)}
    text = json.dumps(new_manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    manifest_path = folder / MANIFEST
    try:
        staged = _stage_all(folder, conflicts, to_write)
    except OSError as error:
        raise EnvironmentProblem(environment_message(error) + "; er is niets geschreven") from None
    try:
        if staged:
            write_atomic(folder / JOURNAL, text.encode("utf-8"))
        for temporary, path in staged:
            os.replace(temporary, path)
        if not manifest_path.exists() or manifest_path.read_text(encoding="utf-8") != text:
            write_atomic(manifest_path, text.encode("utf-8"))
        if (folder / JOURNAL).exists():
            os.unlink(folder / JOURNAL)
    except OSError as error:
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)
        raise EnvironmentProblem(environment_message(error) + "; de bestanden die al klaar waren, staan in "
                                 f"{JOURNAL}: de volgende build herkent ze") from None
    report.backups.extend(path for _, path in staged[:len(conflicts)])
    report.written.extend(folder / output.name for output in to_write)
    return report


def _stage_all(folder: Path, conflicts: list[Path], to_write: list[Output]) -> list[tuple[str, Path]]:
    """Backups and new files in temporary files beside their places; all of them, or none."""
    staged: list[tuple[str, Path]] = []
    for output in to_write:  # temporary files of a build that was killed before it could rename them
        for stale in folder.glob(f".{glob.escape(output.name)}.*.tmp"):
            stale.unlink(missing_ok=True)
    try:
        taken: set[Path] = set()
        for path in conflicts:
            backup = backup_name(path)
            while backup in taken:  # pragma: no cover - two backups of one file in one build cannot happen
                backup = backup.with_name("_" + backup.name)
            taken.add(backup)
            staged.append((stage(backup, path.read_bytes()), backup))
        for output in to_write:
            staged.append((stage(folder / output.name, output.data), folder / output.name))
    except OSError:
        for temporary, _ in staged:
            if os.path.exists(temporary):
                os.unlink(temporary)
        raise
    return staged


def new_folder(target: Path, files: dict[str, str], check: Callable[[Path], T],
               exists: Callable[[], Exception]) -> T:
    """Write ``files`` (name → text) as the new folder ``target``, all or nothing.

    They are written into a hidden folder beside the target, ``check`` reads them there (and may
    raise: nothing is left), and one rename makes the folder appear complete. An existing target
    is never overwritten: ``exists()`` is raised, also when one appears in the meantime (POSIX
    rename would replace an *empty* folder, so it is looked for once more first). The machine
    refusing is an :class:`EnvironmentProblem` in Dutch.
    """
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        temporary = _temporary_folder(parent, target.name)
    except OSError as error:
        raise EnvironmentProblem(environment_message(error) + "; er is niets geschreven") from None
    try:
        try:
            for name, text in files.items():
                (temporary / name).write_text(text, encoding="utf-8", newline="\n")
        except OSError as error:
            raise EnvironmentProblem(environment_message(error) + "; er is niets geschreven") from None
        result = check(temporary)
        if target.exists() or target.is_symlink():
            raise exists()
        try:
            os.rename(temporary, target)
        except OSError as error:
            if error.errno in (errno.EEXIST, errno.ENOTEMPTY, errno.EISDIR):
                raise exists() from None
            raise EnvironmentProblem(environment_message(error, f"kan de map {target} niet maken")
                                     + "; er is niets geschreven") from None
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    return result


def _temporary_folder(parent: Path, name: str) -> Path:
    """A new hidden folder next to the target, with the usual permissions (umask), not 0700."""
    while True:
        candidate = parent / f".{name}.{secrets.token_hex(4)}.nieuw"
        try:
            candidate.mkdir()
            return candidate
        except FileExistsError:  # pragma: no cover - 32 random bits
            continue
