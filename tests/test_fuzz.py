"""Seeded mutation fuzzing of ``check`` (issue 13): a few hundred broken copies of both examples.

Each mutation must give "in orde" or Dutch problems that each carry file:line:col; a
traceback, an internal error, an English parser phrase or a problem without a position
fails the test (and names the mutation). The large run is ``scripts/fuzz.py``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

FUZZ = Path(__file__).resolve().parent.parent / "scripts" / "fuzz.py"
COUNT = 200
SEED = 2026


def _fuzz_module():
    if "samenwerking_fuzz" in sys.modules:
        return sys.modules["samenwerking_fuzz"]
    spec = importlib.util.spec_from_file_location("samenwerking_fuzz", FUZZ)
    module = importlib.util.module_from_spec(spec)
    sys.modules["samenwerking_fuzz"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_mutated_content_gets_dutch_positioned_answers(monkeypatch):
    monkeypatch.setenv("SAMENWERKING_PROCESSEN", "1")
    fuzz = _fuzz_module()
    outcome = fuzz.run(COUNT, SEED)
    assert not outcome.failures, "\n".join(outcome.failures[:10])
    assert outcome.ok + outcome.content_errors == COUNT
    assert outcome.content_errors > COUNT // 3 and outcome.ok > 10  # both kinds of answer were exercised
    assert set(outcome.examples) == set(fuzz.EXAMPLES) and min(outcome.examples.values()) > COUNT // 4


def test_the_fuzzer_notices_english_and_missing_positions():
    fuzz = _fuzz_module()
    assert fuzz.ENGLISH.search("YAML kan niet worden gelezen: found unexpected end of stream")
    assert fuzz.ENGLISH.search("Input should be a valid integer")
    assert not fuzz.ENGLISH.search("verwacht een sleutel op dit niveau; controleer de inspringing")
    assert fuzz.PLACED.match("content/x/a.yaml:3:5: verwacht hier een waarde")
    assert not fuzz.PLACED.match("content/x/a.yaml: verwacht hier een waarde")
