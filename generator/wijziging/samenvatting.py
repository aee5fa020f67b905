"""What changes between two versions of the regulation, in a few words per change, with the
numbers of the old text for what goes and of the new text for what comes. For the general
part of the toelichting (both forms) and for telling that nothing changed at all.
"""

from __future__ import annotations

from ..regeling.tekst import RegelingTekst
from .indeling import Indeling, staying, walk
from .opdrachten import compare_article


def _name(artikel, *extra: str) -> str:
    """``Artikel 20 (Uittreding; was artikel 19)``."""
    parts = [p for p in (artikel.titel, *extra) if p]
    return f"Artikel {artikel.nummer}" + (f" ({'; '.join(parts)})" if parts else "")


def veranderingen(old: RegelingTekst, new: RegelingTekst) -> list[str]:
    """One sentence per change, in the order of the text; empty when the texts are the same."""
    old_layout, new_layout = Indeling.of(old), Indeling.of(new)
    stay = staying(old_layout, new_layout)
    steps = walk(old_layout, new_layout, stay)
    old_articles = {a.id: a for a in old.artikelen()}
    new_articles = {a.id: a for a in new.artikelen()}
    old_chapters = {h.id: h for h in old.hoofdstukken}
    new_chapters = {h.id: h for h in new.hoofdstukken}
    old_paragraphs = {p.id: p for h in old.hoofdstukken for p in h.paragrafen}
    new_paragraphs = {p.id: p for h in new.hoofdstukken for p in h.paragrafen}
    result: list[str] = []
    renumbered = any(old_articles[a].nummer != new_articles[a].nummer for a in stay) or \
        any(old_chapters[h].nummer != new_chapters[h].nummer for h in old_chapters if h in new_chapters)
    # With new numbers, an old number needs saying so: "artikel 26 van de geldende tekst".
    current = " van de geldende tekst" if renumbered else ""
    if (old.opschrift or "") != (new.opschrift or ""):
        result.append(f"Het opschrift van de regeling wordt ‘{new.opschrift}’.")
    for step in steps:
        kind, key = step.soort, step.id
        if kind == "hoofdstuk":
            before, after = old_chapters[key], new_chapters[key]
            if before.titel != after.titel:
                result.append(f"Hoofdstuk {after.nummer} heet voortaan ‘{after.titel}’ (was ‘{before.titel}’).")
        elif kind == "hoofdstuk-vervalt":
            result.append(f"Hoofdstuk {old_chapters[key].nummer} ({old_chapters[key].titel}){current} vervalt.")
        elif kind == "hoofdstuk-nieuw":
            result.append(f"Hoofdstuk {new_chapters[key].nummer} ({new_chapters[key].titel}) is nieuw.")
        elif kind == "paragraaf":
            before, after = old_paragraphs[key], new_paragraphs[key]
            if before.titel != after.titel:
                result.append(f"Paragraaf {after.nummer} heet voortaan ‘{after.titel}’ (was ‘{before.titel}’).")
        elif kind == "paragraaf-vervalt":
            result.append(f"Paragraaf {old_paragraphs[key].nummer} ({old_paragraphs[key].titel}) vervalt.")
        elif kind == "paragraaf-nieuw":
            result.append(f"Paragraaf {new_paragraphs[key].nummer} ({new_paragraphs[key].titel}) is nieuw.")
        elif kind == "artikel-oud":
            if key not in new_articles:
                result.append(f"{_name(old_articles[key])}{current} vervalt.")
        elif kind == "artikel-nieuw":
            after = new_articles[key]
            if key in old_articles:
                before = old_articles[key]
                changed = compare_article(before, after, after.nummer) != []
                result.append(f"{_name(before)}{current} wordt verplaatst en wordt artikel {after.nummer}"
                              f"{'; de tekst wordt gewijzigd' if changed else ''}.")
            else:
                result.append(f"{_name(after)} is nieuw.")
        else:
            before, after = old_articles[key], new_articles[key]
            if compare_article(before, after, after.nummer) != []:
                was = f"was artikel {before.nummer}" if before.nummer != after.nummer else ""
                result.append(f"{_name(after, was)} wordt gewijzigd.")
    if renumbered and result:
        result.append("De artikelen en hoofdstukken worden opnieuw doorlopend genummerd; de verwijzingen zijn "
                      "daaraan aangepast.")
    return result
