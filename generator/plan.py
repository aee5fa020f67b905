"""The plan van aanpak, derived and checked: the project organisation as a tree, the
risks weighed by kans × impact, and the budget as a table of years.

The budget: :func:`budget_view` is the only place that reads the budget. With
``budget.bron: plan`` it shows the plan's own lines; with ``bron: financien`` it shows
the incidental costs of the preferred scenario from the finance engine (the same
figures as the businesscase and the raadsvoorstellen), covered by each gemeente's
share. The template reads only the view (``afgeleid.plan_budget``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator

from .checks import Finding, check, duplicates
from .derive import Afgeleid, Invoerzicht, deriver
from .finance.engine import Financieel
from .formatting import bedrag
from .model import Inhoud
from .model.plan_van_aanpak import Onderdeel, PlanVanAanpak, Risico



# -- project organisation ------------------------------------------------------------------


@dataclass
class Knoop:
    """A unit of the project organisation with the units below it."""

    onderdeel: Onderdeel
    lijn: list["Knoop"] = field(default_factory=list)
    staf: list["Knoop"] = field(default_factory=list)

    def alle(self) -> Iterator["Knoop"]:
        yield self
        for child in self.staf + self.lijn:
            yield from child.alle()


def organisation_tree(plan: PlanVanAanpak) -> Knoop | None:
    """The tree below the single top; None when the organisation is not a tree (the checks say why)."""
    units = plan.projectorganisatie.onderdelen
    ids = {u.id for u in units}
    if len(ids) != len(units):
        return None
    tops = [u for u in units if u.onder is None]
    if len(tops) != 1 or any(u.onder is not None and u.onder not in ids for u in units):
        return None
    nodes = {u.id: Knoop(u) for u in units}
    for unit in units:
        if unit.onder is not None:
            parent = nodes[unit.onder]
            (parent.staf if unit.staf else parent.lijn).append(nodes[unit.id])
    root = nodes[tops[0].id]
    if sum(1 for _ in root.alle()) != len(units):  # a cycle hangs loose from the top
        return None
    return root


def _cycle(units: list[Onderdeel]) -> list[Onderdeel]:
    """Units that lie on a cycle of ``onder``."""
    parent = {u.id: u.onder for u in units}
    on_cycle = []
    for unit in units:
        seen, current = set(), unit.id
        while current is not None and current not in seen:
            seen.add(current)
            current = parent.get(current)
        if current == unit.id:
            on_cycle.append(unit)
    return on_cycle


# -- risks -----------------------------------------------------------------------------------


@dataclass
class RisicoRegel:
    nummer: int
    risico: Risico

    @property
    def score(self) -> int:
        return self.risico.kans * self.risico.impact

    @property
    def klasse(self) -> str:
        """``hoog`` from 15, ``midden`` from 6, else ``laag`` (on a scale of 1 to 25)."""
        if self.score >= 15:
            return "hoog"
        if self.score >= 6:
            return "midden"
        return "laag"


def weighed_risks(plan: PlanVanAanpak) -> list[RisicoRegel]:
    """Risks from the largest kans × impact to the smallest; equal scores keep their order."""
    ordered = sorted(plan.risicos, key=lambda r: -(r.kans * r.impact))
    return [RisicoRegel(index, risico) for index, risico in enumerate(ordered, start=1)]


# -- budget ------------------------------------------------------------------------------------


@dataclass
class BudgetRegel:
    omschrijving: str
    beheerder: str | None
    per_jaar: dict[int | None, Decimal]
    totaal: Decimal


@dataclass
class BudgetBeeld:
    """The budget as the document shows it: one column per year (or one column without years)."""

    jaren: list[int | None]
    regels: list[BudgetRegel]
    totaal_per_jaar: dict[int | None, Decimal]
    totaal: Decimal
    dekking: list[tuple[str, Decimal]]
    dekking_totaal: Decimal
    toelichting: str | None
    bron: str  # where the figures come from, for the document's footnote
    kolom: str = "Beheerd door"  # the heading of the second column


def budget_view(inhoud: Inhoud, financieel: Financieel | None = None) -> BudgetBeeld | None:
    """The budget as the document shows it, from the plan's lines or the finance engine."""
    plan = inhoud.plan_van_aanpak
    if plan is None:
        return None
    if plan.budget.bron == "financien":
        return _budget_from_finance(plan, financieel)
    names = {u.id: u.naam for u in plan.projectorganisatie.onderdelen}
    budget = plan.budget
    years: list[int | None] = sorted({p.jaar for p in budget.posten if p.jaar is not None}) or [None]
    if any(p.jaar is None for p in budget.posten) and years != [None]:
        years.append(None)
    # Posts with the same description and manager are one row with an amount per year.
    rows: dict[tuple[str, str | None], BudgetRegel] = {}
    per_year: dict[int | None, Decimal] = {year: Decimal(0) for year in years}
    for post in budget.posten:
        key = (post.omschrijving, post.deelproject)
        row = rows.setdefault(key, BudgetRegel(post.omschrijving, names.get(post.deelproject), {}, Decimal(0)))
        row.per_jaar[post.jaar] = row.per_jaar.get(post.jaar, Decimal(0)) + post.bedrag
        row.totaal += post.bedrag
        per_year[post.jaar] += post.bedrag
    total = sum((p.bedrag for p in budget.posten), Decimal(0))
    cover = [(d.omschrijving, d.bedrag) for d in budget.dekking]
    return BudgetBeeld(years, list(rows.values()), per_year, total, cover, sum((b for _, b in cover), Decimal(0)),
                       budget.toelichting, "plan van aanpak")


