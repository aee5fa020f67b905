"""The amendment between two git revisions (samenwerking wijziging), read back from real output.

A temporary git repository holds the Drechtsteden example (tag ``v-oud``) and, in later
commits, the same regulation with one article changed (uittreding), one inserted
(uittreedsom, after uittreding), one removed (duur) and one moved (evaluatie, from the last
chapter into the paragraph on the raden): once with its numbers frozen as adopted
(``v-vast``) and once numbered continuously (``v-doorlopend``). The expected clauses below
are written out by hand from the Aanwijzingen voor de regelgeving, not computed.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
import yaml

from conftest import CONTENT, pdf_text
from generator.build import build
from generator.errors import ContentError
from generator.wijziging.maak import wijziging
from wordxml import W
from wordxml import body_of as _body
from wordxml import paragraphs as _paragraphs
from wordxml import regulation_text as _regulation_text
from wordxml import resolve as _resolve

def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True)
    return result.stdout.strip()


def _articles(chapter: dict) -> list[dict]:
    return chapter.get("artikelen") or [a for p in chapter.get("paragrafen", []) for a in p["artikelen"]]


def _change_regulation(regeling: dict) -> None:
    """One article changed, one inserted, one removed, one moved."""
    chapters = {h["id"]: h for h in regeling["hoofdstukken"]}
    change = chapters["verandering"]["artikelen"]
    uittreding = next(a for a in change if a["id"] == "uittreding")
    uittreding["parameters"] = {"schadeperiode_jaren": 3, "indicatie_maanden": 6}
    change.insert(change.index(uittreding) + 1, {
        "id": "uittreedsom", "titel": "Uittreedsom", "onderwerpen": ["uittreding-gevolgen"],
        "leden": [
            {"id": "vaststelling", "tekst": "De Drechtraad stelt de uittreedsom vast binnen zes maanden na "
                                            "ontvangst van het besluit tot uittreding, bedoeld in [[uittreding.besluit]]."},
            {"id": "betaling", "tekst": "De uittredende deelnemer betaalt de uittreedsom in ten hoogste vijf gelijke "
                                        "jaarlijkse termijnen."},
        ],
    })
    slot = chapters["slot"]["artikelen"]
    evaluatie = next(a for a in slot if a["id"] == "evaluatie")
    slot.remove(evaluatie)
    slot.remove(next(a for a in slot if a["id"] == "duur"))
    raden = next(p for p in chapters["bestuur"]["paragrafen"] if p["id"] == "par-raden")["artikelen"]
    raden.insert([a["id"] for a in raden].index("participatie") + 1, evaluatie)


def _freeze(regeling: dict, adopted: dict[str, str]) -> None:
    """``nummering: vast`` with the adopted numbers; the moved and the new article get none."""
    regeling["nummering"] = "vast"
    for index, chapter in enumerate(regeling["hoofdstukken"], start=1):
        chapter["nummer"] = str(index)
        for p_index, paragraaf in enumerate(chapter.get("paragrafen", []), start=1):
            paragraaf["nummer"] = str(p_index)
        for artikel in _articles(chapter):
            if artikel["id"] in adopted and artikel["id"] != "evaluatie":
                artikel["nummer"] = adopted[artikel["id"]]


def amendment_repository(root: Path, before_commit=lambda tag: None) -> Path:
    """A git repository with the Drechtsteden example committed three times: as adopted (tag
    ``v-oud``), with the regulation changed and numbered through (``v-doorlopend``), and the same
    with the adopted numbers frozen (``v-vast``). ``before_commit(tag)`` runs before each commit.
    Returns the content folder."""
    folder = root / "content" / "drechtsteden"
    shutil.copytree(CONTENT / "drechtsteden", folder)
    _git(root, "init", "-q")
    _git(root, "config", "user.email", "test@example.org")
    _git(root, "config", "user.name", "Test")

    def commit(tag: str) -> None:
        before_commit(tag)
        _git(root, "add", "-A")
        _git(root, "commit", "-qm", tag)
        _git(root, "tag", tag)

    commit("v-oud")
    file = folder / "regeling.yaml"
    original = yaml.safe_load(file.read_text(encoding="utf-8"))
    adopted = {a["id"]: str(n) for n, a in enumerate(
        (a for h in original["regeling"]["hoofdstukken"] for a in _articles(h)), start=1)}
    data = copy.deepcopy(original)
    _change_regulation(data["regeling"])
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    commit("v-doorlopend")
    _freeze(data["regeling"], adopted)
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    commit("v-vast")
    return folder


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> dict:
    """The repository, and the ordinary regulation (DOCX) built at each revision."""
    root = tmp_path_factory.mktemp("repo")
    built = {}

    def build_regulation(tag: str) -> None:
        out = root.parent / f"gr-{root.name}-{tag}"
        built[tag] = build(root / "content" / "drechtsteden", out, ("docx",),
                           documents=["gemeenschappelijke-regeling"]).folder / "gemeenschappelijke-regeling.docx"

    folder = amendment_repository(root, build_regulation)
    return {"root": root, "folder": folder, "built": built}


@pytest.fixture(scope="module")
def vast(repo, tmp_path_factory):
    """The amendment from the adopted regulation to the frozen new one (DOCX and PDF)."""
    out = tmp_path_factory.mktemp("wijziging")
    result = wijziging(repo["folder"], "v-oud", "v-vast", out)
    return result


def _name(result, suffix: str) -> Path:
    return next(result.folder / n for n in result.namen if n.endswith(suffix))


def _amendment(result) -> Path:
    """The amendment's DOCX (not the redline)."""
    return next(result.folder / n for n in result.namen if n.endswith(".docx") and "redline" not in n)


