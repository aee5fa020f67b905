"""Lines of a regulation (plain text, or the paragraphs of a DOCX) → :class:`Regeling`.

A line is recognised by its form: ``Hoofdstuk 2 ...``, ``§ 1 ...`` / ``Paragraaf 1 ...``,
``Artikel 5 ...``, a lid ``1.``, an onderdeel ``a.``, a subonderdeel ``1°``. Before the first
chapter or article come the title, the aanhef, the considerans (``overwegende dat``), ``gelet
op``, ``besluiten:`` and the besluittekst; after the articles the ondertekening and the
toelichting. The page furniture of the publication websites (permanent links, "Geldend van …
t/m heden", "Intitulé", "Regeling vervallen per …", buttons) is recognised and left out.
"""

from __future__ import annotations

import re
from pathlib import Path

from .bron import Regel, fout
from .structuur import Opbouw, Regeling, schoon

#: Page furniture of the publication websites (whole lines), left out.
MEUBILAIR = re.compile(
    r"^(?:"
    r"permanente link|maak een permanente link|toon (?:relaties|wetstechnische informatie|de|het)\b.*|"
    r"geldend van .{4,30}(?:t/m|tot en met) .{2,30}|geldig van .{4,30}|"
    r"intitul[ée]|regeling vervallen per .*|deze regeling is vervallen.*|"
    r"druk (?:het|de) .* af|sla (?:het|de) .* op|vergelijk met .*|download .*|print|afdrukken|"
    r"wetstechnische informatie|externe relaties|relaties in lido|naar boven|terug naar boven|"
    r"inhoudsopgave|gemeenteblad(?: van .*)?|officiële uitgave van .*|nr\.? ?\d+[\w ,.-]*|"
    r"cvdr\d+(?:_\d+)?|https?://\S+|\[?vervallen per .*\]?"
    r")$",
    re.IGNORECASE,
)

_KOP_WOORD = r"[.:\-–—]"
HOOFDSTUK = re.compile(rf"^(?:hoofdstuk)\s+([0-9]+[A-Za-z]?|[IVXLCDM]+)\s*{_KOP_WOORD}?\s*(.*)$", re.IGNORECASE)
PARAGRAAF = re.compile(rf"^(?:§|paragraaf)\s*([0-9]+[a-z]?)\s*{_KOP_WOORD}?\s*(.*)$", re.IGNORECASE)
ARTIKEL = re.compile(rf"^artikel\s+([0-9]+(?:[.:][0-9]+[a-z]*)+|[0-9]+[a-z]*|[a-z]+[0-9]+|[IVXLC]+)\s*{_KOP_WOORD}?\s*(.*)$",
                     re.IGNORECASE)
LID = re.compile(r"^(\d{1,3})(?:[.)]\s*|\t\s*)(\S.*)$")
ONDERDEEL = re.compile(r"^([a-z]{1,3})[.)](?:\s+)(\S.*)$")
SUB = re.compile(r"^(\d{1,2})°\s*(\S.*)$")
PUNT = re.compile(r"^[•·●▪◦‣⁃\-–—*]\s+(\S.*)$")

AANHEF = re.compile(r"^(?:de|het)\s+(?:gemeente)?(?:raden|raad|colleges|college|burgemeesters|burgemeester)\b", re.I)
OVERWEGENDE = re.compile(r"^(?:overwegende|constaterende|in aanmerking nemende)\b", re.I)
GELET = re.compile(r"^gelet op\b", re.I)
GEZIEN = re.compile(r"^gezien\b", re.I)
GELEZEN = re.compile(r"^(?:gelezen|gehoord|gezien het voorstel)\b", re.I)
BESLUITEN = re.compile(r"^(?:besluiten|besluit|besluiten vast te stellen)\s*:?$", re.I)
SLOT = re.compile(r"^(?:aldus\s+(?:besloten|vastgesteld)|ondertekening$)", re.I)
SLOT_GEMEENTE = re.compile(r"\bvan de gemeente ([A-Z'][\w'’.\- ]+?)(?:\s+(?:in|op)\b|[,.]|$)")
TOELICHTING = re.compile(r"^(?:algemene\s+)?toelichting(?:\s+(?:op|bij)\s+.*)?$", re.I)
ALGEMEEN = re.compile(r"^(?:algemeen|algemeen deel|i\.?\s*algemeen)$", re.I)
ARTIKELSGEWIJS = re.compile(r"^(?:artikelsgewijs|artikelsgewijze toelichting|ii\.?\s*artikelsgewijs)$", re.I)
VERVALLEN = re.compile(r"^\[?\s*vervallen(?:\s+per\s+[^\]]*)?\s*\]?\.?$", re.I)


def _vorm(regeling: Regeling, niveau: str, text: str, match: re.Match) -> None:
    """Remember how a heading is written: ``Artikel {nummer} {titel}``."""
    if not match.group(2):
        return
    vorm = text[:match.start(1)] + "{nummer}" + text[match.end(1):match.start(2)] + "{titel}"
    regeling.koppen.setdefault(niveau, []).append(vorm)
    if niveau == "hoofdstuk" and re.fullmatch(r"[IVXLCDM]+", match.group(1)):
        regeling.koppen.setdefault("romeins", []).append(match.group(1))


