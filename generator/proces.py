"""The process and the planning, derived: a library process adopted and adjusted,
numbered steps with dates and dependencies, council decisions as milestones, and a
timeline of meetings per gemeente. Checks on dates and dependencies live here too.

A library process is ``processen/<naam>.yaml`` in the template folders (the
cooperation's own ``sjablonen/`` first, then the project's, then the tool's). It is
loaded with the positioned loader and validated with :class:`~generator.model.Proces`,
so an error in it points at its own file:line:col.
"""

from __future__ import annotations

import datetime
import string
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from pydantic import ValidationError

from .checks import Finding, check, duplicates
from .derive import Afgeleid, Invoerzicht, deriver
from .errors import ContentError, PathKey, Problem
from .formatting import datum
from .loader import Content, load_file
from .model import Besluit, Gemeente, Inhoud, Proces
from .model.besluiten import Vergadering
from .model.planning import Mijlpaal, Stap
from .paths import PACKAGE_TEMPLATES

#: Decisions that may follow the start of the cooperation (a budget opinion for a later year).
NA_INGANG_TOEGESTAAN = {  # rounds taken while the cooperation runs
    "zienswijze-begroting", "kaderbrief", "wijziging", "toestemming-wijziging", "uittreding", "toestemming-uittreding",
    "opheffing",
}


# -- the derived picture ------------------------------------------------------------------


@dataclass
class PlanFase:
    id: str
    nummer: int
    naam: str
    omschrijving: str | None
    herkomst: str  # "proces", "aangepast" or "eigen"
    stappen: list["PlanStap"] = field(default_factory=list)

    @property
    def geplande_stappen(self) -> list["PlanStap"]:
        return [s for s in self.stappen if s.gepland]


@dataclass
class PlanStap:
    id: str
    fase_id: str
    naam: str
    resultaat: str
    raad: str
    herkomst: str  # "standaard", "aangepast", "toegevoegd" or "eigen"
    standaardnummer: int | None = None
    standaard_raad: str | None = None  # the council's role in the library process
    nummer: str = ""
    omschrijving: str | None = None  # the library's general description
    toelichting: str | None = None  # what this cooperation does in the step
    start: datetime.date | None = None
    eind: datetime.date | None = None
    trekker: str | None = None
    vervalt: str | None = None
    afhankelijk_van: list[str] = field(default_factory=list)
    #: Where the dependencies were given: the content path, or None when they come from the library.
    afhankelijk_pad: PathKey | None = None
    pad: PathKey | None = None  # the planning.stappen entry that adopts or adds this step
    besluiten: list[Besluit] = field(default_factory=list)

    @property
    def gepland(self) -> bool:
        return self.vervalt is None and self.start is not None and self.eind is not None

    @property
    def label(self) -> str:
        return f"stap {self.nummer}"

    @property
    def raad_gewijzigd(self) -> bool:
        return self.standaard_raad is not None and self.raad != self.standaard_raad


@dataclass
class Gebeurtenis:
    """A meeting in which a gemeente takes a decision."""

    datum: datetime.date
    soort: str  # "college" or "raad"
    besluit: Besluit
    vergadering: Vergadering
    pad: PathKey


@dataclass
class Tijdlijn:
    gemeente: Gemeente
    gebeurtenissen: list[Gebeurtenis]


@dataclass
class Raadsbesluit:
    """A decision with the meeting of every partner, and the step it belongs to."""

    besluit: Besluit
    vergaderingen: list[tuple[Gemeente, Vergadering | None]]
    stap: PlanStap | None

    def data(self) -> list[datetime.date]:
        kind = self.besluit.orgaan
        return sorted(d for _, v in self.vergaderingen if v is not None and (d := getattr(v, kind)) is not None)

    @property
    def eerste(self) -> datetime.date | None:
        dates = self.data()
        return dates[0] if dates else None

    @property
    def laatste(self) -> datetime.date | None:
        dates = self.data()
        return dates[-1] if dates else None


@dataclass
class MijlpaalRegel:
    datum: datetime.date
    omschrijving: str
    afgeleid: bool  # derived from the meeting dates, not typed in planning.mijlpalen