def _lines(path: Path) -> list[str]:
    """The text of a document, without its table of contents (styles TOC Heading, TOC 1-3)."""
    return [p.text for p in docx.Document(str(path)).paragraphs
            if p.text.strip() and not p.style.name.startswith("TOC")]


def _between(lines: list[str], first: str, last: str) -> list[str]:
    return lines[lines.index(first):lines.index(last) + 1]


# -- the amendment, clause by clause ---------------------------------------------------------------


def test_files_named_after_both_revisions(vast, repo):
    old = _git(repo["root"], "rev-parse", "--short=7", "v-oud")
    new = _git(repo["root"], "rev-parse", "--short=7", "v-vast")
    assert sorted(vast.namen) == sorted([f"wijzigingsregeling-{old}-{new}.docx", f"wijzigingsregeling-{old}-{new}.pdf",
                                         f"wijzigingsregeling-{old}-{new}-redline.docx"])
    assert all((vast.folder / name).is_file() for name in vast.namen)


def test_articles_i_and_ii_clause_by_clause(vast):
    lines = _lines(_amendment(vast))
    body = _between(lines, "Artikel I", "Deze regeling treedt in werking met ingang van de dag na die waarop zij is "
                                        "bekendgemaakt.")
    assert body == [
        "Artikel I",
        "De Gemeenschappelijke regeling Drechtsteden wordt als volgt gewijzigd:",
        "A",
        # moved: an adopted number is never reused; the article gets a letter at its new place (Ar 6.16)
        "Artikel 24 wordt vernummerd tot artikel 11a en geplaatst in paragraaf 4 van hoofdstuk 2, na artikel 11.",
        "B",
        # changed: two small changes in two leden, numbered within the article (Ar 6.15, third lid)
        "Artikel 19 wordt als volgt gewijzigd:",
        "1.\tIn het derde lid wordt “drie maanden” vervangen door “zes maanden”.",
        "2.\tIn het vijfde lid wordt “vijf jaar” vervangen door “drie jaar”.",
        "C",
        # inserted: numbered after its predecessor, the new text quoted with its designation (Ar 6.9, 6.16)
        "Na artikel 19 wordt een artikel ingevoegd, luidende:",
        "Artikel 19a. Uittreedsom",
        "1.\tDe Drechtraad stelt de uittreedsom vast binnen zes maanden na ontvangst van het besluit tot uittreding, "
        "bedoeld in artikel 19, eerste lid.",
        "2.\tDe uittredende deelnemer betaalt de uittreedsom in ten hoogste vijf gelijke jaarlijkse termijnen.",
        "D",
        # removed: its number stays unused
        "Artikel 26 vervalt.",
        "Artikel II",
        "Deze regeling treedt in werking met ingang van de dag na die waarop zij is bekendgemaakt.",
    ]


