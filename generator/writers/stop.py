"""STOP XML (Standaard voor Officiële Publicaties, tekstschema 1.1.0) from the regulation model.

Built from the numbered regulation (``generator/regeling/tekst.py``), never by reading the
HTML back, so every element knows the id it was made from:

- ``regeling_xml``: the regulation as a ``RegelingKlassiek``: opschrift, aanhef (considerans
  and afkondiging), lichaam with hoofdstukken, paragrafen and artikelen (``Kop`` with
  ``Label``, ``Nummer``, ``Opschrift``), leden (``LidNummer``), onderdelen as lists
  (``LiNummer``), references as ``IntRef``, sluiting with ondertekening, toelichting;
- ``besluit_xml``: an amendment as a ``BesluitCompact`` whose Artikel I points at a
  ``WijzigBijlage`` with a ``RegelingMutatie`` (``VoegToe``, ``Vervang``, ``VervangKop``,
  ``Verwijder``; changed words as ``VerwijderdeTekst``/``NieuweTekst``, added and removed
  leden with ``wijzigactie``).

Identifiers (see docs/stop.md for the rules and their source): ``eId`` is the place in the
text as it reads now (``art_3__para_2__list_o_1__item_b``), from the derived numbers;
``wId`` is the same path made from the content's fixed ids with the prefix of the regulation
(``gr_1__art_uittreding__para_besluit``), so it does not change when an article is inserted
before, renumbered or moved. ``check`` enforces the rules the XSD does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable

from lxml import etree
from lxml import html as lxml_html

from .. import markup
from ..errors import BuildError

NS = "https://standaarden.overheid.nl/stop/imop/tekst/"
SCHEMAVERSIE = "1.1.0"
#: The wId prefix: the code of the competent authority and the version in which an element was
#: made. The content has no such code (gm0505 and the like); see docs/stop.md.
WID_PREFIX = "gr_1"

_Q = "{%s}" % NS


def _el(parent: etree._Element | None, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = etree.Element(_Q + tag, nsmap={None: NS}) if parent is None else etree.SubElement(parent, _Q + tag)
    for key, value in attrs.items():
        node.set(key.replace("_", "-") if key == "eId_wordt" else key, value)
    if text is not None:
        node.text = text
    return node


def _id_part(value: str) -> str:
    """A number or id as one component of an identifier: no ``__``, no dot at the end."""
    value = value.strip().rstrip(".").replace("°", "")
    return re.sub(r"_+", "-", re.sub(r"[^0-9A-Za-z_.\-]", "-", value))


def _part(value: str) -> str:
    """``o_3`` (an element without a number, counted) stays; anything else as ``_id_part``."""
    return value if re.fullmatch(r"o_[0-9]+", value) else _id_part(value)


@dataclass
class Ids:
    """An element's two identifiers, as paths that children extend."""

    eid: str
    wid_path: str  # without the prefix

    @property
    def wid(self) -> str:
        return f"{WID_PREFIX}__{self.wid_path}"

    def child(self, kind: str, number: str, key: str) -> "Ids":
        eid, wid = f"{kind}_{_part(number)}", f"{kind}_{_part(key)}"
        return Ids(f"{self.eid}__{eid}" if self.eid else eid, f"{self.wid_path}__{wid}" if self.wid_path else wid)

    def set(self, node: etree._Element) -> etree._Element:
        node.set("eId", self.eid)
        node.set("wId", self.wid)
        return node


ROOT = Ids("", "")


# -- inline and block text ---------------------------------------------------------------------


