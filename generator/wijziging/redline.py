"""The regulation from the old text to the new, with every change marked: ``<del>`` and
``<ins>`` in the document's HTML, real tracked changes (w:del, w:ins) in Word.

Within a paragraph that is in both versions the changes are marked word by word; an
article, lid, onderdeel, chapter or paragraph that comes or goes is marked as a whole.
Rejecting every change gives the old text, accepting every change the new one.

This module decides *what* changed, in the order of the text (:func:`redline`); the markup is
that of every regulation, the macros of ``templates/onderdelen/regeling.html.j2``, used by
``templates/documenten/wijzigingsregeling-redline.html.j2``. Only the word-level marking inside
one paragraph (``woorden.diff_html``) is made here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from .. import markup
from ..regeling import tekst
from ..regeling.tekst import RegelingTekst
from .indeling import Indeling, common_subsequence, staying, walk
from .woorden import diff_html


@dataclass(frozen=True)
class Geheel:
    """A part that comes (``ins``) or goes (``del``) as a whole: ``soort`` says which macro shows it
    (``kop``, ``artikel``, ``romp``, ``tekst``, ``lid``, ``onderdeel``, ``subonderdeel``)."""

    wijziging: str  # "ins" or "del"
    soort: str
    deel: object  # the tekst.Artikel, Lid, Onderdeel, Sub; the heading's text for ``kop``
    niveau: int = 0  # heading level of a kop or an article


@dataclass(frozen=True)
class Beide:
    """A part in both versions, its number and text marked word by word: a numbered paragraph
    (``lid``, ``onderdeel``, ``subonderdeel``), the article's own ``tekst`` or a ``kop``."""

    soort: str
    tekst: Markup
    label: Markup = Markup("")
    niveau: int = 0


@dataclass(frozen=True)
class Artikel:
    """An article in both versions: its heading and its parts, old and new in one."""

    kop: Markup
    niveau: int
    delen: list = field(default_factory=list)  # Geheel and Beide, in the order of the text


@dataclass(frozen=True)
class Redline:
    opschrift: Markup
    stappen: list  # Beide (kop), Geheel and Artikel, in the order of the text


def _diff(old: str, new: str) -> Markup:
    return diff_html(str(escape(old)), str(escape(new)))


def _pairs(old: list, new: list) -> list[tuple[object | None, object | None]]:
    """Items of two lists matched by id, in the order of the text: what stays in the same
    relative order is paired; anything else is removed where it stood and added where it comes."""
    old_ids, new_ids = [item.id for item in old], [item.id for item in new]
    common = set(old_ids) & set(new_ids)
    stay = set(common_subsequence([i for i in old_ids if i in common], [i for i in new_ids if i in common]))
    old_by, new_by = {item.id: item for item in old}, {item.id: item for item in new}
    result: list[tuple[object | None, object | None]] = []
    i = j = 0
    while i < len(old_ids) or j < len(new_ids):
        if i < len(old_ids) and old_ids[i] not in stay:
            result.append((old_by[old_ids[i]], None))
            i += 1
        elif j < len(new_ids) and new_ids[j] not in stay:
            result.append((None, new_by[new_ids[j]]))
            j += 1
        else:
            result.append((old_by[old_ids[i]], new_by[new_ids[j]]))
            i += 1
            j += 1
    return result


def _numbered(soort: str, old, new) -> Beide:
    return Beide(soort, diff_html(str(markup.to_inline_html(old.tekst.markdown)), str(markup.to_inline_html(new.tekst.markdown))), _diff(old.label, new.label))