@dataclass
class ProcesBeeld:
    """The cooperation's process: phases and steps in order, numbered, with dates."""

    naam: str | None  # the library process adopted, or None for an own process
    titel: str | None  # its display name
    omschrijving: str | None
    fasen: list[PlanFase]
    meldingen: list[Finding] = field(default_factory=list)
    bruikbaar: bool = True  # False when the adopted process could not be found

    @property
    def stappen(self) -> list[PlanStap]:
        return [stap for fase in self.fasen for stap in fase.stappen]

    def stap(self, key: str) -> PlanStap | None:
        return next((s for s in self.stappen if s.id == key), None)

    def verwijsdoelen(self) -> dict[str, str]:
        """How a reference ``[[id]]`` to a step or a phase reads."""
        targets = {s.id: s.label for s in self.stappen}
        targets.update({f.id: f"fase {f.nummer}" for f in self.fasen})
        return targets

    @property
    def gewijzigd(self) -> list[PlanStap]:
        return [s for s in self.stappen if s.herkomst == "aangepast" and s.vervalt is None]

    @property
    def toegevoegd(self) -> list[PlanStap]:
        return [s for s in self.stappen if s.herkomst == "toegevoegd"]

    @property
    def vervallen(self) -> list[PlanStap]:
        return [s for s in self.stappen if s.vervalt is not None]

    @property
    def afwijkingen(self) -> list[tuple[str, PlanStap]]:
        """How the adopted process differs from the library, in step order: a changed council
        role (``raad``), a dropped step (``vervalt``) or an added step (``toegevoegd``)."""
        result = []
        for stap in self.stappen:
            if stap.herkomst == "toegevoegd":
                result.append(("toegevoegd", stap))
            elif stap.vervalt is not None:
                result.append(("vervalt", stap))
            elif stap.raad_gewijzigd:
                result.append(("raad", stap))
        return result

    @property
    def begin(self) -> datetime.date | None:
        dates = [s.start for s in self.stappen if s.gepland]
        return min(dates) if dates else None

    @property
    def einde(self) -> datetime.date | None:
        dates = [s.eind for s in self.stappen if s.gepland]
        return max(dates) if dates else None


# -- the library ------------------------------------------------------------------------------


def library_dirs(sjabloonmappen: Iterable[Path]) -> list[Path]:
    dirs = list(sjabloonmappen)
    if PACKAGE_TEMPLATES not in dirs:
        dirs.append(PACKAGE_TEMPLATES)
    return dirs


def available_processes(dirs: list[Path]) -> list[str]:
    return sorted({p.stem for d in dirs for p in (d / "processen").glob("*.yaml")})


def find_process(name: str, dirs: list[Path]) -> Path | None:
    for folder in dirs:
        candidate = folder / "processen" / f"{name}.yaml"
        if candidate.is_file():
            return candidate
    return None


def load_process(file: Path) -> Proces:
    """Load and validate a library process; errors name the library file's line and column."""
    from .validate import data_path, translate

    data, sources = load_file(file)
    content = Content(folder=file.parent, data=data, sources=sources, files=[file])
    try:
        proces = Proces.model_validate(data)
    except ValidationError as exc:
        raise ContentError([translate(e, data_path(e["loc"], data), content, Proces) for e in exc.errors()]) from None
    problems: list[Problem] = []
    seen: dict[str, PathKey] = {}
    for f_index, fase in enumerate(proces.fasen):
        for s_index, stap in enumerate(fase.stappen):
            path = ("fasen", f_index, "stappen", s_index)
            if stap.id in seen:
                problems.append(Problem(f'stap "{stap.id}" komt dubbel voor in het proces', sources.value(path + ("id",))))
            seen[stap.id] = path
    for f_index, fase in enumerate(proces.fasen):
        for s_index, stap in enumerate(fase.stappen):
            for d_index, target in enumerate(stap.afhankelijk_van):
                if target not in seen:
                    path = ("fasen", f_index, "stappen", s_index, "afhankelijk_van", d_index)
                    problems.append(Problem(f'onbekende stap "{target}" in afhankelijk_van', sources.value(path)))
    phase_ids = [f.id for f in proces.fasen]
    for index, key in enumerate(phase_ids):
        if key in phase_ids[:index]:
            problems.append(Problem(f'fase "{key}" komt dubbel voor in het proces', sources.value(("fasen", index, "id"))))
    if problems:
        raise ContentError(problems)
    return proces


