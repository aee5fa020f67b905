"""Mutation fuzzing of the content check (issue 13): broken content must get a Dutch, positioned answer.

Takes copies of the bundled examples, changes one file of one of them a little (a character,
a line, an indentation, a value of another kind, a byte that is not UTF-8, ...) and runs what
``samenwerking check`` runs, in this process. A mutation fails when the answer is anything
but "in orde" or problems that each say file:line:col in Dutch: a traceback, an internal
error, an English phrase of a parser, or a problem without a position.

    python3 scripts/fuzz.py --aantal 10000 --zaad 1        # the large run (docs/robuustheid.md)

``tests/test_fuzz.py`` runs a few hundred of the same mutations on every test run.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("drechtsteden", "oost-groningen-ict")

#: A problem line: file:line:col: message (the position may follow "bestand:" of a git revision).
PLACED = re.compile(r"^.+:\d+:\d+: \S")
#: English that must not reach a user: parser phrases and pydantic's own wording.
ENGLISH = re.compile(
    r"\b(found|expected|while scanning|while parsing|not allowed|unacceptable|character|cannot|could not|"
    r"Input should|Value error|invalid|is not|must be|out of range|object has no attribute|Traceback|"
    r"Error\b|exceeded|unhashable|instance)\b"
)

SPECIAL = list(":-[]{}'\"&*!|>%@#,?`\\\t ") + ["\x07", "\x00", "\u00e9", "\ufffe", "\u202e", "\r", "\n", "  ", "- "]
VALUES = [
    "1.5", "-1", "0", "99999999999999999999999999", "1e9999", ".inf", ".nan", "2025-02-31", "2025-13-01",
    "0000-01-01", "!!timestamp morgen", "!!binary aGFsbG8=", "!!python/object:os.system {}", "!eigen x", "~",
    "[]", "{}", "*onbekend", "&a x", "yes", "no", '"2026-01-01"', "'tekst'", '"\\x07"', '"\\uD800"', '"\\q"',
    "'open", '"open', "|", ">", "|0", "? x", "<<: {}", "1 januari 2026", "Papendreht", "Dordrect", "x" * 300,
    "[[", "{a: 1", "- x", "a: b: c", "\t1", "0x1F", "0o17", "1_000", "+1", "2026-01-01 25:00:00",
]


@dataclass
class Outcome:
    ok: int = 0
    content_errors: int = 0
    failures: list[str] = field(default_factory=list)
    examples: dict[str, int] = field(default_factory=dict)  # mutations per example


def mutate(text: str, rng: random.Random) -> bytes:
    """One to three small changes to a YAML text; bytes, since some changes are not UTF-8."""
    lines = text.split("\n")
    raw_bytes: list[tuple[int, bytes]] = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        if not lines:
            lines = [""]
        index = rng.randrange(len(lines))
        line = lines[index]
        kind = rng.randrange(12)
        if kind == 0 and line:  # delete a character
            at = rng.randrange(len(line))
            lines[index] = line[:at] + line[at + 1:]
        elif kind == 1:  # insert a special character
            at = rng.randrange(len(line) + 1)
            lines[index] = line[:at] + rng.choice(SPECIAL) + line[at:]
        elif kind == 2:  # delete a line
            del lines[index]
        elif kind == 3:  # duplicate a line
            lines.insert(index, line)
        elif kind == 4:  # indent differently
            if line.startswith(" ") and rng.random() < 0.5:
                lines[index] = line[rng.choice((1, 2)):]
            else:
                lines[index] = " " * rng.choice((1, 2, 4)) + line
        elif kind in (5, 6, 7) and ":" in line:  # another value
            key, _, _ = line.partition(":")
            lines[index] = f"{key}: {rng.choice(VALUES)}"
        elif kind == 8:  # swap with another line
            other = rng.randrange(len(lines))
            lines[index], lines[other] = lines[other], line
        elif kind == 9:  # misspell a key
            match = re.match(r"^(\s*-?\s*)([a-z_]+)(:.*)$", line)
            if match and len(match.group(2)) > 3:
                word = match.group(2)
                at = rng.randrange(len(word))
                lines[index] = match.group(1) + word[:at] + word[at + 1:] + match.group(3)
        elif kind == 10:  # a byte that is not UTF-8 (Latin-1 é, or binary)
            raw_bytes.append((index, rng.choice((b"\xe9", b"\x00\x89PNG", b"\xff\xfe"))))
        elif kind == 11:  # cut the file off
            lines = lines[:index] + [line[: rng.randrange(len(line) + 1)]]
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    for index, extra in raw_bytes:
        parts = data.split(b"\n")
        if index < len(parts):
            parts[index] = parts[index] + extra
        data = b"\n".join(parts)
    return data


def check(folder: Path) -> tuple[str, list[str]]:
    """What ``samenwerking check`` does; ('ok'|'problems'|'failure', lines)."""
    from generator.build import jobs, load_project
    from generator.errors import ContentError

    try:
        jobs(load_project(folder))
    except ContentError as error:
        lines = [problem.display() for problem in error.problems]
        bad = [line for line in lines if not PLACED.match(line) or ENGLISH.search(line.split(": ", 1)[-1])]
        return ("failure", bad) if bad or not lines else ("problems", lines)
    except Exception:  # noqa: BLE001 - anything else is what the fuzzer looks for
        return "failure", [traceback.format_exc(limit=-3)]
    return "ok", []


class Workspace:
    """Writable copies of the examples; a mutated file is put back after each try."""

    def __init__(self) -> None:
        self.temporary = tempfile.TemporaryDirectory(prefix="fuzz-")
        base = Path(self.temporary.name) / "content"
        self.folders = {}
        self.originals: dict[Path, bytes] = {}
        for name in EXAMPLES:
            target = base / name
            shutil.copytree(ROOT / "content" / name, target)
            self.folders[name] = target
            for path in sorted(target.glob("*.yaml")):
                self.originals[path] = path.read_bytes()

    def one(self, rng: random.Random) -> tuple[str, Path, bytes, tuple[str, list[str]]]:
        name = rng.choice(EXAMPLES)
        folder = self.folders[name]
        path = rng.choice(sorted(folder.glob("*.yaml")))
        original = self.originals[path]
        mutated = mutate(original.decode("utf-8"), rng)
        path.write_bytes(mutated)
        try:
            return name, path, mutated, check(folder)
        finally:
            path.write_bytes(original)

    def close(self) -> None:
        self.temporary.cleanup()


def run(count: int, seed: int, keep: Path | None = None, report_every: int = 0) -> Outcome:
    from generator import source

    rng = random.Random(seed)
    outcome = Outcome()
    workspace = Workspace()
    revision = source.revision
    source.revision = lambda folder: None  # the copies are not in git; asking git costs two processes a try
    try:
        for number in range(1, count + 1):
            name, path, mutated, (status, lines) = workspace.one(rng)
            outcome.examples[name] = outcome.examples.get(name, 0) + 1
            if status == "ok":
                outcome.ok += 1
            elif status == "problems":
                outcome.content_errors += 1
            else:
                outcome.failures.append(f"#{number} {name}/{path.name}: " + " | ".join(lines)[:2000])
                if keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    (keep / f"{number}-{name}-{path.name}").write_bytes(mutated)
            if report_every and number % report_every == 0:
                print(f"{number}: {outcome.ok} in orde, {outcome.content_errors} met meldingen, "
                      f"{len(outcome.failures)} fout", flush=True)
    finally:
        source.revision = revision
        workspace.close()
    return outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aantal", type=int, default=10_000, help="aantal mutaties")
    parser.add_argument("--zaad", type=int, default=1, help="zaad van de toevalsgenerator (herhaalbaar)")
    parser.add_argument("--bewaar", type=Path, default=None, help="map voor de invoer van elke fout")
    arguments = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    started = time.perf_counter()
    outcome = run(arguments.aantal, arguments.zaad, arguments.bewaar, report_every=500)
    elapsed = time.perf_counter() - started
    print(f"{arguments.aantal} mutaties (zaad {arguments.zaad}) in {elapsed:.0f} s: {outcome.ok} in orde, "
          f"{outcome.content_errors} met Nederlandse meldingen met positie, {len(outcome.failures)} fout.")
    for failure in outcome.failures[:50]:
        print(failure)
    return 1 if outcome.failures else 0


if __name__ == "__main__":
    sys.exit(main())
