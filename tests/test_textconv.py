"""`samenwerking tekst` as a git textconv driver: git diff shows text changes in DOCX and PDF."""

from __future__ import annotations

import shutil
import subprocess
import sys

from generator.build import build


def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def test_git_diff_shows_text_of_generated_files(project, tmp_path):
    repo = tmp_path / "repo"
    out = repo / "stukken"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "test@example.org")
    git(repo, "config", "user.name", "Test")
    (repo / ".gitattributes").write_text("*.docx diff=samenwerking\n*.pdf diff=samenwerking\n", encoding="utf-8")
    git(repo, "config", "diff.samenwerking.textconv", f"{sys.executable} -m generator tekst")
    build(project, tmp_path / "tmp-uit", formats=("docx", "pdf"), documents=["intentieverklaring"])
    for name in ("intentieverklaring.docx", "intentieverklaring.pdf"):
        out.mkdir(exist_ok=True)
        shutil.copy(tmp_path / "tmp-uit" / "drechtsteden" / name, out / name)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "eerste versie")

    intent = project / "intentieverklaring.yaml"
    intent.write_text(intent.read_text(encoding="utf-8").replace("regelmatig overleggen", "maandelijks overleggen"),
                      encoding="utf-8")
    build(project, tmp_path / "tmp-uit", formats=("docx", "pdf"), documents=["intentieverklaring"])
    for name in ("intentieverklaring.docx", "intentieverklaring.pdf"):
        shutil.copy(tmp_path / "tmp-uit" / "drechtsteden" / name, out / name)
    diff = git(repo, "diff", "--", "stukken/intentieverklaring.docx")
    removed = [line for line in diff.splitlines() if line.startswith("-") and not line.startswith("---")]
    added = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
    assert removed == ["-Partijen zullen over de uitvoering van deze verklaring regelmatig overleggen in het "
                       "Drechtstedenbestuur."]
    assert added == ["+Partijen zullen over de uitvoering van deze verklaring maandelijks overleggen in het "
                     "Drechtstedenbestuur."]
    pdf_diff = git(repo, "diff", "--", "stukken/intentieverklaring.pdf")
    assert "maandelijks" in pdf_diff and "Binary files" not in pdf_diff


def test_tekst_refuses_other_files(tmp_path):
    other = tmp_path / "notitie.txt"
    other.write_text("x", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator", "tekst", str(other)], capture_output=True, text=True)
    assert result.returncode == 2 and "alleen .docx en .pdf" in result.stderr
