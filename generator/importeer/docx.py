"""A DOCX → lines with their visible numbers.

Jurists keep regulations in Word with typed numbers (``1.<tab>``) or with Word's automatic
numbering; this tool's own output types them. Word numbering is not in the paragraph's text, so
it is computed here the way Word shows it: per list (``numId``) and level, from the numbering
definitions (``decimal`` → ``1.``, ``lowerLetter`` → ``a.``, a bullet → ``•``), restarting the
deeper levels when a higher one counts on. Tables (the ondertekening) are skipped.
"""

from __future__ import annotations

import io
from pathlib import Path

from .bron import Regel, fout

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _letters(n: int, upper: bool) -> str:
    from ..regeling.numbering import letter

    text = letter(n)
    return text.upper() if upper else text


def _roman(n: int) -> str:
    values = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
              (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
    result = ""
    for value, text in values:
        while n >= value:
            result += text
            n -= value
    return result


def _format(fmt: str, n: int) -> str:
    if fmt == "lowerLetter":
        return _letters(n, False)
    if fmt == "upperLetter":
        return _letters(n, True)
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "bullet":
        return "•"
    if fmt == "ordinal":
        return f"{n}°"
    return str(n)


class _Numbering:
    def __init__(self, document):
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) → (fmt, lvlText, start)
        self.counters: dict[str, list[int]] = {}
        try:
            part = document.part.numbering_part
        except (KeyError, NotImplementedError, AttributeError):
            return
        root = part.element
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall(f"{W}abstractNum"):
            levels = {}
            for lvl in node.findall(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0"))
                fmt = lvl.find(f"{W}numFmt")
                text = lvl.find(f"{W}lvlText")
                start = lvl.find(f"{W}start")
                levels[ilvl] = (fmt.get(f"{W}val") if fmt is not None else "decimal",
                                text.get(f"{W}val") if text is not None else f"%{ilvl + 1}.",
                                int(start.get(f"{W}val")) if start is not None else 1)
            abstract[node.get(f"{W}abstractNumId")] = levels
        for num in root.findall(f"{W}num"):
            ref = num.find(f"{W}abstractNumId")
            if ref is None:
                continue
            overrides = {}
            for override in num.findall(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    overrides[int(override.get(f"{W}ilvl", "0"))] = int(start.get(f"{W}val"))
            for ilvl, (fmt, text, start) in abstract.get(ref.get(f"{W}val"), {}).items():
                self.levels[(num.get(f"{W}numId"), ilvl)] = (fmt, text, overrides.get(ilvl, start))

    def label(self, num_id: str, ilvl: int) -> str | None:
        if (num_id, ilvl) not in self.levels or num_id == "0":
            return None
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        fmt, text, _ = self.levels[(num_id, ilvl)]
        if fmt == "bullet":
            return "•"
        for level in range(ilvl + 1):
            lfmt, _, start = self.levels.get((num_id, level), ("decimal", "", 1))
            text = text.replace(f"%{level + 1}", _format(lfmt, counters[level] + start - 1 if counters[level] else start))
        return text


def _num_pr(paragraph):
    ppr = paragraph._p.pPr
    node = ppr.find(f"{W}numPr") if ppr is not None else None
    style = paragraph.style
    while node is None and style is not None:
        spr = style.element.pPr
        node = spr.find(f"{W}numPr") if spr is not None else None
        style = style.base_style
    if node is None:
        return None
    num = node.find(f"{W}numId")
    lvl = node.find(f"{W}ilvl")
    if num is None:
        return None
    return num.get(f"{W}val"), int(lvl.get(f"{W}val")) if lvl is not None else 0


def regels(bestand: Path, data: bytes) -> list[Regel]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise fout(bestand, None, None, f"dit Word-document kan niet worden gelezen ({error})") from None
    numbering = _Numbering(document)
    result: list[Regel] = []
    for index, paragraph in enumerate(document.paragraphs, start=1):
        text = paragraph.text
        if not text.strip():
            continue
        style = paragraph.style.name if paragraph.style is not None else ""
        if style == "TOC Heading" or style.startswith("TOC "):
            continue  # a table of contents repeats the headings; the text is what follows
        found = _num_pr(paragraph)
        if found is not None:
            label = numbering.label(*found)
            if label:
                text = f"{label}\t{text}" if label != "•" else f"• {text}"
        result.append(Regel(text, index, 1, style))
    return result
