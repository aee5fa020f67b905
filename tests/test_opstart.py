"""What a build of one document loads: only what that document needs (docs/snelheid.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_one_word_document_imports_only_what_it_needs(tmp_path):
    """The regulation as Word alone: no PDF writer, no charts library, no amendment machinery, and
    only the clause texts the regulation uses compiled, each once (generator/regeling/clausules.py)."""
    unwanted = ("weasyprint", "matplotlib", "pydyf", "generator.writers.pdf", "generator.wijziging.opdrachten",
                "generator.wijziging.redline", "generator.wijziging.woorden", "generator.importeer",
                "generator.preview", "generator.nieuw")
    code = ("import sys\nfrom generator.cli import main\nfrom generator.regeling import clausules\n"
            "try:\n    main(sys.argv[1:], standalone_mode=False)\n"
            f"finally:\n    print('MODULES', sorted(m for m in {unwanted!r} if m in sys.modules))\n"
            "    info = clausules._compiled.cache_info()\n"
            "    print('COMPILED', info.misses, info.currsize)\n")
    result = subprocess.run(
        [sys.executable, "-c", code, "build", str(ROOT / "content" / "drechtsteden"), "--out", str(tmp_path),
         "--document", "gemeenschappelijke-regeling", "--formaat", "docx"], capture_output=True, text=True,
        cwd=ROOT, env={**os.environ, "SAMENWERKING_PROCESSEN": "1", "SAMENWERKING_CACHE": ""})
    assert result.returncode == 0, result.stderr
    assert "gemeenschappelijke-regeling.docx" in result.stdout
    assert "MODULES []" in result.stdout, result.stdout
    misses, kept = map(int, result.stdout.rsplit("COMPILED ", 1)[1].split())
    assert 0 < misses == kept, (misses, kept)  # every clause text compiled once, none compiled again


def test_the_console_script_collects_young_objects_less_often():
    """`samenwerking` (cli.run) raises the young generation's threshold before any command runs; the
    older generations keep Python's own (docs/snelheid.md)."""
    code = ("import gc, json, sys\nbefore = gc.get_threshold()\nsys.argv = ['samenwerking', '--help']\n"
            "from generator import cli\ntry:\n    cli.run()\nexcept SystemExit:\n    pass\n"
            "print('DREMPEL' + json.dumps([before, gc.get_threshold(), cli.YOUNG_GENERATION]))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    before, after, wanted = json.loads(result.stdout.rsplit("DREMPEL", 1)[1])
    assert after == [wanted, *before[1:]] and after[0] > before[0]
