"""Where a build comes from: the version table in the content and the git revision.

The revision is that of the last commit that changed the content folder, so
committing something else does not change the documents. Uncommitted changes in
the content folder are marked; outside a git repository there is no revision.
The revision is read with the one git helper, ``generator.source``.
"""

from __future__ import annotations

from .checks import Finding, check, duplicates
from .derive import Afgeleid
from .model import Inhoud
from .source import revision  # noqa: F401 - the source revision, where it always was


@check
def _versions_in_order(inhoud: Inhoud, afgeleid: Afgeleid):
    versions = inhoud.versies or []
    for earlier, later in zip(versions, versions[1:]):
        if later.datum < earlier.datum:
            yield Finding(later.pad + ("datum",), "de versies staan niet op volgorde van datum (oudste eerst)",
                          related=earlier.pad + ("datum",))
    yield from duplicates(versions, "versie", "versie")