def test_aanhef_and_toelichting(vast):
    document = docx.Document(str(_amendment(vast)))
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]
    assert styled[0] == ("Title", "Wijziging van de Gemeenschappelijke regeling Drechtsteden")
    lines = [t for _, t in styled]
    assert "gelet op artikel 1 van de Wet gemeenschappelijke regelingen en artikel 20 van de Gemeenschappelijke " \
           "regeling Drechtsteden;" in lines  # artikel 20: the regulation's own article on amendment
    assert lines[lines.index("besluiten:") + 1] == \
        "de volgende regeling tot wijziging van de Gemeenschappelijke regeling Drechtsteden te treffen:"
    assert [t for s, t in styled if s == "Heading 3"] == ["Artikel I", "Artikel II", "Artikel I", "Artikel II"]
    toelichting = lines[lines.index("Toelichting"):]
    assert toelichting[:7] == [
        "Toelichting", "Algemeen", "Deze regeling wijzigt de Gemeenschappelijke regeling Drechtsteden op de volgende punten:",
        "Artikel 24 (Evaluatie) wordt verplaatst en wordt artikel 11a.",
        "Artikel 19 (Uittreding) wordt gewijzigd.", "Artikel 19a (Uittreedsom) is nieuw.", "Artikel 26 (Duur) vervalt.",
    ]
    assert "Onderdeel C" in toelichting and "Onderdeel D" in toelichting
    assert toelichting[-1].startswith("Artikel II bepaalt wanneer de wijziging in werking treedt. De gemeente "
                                      "Dordrecht maakt de wijziging bekend, zoals artikel 27 van de regeling bepaalt.")
    # No decision for the amendment in the content: the slotformulier leaves the dates open.
    table = document.tables[0]
    assert "in zijn openbare vergadering van ____________________." in table.cell(0, 0).text


def test_pdf_says_the_same(vast):
    path = next(vast.folder / n for n in vast.namen if n.endswith(".pdf"))
    flat = " ".join(pdf_text(path).split())
    assert "Artikel 24 wordt vernummerd tot artikel 11a en geplaatst in paragraaf 4 van hoofdstuk 2, na artikel 11." in flat
    assert "In het vijfde lid wordt “vijf jaar” vervangen door “drie jaar”." in flat
    assert "Na artikel 19 wordt een artikel ingevoegd, luidende: Artikel 19a. Uittreedsom" in flat
    assert "Artikel 26 vervalt." in flat


def test_quoted_numbers_match_the_regulation_built_at_the_new_revision(vast, repo):
    """What the amendment inserts is what the regulation, built from the new revision, says."""
    regulation = _lines(repo["built"]["v-vast"])
    start = regulation.index("Artikel 19a. Uittreedsom")
    amendment = _lines(_amendment(vast))
    quoted = amendment.index("Artikel 19a. Uittreedsom")
    assert amendment[quoted:quoted + 3] == regulation[start:start + 3]
    assert "Artikel 11a. Evaluatie" in regulation and "Artikel 26. Duur" not in regulation


def test_manifest_records_the_revisions(vast, repo):
    manifest = json.loads((vast.folder / "manifest.json").read_text(encoding="utf-8"))
    for name in vast.namen:
        entry = manifest["bestanden"][name]
        assert entry["revisies"] == {"oud": _git(repo["root"], "rev-parse", "v-oud"),
                                     "nieuw": _git(repo["root"], "rev-parse", "v-vast")}
        assert entry["sha256"] and entry["vorm"] == "artikelsgewijs"
    props = docx.Document(str(_name(vast, "-redline.docx"))).core_properties
    old, new = _git(repo["root"], "rev-parse", "v-oud")[:12], _git(repo["root"], "rev-parse", "v-vast")[:12]
    assert props.identifier == f"bronrevisie {old}..{new}"


def test_same_revisions_give_the_same_bytes(vast, repo, tmp_path):
    again = wijziging(repo["folder"], "v-oud", "v-vast", vast.folder.parent)
    assert again.report.written == [] and len(again.report.unchanged) == 3


