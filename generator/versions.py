"""Where a build comes from: the version table in the content and the git revision.

The revision is that of the last commit that changed the content folder, so
committing something else does not change the documents. Uncommitted changes in
the content folder are marked; outside a git repository there is no revision.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from .checks import Finding, check, duplicates
from .derive import Afgeleid, Invoerzicht, deriver
from .model import Inhoud


@dataclass(frozen=True)
class Versiestand:
    versie: str | None  # the latest version in the version table (``afgeleid.bronrevisie`` is an input)


@deriver(Versiestand)
def _versie(inhoud: Inhoud, nodig: Invoerzicht) -> Versiestand:
    return Versiestand(inhoud.versies[-1].versie if inhoud.versies else None)


def revision(folder: Path) -> str | None:
    """``<12 hex>`` of the last commit touching ``folder``, ``+wijzigingen`` if it has uncommitted changes."""
    folder = folder.resolve()
    try:
        commit = _git(folder, "log", "-1", "--format=%H", "--", ".")
        if not commit:
            return None
        dirty = _git(folder, "status", "--porcelain", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return None
    return commit[:12] + ("+wijzigingen" if dirty else "")


def _git(folder: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, timeout=10)
    if result.returncode != 0:
        raise subprocess.SubprocessError(result.stderr)
    return result.stdout.strip()


@check
def _versions_in_order(inhoud: Inhoud, afgeleid: Afgeleid):
    versions = inhoud.versies or []
    for earlier, later in zip(versions, versions[1:]):
        if later.datum < earlier.datum:
            yield Finding(later.pad + ("datum",), "de versies staan niet op volgorde van datum (oudste eerst)",
                          related=earlier.pad + ("datum",))
    yield from duplicates(versions, "versie", "versie")
