"""Charts of the finance part: the scenarios compared per year, and the cumulative difference.

Both draw the difference with the reference scenario (positive: cheaper than
the reference), for the whole cooperation or, with ``gemeente="Naam"``, for one
gemeente's share. Each scenario keeps its colour in both charts. The alt text
states the figures the chart shows, so a reader without the picture misses nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .. import charts
from ..errors import BuildError
from ..formatting import bedrag
from .engine import Financieel, Reeks, ScenarioUitkomst


def _engine(afgeleid: Any) -> Financieel:
    financieel = getattr(afgeleid, "financien", None)
    if financieel is None:
        raise BuildError("grafiek: de inhoud heeft geen (geldige) financien")
    return financieel


def _series(financieel: Financieel, gemeente: str | None) -> list[tuple[ScenarioUitkomst, Reeks, str]]:
    """The alternatives with the series to draw and their colour."""
    result = []
    for index, scenario in enumerate(financieel.scenarios):
        if scenario.is_referentie:
            continue
        series = scenario if gemeente is None else financieel.aandeel(gemeente, scenario.id)
        result.append((scenario, series, charts.KLEUREN[index % len(charts.KLEUREN)]))
    return result


def _whom(financieel: Financieel, gemeente: str | None) -> str:
    return "voor alle gemeenten samen" if gemeente is None else f"voor de gemeente {gemeente}"


def _span(financieel: Financieel) -> str:
    return f"{financieel.jaren[0]} tot en met {financieel.jaren[-1]}"


def _money_axis(axes: Any, largest: Decimal) -> None:
    """Dutch euro ticks at round steps (1, 2 or 5 × a power of ten), so one decimal suffices."""
    from matplotlib.ticker import MaxNLocator

    axes.yaxis.set_major_locator(MaxNLocator(nbins=8, steps=[1, 2, 5, 10]))
    charts.euro_axis(axes.yaxis, float(largest))


@charts.chart("scenariovergelijking")
def scenario_comparison(inhoud: Any, afgeleid: Any, gemeente: str | None = None,
                        titel: str | None = None) -> charts.Chart:
    """Grouped bars: per year, each alternative's difference in net cost with the reference."""
    financieel = _engine(afgeleid)
    reference = financieel.referentie
    drawn = _series(financieel, gemeente)
    jaren = financieel.jaren

    figure = charts.new_figure(16, 7.5)
    axes = figure.add_subplot()
    width = 0.8 / max(len(drawn), 1)
    largest = Decimal(0)
    for position, (scenario, series, colour) in enumerate(drawn):
        values = [series.verschil[jaar] for jaar in jaren]
        largest = max([largest] + [abs(v) for v in values])
        offsets = [i - 0.4 + width * (position + 0.5) for i in range(len(jaren))]
        axes.bar(offsets, [float(v) for v in values], width=width * 0.92, color=colour, label=scenario.naam)
    axes.axhline(0, color="#333333", linewidth=0.6)
    axes.set_xticks(range(len(jaren)), [str(j) for j in jaren])
    _money_axis(axes, largest)
    axes.grid(axis="y")
    axes.set_axisbelow(True)
    axes.set_ylabel("verschil per jaar")
    if drawn:
        figure.legend(loc="outside upper center", ncols=min(len(drawn), 3))

    caption = titel or (f"Verschil in netto lasten met het scenario ‘{reference.naam}’ per jaar, "
                        f"{_whom(financieel, gemeente)} (boven de nul: voordeliger)")
    parts = []
    for scenario, series, _ in drawn:
        per_year = "; ".join(f"{jaar} {bedrag(series.verschil[jaar])}" for jaar in jaren)
        parts.append(f"{scenario.naam}: {per_year}")
    alt = (f"Staafdiagram van het verschil in netto lasten met het scenario ‘{reference.naam}’, "
           f"{_whom(financieel, gemeente)}, per jaar van {_span(financieel)}. Een positief bedrag betekent "
           f"lagere lasten dan in dat scenario. " + ". ".join(parts) + ".")
    return charts.render(figure, alt=alt, caption=caption)


@charts.chart("kasstroom")
def cumulative_cash_flow(inhoud: Any, afgeleid: Any, gemeente: str | None = None,
                         titel: str | None = None) -> charts.Chart:
    """Lines: each alternative's cumulative difference with the reference; payback where it crosses zero."""
    financieel = _engine(afgeleid)
    reference = financieel.referentie
    drawn = _series(financieel, gemeente)
    jaren = financieel.jaren

    figure = charts.new_figure(16, 7.5)
    axes = figure.add_subplot()
    largest = Decimal(0)
    for scenario, series, colour in drawn:
        values = [series.cumulatief[jaar] for jaar in jaren]
        largest = max([largest] + [abs(v) for v in values])
        axes.plot(jaren, [float(v) for v in values], color=colour, marker="o", markersize=3.5,
                  linewidth=1.6, label=scenario.naam)
        if series.terugverdienjaar is not None and series.terugverdienjaar != jaren[0]:
            year = series.terugverdienjaar
            axes.annotate(f"terugverdiend {year}", (year, float(series.cumulatief[year])),
                          textcoords="offset points", xytext=(-5, 6), ha="right", fontsize=7, color=colour)
    axes.axhline(0, color="#333333", linewidth=0.6)
    axes.set_xticks(list(jaren), [str(j) for j in jaren])
    _money_axis(axes, largest)
    axes.grid(axis="y")
    axes.set_axisbelow(True)
    axes.set_ylabel("cumulatief verschil")
    if drawn:
        figure.legend(loc="outside upper center", ncols=min(len(drawn), 3))

    caption = titel or (f"Cumulatief verschil met het scenario ‘{reference.naam}’, "
                        f"{_whom(financieel, gemeente)} (boven de nul: terugverdiend)")
    parts = []
    for scenario, series, _ in drawn:
        payback = (f"terugverdiend in {series.terugverdienjaar}" if series.terugverdienjaar is not None
                   else "niet terugverdiend binnen de horizon")
        low = min(jaren, key=lambda j: series.cumulatief[j])
        parts.append(f"{scenario.naam}: laagste stand {bedrag(series.cumulatief[low])} in {low}, "
                     f"{bedrag(series.cumulatief[jaren[-1]])} in {jaren[-1]}, {payback}")
    alt = (f"Lijndiagram van het cumulatieve verschil in netto lasten met het scenario ‘{reference.naam}’, "
           f"{_whom(financieel, gemeente)}, van {_span(financieel)}. Boven de nul zijn de extra kosten "
           f"terugverdiend. " + ". ".join(parts) + ".")
    return charts.render(figure, alt=alt, caption=caption)