class Text:
    """HTML from markup.py → STOP inline and block elements; references become ``IntRef``."""

    INLINE = {"em": "i", "i": "i", "strong": "b", "b": "b", "u": "u", "sup": "sup", "sub": "sub"}

    def __init__(self, targets: dict[str, str]):
        self.targets = targets  # reference id → eId

    def inline(self, parent: etree._Element, html: str, refs: list[str]) -> None:
        fragment = lxml_html.fragment_fromstring(html or "", create_parent="div")
        queue = list(refs)
        self._copy(fragment, parent, queue)
        if queue:
            raise BuildError(f"STOP: verwijzing(en) {', '.join(queue)} niet in de tekst gevonden")

    def _append_text(self, parent: etree._Element, text: str | None) -> None:
        if not text:
            return
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    def _copy(self, source, target: etree._Element, refs: list[str]) -> None:
        self._append_text(target, source.text)
        for child in source:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "span" and "verwijzing" in (child.get("class") or "").split():
                if not refs:
                    raise BuildError("STOP: een verwijzing in de tekst heeft geen doel")
                key = refs.pop(0)
                if key not in self.targets:
                    raise BuildError(f"STOP: verwijzing naar onbekend doel {key}")
                ref = _el(target, "IntRef", child.text_content(), ref=self.targets[key])
                del ref  # text only: IntRef holds no emphasis
            elif tag in self.INLINE:
                self._copy(child, _el(target, self.INLINE[tag]), refs)
            elif tag == "a" and (child.get("href") or "").startswith(("http://", "https://")):
                _el(target, "ExtRef", child.text_content(), soort="URL", ref=child.get("href"))
            elif tag == "br":
                _el(target, "br")
            elif tag in {"span", "code", "small", "a", "ins", "del", "p"}:
                self._copy(child, target, refs)
            elif tag:
                raise BuildError(f"STOP: element <{tag}> in een tekst kan niet in STOP worden weergegeven")
            self._append_text(target, child.tail)

    def blocks(self, parent: etree._Element, html: str, refs: list[str], ids: Ids) -> None:
        """Block HTML (toelichting) → ``Al``, ``Lijst`` and ``Tussenkop`` under ``parent`` (an ``Inhoud``)."""
        fragment = lxml_html.fragment_fromstring(html or "", create_parent="div")
        queue = list(refs)
        lists = 0
        for block in fragment:
            tag = block.tag
            if tag == "p":
                self._copy(block, _el(parent, "Al"), queue)
            elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                self._copy(block, _el(parent, "Tussenkop"), queue)
            elif tag in {"ul", "ol"}:
                lists += 1
                self._list(parent, block, queue, ids.child("list", f"o_{lists}", f"o_{lists}"))
            elif tag == "blockquote":
                for inner in block:
                    self._copy(inner, _el(parent, "Al"), queue)
            else:
                raise BuildError(f"STOP: blok <{tag}> in een toelichting kan niet in STOP worden weergegeven")
        if queue:
            raise BuildError(f"STOP: verwijzing(en) {', '.join(queue)} niet in de tekst gevonden")

    def _list(self, parent: etree._Element, block, refs: list[str], ids: Ids) -> None:
        lijst = ids.set(_el(parent, "Lijst", type="expliciet"))
        for index, item in enumerate(block.findall("li"), start=1):
            number = f"{index}." if block.tag == "ol" else "\u2022"
            li = ids.child("item", str(index), str(index)).set(_el(lijst, "Li"))
            _el(li, "LiNummer", number)
            al = _el(li, "Al")
            self._append_text(al, item.text)
            for child in item:
                if child.tag in {"ul", "ol"}:
                    raise BuildError("STOP: een lijst in een lijst in de toelichting wordt niet ondersteund")
                if child.tag == "p":
                    self._copy(child, al, refs)
                    self._append_text(al, child.tail)
                else:
                    holder = etree.Element("div")
                    holder.append(child)
                    self._copy(holder, al, refs)


def reference_ids(regeling, tekst) -> list[str]:
    """The targets of the references in a piece of text, in the order they stand."""
    return [match.group(1) for match in markup.REFERENCE.finditer(regeling.worded(tekst))]


# -- the regulation -------------------------------------------------------------------------------


