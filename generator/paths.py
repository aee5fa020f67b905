"""Where templates and house styles are found, and safe file names."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

#: The templates that ship with the tool: inside the installed package (a wheel), or the
#: repository's ``templates/`` (a source checkout or an editable install).
_HERE = Path(__file__).resolve().parent
PACKAGE_TEMPLATES = _HERE / "templates" if (_HERE / "templates").is_dir() else _HERE.parent / "templates"


def slug(text: str) -> str:
    """A file-system-safe name: ``Hendrik-Ido-Ambacht`` → ``hendrik-ido-ambacht``.

    Only ``a-z``, ``0-9`` and ``-`` survive; path separators, dots and other
    characters from content never reach the file system.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    result = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return result[:80].strip("-") or "onbekend"


def project_root(content_dir: Path) -> Path:
    """The project a content folder belongs to: ``<root>/content/<naam>`` → ``<root>``."""
    content_dir = content_dir.resolve()
    if content_dir.parent.name == "content":
        return content_dir.parent.parent
    return Path.cwd().resolve()


def template_dirs(content_dir: Path) -> list[Path]:
    """Template folders, most specific first: the cooperation's own, the project's, the tool's."""
    candidates = [
        content_dir.resolve() / "sjablonen",
        project_root(content_dir) / "templates",
        PACKAGE_TEMPLATES,
    ]
    result: list[Path] = []
    for candidate in candidates:
        if candidate.is_dir() and candidate not in result:
            result.append(candidate)
    return result


def inside(path: Path, roots: list[Path]) -> bool:
    """Whether ``path`` (resolved, so ``..`` and links count) lies below one of ``roots``."""
    resolved = Path(path).resolve()
    for root in roots:
        try:
            resolved.relative_to(Path(root).resolve())
            return True
        except ValueError:
            continue
    return False
