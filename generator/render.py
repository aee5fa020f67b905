"""Render a deliverable's Jinja template to the intermediate HTML document.

Jinja runs in its sandbox (a template in a cooperation's ``sjablonen/`` is someone else's
code: it may not reach Python's internals, files or the shell), with autoescape (content
cannot inject markup) and StrictUndefined (a misspelt variable is an error, not an empty
string). See docs/robuustheid.md.
"""

from __future__ import annotations

import datetime
import re
import traceback
import types
from pathlib import Path, PurePath
from typing import Any

import jinja2
import jinja2.nodes
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from . import formatting, markup
from .derive import Afgeleid
from .document import RenderedDocument, metadata, parse
from .errors import BuildError
from . import rechtsvormen
from .model import Gemeente, Inhoud
from .paths import inside, slug


#: Jinja's own globals that a template may use; ``lipsum``, ``cycler`` and ``joiner`` are not offered.
_JINJA_GLOBALS = ("range", "dict", "namespace")

#: Limits on what one expression in a template may make (sandbox): a template cannot fill the memory.
_MAX_LENGTH = 1_000_000  # characters or elements made by ``*`` or ``%``
_MAX_BITS = 100_000  # size of a whole number made by ``*`` or ``**``
_WIDE_FORMAT = re.compile(r"%[-+ #0]*(\d{5,}|\*)|\{[^{}]*:[^{}]*\d{5,}[^{}]*\}")


class TemplateRefused(BuildError):
    """A template tried something templates may not do (the sandbox refused it)."""


class _FolderLoader(jinja2.FileSystemLoader):
    """Loads templates only from the template folders: a link that leads elsewhere is refused."""

    def __init__(self, folders: list[Path]):
        super().__init__([str(folder) for folder in folders])
        self.roots = [folder.resolve() for folder in folders]

    def get_source(self, environment: jinja2.Environment, template: str):
        source, filename, uptodate = super().get_source(environment, template)
        if filename is None or not inside(Path(filename), self.roots):
            raise TemplateRefused(
                f"sjabloon {template} geweigerd: het verwijst naar een bestand buiten de sjabloonmappen "
                f"({Path(filename).resolve() if filename else '?'})"
            )
        return source, filename, uptodate


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's sandbox, stricter: no private attributes at all, no files, no huge values.

    Every template runs here, the tool's own and those in a cooperation's ``sjablonen/``:
    one environment, so a content template can never reach an unsandboxed one.
    """

    intercepted_binops = frozenset({"*", "**", "%"})

    def _parse(self, source: str, name: str | None, filename: str | None):
        tree = super()._parse(source, name, filename)
        for node in tree.find_all((jinja2.nodes.Getattr, jinja2.nodes.Getitem)):
            attribute = node.attr if isinstance(node, jinja2.nodes.Getattr) else getattr(node.arg, "value", None)
            if isinstance(attribute, str) and attribute.startswith("_"):
                raise TemplateRefused(
                    f"{filename or name}:{node.lineno}: sjabloon geweigerd: \"{attribute}\" is een intern "
                    "onderdeel van Python; een sjabloon mag alleen de inhoud, de filters en de functies "
                    "van samenwerking gebruiken"
                )
        return tree

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if isinstance(obj, (PurePath, types.ModuleType, type)) or isinstance(value, (PurePath, types.ModuleType)):
            return False  # no paths (they read and write files), no modules, no classes
        if callable(value) and getattr(value, "__self__", None) is not None and isinstance(value.__self__, PurePath):
            return False
        return super().is_safe_attribute(obj, attr, value)

    def unsafe_undefined(self, obj: Any, attribute: str) -> jinja2.Undefined:
        raise TemplateRefused(
            f'sjabloon geweigerd: "{attribute}" van {type(obj).__name__} is niet toegankelijk voor sjablonen'
        )

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(left, int) and isinstance(right, int) \
                and left.bit_length() * abs(right) > _MAX_BITS:
            raise TemplateRefused(f"sjabloon geweigerd: {left} ** {right} is te groot")
        if operator == "*":
            for one, other in ((left, right), (right, left)):
                if isinstance(one, (str, list, tuple)) and isinstance(other, int) and len(one) * other > _MAX_LENGTH:
                    raise TemplateRefused("sjabloon geweigerd: de herhaling maakt een te lange waarde")
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > _MAX_BITS:
                raise TemplateRefused("sjabloon geweigerd: het product is te groot")
        if operator == "%" and isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise TemplateRefused("sjabloon geweigerd: de opmaak vraagt een te grote breedte")
        return super().call_binop(context, operator, left, right)


def _format(value: str, *args: Any, **kwargs: Any) -> str:
    """Jinja's ``format`` filter, without widths that fill the memory."""
    if _WIDE_FORMAT.search(str(value)):
        raise TemplateRefused("sjabloon geweigerd: de opmaak vraagt een te grote breedte")
    return jinja2.filters.do_format(value, *args, **kwargs)