def test_second_run_with_nothing_changed_loads_renders_and_writes_nothing(vast, repo, monkeypatch):
    """The same revisions, options and formats again: the files are as the manifest says, so the
    command neither reads the content nor renders, and the manifest and every file stay untouched."""
    manifest = (vast.folder / "manifest.json").read_bytes()
    stamps = {name: (vast.folder / name).stat().st_mtime_ns for name in vast.namen}

    def refuse(*args, **kwargs):
        raise AssertionError("nothing should be loaded or rendered")

    import generator.build
    import generator.wijziging.bron

    monkeypatch.setattr(generator.wijziging.bron, "read", refuse)
    monkeypatch.setattr(generator.build, "render", refuse)
    again = wijziging(repo["folder"], "v-oud", "v-vast", vast.folder.parent)
    assert again.report.written == [] and sorted(again.namen) == sorted(vast.namen)
    assert again.opdrachten == vast.opdrachten == 4 and again.opmerkingen == vast.opmerkingen
    assert (vast.folder / "manifest.json").read_bytes() == manifest
    assert {name: (vast.folder / name).stat().st_mtime_ns for name in vast.namen} == stamps
    entries = json.loads(manifest)["bestanden"]
    for name in vast.namen:  # the same input keys as every other document
        assert len(entries[name]["bron"]) == len(entries[name]["invoer"]) == 64
        assert entries[name]["declaratie"].endswith(".yaml") and entries[name]["document"].startswith("wijzigingsregeling")

    # the command line answers the same from the manifest (generator/snel.py), before any heavy import
    heavy = ("pydantic", "jinja2", "yaml", "docx", "weasyprint", "lxml", "generator.build", "generator.wijziging.maak")
    code = ("import sys\nfrom generator.cli import main\ntry:\n    main(sys.argv[1:], standalone_mode=False)\n"
            f"finally:\n    print('MODULES', sorted(m for m in {heavy!r} if m in sys.modules))\n")
    run = subprocess.run([sys.executable, "-c", code, "wijziging", "v-oud", "v-vast", str(repo["folder"]),
                          "--out", str(vast.folder.parent)], cwd=Path(__file__).resolve().parents[1],
                         capture_output=True, text=True, check=True)
    assert "(niets veranderd)" in run.stdout and "4 wijziging(en)" in run.stdout and "geschreven" not in run.stdout
    assert run.stdout.count("ongewijzigd") == len(vast.namen)
    assert run.stdout.rsplit("MODULES ", 1)[1].strip() == "[]"
    assert (vast.folder / "manifest.json").read_bytes() == manifest


def test_the_amendment_documents_are_declared_and_only_made_from_two_revisions():
    """build, check and preview list the documents made from one revision; wijziging those made from two."""
    from generator.build import jobs, load_project

    project = load_project(CONTENT / "drechtsteden")
    assert not any(job.name.startswith("wijzigingsregeling") for job in jobs(project))
    amendment = jobs(project, revisies="abc1234-def5678")
    assert [job.name for job in amendment] == ["wijzigingsregeling-abc1234-def5678",
                                               "wijzigingsregeling-abc1234-def5678-redline"]
    assert [job.formats(("pdf",)) for job in amendment] == [("pdf",), ("docx",)]  # a redline is Word only
    # no raadsvoorstel: a plain build derives no amendment, so there is no wijzigingsbijlage
    assert project.afgeleid.wijzigingsbijlage is None


def test_a_file_since_made_by_another_run_is_made_again(repo, tmp_path):
    """The integral form has the same file names: after it, the article-by-article amendment and its
    redline (numbers kept, not numbered afresh) are made again."""
    first = wijziging(repo["folder"], "v-oud", "v-vast", tmp_path, ("docx",))
    wijziging(repo["folder"], "v-oud", "v-vast", tmp_path, ("docx",), integraal=True)
    assert "Artikel I" not in _lines(_amendment(first))
    again = wijziging(repo["folder"], "v-oud", "v-vast", tmp_path, ("docx",))
    assert sorted(path.name for path in again.report.written) == sorted(first.namen)
    assert "Artikel I" in _lines(_amendment(first))


def test_hand_edit_of_the_amendment_is_protected(repo, tmp_path):
    out = tmp_path / "uit"
    first = wijziging(repo["folder"], "v-oud", "v-vast", out, ("docx",))
    target = next(first.folder / n for n in first.namen if n.endswith(".docx") and "redline" not in n)
    target.write_bytes(target.read_bytes() + b"hand")
    with pytest.raises(Exception, match="met de hand gewijzigd"):
        wijziging(repo["folder"], "v-oud", "v-vast", out, ("docx",))
    wijziging(repo["folder"], "v-oud", "v-vast", out, ("docx",), overwrite=True)
    assert target.with_name(target.stem + ".reservekopie-1.docx").is_file()


# -- renumbering and the integral form ----------------------------------------------------------------