def _budget_from_finance(plan: PlanVanAanpak, financieel: Financieel | None) -> BudgetBeeld | None:
    """The incidental costs of the preferred scenario (optionally some categories), and who pays them."""
    if financieel is None or financieel.voorkeur is None:
        return None  # reported by the checks
    from .model.financien import CATEGORIE_NAMEN

    budget = plan.budget
    scenario = financieel.voorkeur
    lines = [line for line in scenario.regels_van("incidenteel")
             if not budget.categorieen or line.regel.categorie in budget.categorieen]
    years = sorted({year for line in lines for year, amount in line.per_jaar.items() if amount})
    rows = [BudgetRegel(line.omschrijving, CATEGORIE_NAMEN.get(line.regel.categorie or "overig", "overig"),
                        {year: amount for year, amount in line.per_jaar.items() if amount}, line.totaal)
            for line in lines]
    per_year = {year: sum((row.per_jaar.get(year, Decimal(0)) for row in rows), Decimal(0)) for year in years}
    total = sum((row.totaal for row in rows), Decimal(0))
    cover = []
    for gemeente in scenario.gemeenten:
        share = sum((line.totaal_voor(gemeente) for line in lines), Decimal(0))
        if share:
            cover.append((f"Gemeente {gemeente}", share))
    return BudgetBeeld(years or [None], rows, per_year or {None: total}, total, cover,
                       sum((amount for _, amount in cover), Decimal(0)), budget.toelichting,
                       f"businesscase, scenario ‘{scenario.naam}’", kolom="Categorie")


@dataclass(frozen=True)
class Plan:
    organisatie: Knoop | None
    risicos: list[RisicoRegel]
    plan_budget: BudgetBeeld | None


@deriver(Plan, needs=("financien",))
def _plan(inhoud: Inhoud, nodig: Invoerzicht) -> Plan:
    plan = inhoud.plan_van_aanpak
    return Plan(organisation_tree(plan) if plan else None, weighed_risks(plan) if plan else [],
                budget_view(inhoud, nodig.financien))


# -- checks ------------------------------------------------------------------------------------


