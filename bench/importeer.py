"""Benchmark: how fast does `samenwerking importeer` read a large regulation (300 articles)?

Usage: python3 bench/importeer.py [--artikelen N] [--herhaal N]
Writes a regulation as plain text (15 chapters, 300 articles of three leden with onderdelen and
cross-references), imports it with `python3 -m generator importeer` in a fresh process (as a
user would) and prints the median time, and the time of the import itself (without starting
Python) in this process.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def regeling(artikelen: int) -> str:
    lines = ["Gemeenschappelijke regeling Grote Proef", "Geldend van 01-01-2020 t/m heden", "Intitulé",
             "Gemeenschappelijke regeling Grote Proef",
             "De raden en de colleges van burgemeester en wethouders van de gemeenten Aa en Hunze, Borger-Odoorn, "
             "Emmen en Tynaarlo, ieder voor zover voor de eigen gemeente bevoegd;",
             "gelet op artikel 1 en artikel 8, eerste lid, van de Wet gemeenschappelijke regelingen;",
             "besluiten:", "de volgende gemeenschappelijke regeling te treffen:"]
    per_hoofdstuk = max(1, artikelen // 15)
    for nummer in range(1, artikelen + 1):
        if (nummer - 1) % per_hoofdstuk == 0:
            lines.append(f"Hoofdstuk {(nummer - 1) // per_hoofdstuk + 1} Onderwerp {(nummer - 1) // per_hoofdstuk + 1}")
        lines.append(f"Artikel {nummer} Bepaling {nummer}")
        verwijzing = f"artikel {max(1, nummer - 1)}, tweede lid" if nummer > 1 else "artikel 2"
        lines.append(f"1. Het algemeen bestuur stelt regels over het onderwerp van {verwijzing}.")
        lines.append("2. Het dagelijks bestuur bereidt de besluiten voor over:")
        lines.append("a. de begroting;")
        lines.append("b. de jaarrekening;")
        lines.append("c. de bijdragen van de deelnemers.")
        lines.append("3. Het dagelijks bestuur zendt de besluiten aan de raden van de deelnemers.")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--artikelen", type=int, default=300)
    parser.add_argument("--herhaal", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-importeer-"))
    try:
        source = work / "regeling.txt"
        source.write_text(regeling(args.artikelen), encoding="utf-8")
        times = []
        for index in range(args.herhaal):
            target = work / f"uit-{index}"
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "generator", "importeer", str(source), "--map", str(target)],
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            times.append(time.perf_counter() - started)
        sys.path.insert(0, str(ROOT))
        from generator.importeer import importeer

        inside = []
        for index in range(args.herhaal):
            result = importeer(source, work / f"binnen-{index}")
            inside.append(result.seconden)
        print(f"importeer, {args.artikelen} artikelen: {statistics.median(times):.2f} s (nieuw proces), "
              f"{statistics.median(inside):.2f} s (inlezen, schrijven en controleren)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
