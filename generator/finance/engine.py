"""The multi-year figures of every scenario, in total and per gemeente.

``compute(inhoud)`` returns a :class:`Financieel`; the deriver puts it in
``afgeleid.financien``. Templates read it with Dutch attribute names (the
vocabulary of the documents); docs/financien.md describes the API and every
calculation rule. In short, for each scenario, cost line and year:

1. The line's amount for the year (``bedrag`` × ramp-up percentage, or ``bedragen``),
   rounded half up to the cent.
2. That amount split over the gemeenten with the line's verdeelsleutel, to the
   cent, by largest remainder (``allocation.allocate``).
3. Sums per kind of line (structurele lasten, besparingen, structurele baten,
   incidentele lasten) per year, per gemeente and in total; ``netto`` =
   lasten − besparingen − baten + incidentele lasten.
4. Compared with the reference scenario: ``verschil`` = netto of the reference −
   netto of this scenario (positive: this scenario is cheaper), its running sum
   ``cumulatief``, the payback year and the net present value.

Because every (line, year) amount is split exactly, the shares of the gemeenten
add up to the scenario's figures to the cent, in every year and in total.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from ..errors import BuildError
from ..formatting import getal
from ..model import Gemeente, Inhoud, Scenario
from ..model.financien import (
    CATEGORIE_NAMEN,
    REGELSOORT_NAMEN,
    SLEUTELSOORT_NAMEN,
    Criterium,
    Financien,
    Kostenregel,
    ScenarioFinancien,
    Verdeelsleutel,
)
from .allocation import CENT, allocate, fraction_to_decimal
from .keys import shares

ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


class NotFound(BuildError, LookupError):
    """A template asked for a scenario or gemeente the figures do not have (a build error, exit 1)."""


def to_cents(value: Decimal | Fraction) -> Decimal:
    """Round half up to whole cents (away from zero on an exact half)."""
    if isinstance(value, Fraction):
        sign = -1 if value < 0 else 1
        cents = math.floor(abs(value) * 100 + Fraction(1, 2))
        return Decimal(sign * cents).scaleb(-2)
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# -- figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cijfers:
    """The figures of one year (or of the whole horizon): what it costs and what it brings.

    All amounts are positive numbers as written in the content; ``netto`` is the
    net cost (positive = cost, negative = net income).
    """

    structurele_lasten: Decimal = ZERO
    besparingen: Decimal = ZERO
    structurele_baten: Decimal = ZERO
    incidentele_lasten: Decimal = ZERO

    @property
    def structureel_saldo(self) -> Decimal:
        """Structurele lasten − besparingen − structurele baten (the structural net cost)."""
        return self.structurele_lasten - self.besparingen - self.structurele_baten

    @property
    def lasten_na_besparingen(self) -> Decimal:
        """Structurele lasten − besparingen."""
        return self.structurele_lasten - self.besparingen

    @property
    def netto(self) -> Decimal:
        """Structureel saldo + incidentele lasten: the net cost of the year."""
        return self.structureel_saldo + self.incidentele_lasten

    def __add__(self, other: Cijfers) -> Cijfers:
        return Cijfers(
            self.structurele_lasten + other.structurele_lasten,
            self.besparingen + other.besparingen,
            self.structurele_baten + other.structurele_baten,
            self.incidentele_lasten + other.incidentele_lasten,
        )

    @classmethod
    def of(cls, soort: str, amount: Decimal) -> Cijfers:
        """The figures of one amount of a line of the given kind."""
        if soort == "lasten":
            return cls(structurele_lasten=amount)
        if soort == "besparing":
            return cls(besparingen=amount)
        if soort == "baten":
            return cls(structurele_baten=amount)
        return cls(incidentele_lasten=amount)


def _sum(figures: list[Cijfers]) -> Cijfers:
    total = Cijfers()
    for item in figures:
        total = total + item
    return total


@dataclass
class Reeks:
    """Figures per year over the horizon, their total, and the comparison with the reference.

    ``verschil[jaar]`` = netto of the reference − netto of this series (positive:
    cheaper than the reference); ``cumulatief[jaar]`` is its running sum.
    """

    jaren: tuple[int, ...]
    per_jaar: dict[int, Cijfers]
    totaal: Cijfers = field(init=False)
    verschil: dict[int, Decimal] = field(default_factory=dict)
    cumulatief: dict[int, Decimal] = field(default_factory=dict)
    #: First year from which the cumulative difference stays ≥ 0 up to the end of the horizon.
    terugverdienjaar: int | None = None
    #: Net present value of the differences (``None`` without a discount rate, or for the reference).
    ncw: Decimal | None = None
    #: Name of the scenario this series is compared with.
    referentie_naam: str = ""

    def __post_init__(self) -> None:
        self.totaal = _sum([self.per_jaar[jaar] for jaar in self.jaren])

    @property
    def totaal_verschil(self) -> Decimal:
        return sum((self.verschil.get(jaar, ZERO) for jaar in self.jaren), ZERO)

    @property
    def terugverdientijd(self) -> int | None:
        """Years until payback, counting the first year of the horizon as 1."""
        if self.terugverdienjaar is None:
            return None
        return self.terugverdienjaar - self.jaren[0] + 1

    def compare(self, reference: Reeks, reference_name: str, rate: Decimal | None, is_reference: bool) -> None:
        self.referentie_naam = reference_name
        running = ZERO
        for jaar in self.jaren:
            difference = reference.per_jaar[jaar].netto - self.per_jaar[jaar].netto
            running += difference
            self.verschil[jaar] = difference
            self.cumulatief[jaar] = running
        self.terugverdienjaar = None if is_reference else payback_year(self.jaren, self.cumulatief)
        self.ncw = None if rate is None or is_reference else net_present_value(self.jaren, self.verschil, rate)


def payback_year(jaren: tuple[int, ...], cumulatief: dict[int, Decimal]) -> int | None:
    """The first year from which the cumulative difference is ≥ 0 until the end of the horizon."""
    result = None
    for jaar in reversed(jaren):
        if cumulatief[jaar] < 0:
            break
        result = jaar
    return result


def net_present_value(jaren: tuple[int, ...], amounts: dict[int, Decimal], rate: Decimal) -> Decimal:
    """Σ amount / (1 + rate/100)^t with t = 1 for the first year (end-of-year flows), rounded to cents.

    Computed exactly with fractions and rounded once, half up.
    """
    factor = 1 + Fraction(rate) / 100
    total = Fraction(0)
    for t, jaar in enumerate(jaren, start=1):
        total += Fraction(amounts[jaar]) / factor**t
    return to_cents(total)


# -- keys and lines --------------------------------------------------------------------------


@dataclass
class SleutelUitkomst:
    """A verdeelsleutel with the exact share of every paying gemeente."""

    sleutel: Verdeelsleutel
    aandelen: dict[str, Fraction]

    @property
    def id(self) -> str:
        return self.sleutel.id

    @property
    def naam(self) -> str:
        return self.sleutel.naam

    @property
    def omschrijving(self) -> str:
        """How the key works, in words (``naar inwonertal``)."""
        key = self.sleutel
        if key.soort == "vast-variabel":
            return f"{getal(key.vast or 0)}% in gelijke delen, de rest naar inwonertal"
        if key.soort == "afname" and key.eenheid:
            return f"naar afname ({key.eenheid})"
        return SLEUTELSOORT_NAMEN[key.soort]

    def aandeel(self, gemeente: str) -> Decimal:
        """The share of a gemeente as a fraction (``Decimal``, 10 decimals; 0 if it does not pay)."""
        return fraction_to_decimal(self.aandelen.get(gemeente, Fraction(0)))


@dataclass
class RegelUitkomst:
    """One cost line: its amount per year and its split over the gemeenten."""

    regel: Kostenregel
    sleutel: SleutelUitkomst
    per_jaar: dict[int, Decimal]
    #: gemeente → year → amount (to the cent); sums to ``per_jaar`` in every year.
    verdeling: dict[str, dict[int, Decimal]]

    @property
    def omschrijving(self) -> str:
        return self.regel.omschrijving

    @property
    def soort(self) -> str:
        return self.regel.soort

    @property
    def soort_naam(self) -> str:
        name = REGELSOORT_NAMEN[self.regel.soort]
        if self.regel.categorie:
            name += f" ({CATEGORIE_NAMEN[self.regel.categorie]})"
        return name

    @property
    def totaal(self) -> Decimal:
        return sum(self.per_jaar.values(), ZERO)

    def totaal_voor(self, gemeente: str) -> Decimal:
        return sum(self.verdeling.get(gemeente, {}).values(), ZERO)


@dataclass
class RegelAandeel:
    """A gemeente's part of one cost line."""

    regel: RegelUitkomst
    per_jaar: dict[int, Decimal]

    @property
    def omschrijving(self) -> str:
        return self.regel.omschrijving

    @property
    def soort(self) -> str:
        return self.regel.soort

    @property
    def totaal(self) -> Decimal:
        return sum(self.per_jaar.values(), ZERO)