# -- adopting and adjusting -----------------------------------------------------------------


def _library_phases(library: Proces | None) -> list[PlanFase]:
    """The phases and steps of the adopted process, numbered as in the library."""
    fasen: list[PlanFase] = []
    standard = 0
    for fase in library.fasen if library is not None else []:
        plan_fase = PlanFase(fase.id, 0, fase.naam, fase.omschrijving, "proces")
        for stap in fase.stappen:
            standard += 1
            plan_fase.stappen.append(PlanStap(
                id=stap.id, fase_id=fase.id, naam=stap.naam, resultaat=stap.resultaat, raad=stap.raad,
                herkomst="standaard", standaardnummer=standard, standaard_raad=stap.raad,
                omschrijving=stap.omschrijving,
                afhankelijk_van=list(stap.afhankelijk_van),
            ))
        fasen.append(plan_fase)
    return fasen


def _adjust_phases(planning, fasen: list[PlanFase]) -> list[Finding]:
    """The content's own phases: renamed library phases, or new ones; then all numbered."""
    findings = list(duplicates(planning.fasen, "id", "fase"))
    for entry in planning.fasen:
        existing = next((f for f in fasen if f.id == entry.id), None)
        if existing is not None:
            existing.naam = entry.naam or existing.naam
            existing.omschrijving = entry.omschrijving or existing.omschrijving
            existing.herkomst = "aangepast"
        elif entry.naam is None:
            findings.append(Finding(entry.pad + ("id",), f'nieuwe fase "{entry.id}" heeft een naam nodig (`naam`)'))
        else:
            fasen.append(PlanFase(entry.id, 0, entry.naam, entry.omschrijving, "eigen"))
    for number, fase in enumerate(fasen, start=1):
        fase.nummer = number
    return findings


def build_process(inhoud: Inhoud, sjabloonmappen: Iterable[Path]) -> ProcesBeeld | None:
    planning = inhoud.planning
    if planning is None:
        return None
    findings: list[Finding] = []
    library: Proces | None = None
    if planning.proces is not None:
        dirs = library_dirs(sjabloonmappen)
        file = find_process(planning.proces, dirs)
        if file is None:
            known = ", ".join(available_processes(dirs)) or "geen"
            finding = Finding(planning.pad + ("proces",), f'onbekend proces "{planning.proces}"; beschikbaar: {known}')
            # Without the process its steps cannot be adjusted; say only what is wrong.
            return ProcesBeeld(planning.proces, None, None, [], [finding], bruikbaar=False)
        else:
            library = load_process(file)

    fasen = _library_phases(library)
    findings.extend(_adjust_phases(planning, fasen))

    if planning.stappen and not fasen:
        findings.append(Finding(planning.pad + ("stappen",),
                                "stappen horen in een fase: kies een proces (`proces: standaard`) of geef eigen `fasen`"))

    findings.extend(duplicates(planning.stappen, "id", "stap"))
    own = library is None
    seen: set[str] = set()
    for entry in planning.stappen:
        if entry.id in seen:
            continue
        seen.add(entry.id)
        current = _find_step(fasen, entry.id)
        if current is not None and current.herkomst == "standaard":
            findings.extend(_adjust(current, entry, fasen))
        else:
            findings.extend(_add(entry, fasen, own))

    _number(fasen, own)
    beeld = ProcesBeeld(
        naam=planning.proces if library else None,
        titel=library.naam if library else None,
        omschrijving=library.omschrijving if library else None,
        fasen=fasen,
        meldingen=findings,
    )
    for besluit in inhoud.besluiten or []:
        if besluit.processtap is None or own:
            continue
        stap = next((s for s in beeld.stappen if s.standaardnummer == besluit.processtap), None)
        if stap is not None:
            stap.besluiten.append(besluit)
    return beeld