@dataclass
class Plan:
    """The identifiers of every element of one regulation, by reference key."""

    ids: dict[str, Ids] = field(default_factory=dict)

    @classmethod
    def of(cls, regeling) -> "Plan":
        plan = cls()
        for hoofdstuk in regeling.hoofdstukken:
            h_ids = ROOT.child("chp", hoofdstuk.nummer, hoofdstuk.id)
            plan.ids[hoofdstuk.id] = h_ids
            for paragraaf in hoofdstuk.paragrafen:
                plan.ids[paragraaf.id] = h_ids.child("subsec", paragraaf.nummer, paragraaf.id)
        for artikel in regeling.artikelen():
            a_ids = ROOT.child("art", artikel.nummer, artikel.id)
            plan.ids[artikel.id] = a_ids
            plan._onderdelen(a_ids, artikel.id, artikel.onderdelen)
            for lid in artikel.leden:
                l_ids = a_ids.child("para", str(lid.index), lid.id)
                plan.ids[f"{artikel.id}.{lid.id}"] = l_ids
                plan._onderdelen(l_ids, f"{artikel.id}.{lid.id}", lid.onderdelen)
        return plan

    def _onderdelen(self, parent: Ids, prefix: str, onderdelen) -> None:
        if not onderdelen:
            return
        lijst = parent.child("list", "o_1", "o_1")
        for onderdeel in onderdelen:
            o_ids = lijst.child("item", onderdeel.label, onderdeel.id)
            self.ids[f"{prefix}.{onderdeel.id}"] = o_ids
            if onderdeel.subonderdelen:
                sublijst = o_ids.child("list", "o_1", "o_1")
                for sub in onderdeel.subonderdelen:
                    self.ids[f"{prefix}.{onderdeel.id}.{sub.id}"] = sublijst.child("item", str(sub.index), sub.id)

    def targets(self) -> dict[str, str]:
        return {key: ids.eid for key, ids in self.ids.items()}


