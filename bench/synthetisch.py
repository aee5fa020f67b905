"""Synthetic cooperations for the scale benchmark: N gemeenten, a regulation of M articles.

Made with ``samenwerking nieuw`` (so they are what a user starts from), then the regulation is
extended with a chapter of plain articles (two leden each, one reference) until it has M articles.
Nothing here is part of the tool; bench/bouw.py uses it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def names(count: int) -> list[str]:
    return [f"Gemeente {number:02d}" for number in range(1, count + 1)]


def cooperation(project: Path, name: str, gemeenten: int, articles: int | None = None) -> Path:
    """``project/content/<name>`` with ``gemeenten`` partners and (optionally) ``articles`` articles."""
    listed = names(gemeenten)
    spoken = ", ".join(listed[:-1]) + " en " + listed[-1]
    subprocess.run([sys.executable, "-m", "generator", "nieuw", name, "--gemeenten", spoken,
                    "--map", str(project / "content")], cwd=ROOT, check=True, capture_output=True)
    folder = project / "content" / re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if articles is not None:
        extend_regulation(folder, articles)
    return folder


def article_count(folder: Path) -> int:
    """The number of articles of the regulation as the tool numbers them (from its HTML)."""
    sys.path.insert(0, str(ROOT))
    from generator.build import jobs, load_project, render

    project = load_project(folder)
    [job] = jobs(project, documents=["gemeenschappelijke-regeling"])
    return render(project, job).html.count('class="artikel"')


def extend_regulation(folder: Path, articles: int) -> None:
    path = folder / "regeling.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    present = article_count(folder)
    extra = articles - present
    if extra <= 0:
        return
    chapter = {"id": "aanvullend", "titel": "Aanvullende bepalingen", "artikelen": []}
    for number in range(1, extra + 1):
        chapter["artikelen"].append({
            "id": f"aanvullend-{number}",
            "titel": f"Aanvullende bepaling {number}",
            "leden": [
                {"id": "regel", "tekst": f"Het algemeen bestuur stelt regels over onderwerp {number} van de "
                                         "samenwerking, na overleg met de colleges van de deelnemers."},
                {"id": "termijn", "tekst": "De regels, bedoeld in [[aanvullend-%d.regel]], gelden vanaf de dag na "
                                           "hun bekendmaking en worden elke vier jaar geëvalueerd." % number},
            ],
        })
    data["regeling"]["hoofdstukken"].insert(len(data["regeling"]["hoofdstukken"]) - 1, chapter)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    counted = article_count(folder)
    if counted != articles:
        raise SystemExit(f"synthetische regeling: {counted} artikelen, {articles} gevraagd")
