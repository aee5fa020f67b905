"""Writing outputs: atomically, with a manifest, never over a file edited by hand.

Every file is written to a temporary file beside it and then renamed, so a
reader sees the old file or the new one, never half of one. The manifest
(``manifest.json``) records the hash of every file the tool wrote; a file whose
hash no longer matches was changed by a person and is not overwritten unless
asked (``--overschrijf``), and then only after a backup beside it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import OutputConflict

MANIFEST = "manifest.json"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


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
    path = folder / MANIFEST
    if not path.is_file():
        return {"bestanden": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"bestanden": {}}
    if not isinstance(data, dict) or not isinstance(data.get("bestanden"), dict):
        return {"bestanden": {}}
    return data


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
    for path in conflicts:
        backup = backup_name(path)
        write_atomic(backup, path.read_bytes())
        report.backups.append(backup)
    for output in to_write:
        write_atomic(folder / output.name, output.data)
        report.written.append(folder / output.name)
    entries = {name: entry for name, entry in recorded.items() if (folder / name).exists()}
    for output in outputs:
        entries[output.name] = output.record
    new_manifest = dict(header)
    new_manifest["bestanden"] = {name: entries[name] for name in sorted(entries)}
    text = json.dumps(new_manifest, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    manifest_path = folder / MANIFEST
    if not manifest_path.exists() or manifest_path.read_text(encoding="utf-8") != text:
        write_atomic(manifest_path, text.encode("utf-8"))
    return report
