"""Word-level comparison of two texts: for the tracked changes of the redline and for the
"wordt ... vervangen door ..." instructions of the amendment.

Texts are split into words, runs of white space and single punctuation marks; a change
is always a whole number of those tokens, so a word is never split in the middle.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Iterable

from lxml import html as lxml_html
from markupsafe import Markup, escape

TOKEN = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
NUMBER = re.compile(r"^[0-9]+[a-z]*$|^[a-z][0-9]+$")
#: Inline elements whose formatting is kept in a compared text (everything markup.py produces).
KEEP = {"em", "strong", "b", "i", "u", "sup", "sub", "code", "small", "a", "span"}
OPEN_QUOTE, CLOSE_QUOTE = "\u201c", "\u201d"


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def is_space(token: str) -> bool:
    return token.isspace()


def opcodes(old: list, new: list, key=lambda token: token) -> list[tuple[str, int, int, int, int]]:
    """difflib opcodes, cleaned up for people: a change separated from the next one by
    nothing but white space (or one short word) becomes one change."""
    matcher = difflib.SequenceMatcher(None, [key(t) for t in old], [key(t) for t in new], autojunk=False)
    codes = [list(code) for code in matcher.get_opcodes()]
    changed = True
    while changed:
        changed = False
        for index in range(1, len(codes) - 1):
            tag, i1, i2, _, _ = codes[index]
            if tag != "equal" or codes[index - 1][0] == "equal" or codes[index + 1][0] == "equal":
                continue
            between = [t if isinstance(t, str) else t[0] for t in old[i1:i2]]
            words = [t for t in between if not is_space(t)]
            if len(words) == 0 or (len(words) == 1 and len(words[0]) <= 3):
                first, last = codes[index - 1], codes[index + 1]
                codes[index - 1:index + 2] = [["replace", first[1], last[2], first[3], last[4]]]
                changed = True
                break
    return [tuple(code) for code in codes]  # type: ignore[misc]


# -- plain text ---------------------------------------------------------------------------


def plain(html: str) -> str:
    """The text of an inline HTML fragment, white space collapsed."""
    if not html.strip():
        return ""
    fragment = lxml_html.fragment_fromstring(f"<span>{html}</span>")
    return " ".join(fragment.text_content().split())


def normalize(text: str) -> str:
    """White space as a reader sees it: single spaces, none before punctuation."""
    text = " ".join(text.split())
    return re.sub(r" ([,.;:)])", r"\1", text).replace("( ", "(")


# -- the amendment: quotable changes --------------------------------------------------------


@dataclass(frozen=True)
class Fragment:
    """One change inside a text, as an amendment words it (Ar 6.9, 6.11)."""

    soort: str  # "vervangen", "vervalt", "ingevoegd-na", "ingevoegd-voor", "zin-toegevoegd"
    oud: str = ""  # the quoted old text (vervangen, vervalt) or the anchor (ingevoegd-na/-voor)
    nieuw: str = ""

    def zinsdeel(self) -> str:
        """The instruction after the place: ``wordt “a” vervangen door “b”``."""
        if self.soort == "vervangen":
            return f"wordt {quote(self.oud)} vervangen door {quote(self.nieuw)}"
        if self.soort == "vervalt":
            return f"vervalt {quote(self.oud)}"
        if self.soort == "ingevoegd-na":
            return f"wordt na {quote(self.oud)} ingevoegd {quote(self.nieuw)}"
        if self.soort == "ingevoegd-voor":
            return f"wordt voor {quote(self.oud)} ingevoegd {quote(self.nieuw)}"
        raise ValueError(self.soort)  # pragma: no cover - "zin-toegevoegd" is worded by the caller


def quote(text: str) -> str:
    return f"{OPEN_QUOTE}{text}{CLOSE_QUOTE}"


def _join(items: Iterable[str]) -> str:
    return "".join(items).strip()


def _words(items: list[str]) -> int:
    return sum(1 for t in items if not is_space(t))


def fragments(old: str, new: str, max_changes: int = 2, max_share: float = 0.5) -> list[Fragment] | None:
    """The changes from ``old`` to ``new`` as quotable fragments, or None when the text is
    better replaced as a whole (too many or too large changes, or no unambiguous quote).

    Every quoted old text occurs exactly once in ``old``, and applying the fragments to
    ``old`` gives ``new`` (checked here; None otherwise).
    """
    a, b = tokens(old), tokens(new)
    codes = [c for c in opcodes(a, b) if c[0] != "equal"]
    if not codes or len(codes) > max_changes:
        return None
    changed = sum(_words(a[i1:i2]) + _words(b[j1:j2]) for _, i1, i2, j1, j2 in codes)
    if changed > max_share * max(1, _words(a) + _words(b)):
        return None
    result: list[Fragment] = []
    limits = [(0, 0)] + [(c[2], c[4]) for c in codes]  # a quote may not reach into the previous change
    for index, (tag, i1, i2, j1, j2) in enumerate(codes):
        low_a, low_b = limits[index]
        high_a = codes[index + 1][1] if index + 1 < len(codes) else len(a)
        fragment = _fragment(old, a, b, i1, i2, j1, j2, low_a, low_b, high_a, alone=len(codes) == 1)
        if fragment is None:
            return None
        result.append(fragment)
    if normalize(apply(old, result)) != normalize(new):
        return None
    return result


def _fragment(old: str, a: list[str], b: list[str], i1: int, i2: int, j1: int, j2: int,
              low_a: int, low_b: int, high_a: int, alone: bool) -> Fragment | None:
    # Trim white space at the edges of the change; the quotes hold words.
    while i1 < i2 and j1 < j2 and a[i1] == b[j1] and is_space(a[i1]):
        i1, j1 = i1 + 1, j1 + 1
    while i1 < i2 and j1 < j2 and a[i2 - 1] == b[j2 - 1] and is_space(a[i2 - 1]):
        i2, j2 = i2 - 1, j2 - 1
    if i1 == i2:
        return _insertion(old, a, i1, _join(b[j1:j2]), low_a, high_a, alone)
    # Replacement or deletion: quote at least two words, and enough to be unique.
    grown = _unique_quote(old, a, b, (i1, i2, j1, j2), low_a, low_b, high_a)
    if grown is None:
        return None
    i1, i2, j1, j2 = grown
    quoted, replacement = _join(a[i1:i2]), _join(b[j1:j2])
    if not replacement:
        return Fragment("vervalt", quoted)
    return Fragment("vervangen", quoted, replacement)


def _insertion(old: str, a: list[str], at: int, inserted: str, low_a: int, high_a: int,
               alone: bool) -> Fragment | None:
    """A pure insertion: a sentence added at the end, or words after (or before) a unique anchor."""
    if alone and at == len(a) and _join(a).endswith((".", "!", "?")) and inserted[:1].isupper():
        return Fragment("zin-toegevoegd", nieuw=inserted)
    for start in range(at - 1, low_a - 1, -1):  # the words just before: "na “x” ingevoegd"
        anchor = _join(a[start:at])
        if _words(a[start:at]) >= 2 and _unique(old, anchor):
            return Fragment("ingevoegd-na", anchor, inserted)
    for end in range(at + 1, high_a + 1):  # at the start of the text: "voor “x” ingevoegd"
        anchor = _join(a[at:end])
        if _words(a[at:end]) >= 2 and _unique(old, anchor):
            return Fragment("ingevoegd-voor", anchor, inserted)
    return None


def _unique_quote(old: str, a: list[str], b: list[str], span: tuple[int, int, int, int], low_a: int, low_b: int,
                  high_a: int) -> tuple[int, int, int, int] | None:
    """The change grown word by word until its quote has two words and is unique in the old text;
    None when it cannot grow and is not unique."""
    i1, i2, j1, j2 = span
    while True:
        quoted = _join(a[i1:i2])
        if _words(a[i1:i2]) >= 2 and _unique(old, quoted):
            return i1, i2, j1, j2
        grown = False
        for direction in _directions(a, b, i1, i2, j1, j2, high_a):
            if direction == "right" and i2 < high_a:
                i2, j2, grown = i2 + 1, j2 + 1, True
                while i2 < high_a and is_space(a[i2 - 1]):
                    i2, j2 = i2 + 1, j2 + 1
                break
            if direction == "left" and i1 > low_a and j1 > low_b:
                i1, j1, grown = i1 - 1, j1 - 1, True
                while i1 > low_a and j1 > low_b and is_space(a[i1]):
                    i1, j1 = i1 - 1, j1 - 1
                break
        if not grown:
            return (i1, i2, j1, j2) if quoted and _unique(old, quoted) else None


def _directions(a: list[str], b: list[str], i1: int, i2: int, j1: int, j2: int, high_a: int) -> tuple[str, str]:
    """Which way a quote grows first. To the right ("vijf jaar" reads better than "hoogste vijf"),
    but to the left for a number ("artikel 16") or after one ("1 januari"), and not into the end
    of a sentence when the left side can be taken instead."""
    before = next((t for t in reversed(a[:i1]) if not is_space(t)), "")
    after = next((t for t in a[i2:high_a] if not is_space(t)), "")
    if all(NUMBER.match(t) or is_space(t) for t in a[i1:i2] + b[j1:j2]) or NUMBER.match(before):
        return "left", "right"
    if after in (".", ";", ":", "!", "?") and before:
        return "left", "right"
    return "right", "left"


def _unique(text: str, part: str) -> bool:
    return bool(part) and text.count(part) == 1


def apply(old: str, items: list[Fragment]) -> str:
    """Carry out the fragments on ``old``, as a reader of the amendment would."""
    text = old
    for item in items:
        if item.soort == "vervangen":
            text = text.replace(item.oud, item.nieuw, 1)
        elif item.soort == "vervalt":
            text = text.replace(item.oud, "", 1)
        elif item.soort == "ingevoegd-na":
            glue = "" if item.nieuw[:1] in ",.;:)" else " "
            text = text.replace(item.oud, item.oud + glue + item.nieuw, 1)
        elif item.soort == "ingevoegd-voor":
            text = text.replace(item.oud, item.nieuw + " " + item.oud, 1)
        elif item.soort == "zin-toegevoegd":
            text = text.rstrip() + " " + item.nieuw
    return text


# -- the redline: inline HTML with <ins> and <del> ---------------------------------------------


Token = tuple[str, tuple]  # (text, formatting: the open inline elements, outermost first)


def html_tokens(html: str) -> list[Token]:
    """The tokens of an inline HTML fragment, each with the inline elements it stands in."""
    result: list[Token] = []
    if not html.strip():
        return result
    root = lxml_html.fragment_fromstring(f"<span>{html}</span>")

    def walk(element, stack: tuple) -> None:
        if element.text:
            result.extend((t, stack) for t in tokens(element.text))
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "br":
                result.append(("\n", stack + (("br", ()),)))
            else:
                attributes = tuple(sorted((k, v) for k, v in child.attrib.items()))
                walk(child, stack + ((child.tag, attributes),))
            if child.tail:
                result.extend((t, stack) for t in tokens(child.tail))

    walk(root, ())
    return result


def _open(stack: tuple) -> str:
    return "".join(f"<{tag}{''.join(f' {k}={_attr(v)}' for k, v in attrs)}>" for tag, attrs in stack)


def _close(stack: tuple) -> str:
    return "".join(f"</{tag}>" for tag, _ in reversed(stack))


def _attr(value: str) -> str:
    return '"' + str(escape(value)) + '"'


def _emit(items: list[tuple[str, tuple]], change: str | None) -> str:
    """HTML for consecutive tokens; formatting re-opened per run of equal formatting."""
    out: list[str] = []
    index = 0
    while index < len(items):
        stack = items[index][1]
        run: list[str] = []
        while index < len(items) and items[index][1] == stack:
            run.append(items[index][0])
            index += 1
        if stack and stack[-1][0] == "br":
            out.append(_open(stack[:-1]) + "<br>" * len(run) + _close(stack[:-1]))
            continue
        out.append(_open(stack) + str(escape("".join(run))) + _close(stack))
    text = "".join(out)
    if change and text:
        return f"<{change}>{text}</{change}>"
    return text


def diff_html(old: str, new: str) -> Markup:
    """Inline HTML of ``new`` with what changed from ``old`` marked as ``<del>`` and ``<ins>``,
    word by word. Rejecting every change gives ``old`` back, accepting every change ``new``."""
    a, b = html_tokens(old), html_tokens(new)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in opcodes(a, b, key=lambda token: token):
        if tag == "equal":
            out.append(_emit(b[j1:j2], None))
            continue
        old_part, new_part = a[i1:i2], b[j1:j2]
        # White space that both sides start or end with stays outside the change: inside both, a
        # reader's white-space collapsing would count it once, and accepting would lose it.
        lead = 0
        while lead < min(len(old_part), len(new_part)) - 1 and old_part[lead] == new_part[lead] \
                and old_part[lead][0].isspace():
            lead += 1
        trail = 0
        while trail < min(len(old_part), len(new_part)) - lead - 1 and old_part[-1 - trail] == new_part[-1 - trail] \
                and old_part[-1 - trail][0].isspace():
            trail += 1
        gone, comes = old_part[lead:len(old_part) - trail], new_part[lead:len(new_part) - trail]
        middle: list = []
        if len(gone) > 1 and len(comes) > 1 and gone[-1] == comes[0] and gone[-1][0].isspace():
            # "X " goes and " Y" comes: as "<del>X</del> <ins>Y</ins>" both readings keep the space.
            middle, gone, comes = [comes[0]], gone[:-1], comes[1:]
        out.append(_emit(new_part[:lead], None))
        out.append(_emit(gone, "del"))
        out.append(_emit(middle, None))
        out.append(_emit(comes, "ins"))
        out.append(_emit(new_part[len(new_part) - trail:], None))
    return Markup("".join(out))