@check
def _plan_van_aanpak(inhoud: Inhoud, afgeleid: Afgeleid) -> Iterator[Finding]:
    plan = inhoud.plan_van_aanpak
    if plan is None:
        return
    proces = afgeleid.proces
    if proces is None or (proces.bruikbaar and not proces.stappen):
        yield Finding(plan.pad, "een plan van aanpak heeft een planning met fasen en stappen nodig: zet in "
                                "`planning` een proces (`proces: standaard`) of eigen `fasen` en `stappen`")
    for risico in plan.risicos:
        if risico.eigenaar is None:
            yield Finding(risico.pad + ("eigenaar",),
                          f'risico "{risico.risico}" heeft geen eigenaar; geef bij `eigenaar` op wie het bewaakt')
    yield from _organisation(plan)
    yield from _budget(plan, inhoud)


def _organisation(plan: PlanVanAanpak) -> Iterator[Finding]:
    units = plan.projectorganisatie.onderdelen
    yield from duplicates(units, "id", "onderdeel")
    ids = [u.id for u in units]
    for unit in units:
        if unit.onder is not None and unit.onder not in ids:
            yield Finding(unit.pad + ("onder",), f'onbekend onderdeel "{unit.onder}"; bekend zijn: {", ".join(ids)}')
        if unit.onder is None and unit.staf:
            yield Finding(unit.pad + ("staf",), f'onderdeel "{unit.id}" is staf, maar staat nergens onder (`onder`)')
        if unit.soort == "deelproject" and unit.leider is None:
            yield Finding(unit.pad, f'deelproject "{unit.naam}" heeft een deelprojectleider nodig (`leider`)')
    tops = [u for u in units if u.onder is None]
    if not tops:
        yield Finding(plan.projectorganisatie.pad + ("onderdelen",),
                      "de projectorganisatie heeft geen top: één onderdeel staat nergens onder (geen `onder`)")
    for extra in tops[1:]:
        yield Finding(extra.pad + ("id",),
                      f'de projectorganisatie heeft één top; "{extra.id}" staat nergens onder, net als "{tops[0].id}" '
                      "(geef `onder` op)", related=tops[0].pad + ("id",))
    for unit in _cycle(units):
        yield Finding(unit.pad + ("onder",), f'onderdeel "{unit.id}" staat via `onder` uiteindelijk onder zichzelf')


def _budget(plan: PlanVanAanpak, inhoud: Inhoud) -> Iterator[Finding]:
    budget = plan.budget
    if budget.bron == "financien":
        for key in ("posten", "dekking"):
            if getattr(budget, key):
                yield Finding(budget.pad + (key,),
                              f"bij `bron: financien` komen de kosten en de dekking uit de businesscase; laat `{key}` weg")
        if inhoud.financien is None:
            yield Finding(budget.pad + ("bron",), "`bron: financien` vraagt om een onderdeel `financien`")
        elif not any(s.voorkeur for s in inhoud.scenarios or []):
            yield Finding(budget.pad + ("bron",),
                          "`bron: financien` gebruikt het voorkeursscenario; markeer er een met `voorkeur: true`")
        return
    if not budget.posten:
        yield Finding(budget.pad, "het budget heeft posten nodig (`posten`), of `bron: financien`")
    if budget.categorieen:
        yield Finding(budget.pad + ("categorieen",), "`categorieen` hoort bij `bron: financien`")
    ids = {u.id for u in plan.projectorganisatie.onderdelen}
    for post in budget.posten:
        if post.deelproject is not None and post.deelproject not in ids:
            yield Finding(post.pad + ("deelproject",),
                          f'onbekend onderdeel "{post.deelproject}"; bekend zijn: {", ".join(sorted(ids))}')
    with_year = [p for p in budget.posten if p.jaar is not None]
    if with_year and len(with_year) != len(budget.posten):
        first = next(p for p in budget.posten if p.jaar is None)
        yield Finding(first.pad, "geef bij alle posten van het budget een jaar (`jaar`), of bij geen enkele")
    if budget.dekking:
        costs = sum((p.bedrag for p in budget.posten), Decimal(0))
        cover = sum((d.bedrag for d in budget.dekking), Decimal(0))
        if cover != costs:
            yield Finding(budget.pad + ("dekking",),
                          f"de dekking ({bedrag(cover)}) is niet gelijk aan de kosten ({bedrag(costs)})")
