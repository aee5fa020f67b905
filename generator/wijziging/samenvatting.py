"""What changes between two versions of the regulation, in a few words per change, with the
numbers of the old text for what goes and of the new text for what comes. For the general
part of the toelichting (both forms) and for telling that nothing changed at all.
"""

from __future__ import annotations

from ..regeling.tekst import RegelingTekst
from .indeling import Indeling, staying, walk
from .opdrachten import compare_article


def _name(artikel) -> str:
    return f"artikel {artikel.nummer}" + (f" ({artikel.titel})" if artikel.titel else "")


def veranderingen(old: RegelingTekst, new: RegelingTekst) -> list[str]:
    """One sentence per change, in the order of the text; empty when the texts are the same."""
    old_layout, new_layout = Indeling.of(old), Indeling.of(new)
    steps = walk(old_layout, new_layout, staying(old_layout, new_layout))
    old_articles = {a.id: a for a in old.artikelen()}
    new_articles = {a.id: a for a in new.artikelen()}
    old_chapters = {h.id: h for h in old.hoofdstukken}
    new_chapters = {h.id: h for h in new.hoofdstukken}
    old_paragraphs = {p.id: p for h in old.hoofdstukken for p in h.paragrafen}
    new_paragraphs = {p.id: p for h in new.hoofdstukken for p in h.paragrafen}
    result: list[str] = []
    renumbered = False
    if (old.opschrift or "") != (new.opschrift or ""):
        result.append(f"Het opschrift van de regeling wordt ‘{new.opschrift}’.")
    for step in steps:
        kind, key = step.soort, step.id
        if kind == "hoofdstuk":
            before, after = old_chapters[key], new_chapters[key]
            if before.titel != after.titel:
                result.append(f"Hoofdstuk {after.nummer} heet voortaan ‘{after.titel}’ (was ‘{before.titel}’).")
            renumbered |= before.nummer != after.nummer
        elif kind == "hoofdstuk-vervalt":
            result.append(f"Hoofdstuk {old_chapters[key].nummer} ({old_chapters[key].titel}) vervalt.")
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
                result.append(f"{_name(old_articles[key])[:1].upper()}{_name(old_articles[key])[1:]} vervalt.")
        elif kind == "artikel-nieuw":
            after = new_articles[key]
            if key in old_articles:
                before = old_articles[key]
                changed = compare_article(before, after, after.nummer) != []
                result.append(f"Artikel {before.nummer}{f' ({before.titel})' if before.titel else ''} wordt verplaatst "
                              f"en wordt artikel {after.nummer}{'; de tekst wordt gewijzigd' if changed else ''}.")
            else:
                result.append(f"{_name(after)[:1].upper()}{_name(after)[1:]} is nieuw.")
        else:
            before, after = old_articles[key], new_articles[key]
            renumbered |= before.nummer != after.nummer
            if compare_article(before, after, after.nummer) != []:
                was = f" (was artikel {before.nummer})" if before.nummer != after.nummer else ""
                result.append(f"{_name(after)[:1].upper()}{_name(after)[1:]}{was} wordt gewijzigd.")
    if renumbered and result:
        result.append("De artikelen en hoofdstukken worden opnieuw doorlopend genummerd; de verwijzingen zijn "
                      "daaraan aangepast.")
    return result
