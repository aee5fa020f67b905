"""Incremental builds: only documents whose inputs changed are made again."""

from __future__ import annotations

import json
import shutil

from conftest import TOETREDING
from generator.build import build
from generator.paths import PACKAGE_TEMPLATES


def test_changing_one_text_rebuilds_only_that_document(project, tmp_path):
    first = build(project, tmp_path, formats=("docx",), documents=["intentieverklaring", "raadsvoorstel"], rondes=[TOETREDING])
    assert first.rendered == len(first.documents) == 8
    before = {p.name: p.read_bytes() for p in first.folder.glob("*.docx")}
    intent = project / "intentieverklaring.yaml"
    intent.write_text(intent.read_text(encoding="utf-8").replace("regelmatig overleggen", "maandelijks overleggen"),
                      encoding="utf-8")
    second = build(project, tmp_path, formats=("docx",), documents=["intentieverklaring", "raadsvoorstel"], rondes=[TOETREDING])
    assert second.rendered == 1
    assert [p.name for p in second.report.written] == ["intentieverklaring.docx"]
    after = {p.name: p.read_bytes() for p in second.folder.glob("*.docx")}
    changed = sorted(name for name in before if before[name] != after[name])
    assert changed == ["intentieverklaring.docx"]
    manifest = json.loads((second.folder / "manifest.json").read_text(encoding="utf-8"))
    assert all(len(entry["invoer"]) == 64 for entry in manifest["bestanden"].values())


def test_shared_text_change_rebuilds_every_proposal_but_not_the_declaration(project, tmp_path):
    build(project, tmp_path, formats=("docx",), documents=["raadsvoorstel", "intentieverklaring"], rondes=[TOETREDING])
    voorstel = project / "raadsvoorstel.yaml"
    voorstel.write_text(voorstel.read_text(encoding="utf-8").replace("De raad houdt invloed", "De raad behoudt invloed"),
                        encoding="utf-8")
    result = build(project, tmp_path, formats=("docx",), documents=["raadsvoorstel", "intentieverklaring"], rondes=[TOETREDING])
    assert result.rendered == 7
    assert "intentieverklaring.docx" not in {p.name for p in result.report.written}


def test_house_style_change_rebuilds_only_that_gemeente(project, tmp_path):
    own = project / "sjablonen" / "huisstijl" / "dordrecht"
    shutil.copytree(PACKAGE_TEMPLATES / "huisstijl" / "dordrecht", own)
    build(project, tmp_path, formats=("docx",), documents=["raadsvoorstel"], rondes=[TOETREDING])
    (own / "stijl.css").write_text((own / "stijl.css").read_text(encoding="utf-8") + "\nh2 { color: #000; }\n",
                                   encoding="utf-8")
    result = build(project, tmp_path, formats=("docx",), documents=["raadsvoorstel"], rondes=[TOETREDING])
    assert result.rendered == 1, "only Dordrecht's inputs changed"
    assert result.report.written == [], "its Word file does not depend on the PDF stylesheet: same bytes, not rewritten"


def test_a_missing_or_edited_output_is_made_again_or_protected(project, tmp_path):
    first = build(project, tmp_path, formats=("docx",), documents=["raadsvoorstel"], rondes=[TOETREDING]).folder
    (first / "raadsvoorstel-toestemming-toetreding-sliedrecht.docx").unlink()
    again = build(project, tmp_path, formats=("docx",), documents=["raadsvoorstel"], rondes=[TOETREDING])
    assert [p.name for p in again.report.written] == ["raadsvoorstel-toestemming-toetreding-sliedrecht.docx"]


HEAVY = ("pydantic", "jinja2", "yaml", "docx", "weasyprint", "lxml", "matplotlib", "generator.build", "generator.model")


