"""Word styles come from the house style's ``sjabloon.docx``, never from code.

The document starts as a copy of the house style's template (its styles, page set-up,
header and footer); styles that a gemeente's template lacks are copied from the standard
template (templates/huisstijl/standaard/sjabloon.docx, made by scripts/maak_sjabloon.py).
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

from docx.opc.package import Unmarshaller
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.oxml import serialize_part_xml
from docx.opc.part import Part, PartFactory, XmlPart
from docx.opc.pkgreader import PackageReader
from docx.package import Package
from docx.parts.styles import StylesPart
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from ...paths import PACKAGE_TEMPLATES

STANDARD_TEMPLATE = PACKAGE_TEMPLATES / "huisstijl" / "standaard" / "sjabloon.docx"
#: Numbered paragraphs of legal text: number, tab, text with a hanging indent (level 1, 2, 3).
NUMBERED_STYLES = {"Lid": 1, "Onderdeel": 2, "Subonderdeel": 3}
NUMBER_INDENT = Cm(0.75)


class Template:
    """A house style's template, read and prepared once per process (per version of its file).

    Preparing: the template's text removed, the language set, missing styles added. Each
    document then starts as a copy of the prepared parts (``new_document``): no zip to read,
    no XML to parse per document. Style names are resolved to their ids here, once: python-docx
    scans all styles on every lookup.
    """

    def __init__(self, path: Path | None):
        self._reader = PackageReader.from_file(str(path or STANDARD_TEMPLATE))  # the zip, read once
        package = Package()
        Unmarshaller.unmarshal(self._reader, package, PartFactory)
        main = package.main_document_part
        if main.content_type != CT.WML_DOCUMENT_MAIN:  # as python-docx's Document() checks
            raise ValueError(f"file '{path or STANDARD_TEMPLATE}' is not a Word file, content type is '{main.content_type}'")
        prepared = main.document
        body = prepared.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        set_language(prepared, "nl-NL")
        if path is not None and Path(path).resolve() != STANDARD_TEMPLATE.resolve():
            add_missing_styles(prepared)
        self._xml_parts = {part.partname: (type(part), part.element)
                           for part in prepared.part.package.iter_parts() if isinstance(part, XmlPart)}
        self._styles = prepared.styles
        # The prepared styles do not change: each type's default style (python-docx scans all
        # styles for it on every name it resolves) is looked up once.
        self._styles.default = functools.cache(self._styles.default)  # type: ignore[method-assign]
        self.styles_element = prepared.styles.element
        self._style_ids: dict[tuple[str, Any], str | None] = {}
        self.style_names = {style.name for style in prepared.styles}

    def new_document(self) -> Any:
        """A new python-docx document: a copy of the prepared template."""
        package = Package()
        Unmarshaller.unmarshal(self._reader, package, self._part)
        return package.main_document_part.document

    def _part(self, partname: Any, content_type: str, reltype: str, blob: bytes, package: Any) -> Any:
        if partname in self._xml_parts:
            cls, element = self._xml_parts[partname]
            if element is self.styles_element:
                return TemplateStyles(partname, content_type, self, package)
            return cls(partname, content_type, copy.deepcopy(element), package)
        return PartFactory(partname, content_type, reltype, blob, package)

    @functools.cached_property
    def styles_blob(self) -> bytes:
        """The styles part as python-docx writes it, serialized once."""
        return serialize_part_xml(self.styles_element)

    def style_id(self, name: str, kind: Any) -> str | None:
        """The id of the style ``name`` of type ``kind`` (None: the default style of that type)."""
        key = (name, kind)
        if key not in self._style_ids:
            self._style_ids[key] = self._styles.get_style_id(name, kind)
        return self._style_ids[key]


class TemplateStyles(StylesPart):
    """A document's styles part: the template's, copied only when something reads or changes it.

    The writer takes style ids from the ``Template`` and changes no style (styles come from
    the template only), so a document's styles are normally the template's exactly: this part
    then writes the template's bytes (by far the largest part, ~350 kB), neither copied nor
    serialized again per document.
    """

    def __init__(self, partname: Any, content_type: str, template: Template, package: Any):
        Part.__init__(self, partname, content_type, package=package)
        self._template = template
        self._own: Any = None

    @property
    def _element(self) -> Any:  # python-docx reads the element through this attribute
        if self._own is None:
            self._own = copy.deepcopy(self._template.styles_element)
        return self._own

    @property
    def blob(self) -> bytes:
        return self._template.styles_blob if self._own is None else serialize_part_xml(self._own)


_TEMPLATES: dict[tuple[Any, ...], Template] = {}


def template(path: Path | None) -> Template:
    """The prepared template of ``path`` (None: the standard one), made again when a file changed."""
    files = [STANDARD_TEMPLATE] + ([Path(path)] if path is not None else [])
    key = (path, *((stat.st_mtime_ns, stat.st_size) for stat in map(Path.stat, files)))
    if key not in _TEMPLATES:
        for old in [k for k in _TEMPLATES if k[0] == path]:
            del _TEMPLATES[old]
        _TEMPLATES[key] = Template(path)
    return _TEMPLATES[key]


def add_missing_styles(document: Any) -> None:
    """Copy the standard template's styles that ``document``'s template does not define."""
    styles = document.styles.element
    present = {style.get(qn("w:styleId")) for style in styles.findall(qn("w:style"))}
    for element in template(None).styles_element.findall(qn("w:style")):
        if element.get(qn("w:styleId")) not in present:
            styles.append(copy.deepcopy(element))


def set_language(document: Any, lang: str) -> None:
    """The document's default language (spelling, hyphenation) in the style defaults."""
    styles_element = document.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        return
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    lang_element = rpr.find(qn("w:lang"))
    if lang_element is None:
        lang_element = OxmlElement("w:lang")
        rpr.append(lang_element)
    lang_element.set(qn("w:val"), lang)
    lang_element.set(qn("w:eastAsia"), lang)
    lang_element.set(qn("w:bidi"), "ar-SA")