def _find_step(fasen: list[PlanFase], key: str) -> PlanStap | None:
    return next((s for f in fasen for s in f.stappen if s.id == key), None)


def _apply(stap: PlanStap, entry: Stap) -> None:
    for name in ("naam", "resultaat", "raad", "toelichting", "start", "eind", "trekker", "vervalt"):
        value = getattr(entry, name)
        if value is not None:
            setattr(stap, name, value)
    if entry.afhankelijk_van is not None:
        stap.afhankelijk_van = list(entry.afhankelijk_van)
        stap.afhankelijk_pad = entry.pad + ("afhankelijk_van",)
    stap.pad = entry.pad


def _adjust(stap: PlanStap, entry: Stap, fasen: list[PlanFase]) -> Iterator[Finding]:
    if entry.fase is not None and entry.fase != stap.fase_id:
        yield Finding(entry.pad + ("fase",),
                      f'stap "{stap.id}" hoort in het proces bij fase "{stap.fase_id}" en kan niet verhuizen; '
                      "voeg zo nodig een nieuwe stap toe (met een eigen id)")
    if entry.na is not None:
        yield Finding(entry.pad + ("na",),
                      f'stap "{stap.id}" komt uit het proces en houdt haar plaats; `na` geldt alleen voor een nieuwe stap')
    # Dates, dependencies, a trekker or a toelichting adopt a step as it is; another
    # name, result or council role changes it.
    changed = any(getattr(entry, n) is not None and getattr(entry, n) != getattr(stap, n)
                  for n in ("naam", "resultaat", "raad"))
    stap.herkomst = "aangepast" if (changed or entry.vervalt is not None) else "standaard"
    _apply(stap, entry)


def _add(entry: Stap, fasen: list[PlanFase], own: bool) -> Iterator[Finding]:
    phase_ids = [f.id for f in fasen]
    after = _find_step(fasen, entry.na) if entry.na else None
    if entry.na is not None and after is None:
        known = ", ".join(s.id for f in fasen for s in f.stappen) or "geen"
        yield Finding(entry.pad + ("na",), f'onbekende stap "{entry.na}" in `na`; bekend zijn: {known}')
        return
    fase_id = entry.fase or (after.fase_id if after else None)
    if fase_id is None:
        if fasen:
            yield Finding(entry.pad + ("id",),
                          f'nieuwe stap "{entry.id}": geef de fase op (`fase`: {", ".join(phase_ids)}) of de stap '
                          "waarna zij komt (`na`)")
        return
    if fase_id not in phase_ids:
        yield Finding(entry.pad + ("fase",), f'onbekende fase "{fase_id}"; bekend zijn: {", ".join(phase_ids) or "geen"}')
        return
    if after is not None and after.fase_id != fase_id:
        yield Finding(entry.pad + ("na",), f'stap "{after.id}" ligt in fase "{after.fase_id}", niet in fase "{fase_id}"')
        return
    missing = [name for name in ("naam", "resultaat", "raad") if getattr(entry, name) is None]
    if missing:
        names = ", ".join(f"`{m}`" for m in missing)
        yield Finding(entry.pad + ("id",), f'nieuwe stap "{entry.id}" heeft ook {names} nodig')
        return
    stap = PlanStap(id=entry.id, fase_id=fase_id, naam=entry.naam, resultaat=entry.resultaat, raad=entry.raad,
                    herkomst="eigen" if own else "toegevoegd")
    _apply(stap, entry)
    fase = next(f for f in fasen if f.id == fase_id)
    if after is None:
        fase.stappen.append(stap)
        return
    position = fase.stappen.index(after) + 1
    # Several new steps after the same step keep the order in which they are listed.
    while position < len(fase.stappen) and fase.stappen[position].herkomst == "toegevoegd":
        position += 1
    fase.stappen.insert(position, stap)