@dataclass
class GemeenteUitkomst(Reeks):
    """One gemeente's share of one scenario: figures per year, totals, comparison with the reference."""

    gemeente: str = ""
    scenario_id: str = ""
    scenario_naam: str = ""
    regels: list[RegelAandeel] = field(default_factory=list)


@dataclass
class ScenarioUitkomst(Reeks):
    """One scenario: its lines, figures per year and in total, and every gemeente's share."""

    scenario: Scenario | None = None
    financien: ScenarioFinancien | None = None
    regels: list[RegelUitkomst] = field(default_factory=list)
    gemeenten: dict[str, GemeenteUitkomst] = field(default_factory=dict)
    is_referentie: bool = False
    #: Criterion id → score, and the weighted score (``None`` without criteria).
    scores: dict[str, Decimal] = field(default_factory=dict)
    gewogen_score: Decimal | None = None

    @property
    def id(self) -> str:
        return self.scenario.id

    @property
    def naam(self) -> str:
        return self.scenario.naam

    @property
    def voorkeur(self) -> bool:
        return self.scenario.voorkeur

    def regels_van(self, *soorten: str) -> list[RegelUitkomst]:
        return [r for r in self.regels if r.soort in soorten]


@dataclass
class Financieel:
    """Everything the engine derives; ``afgeleid.financien`` in templates."""

    model: Financien
    jaren: tuple[int, ...]
    sleutels: list[SleutelUitkomst]
    scenarios: list[ScenarioUitkomst]
    gemeenten: list[str]
    criteria: list[Criterium]

    @property
    def referentie(self) -> ScenarioUitkomst:
        return self.scenario(self.model.referentie)

    @property
    def alternatieven(self) -> list[ScenarioUitkomst]:
        """The scenarios other than the reference, in content order."""
        return [s for s in self.scenarios if not s.is_referentie]

    @property
    def voorkeur(self) -> ScenarioUitkomst | None:
        return next((s for s in self.scenarios if s.voorkeur), None)

    @property
    def discontovoet(self) -> Decimal | None:
        return self.model.discontovoet

    @property
    def rangorde(self) -> list[ScenarioUitkomst]:
        """Scenarios by weighted score, highest first (equal scores: content order)."""
        scored = [s for s in self.scenarios if s.gewogen_score is not None]
        return sorted(scored, key=lambda s: -s.gewogen_score)

    def scenario(self, scenario_id: str) -> ScenarioUitkomst:
        for item in self.scenarios:
            if item.id == scenario_id:
                return item
        known = ", ".join(s.id for s in self.scenarios)
        raise NotFound(f'scenario "{scenario_id}" heeft geen financiële uitwerking; bekend zijn: {known}')

    def sleutel(self, key_id: str) -> SleutelUitkomst:
        for key in self.sleutels:
            if key.id == key_id:
                return key
        raise NotFound(f'onbekende verdeelsleutel "{key_id}"')

    def aandeel(self, gemeente: str | Gemeente, scenario: str | None = None) -> GemeenteUitkomst:
        """A gemeente's share of a scenario (default: the preferred scenario).

        ``gemeente`` is a name or a ``Gemeente``; the result has ``per_jaar[jaar]``
        (``Cijfers``: structurele_lasten, besparingen, structurele_baten,
        incidentele_lasten, structureel_saldo, netto), ``totaal`` (the same over the
        horizon), ``verschil``/``cumulatief`` against the reference scenario,
        ``terugverdienjaar``, ``ncw`` and ``regels`` (its part of every cost line).
        """
        name = gemeente.naam if isinstance(gemeente, Gemeente) else gemeente
        if scenario is None:
            chosen = self.voorkeur
            if chosen is None:
                raise NotFound("er is geen voorkeursscenario (voorkeur: true); geef het scenario op")
        else:
            chosen = self.scenario(scenario)
        if name not in chosen.gemeenten:
            raise NotFound(f'gemeente "{name}" komt niet voor; bekend zijn: {", ".join(chosen.gemeenten)}')
        return chosen.gemeenten[name]


