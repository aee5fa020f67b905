"""Documentation that is generated from the code must match the code."""

from __future__ import annotations

from generator.schemadoc import render


def test_schema_doc_is_current(root):
    current = (root / "docs" / "schema.md").read_text(encoding="utf-8")
    assert current == render(), "run: python -m generator.schemadoc > docs/schema.md"


def test_readme_first_screen_gives_the_two_commands(root):
    first_screen = "\n".join((root / "README.md").read_text(encoding="utf-8").splitlines()[:30])
    assert "samenwerking build" in first_screen
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")
    test_command = next(line.strip() for line in ci.splitlines() if "pytest" in line and not line.startswith("#"))
    assert test_command in first_screen