def _cli_in_subprocess(root, *args):
    """Run ``samenwerking build`` in a fresh interpreter; returns its output and the heavy modules it imported."""
    import subprocess
    import sys

    code = ("import sys\nfrom generator.cli import main\n"
            "try:\n    main(sys.argv[1:], standalone_mode=False)\n"
            f"finally:\n    print('MODULES', sorted(m for m in {HEAVY!r} if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code, "build", *args], cwd=root, capture_output=True, text=True,
                            env={**__import__("os").environ, "SAMENWERKING_PROCESSEN": "1"}, check=True)
    modules = result.stdout.rsplit("MODULES ", 1)[1].strip()
    return result.stdout, eval(modules)  # noqa: S307 - our own print of a list of names


def test_a_build_with_nothing_changed_answers_from_the_manifest_without_heavy_imports(project, tmp_path, root):
    first = build(project, tmp_path, formats=("docx",), documents=["intentieverklaring"])
    manifest = json.loads((first.folder / "manifest.json").read_text(encoding="utf-8"))
    [entry] = manifest["snel"]["keuzes"]
    assert entry["documenten"] == ["intentieverklaring"] and entry["bestanden"] == ["intentieverklaring.docx"]
    assert all(len(entry[key]) == 64 for key in ("invoer", "git", "omgeving"))
    assert manifest["snel"]["omgeving"]["weasyprint"] != "ontbreekt"
    assert {"python-docx", "libharfbuzz-subset", "libpango-1.0", "systeemlettertypen"} <= set(manifest["snel"]["omgeving"])

    args = [str(project), "--out", str(tmp_path), "--formaat", "docx", "--document", "intentieverklaring"]
    output, modules = _cli_in_subprocess(root, *args)
    assert "ongewijzigd" in output and "waarvan 0 opnieuw gemaakt" in output and "niets veranderd" in output
    assert modules == [], f"the fast path imported {modules}"

    # the same call after an edit takes the normal way (and so does import the model)
    intent = project / "intentieverklaring.yaml"
    intent.write_text(intent.read_text(encoding="utf-8").replace("regelmatig overleggen", "maandelijks overleggen"),
                      encoding="utf-8")
    output, modules = _cli_in_subprocess(root, *args)
    assert "waarvan 1 opnieuw gemaakt" in output and "pydantic" in modules
    again = build(project, tmp_path, formats=("docx",), documents=["intentieverklaring"])
    assert again.templated == 0 and again.rendered == 0 and again.report.unchanged == [again.folder / "intentieverklaring.docx"]


def test_another_selection_or_a_deleted_output_is_not_answered_from_the_manifest(project, tmp_path):
    from generator import snel

    folder = build(project, tmp_path, formats=("docx",), documents=["intentieverklaring"]).folder
    assert snel.unchanged(project, tmp_path, ("docx",), None, ["intentieverklaring"]) is not None
    assert snel.unchanged(project, tmp_path, ("docx", "pdf"), None, ["intentieverklaring"]) is None
    assert snel.unchanged(project, tmp_path, ("docx",), "Dordrecht", ["intentieverklaring"]) is None
    (folder / "intentieverklaring.docx").write_bytes(b"met de hand")
    assert snel.unchanged(project, tmp_path, ("docx",), None, ["intentieverklaring"]) is None
    (folder / "intentieverklaring.docx").unlink()
    assert snel.unchanged(project, tmp_path, ("docx",), None, ["intentieverklaring"]) is None
    (project / "nieuw.yaml").write_text("# nog leeg\n", encoding="utf-8")
    result = build(project, tmp_path, formats=("docx",), documents=["intentieverklaring"])
    assert [p.name for p in result.report.written] == ["intentieverklaring.docx"]
    assert snel.unchanged(project, tmp_path, ("docx",), None, ["intentieverklaring"]) is not None
    (project / "nieuw.yaml").write_text("# een ander commentaar\n", encoding="utf-8")  # a changed input file
    assert snel.unchanged(project, tmp_path, ("docx",), None, ["intentieverklaring"]) is None