@pytest.fixture(scope="module")
def renumbered(repo, tmp_path_factory):
    out = tmp_path_factory.mktemp("vernummerd")
    result = wijziging(repo["folder"], "v-oud", "v-doorlopend", out, ("docx",), nummering="vernummeren")
    return _lines(_amendment(result))


def test_renumbering_is_stated_and_references_follow(renumbered):
    """Instructions are carried out in order; each names the numbers of that moment (Ar 6.18)."""
    body = _between(renumbered, "Artikel I", "Artikel II")
    assert body[2:] == [
        "A",
        # zienswijzen refers to the begroting article, which becomes article 14
        "In artikel 10, tweede lid, wordt “artikel 13” vervangen door “artikel 14”.",
        "B",
        "Artikel 24 wordt, onder vernummering van de artikelen 12 tot en met 23 tot 13 tot en met 24, vernummerd tot "
        "artikel 12 en geplaatst in paragraaf 4 van hoofdstuk 2, na artikel 11.",
        "C",
        "Artikel 20 wordt als volgt gewijzigd:",
        "1.\tIn het derde lid wordt “drie maanden” vervangen door “zes maanden”.",
        "2.\tIn het vijfde lid wordt “vijf jaar” vervangen door “drie jaar”.",
        "D",
        "Onder vernummering van de artikelen 21 tot en met 29 tot 22 tot en met 30 wordt na artikel 20 een artikel "
        "ingevoegd, luidende:",
        "Artikel 21. Uittreedsom",
        "1.\tDe Drechtraad stelt de uittreedsom vast binnen zes maanden na ontvangst van het besluit tot uittreding, "
        "bedoeld in artikel 20, eerste lid.",
        "2.\tDe uittredende deelnemer betaalt de uittreedsom in ten hoogste vijf gelijke jaarlijkse termijnen.",
        "E",
        # the overgangsbepaling refers to the bijdragen article, which becomes article 16
        "In artikel 26, eerste lid, wordt “artikel 15” vervangen door “artikel 16”.",
        "F",
        "Artikel 27 vervalt, onder vernummering van de artikelen 28 tot en met 30 tot 27 tot en met 29.",
        "Artikel II",
    ]
    assert "Artikel 27 (Duur; nu artikel 26) vervalt." in renumbered


def test_vernummeren_matches_the_regulation_built_from_that_revision(renumbered, repo):
    regulation = _lines(repo["built"]["v-doorlopend"])
    assert "Artikel 21. Uittreedsom" in regulation and "Artikel 12. Evaluatie" in regulation
    article_10 = regulation[regulation.index("Artikel 10. Zienswijzen van de raden"):
                            regulation.index("Artikel 11. Betrokkenheid van inwoners en belanghebbenden")]
    assert any(line.startswith("2.\t") and "artikel 14" in line for line in article_10)


def test_integral_form_numbers_afresh(repo, tmp_path):
    result = wijziging(repo["folder"], "v-oud", "v-vast", tmp_path, ("docx",), integraal=True)
    lines = _lines(_amendment(result))
    assert lines[lines.index("besluiten:") + 1] == \
        "de Gemeenschappelijke regeling Drechtsteden te wijzigen, zodat deze komt te luiden als volgt:"
    # the whole text, numbered 1, 2, 3, ... without letters, even though v-vast freezes its numbers
    numbers = [m[1] for line in lines if (m := re.fullmatch(r"Artikel (\w+)\. .+", line))]
    body = numbers[:numbers.index("29") + 1]
    assert body == [str(n) for n in range(1, 30)]
    assert "Artikel 12. Evaluatie" in lines and "Artikel 21. Uittreedsom" in lines
    assert "Artikel I" not in lines
    overview = lines[lines.index("Toelichting bij de wijziging"):]
    assert "Artikel 21 (Uittreedsom) is nieuw." in overview
    # the old number of what goes is said to be one of the text in force, not of the new numbering
    assert "Artikel 26 (Duur) van de geldende tekst vervalt." in overview
    assert "Artikel 24 (Evaluatie) van de geldende tekst wordt verplaatst en wordt artikel 12." in overview
    assert "Artikel 20 (Uittreding; was artikel 19) wordt gewijzigd." in overview
    assert lines[lines.index("overwegende dat:") + 1] == "het wenselijk is de Gemeenschappelijke regeling Drechtsteden " \
                                                          "te wijzigen;"


