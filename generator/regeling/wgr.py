"""``samenwerking check`` lints the regulation against the Wet gemeenschappelijke regelingen.

Each finding names the rule and, where it could be verified against the text of the law
as it stands since 1 July 2022, the article of the law (sources: docs/regeling.md).
Findings point at file:line:col: at the text or parameter concerned, or, when a
provision is missing altogether, at ``regeling.hoofdstukken``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..checks import Finding, check, known_ids
from ..derive import Afgeleid
from ..errors import suggestion
from ..formatting import MAANDEN, TELWOORDEN, opsomming, telwoord
from ..model import Inhoud
from .. import rechtsvormen
from .tekst import Artikel, RegelingTekst, Tekstdeel

WGR_2022 = "Wgr, sinds de wijziging van 1 juli 2022"  # the numbers of these articles are not verified (docs/rondes.md)
UITTREDING_EENZIJDIG = ("artikel 1, eerste en vijfde lid, Wgr; ABRvS 15 april 2015, ECLI:NL:RVS:2015:1198")


#: The checks against the Wgr itself (not against the structure of the content). For a regulation
#: in force (``stadium: geldend``) their findings are what an amendment must add (:func:`opgaven`)
#: and do not stop a build; for an ontwerp they are errors.
WGR_CHECKS: list = []


def wgr_check(function):
    """Register a Wgr check: an error for an ontwerp, an opgave for a regulation in force."""
    WGR_CHECKS.append(function)

    def blocking(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
        if inhoud.regeling is not None and inhoud.regeling.stadium == "geldend":
            return iter(())
        return function(inhoud, afgeleid)

    blocking.__name__ = function.__name__
    blocking.__doc__ = function.__doc__
    check(blocking)
    return function


def opgaven(inhoud: Inhoud, afgeleid: Afgeleid) -> list[Finding]:
    """What today's Wgr asks of the regulation: every finding of the Wgr checks, in their order."""
    return [finding for function in WGR_CHECKS for finding in function(inhoud, afgeleid)]


def _missing_path(inhoud: Inhoud):
    return inhoud.regeling.pad + ("hoofdstukken",)  # type: ignore[union-attr]


def _inside(tekst: Tekstdeel, start: int) -> tuple[int, int] | None:
    """(line, column) of a character of a YAML text; None for clause text (the position is the clause key)."""
    if tekst.clausule is not None:
        return None
    line = tekst.bron.count("\n", 0, start)
    column = start - (tekst.bron.rfind("\n", 0, start) + 1)
    return line, column


def _finding(artikel: Artikel | None, tekst: Tekstdeel, start: int, message: str, matched: str = "") -> Finding:
    """A finding about part of a text; for clause text, at the parameter whose value is in ``matched``."""
    if tekst.clausule is not None and artikel is not None:
        for key, value in artikel.bron.parameters.items():
            shown = {str(value)}
            if isinstance(value, int) and not isinstance(value, bool):
                shown.add(telwoord(value))
            if any(text and re.search(rf"\b{re.escape(text)}\b", matched) for text in shown):
                return Finding(artikel.bron.pad + ("parameters", key), message)
        return Finding(tekst.pad, message + f' (in de tekst van clausule "{tekst.clausule}")')
    return Finding(tekst.pad, message, inside=_inside(tekst, start))