class RegelingWriter:
    """One regulation's elements; used for the whole regulation and for the articles of an amendment."""

    def __init__(self, regeling):
        self.regeling = regeling
        self.plan = Plan.of(regeling)
        self.text = Text(self.plan.targets())

    def al(self, parent: etree._Element, tekst, einde: str | None = None) -> etree._Element:
        node = _el(parent, "Al")
        self.text.inline(node, str(tekst.html(einde=einde)), reference_ids(self.regeling, tekst))
        return node

    def kop(self, parent: etree._Element, label: str | None, nummer: str | None, opschrift: str | None):
        kop = _el(parent, "Kop")
        if label:
            _el(kop, "Label", label)
        if nummer:
            _el(kop, "Nummer", nummer)
        if opschrift:
            _el(kop, "Opschrift", opschrift)
        return kop

    def hoofdstuk(self, parent: etree._Element, hoofdstuk, wijzigactie: str | None = None) -> etree._Element:
        node = self.plan.ids[hoofdstuk.id].set(_el(parent, "Hoofdstuk"))
        if wijzigactie:
            node.set("wijzigactie", wijzigactie)
        self.kop(node, "Hoofdstuk", hoofdstuk.nummer, hoofdstuk.titel)
        for artikel in hoofdstuk.artikelen:
            self.artikel(node, artikel)
        for paragraaf in hoofdstuk.paragrafen:
            self.paragraaf(node, paragraaf)
        return node

    def paragraaf(self, parent: etree._Element, paragraaf, wijzigactie: str | None = None) -> etree._Element:
        node = self.plan.ids[paragraaf.id].set(_el(parent, "Paragraaf"))
        if wijzigactie:
            node.set("wijzigactie", wijzigactie)
        self.kop(node, "Paragraaf", paragraaf.nummer, paragraaf.titel)
        for artikel in paragraaf.artikelen:
            self.artikel(node, artikel)
        return node

    def artikel(self, parent: etree._Element, artikel, wijzigactie: str | None = None) -> etree._Element:
        ids = self.plan.ids[artikel.id]
        node = ids.set(_el(parent, "Artikel"))
        if wijzigactie:
            node.set("wijzigactie", wijzigactie)
        self.kop(node, "Artikel", artikel.nummer, artikel.titel)
        if artikel.leden:
            for lid in artikel.leden:
                self.lid(node, artikel, lid)
        else:
            inhoud = _el(node, "Inhoud")
            if artikel.tekst is not None:
                self.al(inhoud, artikel.tekst)
            self.lijst(inhoud, artikel.id, artikel.onderdelen)
        return node

    def lid(self, parent: etree._Element, artikel, lid, wijzigactie: str | None = None) -> etree._Element:
        node = self.plan.ids[f"{artikel.id}.{lid.id}"].set(_el(parent, "Lid"))
        if wijzigactie:
            node.set("wijzigactie", wijzigactie)
        _el(node, "LidNummer", lid.label)
        inhoud = _el(node, "Inhoud")
        self.al(inhoud, lid.tekst)
        self.lijst(inhoud, f"{artikel.id}.{lid.id}", lid.onderdelen)
        return node

    def lijst(self, parent: etree._Element, prefix: str, onderdelen) -> None:
        if not onderdelen:
            return
        first = self.plan.ids[f"{prefix}.{onderdelen[0].id}"]
        lijst = _list_ids(first).set(_el(parent, "Lijst", type="expliciet"))
        for onderdeel in onderdelen:
            li = self.plan.ids[f"{prefix}.{onderdeel.id}"].set(_el(lijst, "Li"))
            _el(li, "LiNummer", onderdeel.label)
            self.al(li, onderdeel.tekst)
            if onderdeel.subonderdelen:
                sub_first = self.plan.ids[f"{prefix}.{onderdeel.id}.{onderdeel.subonderdelen[0].id}"]
                sublijst = _list_ids(sub_first).set(_el(li, "Lijst", type="expliciet"))
                for sub in onderdeel.subonderdelen:
                    item = self.plan.ids[f"{prefix}.{onderdeel.id}.{sub.id}"].set(_el(sublijst, "Li"))
                    _el(item, "LiNummer", sub.label)
                    self.al(item, sub.tekst)

    # the parts around the articles

    def aanhef(self, parent: etree._Element, aanhef: str, overwegingen, toestemming: str | None, gelet_op: str,
               besluittekst: str, html_overwegingen: Iterable[str] | None = None) -> None:
        ids = Ids("formula_1", "formula_1")
        node = ids.set(_el(parent, "Aanhef"))
        _el(node, "Al", aanhef)
        items = [(str(o.html(einde=";")), reference_ids(self.regeling, o)) for o in overwegingen]
        if html_overwegingen is not None:
            items = [(str(html), []) for html in html_overwegingen]
        if items:
            considerans = _el(node, "Considerans")
            _el(considerans, "Al", "overwegende dat:")
            lijst = ids.child("list", "o_1", "o_1").set(_el(considerans, "Lijst", type="expliciet"))
            for index, (html, refs) in enumerate(items, start=1):
                label = markup_letter(index)
                li = ids.child("list", "o_1", "o_1").child("item", label, label).set(_el(lijst, "Li"))
                _el(li, "LiNummer", f"{label}.")
                self.text.inline(_el(li, "Al"), html, refs)
        afkondiging = _el(node, "Afkondiging")
        if toestemming:
            _el(afkondiging, "Al", toestemming)
        _el(afkondiging, "Al", gelet_op)
        _el(afkondiging, "Al", "besluiten:")
        _el(afkondiging, "Al", besluittekst)

    def sluiting(self, parent: etree._Element, ondertekening) -> None:
        if not ondertekening:
            return
        node = Ids("formula_2", "formula_2").set(_el(parent, "Sluiting"))
        for item in ondertekening:
            slot = _el(node, "Slotformulering")
            _el(slot, "Al", item.slot)
            signers = _el(node, "Ondertekening")
            for functie, naam in item.ondertekenaars:
                _el(signers, "Al", functie)
                _el(signers, "Al", naam or "____________________")

    def toelichting(self, parent: etree._Element) -> None:
        regeling = self.regeling
        articles = regeling.artikelsgewijs()
        if regeling.toelichting is None and not articles:
            return
        ids = Ids("recital", "recital")
        node = ids.set(_el(parent, "Toelichting"))
        self.kop(node, None, None, "Toelichting")
        if regeling.toelichting is not None:
            general_ids = ids.child("genrecital", "o_1", "o_1")
            general = general_ids.set(_el(node, "AlgemeneToelichting"))
            self.kop(general, None, None, "Algemeen")
            self._divisietekst(general, general_ids.child("content", "o_1", "o_1"), regeling.toelichting)
            holder, holder_ids = None, ids.child("artrecital", "o_1", "o_1")
            if articles:
                holder = holder_ids.set(_el(node, "ArtikelgewijzeToelichting"))
                self.kop(holder, None, None, "Artikelsgewijs")
        else:
            holder_ids = ids.child("div", "o_1", "o_1")
            holder = holder_ids.set(_el(node, "Divisie"))
            self.kop(holder, None, None, "Artikelsgewijs")
        for artikel in articles:
            key = artikel.id
            text_ids = holder_ids.child("content", self.plan.ids[key].eid, key)
            division = self._divisietekst(holder, text_ids, artikel.toelichting)
            kop = etree.Element(_Q + "Kop")
            division.insert(0, kop)
            _el(kop, "Label", "Artikel")
            _el(kop, "Nummer", artikel.nummer)
            if artikel.titel:
                _el(kop, "Opschrift", artikel.titel)

    def _divisietekst(self, parent: etree._Element, ids: Ids, tekst) -> etree._Element:
        division = ids.set(_el(parent, "Divisietekst"))
        inhoud = _el(division, "Inhoud")
        self.text.blocks(inhoud, str(tekst.blok()), reference_ids(self.regeling, tekst), ids)
        return division