def make_environment(template_dirs: list[Path]) -> jinja2.Environment:
    """The one Jinja environment of a build: sandboxed, with only the tool's filters and functions."""
    env = _Sandbox(
        loader=_FolderLoader(template_dirs),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals = {name: env.globals[name] for name in _JINJA_GLOBALS}
    env.filters.update(formatting.FILTERS)
    env.filters["format"] = _format
    env.filters["md"] = _md
    env.filters["md_inline"] = _md_inline
    env.filters["slug"] = slug
    env.globals["vorm_naam"] = rechtsvormen.naam
    env.globals["grafiek"] = _grafiek
    return env


@jinja2.pass_context
def _grafiek(context: Any, naam: str, **opties: Any) -> Markup:
    """Place a registered chart: ``{{ grafiek("kasstroom", scenario="toetreding") }}``."""
    from . import charts

    try:
        function = charts.registered(naam)
    except KeyError as exc:
        raise BuildError(str(exc.args[0])) from None
    return charts.figure_html(function(context["inhoud"], context["afgeleid"], **opties))


def _resolver(context: Any) -> markup.Resolver | None:
    scope = context.get("verwijzingen")
    afgeleid = context.get("afgeleid")
    if not scope or afgeleid is None:
        return None
    return afgeleid.resolver(scope)


def _source(context: Any, text: Any) -> tuple[str | None, markup.Resolver | None]:
    """A Markdown field with the resolver of the document's part (``verwijzingen``), or a text
    part whose references derive has already worded (``regeling.tekst.Tekstdeel``): its ``markdown``."""
    worded = getattr(text, "markdown", None)
    if worded is not None:
        return worded, None
    return text, _resolver(context)


@jinja2.pass_context
def _md(context: Any, text: Any) -> Markup:
    """Markdown → HTML, with references."""
    source, resolver = _source(context, text)
    if source is None:
        return Markup("")
    return markup.to_html(source, resolver)


@jinja2.pass_context
def _md_inline(context: Any, text: Any, einde: str | None = None) -> Markup:
    """As ``md``, without the surrounding paragraph; ``einde`` replaces the closing punctuation."""
    source, resolver = _source(context, text)
    if source is None:
        return Markup("")
    if einde is not None:
        source = markup.met_einde(source, einde)
    return markup.to_inline_html(source, resolver)


def context_for(
    inhoud: Inhoud, afgeleid: Afgeleid, declaration: Any, gemeente: Gemeente | None
) -> dict[str, Any]:
    return {
        "inhoud": inhoud,
        "samenwerking": inhoud.samenwerking,
        "gemeenten": inhoud.gemeenten,
        "gemeente": gemeente,
        "afgeleid": afgeleid,
        "document": declaration,
        "verwijzingen": declaration.verwijzingen,
        "vandaag": inhoud.samenwerking.datum,  # never the clock: builds are reproducible
    }


def render_html(env: jinja2.Environment, template: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(template).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise BuildError(f"{exc.filename or template}:{exc.lineno}: fout in sjabloon: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise BuildError(f"sjabloon niet gevonden: {exc.name}") from None
    except TemplateRefused as exc:
        message = str(exc)  # from the parser it starts with file:line already
        raise TemplateRefused(f"{_template_place(exc, template)}: {message}" if message.startswith("sjabloon")
                              else message) from None
    except (SecurityError, OverflowError) as exc:
        raise TemplateRefused(f"{_template_place(exc, template)}: sjabloon geweigerd: {_dutch(str(exc))}") from None
    except jinja2.UndefinedError as exc:
        raise BuildError(f"{_template_place(exc, template)}: onbekende waarde in sjabloon: {_dutch(exc.message)}") from None
    except markup.UnresolvedReference as exc:
        raise BuildError(f"{_template_place(exc, template)}: verwijzing [[{exc.target}]] kan niet worden opgelost") from None
    except (jinja2.TemplateError, TypeError, ValueError, ArithmeticError, LookupError) as exc:
        raise BuildError(f"{_template_place(exc, template)}: fout in sjabloon ({type(exc).__name__}): {exc}") from None


#: Jinja's English for a name or attribute that does not exist, and for refusals, in Dutch.
_JINJA_ENGLISH = [
    (re.compile(r"^'([^']*)' is undefined$"), r'"\1" bestaat niet'),
    (re.compile(r"^'([^']*)' has no attribute '([^']*)'$"), r'"\1" heeft geen onderdeel "\2"'),
    (re.compile(r"^(.*) object has no element (.*)$"), r"\1 heeft geen element \2"),
    (re.compile(r"^.* is not safely callable$"), "deze functie mag een sjabloon niet aanroepen"),
    (re.compile(r"^Range too big.*$"), "range() mag hooguit 100000 getallen maken"),
]


def _dutch(message: str | None) -> str:
    message = message or ""
    for english, dutch in _JINJA_ENGLISH:
        if english.match(message):
            return english.sub(dutch, message)
    return message


def _template_place(exc: BaseException, template: str) -> str:
    place = template
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename.endswith(".j2"):
            place = f"{frame.filename}:{frame.lineno}"
    return place


def to_document(name: str, html: str, date: datetime.date) -> RenderedDocument:
    tree = parse(html, name)
    meta = metadata(tree)
    if not meta.get("title"):
        raise BuildError(f"document {name}: <title> ontbreekt in de HTML")
    keywords = [k.strip() for k in meta.get("keywords", "").split(",") if k.strip()]
    return RenderedDocument(
        name=name,
        html=html,
        tree=tree,
        title=meta["title"],
        subject=meta.get("description", ""),
        author=meta.get("author", ""),
        keywords=keywords,
        date=date,
        lang=meta.get("lang", "nl"),
        header=meta.get("kop", ""),
        version=meta.get("versie", ""),
        revision=meta.get("bronrevisie", ""),
    )
