"""STOP XML of the regulation and of an amendment, validated against the STOP text schema and read
back against the DOCX of the same build: articles, their numbers, chapters, and where every
IntRef points. The schema is local (../shared/standaarden/stop/, beside the clone); without it
the tests that need it are skipped.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml
from lxml import etree

from conftest import CONTENT, ROOT
from generator.build import build, load_project
from generator.errors import BuildError
from generator.formatting import rangtelwoord
from generator.wijziging.maak import wijziging
from generator.writers import stop
from test_wijziging import amendment_repository
from wordxml import body_of, regulation_text
from wordxml import paragraphs as all_paragraphs

#: Beside the clone (as on CI); SAMENWERKING_STOP_XSD points elsewhere (a git worktree, for instance).
SCHEMA = Path(os.environ.get("SAMENWERKING_STOP_XSD")
              or ROOT.parent / "shared" / "standaarden" / "stop" / "imop-tekst-1.1.0.xsd")
NS = {"t": stop.NS}
needs_schema = pytest.mark.skipif(not SCHEMA.is_file(), reason=f"STOP-schema niet gevonden: {SCHEMA}")


@pytest.fixture(scope="module")
def schema():
    if not SCHEMA.is_file():
        pytest.skip(f"STOP-schema niet gevonden: {SCHEMA}")
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def _valid(schema, path: Path) -> etree._ElementTree:
    tree = etree.parse(str(path))
    assert schema.validate(tree), str(schema.error_log)
    assert stop.problems(tree.getroot()) == []
    return tree


@pytest.fixture(scope="module", params=["drechtsteden", "oost-groningen-ict"])
def regulation(request, tmp_path_factory):
    """The regulation of one example, built once as DOCX and STOP XML."""
    out = tmp_path_factory.mktemp(f"stop-{request.param}")
    folder = build(CONTENT / request.param, out, ("docx", "stop"), documents=["gemeenschappelijke-regeling"]).folder
    return folder / "gemeenschappelijke-regeling.xml", folder / "gemeenschappelijke-regeling.docx", request.param


def _kop(node) -> str:
    kop = node.find("t:Kop", NS)
    parts = [kop.findtext(f"t:{name}", namespaces=NS) for name in ("Label", "Nummer")]
    text = " ".join(p for p in parts if p)
    title = kop.findtext("t:Opschrift", namespaces=NS)
    return f"{text}. {title}" if title else text


@needs_schema
def test_regulation_is_valid_stop_and_matches_the_docx(schema, regulation):
    xml, docx_path, _ = regulation
    tree = _valid(schema, xml)
    root = tree.getroot()
    assert etree.QName(root).localname == "RegelingKlassiek"
    paragraphs = regulation_text(docx_path)
    docx_articles = [text for style, text in paragraphs if style == "Heading3" and text.startswith("Artikel ")]
    docx_chapters = [text for style, text in paragraphs if style == "Heading1" and text.startswith("Hoofdstuk ")]
    lichaam = root.find("t:Lichaam", NS)
    articles = lichaam.findall(".//t:Artikel", NS)
    assert len(articles) == len(docx_articles) > 10
    assert [_kop(a) for a in articles] == docx_articles
    assert [_kop(h) for h in lichaam.findall("t:Hoofdstuk", NS)] == docx_chapters
    # eId: the path of numbers (continuous numbering: art_1 .. art_N under chp_ and subsec_), wId: the id
    for index, article in enumerate(articles, start=1):
        number = article.find("t:Kop/t:Nummer", NS).text
        assert number == str(index)
        container = article.getparent()
        assert article.get("eId") == f"{container.get('eId')}__art_{number}"
        assert re.fullmatch(r"chp_[0-9]+(__subsec_[0-9]+)?", container.get("eId"))
        assert re.fullmatch(r"gr_1__art_[a-z][a-z0-9-]*", article.get("wId"))
        for lid in article.findall("t:Lid", NS):
            lid_number = lid.findtext("t:LidNummer", namespaces=NS)
            assert lid.get("eId") == f"{article.get('eId')}__para_{lid_number.rstrip('.')}"
            for li in lid.iterfind("t:Inhoud/t:Lijst/t:Li", NS):
                label = li.findtext("t:LiNummer", namespaces=NS)
                assert li.get("eId") == f"{lid.get('eId')}__list_o_1__li_{label.rstrip('.')}"
    docx_text = "\n".join(text for _, text in all_paragraphs(body_of(docx_path)))
    by_eid = {node.get("eId"): node for node in root.iter() if node.get("eId")}
    refs = list(root.iter(f"{{{stop.NS}}}IntRef"))
    assert len(refs) >= 5
    for ref in refs:
        target = by_eid[ref.get("ref")]  # every reference points at an element of this text
        article = target if etree.QName(target).localname == "Artikel" else next(
            a for a in target.iterancestors() if etree.QName(a).localname in {"Artikel", "Hoofdstuk"})
        number = article.find("t:Kop/t:Nummer", NS).text
        if re.search(r"\b(artikel|hoofdstuk)\b", ref.text, re.IGNORECASE):
            assert re.search(rf"\b{number}\b", ref.text), (ref.text, ref.get("ref"))
        else:  # "het eerste lid": inside the same article
            own = next(a for a in ref.iterancestors() if etree.QName(a).localname in {"Artikel", "Divisietekst"})
            # in an article, or in the toelichting on that article (headed with its number)
            assert own is article or own.findtext("t:Kop/t:Nummer", namespaces=NS) == number, (ref.text, ref.get("ref"))
        lid = re.search(r"__para_([0-9]+)", ref.get("ref"))
        if lid:
            assert f"{rangtelwoord(int(lid.group(1)))} lid" in ref.text.lower(), (ref.text, ref.get("ref"))
        sentence = " ".join(ref.getparent().xpath("string()").split())
        if ref.getparent().getparent().tag != f"{{{stop.NS}}}Divisietekst":
            assert sentence[:60] in docx_text or sentence.rstrip(";.")[:60] in docx_text, sentence


@needs_schema
def test_regulation_has_the_parts_around_the_articles(regulation):
    xml, docx_path, name = regulation
    root = etree.parse(str(xml)).getroot()
    docx_text = "\n".join(text for _, text in regulation_text(docx_path))
    assert root.findtext("t:RegelingOpschrift/t:Al", namespaces=NS) in docx_text
    afkondiging = [" ".join(al.xpath("string()").split()) for al in root.iterfind("t:Aanhef/t:Afkondiging/t:Al", NS)]
    assert afkondiging[-2] == "besluiten:" and any(text.startswith("gelet op artikel 1") for text in afkondiging)
    sluiting = root.find("t:Sluiting", NS)
    assert sluiting is not None and len(sluiting.findall("t:Ondertekening", NS)) >= 3
    assert root.find("t:Toelichting/t:AlgemeneToelichting", NS) is not None
    lists = root.findall(".//t:Lichaam//t:Lijst", NS)
    assert lists and all(l.get("type") == "expliciet" for l in lists)


def test_output_is_reproducible_and_wids_survive_an_insertion(tmp_path):
    project = load_project(CONTENT / "drechtsteden")
    first = stop.regeling_xml(project.afgeleid.regeling)
    assert first == stop.regeling_xml(load_project(CONTENT / "drechtsteden").afgeleid.regeling)
    # an article inserted at the very start renumbers every article: eIds follow, wIds stay
    folder = tmp_path / "drechtsteden"
    shutil.copytree(CONTENT / "drechtsteden", folder)
    data = yaml.safe_load((folder / "regeling.yaml").read_text(encoding="utf-8"))
    data["regeling"]["hoofdstukken"][0]["artikelen"].insert(0, {
        "id": "doel", "titel": "Doel", "onderwerpen": ["overig"], "tekst": "Deze regeling regelt de samenwerking."})
    (folder / "regeling.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    second = stop.regeling_xml(load_project(folder).afgeleid.regeling)

    def articles(xml: bytes) -> dict[str, str]:
        return {a.get("wId"): a.get("eId") for a in etree.fromstring(xml).iter(f"{{{stop.NS}}}Artikel")}

    before, after = articles(first), articles(second)
    assert after.pop("gr_1__art_doel") == "chp_1__art_1"
    assert set(before) == set(after)
    for wid, eid in before.items():
        number = int(re.search(r"__art_([0-9]+)$", eid).group(1))
        assert after[wid] == re.sub(r"__art_[0-9]+$", f"__art_{number + 1}", eid)


def test_rules_the_schema_does_not_check_are_checked():
    q = "{%s}" % stop.NS
    root = etree.Element(q + "Lichaam", nsmap={None: stop.NS})
    root.set("eId", "body")
    root.set("wId", "body")
    article = etree.SubElement(root, q + "Artikel", eId="art 1", wId="art_1")
    lijst = etree.SubElement(article, q + "Lijst", type="expliciet", eId="art_2__list_o_1", wId="gr_1__art_x__list_o_1")
    for label in ("a.", "c."):
        li = etree.SubElement(lijst, q + "Li", eId=f"art_2__list_o_1__item_{label[0]}", wId="gr_1__x__item_y")
        etree.SubElement(li, q + "LiNummer").text = label
    found = stop.problems(root)
    assert any("eId 'art 1'" in p for p in found)  # a space: not the STOP form
    assert any("wId 'art_1'" in p for p in found)  # no prefix
    assert any("begint niet met het eId van zijn ouder" in p for p in found)
    assert any("loopt niet door" in p for p in found)  # a., c.
    assert any("komt dubbel voor" in p for p in found)  # the same wId twice
    with pytest.raises(BuildError, match="STOP-uitvoer voldoet niet"):
        stop.serialize(root)


@pytest.fixture(scope="module")
def amendments(tmp_path_factory):
    """The amendment of tests/test_wijziging.py (one article changed, one inserted, one removed, one
    moved) from a temporary git repository, as STOP XML and DOCX, numbers frozen and continuous."""
    folder = amendment_repository(tmp_path_factory.mktemp("stop-repo"))
    made = {}
    out = tmp_path_factory.mktemp("stop-wijziging")
    made["vast"] = wijziging(folder, "v-oud", "v-vast", out / "vast", ("docx", "stop"))
    made["doorlopend"] = wijziging(folder, "v-oud", "v-doorlopend", out / "doorlopend", ("stop",),
                                   nummering="vernummeren")
    return made


def _file(result, suffix: str) -> Path:
    return result.folder / next(n for n in result.namen if n.endswith(suffix) and "redline" not in n)


@needs_schema
def test_amendment_is_a_valid_besluit_with_a_regelingmutatie(schema, amendments):
    result = amendments["vast"]
    root = _valid(schema, _file(result, ".xml")).getroot()
    assert etree.QName(root).localname == "BesluitCompact"
    assert root.find("t:Lichaam/t:WijzigArtikel/t:Wat", NS).text.endswith("zoals aangegeven in Bijlage A.")
    mutatie = root.find("t:WijzigBijlage/t:RegelingMutatie", NS)
    ops = [(etree.QName(op).localname, op.get("wat") or op.get("context"), op.get("positie")) for op in mutatie]
    assert ("Verwijder", "gr_1__art_duur", None) in ops
    assert ("Vervang", "gr_1__art_uittreding", None) in ops
    assert ("VoegToe", "gr_1__art_uittreding", "volgtOp") in ops  # uittreedsom, after uittreding
    assert ("VoegToe", "gr_1__art_participatie", "volgtOp") in ops  # evaluatie moves behind participatie
    assert ("Verwijder", "gr_1__art_evaluatie", None) in ops  # ... and leaves its old place
    # the changed words of uittreding, marked; the numbers kept (Ar 6.16): 19 stays, the new one is 19a
    vervang = next(op for op in mutatie if op.get("wat") == "gr_1__art_uittreding")
    removed = [" ".join(n.xpath("string()").split()) for n in vervang.iter(f"{{{stop.NS}}}VerwijderdeTekst")]
    added = [" ".join(n.xpath("string()").split()) for n in vervang.iter(f"{{{stop.NS}}}NieuweTekst")]
    assert ("vijf", "drie") in zip(removed, added) and ("drie", "zes") in zip(removed, added)
    inserted = next(op for op in mutatie if op.get("context") == "gr_1__art_uittreding")
    article = inserted.find("t:Artikel", NS)
    assert article.get("eId").endswith("__art_19a") and _kop(article) == "Artikel 19a. Uittreedsom"
    # against the DOCX of the same run: the article numbers the amendment names are those in the STOP
    docx_text = "\n".join(_docx_paragraphs(_file(result, ".docx")))
    context = mutatie.xpath("t:Vervang[@wat='gr_1__art_uittreding']/t:Artikel/t:Kop/t:Nummer", namespaces=NS)[0].text
    assert context == "19" and "Na artikel 19 wordt een artikel ingevoegd" in docx_text
    assert "Artikel 19a. Uittreedsom" in docx_text
    vervallen = next(op for op in mutatie if op.get("wat") == "gr_1__art_duur").find("t:Artikel", NS)
    number = vervallen.find("t:Kop/t:Nummer", NS).text
    assert re.search(rf"Artikel {number} vervalt", docx_text)
    # the reference in the new article points at the lid it names
    ref = article.find(".//t:IntRef", NS)
    assert ref.get("ref").endswith("__art_19__para_1") and ref.text == "artikel 19, eerste lid"


def _docx_paragraphs(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(str(path)).paragraphs]


@needs_schema
def test_amendment_with_renumbering_replaces_the_headings(schema, amendments):
    root = _valid(schema, _file(amendments["doorlopend"], ".xml")).getroot()
    mutatie = root.find("t:WijzigBijlage/t:RegelingMutatie", NS)
    koppen = [op for op in mutatie if etree.QName(op).localname == "VervangKop"]
    assert koppen, "renumbered articles get a new heading"
    for op in koppen:
        nummer = op.find("t:Kop/t:Nummer", NS)
        old = nummer.findtext("t:VerwijderdeTekst", namespaces=NS)
        new = nummer.findtext("t:NieuweTekst", namespaces=NS)
        assert old != new and abs(int(new) - int(old)) <= 2  # one moved in and one inserted before, at most
        assert op.get("eId-wordt").endswith(f"__art_{new}")


@needs_schema
def test_mutation_places_new_chapters_and_replaces_a_container_that_keeps_nothing(schema, tmp_path):
    """A chapter before the first, and a chapter whose articles all leave (to the chapter before)
    while a new one comes: there is nothing left to place against, so the chapter is replaced."""
    from types import SimpleNamespace

    old = load_project(CONTENT / "drechtsteden").afgeleid.regeling
    folder = tmp_path / "drechtsteden"
    shutil.copytree(CONTENT / "drechtsteden", folder)
    data = yaml.safe_load((folder / "regeling.yaml").read_text(encoding="utf-8"))
    chapters = {h["id"]: h for h in data["regeling"]["hoofdstukken"]}
    chapters["financien"]["artikelen"].extend(chapters["organisatie"]["artikelen"])
    chapters["organisatie"]["artikelen"] = [{"id": "ict", "titel": "Informatievoorziening", "onderwerpen": ["overig"],
                                             "tekst": "Het openbaar lichaam zorgt voor de informatievoorziening."}]
    data["regeling"]["hoofdstukken"].insert(0, {"id": "inleiding", "titel": "Inleiding", "artikelen": [
        {"id": "doel", "titel": "Doel", "onderwerpen": ["overig"], "tekst": "Deze regeling regelt de samenwerking."}]})
    (folder / "regeling.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    new = load_project(folder).afgeleid.regeling
    besluit = SimpleNamespace(
        oud_regeling=old, nieuw_regeling=new, opschrift=f"Wijziging van de {old.citeertitel}", aanhef=new.aanhef,
        overwegingen=["het wenselijk is de regeling te wijzigen;"], toestemming=None, gelet_op="gelet op artikel 1;",
        besluittekst="de volgende regeling te treffen:", vorm="artikelsgewijs", citeertitel=old.citeertitel,
        inwerkingtreding="Deze regeling treedt in werking op 1 januari 2027.", ondertekening=new.ondertekening,
        datum=__import__("datetime").date(2026, 11, 30), oud="v1", nieuw="v2", toelichting=None)
    xml = stop.besluit_xml(besluit)
    assert xml == stop.besluit_xml(besluit)
    tree = etree.ElementTree(etree.fromstring(xml))
    assert schema.validate(tree), str(schema.error_log)
    mutatie = tree.getroot().find("t:WijzigBijlage/t:RegelingMutatie", NS)
    ops = [(etree.QName(op).localname, op.get("wat") or op.get("context"), op.get("positie")) for op in mutatie]
    assert ("VoegToe", "gr_1__chp_algemeen", "komtVoor") in ops  # the new first chapter
    assert ("Verwijder", "gr_1__art_personeel", None) in ops and ("Verwijder", "gr_1__art_archief", None) in ops
    assert ("VoegToe", "gr_1__art_bijdragen", "volgtOp") in ops and ("VoegToe", "gr_1__art_personeel", "volgtOp") in ops
    replaced = next(op for op in mutatie if op.get("wat") == "gr_1__chp_organisatie")
    assert etree.QName(replaced).localname == "Vervang"
    assert [a.get("wId") for a in replaced.iter(f"{{{stop.NS}}}Artikel")] == ["gr_1__art_ict"]
    first = next(op for op in mutatie if op.get("context") == "gr_1__chp_algemeen").find("t:Hoofdstuk", NS)
    assert first.get("eId") == "chp_1" and first.find("t:Artikel", NS).get("eId") == "chp_1__art_1"