def _number(fasen: list[PlanFase], own: bool) -> None:
    """Standard steps keep their number; a new step between them gets a letter (``7a``),
    a new step after the last standard step the next number (``11``)."""
    steps = [s for f in fasen for s in f.stappen]
    if own:
        for index, stap in enumerate(steps, start=1):
            stap.nummer = str(index)
        return
    last_standard = max((s.standaardnummer or 0 for s in steps), default=0)
    previous, letters, following = 0, 0, last_standard
    for stap in steps:
        if stap.standaardnummer is not None:
            previous, letters = stap.standaardnummer, 0
            stap.nummer = str(previous)
        elif previous < last_standard:
            stap.nummer = f"{previous}{string.ascii_lowercase[letters % 26]}"
            letters += 1
        else:
            following += 1
            stap.nummer = str(following)


# -- council decisions and timelines ----------------------------------------------------------


def council_decisions(inhoud: Inhoud, deelnemers: Iterable[Gemeente], beeld: ProcesBeeld | None) -> list[Raadsbesluit]:
    result = []
    for besluit in inhoud.besluiten or []:
        meetings = [(g, g.besluitvorming.get(besluit.id)) for g in deelnemers]
        stap = next((s for s in beeld.stappen if besluit in s.besluiten), None) if beeld else None
        result.append(Raadsbesluit(besluit, meetings, stap))
    return result


def timelines(inhoud: Inhoud, deelnemers: Iterable[Gemeente]) -> list[Tijdlijn]:
    decisions = {b.id: b for b in inhoud.besluiten or []}
    result = []
    for gemeente in deelnemers:
        events = []
        for key, vergadering in gemeente.besluitvorming.items():
            besluit = decisions.get(key)
            if besluit is None:
                continue
            path = gemeente.pad + ("besluitvorming", key)
            for kind in ("college", "raad"):
                moment = getattr(vergadering, kind)
                if moment is not None:
                    events.append(Gebeurtenis(moment, kind, besluit, vergadering, path + (kind,)))
        events.sort(key=lambda e: (e.datum, e.soort != "college", e.besluit.id))
        result.append(Tijdlijn(gemeente, events))
    return result


def milestones(inhoud: Inhoud, decisions: list[Raadsbesluit]) -> list[MijlpaalRegel]:
    rows = [MijlpaalRegel(m.datum, m.omschrijving, False) for m in (inhoud.planning.mijlpalen if inhoud.planning else [])]
    for decision in decisions:
        if decision.laatste is None:
            continue
        who = "raden" if decision.besluit.orgaan == "raad" else "colleges"
        subject = decision.besluit.onderwerp
        subject = subject[0].lower() + subject[1:]
        if decision.eerste != decision.laatste:
            rows.append(MijlpaalRegel(decision.eerste, f"Eerste besluit in de {who}: {subject}", True))
        rows.append(MijlpaalRegel(decision.laatste, f"Besluitvorming in alle {who} afgerond: {subject}", True))
    return sorted(rows, key=lambda r: (r.datum, r.afgeleid))


@dataclass(frozen=True)
class Procesdeel:
    proces: ProcesBeeld | None  # None without `planning`
    raadsbesluiten: list[Raadsbesluit]
    tijdlijnen: list[Tijdlijn]
    mijlpalen: list[MijlpaalRegel]


@deriver(Procesdeel, needs=("sjabloonmappen", "deelnemers"))
def _process(inhoud: Inhoud, nodig: Invoerzicht) -> Procesdeel:
    beeld = build_process(inhoud, nodig.sjabloonmappen)
    decisions = council_decisions(inhoud, nodig.deelnemers, beeld)
    return Procesdeel(beeld, decisions, timelines(inhoud, nodig.deelnemers), milestones(inhoud, decisions))


# -- checks -----------------------------------------------------------------------------------


def _finished(key: str, beeld: ProcesBeeld, inhoud: Inhoud, afgeleid: Afgeleid) -> tuple[str, datetime.date | None, PathKey | None] | None:
    """What a dependency is called, when it is finished and where that date stands; None if unknown."""
    stap = beeld.stap(key)
    if stap is not None:
        return f'stap {stap.nummer} "{stap.naam}"', stap.eind, (stap.pad + ("eind",) if stap.pad else None)
    for decision in afgeleid.raadsbesluiten:
        if decision.besluit.id == key:
            last = decision.laatste
            where = None
            for gemeente, vergadering in decision.vergaderingen:
                if vergadering is not None and getattr(vergadering, decision.besluit.orgaan) == last and last:
                    where = gemeente.pad + ("besluitvorming", key, decision.besluit.orgaan)
                    break
            return f'besluit "{key}"', last, where
    mijlpaal: Mijlpaal | None = next((m for m in (inhoud.planning.mijlpalen if inhoud.planning else []) if m.id == key), None)
    if mijlpaal is not None:
        return f'mijlpaal "{mijlpaal.omschrijving}"', mijlpaal.datum, mijlpaal.pad + ("datum",)
    return None


