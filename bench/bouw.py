"""Benchmark: how fast is `samenwerking`, against WeasyPrint alone and pandoc, in one run?

Usage: python3 bench/bouw.py [--herhaal N] [--zonder-schaal]

Every figure is the median of N whole processes (as a user runs them), timed by wall clock; CPU
time (user + system) and peak memory (largest resident set) come from the kernel per process
(os.wait4). The machine may be shared, so figures are noisy: medians, no `nice`, and the ratios
are taken from one run, their two sides measured in turn, round by round. Cold builds start
without output and with an empty chart cache.
The tool's own sources are compiled to bytecode first (compileall), as Python does on the first
import on a user's machine; a machine that sets PYTHONDONTWRITEBYTECODE (as this sandbox does)
would otherwise compile them again in every measured process. The first line of the report says so.

1. Drechtsteden (every document of the example, DOCX and PDF), the goals of issue 14:
   no-change / cold build; cold build wall time / CPU time of bare WeasyPrint laying out the same
   HTML in one process; GR as DOCX alone / pandoc converting the same HTML to DOCX; documents
   rebuilt after a commit and one gemeente's edit (temporary git repository); --help / python -c pass.
2. Scale (bench/synthetisch.py): 7, 20 and 40 gemeenten (the raadsvoorstellen) and regulations of
   60, 150 and 300 articles (the GR): cost per raadsvoorstel and per article, peak memory, with
   bare WeasyPrint and pandoc on the same HTML beside it.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetisch  # noqa: E402

CLI = [sys.executable, "-m", "generator"]

#: Bare WeasyPrint: the same HTML and house-style CSS, no PDF/A, no tags, nothing else (one process).
BARE_WEASYPRINT = """
import json, sys
from weasyprint import CSS, HTML
for item in json.load(open(sys.argv[1])):
    sheets = [CSS(filename=path) for path in item["stylesheets"]]
    HTML(filename=item["html"], base_url=item["base"]).write_pdf(sys.argv[2], stylesheets=sheets)