# -- computation -----------------------------------------------------------------------------


def line_amounts(regel: Kostenregel, jaren: tuple[int, ...]) -> dict[int, Decimal]:
    """The amount of a line in every year of the horizon, rounded half up to the cent.

    With ``bedragen``: the amount given for the year, 0 for years not named. With
    ``bedrag``: 0 before ``vanaf``; otherwise ``bedrag`` × the ramp-up percentage of
    the latest ``ingroei`` year not after this year (0 before the first one, 100
    without ``ingroei``) / 100.
    """
    result: dict[int, Decimal] = {}
    for jaar in jaren:
        amount: Decimal | Fraction
        if regel.bedragen is not None:
            amount = Decimal(regel.bedragen.get(jaar, 0))
        elif regel.vanaf is not None and jaar < regel.vanaf:
            amount = ZERO
        else:
            percentage = HUNDRED
            if regel.ingroei:
                passed = [year for year in regel.ingroei if year <= jaar]
                percentage = regel.ingroei[max(passed)] if passed else Decimal(0)
            amount = Fraction(regel.bedrag or 0) * Fraction(percentage) / 100
        result[jaar] = to_cents(amount)
    return result


def compute(inhoud: Inhoud) -> Financieel:
    """All figures for ``inhoud.financien`` (which must have passed validation)."""
    model = inhoud.financien
    assert model is not None
    jaren = tuple(range(model.horizon.van, model.horizon.tot + 1))
    gemeenten = list(inhoud.gemeenten)
    names = [g.naam for g in gemeenten]
    default = [g.naam for g in gemeenten if g.rol != "uittreder"]
    keys = {key.id: key for key in model.verdeelsleutels}
    key_results = {key.id: SleutelUitkomst(key, shares(key, keys, gemeenten, default)) for key in model.verdeelsleutels}
    scenarios_by_id = {s.id: s for s in inhoud.scenarios or []}
    weights = {c.id: c.gewicht for c in model.criteria}

    entries = {entry.scenario: entry for entry in model.scenarios}
    results = [_scenario(entries[s.id], scenarios_by_id[s.id], key_results, names, jaren, weights,
                         s.id == model.referentie)
               for s in inhoud.scenarios or [] if s.id in entries]
    _compare_with_reference(results, model.discontovoet)

    paying = {name for key in key_results.values() for name in key.aandelen}
    return Financieel(
        model=model,
        jaren=jaren,
        sleutels=list(key_results.values()),
        scenarios=results,
        gemeenten=[name for name in names if name in paying],
        criteria=list(model.criteria),
    )


