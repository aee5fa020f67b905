"""HTML output: one self-contained, accessible file per deliverable."""

from __future__ import annotations

import re

import pytest
from lxml import html

from generator.build import build


@pytest.fixture(scope="module")
def pages(tmp_path_factory, root):
    out = tmp_path_factory.mktemp("html")
    folder = build(root / "content" / "drechtsteden", out, formats=("html",)).folder
    return {path.name: html.parse(str(path)).getroot() for path in sorted(folder.glob("*.html"))}


def test_one_file_per_deliverable(pages, root):
    from generator.build import jobs, load_project

    expected = {f"{job.name}.html" for job in jobs(load_project(root / "content" / "drechtsteden"))}
    assert set(pages) == expected
    assert "intentieverklaring.html" in pages and "raadsvoorstel-toestemming-toetreding-zwijndrecht.html" in pages


def test_accessible_structure(pages):
    for name, page in pages.items():
        assert page.get("lang") == "nl", name
        assert page.find(".//title").text.strip(), name
        assert page.find(".//main") is not None, name
        levels = [int(el.tag[1]) for el in page.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels[0] == 1, name
        for previous, current in zip(levels, levels[1:]):
            assert current <= previous + 1, f"{name}: kop h{current} na h{previous}"
        for image in page.iter("img"):
            assert image.get("alt", "").strip(), name
        for cell in page.iter("th"):
            assert cell.get("scope") in ("col", "row"), name


def test_self_contained(pages):
    for name, page in pages.items():
        assert not list(page.iter("link", "script")), name
        for element in page.iter():
            for attribute in ("src", "href"):
                value = element.get(attribute)
                if value is not None:
                    assert value.startswith(("data:", "https://", "http://", "mailto:", "#")), (name, value)
        css = page.find(".//style").text
        assert all(url.startswith("data:") for url in re.findall(r"url\(\s*['\"]?([^)'\"]+)", css)), name
        assert "@font-face" not in css and "@page" not in css


def test_content_matches_the_other_formats(pages):
    text = " ".join(pages["raadsvoorstel-toestemming-toetreding-dordrecht.html"].text_content().split())
    assert "De raad van de gemeente Dordrecht;" in text
    assert ("gelet op artikel 1, eerste, vierde en vijfde lid, van de Wet gemeenschappelijke regelingen en artikel 18 "
            "van de Gemeenschappelijke regeling Drechtsteden") in text