"""


#: The libraries a build of the GR as Word imports (and nothing of the tool): the floor of that process.
LIBRARIES_OF_GR_DOCX = "import click, yaml, jinja2, jinja2.sandbox, markdown, lxml.etree, pydantic, pydantic.main, docx"


class Run:
    def __init__(self, wall: float, cpu: float, memory_mb: float, output: str):
        self.wall, self.cpu, self.memory_mb, self.output = wall, cpu, memory_mb, output


def run(command: list[str], cwd: Path = ROOT, env: dict | None = None) -> Run:
    """One whole process: wall time, CPU time (its own and its workers'), peak memory."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} faalde:\n{output}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output)


def alternating(specs: list[tuple[list[str], object, dict]], repeat: int) -> list[Run]:
    """The median of each command (with its ``before`` and ``run`` arguments), run in turn: one of
    each per round, so a machine that slows down part-way weighs on both sides of a ratio alike."""
    runs: list[list[Run]] = [[] for _ in specs]
    for _ in range(repeat):
        for made, (command, before, kwargs) in zip(runs, specs):
            if before:
                before()
            made.append(run(command, **kwargs))
    return [Run(*(statistics.median(getattr(r, name) for r in made) for name in ("wall", "cpu", "memory_mb")),
                made[-1].output) for made in runs]


def median(command: list[str], repeat: int, before=None, **kwargs) -> Run:
    return alternating([(command, before, kwargs)], repeat)[0]


def html_of(folder: Path, documents: list[str] | None, target: Path) -> Path:
    """The HTML the writers read (the tree with its table of contents filled in, as the PDF writer
    hands it to WeasyPrint) and the stylesheets, as a list for BARE_WEASYPRINT."""
    from generator.build import jobs, load_project, render
    from generator.writers.pdf import serialized

    project = load_project(folder)
    target.mkdir(parents=True, exist_ok=True)
    items = []
    for job in jobs(project, documents=documents):
        document = render(project, job)
        path = target / f"{document.name}.html"
        path.write_text(serialized(document), encoding="utf-8")
        items.append({"html": str(path), "base": str(document.base_dir.resolve()) + "/",
                      "stylesheets": [str(s) for s in document.stylesheets]})
    listing = target / "lijst.json"
    listing.write_text(json.dumps(items), encoding="utf-8")
    return listing


def bare_weasyprint_command(listing: Path, scratch: Path) -> list[str]:
    return [sys.executable, "-c", BARE_WEASYPRINT, str(listing), str(scratch / "kaal.pdf")]


def bare_weasyprint(listing: Path, repeat: int, scratch: Path) -> Run:
    return median(bare_weasyprint_command(listing, scratch), repeat)


def pandoc_command(html: Path, scratch: Path) -> list[str] | None:
    if shutil.which("pandoc") is None:
        return None
    return ["pandoc", "-f", "html", "-t", "docx", "-o", str(scratch / "pandoc.docx"), str(html)]


def pandoc(html: Path, repeat: int, scratch: Path) -> Run | None:
    command = pandoc_command(html, scratch)
    return median(command, repeat) if command else None


def rebuilt(output: str) -> int:
    found = re.search(r"waarvan (\d+) opnieuw gemaakt", output)
    return int(found.group(1)) if found else -1


def documents(output: str) -> int:
    found = re.search(r"(\d+) document\(en\), waarvan", output)
    return int(found.group(1)) if found else -1


def written_of(output: str, gemeente: str) -> tuple[int, int]:
    """How many documents were written again, and how many of those are the gemeente's own."""
    names = {line.split("/")[-1].rsplit(".", 1)[0] for line in output.splitlines() if line.startswith("geschreven")}
    return len(names), sum(1 for name in names if name.endswith(f"-{gemeente}"))


def drechtsteden(repeat: int, scratch: Path) -> list[tuple[str, str, str, str]]:
    content = ROOT / "content" / "drechtsteden"
    out = scratch / "uit"
    cache = scratch / "cache"

    def fresh() -> None:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)

    env = {"SAMENWERKING_CACHE": str(cache)}
    help_ = median(CLI + ["--help"], repeat)
    nothing = median([sys.executable, "-c", "pass"], repeat)
    # The two sides of each ratio are measured in turn, round by round (``alternating``).
    listing = html_of(content, None, scratch / "html")
    cold, bare = alternating([(CLI + ["build", str(content), "--out", str(out)], fresh, {"env": env}),
                              (bare_weasyprint_command(listing, scratch), None, {})], repeat)
    warm = median(CLI + ["build", str(content), "--out", str(out)], repeat, env=env)
    gr_docx_command = CLI + ["build", str(content), "--out", str(out), "--document", "gemeenschappelijke-regeling",
                             "--formaat", "docx"]
    # What that process cannot go below: Python starting and importing the libraries it uses.
    floor_command = [sys.executable, "-c", LIBRARIES_OF_GR_DOCX]
    pandoc_gr = pandoc_command(scratch / "html" / "gemeenschappelijke-regeling.html", scratch)
    gr_docx, floor, *doc = alternating([(gr_docx_command, fresh, {"env": env}), (floor_command, None, {}),
                                        *([(pandoc_gr, None, {})] if pandoc_gr else [])], repeat)
    doc = doc[0] if doc else None

    # a commit, then one edit of one gemeente's field, committed: how many documents are made again?
    project = scratch / "git"
    shutil.copytree(content, project / "content" / "drechtsteden")
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]
    subprocess.run(git + ["init", "-q"], cwd=project, check=True)
    subprocess.run(git + ["add", "-A"], cwd=project, check=True)
    subprocess.run(git + ["commit", "-qm", "inhoud"], cwd=project, check=True)
    folder = project / "content" / "drechtsteden"
    build_git = CLI + ["build", str(folder), "--out", str(project / "output")]
    run(build_git, env=env)
    gemeenten = folder / "gemeenten.yaml"
    gemeenten.write_text(gemeenten.read_text(encoding="utf-8").replace("wethouder mr. A.C. de Bruijn",
                                                                     "wethouder mr. A.C. de Bruin"), encoding="utf-8")
    subprocess.run(git + ["commit", "-qam", "portefeuillehouder Dordrecht"], cwd=project, check=True)
    after_commit = run(build_git, env=env)
    total = documents(after_commit.output)
    again, own = written_of(after_commit.output, "dordrecht")
    dordrecht = sum(1 for path in (project / "output" / "drechtsteden").glob("*-dordrecht.docx"))

    rows = [
        ("build zonder wijziging / koude build", f"{warm.wall:.2f} s / {cold.wall:.2f} s",
         f"{warm.wall / cold.wall:.1%}", "≤ 3%"),
        ("koude build (wandtijd) / WeasyPrint kaal (CPU-tijd, één proces)", f"{cold.wall:.2f} s / {bare.cpu:.2f} s",
         f"{cold.wall / bare.cpu:.2f}", "≤ 0,8"),
        ("GR alleen als DOCX (heel proces) / pandoc dezelfde HTML → DOCX", f"{gr_docx.wall:.2f} s / "
         + (f"{doc.wall:.2f} s" if doc else "geen pandoc"), f"{gr_docx.wall / doc.wall:.1f}×" if doc else "-", "≤ 3×"),
        ("waarvan Python en de bibliotheken alleen (start + import) / pandoc", f"{floor.wall:.2f} s / "
         + (f"{doc.wall:.2f} s" if doc else "geen pandoc"), f"{floor.wall / doc.wall:.1f}×" if doc else "-",
         "(ondergrens, geen doel)"),
        ("documenten opnieuw na een commit en één veld van één gemeente (Dordrecht)",
         f"{rebuilt(after_commit.output)} van {total}, waarvan {own} van Dordrecht",
         f"{again - own} van andere gemeenten", f"alleen die van Dordrecht ({dordrecht}: één per ronde)"),
        ("`--help` / `python -c pass`", f"{help_.wall:.2f} s / {nothing.wall:.2f} s",
         f"--help {help_.wall:.2f} s", "≤ 1 s (issue: was 0,62 s)"),
        ("koude build (CPU-tijd, alle processen) / WeasyPrint kaal (CPU-tijd)", f"{cold.cpu:.1f} s / {bare.cpu:.1f} s",
         f"{cold.cpu / bare.cpu:.2f}", "≤ 1,6 (nodig voor 0,8 op 2 kernen)"),
        ("koude build: piekgeheugen (grootste proces)", f"{cold.memory_mb:.0f} MB", "", ""),
    ]
    return rows


