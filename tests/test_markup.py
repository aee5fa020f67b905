"""Free text is Markdown; raw HTML in content never passes through."""

from __future__ import annotations

import pytest

from generator.markup import UnresolvedReference, references, to_html, to_inline_html


def test_raw_html_is_escaped():
    html = str(to_html("Tekst <script>alert(1)</script>\n\n<div onclick='x'>blok</div>"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<div" not in html and "&lt;div" in html


def test_only_web_and_mail_links_survive():
    html = str(to_html("[a](javascript:alert(1)) [b](https://www.drechtsteden.nl) [c](file:///etc/passwd) "
                       "[d](mailto:griffie@dordrecht.nl)"))
    assert "javascript:" not in html and "file:" not in html
    assert '<a href="https://www.drechtsteden.nl">b</a>' in html
    assert '<a href="mailto:griffie@dordrecht.nl">d</a>' in html


def test_images_become_their_alt_text():
    html = str(to_html("![logo](https://example.org/x.png)"))
    assert "<img" not in html and "logo" in html


def test_emphasis_lists_and_inline():
    assert str(to_html("**vet** en *schuin*")) == "<p><strong>vet</strong> en <em>schuin</em></p>"
    assert "<ul>" in str(to_html("- een\n- twee"))
    assert str(to_inline_html("een *twee*")) == "een <em>twee</em>"


def test_references_resolve_or_fail():
    targets = {"doel": "artikel 1"}
    html = str(to_html("zie [[doel]] en [[doel|het doel]]", targets.get))
    assert '<span class="verwijzing">artikel 1</span>' in html
    assert '<span class="verwijzing">het doel</span>' in html
    with pytest.raises(UnresolvedReference):
        to_html("zie [[onbekend]]", targets.get)


def test_reference_positions():
    assert list(references("a\nzie [[doel]] en [[kosten]]")) == [("doel", 1, 4), ("kosten", 1, 16)]
