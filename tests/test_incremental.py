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