def kop_of_tekst(titel: str) -> bool:
    """A heading's title is short and is not a sentence (no closing punctuation)."""
    return len(titel) <= 150 and not titel.rstrip().endswith((".", ";", ":", ","))


INHOUDSOPGAVE = re.compile(r"^(inhoud|inhoudsopgave)$", re.IGNORECASE)


def zonder_inhoudsopgave(lijnen: list[Regel]) -> list[Regel]:
    """The lines without a table of contents: "Inhoud" followed by headings that come back as the
    text itself (as this tool's PDF and HTML print it). Without that repetition nothing is dropped."""
    texts = [schoon(regel.tekst) for regel in lijnen]
    start = next((i for i, text in enumerate(texts) if INHOUDSOPGAVE.match(text or "")), None)
    if start is None:
        return lijnen
    first = next((i for i in range(start + 1, len(texts)) if texts[i]), None)
    if first is None:
        return lijnen
    again = next((i for i in range(first + 1, len(texts)) if texts[i] == texts[first]), None)
    if again is None:
        return lijnen
    return lijnen[:start] + lijnen[again:]


def lees(bestand: Path, lijnen: list[Regel]) -> Regeling:
    lijnen = zonder_inhoudsopgave(lijnen)
    lezer = _Lezer(bestand)
    for regel in lijnen:
        lezer.lees(regel)
    regeling = lezer.regeling
    if not regeling.hoofdstukken:
        first = lijnen[0] if lijnen else Regel("", 1)
        raise fout(bestand, first.regel, first.kolom, "dit lijkt geen regeling: er staat geen enkel artikel in "
                                                      "(verwacht regels als \"Artikel 1\" of \"Artikel 1. Begripsbepalingen\")")
    return regeling


class _Lezer:
    """The reading of one regulation line by line: the phase it is in (kop → artikelen → slot →
    toelichting) and what that phase remembers."""

    def __init__(self, bestand: Path) -> None:
        self.bestand = bestand
        self.opbouw = Opbouw(bestand)
        self.regeling = self.opbouw.regeling
        self.fase = "kop"
        self.overwegend = False
        self.na_besluiten = False
        self.toelichting_artikel = None
        self.artikelsgewijs = False

    def lees(self, regel: Regel) -> None:
        text = schoon(regel.tekst)
        if not text or MEUBILAIR.match(text):
            return
        if regel.stijl == "Noot":  # the status line this tool prints above a regulation
            return
        if self.fase in ("artikelen", "slot") and TOELICHTING.match(text) and len(text) <= 80:
            self.fase = "toelichting"
        elif self.fase == "toelichting":
            self._toelichting(text, regel)
        elif self.fase == "slot":
            self._slot(text)
        elif self.fase == "artikelen" and SLOT.match(text):
            self._begin_slot(text)
        elif self._indeling(text, regel):
            self.fase = "artikelen"
        elif self.fase == "kop":
            self._kop(text, regel)
        else:
            self._artikeltekst(text, regel)

    def _toelichting(self, text: str, regel: Regel) -> None:
        """A line of the toelichting: its general part, or the explanation of one article."""
        if ALGEMEEN.match(text):
            self.artikelsgewijs = False
            return
        if ARTIKELSGEWIJS.match(text):
            self.artikelsgewijs = True
            return
        match = ARTIKEL.match(text)
        if match and kop_of_tekst(match.group(2)):
            self.toelichting_artikel = self.opbouw.toelichting_artikel(match.group(1), regel)
            self.artikelsgewijs = True
            return
        punt = PUNT.match(text) or (regel.stijl.startswith("List Bullet") and re.match(r"^(.*)$", text))
        blok = ("punt", punt.group(1)) if punt else ("alinea", text)
        if not self.artikelsgewijs:
            self.regeling.toelichting.append(blok)
        elif self.toelichting_artikel is not None:
            self.toelichting_artikel.toelichting.append(blok)

    def _slot(self, text: str) -> None:
        """A line of the ondertekening: a gemeente that signs."""
        found = SLOT_GEMEENTE.search(text) if SLOT.match(text) else None
        if found and found.group(1) not in self.regeling.gemeenten_slot:
            self.regeling.gemeenten_slot.append(found.group(1).strip())

    def _begin_slot(self, text: str) -> None:
        """The first line of the ondertekening ("Aldus besloten ...")."""
        self.fase = "slot"
        found = SLOT_GEMEENTE.search(text)
        if found:
            self.regeling.gemeenten_slot.append(found.group(1).strip())

    def _indeling(self, text: str, regel: Regel) -> bool:
        """A heading of a chapter, paragraph or article; whether the line was one."""
        match = HOOFDSTUK.match(text)
        if match and kop_of_tekst(match.group(2)):
            _vorm(self.regeling, "hoofdstuk", text, match)
            self.opbouw.nieuw_hoofdstuk(match.group(1), match.group(2), regel)
            return True
        match = PARAGRAAF.match(text)
        if match and match.group(2) and kop_of_tekst(match.group(2)) \
                and (self.fase == "artikelen" or self.regeling.titel):
            _vorm(self.regeling, "paragraaf", text, match)
            self.opbouw.nieuwe_paragraaf(match.group(1), match.group(2), regel)
            return True
        match = ARTIKEL.match(text)
        if match and (kop_of_tekst(match.group(2)) or VERVALLEN.match(match.group(2))):
            self._artikelkop(text, regel, match)
            return True
        return False

    def _artikelkop(self, text: str, regel: Regel, match: re.Match) -> None:
        """``Artikel 5 Titel`` (or ``Artikel 5 [Vervallen]``): a new article."""
        nummer, titel = match.group(1), match.group(2).strip()
        if re.fullmatch(r"[IVXLC]+", nummer) or ":" in nummer or nummer.count(".") > 1:
            raise fout(self.bestand, regel.regel, regel.kolom,
                       f'artikelnummer "{nummer}" wordt niet ondersteund: artikelen worden in Arabische cijfers '
                       "genummerd, doorlopend (1, 2, 14a) of per hoofdstuk (2.1)")
        vervallen = bool(VERVALLEN.match(titel)) if titel else False
        if not vervallen:
            _vorm(self.regeling, "artikel", text, match)
        self.opbouw.nieuw_artikel(nummer, None if vervallen else titel, regel, vervallen=vervallen)

    def _kop(self, text: str, regel: Regel) -> None:
        """A line before the first article; remembers whether the considerans or the besluittekst runs on."""
        _kop(self.regeling, text, regel, self.overwegend, self.na_besluiten)
        if OVERWEGENDE.match(text):
            self.overwegend = True
        elif GELET.match(text) or GEZIEN.match(text) or GELEZEN.match(text):
            self.overwegend = False
        self.na_besluiten = bool(BESLUITEN.match(text)) or (self.na_besluiten and self.regeling.besluittekst is None)

    def _artikeltekst(self, text: str, regel: Regel) -> None:
        """A line inside an article: a lid, onderdeel, subonderdeel, streepje or paragraph."""
        opbouw, artikel = self.opbouw, self.opbouw.artikel
        if VERVALLEN.match(text) and (artikel is None or (not artikel.leden and artikel.tekst is None)):
            if artikel is not None:
                self.regeling.opmerkingen.append(f"{regel.regel}: artikel {artikel.nummer} is vervallen")
            return
        match = SUB.match(text)
        if match:
            opbouw.sub(match.group(1), match.group(2), regel)
            return
        match = ONDERDEEL.match(text)
        if match and artikel is not None:
            opbouw.onderdeel(match.group(1), match.group(2), regel)
            return
        match = LID.match(text)
        if match:
            opbouw.lid(match.group(1), match.group(2), regel)
            return
        match = PUNT.match(text)
        if match and artikel is not None:
            opbouw.onderdeel("–", match.group(1), regel, opsomming="streepjes")
            note = f"streepjes in artikel {artikel.nummer} worden weergegeven als –"
            if text[0] != "–" and note not in self.regeling.opmerkingen:
                self.regeling.opmerkingen.append(note)
            return
        opbouw.alinea(text, regel)


