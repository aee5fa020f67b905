"""Where a build comes from: the version table in the content and the git revision.

The revision is that of the last commit that changed the content folder, so
committing something else does not change the documents. Uncommitted changes in
the content folder are marked; outside a git repository there is no revision.
The revision itself is read by ``generator.source`` (the one git helper).
"""

from __future__ import annotations

from dataclasses import dataclass

from .checks import Finding, check, duplicates
from .derive import Afgeleid, Invoerzicht, deriver
from .model import Inhoud


@dataclass(frozen=True)
class Versiestand:
    versie: str | None  # the latest version in the version table (``afgeleid.bronrevisie`` is an input)


@deriver(Versiestand)
def _versie(inhoud: Inhoud, nodig: Invoerzicht) -> Versiestand:
    return Versiestand(inhoud.versies[-1].versie if inhoud.versies else None)


@check
def _versions_in_order(inhoud: Inhoud, afgeleid: Afgeleid):
    versions = inhoud.versies or []
    for earlier, later in zip(versions, versions[1:]):
        if later.datum < earlier.datum:
            yield Finding(later.pad + ("datum",), "de versies staan niet op volgorde van datum (oudste eerst)",
                          related=earlier.pad + ("datum",))
    yield from duplicates(versions, "versie", "versie")