def _line(regel: Kostenregel, key: SleutelUitkomst, jaren: tuple[int, ...]) -> RegelUitkomst:
    """One budget line per year, and each year's amount allocated over the gemeenten by its key."""
    amounts = line_amounts(regel, jaren)
    split: dict[str, dict[int, Decimal]] = {name: {} for name in key.aandelen}
    for jaar in jaren:
        for name, part in allocate(amounts[jaar], key.aandelen).items():
            split[name][jaar] = part
    return RegelUitkomst(regel, key, amounts, split)


def _share(name: str, lines: list[RegelUitkomst], jaren: tuple[int, ...], scenario: Scenario) -> GemeenteUitkomst:
    """One gemeente's share of a scenario: its part of every line it pays for."""
    parts = [RegelAandeel(line, line.verdeling[name]) for line in lines if name in line.verdeling]
    per_year = {jaar: _sum([Cijfers.of(part.soort, part.per_jaar[jaar]) for part in parts]) for jaar in jaren}
    return GemeenteUitkomst(jaren, per_year, gemeente=name, scenario_id=scenario.id, scenario_naam=scenario.naam,
                            regels=parts)


def _scenario(entry: ScenarioFinancien, scenario: Scenario, key_results: dict[str, SleutelUitkomst], names: list[str], jaren: tuple[int, ...],
              weights: dict[str, Decimal], is_referentie: bool) -> ScenarioUitkomst:
    """The figures of one scenario: its lines, each gemeente's share, the totals and the weighted score."""
    lines = [_line(regel, key_results[regel.verdeelsleutel], jaren) for regel in entry.regels]
    per_gemeente = {name: _share(name, lines, jaren, scenario) for name in names}
    per_year = {jaar: _sum([Cijfers.of(line.soort, line.per_jaar[jaar]) for line in lines]) for jaar in jaren}
    scores = dict(entry.scores)
    weighted = None
    if weights:
        weighted = sum((weights[c] * scores[c] / HUNDRED for c in weights), Decimal(0))
    return ScenarioUitkomst(
        jaren, per_year, scenario=scenario, financien=entry, regels=lines,
        gemeenten=per_gemeente, is_referentie=is_referentie,
        scores=scores, gewogen_score=weighted,
    )


def _compare_with_reference(results: list[ScenarioUitkomst], discontovoet: Decimal | None) -> None:
    """Every scenario, and every gemeente's share of it, against the reference scenario."""
    reference = next(s for s in results if s.is_referentie)
    for result in results:
        result.compare(reference, reference.naam, discontovoet, result.is_referentie)
        for name, share in result.gemeenten.items():
            share.compare(reference.gemeenten[name], reference.naam, discontovoet, result.is_referentie)