@check
def _regeling_structuur(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    """What the deriver could not derive: numbering, clauses, parameters, ids, one-paragraph leden."""
    regeling: RegelingTekst | None = afgeleid.regeling
    if regeling is None:
        return
    yield from regeling.findings
    model = inhoud.regeling
    besluit = model.besluit  # type: ignore[union-attr]
    if besluit is not None and besluit not in {b.id for b in inhoud.besluiten or []}:
        known = ", ".join(b.id for b in inhoud.besluiten or []) or "geen (vul `besluiten` in)"
        yield Finding(model.pad + ("besluit",), f'onbekend besluit "{besluit}"; bekend zijn: {known}')  # type: ignore[union-attr]
    # One-line fields are printed as they are: a reference there would show as [[id]].
    for name in ("citeertitel", "opschrift", "status", "naam_lichaam", "aanhef", "besluittekst"):
        if "[[" in (getattr(model, name) or ""):
            yield Finding(model.pad + (name,), "een verwijzing [[...]] kan alleen in de tekst van artikelen, "  # type: ignore[union-attr]
                                               "overwegingen en toelichting staan")
    for index, text in enumerate(model.gelet_op):  # type: ignore[union-attr]
        if "[[" in text:
            yield Finding(model.pad + ("gelet_op", index), "een verwijzing [[...]] kan alleen in de tekst van "  # type: ignore[union-attr]
                                                            "artikelen, overwegingen en toelichting staan")
    # References in clause texts (texts from YAML are checked by the general reference check).
    known = regeling.targets
    from ..markup import references

    for artikel, tekst in regeling.teksten():
        if tekst.clausule is None:
            continue
        for target, _, _ in references(tekst.bron):
            if target not in known:
                yield Finding(tekst.pad, f'clausule "{tekst.clausule}": verwijzing [[{target}]] wijst naar een '
                                         f"onbekend id ({known_ids(target, known)}); geef de juiste parameter")


@wgr_check
def _wgr_vereisten(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    """The provisions the Wgr demands for every regulation (or for the chosen legal form)."""
    regeling: RegelingTekst | None = afgeleid.regeling
    if regeling is None:
        return
    for vereiste in rechtsvormen.vorm(regeling.vorm).vereisten():
        if not regeling.met_onderwerp(vereiste.onderwerp):
            yield Finding(_missing_path(inhoud),
                          f"de regeling bevat geen bepalingen over {vereiste.wat} ({vereiste.grondslag}); gebruik de "
                          f"clausule `{vereiste.clausule}` of geef een eigen artikel `onderwerpen: [{vereiste.onderwerp}]`")


@wgr_check
def _wgr_organen(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    """The legal form decides the organs: none missing, none that the form does not have."""
    regeling: RegelingTekst | None = afgeleid.regeling
    if regeling is None:
        return
    model = inhoud.regeling
    vorm = regeling.vorm
    rechtsvorm = rechtsvormen.vorm(vorm)
    for rol in model.organen:  # type: ignore[union-attr]
        if rol not in rechtsvorm.organen and rol not in rechtsvorm.optioneel:
            yield Finding(model.pad + ("organen", rol),  # type: ignore[union-attr]
                          f'{rechtsvormen.ORGANEN[rol].met_lidwoord} hoort niet bij de rechtsvorm {vorm}: '
                          f'{rechtsvorm.orgaanregel}')
    for orgaan in regeling.organen:
        if orgaan.vereist and not regeling.met_onderwerp(orgaan.rol):
            yield Finding(_missing_path(inhoud),
                          f"de regeling regelt de samenstelling en bevoegdheden van {orgaan.met_lidwoord} niet: "
                          f"{rechtsvorm.orgaanregel}; gebruik de clausule `{orgaan.rol}` of geef een eigen artikel "
                          f"`onderwerpen: [{orgaan.rol}]`")
    allowed = rechtsvorm.deelnemers
    if allowed is not None and any(d not in allowed for d in model.deelnemers):  # type: ignore[union-attr]
        yield Finding(model.pad + ("deelnemers",), rechtsvorm.deelnemersregel or "")  # type: ignore[union-attr]
    gemeenten = [g.naam for g in afgeleid.deelnemers]
    if rechtsvorm.centrumgemeente:
        if not model.centrumgemeente:  # type: ignore[union-attr]
            yield Finding(model.pad, "een centrumgemeenteregeling wijst de centrumgemeente aan: "  # type: ignore[union-attr]
                                     "vul `centrumgemeente` in (artikel 8, vierde lid, Wgr)")
        elif model.centrumgemeente not in gemeenten:  # type: ignore[union-attr]
            yield Finding(model.pad + ("centrumgemeente",),  # type: ignore[union-attr]
                          f'"{model.centrumgemeente}" is geen deelnemende gemeente; deelnemers zijn: '  # type: ignore[union-attr]
                          f"{opsomming(gemeenten)}{suggestion(model.centrumgemeente, gemeenten)}")
        delegatie = re.compile(r"\b(delegeren|delegeert|gedelegeerd|delegatie|(?:dragen|draagt)\b[^.;]{0,80}?\bover|"
                               r"overdragen|overdracht\s+van\s+bevoegdheden|overgedragen)\b", re.I)
        for artikel, tekst in regeling.teksten():
            if artikel is None or tekst is artikel.toelichting:
                continue
            for match in delegatie.finditer(tekst.bron):
                yield _finding(artikel, tekst, match.start(),
                               "bij een centrumgemeente oefent het college of de burgemeester van die gemeente de "
                               "bevoegdheden alleen in mandaat uit, niet na delegatie of overdracht "
                               "(artikel 8, vierde lid, Wgr)", match.group(0))
    elif model.centrumgemeente:  # type: ignore[union-attr]
        yield Finding(model.pad + ("centrumgemeente",),  # type: ignore[union-attr]
                      f"`centrumgemeente` hoort alleen bij de rechtsvorm centrumgemeente, niet bij {vorm}")
    if model.bekendmaking not in gemeenten:  # type: ignore[union-attr]
        yield Finding(model.pad + ("bekendmaking",),  # type: ignore[union-attr]
                      f'"{model.bekendmaking}" is geen deelnemende gemeente; de regeling wijst een deelnemer aan '  # type: ignore[union-attr]
                      f"die voor de bekendmaking zorgt (Wgr); deelnemers zijn: {opsomming(gemeenten)}"
                      f"{suggestion(model.bekendmaking, gemeenten)}")


def _consent(organen: list[str]) -> re.Pattern[str]:
    """Wording that makes uittreding depend on others: the other participants or the regulation's organs."""
    others = (r"(?:de\s+|het\s+)?(?:overige|andere|resterende)\s+(?:deelnemers|deelnemende\s+gemeenten|gemeenten)"
              r"|alle\s+(?:overige\s+)?deelnemers")
    organs = "|".join(r"(?:de|het)\s+" + re.escape(naam) for naam in sorted(set(organen), key=len, reverse=True))
    who = f"(?:{others}|{organs})" if organs else f"(?:{others})"
    return re.compile(
        rf"\b(?:toestemming|instemming|goedkeuring|bekrachtiging|akkoord)\s+(?:van|door)\s+{who}"
        rf"|\b{who}\s+(?:moeten|moet|dienen|dient)\s+(?:daarmee\s+|hiermee\s+)?(?:in\s*stemmen|toestemming\s+"
        rf"(?:te\s+)?geven|goed\s*(?:te\s+)?keuren)",
        re.I,
    )


@wgr_check
def _wgr_uittreding_eenzijdig(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    """Uittreding is a unilateral power of the participant; the regulation cannot make it need consent."""
    regeling: RegelingTekst | None = afgeleid.regeling
    if regeling is None:
        return
    names = [o.naam for o in regeling.organen] + [o.rol.replace("-", " ") for o in regeling.organen]
    pattern = _consent(names)
    for artikel in regeling.artikelen():
        if not artikel.onderwerpen & {"uittreding", "uittreding-gevolgen"}:
            continue
        for tekst in artikel.teksten():
            for sentence in _sentences(tekst.bron):
                start, text = sentence
                if not re.search(r"uittre|uit\s+te\s+treden|treedt\b.*\buit\b", text, re.I):
                    continue
                matches = [*pattern.finditer(text), *_consent_anyhow(text)]
                covered: list[tuple[int, int]] = []
                for match in sorted(matches, key=lambda m: (m.start(), -m.end())):
                    if any(a <= match.start() < b for a, b in covered):
                        continue  # the same wording, already reported
                    covered.append((match.start(), match.end()))
                    yield _finding(artikel, tekst, start + match.start(),
                                   f'uittreding is een eenzijdige bevoegdheid van de deelnemer; de regeling mag haar '
                                   f'niet afhankelijk maken van "{match.group(0)}" ({UITTREDING_EENZIJDIG}). De regeling '
                                   f"regelt wel de voorwaarden en gevolgen van uittreding (artikel 9, eerste lid, Wgr)",
                                   match.group(0))


_NUMBER_WORD = {word: value for value, word in enumerate(TELWOORDEN)} | {
    "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18,
    "negentien": 19, "twintig": 20,
}
_WEKEN = re.compile(r"\b(\d+|" + "|".join(sorted(_NUMBER_WORD, key=len, reverse=True)) + r")\s+weken\b", re.I)
_DATUM = re.compile(r"\b(vóór|voor|uiterlijk(?:\s+op)?|op\s+uiterlijk)\s+(\d{1,2})\s+(" + "|".join(MAANDEN) + r")\b",
                    re.I)


_KADERS = re.compile(r"financiële\s+en\s+beleidsmatige\s+(?:kaders|uitgangspunten)|kadernota|kaderbrief|"
                     r"voorlopige\s+jaarrekening", re.I)


def _sentences(text: str) -> Iterator[tuple[int, str]]:
    """Sentences (and clauses separated by ';') with their offset in the text."""
    start = 0
    for match in re.finditer(r"(?<=[.;])\s+|\n\s*\n", text):
        yield start, text[start:match.start()]
        start = match.end()
    yield start, text[start:]


@wgr_check
def _wgr_begrotingscyclus(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    """Deadlines the regulation states may not be later or shorter than the Wgr's."""
    regeling: RegelingTekst | None = afgeleid.regeling
    begroting = rechtsvormen.vorm(regeling.vorm).begroting if regeling is not None else None
    if regeling is None or begroting is None:
        return
    seen: set[tuple] = set()
    for finding in _begrotingstermijnen(regeling, begroting.get("kaders"), begroting.get("ontwerpbegroting", "Wgr")):
        key = (finding.path, finding.message, finding.inside)
        if key not in seen:
            seen.add(key)
            yield finding


def _begrotingstermijnen(regeling: RegelingTekst, article: str | None, draft_article: str) -> Iterator[Finding]:
    for artikel in regeling.artikelen():
        if not artikel.onderwerpen & {"begroting", "jaarrekening", "zienswijze"}:
            continue
        for tekst in artikel.teksten():
            for start, sentence in _sentences(tekst.bron):
                lower = sentence.lower()
                if "ontwerpbegroting" in lower and ("raden" in lower or "zienswijze" in lower):
                    for match in _WEKEN.finditer(sentence):
                        word = match.group(1).lower()
                        weeks = int(word) if word.isdigit() else _NUMBER_WORD.get(word, 0)
                        if weeks < 12:
                            yield _finding(artikel, tekst, start + match.start(),
                                           f"de ontwerpbegroting gaat ten minste twaalf weken voordat het bestuur "
                                           f"haar vaststelt naar de raden, die twaalf weken hebben voor hun zienswijze "
                                           f"({draft_article}); "
                                           f"hier staat {match.group(0)}", match.group(0))
                if _KADERS.search(sentence):
                    for match in _DATUM.finditer(sentence):
                        day, month = int(match.group(2)), MAANDEN.index(match.group(3).lower()) + 1
                        inclusive = not match.group(1).lower().startswith(("vóór", "voor"))
                        last_day = (month, day) if inclusive else _day_before(month, day)
                        if last_day > (4, 29):
                            basis = f"{article} Wgr" if article else "Wgr"
                            yield _finding(artikel, tekst, start + match.start(),
                                           "de algemene financiële en beleidsmatige kaders en de voorlopige "
                                           f"jaarrekening gaan vóór 30 april naar de raden ({basis}); hier staat "
                                           f'"{match.group(0)}"', match.group(0))


def _day_before(month: int, day: int) -> tuple[int, int]:
    import datetime

    moment = datetime.date(2001, month, day) - datetime.timedelta(days=1)
    return moment.month, moment.day


# -- content, not labels ----------------------------------------------------------------------

@dataclass(frozen=True)
class Element:
    """Something a mandatory provision must say, found by its wording in an article's own text."""

    wat: str
    patroon: re.Pattern[str]


def _el(wat: str, pattern: str) -> Element:
    return Element(wat, re.compile(pattern, re.I))


#: Per subject: what an own-text article with that subject must contain, and the law it comes from.
#: Clause articles are structured (their parameters are checked); own text is read for these elements.
ELEMENTEN: dict[str, tuple[str, tuple[Element, ...]]] = {
    "toetreding": ("artikel 9, eerste lid, Wgr", (
        _el("dat het over toetreding gaat", r"toetre"),
        _el("hoe of wanneer een gemeente toetreedt (besluit, voorwaarden of ingang)",
            r"besluit|voorwaarde|ingang|gaat in|treedt .* toe|toestemming|instemming"),
    )),
    "uittreding": ("artikel 9, eerste lid, Wgr", (
        _el("dat het over uittreding gaat", r"uittre|uit te treden|treedt .* uit"),
        _el("de voorwaarden waaronder kan worden uitgetreden (besluit, termijn of ingang)",
            r"besluit|termijn|ingang|gaat in|opzeg|voorwaarde|kennisgeving|schriftelijk"),
    )),
    "uittreding-gevolgen": ("artikel 9, eerste lid, Wgr", (
        _el("de gevolgen van uittreding", r"gevolg|kosten|schade|vergoed|uittreedsom|afrekening|vermogen"),
    )),
    "wijziging": ("artikel 9, eerste lid, Wgr", (
        _el("dat het over wijziging van de regeling gaat", r"wijzig"),
        _el("wie over de wijziging besluit", r"besluit|voorstel|raden|colleges|deelnemers|bestuur"),
    )),
    "opheffing": ("artikel 9, eerste lid, Wgr", (
        _el("dat het over opheffing gaat", r"ophef|beëindig|ontbind"),
        _el("wie over de opheffing besluit", r"besluit|raden|colleges|deelnemers|bestuur"),
    )),
    "vereffening": ("artikel 9, tweede lid, Wgr", (
        _el("de vereffening van het vermogen", r"vereffen|liquidat|batig saldo|tekort|vermogen"),
    )),
    "zienswijze": (WGR_2022, (
        _el("de zienswijze van de raden", r"zienswijze"),
        _el("de termijn waarbinnen de raden hun zienswijze geven", r"\bweken\b|\bdagen\b|termijn|maanden"),
    )),
    "participatie": (WGR_2022, (
        _el("de betrokkenheid van inwoners of belanghebbenden", r"inwoners|belanghebbenden|participatie|ingezetenen"),
    )),
    "evaluatie": (WGR_2022, (
        _el("de evaluatie van de regeling", r"evalu"),
    )),
    "inlichtingen": ("Wgr", (
        _el("de inlichtingen aan de raden", r"inlichting|informatie|informeert|verantwoording"),
    )),
    "instelling": ("artikel 8 Wgr", (
        _el("wat wordt ingesteld (openbaar lichaam, bedrijfsvoeringsorganisatie of gemeenschappelijk orgaan)",
            r"ingesteld|instell|openbaar lichaam|bedrijfsvoeringsorganisatie|gemeenschappelijk orgaan|er is een"),
    )),
    "voorzitter": ("Wgr", (
        _el("hoe de voorzitter wordt aangewezen", r"benoem|aangewezen|wijst\b.*\baan|gekozen|kiest|is de voorzitter|"
            r"voorzitter is"),
    )),
    "centrumgemeente": ("artikel 8, vierde lid, Wgr", (
        _el("dat de centrumgemeente in mandaat werkt", r"mandaat|namens|in naam van"),
    )),
    "begroting": ("artikel 35 Wgr", (
        _el("de ontwerpbegroting en de zienswijze van de raden daarop", r"begroting"),
    )),
}

#: What a person must still verify in own text, because words alone do not prove it.
HANDMATIG = {
    "participatie": "of de regeling de wijze regelt waarop inwoners en belanghebbenden worden betrokken bij de "
                    "voorbereiding, de uitvoering en de evaluatie van beleid",
    "zienswijze": "over welke ontwerpbesluiten de raden een zienswijze kunnen geven en of de termijn redelijk is",
    "uittreding-gevolgen": "of de gevolgen voor het vermogen en de kosten van de uittredende deelnemer en de "
                           "overige deelnemers volledig zijn geregeld",
    "evaluatie": "wanneer en hoe de regeling wordt geëvalueerd (de wet schrijft geen termijn voor)",
}
MIN_WOORDEN = 8


def _own_text(artikel: Artikel) -> tuple[list[Tekstdeel], str]:
    delen = [t for t in artikel.teksten() if t.clausule is None]
    return delen, " ".join(t.bron for t in delen)


@wgr_check
def _wgr_inhoud(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    """An own-text article labelled as a mandatory provision must say what that provision needs."""
    regeling: RegelingTekst | None = afgeleid.regeling
    if regeling is None:
        return
    for artikel in regeling.artikelen():
        delen, text = _own_text(artikel)
        subjects = [s for s in ELEMENTEN if s in artikel.onderwerpen]
        if not delen or not subjects:
            continue
        where, inside = delen[0].pad, _inside(delen[0], 0)
        label = opsomming(subjects)
        if len(re.findall(r"\w+", text)) < MIN_WOORDEN:
            yield Finding(where, inside=inside, message=f"artikel {artikel.nummer} heet een bepaling over {label}, maar zijn tekst regelt "
                          f"niets (minder dan {MIN_WOORDEN} woorden); schrijf de bepaling uit of gebruik de clausule")
            continue
        for subject in subjects:
            grond, elementen = ELEMENTEN[subject]
            for element in elementen:
                if not element.patroon.search(text):
                    yield Finding(where, inside=inside, message=f"artikel {artikel.nummer} heet een bepaling over "
                                  f"{subject}, maar noemt {element.wat} niet ({grond})")


def handmatig(inhoud: Inhoud, afgeleid: Afgeleid) -> list[Finding]:
    """Own-text mandatory provisions a person must read: "niet automatisch te controleren"."""
    regeling: RegelingTekst | None = afgeleid.regeling
    if regeling is None:
        return []
    found = []
    for artikel in regeling.artikelen():
        delen, _ = _own_text(artikel)
        for subject in sorted(artikel.onderwerpen & set(HANDMATIG)):
            if delen:
                found.append(Finding(delen[0].pad, inside=_inside(delen[0], 0),
                                     message=f"niet automatisch te controleren: artikel {artikel.nummer} ({subject}) "
                                     f"is eigen tekst; ga na {HANDMATIG[subject]}"))
    return found


#: Consent however worded: a word of consent in a sentence about uittreding (the gemeente's own raad excepted).
_INSTEMMING = re.compile(
    r"\b(?:toestemming|instemming|goedkeuring|bekrachtiging|akkoord|medewerking|machtiging|"
    r"in\s*stemt|instemmen|toestemt|goedkeurt|goed\s*(?:te\s+)?keuren|ermee\s+instemmen)\b", re.I)
_STEMMING = re.compile(r"\b(?:unaniem|met\s+algemene\s+stemmen|eenparig|meerderheid\s+van|twee\s+derde|drie\s+vierde)\b",
                       re.I)
_OVER_UITTREDING = re.compile(r"verzoek|over\s+(?:de|het|een)\s+(?:verzoek\s+tot\s+)?uittre|toelat|uittreden\s+kan", re.I)
_EIGEN_RAAD = re.compile(r"\s*(?:van|door)\s+(?:de\s+)?(?:eigen\s+|zijn\s+|haar\s+)?(?:gemeente)?raad\b"
                         r"(?!\s+van\s+(?:een\s+)?andere)", re.I)


def _consent_anyhow(text: str) -> Iterator[re.Match[str]]:
    """Consent words in a sentence about uittreding, except the gemeente's own raad's toestemming."""
    for match in _INSTEMMING.finditer(text):
        if _EIGEN_RAAD.match(text, match.end()):
            continue
        yield match
    if _OVER_UITTREDING.search(text):
        yield from _STEMMING.finditer(text)
