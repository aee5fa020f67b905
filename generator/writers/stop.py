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
text as it reads now, from the derived numbers (``chp_5__art_19__para_2__list_o_1__li_b``);
``wId`` is made from the content's fixed ids with the prefix of the regulation
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
from ..regeling.numbering import letter

NS = "https://standaarden.overheid.nl/stop/imop/tekst/"
SCHEMAVERSIE = "1.1.0"
#: The wId prefix: the code of the competent authority and the version in which an element was
#: made. The content has no such code (gm0505 and the like); see docs/stop.md.
WID_PREFIX = "gr_1"

_Q = "{%s}" % NS


def _el(parent: etree._Element | None, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = etree.Element(_Q + tag, nsmap={None: NS}) if parent is None else etree.SubElement(parent, _Q + tag)
    for key, value in attrs.items():
        node.set(key, value)
    if text is not None:
        node.text = text
    return node


def _id_part(value: str) -> str:
    """A number as one component of an eId (STOP, attribuutgroep agAKN): spaces dropped; digits,
    letters, ``-`` and ``.`` kept; any other character becomes ``.``; dots at the end dropped."""
    value = re.sub(r"[^0-9A-Za-z.\-]", ".", value.replace(" ", ""))
    return value.rstrip(".")


def _part(value: str) -> str:
    """``o_3`` (an element without a number, counted from 1) stays; a number as ``_id_part``."""
    return value if re.fullmatch(r"o_[0-9]+", value) else _id_part(value)


#: The elements that occur once in a document: eId without a number, and a wId equal to it (as in
#: STOP's own examples of Lichaam and Aanhef).
UNIQUE = {"longTitle": "RegelingOpschrift", "formula_1": "Aanhef", "body": "Lichaam", "formula_2": "Sluiting",
          "recital": "Toelichting"}


@dataclass
class Ids:
    """An element's two identifiers, as paths that children extend.

    ``eid`` is the path of numbers (empty for the Lichaam: its children have no prefix);
    ``wid_path`` the path of the content's ids, without the prefix.
    """

    eid: str
    wid_path: str
    unique: bool = False

    @property
    def wid(self) -> str:
        return self.wid_path if self.unique else f"{WID_PREFIX}__{self.wid_path}"

    @classmethod
    def top(cls, name: str) -> "Ids":
        return cls(name, name, unique=True)

    def child(self, kind: str, number: str | None, key: str | None = None, flat: bool = False) -> "Ids":
        """A child element: ``kind_number`` after this eId; in the wId ``kind_key`` after this wId path,
        or (``flat``) on its own, so that it stays when the element moves to another chapter."""
        eid = f"{kind}_{_part(number)}" if number is not None else kind
        key = number if key is None else key
        wid = f"{kind}_{_part(key)}" if key is not None else kind
        parent_eid = "" if self.eid == "body" else self.eid
        parent_wid = "" if flat or self.wid_path == "body" else self.wid_path
        return Ids(f"{parent_eid}__{eid}" if parent_eid else eid, f"{parent_wid}__{wid}" if parent_wid else wid)

    def set(self, node: etree._Element) -> etree._Element:
        node.set("eId", self.eid)
        node.set("wId", self.wid)
        return node


BODY = Ids.top("body")


# -- inline and block text ---------------------------------------------------------------------


class Text:
    """HTML from markup.py → STOP inline and block elements; references become ``IntRef``."""

    INLINE = {"em": "i", "i": "i", "strong": "b", "b": "b", "u": "u", "sup": "sup", "sub": "sub"}

    def __init__(self, targets: dict[str, str]):
        self.targets = targets  # reference id → eId

    def inline(self, parent: etree._Element, html: str, refs: list[str] | None) -> None:
        """``refs``: the targets of the references in order; None: references stay plain text
        (text of another document, such as the amendment's own overwegingen)."""
        fragment = lxml_html.fragment_fromstring(html or "", create_parent="div")
        queue = None if refs is None else list(refs)
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

    def _copy(self, source, target: etree._Element, refs: list[str] | None) -> None:
        self._append_text(target, source.text)
        for child in source:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == "span" and "verwijzing" in (child.get("class") or "").split() and refs is None:
                self._append_text(target, child.text_content())
            elif tag == "span" and "verwijzing" in (child.get("class") or "").split():
                if not refs:
                    raise BuildError("STOP: een verwijzing in de tekst heeft geen doel")
                key = refs.pop(0)
                if key not in self.targets:
                    raise BuildError(f"STOP: verwijzing naar onbekend doel {key}")
                _el(target, "IntRef", child.text_content(), ref=self.targets[key])  # text only, as STOP allows
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

    def blocks(self, parent: etree._Element, html: str, refs: list[str] | None, ids: Ids) -> None:
        """Block HTML (toelichting) → ``Al``, ``Lijst`` and ``Tussenkop`` under ``parent`` (an ``Inhoud``)."""
        fragment = lxml_html.fragment_fromstring(html or "", create_parent="div")
        queue = None if refs is None else list(refs)
        lists = 0
        for block in fragment:
            tag = block.tag
            if tag == "p":
                self._copy(block, _el(parent, "Al"), queue)
            elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                self._copy(block, _el(parent, "Tussenkop"), queue)
            elif tag in {"ul", "ol"}:
                lists += 1
                self._list(parent, block, queue, ids.child("list", f"o_{lists}"))
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
            li = ids.child("li", number if block.tag == "ol" else f"o_{index}").set(_el(lijst, "Li"))
            _el(li, "LiNummer", number)
            al = _el(li, "Al")
            self._append_text(al, item.text)
            for child in list(item):
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
            h_ids = BODY.child("chp", hoofdstuk.nummer, hoofdstuk.id, flat=True)
            plan.ids[hoofdstuk.id] = h_ids
            for artikel in hoofdstuk.artikelen:
                plan._artikel(h_ids, artikel)
            for paragraaf in hoofdstuk.paragrafen:
                p_ids = h_ids.child("subsec", paragraaf.nummer, paragraaf.id, flat=True)
                plan.ids[paragraaf.id] = p_ids
                for artikel in paragraaf.artikelen:
                    plan._artikel(p_ids, artikel)
        return plan

    def _artikel(self, container: Ids, artikel) -> None:
        a_ids = container.child("art", artikel.nummer, artikel.id, flat=True)
        self.ids[artikel.id] = a_ids
        self._onderdelen(a_ids, artikel.id, artikel.onderdelen)
        for lid in artikel.leden:
            l_ids = a_ids.child("para", lid.label, lid.id)
            self.ids[f"{artikel.id}.{lid.id}"] = l_ids
            self._onderdelen(l_ids, f"{artikel.id}.{lid.id}", lid.onderdelen)

    def _onderdelen(self, parent: Ids, prefix: str, onderdelen) -> None:
        if not onderdelen:
            return
        lijst = parent.child("list", "o_1")
        for onderdeel in onderdelen:
            o_ids = lijst.child("li", onderdeel.label, onderdeel.id)
            self.ids[f"{prefix}.{onderdeel.id}"] = o_ids
            if onderdeel.subonderdelen:
                sublijst = o_ids.child("list", "o_1")
                for sub in onderdeel.subonderdelen:
                    self.ids[f"{prefix}.{onderdeel.id}.{sub.id}"] = sublijst.child("li", sub.label, sub.id)

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
        self.text.inline(node, str(markup.to_inline_html(markup.met_einde(tekst.markdown, einde) if einde is not None else tekst.markdown)), reference_ids(self.regeling, tekst))
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
        ids = Ids.top("formula_1")
        node = ids.set(_el(parent, "Aanhef"))
        _el(node, "Al", aanhef)
        items = [(str(markup.to_inline_html(markup.met_einde(o.markdown, ";"))), reference_ids(self.regeling, o)) for o in overwegingen]
        if html_overwegingen is not None:
            items = [(str(html), None) for html in html_overwegingen]
        if items:
            considerans = _el(node, "Considerans")
            _el(considerans, "Al", "overwegende dat:")
            lijst_ids = ids.child("list", "o_1")
            lijst = lijst_ids.set(_el(considerans, "Lijst", type="expliciet"))
            for index, (html, refs) in enumerate(items, start=1):
                label = letter(index)
                li = lijst_ids.child("li", label).set(_el(lijst, "Li"))
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
        node = Ids.top("formula_2").set(_el(parent, "Sluiting"))
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
        ids = Ids.top("recital")
        node = ids.set(_el(parent, "Toelichting"))
        self.kop(node, None, None, "Toelichting")
        if regeling.toelichting is not None:
            general_ids = ids.child("genrecital", None)
            general = general_ids.set(_el(node, "AlgemeneToelichting"))
            self.kop(general, None, None, "Algemeen")
            self._divisietekst(general, general_ids.child("content", "o_1"), regeling.toelichting)
            holder, holder_ids = None, ids.child("artrecital", None)
            if articles:
                holder = holder_ids.set(_el(node, "ArtikelgewijzeToelichting"))
                self.kop(holder, None, None, "Artikelsgewijs")
        else:
            holder_ids = ids.child("div", "o_1")
            holder = holder_ids.set(_el(node, "Divisie"))
            self.kop(holder, None, None, "Artikelsgewijs")
        for artikel in articles:
            key = artikel.id
            text_ids = holder_ids.child("content", artikel.nummer, key)
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
        self.text.blocks(inhoud, str(markup.to_html(tekst.markdown)), reference_ids(self.regeling, tekst), ids)
        return division


def _list_ids(first_item: Ids) -> Ids:
    """The Lijst around a list item: its identifiers without the last step."""
    eid, wid = first_item.eid.rsplit("__", 1)[0], first_item.wid_path.rsplit("__", 1)[0]
    return Ids(eid, wid)


def regeling_xml(regeling) -> bytes:
    """The regulation as STOP ``RegelingKlassiek``; reproducible byte for byte."""
    writer = RegelingWriter(regeling)
    root = _el(None, "RegelingKlassiek", schemaversie=SCHEMAVERSIE)
    opschrift = Ids.top("longTitle").set(_el(root, "RegelingOpschrift"))
    _el(opschrift, "Al", regeling.opschrift)
    writer.aanhef(root, regeling.aanhef, regeling.overwegingen, regeling.toestemming, regeling.gelet_op,
                  regeling.besluittekst)
    lichaam = BODY.set(_el(root, "Lichaam"))
    for hoofdstuk in regeling.hoofdstukken:
        writer.hoofdstuk(lichaam, hoofdstuk)
    writer.sluiting(root, regeling.ondertekening)
    writer.toelichting(root)
    return serialize(root)


def serialize(root: etree._Element) -> bytes:
    check(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


# -- the rules the schema does not check ----------------------------------------------------------

_PIECE = r"[A-Za-z]+(?:_(?:o_[0-9]+|[0-9A-Za-z.\-]*[0-9A-Za-z\-]))?(?:_inst[0-9]+)?"
#: ``[prefix__]element_ref[_nummer]``: an abbreviation, a number (no dot at the end) or ``o_N``,
#: ``__`` between the levels (STOP, attribuutgroep agAKN).
_EID = re.compile(rf"^{_PIECE}(?:__{_PIECE})*$")
_LI_NUMBER = re.compile(r"^([a-z]+\.|[0-9]+\.|[0-9]+°|\u2022)$")
_LID_NUMBER = re.compile(r"^[0-9]+[a-z]*\.$")


def problems(root: etree._Element) -> list[str]:
    """What breaks STOP's identifier rules, and our numbering of lists and leden, in a tree."""
    return _identifier_problems(root) + _list_problems(root) + _lid_problems(root)


def _identifier_problems(root: etree._Element) -> list[str]:
    """eId and wId: their form, unique in the document (or within one mutation), the parent's eId as prefix."""
    found: list[str] = []
    seen_eid: set[str] = set()
    seen_wid: set[str] = set()
    mutation_roots = set(root.iter(_Q + "VoegToe", _Q + "Vervang", _Q + "Verwijder", _Q + "VervangKop"))
    for node in root.iter():
        eid, wid = node.get("eId"), node.get("wId")
        if eid is None:
            continue
        name = etree.QName(node).localname
        found += _identifier_form_problems(name, eid, wid)
        if any(a.get("wijzigactie") == "verwijder" for a in (node, *node.iterancestors())):
            continue  # text that goes keeps the identifiers it had
        where = next((a for a in node.iterancestors() if a in mutation_roots), None)
        # inside one mutation the text is that of the new regulation; otherwise ids are unique in the document
        for value, seen, what in ((eid, seen_eid, "eId"), (wid, seen_wid, "wId")):
            key = f"{id(where)}:{value}" if where is not None else value
            if key in seen:
                found.append(f"{name}: {what} {value!r} komt dubbel voor")
            seen.add(key)
        if where is None:
            found += _prefix_problems(node, name, eid)
    return found


def _identifier_form_problems(name: str, eid: str, wid: str | None) -> list[str]:
    """The form of one element's eId and wId; the fixed ones (``UNIQUE``) as they are given."""
    found: list[str] = []
    if not _EID.match(eid):
        found.append(f"{name}: eId {eid!r} heeft niet de vorm [voorvoegsel__]onderdeel[_nummer]")
    if eid in UNIQUE:
        if UNIQUE[eid] != name or wid != eid:
            found.append(f"{name}: eId {eid!r} hoort bij {UNIQUE[eid]}, met een gelijke wId")
    elif wid is None or not wid.startswith(WID_PREFIX + "__") or not _EID.match(wid[len(WID_PREFIX) + 2:]):
        found.append(f"{name}: wId {wid!r} heeft niet de vorm {WID_PREFIX}__<pad>")
    return found


def _prefix_problems(node: etree._Element, name: str, eid: str) -> list[str]:
    """An eId begins with its parent's eId (not directly under the Lichaam)."""
    parent = next((a for a in node.iterancestors() if a.get("eId") is not None), None)
    if parent is None or parent.get("eId") in {"body"}:
        return []  # directly under the Lichaam: no prefix
    if not eid.startswith(parent.get("eId") + "__"):
        return [f"{name}: eId {eid!r} begint niet met het eId van zijn ouder {parent.get('eId')!r}"]
    return []


def _shown(number: etree._Element) -> str:
    """A number as it reads after the change."""
    new = number.find(_Q + "NieuweTekst")
    return new.xpath("string()") if new is not None else number.xpath("string()")


def _list_problems(root: etree._Element) -> list[str]:
    """The numbers of list items: their form, one on each item of an explicit list, running on."""
    found: list[str] = []
    for number in root.iter(_Q + "LiNummer"):
        if not _LI_NUMBER.match(_shown(number)):
            found.append(f"LiNummer {number.xpath('string()')!r}: verwacht a., 1., 1° of een opsommingsteken")
    for lijst in root.iter(_Q + "Lijst"):
        items = lijst.findall(_Q + "Li")
        labels = [_shown(li.find(_Q + "LiNummer")) if li.find(_Q + "LiNummer") is not None else None for li in items]
        if any(label is None for label in labels) and lijst.get("type") == "expliciet":
            found.append(f"Lijst {lijst.get('eId')}: een expliciete lijst heeft bij elk item een LiNummer")
        elif labels and not any(li.get("wijzigactie") for li in items):
            expected = _sequence(labels[0], len(labels))
            if expected is not None and labels != expected:
                found.append(f"Lijst {lijst.get('eId')}: nummering {labels} loopt niet door ({expected})")
    return found


def _lid_problems(root: etree._Element) -> list[str]:
    """The numbers of leden: 1., 2., ..."""
    found: list[str] = []
    for lid_number in root.iter(_Q + "LidNummer"):
        text = _shown(lid_number)
        if not _LID_NUMBER.match(text):
            found.append(f"LidNummer {text!r}: verwacht 1., 2., ...")
    return found


def _sequence(first: str, count: int) -> list[str] | None:
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


# -- the amendment ------------------------------------------------------------------------------------

_MARKED = {"Al", "Opschrift", "Nummer", "LidNummer", "LiNummer"}
_ITEMS = {"Lid", "Li"}


def _text(node: etree._Element) -> str:
    return " ".join(node.xpath("string()").split())


def _mark(node: etree._Element, old: str, new: str) -> None:
    """Replace a text element's content by the word-level changes from ``old`` to ``new``."""
    from ..wijziging.woorden import opcodes, tokens

    for child in list(node):
        node.remove(child)
    node.text = None
    if etree.QName(node).localname in {"Nummer", "LidNummer", "LiNummer"}:
        pieces = [("delete", old), ("insert", new)]
    else:
        before, after = tokens(old), tokens(new)
        pieces = []
        for tag, i1, i2, j1, j2 in opcodes(before, after):
            if tag == "equal":
                pieces.append(("equal", "".join(after[j1:j2])))
                continue
            if i2 > i1:
                pieces.append(("delete", "".join(before[i1:i2])))
            if j2 > j1:
                pieces.append(("insert", "".join(after[j1:j2])))
    last = None
    for kind, text in pieces:
        if not text:
            continue
        if kind == "equal":
            if last is None:
                node.text = (node.text or "") + text
            else:
                last.tail = (last.tail or "") + text
            continue
        last = _el(node, "VerwijderdeTekst" if kind == "delete" else "NieuweTekst", text)


def _renvooi(new: etree._Element, old: etree._Element) -> bool:
    """Mark in ``new`` (a copy of the new element) what changed against ``old``; True if anything did.

    Text elements are compared by their place under the nearest element with a wId; leden and
    list items that come get ``wijzigactie="voegtoe"``, those that go are put back, from the old
    text, with ``wijzigactie="verwijder"``.
    """
    changed = False
    old_by_wid = {node.get("wId"): node for node in old.iter() if node.get("wId")}

    def texts(holder: etree._Element) -> list[etree._Element]:
        """The text elements that belong to ``holder`` itself, not to a nested identified element."""
        found = []
        for node in holder.iter():
            if node is not holder and etree.QName(node).localname in _MARKED:
                owner = next(a for a in node.iterancestors() if a.get("wId") or a is holder)
                if owner is holder:
                    found.append(node)
        return found

    for holder in [n for n in new.iter() if n.get("wId")]:
        counterpart = old_by_wid.get(holder.get("wId"))
        if counterpart is None:
            if etree.QName(holder).localname in _ITEMS:
                holder.set("wijzigactie", "voegtoe")
                changed = True
            continue
        old_texts = texts(counterpart)
        new_texts = texts(holder)
        for index, node in enumerate(new_texts):
            same_kind = [t for t in old_texts if etree.QName(t).localname == etree.QName(node).localname]
            position = [t for t in new_texts if etree.QName(t).localname == etree.QName(node).localname].index(node)
            before = _text(same_kind[position]) if position < len(same_kind) else ""
            after = _text(node)
            if before != after:
                _mark(node, before, after)
                changed = True
        # leden and list items that go: back in, marked, after the item before them
        new_wids = {n.get("wId") for n in holder}
        previous = None
        for child in counterpart:
            wid = child.get("wId")
            if wid and etree.QName(child).localname in _ITEMS and wid not in new_wids:
                gone = _copy(child)
                gone.set("wijzigactie", "verwijder")
                anchor = next((n for n in holder if previous is not None and n.get("wId") == previous), None)
                if anchor is not None:
                    anchor.addnext(gone)
                else:
                    first = next((n for n in holder if etree.QName(n).localname == etree.QName(child).localname), None)
                    (first.addprevious(gone) if first is not None else holder.append(gone))
                changed = True
            if wid:
                previous = wid
    return changed


def _copy(node: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(node))


def _scratch(build) -> etree._Element:
    holder = etree.Element(_Q + "Scratch")
    return build(holder)


@dataclass(frozen=True)
class _Indeling:
    """Where everything stands in one regulation, by id: chapters, articles (chapter, paragraph), paragraphs
    (chapter, paragraph)."""

    chapters: dict
    places: dict
    paragraphs: dict

    @classmethod
    def of(cls, regeling) -> _Indeling:
        return cls({h.id: h for h in regeling.hoofdstukken},
                   {a.id: (a.hoofdstuk, a.paragraaf) for a in regeling.artikelen()},
                   {p.id: (h.id, p) for h in regeling.hoofdstukken for p in h.paragrafen})


@dataclass
class Mutatie:
    """The ``RegelingMutatie`` from the regulation in force to the new one, by id."""

    old: RegelingWriter
    new: RegelingWriter
    target: etree._Element

    def wid(self, writer: RegelingWriter, key: str) -> str:
        return writer.plan.ids[key].wid

    def run(self) -> None:
        old, new = _Indeling.of(self.old.regeling), _Indeling.of(self.new.regeling)
        self.gaan(old, new)
        # what comes or changes, in the order of the new text
        previous_chapter = None
        for h in self.new.regeling.hoofdstukken:
            self.hoofdstuk(h, previous_chapter, old)
            previous_chapter = h.id

    def gaan(self, old: _Indeling, new: _Indeling) -> None:
        """What goes: chapters, paragraphs, articles (also those that move: they come back where they go)."""
        for h in self.old.regeling.hoofdstukken:
            if h.id not in new.chapters:
                self.verwijder(self.wid(self.old, h.id), lambda p, h=h: self.old.hoofdstuk(p, h))
        for key, (chapter, p) in old.paragraphs.items():
            if chapter in new.chapters and new.paragraphs.get(key, (None,))[0] != chapter:
                self.verwijder(self.wid(self.old, key), lambda parent, p=p: self.old.paragraaf(parent, p))
        for a in self.old.regeling.artikelen():
            place = old.places[a.id]
            container_stays = place[0] in new.chapters and (place[1] is None or
                                                            new.paragraphs.get(place[1], (None,))[0] == place[0])
            if container_stays and new.places.get(a.id) != place:
                self.verwijder(self.wid(self.old, a.id), lambda parent, a=a: self.old.artikel(parent, a))

    def hoofdstuk(self, h, previous_chapter: str | None, old: _Indeling) -> None:
        """A chapter of the new text: inserted after the one before it, replaced, or changed in its parts."""
        chapters = self.new.regeling.hoofdstukken
        if h.id not in old.chapters:
            self.voeg_toe(previous_chapter, next((c.id for c in chapters[chapters.index(h):] if c.id in old.chapters),
                                                 None),
                          lambda parent, h=h: self.new.hoofdstuk(parent, h))
        elif not self.anchored(h.artikelen, old.places, (h.id, None)):
            self.vervang(h.id, lambda parent, h=h: self.new.hoofdstuk(parent, h))
        else:
            self.kop(h.id, old.chapters[h.id], h)
            self.container(h.artikelen, old.places, (h.id, None))
            self.paragrafen(h, old)

    def paragrafen(self, h, old: _Indeling) -> None:
        """The paragraphs of a chapter that stays: inserted, replaced or changed; the chapter is replaced
        when all of them are new."""
        previous_paragraph = None
        for p in h.paragrafen:
            known = old.paragraphs.get(p.id)
            if known is None or known[0] != h.id:
                later = [q.id for q in h.paragrafen[h.paragrafen.index(p):]
                         if old.paragraphs.get(q.id, (None,))[0] == h.id]
                if previous_paragraph is None and not later:
                    self.vervang(h.id, lambda parent, h=h: self.new.hoofdstuk(parent, h))
                    return  # the chapter's paragraphs were all new: the chapter is replaced
                self.voeg_toe(previous_paragraph, later[0] if later else None,
                              lambda parent, p=p: self.new.paragraaf(parent, p))
            elif not self.anchored(p.artikelen, old.places, (h.id, p.id)):
                self.vervang(p.id, lambda parent, p=p: self.new.paragraaf(parent, p))
            else:
                self.kop(p.id, known[1], p)
                self.container(p.artikelen, old.places, (h.id, p.id))
            previous_paragraph = p.id

    @staticmethod
    def anchored(articles, old_places, place) -> bool:
        """Whether a container keeps an article it had, to place new ones against; a container whose
        articles are all new (or that had none) is replaced as a whole."""
        return not articles or any(old_places.get(a.id) == place for a in articles)

    def container(self, articles, old_places, place) -> None:
        old_articles = {a.id: a for a in self.old.regeling.artikelen()}
        previous = None
        for index, a in enumerate(articles):
            if old_places.get(a.id) != place:
                later = [b.id for b in articles[index:] if old_places.get(b.id) == place]
                self.voeg_toe(previous, later[0] if later else None, lambda parent, a=a: self.new.artikel(parent, a))
            else:
                self.artikel(old_articles[a.id], a)
            previous = a.id

    def vervang(self, key: str, build) -> None:
        node = _el(self.target, "Vervang", wat=self.wid(self.old, key))
        build(node)

    def kop(self, key: str, old_item, new_item) -> None:
        if (old_item.nummer, old_item.titel) == (new_item.nummer, new_item.titel):
            return
        node = _el(self.target, "VervangKop", wat=self.wid(self.old, key))
        old_eid, new_eid = self.old.plan.ids[key].eid, self.new.plan.ids[key].eid
        if old_eid != new_eid:
            node.set("eId-wordt", new_eid)
        kop = self.new.kop(node, type(new_item).__name__, new_item.nummer, new_item.titel)
        if old_item.nummer != new_item.nummer:
            _mark(kop.find(_Q + "Nummer"), old_item.nummer, new_item.nummer)
        if old_item.titel != new_item.titel:
            _mark(kop.find(_Q + "Opschrift"), old_item.titel or "", new_item.titel or "")

    def artikel(self, old_article, new_article) -> None:
        old_node = _scratch(lambda p: self.old.artikel(p, old_article))
        new_node = _scratch(lambda p: self.new.artikel(p, new_article))
        old_body = [etree.tostring(c) for c in old_node if etree.QName(c).localname != "Kop"]
        new_body = [etree.tostring(c) for c in new_node if etree.QName(c).localname != "Kop"]
        same_text = [_text(c) for c in old_node][1:] == [_text(c) for c in new_node][1:]
        if old_body == new_body or (same_text and old_node.get("eId") != new_node.get("eId")):
            self.kop(old_article.id, old_article, new_article)  # at most the heading (a renumbering)
            return
        _renvooi(new_node, old_node)
        vervang = _el(self.target, "Vervang", wat=self.wid(self.old, old_article.id))
        vervang.append(new_node)

    def verwijder(self, wat: str, build) -> None:
        node = _el(self.target, "Verwijder", wat=wat)
        build(node)

    def voeg_toe(self, after: str | None, before: str | None, build) -> None:
        if after is not None:
            node = _el(self.target, "VoegToe", positie="volgtOp", context=self.wid(self.new, after))
        elif before is not None:
            node = _el(self.target, "VoegToe", positie="komtVoor", context=self.wid(self.old, before))
        else:  # the callers replace a container that keeps nothing to place against
            raise BuildError("STOP: geen plaats gevonden voor een ingevoegd onderdeel")
        build(node)


def besluit_xml(data) -> bytes:
    """An amendment (``generator/wijziging/maak.py``) as STOP ``BesluitCompact`` with a ``RegelingMutatie``."""
    old_writer, new_writer = RegelingWriter(data.oud_regeling), RegelingWriter(data.nieuw_regeling)
    root = _el(None, "BesluitCompact", schemaversie=SCHEMAVERSIE)
    opschrift = Ids.top("longTitle").set(_el(root, "RegelingOpschrift"))
    _el(opschrift, "Al", data.opschrift)
    new_writer.aanhef(root, data.aanhef, [], data.toestemming, data.gelet_op, data.besluittekst,
                      html_overwegingen=data.overwegingen)
    lichaam = BODY.set(_el(root, "Lichaam"))
    artikel_i = BODY.child("art", "I").set(_el(lichaam, "WijzigArtikel"))
    new_writer.kop(artikel_i, "Artikel", "I", None)
    how = "komt te luiden" if data.vorm == "integraal" else "wordt gewijzigd"
    _el(artikel_i, "Wat", f"De {data.citeertitel} {how} zoals aangegeven in Bijlage A.")
    artikel_ii = BODY.child("art", "II").set(_el(lichaam, "Artikel"))
    new_writer.kop(artikel_ii, "Artikel", "II", None)
    _el(_el(artikel_ii, "Inhoud"), "Al", data.inwerkingtreding)
    new_writer.sluiting(root, data.ondertekening)
    bijlage = Ids("cmp_A", "cmp_A").set(_el(root, "WijzigBijlage"))  # as STOP's example of a Bijlage
    new_writer.kop(bijlage, "Bijlage", "A", "bij Artikel I")
    was, wordt = (f"/akn/nl/act/gr/{data.datum.year}/{_id_part(data.citeertitel).lower()}/nld@{label}"
                  for label in (data.oud, data.nieuw))
    mutatie = _el(bijlage, "RegelingMutatie", componentnaam="main", was=was, wordt=wordt)
    if data.vorm == "integraal":
        vervang = _el(mutatie, "Vervang", wat=BODY.wid)
        lichaam_new = BODY.set(_el(vervang, "Lichaam"))
        for hoofdstuk in data.nieuw_regeling.hoofdstukken:
            new_writer.hoofdstuk(lichaam_new, hoofdstuk)
    else:
        Mutatie(old_writer, new_writer, mutatie).run()
    if not len(mutatie):
        raise BuildError("STOP: de wijziging heeft geen wijzigingen in de tekst van de artikelen")
    if data.toelichting:
        toelichting = Ids.top("recital").set(_el(root, "Toelichting"))
        new_writer.kop(toelichting, None, None, "Toelichting")
        general_ids = Ids.top("recital").child("genrecital", None)
        general = general_ids.set(_el(toelichting, "AlgemeneToelichting"))
        new_writer.kop(general, None, None, "Algemeen")
        text_ids = general_ids.child("content", "o_1")
        division = text_ids.set(_el(general, "Divisietekst"))
        html = markup.to_html(data.toelichting, data.nieuw_regeling.absolute_resolver)
        new_writer.text.blocks(_el(division, "Inhoud"), str(html), None, text_ids)
    return serialize(root)