def test_a_changed_environment_changes_the_key_and_makes_the_files_again(project, tmp_path, monkeypatch):
    from generator import snel
    from generator.build import input_key, jobs, load_project, render

    first = build(project, tmp_path, formats=("docx",), documents=["intentieverklaring"])
    loaded = load_project(project)
    document = render(loaded, jobs(loaded, documents=["intentieverklaring"])[0])
    before = input_key(document, "pdf"), snel.environment_key()
    installed = snel.environment()
    without_subset = {**installed, "libharfbuzz-subset": "ontbreekt"}
    monkeypatch.setattr(snel, "environment", lambda: without_subset)
    assert snel.environment_key() != before[1]
    assert input_key(document, "pdf") != before[0]
    assert snel.unchanged(project, tmp_path, ("docx",), None, ["intentieverklaring"]) is None
    second = build(project, tmp_path, formats=("docx",), documents=["intentieverklaring"])
    assert second.rendered == 1, "a new environment makes the file again"
    assert second.report.written == [], "python-docx gave the same bytes, so the file is not rewritten"
    manifest = json.loads((first.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["snel"]["omgeving"]["libharfbuzz-subset"] == "ontbreekt"


def test_a_chart_is_drawn_once_for_the_same_data(tmp_path, monkeypatch):
    from generator import charts

    monkeypatch.setenv("SAMENWERKING_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(charts, "_DRAWN", {})

    def figure(values):
        made = charts.new_figure(8, 4)
        axes = made.add_subplot()
        axes.bar(["Dordrecht", "Papendrecht"], values)
        charts.euro_axis(axes.yaxis, max(values))
        return made

    first = charts.render(figure([120_000, 45_000]), alt="Bijdragen per gemeente")
    assert first.svg.startswith(b"<?xml") and first.png.startswith(b"\x89PNG")
    assert charts.drawing_key(figure([120_000, 45_000])) == charts.drawing_key(figure([120_000, 45_000]))
    assert charts.drawing_key(figure([120_000, 45_001])) != charts.drawing_key(figure([120_000, 45_000]))
    assert len(list((tmp_path / "cache").glob("*.svg"))) == 1

    monkeypatch.setattr(charts, "_DRAWN", {})  # as in a new process: from the cache folder, not drawn
    same = figure([120_000, 45_000])
    monkeypatch.setattr(type(same), "savefig", lambda *a, **k: (_ for _ in ()).throw(AssertionError("drawn again")))
    again = charts.render(same, alt="Bijdragen per gemeente")
    assert (again.svg, again.png) == (first.svg, first.png)
    monkeypatch.undo()
    monkeypatch.setenv("SAMENWERKING_CACHE", str(tmp_path / "cache"))
    other = charts.render(figure([99_000, 45_000]), alt="Bijdragen per gemeente")
    assert other.svg != first.svg and len(list((tmp_path / "cache").glob("*.svg"))) == 2


def test_a_selection_whose_files_another_run_changed_is_forgotten():
    """One run rewrites a file another selection also made (an integral amendment has the same
    names as the article-by-article one): that selection's record no longer describes its files."""
    from generator import snel

    state = {"invoer": "i", "git": "g", "omgeving": "o"}
    first = snel.record({}, "a", state, ["x"], ["x.docx", "x.pdf"])
    second = snel.record(first, "b", state, ["x"], ["x.docx"], changed=set())
    assert [entry["keuze"] for entry in second["keuzes"]] == ["b", "a"]
    third = snel.record(second, "c", state, ["x"], ["x.pdf"], details={"opdrachten": 2}, changed={"x.pdf"})
    assert [entry["keuze"] for entry in third["keuzes"]] == ["c", "b"] and third["keuzes"][0]["gegevens"] == {"opdrachten": 2}
    assert [entry["keuze"] for entry in snel.record(third, None, None, [], [], changed={"x.docx"})["keuzes"]] == ["c"]


def test_an_amendment_selection_needs_both_revisions_as_commits(tmp_path):
    from generator import snel

    assert snel.amendment(tmp_path, ("docx",), "v1", None, False, "behouden") is None  # no git here
