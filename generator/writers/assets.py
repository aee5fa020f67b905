"""One containment rule for every file a writer reads (images, logos, fonts, CSS urls).

A document may use ``data:`` URLs and files below its roots (the template folders and the
content folder), nothing else: no network, nothing outside (``..`` and links are resolved
first). The DOCX, HTML and PDF writers all ask here.
"""

from __future__ import annotations

import base64
import binascii
import mimetypes
import re
from pathlib import Path
from typing import Any

from ..document import RenderedDocument
from ..errors import BuildError
from ..paths import inside

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def allowed(path: Path, roots: list[Path]) -> bool:
    """Whether a file may be read: it lies below one of ``roots`` (resolved)."""
    return inside(path, roots)


def local_file(doc: RenderedDocument, source: str, base: Path | None = None) -> Path:
    """The file a relative reference points to, or a BuildError: remote, outside or missing."""
    if _SCHEME.match(source):
        raise BuildError(f"document {doc.name}: afbeelding van buiten ({source[:60]}) is niet toegestaan")
    path = ((base or doc.base_dir) / source).resolve()
    if not allowed(path, doc.roots):
        raise BuildError(f"document {doc.name}: afbeelding {source} ligt buiten de sjablonen en de inhoud")
    if not path.is_file():
        raise BuildError(f"document {doc.name}: afbeelding {source} niet gevonden")
    return path


def asset_bytes(doc: RenderedDocument, source: str, element: Any = None) -> bytes:
    """The bytes of a ``data:`` URL (base64) or of a contained file."""
    if source.startswith("data:"):
        header, _, payload = source.partition(",")
        line = f" (regel {element.sourceline})" if element is not None else ""
        if ";base64" not in header:
            raise BuildError(f"document {doc.name}: data-URI zonder base64{line}")
        try:
            return base64.b64decode(payload, validate=True)
        except binascii.Error:
            raise BuildError(f"document {doc.name}: ongeldige data-URI{line}") from None
    path = local_file(doc, source)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BuildError(f"document {doc.name}: afbeelding {source} niet gevonden ({exc.strerror})") from None


def data_url(path: Path) -> str:
    """A contained file as a ``data:`` URL (for the self-contained HTML)."""
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