def scale(repeat: int, scratch: Path) -> list[tuple]:
    rows = []
    project = scratch / "schaal"
    cache = scratch / "cache-schaal"
    for count in (7, 20, 40):
        folder = synthetisch.cooperation(project, f"Schaal {count} gemeenten", count)
        out = scratch / f"uit-{count}"

        def fresh(out=out) -> None:
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)

        made = median(CLI + ["build", str(folder), "--out", str(out), "--document", "raadsvoorstel"], repeat,
                      before=fresh, env={"SAMENWERKING_CACHE": str(cache)})
        listing = html_of(folder, ["raadsvoorstel"], scratch / f"html-{count}")
        bare = bare_weasyprint(listing, repeat, scratch)
        rows.append((f"{count} raadsvoorstellen", made.wall, made.cpu, made.memory_mb, made.wall / count,
                     made.cpu / count, bare.cpu / count, None))
    for articles in (60, 150, 300):
        folder = synthetisch.cooperation(project, f"Schaal {articles} artikelen", 7, articles)
        out = scratch / f"uit-a{articles}"

        def fresh(out=out) -> None:
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)

        made = median(CLI + ["build", str(folder), "--out", str(out), "--document", "gemeenschappelijke-regeling"],
                      repeat, before=fresh, env={"SAMENWERKING_CACHE": str(cache)})
        listing = html_of(folder, ["gemeenschappelijke-regeling"], scratch / f"html-a{articles}")
        bare = bare_weasyprint(listing, repeat, scratch)
        doc = pandoc(scratch / f"html-a{articles}" / "gemeenschappelijke-regeling.html", repeat, scratch)
        rows.append((f"regeling van {articles} artikelen", made.wall, made.cpu, made.memory_mb, made.wall / articles,
                     made.cpu / articles, bare.cpu / articles, doc.wall / articles if doc else None))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--herhaal", type=int, default=3, help="aantal herhalingen per meting (mediaan)")
    parser.add_argument("--schaal-herhaal", type=int, default=1, help="herhalingen in de schaaltabel (mediaan)")
    parser.add_argument("--zonder-schaal", action="store_true", help="alleen de Drechtsteden-tabel")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        compiled = compileall.compile_dir(str(ROOT / "generator"), quiet=1)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"Drechtsteden, mediaan van {args.herhaal} hele processen, {os.cpu_count()} kernen, "
              f"belasting bij de start {load:.1f}; bytecode van generator/ "
              f"{'vooraf gecompileerd' if compiled else 'NIET gecompileerd'}:\n")
        print("| wat | gemeten | verhouding | doel |\n| --- | --- | --- | --- |")
        for row in drechtsteden(args.herhaal, scratch):
            print("| " + " | ".join(row) + " |")
        if not args.zonder_schaal:
            print("\nSchaal (synthetisch, bench/synthetisch.py), DOCX en PDF, koud:\n")
            print("| wat | wandtijd | CPU | piekgeheugen | wand per stuk | CPU per stuk | WeasyPrint kaal, CPU per stuk "
                  "| pandoc per stuk |\n| --- | --- | --- | --- | --- | --- | --- | --- |")
            for name, wall, cpu, memory, per_wall, per_cpu, bare, doc in scale(args.schaal_herhaal, scratch):
                print(f"| {name} | {wall:.1f} s | {cpu:.1f} s | {memory:.0f} MB | {per_wall * 1000:.0f} ms "
                      f"| {per_cpu * 1000:.0f} ms | {bare * 1000:.0f} ms | "
                      + (f"{doc * 1000:.1f} ms" if doc is not None else "-") + " |")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