# -- the redline ------------------------------------------------------------------------------------


def test_redline_has_tracked_changes_with_the_right_text(vast):
    body = _body(_name(vast, "-redline.docx"))
    inserted = ["".join(e.itertext()) for e in body.iter(f"{{{W}}}ins") if len(e)]
    deleted = ["".join(t.text for t in e.iter(f"{{{W}}}delText")) for e in body.iter(f"{{{W}}}del") if len(e)]
    assert "zes" in inserted and "drie" in deleted  # derde lid: drie → zes maanden
    assert "drie" in inserted and "vijf" in deleted  # vijfde lid: vijf → drie jaar
    assert "Artikel 19a. Uittreedsom" in inserted and "Artikel 11a. Evaluatie" in inserted
    assert "Artikel 26. Duur" in deleted and "Artikel 24. Evaluatie" in deleted
    changes = [e for e in body.iter(f"{{{W}}}ins", f"{{{W}}}del")]
    assert {e.get(f"{{{W}}}author") for e in changes} == {"samenwerking"}
    assert {e.get(f"{{{W}}}date") for e in changes} == {"2017-04-18T00:00:00Z"}  # the content's date
    ids = [int(e.get(f"{{{W}}}id")) for e in changes]
    assert len(ids) == len(set(ids))
    docx.Document(str(_name(vast, "-redline.docx")))  # python-docx reads it


def test_redline_author_and_date_from_the_content(repo, tmp_path):
    """wijziging.redline sets the author and date of every w:ins and w:del; the document keeps its own date."""
    extra = repo["folder"] / "wijziging.yaml"
    extra.write_text("wijziging:\n  datum: 2019-03-12\n  redline:\n    auteur: Afdeling Juridische Zaken\n"
                     "    datum: 2019-02-01\n", encoding="utf-8")
    try:
        result = wijziging(repo["folder"], "v-oud", None, tmp_path, ("docx",))
    finally:
        extra.unlink()
    path = _name(result, "-redline.docx")
    changes = list(_body(path).iter(f"{{{W}}}ins", f"{{{W}}}del"))
    assert changes and {e.get(f"{{{W}}}author") for e in changes} == {"Afdeling Juridische Zaken"}
    assert {e.get(f"{{{W}}}date") for e in changes} == {"2019-02-01T00:00:00Z"}
    assert docx.Document(str(path)).core_properties.created.date().isoformat() == "2019-03-12"


def _with_wijziging(repo, tmp_path, text: str):
    """The amendment v-oud → working tree (v-vast) with a wijziging.yaml of ``text`` (DOCX only)."""
    extra = repo["folder"] / "wijziging.yaml"
    extra.write_text(text, encoding="utf-8")
    try:
        return wijziging(repo["folder"], "v-oud", None, tmp_path, ("docx",))
    finally:
        extra.unlink()


def test_own_aanhef_considerans_and_besluittekst(repo, tmp_path):
    result = _with_wijziging(repo, tmp_path, """wijziging:
  aanhef: Het algemeen bestuur van de Gemeenschappelijke regeling Drechtsteden;
  considerans:
    - Gelet op het besluit van de raad van Dordrecht van 12 maart 2019;
    - Constaterende dat de evaluatie een langere termijn voor de indicatie vraagt;
    - gelet op artikel 1 en artikel 9, eerste lid, van de Wet gemeenschappelijke regelingen;
  besluittekst: "de volgende regeling te treffen:"
""")
    lines = _lines(_amendment(result))
    start = lines.index("Het algemeen bestuur van de Gemeenschappelijke regeling Drechtsteden;")
    assert lines[start:start + 6] == [
        "Het algemeen bestuur van de Gemeenschappelijke regeling Drechtsteden;",
        "Gelet op het besluit van de raad van Dordrecht van 12 maart 2019;",
        "Constaterende dat de evaluatie een langere termijn voor de indicatie vraagt;",
        "gelet op artikel 1 en artikel 9, eerste lid, van de Wet gemeenschappelijke regelingen;",
        "besluiten:", "de volgende regeling te treffen:"]
    assert not any(line.startswith("overwegende dat") for line in lines[:start + 6])


