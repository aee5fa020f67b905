"""The regulation from the old text to the new, with every change marked: ``<del>`` and
``<ins>`` in the document's HTML, real tracked changes (w:del, w:ins) in Word.

Within a paragraph that is in both versions the changes are marked word by word; an
article, lid, onderdeel, chapter or paragraph that comes or goes is marked as a whole.
Rejecting every change gives the old text, accepting every change the new one.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from .. import markup
from ..regeling import tekst
from ..regeling.tekst import RegelingTekst
from .indeling import Indeling, common_subsequence, staying, walk
from .woorden import diff_html


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


def _wrap(change: str, html: str) -> str:
    return f"<{change}>{html}</{change}>" if html else ""


def _numbered(cls: str, label: str, body: Markup) -> str:
    return f'<p class="{cls}"><span class="nummer">{escape(label)}</span>{body}</p>\n'


def _numbered_diff(cls: str, old_label: str, new_label: str, old_body: Markup, new_body: Markup) -> str:
    return (f'<p class="{cls}"><span class="nummer">{diff_html(str(escape(old_label)), str(escape(new_label)))}</span>'
            f"{diff_html(str(old_body), str(new_body))}</p>\n")


# -- whole parts ------------------------------------------------------------------------------


def _html(tekst_: tekst.Tekstdeel) -> Markup:
    """A text part, worded in derive, as inline HTML."""
    return markup.to_inline_html(tekst_.markdown)


def _onderdeel(item: tekst.Onderdeel) -> str:
    html = _numbered("onderdeel", item.label, _html(item.tekst))
    return html + "".join(_numbered("subonderdeel", s.label, _html(s.tekst)) for s in item.subonderdelen)


def _lid(item: tekst.Lid) -> str:
    return _numbered("lid", item.label, _html(item.tekst)) + "".join(_onderdeel(o) for o in item.onderdelen)


def _body(artikel: tekst.Artikel) -> str:
    html = f"<p>{_html(artikel.tekst)}</p>\n" if artikel.tekst else ""
    html += "".join(_onderdeel(o) for o in artikel.onderdelen)
    return html + "".join(_lid(lid) for lid in artikel.leden)


def _heading(level: int, body: str) -> str:
    return f'<h{level} class="artikelkop" data-word-stijl="Heading 3">{body}</h{level}>\n'


def _article(artikel: tekst.Artikel, level: int) -> str:
    return f'<section class="artikel">\n{_heading(level, str(escape(artikel.kop)))}{_body(artikel)}</section>\n'


# -- parts in both versions -----------------------------------------------------------------------


def _onderdelen_diff(old: list[tekst.Onderdeel], new: list[tekst.Onderdeel]) -> str:
    html = ""
    for before, after in _pairs(old, new):
        if after is None:
            html += _wrap("del", _onderdeel(before))
        elif before is None:
            html += _wrap("ins", _onderdeel(after))
        else:
            html += _numbered_diff("onderdeel", before.label, after.label, _html(before.tekst), _html(after.tekst))
            for sub_before, sub_after in _pairs(before.subonderdelen, after.subonderdelen):
                if sub_after is None:
                    html += _wrap("del", _numbered("subonderdeel", sub_before.label, _html(sub_before.tekst)))
                elif sub_before is None:
                    html += _wrap("ins", _numbered("subonderdeel", sub_after.label, _html(sub_after.tekst)))
                else:
                    html += _numbered_diff("subonderdeel", sub_before.label, sub_after.label,
                                           _html(sub_before.tekst), _html(sub_after.tekst))
    return html


def _article_diff(old: tekst.Artikel, new: tekst.Artikel, level: int) -> str:
    html = '<section class="artikel">\n' + _heading(level, diff_html(str(escape(old.kop)), str(escape(new.kop))))
    if bool(old.leden) != bool(new.leden):
        return html + _wrap("del", _body(old)) + _wrap("ins", _body(new)) + "</section>\n"
    if old.tekst and new.tekst:
        html += f"<p>{diff_html(str(_html(old.tekst)), str(_html(new.tekst)))}</p>\n"
    elif old.tekst:
        html += _wrap("del", f"<p>{_html(old.tekst)}</p>\n")
    elif new.tekst:
        html += _wrap("ins", f"<p>{_html(new.tekst)}</p>\n")
    html += _onderdelen_diff(old.onderdelen, new.onderdelen)
    for before, after in _pairs(old.leden, new.leden):
        if after is None:
            html += _wrap("del", _lid(before))
        elif before is None:
            html += _wrap("ins", _lid(after))
        else:
            html += _numbered_diff("lid", before.label, after.label, _html(before.tekst), _html(after.tekst))
            html += _onderdelen_diff(before.onderdelen, after.onderdelen)
    return html + "</section>\n"


def redline(old: RegelingTekst, new: RegelingTekst) -> Markup:
    """The body of the redline: opschrift, chapters, paragraphs and articles, old and new in one."""
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

    html = f'<header class="opschrift">\n<h1>{diff_html(str(escape(old.opschrift)), str(escape(new.opschrift)))}</h1>\n</header>\n'
    for step in steps:
        kind, key = step.soort, step.id
        if kind == "hoofdstuk":
            html += f"<h2>{diff_html(str(escape(old_chapters[key].kop)), str(escape(new_chapters[key].kop)))}</h2>\n"
        elif kind == "hoofdstuk-vervalt":
            html += _wrap("del", f"<h2>{escape(old_chapters[key].kop)}</h2>\n")
        elif kind == "hoofdstuk-nieuw":
            html += _wrap("ins", f"<h2>{escape(new_chapters[key].kop)}</h2>\n")
        elif kind == "paragraaf":
            html += f"<h3>{diff_html(str(escape(old_paragraphs[key].kop)), str(escape(new_paragraphs[key].kop)))}</h3>\n"
        elif kind == "paragraaf-vervalt":
            html += _wrap("del", f"<h3>{escape(old_paragraphs[key].kop)}</h3>\n")
        elif kind == "paragraaf-nieuw":
            html += _wrap("ins", f"<h3>{escape(new_paragraphs[key].kop)}</h3>\n")
        elif kind == "artikel-oud":
            html += _wrap("del", _article(old_articles[key], 4 if old_place[key].paragraaf else 3))
        elif kind == "artikel-nieuw":
            html += _wrap("ins", _article(new_articles[key], 4 if new_place[key].paragraaf else 3))
        else:
            html += _article_diff(old_articles[key], new_articles[key], 4 if new_place[key].paragraaf else 3)
    return Markup(html)
