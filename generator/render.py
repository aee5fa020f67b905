"""Render a deliverable's Jinja template to the intermediate HTML document.

Jinja runs with autoescape (content cannot inject markup) and StrictUndefined
(a misspelt variable is an error, not an empty string).
"""

from __future__ import annotations

import datetime
import traceback
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from . import formatting, markup
from .derive import Afgeleid
from .document import RenderedDocument, metadata, parse
from .errors import BuildError
from . import rechtsvormen
from .model import Gemeente, Inhoud
from .paths import slug


def make_environment(template_dirs: list[Path]) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(formatting.FILTERS)
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
    except jinja2.UndefinedError as exc:
        raise BuildError(f"{_template_place(exc, template)}: onbekende waarde in sjabloon: {exc.message}") from None
    except markup.UnresolvedReference as exc:
        raise BuildError(f"{_template_place(exc, template)}: verwijzing [[{exc.target}]] kan niet worden opgelost") from None


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
