"""The finance engine: allocation to the cent, every kind of verdeelsleutel, multi-year figures.

Expected values are computed by hand in the comments, not by the code under test.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.finance.allocation import allocate
from generator.finance.engine import compute
from generator.model import Inhoud, assign_paths

D = Decimal


def content(verdeelsleutels, regels_per_scenario, gemeenten=None, horizon=(2020, 2024), **extra):
    """A small valid Inhoud with scenarios 'nul' (reference) and 'alt' (preferred)."""
    gemeenten = gemeenten or [("Aa", 10000), ("Bee", 30000), ("Cee", 60000)]
    scenario_ids = list(regels_per_scenario)
    data = {
        "samenwerking": {"naam": "Test", "titel": "Test", "vorm": "openbaar-lichaam",
                         "ingangsdatum": datetime.date(2020, 1, 1),
                         "datum": datetime.date(2019, 6, 1), "opsteller": "Test"},
        "gemeenten": [{"naam": n, "inwoners": i, "burgemeester": "B", "griffier": "G"} for n, i in gemeenten],
        "scenarios": [{"id": s, "naam": s.capitalize(), "ist": "ist", "soll": "soll", "voorkeur": s == "alt"}
                      for s in scenario_ids],
        "financien": {
            "horizon": {"van": horizon[0], "tot": horizon[1]},
            "referentie": scenario_ids[0],
            "verdeelsleutels": verdeelsleutels,
            "scenarios": [{"scenario": s, "regels": r} for s, r in regels_per_scenario.items()],
            **extra,
        },
    }
    inhoud = Inhoud.model_validate(data)
    assign_paths(inhoud)
    return inhoud


def one_line(key: dict, amount: str, gemeenten=None):
    """Allocate one incidental amount in 2020 with one key; return {gemeente: Decimal}."""
    key = {"id": "k", "naam": "Sleutel", **key}
    inhoud = content([key], {"nul": [], "alt": [{"omschrijving": "x", "soort": "incidenteel",
                                                 "verdeelsleutel": "k", "bedragen": {2020: D(amount)}}]},
                     gemeenten=gemeenten, horizon=(2020, 2020))
    result = compute(inhoud).scenario("alt")
    return {name: share.per_jaar[2020].incidentele_lasten for name, share in result.gemeenten.items()}


# -- allocation --------------------------------------------------------------------------


def test_allocate_equal_parts_extra_cent_to_first_name():
    # 10000 cents / 3 = 3333 rest 1/3 each: the one cent left goes to the alphabetically first.
    assert allocate(D("100.00"), {"Zeist": 1, "Baarn": 1, "Amersfoort": 1}) == {
        "Zeist": D("33.33"), "Baarn": D("33.33"), "Amersfoort": D("33.34")}


def test_allocate_largest_remainder_wins_before_name():
    # 100 cents by 1:1:1:3 → quotas 16.67, 16.67, 16.67, 50: floors 16+16+16+50 = 98, two cents left,
    # remainders 2/3 for a, b, c: a and b (alphabetical) get one each.
    parts = allocate(D("1.00"), {"c": 1, "b": 1, "a": 1, "d": 3})
    assert parts == {"c": D("0.16"), "b": D("0.17"), "a": D("0.17"), "d": D("0.50")}
    # 7 cents by 1:2 → quotas 2.333 and 4.667: the cent goes to the larger remainder, not the first name.
    assert allocate(D("0.07"), {"a": 1, "b": 2}) == {"a": D("0.02"), "b": D("0.05")}


def test_allocate_negative_amount_mirrors_positive():
    assert allocate(D("-100.00"), {"x": 1, "y": 1, "z": 1}) == {"x": D("-33.34"), "y": D("-33.33"), "z": D("-33.33")}


def test_allocate_zero_weight_gets_nothing_and_bad_input_is_refused():
    assert allocate(D("0.05"), {"a": 0, "b": 1, "c": 1}) == {"a": D("0.00"), "b": D("0.03"), "c": D("0.02")}
    with pytest.raises(ValueError):
        allocate(D("1.005"), {"a": 1})
    with pytest.raises(ValueError):
        allocate(D("1.00"), {"a": 0})
    with pytest.raises(ValueError):
        allocate(D("1.00"), {"a": -1, "b": 2})


names = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABC-", min_size=1, max_size=8),
                 min_size=1, max_size=12, unique=True)


@settings(max_examples=300, deadline=None)
@given(
    cents=st.integers(min_value=-10**11, max_value=10**11),
    parties=names,
    data=st.data(),
)
def test_allocation_sums_exactly_and_ignores_order(cents, parties, data):
    weights = {name: data.draw(st.one_of(
        st.integers(min_value=0, max_value=10**6),
        st.fractions(min_value=0, max_value=1000, max_denominator=997),
        st.decimals(min_value=0, max_value=10**6, places=3))) for name in parties}
    if sum(Fraction(w) for w in weights.values()) == 0:
        weights[parties[0]] = 1
    amount = D(cents).scaleb(-2)
    parts = allocate(amount, weights)
    assert sum(parts.values()) == amount
    assert all(p == p.quantize(D("0.01")) for p in parts.values())
    total = sum(Fraction(w) for w in weights.values())
    for name, part in parts.items():
        exact = Fraction(amount) * Fraction(weights[name]) / total
        assert abs(Fraction(part) - exact) < Fraction(1, 100), "each part is within a cent of its exact quota"
    shuffled = list(weights.items())
    random.Random(cents).shuffle(shuffled)
    assert allocate(amount, dict(shuffled)) == parts


# -- every kind of verdeelsleutel, against hand-computed values ---------------------------


def test_key_inwoners():
    # 1000,01 over 10.000 : 30.000 : 60.000 → 10000,1 / 30000,3 / 60000,6 cents; the cent to Cee (0,6).
    assert one_line({"soort": "inwoners"}, "1000.01") == {"Aa": D("100.00"), "Bee": D("300.00"), "Cee": D("600.01")}


def test_key_inwoners_limited_to_some_gemeenten():
    # 400 over Aa and Bee only, 10.000 : 30.000.
    parts = one_line({"soort": "inwoners", "gemeenten": ["Bee", "Aa"]}, "400")
    assert parts == {"Aa": D("100.00"), "Bee": D("300.00"), "Cee": D("0")}


def test_key_gelijk():
    assert one_line({"soort": "gelijk"}, "1000") == {"Aa": D("333.34"), "Bee": D("333.33"), "Cee": D("333.33")}


def test_key_vast_variabel():
    # 40% equally (13,33% each) + 60% by inhabitants (10/30/60%):
    # Aa 0,1333 + 0,06 = 0,19333; Bee 0,1333 + 0,18 = 0,31333; Cee 0,1333 + 0,36 = 0,49333.
    # × 3000 = 580, 940, 1480.
    parts = one_line({"soort": "vast-variabel", "vast": 40}, "3000")
    assert parts == {"Aa": D("580.00"), "Bee": D("940.00"), "Cee": D("1480.00")}


def test_key_historisch():
    parts = one_line({"soort": "historisch", "waarden": {"Aa": 200000, "Bee": 300000}}, "500")
    assert parts == {"Aa": D("200.00"), "Bee": D("300.00"), "Cee": D("0")}


def test_key_afname():
    # 10000 cents × 3/7, 3/7, 1/7 = 4285,71 / 4285,71 / 1428,57 → floors 9998, two cents to Aa and Bee.
    parts = one_line({"soort": "afname", "eenheid": "werkplekken", "waarden": {"Aa": 3, "Bee": 3, "Cee": 1}}, "100")
    assert parts == {"Aa": D("42.86"), "Bee": D("42.86"), "Cee": D("14.28")}


def test_key_maatwerk():
    # One cent by 1:2: quotas 1/3 and 2/3, the cent to the larger remainder (Bee).
    parts = one_line({"soort": "maatwerk", "waarden": {"Aa": 1, "Bee": 2}}, "0.01")
    assert parts == {"Aa": D("0.00"), "Bee": D("0.01"), "Cee": D("0")}


def test_key_mix():
    # 50% equal + 50% by inhabitants: Aa 1/6 + 0,05; Bee 1/6 + 0,15; Cee 1/6 + 0,30; × 600 = 130, 190, 280.
    keys = [{"id": "gelijk", "naam": "Gelijk", "soort": "gelijk"},
            {"id": "inw", "naam": "Inwoners", "soort": "inwoners"},
            {"id": "k", "naam": "Mix", "soort": "mix",
             "onderdelen": [{"sleutel": "gelijk", "aandeel": 50}, {"sleutel": "inw", "aandeel": 50}]}]
    inhoud = content(keys, {"nul": [], "alt": [{"omschrijving": "x", "soort": "incidenteel", "verdeelsleutel": "k",
                                                "bedragen": {2020: D(600)}}]}, horizon=(2020, 2020))
    shares = compute(inhoud).scenario("alt").gemeenten
    assert {n: s.totaal.incidentele_lasten for n, s in shares.items()} == {
        "Aa": D("130.00"), "Bee": D("190.00"), "Cee": D("280.00")}


def test_tie_goes_to_alphabetically_first_whatever_the_listing_order():
    gemeenten = [("Zeewolde", 100), ("amstelveen", 100), ("Baarn", 100)]
    parts = one_line({"soort": "gelijk"}, "0.02", gemeenten=gemeenten)
    assert parts == {"Zeewolde": D("0.00"), "amstelveen": D("0.01"), "Baarn": D("0.01")}


# -- multi-year figures on a worked example -------------------------------------------------


@pytest.fixture(scope="module")
def worked():
    keys = [{"id": "inw", "naam": "Inwoners", "soort": "inwoners"}]
    inhoud = content(keys, {
        "nul": [{"omschrijving": "Eigen uitvoering", "soort": "lasten", "verdeelsleutel": "inw", "bedrag": 1000}],
        "alt": [
            {"omschrijving": "Eigen uitvoering", "soort": "lasten", "verdeelsleutel": "inw", "bedrag": 1000},
            {"omschrijving": "Besparing", "soort": "besparing", "verdeelsleutel": "inw", "bedrag": 400,
             "ingroei": {2021: 50, 2022: 100}},
            {"omschrijving": "Opslag", "soort": "baten", "verdeelsleutel": "inw", "bedrag": 100, "vanaf": 2024},
            {"omschrijving": "Invoering", "soort": "incidenteel", "verdeelsleutel": "inw", "bedragen": {2020: 900}},
        ],
    }, discontovoet=10)
    return compute(inhoud)


def test_worked_example_multi_year(worked):
    alt = worked.scenario("alt")
    # netto: 2020 1000 + 900; 2021 1000 − 200; 2022-2023 1000 − 400; 2024 1000 − 400 − 100.
    assert [alt.per_jaar[j].netto for j in worked.jaren] == [D(1900), D(800), D(600), D(600), D(500)]
    assert alt.totaal.structurele_lasten == D(5000)
    assert alt.totaal.besparingen == D(200 + 400 * 3)
    assert alt.totaal.structurele_baten == D(100)
    assert alt.totaal.incidentele_lasten == D(900)
    assert alt.totaal.netto == D(4400)
    assert worked.referentie.totaal.netto == D(5000)
    # verschil: −900, 200, 400, 400, 500 → cumulatief −900, −700, −300, 100, 600.
    assert [alt.verschil[j] for j in worked.jaren] == [D(-900), D(200), D(400), D(400), D(500)]
    assert [alt.cumulatief[j] for j in worked.jaren] == [D(-900), D(-700), D(-300), D(100), D(600)]
    assert alt.totaal_verschil == D(600)
    assert alt.terugverdienjaar == 2023 and alt.terugverdientijd == 4
    assert worked.referentie.terugverdienjaar is None


def test_worked_example_net_present_value(worked):
    # −900/1,1 + 200/1,1² + 400/1,1³ + 400/1,1⁴ + 500/1,1⁵
    # = −818,1818 + 165,2893 + 300,5259 + 273,2054 + 310,4607 = 231,2995 → € 231,30
    assert worked.scenario("alt").ncw == D("231.30")
    assert worked.referentie.ncw is None


def test_worked_example_per_gemeente_sums_to_scenario(worked):
    alt = worked.scenario("alt")
    for jaar in worked.jaren:
        assert sum(s.per_jaar[jaar].netto for s in alt.gemeenten.values()) == alt.per_jaar[jaar].netto
    # Aa has 10% of the inhabitants: 10% of every figure, here without rounding.
    aa = worked.aandeel("Aa")
    assert aa.scenario_id == "alt"
    assert [aa.per_jaar[j].netto for j in worked.jaren] == [D(190), D(80), D(60), D(60), D(50)]
    assert aa.totaal_verschil == D(60) and aa.terugverdienjaar == 2023
    assert worked.aandeel("Aa", "nul").totaal.netto == D(500)
    assert [r.omschrijving for r in aa.regels] == ["Eigen uitvoering", "Besparing", "Opslag", "Invoering"]
    with pytest.raises(LookupError, match='gemeente "Onbekend" komt niet voor; bekend zijn: Aa, Bee, Cee'):
        worked.aandeel("Onbekend")
    with pytest.raises(LookupError, match='scenario "fusie" heeft geen financiële uitwerking'):
        worked.aandeel("Aa", "fusie")


def test_payback_must_last_until_the_end_of_the_horizon():
    keys = [{"id": "g", "naam": "Gelijk", "soort": "gelijk"}]
    inhoud = content(keys, {
        "nul": [{"omschrijving": "Basis", "soort": "lasten", "verdeelsleutel": "g", "bedrag": 1000}],
        "alt": [{"omschrijving": "Basis", "soort": "lasten", "verdeelsleutel": "g", "bedrag": 700},
                {"omschrijving": "Eenmalig", "soort": "incidenteel", "verdeelsleutel": "g",
                 "bedragen": {2020: 500, 2023: 800}}],
    })
    alt = compute(inhoud).scenario("alt")
    # verschil −200, 300, 300, −500, 300 → cumulatief −200, 100, 400, −100, 200: positive again only from 2024.
    assert [alt.cumulatief[j] for j in alt.jaren] == [D(-200), D(100), D(400), D(-100), D(200)]
    assert alt.terugverdienjaar == 2024
    assert alt.ncw is None  # no discount rate given


def test_ramp_up_amounts_round_half_up_to_the_cent():
    keys = [{"id": "g", "naam": "Gelijk", "soort": "gelijk"}]
    inhoud = content(keys, {"nul": [], "alt": [
        {"omschrijving": "Besparing", "soort": "besparing", "verdeelsleutel": "g", "bedrag": D("0.05"),
         "ingroei": {2021: 50}}]}, horizon=(2020, 2021))
    line = compute(inhoud).scenario("alt").regels[0]
    assert line.per_jaar == {2020: D("0.00"), 2021: D("0.03")}  # 0,025 → 0,03


def test_weighted_scores():
    keys = [{"id": "g", "naam": "Gelijk", "soort": "gelijk"}]
    inhoud = content(keys, {"nul": [], "alt": []}, criteria=[
        {"id": "a", "naam": "A", "gewicht": 30}, {"id": "b", "naam": "B", "gewicht": 70}])
    inhoud.financien.scenarios[0].scores.update({"a": D(5), "b": D(1)})
    inhoud.financien.scenarios[1].scores.update({"a": D(2), "b": D(4)})
    result = compute(inhoud)
    # nul: 0,3 × 5 + 0,7 × 1 = 2,2; alt: 0,3 × 2 + 0,7 × 4 = 3,4
    assert result.scenario("nul").gewogen_score == D("2.2")
    assert result.scenario("alt").gewogen_score == D("3.4")
    assert [s.id for s in result.rangorde] == ["alt", "nul"]


# -- property: the whole engine, shares add up and do not depend on partner order -----------


@settings(max_examples=40, deadline=None)
@given(
    population=st.lists(st.integers(min_value=1, max_value=200000), min_size=2, max_size=7),
    amounts=st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=5),
    ramp=st.integers(min_value=0, max_value=100),
    seed=st.integers(),
)
def test_engine_shares_add_up_and_ignore_partner_order(population, amounts, ramp, seed):
    gemeenten = [(f"Gemeente {chr(65 + i)}", n) for i, n in enumerate(population)]
    keys = [
        {"id": "inw", "naam": "Inwoners", "soort": "inwoners"},
        {"id": "gelijk", "naam": "Gelijk", "soort": "gelijk"},
        {"id": "vv", "naam": "Vast-variabel", "soort": "vast-variabel", "vast": 35},
        {"id": "afname", "naam": "Afname", "soort": "afname", "waarden": {g: i + 1 for i, (g, _) in enumerate(gemeenten)}},
        {"id": "mix", "naam": "Mix", "soort": "mix",
         "onderdelen": [{"sleutel": "inw", "aandeel": 70}, {"sleutel": "afname", "aandeel": 30}]},
    ]
    kinds = ["lasten", "baten", "besparing", "incidenteel"]
    lines = []
    for index, cents in enumerate(amounts):
        key = keys[index % len(keys)]["id"]
        kind = kinds[index % len(kinds)]
        line = {"omschrijving": f"Regel {index}", "soort": kind, "verdeelsleutel": key}
        if kind == "incidenteel":
            line["bedragen"] = {2020: D(cents).scaleb(-2), 2022: D(cents // 3).scaleb(-2)}
        else:
            line["bedrag"] = D(cents).scaleb(-2)
            line["ingroei"] = {2021: D(ramp), 2023: D(100)}
        lines.append(line)
    first = compute(content(keys, {"nul": lines[:1], "alt": lines}, gemeenten=gemeenten))
    shuffled = list(gemeenten)
    random.Random(seed).shuffle(shuffled)
    second = compute(content(keys, {"nul": lines[:1], "alt": lines}, gemeenten=shuffled))

    for scenario in first.scenarios:
        for jaar in first.jaren:
            total = scenario.per_jaar[jaar]
            parts = [share.per_jaar[jaar] for share in scenario.gemeenten.values()]
            for field in ("structurele_lasten", "besparingen", "structurele_baten", "incidentele_lasten", "netto"):
                assert sum(getattr(p, field) for p in parts) == getattr(total, field)
            assert sum(s.verschil[jaar] for s in scenario.gemeenten.values()) == scenario.verschil[jaar]
        other = second.scenario(scenario.id)
        for name, share in scenario.gemeenten.items():
            assert share.per_jaar == other.gemeenten[name].per_jaar