def test_extra_grounds_after_the_derived_ones(repo, tmp_path):
    result = _with_wijziging(repo, tmp_path, "wijziging:\n  gelet_op:\n    - artikel 9, eerste lid, van de Wet "
                             "gemeenschappelijke regelingen\n")
    grounds = [line for line in _lines(_amendment(result)) if line.startswith("gelet op")]
    assert grounds == ["gelet op artikel 1 van de Wet gemeenschappelijke regelingen, artikel 20 van de "
                       "Gemeenschappelijke regeling Drechtsteden en artikel 9, eerste lid, van de Wet "
                       "gemeenschappelijke regelingen;"]


def test_own_considerans_in_the_integral_form_and_not_with_gelet_op(repo, tmp_path):
    extra = repo["folder"] / "wijziging.yaml"
    extra.write_text("wijziging:\n  considerans:\n    - Constaterende dat de evaluatie daarom vraagt;\n"
                     "  besluittekst: \"de regeling opnieuw vast te stellen:\"\n", encoding="utf-8")
    try:
        result = wijziging(repo["folder"], "v-oud", None, tmp_path / "a", ("docx",), integraal=True)
        extra.write_text("wijziging:\n  considerans: [Constaterende dat het moet]\n  gelet_op: [artikel 9 van de wet]\n",
                         encoding="utf-8")
        with pytest.raises(ContentError, match=r"wijziging\.yaml:3:\d+: .*een eigen considerans vervangt ook"):
            wijziging(repo["folder"], "v-oud", None, tmp_path / "b", ("docx",))
    finally:
        extra.unlink()
    lines = _lines(_amendment(result))
    at = lines.index("Constaterende dat de evaluatie daarom vraagt;")
    assert lines[at + 1:at + 3] == ["besluiten:", "de regeling opnieuw vast te stellen:"]


def test_a_changed_aanhef_is_no_instruction_but_a_note(repo, tmp_path):
    """Ar 6.7: the aanhef (with the considerans) of a regulation is not amended; the command says so."""
    file = repo["folder"] / "regeling.yaml"
    before = file.read_text(encoding="utf-8")
    data = yaml.safe_load(before)
    data["regeling"]["aanhef"] = "De raden van de gemeenten in de Drechtsteden, ieder voor zover bevoegd;"
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    try:
        result = wijziging(repo["folder"], "v-oud", None, tmp_path, ("docx",))
    finally:
        file.write_text(before, encoding="utf-8")
    assert [n for n in result.opmerkingen if "Ar 6.7" in n] == [
        "let op: de aanhef van de regeling verschilt tussen de revisies; een wijzigingsregeling wijzigt de aanhef "
        "niet (Ar 6.7), dus dat staat niet in de opdrachten. Zet het zo nodig in de eigen aanhef of considerans van "
        "de wijziging (`wijziging.aanhef`, `wijziging.considerans`) of stel de hele tekst opnieuw vast (--integraal)"]
    assert result.opdrachten == 4 and not any("aanhef" in line.lower() for line in _lines(_amendment(result)))


def test_redline_accepted_is_the_new_text_and_rejected_the_old(vast, repo):
    body = _body(_name(vast, "-redline.docx"))
    assert _paragraphs(_resolve(body, accept=True)) == _regulation_text(repo["built"]["v-vast"])
    assert _paragraphs(_resolve(body, accept=False)) == _regulation_text(repo["built"]["v-oud"])


def test_redline_with_renumbering_accepts_to_the_new_text(repo, tmp_path):
    result = wijziging(repo["folder"], "v-oud", "v-doorlopend", tmp_path, ("docx",), nummering="vernummeren")
    body = _body(next(result.folder / n for n in result.namen if "redline" in n))
    assert _paragraphs(_resolve(body, accept=True)) == _regulation_text(repo["built"]["v-doorlopend"])
    assert _paragraphs(_resolve(body, accept=False)) == _regulation_text(repo["built"]["v-oud"])


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is niet geïnstalleerd")
def test_redline_opens_in_libreoffice(vast, tmp_path):
    source = _name(vast, "-redline.docx")
    result = subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profiel", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    flat = " ".join(pdf_text(tmp_path / (source.stem + ".pdf")).split())
    # LibreOffice shows the changes: the deleted article is still there (struck through) next to the new one
    assert "Artikel 19a. Uittreedsom" in flat and "Artikel 26. Duur" in flat


# -- what goes wrong ------------------------------------------------------------------------------------


def test_unknown_revision_is_a_content_error(repo, tmp_path):
    with pytest.raises(ContentError, match='onbekende revisie "v-bestaat-niet"'):
        wijziging(repo["folder"], "v-bestaat-niet", "v-vast", tmp_path)