def _list_ids(first_item: Ids) -> Ids:
    eid, wid = first_item.eid.rsplit("__", 1)[0], first_item.wid_path.rsplit("__", 1)[0]
    return Ids(eid, wid)


def markup_letter(index: int) -> str:
    from ..regeling.numbering import letter

    return letter(index)


def regeling_xml(regeling) -> bytes:
    """The regulation as STOP ``RegelingKlassiek``; reproducible byte for byte."""
    writer = RegelingWriter(regeling)
    root = _el(None, "RegelingKlassiek", schemaversie=SCHEMAVERSIE)
    opschrift = Ids("longTitle", "longTitle").set(_el(root, "RegelingOpschrift"))
    _el(opschrift, "Al", regeling.opschrift)
    writer.aanhef(root, regeling.aanhef, regeling.overwegingen, regeling.toestemming, regeling.gelet_op,
                  regeling.besluittekst)
    lichaam = Ids("body", "body").set(_el(root, "Lichaam"))
    for hoofdstuk in regeling.hoofdstukken:
        writer.hoofdstuk(lichaam, hoofdstuk)
    writer.sluiting(root, regeling.ondertekening)
    writer.toelichting(root)
    return serialize(root)


def serialize(root: etree._Element) -> bytes:
    check(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# -- the rules the schema does not check ----------------------------------------------------------

_COMPONENT = r"[A-Za-z]+_(?:o_[0-9]+|[0-9A-Za-z.\-]+)"
#: A component name and number per level, ``__`` between levels; a few elements occur once and
#: have a name without a number (docs/stop.md).
_EID = re.compile(rf"^(?:longTitle|body|recital|{_COMPONENT})(?:__{_COMPONENT})*$")
_LI_NUMBER = re.compile(r"^([a-z]+\.|[0-9]+\.|[0-9]+°|\u2022)$")
_LID_NUMBER = re.compile(r"^[0-9]+[a-z]*\.$")


def problems(root: etree._Element) -> list[str]:
    """What breaks STOP's identifier and numbering rules (docs/stop.md) in a tree."""
    found: list[str] = []
    seen_eid: dict[str, str] = {}
    seen_wid: set[str] = set()
    mutation_roots = set(root.iter(_Q + "VoegToe", _Q + "Vervang", _Q + "Verwijder", _Q + "VervangKop"))

    def scope(node) -> etree._Element | None:
        for ancestor in node.iterancestors():
            if ancestor in mutation_roots:
                return ancestor
        return None

    for node in root.iter():
        eid, wid = node.get("eId"), node.get("wId")
        if eid is None:
            continue
        name = etree.QName(node).localname
        if not _EID.match(eid):
            found.append(f"{name}: eId {eid!r} heeft niet de vorm onderdeel_nummer(__onderdeel_nummer)*")
        if wid is None or not wid.startswith(WID_PREFIX + "__") or not _EID.match(wid[len(WID_PREFIX) + 2:]):
            found.append(f"{name}: wId {wid!r} heeft niet de vorm {WID_PREFIX}__<pad>")
        where = scope(node)
        # inside one mutation the same element may appear removed and added; otherwise ids are unique
        key = f"{id(where)}:{eid}" if where is not None else eid
        if key in seen_eid:
            found.append(f"{name}: eId {eid!r} komt dubbel voor")
        seen_eid[key] = name
        wkey = f"{id(where)}:{wid}" if where is not None else wid
        if wkey in seen_wid:
            found.append(f"{name}: wId {wid!r} komt dubbel voor")
        seen_wid.add(wkey)
        parent = node.getparent()
        while parent is not None and parent.get("eId") is None:
            parent = parent.getparent()
        if parent is not None and name not in {"Artikel", "Hoofdstuk"} and etree.QName(parent).localname not in {
                "Lichaam"} and not eid.startswith(parent.get("eId") + "__") and where is None:
            found.append(f"{name}: eId {eid!r} begint niet met het eId van zijn ouder {parent.get('eId')!r}")
    for number in root.iter(_Q + "LiNummer"):
        if not _LI_NUMBER.match(number.xpath("string()")):
            found.append(f"LiNummer {number.xpath('string()')!r}: verwacht a., 1., 1° of een opsommingsteken")
    for lijst in root.iter(_Q + "Lijst"):
        labels = [li.findtext(_Q + "LiNummer") for li in lijst.findall(_Q + "Li")]
        if any(label is None for label in labels) and lijst.get("type") == "expliciet":
            found.append(f"Lijst {lijst.get('eId')}: een expliciete lijst heeft bij elk item een LiNummer")
        elif labels and not any(li.get("wijzigactie") for li in lijst.findall(_Q + "Li")):
            expected = _sequence(labels[0], len(labels))
            if expected is not None and labels != expected:
                found.append(f"Lijst {lijst.get('eId')}: nummering {labels} loopt niet door ({expected})")
    for lid_number in root.iter(_Q + "LidNummer"):
        text = lid_number.xpath("string()")
        if lid_number.find(_Q + "NieuweTekst") is None and not _LID_NUMBER.match(text):
            found.append(f"LidNummer {text!r}: verwacht 1., 2., ...")
    return found


def _sequence(first: str, count: int) -> list[str] | None:
    from ..regeling.numbering import letter

    if first == "a.":
        return [f"{letter(i)}." for i in range(1, count + 1)]
    if first == "1.":
        return [f"{i}." for i in range(1, count + 1)]
    if first == "1°":
        return [f"{i}°" for i in range(1, count + 1)]
    return None


def check(root: etree._Element) -> None:
    found = problems(root)
    if found:
        raise BuildError("STOP-uitvoer voldoet niet aan de regels: " + "; ".join(found[:5]))
