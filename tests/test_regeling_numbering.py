"""Numbering and the wording of references, as the Aanwijzingen voor de regelgeving prescribe."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from generator.regeling.numbering import Nummer, Plaats, letter, number_items, reference


def test_onderdelen_letters_continue_after_z_as_the_ar_does():
    assert [letter(i) for i in (1, 2, 26, 27, 28, 52, 53)] == ["a", "b", "z", "aa", "bb", "zz", "aaa"]


def test_continuous_numbers_across_chapters_and_typed_numbers_are_refused():
    result = number_items([("a", None), ("b", None), ("c", "7")], frozen=False)
    assert result.numbers == {"a": "1", "b": "2", "c": "3"}
    [(key, message)] = result.problems
    assert key == "c" and "afgeleid" in message and "nummering: vast" in message


def test_frozen_insertions_get_letters_and_deletions_leave_gaps():
    # Adopted as 1..5; then article 3 deleted, two inserted after 14-style number 4, one before 1.
    items = [("nieuw-voor", None), ("a", "1"), ("b", "2"), ("d", "4"), ("x", None), ("y", None), ("e", "5")]
    result = number_items(items, frozen=True)
    assert result.problems == []
    assert result.numbers == {"nieuw-voor": "a1", "a": "1", "b": "2", "d": "4", "x": "4a", "y": "4b", "e": "5"}


def test_insertion_between_lettered_numbers_goes_one_letter_deeper():
    result = number_items([("a", "14a"), ("tussen", None), ("b", "14b")], frozen=True)
    assert result.numbers["tussen"] == "14aa" and result.problems == []


def test_frozen_chapters_take_capitals():
    result = number_items([("h5", "5"), ("nieuw", None), ("h6", "6")], frozen=True, capitals=True, what="hoofdstuk")
    assert result.numbers["nieuw"] == "5A"


def test_frozen_numbers_must_ascend_and_be_unique():
    moved = number_items([("a", "1"), ("c", "3"), ("b", "2")], frozen=True)
    assert [key for key, _ in moved.problems] == ["b"]
    assert "artikel 2 staat na artikel 3" in moved.problems[0][1]
    twice = number_items([("a", "1"), ("b", "1")], frozen=True)
    assert twice.problems and "dubbel" in twice.problems[0][1]


@given(st.lists(st.booleans(), min_size=1, max_size=30), st.integers(min_value=1, max_value=40))
def test_frozen_numbering_always_ascends(inserted, start):
    """Whatever is inserted where, derived numbers are unique and in document order."""
    items, base = [], start
    for index, is_new in enumerate(inserted):
        if is_new:
            items.append((f"n{index}", None))
        else:
            items.append((f"f{index}", str(base)))
            base += 1
    result = number_items(items, frozen=True)
    assert result.problems == []
    keys = [Nummer.parse(result.numbers[key]).key for key, _ in items]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


ART_12 = Plaats("h3", "3", None, None, "uittreding", "12")


def _in(article: Plaats, **more) -> Plaats:
    from dataclasses import replace

    return replace(article, **more)


def test_reference_wording_from_elsewhere():
    assert reference(ART_12) == "artikel 12"
    assert reference(_in(ART_12, lid="gevolgen", lid_index=2)) == "artikel 12, tweede lid"
    onderdeel = _in(ART_12, lid="gevolgen", lid_index=2, onderdeel="personeel", onderdeel_index=3)
    assert reference(onderdeel) == "artikel 12, tweede lid, onderdeel c"
    art_8 = Plaats("h1", "1", None, None, "begrippen", "8", onderdeel="wet", onderdeel_index=3)
    assert reference(art_8) == "artikel 8, onderdeel c"
    sub = _in(art_8, onderdeel="wet", onderdeel_index=1, sub="twee", sub_index=2)
    assert reference(sub) == "artikel 8, onderdeel a, onder 2°"
    assert reference(Plaats("h3", "3")) == "hoofdstuk 3"
    assert reference(Plaats("h2", "2", "p1", "1")) == "paragraaf 1 van hoofdstuk 2"


def test_reference_wording_inside_the_same_article():
    here = _in(ART_12, lid="besluit", lid_index=1)
    assert reference(_in(ART_12, lid="gevolgen", lid_index=2), here) == "het tweede lid"
    target = _in(ART_12, lid="gevolgen", lid_index=2, onderdeel="personeel", onderdeel_index=1)
    assert reference(target, here) == "het tweede lid, onderdeel a"
    assert reference(target, _in(ART_12, lid="gevolgen", lid_index=2)) == "onderdeel a"
    assert reference(ART_12, here) == "dit artikel"
    assert reference(Plaats("h2", "2", "p1", "1"), Plaats("h2", "2")) == "paragraaf 1"


def test_reference_wording_never_uses_lid_n_or_sub():
    for index in range(1, 21):
        text = reference(_in(ART_12, lid="x", lid_index=index, onderdeel="y", onderdeel_index=index))
        assert "lid " + str(index) not in text and "sub " not in text
