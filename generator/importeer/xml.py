"""The repository XML for decentral regulations (CVDR) → lines, read like plain text.

The elements (sources in docs/importeer.md): ``regeling`` with ``aanhef`` and
``regeling-tekst``; ``hoofdstuk``, ``paragraaf`` and ``artikel``, each with a ``kop``
(``label``, ``nr``, ``titel``); ``lid`` with ``lidnr`` and ``al``; ``al`` directly in an
article; ``lijst`` with ``li`` (number in ``nr``, as attribute or element, or ``li.nr``);
inline ``vet``, ``cursief``, ``onderstreept``, ``extref``, ``intref`` (their text is kept, the
emphasis not). Namespaces are ignored (the CVDR files use
``http://standaarden.overheid.nl/cvdr/terms/``). Every line keeps the source line of its element.

The XML is parsed without DTDs, entities or network access; nothing in it is executed.
"""

from __future__ import annotations

from pathlib import Path

from .bron import Regel, fout

BLOKKEN = {"hoofdstuk", "afdeling", "paragraaf", "artikel"}


def _naam(element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _tekst(element) -> str:
    """The words of an element with its inline children, without nested lists."""
    parts = [element.text or ""]
    for child in element:
        if _naam(child) not in ("lijst", "al", "table", "tabel"):
            parts.append(_tekst(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _kind(element, naam: str):
    return next((c for c in element if _naam(c) == naam), None)


def regels(bestand: Path, data: bytes) -> list[Regel]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line, column = error.position if hasattr(error, "position") else (None, None)
        raise fout(bestand, line, column, f"geen geldige XML ({error.msg})") from None
    tekst = next((e for e in root.iter() if _naam(e) == "regeling-tekst"), None)
    if tekst is None:
        line = root.sourceline
        raise fout(bestand, line, 1, f"dit is geen regeling in de XML van de decentrale regelgeving: het element "
                                     f"<regeling-tekst> ontbreekt (het hoofdelement is <{_naam(root)}>)")
    lines: list[Regel] = []

    def add(text: str, element) -> None:
        if text.strip():
            lines.append(Regel(text, element.sourceline or 1, 1))

    titel = next((e for e in root.iter() if _naam(e) in ("citeertitel", "intitule", "title", "officiele-titel")
                  and (e.text or "").strip()), None)
    if titel is not None:
        add(_tekst(titel), titel)
    aanhef = next((e for e in root.iter() if _naam(e) == "aanhef"), None)
    if aanhef is not None:
        for al in aanhef.iter():
            if _naam(al) in ("al", "considerans.al", "wij", "afkondiging") and al is not aanhef:
                add(_tekst(al), al)

    def lijst(element, diepte: int) -> None:
        for li in element:
            if _naam(li) != "li":
                continue
            nr = li.get("nr")
            nr_element = _kind(li, "nr") or _kind(li, "li.nr")
            if nr is None and nr_element is not None:
                nr = (nr_element.text or "").strip()
            als = [c for c in li if _naam(c) == "al"]
            words = " ".join(_tekst(a) for a in als) if als else _tekst(li).replace(nr or "", "", 1)
            if nr:
                label = nr.strip()
                if label.endswith("°"):
                    add(f"{label}\t{words}", li)
                elif diepte > 0 and label.rstrip(".)").isdigit():
                    add(f"{label.rstrip('.)')}°\t{words}", li)
                else:
                    add(f"{label.rstrip('.)')}.\t{words}", li)
            else:
                add(f"– {words}", li)
            for child in li:
                if _naam(child) == "lijst":
                    lijst(child, diepte + 1)

    def inhoud(element) -> None:
        for child in element:
            naam = _naam(child)
            if naam in BLOKKEN:
                kop = _kind(child, "kop")
                if kop is not None:
                    label = (_tekst(_kind(kop, "label")) if _kind(kop, "label") is not None else naam.capitalize())
                    nr = _tekst(_kind(kop, "nr")) if _kind(kop, "nr") is not None else ""
                    titel_kop = _tekst(_kind(kop, "titel")) if _kind(kop, "titel") is not None else ""
                    if naam == "afdeling":
                        raise fout(bestand, child.sourceline, 1, "een afdeling wordt niet ondersteund; gebruik "
                                                                 "hoofdstukken en paragrafen")
                    add(f"{label.strip()} {nr.strip().rstrip('.')} {titel_kop.strip()}".strip(), kop)
                elif naam == "artikel":
                    raise fout(bestand, child.sourceline, 1, "een artikel zonder <kop> met <nr>")
                inhoud(child)
            elif naam == "lid":
                nummer = _kind(child, "lidnr")
                label = (_tekst(nummer).strip().rstrip(".") + ".\t") if nummer is not None else ""
                first = True
                for part in child:
                    if _naam(part) == "al":
                        add((label if first else "") + _tekst(part), part)
                        first = False
                    elif _naam(part) == "lijst":
                        lijst(part, 0)
            elif naam == "al":
                add(_tekst(child), child)
            elif naam == "lijst":
                lijst(child, 0)

    inhoud(tekst)
    toelichting = next((e for e in root.iter() if _naam(e) == "toelichting"), None)
    if toelichting is not None:
        lines.append(Regel("Toelichting", toelichting.sourceline or 1))
        for al in toelichting.iter():
            if _naam(al) == "al":
                add(_tekst(al), al)
            elif _naam(al) == "titel" and al.getparent() is not None and _naam(al.getparent()) == "kop":
                add(_tekst(al), al)
    return lines