def _effective(key: str, beeld: ProcesBeeld, seen: set[str] | None = None) -> list[str]:
    """A dependency on a dropped step stands for that step's own dependencies."""
    seen = seen or set()
    stap = beeld.stap(key)
    if stap is None or stap.vervalt is None or key in seen:
        return [key]
    seen.add(key)
    return [k for dep in stap.afhankelijk_van for k in _effective(dep, beeld, seen)]


@check
def _planning(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    """Steps end after they start and after what they depend on; new steps and phases are complete."""
    beeld: ProcesBeeld | None = afgeleid.proces
    if beeld is None:
        return
    yield from beeld.meldingen
    planning = inhoud.planning
    yield from duplicates([m for m in planning.mijlpalen if m.id], "id", "mijlpaal")
    for stap in beeld.stappen:
        if stap.pad is None or stap.vervalt is not None:
            continue
        if (stap.start is None) != (stap.eind is None):
            missing = "einddatum (`eind`)" if stap.eind is None else "begindatum (`start`)"
            yield Finding(stap.pad, f'stap {stap.nummer} "{stap.naam}" heeft een {missing} nodig')
        if stap.start and stap.eind and stap.eind < stap.start:
            yield Finding(stap.pad + ("eind",),
                          f'stap {stap.nummer} "{stap.naam}" eindigt op {datum(stap.eind)}, vóór het begin op '
                          f"{datum(stap.start)}", related=stap.pad + ("start",))
        for index, key in enumerate(stap.afhankelijk_van):
            where = stap.afhankelijk_pad + (index,) if stap.afhankelijk_pad else stap.pad
            if _finished(key, beeld, inhoud, afgeleid) is None:
                known = ", ".join(s.id for s in beeld.stappen)
                yield Finding(where, f'onbekende stap, besluit of mijlpaal "{key}" in afhankelijk_van; stappen zijn: {known}')
                continue
            if stap.start is None:
                continue
            for effective in _effective(key, beeld):
                finished = _finished(effective, beeld, inhoud, afgeleid)
                if finished is None or finished[1] is None or stap.start >= finished[1]:
                    continue
                name, end, end_path = finished
                origin = "" if stap.afhankelijk_pad else (
                    f' (afhankelijkheid uit het proces "{beeld.naam}"; geef `afhankelijk_van` op als de stappen '
                    "elkaar mogen overlappen)")
                yield Finding(stap.pad + ("start",),
                              f'stap {stap.nummer} "{stap.naam}" begint op {datum(stap.start)}, maar hangt af van '
                              f"{name}, dat pas eindigt op {datum(end)}{origin}", related=end_path)


@check
def _decisions_before_start(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    """A decision the cooperation needs is taken before the date on which it starts."""
    start = inhoud.samenwerking.ingangsdatum
    for decision in afgeleid.raadsbesluiten:
        besluit = decision.besluit
        if besluit.soort in NA_INGANG_TOEGESTAAN:
            continue
        kind = besluit.orgaan
        for gemeente, vergadering in decision.vergaderingen:
            moment = getattr(vergadering, kind) if vergadering else None
            if moment is not None and moment >= start:
                who = "de raad" if kind == "raad" else "het college"
                yield Finding(gemeente.pad + ("besluitvorming", besluit.id, kind),
                              f'{who} van {gemeente.naam} besluit op {datum(moment)} over "{besluit.id}", niet vóór de '
                              f"ingangsdatum van de samenwerking ({datum(start)})",
                              related=inhoud.samenwerking.pad + ("ingangsdatum",))