def _onderdelen(old: list[tekst.Onderdeel], new: list[tekst.Onderdeel]) -> list:
    parts: list = []
    for before, after in _pairs(old, new):
        if after is None:
            parts.append(Geheel("del", "onderdeel", before))
        elif before is None:
            parts.append(Geheel("ins", "onderdeel", after))
        else:
            parts.append(_numbered("onderdeel", before, after))
            for sub_before, sub_after in _pairs(before.subonderdelen, after.subonderdelen):
                if sub_after is None:
                    parts.append(Geheel("del", "subonderdeel", sub_before))
                elif sub_before is None:
                    parts.append(Geheel("ins", "subonderdeel", sub_after))
                else:
                    parts.append(_numbered("subonderdeel", sub_before, sub_after))
    return parts


def _article(old: tekst.Artikel, new: tekst.Artikel, level: int) -> Artikel:
    result = Artikel(_diff(old.kop, new.kop), level)
    parts = result.delen
    if bool(old.leden) != bool(new.leden):
        parts += [Geheel("del", "romp", old), Geheel("ins", "romp", new)]
        return result
    if old.tekst and new.tekst:
        parts.append(Beide("tekst", diff_html(str(markup.to_inline_html(old.tekst.markdown)), str(markup.to_inline_html(new.tekst.markdown)))))
    elif old.tekst:
        parts.append(Geheel("del", "tekst", old.tekst))
    elif new.tekst:
        parts.append(Geheel("ins", "tekst", new.tekst))
    parts += _onderdelen(old.onderdelen, new.onderdelen)
    for before, after in _pairs(old.leden, new.leden):
        if after is None:
            parts.append(Geheel("del", "lid", before))
        elif before is None:
            parts.append(Geheel("ins", "lid", after))
        else:
            parts.append(_numbered("lid", before, after))
            parts += _onderdelen(before.onderdelen, after.onderdelen)
    return result


def redline(old: RegelingTekst, new: RegelingTekst) -> Redline:
    """The regulation, old and new in one: opschrift, chapters, paragraphs and articles."""
    old_layout, new_layout = Indeling.of(old), Indeling.of(new)
    steps = walk(old_layout, new_layout, staying(old_layout, new_layout))
    old_articles = {a.id: a for a in old.artikelen()}
    new_articles = {a.id: a for a in new.artikelen()}
    old_chapters = {h.id: h for h in old.hoofdstukken}
    new_chapters = {h.id: h for h in new.hoofdstukken}
    old_paragraphs = {p.id: p for h in old.hoofdstukken for p in h.paragrafen}
    new_paragraphs = {p.id: p for h in new.hoofdstukken for p in h.paragrafen}
    old_place = {p.artikel: p for p in old_layout.artikelen}
    new_place = {p.artikel: p for p in new_layout.artikelen}

    result = Redline(_diff(old.opschrift, new.opschrift), [])
    for step in steps:
        kind, key = step.soort, step.id
        if kind == "hoofdstuk":
            result.stappen.append(Beide("kop", _diff(old_chapters[key].kop, new_chapters[key].kop), niveau=2))
        elif kind == "hoofdstuk-vervalt":
            result.stappen.append(Geheel("del", "kop", old_chapters[key].kop, 2))
        elif kind == "hoofdstuk-nieuw":
            result.stappen.append(Geheel("ins", "kop", new_chapters[key].kop, 2))
        elif kind == "paragraaf":
            result.stappen.append(Beide("kop", _diff(old_paragraphs[key].kop, new_paragraphs[key].kop), niveau=3))
        elif kind == "paragraaf-vervalt":
            result.stappen.append(Geheel("del", "kop", old_paragraphs[key].kop, 3))
        elif kind == "paragraaf-nieuw":
            result.stappen.append(Geheel("ins", "kop", new_paragraphs[key].kop, 3))
        elif kind == "artikel-oud":
            result.stappen.append(Geheel("del", "artikel", old_articles[key], 4 if old_place[key].paragraaf else 3))
        elif kind == "artikel-nieuw":
            result.stappen.append(Geheel("ins", "artikel", new_articles[key], 4 if new_place[key].paragraaf else 3))
        else:
            result.stappen.append(_article(old_articles[key], new_articles[key], 4 if new_place[key].paragraaf else 3))
    return result
