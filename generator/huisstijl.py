"""House styles: ``templates/huisstijl/<naam>/`` with ``stijl.css`` (PDF) and
``sjabloon.docx`` (Word). The neutral ``standaard`` style is always the base;
a specific style (a gemeente's, or the cooperation's) is laid over it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .errors import BuildError
from .paths import inside, slug

#: The footer of every document, in Word and in the PDF alike: "Pagina X van Y". Text pieces
#: and page counters (Word fields PAGE and NUMPAGES; CSS counters page and pages). The house
#: style decides how it looks (Word style Footer, ``@page`` in stijl.css), not what it says.
VOETTEKST = ("Pagina ", "PAGE", " van ", "NUMPAGES")
_CSS_COUNTERS = {"PAGE": "counter(page)", "NUMPAGES": "counter(pages)"}


def voettekst_css() -> str:
    """The footer as a CSS ``@page`` rule, from ``VOETTEKST``."""
    content = " ".join(_CSS_COUNTERS.get(part) or '"' + part.replace('"', '\\"') + '"' for part in VOETTEKST)
    return "@page { @bottom-center { content: %s; } }" % content


@dataclass(frozen=True)
class Huisstijl:
    name: str
    stylesheets: list[Path] = field(default_factory=list)
    docx_template: Path | None = None
    folders: list[Path] = field(default_factory=list)


def find(template_dirs: list[Path], names: list[str]) -> Huisstijl:
    """The house style for the first of ``names`` that has one, over ``standaard``."""
    base = _folder(template_dirs, "standaard")
    specific = None
    for name in names:
        specific = _folder(template_dirs, slug(name))
        if specific is not None:
            break
    folders = [f for f in (base, specific) if f is not None]
    stylesheets = [f / "stijl.css" for f in folders if (f / "stijl.css").is_file()]
    docx = next((f / "sjabloon.docx" for f in reversed(folders) if (f / "sjabloon.docx").is_file()), None)
    for path in [*stylesheets, *([docx] if docx else [])]:
        if not inside(path, template_dirs):  # a link out of the folders: never read someone's files
            raise BuildError(f"{path}: huisstijlbestand geweigerd: het is een koppeling naar {path.resolve()}, "
                             "buiten de sjabloonmappen")
    return Huisstijl(specific.name if specific else "standaard", stylesheets, docx, folders)


def _folder(template_dirs: list[Path], name: str) -> Path | None:
    for directory in template_dirs:
        candidate = directory / "huisstijl" / name
        if candidate.is_dir():
            return candidate
    return None
