"""``samenwerking importeer``: a published regulation → a content folder.

Sources: plain text copied from the publication websites (page furniture left out), DOCX
(typed numbers or Word numbering, this tool's own output included) and the repository XML for
decentral regulations. One path for all three: each reader makes lines (:mod:`.bron`,
:mod:`.docx`, :mod:`.xml`), :mod:`.regels` recognises them and builds the structure
(:mod:`.structuur`, where numbering is checked), :mod:`.schrijven` writes the YAML with
references as ``[[id]]`` (:mod:`.verwijzingen`).

Writing is all or nothing, as for ``samenwerking nieuw``: the files go into a hidden folder next
to the target, are checked as ``samenwerking check`` would, and the folder is renamed into place.
An existing folder is never overwritten. See docs/importeer.md.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError, display_path, environment_message
from ..output import new_folder
from ..paths import slug
from .bron import ImportFout, fout
from .verwijzingen import Onopgelost


@dataclass
class Resultaat:
    map: Path
    naam: str
    bron: str  # tekst, docx, xml
    artikelen: int
    gemeenten: list[str]
    opgaven: list[str] = field(default_factory=list)  # what today's Wgr still asks, file:line:col: message
    onopgelost: list[Onopgelost] = field(default_factory=list)
    opmerkingen: list[str] = field(default_factory=list)
    seconden: float = 0.0


def lees(bestand: Path, naam: str | None = None):
    """The source → (kind, :class:`.schrijven.Inhoud`); raises :class:`ImportFout`."""
    from . import bron, regels, schrijven

    try:
        data = bestand.read_bytes()
    except IsADirectoryError:
        raise fout(bestand, None, None, "dit is een map, geen bestand") from None
    except OSError as error:
        error.filename = None  # fout() names the file already
        raise fout(bestand, None, None, environment_message(error, "kan het bestand niet lezen")) from None
    kind = bron.soort(bestand, data)
    if kind == "docx":
        from . import docx

        lines = docx.regels(bestand, data)
    elif kind == "xml":
        from . import xml

        lines = xml.regels(bestand, data)
    else:
        lines = bron.regels(bron.tekst(bestand, data))
    structuur = regels.lees(bestand, lines)
    return kind, schrijven._Schrijver(structuur, bestand, naam).inhoud()


def importeer(bestand: Path, map: Path | None = None, naam: str | None = None,
              ouder: Path = Path("content")) -> Resultaat:
    started = time.perf_counter()
    bestand = Path(bestand)
    if map is not None and (Path(map).exists() or Path(map).is_symlink()):
        raise ImportFout(f"de map {map} bestaat al en wordt nooit overschreven; er is niets geschreven. Kies een "
                         "andere --map")
    kind, inhoud = lees(bestand, naam)
    target = Path(map) if map is not None else Path(ouder) / slug(inhoud.naam)
    if target.exists() or target.is_symlink():
        raise ImportFout(f"de map {target} bestaat al en wordt nooit overschreven; er is niets geschreven. Geef "
                         "een andere --map of --naam")
    opgaven, gemeenten = new_folder(
        target, inhoud.bestanden, lambda folder: _controle(folder, target),
        lambda: ImportFout(f"de map {target} bestaat al en wordt nooit overschreven; er is niets geschreven"))
    return Resultaat(target, inhoud.naam, kind, inhoud.artikelen, gemeenten, opgaven, inhoud.onopgelost,
                     inhoud.opmerkingen, time.perf_counter() - started)


def _controle(folder: Path, target: Path) -> tuple[list[str], list[str]]:
    """Check the folder as ``samenwerking check`` would; the Wgr opgaven with their positions."""
    from ..build import load_project
    from ..errors import Problem
    from ..regeling.wgr import opgaven

    def here(text: str) -> str:
        return text.replace(str(folder.resolve()), str(target)).replace(str(folder), str(target))

    try:
        project = load_project(folder)
    except ContentError as error:
        raise ImportFout("de ingelezen regeling haalt de controle niet; er is niets geschreven:\n"
                         + here(error.report())) from None
    sources = project.content.sources
    result = []
    for finding in opgaven(project.inhoud, project.afgeleid):
        position = (sources.inside(finding.path, *finding.inside) if finding.inside is not None
                    else sources.value(finding.path))
        result.append(here(Problem(finding.message, position, finding.path).display()))
    return result, [g.naam for g in project.inhoud.gemeenten]


__all__ = ["ImportFout", "Resultaat", "importeer", "lees", "display_path"]
