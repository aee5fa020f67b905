"""The ``wijziging`` part of the content: references in its texts, and its decision.

``[[id]]`` in the texts under ``wijziging`` points at the regulation, like the
regulation's own texts do. The decision named in ``wijziging.besluit`` must exist and be
of the kind ``toestemming-wijziging``.
"""

from __future__ import annotations

from typing import Iterator

from ..checks import Finding, check
from ..derive import Afgeleid, deriver
from ..model import Inhoud


@deriver
def _references(inhoud: Inhoud, afgeleid: Afgeleid) -> None:
    afgeleid.verwijzingen["wijziging"] = dict(afgeleid.verwijzingen.get("regeling", {}))


@check
def _decision(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    wijziging = inhoud.wijziging
    if wijziging is None:
        return
    if inhoud.regeling is None:
        yield Finding(wijziging.pad, "een wijziging hoort bij een regeling; vul `regeling` in")
    if wijziging.besluit is None:
        return
    decisions = {b.id: b for b in inhoud.besluiten or []}
    found = decisions.get(wijziging.besluit)
    if found is None:
        known = ", ".join(sorted(decisions)) or "geen (vul `besluiten` in)"
        yield Finding(wijziging.pad + ("besluit",), f'onbekend besluit "{wijziging.besluit}"; bekend zijn: {known}')
    elif found.soort != "toestemming-wijziging":
        yield Finding(wijziging.pad + ("besluit",), f'besluit "{found.id}" is van de soort {found.soort}; een '
                      'wijziging hoort bij een besluit van de soort toestemming-wijziging', related=found.pad + ("soort",))