def _kop(regeling: Regeling, text: str, regel: Regel, overwegend: bool, na_besluiten: bool) -> None:
    """The parts before the first article: title, aanhef, considerans, gelet op, besluittekst."""
    if na_besluiten and regeling.besluittekst is None:
        regeling.besluittekst = text
        return
    if BESLUITEN.match(text):
        return
    if regeling.aanhef is not None and (OVERWEGENDE.match(text) or overwegend or GELET.match(text)
                                        or GEZIEN.match(text) or GELEZEN.match(text)):
        regeling.considerans.append((text, regel))
    if GELEZEN.match(text):
        return
    if GELET.match(text):
        regeling.gelet_op = text
        return
    if GEZIEN.match(text):  # "gezien de toestemming van de raden ..."
        regeling.toestemming = text
        return
    if OVERWEGENDE.match(text):
        rest = re.sub(r"^(?:overwegende|constaterende|in aanmerking nemende)\s+dat\s*:?\s*", "", text, flags=re.I)
        if rest:
            regeling.overwegingen.append(rest)
        return
    if overwegend:
        match = ONDERDEEL.match(text)
        regeling.overwegingen.append(match.group(2) if match else text)
        return
    if regeling.aanhef is None and AANHEF.match(text) and regeling.titel is not None:
        regeling.aanhef, regeling.aanhef_regel = text, regel
        return
    if regeling.titel is None:
        regeling.titel = text
        return
    if text == regeling.titel:  # the title repeated (the websites print it above and under "Intitulé")
        if regeling.besluittekst is not None:  # ... or the regulation itself, after the besluittekst
            regeling.titel_na_besluit = True
        return
    if re.fullmatch(r"\d{1,2}\s+\w+\s+\d{4}", text) or re.fullmatch(r"\d{2}-\d{2}-\d{4}", text):
        return  # a date line of the gemeenteblad
    regeling.opmerkingen.append(f"{regel.regel}: de regel \"{text[:60]}\" vóór het eerste artikel is niet herkend en "
                                "weggelaten")
