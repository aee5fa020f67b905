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
    return _Samenvatting(old, new).zinnen()


class _Samenvatting:
    """The two versions by id, and one sentence maker per kind of step of ``indeling.walk``."""

    def __init__(self, old: RegelingTekst, new: RegelingTekst):
        self.old, self.new = old, new
        self.old_layout, self.new_layout = Indeling.of(old), Indeling.of(new)
        self.stay = staying(self.old_layout, self.new_layout)
        self.old_articles = {a.id: a for a in old.artikelen()}
        self.new_articles = {a.id: a for a in new.artikelen()}
        self.old_chapters = {h.id: h for h in old.hoofdstukken}
        self.new_chapters = {h.id: h for h in new.hoofdstukken}
        self.old_paragraphs = {p.id: p for h in old.hoofdstukken for p in h.paragrafen}
        self.new_paragraphs = {p.id: p for h in new.hoofdstukken for p in h.paragrafen}
        self.renumbered = any(self.old_articles[a].nummer != self.new_articles[a].nummer for a in self.stay) or any(
            self.old_chapters[h].nummer != self.new_chapters[h].nummer for h in self.old_chapters
            if h in self.new_chapters)
        # With new numbers, an old number needs saying so: "artikel 26 van de geldende tekst".
        self.current = " van de geldende tekst" if self.renumbered else ""

    def zinnen(self) -> list[str]:
        result: list[str] = []
        if (self.old.opschrift or "") != (self.new.opschrift or ""):
            result.append(f"Het opschrift van de regeling wordt ‘{self.new.opschrift}’.")
        makers = {"hoofdstuk": self._hoofdstuk, "hoofdstuk-vervalt": self._hoofdstuk_vervalt,
                  "hoofdstuk-nieuw": self._hoofdstuk_nieuw, "paragraaf": self._paragraaf,
                  "paragraaf-vervalt": self._paragraaf_vervalt, "paragraaf-nieuw": self._paragraaf_nieuw,
                  "artikel-oud": self._artikel_oud, "artikel-nieuw": self._artikel_nieuw}
        for step in walk(self.old_layout, self.new_layout, self.stay):
            sentence = makers.get(step.soort, self._artikel)(step.id)
            if sentence:
                result.append(sentence)
        if self.renumbered and result:
            result.append("De artikelen en hoofdstukken worden opnieuw doorlopend genummerd; de verwijzingen zijn "
                          "daaraan aangepast.")
        return result

    def _hoofdstuk(self, key: str) -> str | None:
        before, after = self.old_chapters[key], self.new_chapters[key]
        if before.titel == after.titel:
            return None
        return f"Hoofdstuk {after.nummer} heet voortaan ‘{after.titel}’ (was ‘{before.titel}’)."

    def _hoofdstuk_vervalt(self, key: str) -> str:
        chapter = self.old_chapters[key]
        return f"Hoofdstuk {chapter.nummer} ({chapter.titel}){self.current} vervalt."

    def _hoofdstuk_nieuw(self, key: str) -> str:
        return f"Hoofdstuk {self.new_chapters[key].nummer} ({self.new_chapters[key].titel}) is nieuw."

    def _paragraaf(self, key: str) -> str | None:
        before, after = self.old_paragraphs[key], self.new_paragraphs[key]
        if before.titel == after.titel:
            return None
        return f"Paragraaf {after.nummer} heet voortaan ‘{after.titel}’ (was ‘{before.titel}’)."

    def _paragraaf_vervalt(self, key: str) -> str:
        return f"Paragraaf {self.old_paragraphs[key].nummer} ({self.old_paragraphs[key].titel}) vervalt."

    def _paragraaf_nieuw(self, key: str) -> str:
        return f"Paragraaf {self.new_paragraphs[key].nummer} ({self.new_paragraphs[key].titel}) is nieuw."

    def _artikel_oud(self, key: str) -> str | None:
        if key in self.new_articles:
            return None
        return f"{_name(self.old_articles[key])}{self.current} vervalt."

    def _artikel_nieuw(self, key: str) -> str:
        after = self.new_articles[key]
        if key not in self.old_articles:
            return f"{_name(after)} is nieuw."
        before = self.old_articles[key]
        changed = compare_article(before, after, after.nummer) != []
        return (f"{_name(before)}{self.current} wordt verplaatst en wordt artikel {after.nummer}"
                f"{'; de tekst wordt gewijzigd' if changed else ''}.")

    def _artikel(self, key: str) -> str | None:
        before, after = self.old_articles[key], self.new_articles[key]
        if compare_article(before, after, after.nummer) == []:
            return None
        was = f"was artikel {before.nummer}" if before.nummer != after.nummer else ""
        return f"{_name(after, was)} wordt gewijzigd."