def test_same_text_is_nothing_to_amend(repo, tmp_path):
    with pytest.raises(ContentError, match="gelijk; er is niets te wijzigen"):
        wijziging(repo["folder"], "v-oud", "v-oud", tmp_path)
    assert not (tmp_path / "drechtsteden").exists()


def test_outside_git(tmp_path):
    folder = tmp_path / "content" / "drechtsteden"
    shutil.copytree(CONTENT / "drechtsteden", folder)
    with pytest.raises(ContentError, match="niet in een git-repository"):
        wijziging(folder, "HEAD", None, tmp_path / "uit")


def test_bad_content_in_the_new_revision_names_file_line_col(repo, tmp_path):
    folder = repo["folder"]
    extra = folder / "wijziging.yaml"
    extra.write_text("wijziging:\n  artikelsgewijs:\n    uittreeding: Waarom.\n  besluit: toestemming-toetreding\n",
                     encoding="utf-8")
    try:
        with pytest.raises(ContentError) as caught:
            wijziging(folder, "v-oud", None, tmp_path)
    finally:
        extra.unlink()
    report = caught.value.report()
    assert re.search(r"wijziging\.yaml:4:12: wijziging\.besluit: besluit \"toestemming-toetreding\" is van de soort "
                     r"toetreding; een wijziging hoort bij een besluit van de soort toestemming-wijziging",
                     report), report
    assert not (tmp_path / "drechtsteden").exists()


def test_explanation_for_an_unknown_article(repo, tmp_path):
    folder = repo["folder"]
    extra = folder / "wijziging.yaml"
    extra.write_text("wijziging:\n  artikelsgewijs:\n    uittreeding: Waarom.\n", encoding="utf-8")
    try:
        with pytest.raises(ContentError) as caught:
            wijziging(folder, "v-oud", None, tmp_path)
    finally:
        extra.unlink()
    assert re.search(r'wijziging\.yaml:3:5: wijziging\.artikelsgewijs\.uittreeding: "uittreeding" is geen artikel van de '
                     r'oude of de nieuwe regeling; bedoelde u "uittreding"\?', caught.value.report()), caught.value.report()


def test_cli_exit_codes_and_help(repo, tmp_path):
    command = [sys.executable, "-m", "generator"]
    folder = str(repo["folder"])
    help_text = subprocess.run([*command, "wijziging", "--help"], capture_output=True, text=True)
    assert help_text.returncode == 0 and "REV_OUD [REV_NIEUW] [INHOUD]" in help_text.stdout
    assert "--integraal" in help_text.stdout and "--nummering" in help_text.stdout
    wrong = subprocess.run([*command, "wijziging", "v-nergens", "v-vast", folder, "--out", str(tmp_path)],
                           capture_output=True, text=True, cwd=repo["root"])
    assert wrong.returncode == 2 and 'onbekende revisie "v-nergens"' in wrong.stderr


def test_old_revision_only_needs_a_valid_regulation(tmp_path):
    """Content of the old revision that today's model no longer accepts, outside the regulation,
    does not stand in the way: only the regulation (and what it is made from) is read."""
    root = tmp_path / "repo"
    folder = root / "content" / "drechtsteden"
    shutil.copytree(CONTENT / "drechtsteden", folder)
    probleem = folder / "probleem.yaml"
    probleem.write_text(probleem.read_text(encoding="utf-8") + "  oude_sleutel: een veld dat niet meer bestaat\n",
                        encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "config", "user.email", "test@example.org")
    _git(root, "config", "user.name", "Test")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "oud")
    probleem.write_text((CONTENT / "drechtsteden" / "probleem.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    regeling = folder / "regeling.yaml"
    regeling.write_text(regeling.read_text(encoding="utf-8").replace(
        "            provincie: Zuid-Holland\n", "            provincie: Zuid-Holland\n        - id: duur-weg\n"
        "          titel: Slot\n          onderwerpen: [overig]\n          tekst: Deze bepaling is nieuw.\n", 1),
        encoding="utf-8")
    result = wijziging(folder, "HEAD", None, tmp_path / "uit", ("docx",))
    lines = _lines(_amendment(result))
    assert "Na artikel 23 wordt een artikel ingevoegd, luidende:" in lines and "Artikel 23a. Slot" in lines
