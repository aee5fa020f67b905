"""A :class:`~.structuur.Regeling` → the files of a content folder (YAML text).

The wording is kept verbatim: text is escaped for Markdown, and a cross-reference becomes
``[[id]]`` only where the generator words it back the same way (see :mod:`.verwijzingen`).
The numbering is frozen (``nummering: vast``) with the source's article and chapter numbers,
so an amendment uses the real numbers. The regulation is ``stadium: geldend``: what today's
Wgr still asks of it is reported, not an error.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..formatting import opsomming
from ..paths import slug
from ..regeling.numbering import Plaats, letter
from .. import rechtsvormen
from ..regeling.tekst import WGR, standaard_aanhef, standaard_toestemming
from ..regeling.tekst import romeins as romeins_nummer
from . import structuur as s
from .bron import Regel, fout
from .verwijzingen import Doel, Onopgelost, omzetten

DEELNEMER_WOORDEN = (("raad", r"\braden\b|\braad\b"), ("college", r"\bcolleges?\b"),
                     ("burgemeester", r"\bburgemeesters?\b"))

STANDAARD_BESLUITTEKST = "de volgende gemeenschappelijke regeling te treffen:"

#: Words in an article's title → the subjects the Wgr check looks for.
ONDERWERPEN: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"begrip", ("begripsbepalingen",)), (r"instelling|rechtspersoon|vestiging", ("instelling",)),
    (r"\bbelang", ("belang",)), (r"\btaak|\btaken|bevoegdhe", ("taken",)),
    (r"algemeen bestuur", ("algemeen-bestuur",)), (r"dagelijks bestuur", ("dagelijks-bestuur",)),
    (r"voorzitter", ("voorzitter",)), (r"gemeenschappelijk orgaan", ("gemeenschappelijk-orgaan",)),
    (r"centrumgemeente", ("centrumgemeente",)), (r"werkwijze|vergader", ("werkwijze",)),
    (r"inlichting", ("inlichtingen",)), (r"verantwoording", ("verantwoording",)), (r"zienswijze", ("zienswijze",)),
    (r"inwoners|participatie|belanghebbenden", ("participatie",)), (r"begroting", ("begroting",)),
    (r"jaarrekening", ("jaarrekening",)), (r"bijdrage|kostenverdeling|verdeelsleutel", ("verdeelsleutel",)),
    (r"personeel", ("personeel",)), (r"archief", ("archief",)), (r"toetreding", ("toetreding",)),
    (r"uittreding", ("uittreding", "uittreding-gevolgen")), (r"wijziging", ("wijziging",)),
    (r"opheffing", ("opheffing",)), (r"vereffening|liquidatie", ("vereffening",)), (r"geschil", ("geschillen",)),
    (r"evaluatie", ("evaluatie",)), (r"\bduur\b", ("duur",)), (r"overgang", ("overgang",)),
    (r"inwerkingtreding", ("inwerkingtreding",)), (r"bekendmaking", ("bekendmaking",)),
    (r"citeertitel|citeerwijze|citering", ("citeertitel",)),
)

#: The standard name of each organ → its role (from the legal-form table).
ROLLEN = {orgaan.naam: rol for rol, orgaan in rechtsvormen.ORGANEN.items()}


@dataclass
class Inhoud:
    bestanden: dict[str, str]
    naam: str
    onopgelost: list[Onopgelost] = field(default_factory=list)
    opmerkingen: list[str] = field(default_factory=list)
    artikelen: int = 0


# -- Markdown -------------------------------------------------------------------------------------


def markdown(text: str) -> str:
    """Plain words as Markdown that renders back to the same words."""
    text = re.sub(r"([\\`*_\[\]])", r"\\\1", text)
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)
    text = re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", text)
    text = re.sub(r"^([#>+=-])", r"\\\1", text)
    return text


def _stukken(pieces: list[tuple[str, str]]) -> str:
    return "".join(markdown(value) if kind == "tekst" else f"[[{value}]]" for kind, value in pieces)


# -- the content ------------------------------------------------------------------------------------


class _Schrijver:
    def __init__(self, regeling: s.Regeling, bestand: Path, naam: str | None):
        self.r = regeling
        self.bestand = bestand
        self.naam = naam
        self.onopgelost: list[Onopgelost] = []
        self.opmerkingen = list(regeling.opmerkingen)
        self.ids: set[str] = set()
        # filled by indeling(): the id and place of each part (by object id), the targets of references
        self.id_van: dict[int, str] = {}
        self.lid_ids: dict[int, list[str]] = {}
        self.plaatsen: dict[int, Plaats] = {}
        self.doel = Doel({}, {})
        self.rollen: dict[str, str] = {}

    def fout(self, regel: Regel | None, melding: str):
        return fout(self.bestand, regel.regel if regel else None, regel.kolom if regel else None, melding)

    def _id(self, wanted: str, fallback: str) -> str:
        base = slug(wanted)[:40].strip("-") if wanted else ""
        if not base or not base[0].isalpha():
            base = fallback
        key, n = base, 2
        while key in self.ids:
            key = f"{base}-{n}"
            n += 1
        self.ids.add(key)
        return key

    # participants

    def gemeenten(self) -> list[str]:
        aanhef = self.r.aanhef or ""
        match = re.search(r"\bvan de gemeenten?\s+(.+?)(?:,\s*ieder\b.*)?;?\s*$", aanhef)
        names: list[str] = []
        if match:
            names = _opsomming_delen(match.group(1))
        if len(names) < 2:
            names = list(dict.fromkeys(self.r.gemeenten_slot))
        if len(names) < 2:
            raise self.fout(self.r.aanhef_regel, "geen deelnemende gemeenten gevonden: verwacht een aanhef als "
                                                 "\"De raden van de gemeenten A, B en C;\" of een ondertekening per gemeente")
        return names

    def deelnemers(self) -> list[str]:
        aanhef = (self.r.aanhef or "").split(" van de gemeente")[0]
        aanhef = re.sub(r"\bvan burgemeester en wethouders\b", "", aanhef)
        found = [rol for rol, pattern in DEELNEMER_WOORDEN if re.search(pattern, aanhef, re.I)]
        if not found:
            self.opmerkingen.append("de aanhef noemt geen raden, colleges of burgemeesters; aangenomen: de colleges")
            found = ["college"]
        return found

    def vorm(self) -> str:
        gelet = self.r.gelet_op or ""
        for vorm, basis in ((code, rechtsvormen.vorm(code).grondslag) for code in rechtsvormen.CODES):
            if basis and basis in gelet:
                return vorm
        words = " ".join(a.tekst or "" for a in self.r.artikelen()[:5]) + " " + " ".join(
            l.tekst for a in self.r.artikelen()[:5] for l in a.leden)
        for vorm, pattern in (("bedrijfsvoeringsorganisatie", r"bedrijfsvoeringsorganisatie"),
                              ("gemeenschappelijk-orgaan", r"gemeenschappelijk orgaan"),
                              ("centrumgemeente", r"centrumgemeente"), ("openbaar-lichaam", r"openbaar lichaam")):
            if re.search(pattern, words, re.I):
                return vorm
        return "regeling-zonder-meer"

    def organen(self, vorm: str) -> dict[str, dict]:
        """Names the begripsbepalingen give the organs: "Drechtraad: het algemeen bestuur van ..."."""
        result: dict[str, dict] = {}
        form = rechtsvormen.vorm(vorm)
        allowed = set(form.organen) | set(form.optioneel)
        names = "|".join(sorted((re.escape(n) for n in ROLLEN), key=len, reverse=True))
        for artikel in self.r.artikelen():
            for onderdeel in artikel.onderdelen + [o for l in artikel.leden for o in l.onderdelen]:
                match = re.match(rf"^([A-Z][\w\- ]{{1,40}}?):\s+(?:het|de)\s+({names})\b", onderdeel.tekst)
                if match and ROLLEN[match.group(2)] in allowed and match.group(1).lower() != match.group(2):
                    result[ROLLEN[match.group(2)]] = {"naam": match.group(1), "lidwoord": "de" if
                                                      _de_woord(match.group(1)) else "het"}
        return result

    # the text

    def inhoud(self) -> Inhoud:
        r = self.r
        gemeenten = self.gemeenten()
        deelnemers = self.deelnemers()
        vorm = self.vorm()
        citeertitel = self.citeertitel()
        naam = self.naam or re.sub(r"^gemeenschappelijke regeling\s+", "", citeertitel, flags=re.I).strip() or citeertitel
        organen = self.organen(vorm)
        self.rollen = {v["naam"].lower(): k for k, v in organen.items()}

        koppen = self.koppen()
        romeins = koppen.get("hoofdstuknummers") == "romeins"
        self.indeling(romeins)
        hoofdstukken = [self.hoofdstuk_yaml(hoofdstuk, romeins) for hoofdstuk in r.hoofdstukken]

        regeling: dict = {"citeertitel": citeertitel}
        if r.titel and r.titel != citeertitel:
            regeling["opschrift"] = r.titel
        regeling["stadium"] = "geldend"
        regeling["deelnemers"] = deelnemers
        if organen:
            regeling["organen"] = organen
        regeling["bekendmaking"] = self.bekendmaking(gemeenten)
        self.considerans_yaml(regeling, deelnemers, sorted(gemeenten, key=str.casefold), vorm)
        if koppen:
            regeling["koppen"] = koppen
        if r.titel_na_besluit:
            regeling["titel_na_besluit"] = True
        self.nummering_yaml(regeling)
        regeling["hoofdstukken"] = hoofdstukken
        if r.toelichting:
            regeling["toelichting"] = {"algemeen": self.blokken(r.toelichting, Plaats(), Regel("", 1), self.tekst)}
        return Inhoud(self.bestanden(naam, citeertitel, vorm, gemeenten, regeling), naam, self.onopgelost,
                      self.opmerkingen, len(r.artikelen()))

    def indeling(self, romeins: bool) -> None:
        """The id and place of every chapter, paragraph, article and lid, before any text is converted
        (a cross-reference may point forward)."""
        r = self.r
        zonder_hoofdstukken = len(r.hoofdstukken) == 1 and not r.hoofdstukken[0].titel
        for h_index, hoofdstuk in enumerate(r.hoofdstukken, start=1):
            if not hoofdstuk.titel and not zonder_hoofdstukken:
                raise self.fout(hoofdstuk.regel, "artikelen vóór het eerste hoofdstuk, of een hoofdstuk zonder "
                                                 "opschrift, kunnen niet worden ingelezen")
            h_id = self._id(hoofdstuk.titel or "", "regeling" if zonder_hoofdstukken else f"hoofdstuk-{h_index}")
            h_nummer: str | None = _arabisch(hoofdstuk.nummer, self, hoofdstuk.regel, romeins)
            if romeins:
                h_nummer = romeins_nummer(h_nummer)
            if zonder_hoofdstukken:
                h_nummer = None
            self.doel.hoofdstukken[hoofdstuk.nummer] = (h_id, Plaats(h_id, h_nummer))
            self.id_van[id(hoofdstuk)] = h_id
            for artikel in hoofdstuk.artikelen:
                self.artikel_plaats(artikel, Plaats(h_id, h_nummer))
            for paragraaf in hoofdstuk.paragrafen:
                p_id = self._id("par-" + paragraaf.titel, f"paragraaf-{h_index}-{paragraaf.nummer}")
                self.id_van[id(paragraaf)] = p_id
                self.doel.paragrafen[(h_id, paragraaf.nummer)] = (p_id, Plaats(h_id, h_nummer, p_id, paragraaf.nummer))
                for artikel in paragraaf.artikelen:
                    self.artikel_plaats(artikel, Plaats(h_id, h_nummer, p_id, paragraaf.nummer))

    def artikel_plaats(self, artikel: s.Artikel, groep: Plaats) -> None:
        """The id and place of an article and its leden, in its chapter or paragraph."""
        a_id = self._id(artikel.titel or "", f"artikel-{artikel.nummer}")
        self.id_van[id(artikel)] = a_id
        plaats = Plaats(**{**groep.__dict__, "artikel": a_id, "artikel_nummer": artikel.nummer})
        self.plaatsen[id(artikel)] = plaats
        leden = [(f"lid-{lid.nummer}", _lijst(lid.onderdelen, lid.opsomming)) for lid in artikel.leden]
        self.lid_ids[id(artikel)] = [key for key, _ in leden]
        self.doel.artikelen[artikel.nummer] = (a_id, plaats, leden, _lijst(artikel.onderdelen, artikel.opsomming))

    def tekst(self, text: str, where: Plaats, regel: Regel) -> str:
        """Source text as Markdown, its cross-references as ``[[id]]``."""
        return _stukken(omzetten(text, where, self.doel, regel.regel, regel.kolom, self.onopgelost))

    def onderdelen_yaml(self, items: list[s.Onderdeel], where: Plaats, opsomming: str) -> list[dict]:
        result = []
        for index, onderdeel in enumerate(items, start=1):
            key = letter(index)
            here = Plaats(**{**where.__dict__, "onderdeel": key, "onderdeel_index": index, "opsomming": opsomming})
            item: dict = {"id": key, "tekst": self.tekst(onderdeel.tekst, here, onderdeel.regel)}
            if onderdeel.subonderdelen:
                item["subonderdelen"] = [
                    {"id": f"sub-{sub.nummer}", "tekst": self.tekst(sub.tekst, Plaats(**{**here.__dict__, "sub": f"sub-{sub.nummer}",
                                                                                         "sub_index": int(sub.nummer)}), sub.regel)}
                    for sub in onderdeel.subonderdelen]
            result.append(item)
        return result

    def leden_yaml(self, artikel: s.Artikel) -> list[dict]:
        result = []
        for index, lid in enumerate(artikel.leden, start=1):
            key = self.lid_ids[id(artikel)][index - 1]
            where = Plaats(**{**self.plaatsen[id(artikel)].__dict__, "lid": key, "lid_index": index})
            entry: dict = {"id": key, "tekst": self.tekst(lid.tekst, where, lid.regel)}
            if lid.onderdelen:
                entry["onderdelen"] = self.onderdelen_yaml(lid.onderdelen, where, lid.opsomming)
                if lid.opsomming != "letters":
                    entry["opsomming"] = lid.opsomming
            result.append(entry)
        return result

    def artikel_yaml(self, artikel: s.Artikel) -> dict:
        plaats = self.plaatsen[id(artikel)]
        item: dict = {"id": self.id_van[id(artikel)], "nummer": artikel.nummer.split(".", 1)[-1]}
        if artikel.titel:
            item["titel"] = artikel.titel
        onderwerpen = _onderwerpen(artikel.titel or "", self.rollen)
        if onderwerpen:
            item["onderwerpen"] = onderwerpen
        if artikel.tekst is not None:
            item["tekst"] = self.tekst(artikel.tekst, plaats, artikel.tekst_regel or artikel.regel)
        if artikel.onderdelen:
            item["onderdelen"] = self.onderdelen_yaml(artikel.onderdelen, plaats, artikel.opsomming)
            if artikel.opsomming != "letters":
                item["opsomming"] = artikel.opsomming
        if artikel.leden:
            item["leden"] = self.leden_yaml(artikel)
        if artikel.tekst is None and not artikel.leden:
            raise self.fout(artikel.regel, f"artikel {artikel.nummer} heeft geen tekst")
        if artikel.toelichting:
            item["toelichting"] = self.blokken(artikel.toelichting, plaats, artikel.regel, self.tekst)
        return item

    def hoofdstuk_yaml(self, hoofdstuk: s.Hoofdstuk, romeins: bool) -> dict:
        entry: dict = {"id": self.id_van[id(hoofdstuk)]}
        if hoofdstuk.titel:
            entry["nummer"] = _arabisch(hoofdstuk.nummer, self, hoofdstuk.regel, romeins)
            entry["titel"] = hoofdstuk.titel
        if hoofdstuk.artikelen:
            entry["artikelen"] = [self.artikel_yaml(a) for a in hoofdstuk.artikelen]
        if hoofdstuk.paragrafen:
            entry["paragrafen"] = [
                {"id": self.id_van[id(p)], "nummer": p.nummer, "titel": p.titel,
                 "artikelen": [self.artikel_yaml(a) for a in p.artikelen]}
                for p in hoofdstuk.paragrafen]
        if not hoofdstuk.artikelen and not hoofdstuk.paragrafen:
            raise self.fout(hoofdstuk.regel, f"hoofdstuk {hoofdstuk.nummer} heeft geen artikelen")
        return entry

    def considerans_yaml(self, regeling: dict, deelnemers: list[str], order: list[str], vorm: str) -> None:
        """The aanhef, considerans and besluittekst, where they differ from what the tool words itself."""
        r = self.r
        if r.aanhef and r.aanhef != standaard_aanhef(deelnemers, order):
            regeling["aanhef"] = r.aanhef
        afgeleid = standaard_toestemming(deelnemers)
        extra, standaard = self.gelet_op(vorm)
        if standaard and self.standaard_considerans():
            if r.overwegingen:
                regeling["overwegingen"] = [self.tekst(o, Plaats(), r.aanhef_regel or Regel("", 1)) for o in r.overwegingen]
            if r.toestemming != afgeleid:
                regeling["toestemming"] = r.toestemming if r.toestemming else False
            if extra:
                regeling["gelet_op"] = extra
        elif r.considerans:
            regeling["considerans"] = [self.tekst(line, Plaats(), regel) for line, regel in r.considerans]
        if r.besluittekst and r.besluittekst != STANDAARD_BESLUITTEKST:
            regeling["besluittekst"] = r.besluittekst

    def nummering_yaml(self, regeling: dict) -> None:
        """How paragraphs and articles are numbered, and that the numbers are frozen."""
        r = self.r
        paragrafen = [p.nummer for h in r.hoofdstukken for p in h.paragrafen]
        if len(r.hoofdstukken) > 1 and paragrafen and paragrafen == [str(i) for i in range(1, len(paragrafen) + 1)] \
                and any(h.paragrafen and h.paragrafen[0].nummer != "1" for h in r.hoofdstukken):
            regeling["paragraafnummering"] = "doorlopend"
        if any("." in a.nummer for a in r.artikelen()):
            regeling["artikelnummering"] = "per-hoofdstuk"
        regeling["nummering"] = "vast"

    def bestanden(self, naam: str, citeertitel: str, vorm: str, gemeenten: list[str], regeling: dict) -> dict[str, str]:
        """The YAML files of the content folder."""
        datum = _datum(self.r) or datetime.date(2000, 1, 1)
        samenwerking = {
            "naam": naam, "titel": citeertitel, "regeling": citeertitel, "vorm": vorm,
            "ingangsdatum": datum, "datum": datum, "opsteller": "(invullen)",
        }
        gemeenten_yaml = [{"naam": g, "inwoners": 1, "burgemeester": "N.N.", "griffier": "N.N."} for g in gemeenten]
        kop = (f"# Ingelezen met `samenwerking importeer` uit {self.bestand.name}.\n"
               "# De tekst is letterlijk overgenomen; verwijzingen binnen de regeling staan als [[id]].\n")
        return {
            "samenwerking.yaml": kop + "# Vul de datum, de ingangsdatum en de opsteller in.\n" + _dump({"samenwerking": samenwerking}),
            "gemeenten.yaml": kop + "# De gemeenten in de volgorde van de bron. Vul inwoners, burgemeester en griffier in.\n"
            + _dump({"gemeenten": gemeenten_yaml}),
            "regeling.yaml": kop + "# stadium: geldend — wat de Wgr nog vraagt, is een opgave voor een wijziging.\n"
            + _dump({"regeling": regeling}),
        }

    def koppen(self) -> dict:
        """The heading forms of the source, where they differ from the Aanwijzingen (the most common one)."""
        from collections import Counter

        from ..model.regeling import Koppen

        standaard = Koppen()
        result: dict = {}
        for niveau in ("hoofdstuk", "paragraaf", "artikel"):
            seen = self.r.koppen.get(niveau)
            if not seen:
                continue
            vorm, count = Counter(seen).most_common(1)[0]
            if count < len(seen):
                self.opmerkingen.append(f"de koppen van de {niveau}en zijn niet alle gelijk; de meest gebruikte vorm "
                                        f'"{vorm}" is overgenomen')
            if vorm != getattr(standaard, niveau):
                result[niveau] = vorm
        if self.r.koppen.get("romeins"):
            result["hoofdstuknummers"] = "romeins"
        return result

    def blokken(self, blokken: list[tuple[str, str]], where: Plaats, regel: Regel, tekst) -> str:
        parts: list[str] = []
        for soort, text in blokken:
            converted = tekst(text, where, regel)
            if soort == "punt":
                if parts and parts[-1].startswith("- "):
                    parts[-1] += "\n- " + converted
                else:
                    parts.append("- " + converted)
            else:
                parts.append(converted)
        return "\n\n".join(parts)

    def citeertitel(self) -> str:
        for artikel in self.r.artikelen():
            for text in [artikel.tekst or ""] + [l.tekst for l in artikel.leden]:
                match = re.search(r"aangehaald als:?\s*[\"“']?(.+?)[\"”']?\.?$", text)
                if match:
                    return match.group(1).strip()
        if not self.r.titel:
            raise self.fout(None, "de regeling heeft geen titel")
        return self.r.titel

    def bekendmaking(self, gemeenten: list[str]) -> str:
        for artikel in self.r.artikelen():
            if "bekendmaking" not in (artikel.titel or "").lower():
                continue
            words = " ".join([artikel.tekst or ""] + [l.tekst for l in artikel.leden])
            for gemeente in gemeenten:
                if gemeente in words:
                    return gemeente
        self.opmerkingen.append(f"niet gevonden welke gemeente de regeling bekendmaakt; aangenomen: {gemeenten[0]} "
                                "(pas `regeling.bekendmaking` aan)")
        return gemeenten[0]

    def gelet_op(self, vorm: str) -> tuple[list[str], bool]:
        """The grounds besides the Wgr articles that the legal form gives; False if the source words it otherwise."""
        text = (self.r.gelet_op or "").strip()
        if not text:
            return [], True
        body = re.sub(r"^gelet op\s+", "", text, flags=re.I).rstrip(";").strip()
        basis = rechtsvormen.vorm(vorm).grondslag
        wgr = f"artikel 1 en {basis}, van de {WGR}" if basis else f"artikel 1 van de {WGR}"
        if body.startswith(wgr) and text.startswith("gelet op ") and text.endswith(";"):
            rest = body[len(wgr):].lstrip(",").strip()
            items = _opsomming_delen(rest) if rest else []
            if f"gelet op {opsomming([wgr, *items])};" == text:
                return items, True
        return [], False

    def standaard_considerans(self) -> bool:
        """Whether the tool prints the considerans exactly as the source has it: "overwegende dat:" with
        lettered overwegingen ending in ";", the toestemming, "gelet op"; otherwise it is kept verbatim."""
        from ..regeling.numbering import letter

        r = self.r
        expected: list[str] = []
        if r.overwegingen:
            if not all(o.endswith(";") for o in r.overwegingen[:-1]) or not r.overwegingen[-1].endswith(";"):
                return False
            expected.append("overwegende dat:")
            expected += [f"{letter(i)}. {o}" for i, o in enumerate(r.overwegingen, start=1)]
        if r.toestemming:
            expected.append(r.toestemming)
        if r.gelet_op:
            expected.append(r.gelet_op)
        return [line for line, _ in r.considerans] == expected


def _lijst(items: list[s.Onderdeel], opsomming: str) -> list[str]:
    """The ids of a lettered list for references; other lists are not referred to as "onderdeel a"."""
    return [letter(i) for i in range(1, len(items) + 1)] if opsomming == "letters" else []


def _opsomming_delen(text: str) -> list[str]:
    """``A, B en C`` → ``[A, B, C]`` (the last " en " separates the last two)."""
    text = text.strip().rstrip(";").strip()
    head, sep, last = text.rpartition(" en ")
    if not sep:
        return [text] if text else []
    parts = [p.strip() for p in head.split(",") if p.strip()]
    return parts + [last.strip()]


def _de_woord(naam: str) -> bool:
    return not naam.lower().endswith(("bestuur", "comité", "orgaan"))


def _onderwerpen(titel: str, rollen: dict[str, str]) -> list[str]:
    lower = titel.lower()
    result: list[str] = []
    for pattern, subjects in ONDERWERPEN:
        if re.search(pattern, lower):
            result.extend(x for x in subjects if x not in result)
    for naam, rol in rollen.items():
        if naam in lower and rol not in result:
            result.append(rol)
    if re.search(r"^(?:het )?bestuur$", lower) and "bestuur" not in result:
        result.append("bestuur")
    return result


_ROMEINS = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _arabisch(nummer: str, schrijver: _Schrijver, regel: Regel, romeins: bool = False) -> str:
    """A chapter number for the YAML: Roman numerals are stored as Arabic (`koppen.hoofdstuknummers`)."""
    if re.fullmatch(r"[IVXLCDM]+", nummer):
        total = 0
        for index, char in enumerate(nummer):
            value = _ROMEINS[char]
            total += -value if index + 1 < len(nummer) and _ROMEINS[nummer[index + 1]] > value else value
        if not romeins:
            note = f"{regel.regel}: hoofdstuk {nummer} is genummerd als hoofdstuk {total}"
            if note not in schrijver.opmerkingen:
                schrijver.opmerkingen.append(note)
        return str(total)
    return nummer


_MAANDEN = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
            "november", "december")


def _datum(regeling: s.Regeling) -> datetime.date | None:
    """The date the regulation comes into force, if an article says so ("treedt in werking op 1 januari 2018")."""
    for artikel in regeling.artikelen():
        for text in [artikel.tekst or ""] + [l.tekst for l in artikel.leden]:
            match = re.search(r"in werking op (\d{1,2}) (" + "|".join(_MAANDEN) + r") (\d{4})", text)
            if match:
                return datetime.date(int(match.group(3)), _MAANDEN.index(match.group(2)) + 1, int(match.group(1)))
    return None


try:  # the C emitter is many times faster (a 300-article regulation)
    _Base = yaml.CSafeDumper
except AttributeError:  # pragma: no cover - pure Python fallback
    _Base = yaml.SafeDumper  # type: ignore[misc]


class _Dumper(_Base):  # type: ignore[valid-type, misc]
    pass


def _str(dumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def _dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)


__all__ = ["Inhoud", "markdown", "opsomming"]
