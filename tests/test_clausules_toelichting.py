"""Every clause in the library: its toelichting says the same dates and terms as its article.

Each clause is rendered for every legal form it serves, once with its standard parameters and
once with every number and date changed, so a toelichting that types a value instead of taking it
from the parameters is caught. A date is "15 april" (not followed by a year: "15 april 2015" is a
citation of case law); a term is a number (in digits or words) followed by dagen, weken, maanden,
jaar or jaren. Article numbers of the law ("artikel 34b") are citations, not terms.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from generator.build import load_project
from generator.formatting import MAANDEN, TELWOORDEN, telwoord
from generator.model.regeling import Artikel as ArtikelModel
from generator import rechtsvormen
from generator.rechtsvormen import CODES
from generator.regeling import clausules
from generator.regeling.tekst import _Builder

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = clausules.library()
NUMBER = "|".join(sorted({str(n) for n in range(1, 100)} | set(TELWOORDEN), key=len, reverse=True))
DATE = re.compile(rf"\b(\d{{1,2}}) ({'|'.join(MAANDEN)})\b(?! \d{{4}})")
TERM = re.compile(rf"\b({NUMBER}) (dagen|weken|maanden|jaar|jaren)\b")


@pytest.fixture(scope="module")
def builder():
    project = load_project(ROOT / "content" / "drechtsteden")
    return _Builder(project.inhoud, project.afgeleid.deelnemers)


def sample(spec: clausules.ParameterSpec, renderer, changed: bool):
    """A value for a parameter: its standard (changed: a different number or date), or a sample."""
    if spec.standaard is not None:
        value = clausules.render_default(spec.standaard, renderer)
        if changed and spec.soort == "getal":
            return int(value) + 7
        if changed and spec.soort == "dag-maand":
            return "20 maart"
        return value
    return {"lijst": ["het beheer van een voorziening"], "tekst": "een tekst", "getal": 9 if changed else 3,
            "ja-nee": True, "gemeente": "Dordrecht", "artikel": "begroting", "dag-maand": "1 maart",
            "datum": datetime.date(2030, 1, 1), "begrippen": [{"term": "term", "omschrijving": "omschrijving"}]}[spec.soort]


def rendered(builder, name: str, vorm: str, changed: bool) -> tuple[str, str]:
    entry = LIBRARY[name]
    builder.vorm = vorm
    builder.rechtsvorm = rechtsvormen.vorm(vorm)
    builder.organen = builder._organen()
    context = builder.context(ArtikelModel(id="proef", clausule=name))
    renderer = clausules.ClauseRenderer(entry, context, vorm)
    values = {key: sample(spec, renderer, changed) for key, spec in entry.clausule.parameters.items()}
    renderer.context = {**context, **values}
    result = renderer.render()
    parts = [result.tekst or ""]
    for onderdeel in result.onderdelen:
        parts += [onderdeel["tekst"], *(s["tekst"] for s in onderdeel.get("subonderdelen", []))]
    for lid in result.leden:
        parts.append(lid["tekst"])
        for onderdeel in lid["onderdelen"]:
            parts += [onderdeel["tekst"], *(s["tekst"] for s in onderdeel.get("subonderdelen", []))]
    return " ".join(" ".join(parts).split()), " ".join((result.toelichting or "").split())


CASES = [(name, vorm) for name, entry in sorted(LIBRARY.items()) if entry.clausule.toelichting
         for vorm in (entry.clausule.vormen or list(CODES))]


@pytest.mark.parametrize(("name", "vorm"), CASES, ids=[f"{n}-{v}" for n, v in CASES])
def test_every_date_and_term_in_the_toelichting_is_the_articles(builder, name, vorm):
    for changed in (False, True):
        article, toelichting = rendered(builder, name, vorm, changed)
        assert toelichting, name
        for pattern in (DATE, TERM):
            for match in pattern.finditer(toelichting):
                assert match.group(0) in article, (name, vorm, changed, match.group(0), toelichting)


def test_the_begroting_clause_says_one_date_in_article_and_toelichting(builder):
    """The case of the issue: the article said vóór 15 april, its toelichting vóór 30 april."""
    article, toelichting = rendered(builder, "begroting", "openbaar-lichaam", changed=False)
    assert "vóór 15 april" in article and "vóór 15 april" in toelichting
    assert "30 april" not in toelichting
    article, toelichting = rendered(builder, "begroting", "openbaar-lichaam", changed=True)
    assert "vóór 20 maart" in article and "vóór 20 maart" in toelichting
    weeks = f"{telwoord(12 + 7)} weken"
    assert weeks in article and weeks in toelichting
