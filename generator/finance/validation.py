"""What ``samenwerking check`` reports about ``financien``, each finding at its file:line:col.

The deriver computes figures only when this finds nothing, so the engine can
rely on valid references, years inside the horizon and weights that add up.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from ..checks import Finding, duplicates
from ..errors import suggestion
from ..formatting import getal
from ..model import Inhoud
from ..model.financien import Financien, Kostenregel, Verdeelsleutel

HUNDRED = Decimal(100)
#: Which optional fields belong to which kind of key.
KEY_FIELDS = {
    "gemeenten": ("inwoners", "gelijk", "vast-variabel"),
    "vast": ("vast-variabel",),
    "waarden": ("historisch", "afname", "maatwerk"),
    "eenheid": ("historisch", "afname", "maatwerk"),
    "onderdelen": ("mix",),
}
REQUIRED_KEY_FIELDS = {"vast-variabel": "vast", "historisch": "waarden", "afname": "waarden",
                       "maatwerk": "waarden", "mix": "onderdelen"}


def _known(names) -> str:
    return ", ".join(names) or "geen"


def _soorten(kinds: tuple[str, ...]) -> str:
    words = [f"`{k}`" for k in kinds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]


def findings(inhoud: Inhoud) -> Iterator[Finding]:
    model = inhoud.financien
    if model is None:
        return
    yield from _horizon(model)
    yield from _keys(model, inhoud)
    yield from _scenarios(model, inhoud)
    yield from _criteria(model)
    scenario_ids = [s.id for s in inhoud.scenarios or []]
    for risico in model.risicos:
        if risico.scenario is not None and risico.scenario not in scenario_ids:
            yield Finding(risico.pad + ("scenario",),
                          f'onbekend scenario "{risico.scenario}"; bekend zijn: {_known(scenario_ids)}')


def _horizon(model: Financien) -> Iterator[Finding]:
    horizon = model.horizon
    if horizon.tot < horizon.van:
        yield Finding(horizon.pad + ("tot",), f"het laatste jaar ({horizon.tot}) ligt vóór het eerste jaar ({horizon.van})")
    elif horizon.tot - horizon.van >= 50:
        yield Finding(horizon.pad + ("tot",), "een horizon van meer dan 50 jaar is niet zinvol")


def _keys(model: Financien, inhoud: Inhoud) -> Iterator[Finding]:
    names = [g.naam for g in inhoud.gemeenten]
    keys = {}
    yield from duplicates(model.verdeelsleutels, "id", "verdeelsleutel")
    for key in model.verdeelsleutels:
        keys.setdefault(key.id, key)
    for key in model.verdeelsleutels:
        yield from _key(key, keys, names)


def _key(key: Verdeelsleutel, keys: dict[str, Verdeelsleutel], names: list[str]) -> Iterator[Finding]:
    yield from _key_fields(key)
    if key.gemeenten is not None and key.soort in KEY_FIELDS["gemeenten"]:
        yield from _key_gemeenten(key, names)
    if key.waarden is not None and key.soort in KEY_FIELDS["waarden"]:
        yield from _key_waarden(key, names)
    if key.onderdelen is not None and key.soort == "mix":
        yield from _key_mix(key, keys)


def _key_fields(key: Verdeelsleutel) -> Iterator[Finding]:
    """The fields a key of its soort has, and no others."""
    for name, kinds in KEY_FIELDS.items():
        if getattr(key, name) is not None and key.soort not in kinds:
            yield Finding(key.pad + (name,),
                          f"`{name}` hoort alleen bij een verdeelsleutel van soort {_soorten(kinds)}, "
                          f'niet bij soort "{key.soort}"')
    required = REQUIRED_KEY_FIELDS.get(key.soort)
    if required and getattr(key, required) is None:
        yield Finding(key.pad, f'een verdeelsleutel van soort "{key.soort}" heeft `{required}` nodig')


def _key_gemeenten(key: Verdeelsleutel, names: list[str]) -> Iterator[Finding]:
    """The gemeenten a key shares over: known, each once, at least one."""
    if not key.gemeenten:
        yield Finding(key.pad + ("gemeenten",), "noem minstens één gemeente")
    seen = set()
    for index, name in enumerate(key.gemeenten):
        if name not in names:
            yield Finding(key.pad + ("gemeenten", index), f'onbekende gemeente "{name}"; '
                          f"bekend zijn: {_known(names)}{suggestion(name, names)}")
        elif name in seen:
            yield Finding(key.pad + ("gemeenten", index), f'gemeente "{name}" staat dubbel in de lijst')
        seen.add(name)


def _key_waarden(key: Verdeelsleutel, names: list[str]) -> Iterator[Finding]:
    """The values per gemeente of a key: known gemeenten, not negative, not all zero."""
    if not key.waarden:
        yield Finding(key.pad + ("waarden",), "noem minstens één gemeente met een waarde")
    for name, value in key.waarden.items():
        if name not in names:
            yield Finding(key.pad + ("waarden", name), f'onbekende gemeente "{name}"; '
                          f"bekend zijn: {_known(names)}{suggestion(name, names)}")
        if value < 0:
            yield Finding(key.pad + ("waarden", name), f"een waarde mag niet negatief zijn, gevonden {getal(value)}")
    if key.waarden and all(v >= 0 for v in key.waarden.values()) and sum(key.waarden.values()) == 0:
        yield Finding(key.pad + ("waarden",), "de waarden tellen op tot nul; er valt niets naar te verdelen")


def _key_mix(key: Verdeelsleutel, keys: dict[str, Verdeelsleutel]) -> Iterator[Finding]:
    """The parts of a mix: known keys that are no mix, each once, shares adding up to 100%."""
    if not key.onderdelen:
        yield Finding(key.pad + ("onderdelen",), "noem minstens één onderdeel")
    used = set()
    for index, part in enumerate(key.onderdelen):
        path = key.pad + ("onderdelen", index, "sleutel")
        if part.sleutel not in keys:
            yield Finding(path, f'onbekende verdeelsleutel "{part.sleutel}"; bekend zijn: {_known(keys)}')
        elif keys[part.sleutel].soort == "mix":
            yield Finding(path, f'een mix kan geen andere mix bevatten ("{part.sleutel}")')
        if part.sleutel in used:
            yield Finding(path, f'verdeelsleutel "{part.sleutel}" staat dubbel in de mix')
        used.add(part.sleutel)
    total = sum((p.aandeel for p in key.onderdelen), Decimal(0))
    if key.onderdelen and total != HUNDRED:
        yield Finding(key.pad + ("onderdelen",),
                      f"de aandelen tellen op tot {getal(total)}%, verwacht 100%")


def _scenarios(model: Financien, inhoud: Inhoud) -> Iterator[Finding]:
    scenario_ids = [s.id for s in inhoud.scenarios or []]
    if not scenario_ids:
        yield Finding(model.pad, "`financien` rekent aan scenario's, maar `scenarios` ontbreekt of is leeg")
    elif model.referentie not in scenario_ids:
        yield Finding(model.pad + ("referentie",),
                      f'onbekend scenario "{model.referentie}"; bekend zijn: {_known(scenario_ids)}')
    yield from duplicates(model.scenarios, "scenario", "de financiële uitwerking van scenario")
    worked_out = {entry.scenario for entry in model.scenarios}
    for entry in model.scenarios:
        if scenario_ids and entry.scenario not in scenario_ids:
            yield Finding(entry.pad + ("scenario",),
                          f'onbekend scenario "{entry.scenario}"; bekend zijn: {_known(scenario_ids)}')
        for regel in entry.regels:
            yield from _line(regel, model)
    for scenario in inhoud.scenarios or []:
        if scenario.id not in worked_out:
            yield Finding(scenario.pad + ("id",),
                          f'scenario "{scenario.id}" heeft geen financiële uitwerking in `financien.scenarios`')


def _line(regel: Kostenregel, model: Financien) -> Iterator[Finding]:
    path = regel.pad
    keys = [k.id for k in model.verdeelsleutels]
    if regel.verdeelsleutel not in keys:
        yield Finding(path + ("verdeelsleutel",),
                      f'onbekende verdeelsleutel "{regel.verdeelsleutel}"; bekend zijn: {_known(keys)}')
    if regel.bedrag is not None and regel.bedragen is not None:
        yield Finding(path + ("bedragen",), "geef `bedrag` of `bedragen`, niet allebei")
    elif regel.bedrag is None and regel.bedragen is None:
        yield Finding(path, "geef `bedrag` (per jaar) of `bedragen` (per jaar een bedrag)")
    if regel.soort == "incidenteel" and regel.bedrag is not None:
        yield Finding(path + ("bedrag",), "een incidentele last heeft `bedragen` per jaar, geen `bedrag`")
    if regel.bedragen is not None:
        for name in ("vanaf", "ingroei"):
            if getattr(regel, name) is not None:
                yield Finding(path + (name,), f"`{name}` hoort bij `bedrag`, niet bij `bedragen`")
    if regel.categorie is not None and regel.soort != "incidenteel":
        yield Finding(path + ("categorie",), "`categorie` hoort alleen bij een regel van soort `incidenteel`")

    amounts = []
    if regel.bedrag is not None:
        amounts.append((path + ("bedrag",), regel.bedrag))
    for jaar, amount in (regel.bedragen or {}).items():
        amounts.append((path + ("bedragen", jaar), amount))
    for where, amount in amounts:
        if amount < 0:
            yield Finding(where, f"een bedrag is niet negatief, gevonden {getal(amount)}; wat de lasten verlaagt "
                                 "is een regel van soort `baten` of `besparing`")
        elif amount != amount.quantize(Decimal("0.01")):
            yield Finding(where, f"een bedrag heeft hooguit twee decimalen (centen), gevonden {amount}")

    horizon = model.horizon
    span = f"{horizon.van} tot en met {horizon.tot}"
    years = [(path + ("bedragen", jaar), jaar) for jaar in regel.bedragen or {}]
    years += [(path + ("ingroei", jaar), jaar) for jaar in regel.ingroei or {}]
    if regel.vanaf is not None:
        years.append((path + ("vanaf",), regel.vanaf))
    for where, jaar in years:
        if not horizon.van <= jaar <= horizon.tot:
            yield Finding(where, f"het jaar {jaar} ligt buiten de horizon ({span})")


def _criteria(model: Financien) -> Iterator[Finding]:
    yield from duplicates(model.criteria, "id", "criterium")
    ids = [c.id for c in model.criteria]
    if model.criteria:
        total = sum((c.gewicht for c in model.criteria), Decimal(0))
        if total != HUNDRED:
            yield Finding(model.pad + ("criteria",),
                          f"de gewichten van de criteria tellen op tot {getal(total)}, verwacht 100")
    for entry in model.scenarios:
        for criterion, score in entry.scores.items():
            where = entry.pad + ("scores", criterion)
            if criterion not in ids:
                yield Finding(where, f'onbekend criterium "{criterion}"; bekend zijn: {_known(ids)}')
            elif not (1 <= score <= model.schaal):
                yield Finding(where, f"een score ligt tussen 1 en {model.schaal}, gevonden {getal(score)}")
        missing = [c for c in ids if c not in entry.scores]
        if missing:
            yield Finding(entry.pad + (("scores",) if entry.scores else ("scenario",)),
                          f'scenario "{entry.scenario}" heeft geen score voor: {", ".join(missing)}')
