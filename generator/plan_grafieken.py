"""The plan van aanpak's two charts: a Gantt chart of the planning (steps per phase,
the council meetings of every gemeente, the milestones) and an organisation chart of
the project organisation. Both are drawn for A4 portrait (16 cm wide) with text of
at least 6.5 pt, and carry an alt text that says what the picture shows.

matplotlib is imported inside the functions, so ``samenwerking check`` stays fast.
"""

from __future__ import annotations

import datetime
import textwrap
from dataclasses import dataclass, field
from typing import Any

from .charts import KLEUREN, Chart, chart, new_figure, render
from .errors import BuildError
from .formatting import datum, opsomming, telwoord

MAAND_KORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
BREEDTE_CM = 16.0
RIJ_CM = 0.40  # height of one text line in the Gantt chart
TEKST = "#222222"
GRIJS = "#6b6b6b"
BAND = "#eef1f6"


def _kort(value: datetime.date) -> str:
    return f"{value.day} {MAAND_KORT[value.month - 1]}"


def _month_start(value: datetime.date) -> datetime.date:
    return value.replace(day=1)


def _next_month(value: datetime.date) -> datetime.date:
    return datetime.date(value.year + value.month // 12, value.month % 12 + 1, 1)


# -- Gantt chart -------------------------------------------------------------------------------


@dataclass
class _Row:
    kind: str  # "fase", "stap", "kop", "gemeente", "mijlpaal"
    label: str
    item: Any = None
    colour: str = TEKST
    lines: list[str] = field(default_factory=list)
    y: float = 0.0
    height: float = 1.0


def _gantt_rows(inhoud: Any, afgeleid: Any) -> list[_Row]:
    rows: list[_Row] = []
    beeld = afgeleid.proces
    for fase in beeld.fasen if beeld else []:
        steps = fase.geplande_stappen
        if not steps:
            continue
        colour = KLEUREN[(fase.nummer - 1) % len(KLEUREN)]
        rows.append(_Row("fase", f"Fase {fase.nummer}. {fase.naam}", fase, colour))
        rows.extend(_Row("stap", f"{stap.nummer}. {stap.naam}", stap, colour) for stap in steps)
    timelines = [t for t in afgeleid.tijdlijnen if t.gebeurtenissen]
    if timelines:
        rows.append(_Row("kop", "Besluitvorming per gemeente"))
        rows.extend(_Row("gemeente", t.gemeente.naam, t) for t in timelines)
    milestones = sorted(inhoud.planning.mijlpalen, key=lambda m: m.datum) if inhoud.planning else []
    if milestones:
        rows.append(_Row("kop", "Mijlpalen"))
        rows.extend(_Row("mijlpaal", m.omschrijving, m) for m in milestones)
    y = 0.0
    for row in rows:
        row.lines = textwrap.wrap(row.label, 46) or [row.label]
        row.height = max(1.0, 0.85 * len(row.lines) + 0.3)
        if row.kind in ("fase", "kop"):
            row.height += 0.25
        row.y = y + row.height / 2
        y += row.height
    return rows


def _span(inhoud: Any, afgeleid: Any, rows: list[_Row]) -> tuple[datetime.date, datetime.date]:
    dates = [inhoud.samenwerking.ingangsdatum]
    for row in rows:
        if row.kind == "stap":
            dates += [row.item.start, row.item.eind]
        elif row.kind == "gemeente":
            dates += [e.datum for e in row.item.gebeurtenissen]
        elif row.kind == "mijlpaal":
            dates.append(row.item.datum)
    return _month_start(min(dates)), _next_month(max(dates))


def _month_ticks(first: datetime.date, last: datetime.date) -> tuple[list[datetime.date], list[datetime.date]]:
    months = []
    current = first
    while current <= last:
        months.append(current)
        current = _next_month(current)
    step = next(s for s in (1, 2, 3, 6, 12) if len(months) / s <= 13)
    major = [m for m in months if (m.month - 1) % step == 0]
    return months, major


def _draw_step(axes: Any, row: _Row, days_per_cm: float, x1: int) -> None:
    """A step as a bar, with the council's role next to it."""
    stap = row.item
    start, end = stap.start.toordinal(), stap.eind.toordinal() + 1
    width = max(end - start, days_per_cm * 0.12)
    axes.barh(row.y, width, left=start, height=0.62, color=row.colour, zorder=3, linewidth=0)
    if stap.raad != "geen":
        note = f"raad: {stap.raad}"
        clear = {"facecolor": "white", "edgecolor": "none", "pad": 0.6}
        room = len(note) * 0.12 * days_per_cm
        if start + width + room < x1:
            axes.text(start + width + days_per_cm * 0.08, row.y, note, va="center", ha="left",
                      fontsize=6.5, color=GRIJS, style="italic", zorder=6, bbox=clear)
        else:
            axes.text(start - days_per_cm * 0.08, row.y, note, va="center", ha="right",
                      fontsize=6.5, color=GRIJS, style="italic", zorder=6, bbox=clear)


def _draw_meetings(axes: Any, row: _Row, days_per_cm: float) -> None:
    """A gemeente's college decision and council meeting per decision, joined by a line."""
    by_decision: dict[str, dict[str, datetime.date]] = {}
    for event in row.item.gebeurtenissen:
        by_decision.setdefault(event.besluit.id, {})[event.soort] = event.datum
    for moments in by_decision.values():
        if "college" in moments and "raad" in moments:
            axes.plot([moments["college"].toordinal(), moments["raad"].toordinal()], [row.y, row.y],
                      color="#9aa5b8", linewidth=1.0, zorder=2)
        if "college" in moments:
            axes.plot(moments["college"].toordinal(), row.y, marker="o", markersize=4.5,
                      markerfacecolor="white", markeredgecolor=KLEUREN[0], markeredgewidth=1.0, zorder=4)
        if "raad" in moments:
            axes.plot(moments["raad"].toordinal(), row.y, marker="D", markersize=5, color=KLEUREN[0], zorder=4)
            axes.text(moments["raad"].toordinal() + days_per_cm * 0.15, row.y, _kort(moments["raad"]),
                      va="center", ha="left", fontsize=6.5, color=TEKST, zorder=4)


@chart("planning")
def gantt(inhoud: Any, afgeleid: Any, **_: Any) -> Chart:
    from matplotlib.lines import Line2D

    rows = _gantt_rows(inhoud, afgeleid)
    if not rows:
        raise BuildError("de planning heeft geen stappen, vergaderdata of mijlpalen met een datum")
    first, last = _span(inhoud, afgeleid, rows)
    total = sum(r.height for r in rows)
    figure = new_figure(BREEDTE_CM, total * RIJ_CM + 2.4)
    axes = figure.add_subplot()
    x0, x1 = first.toordinal(), last.toordinal()
    margin = (x1 - x0) * 0.012  # room for a marker on the first or last day
    axes.set_xlim(x0 - margin, x1 + margin)
    axes.set_ylim(total, 0)
    days_per_cm = (x1 - x0) / 10.0  # the plot area is roughly 10 cm wide next to the labels

    months, major = _month_ticks(first, last)
    axes.set_xticks([m.toordinal() for m in major])
    axes.set_xticklabels([f"{MAAND_KORT[m.month - 1]}\n{m.year}" if (m.month == 1 or m == major[0]) else
                          MAAND_KORT[m.month - 1] for m in major])
    axes.set_xticks([m.toordinal() for m in months], minor=True)
    axes.grid(axis="x", which="major", zorder=0)
    axes.tick_params(axis="y", length=0)
    axes.spines["left"].set_visible(False)

    for row in rows:
        top = row.y - row.height / 2
        if row.kind in ("fase", "kop"):
            axes.axhspan(top, top + row.height, color=BAND, zorder=0, linewidth=0)
        if row.kind == "stap":
            _draw_step(axes, row, days_per_cm, x1)
        elif row.kind == "gemeente":
            _draw_meetings(axes, row, days_per_cm)
        elif row.kind == "mijlpaal":
            moment = row.item.datum.toordinal()
            axes.plot(moment, row.y, marker="D", markersize=5, color="#333333", zorder=4)
            label = _kort(row.item.datum)
            if moment + days_per_cm * 1.2 < x1:
                axes.text(moment + days_per_cm * 0.15, row.y, label, va="center", ha="left", fontsize=6.5, zorder=4)
            else:
                axes.text(moment - days_per_cm * 0.15, row.y, label, va="center", ha="right", fontsize=6.5, zorder=4)

    axes.set_yticks([r.y for r in rows])
    labels = axes.set_yticklabels(["\n".join(r.lines) for r in rows])
    for row, label in zip(rows, labels):
        label.set_fontsize(7.5)
        if row.kind in ("fase", "kop"):
            label.set_fontweight("bold")
            label.set_color(row.colour if row.kind == "fase" else TEKST)

    start = inhoud.samenwerking.ingangsdatum
    axes.axvline(start.toordinal(), color=KLEUREN[1], linestyle="--", linewidth=1.0, zorder=5)
    axes.text(start.toordinal(), -0.15, f"ingangsdatum {datum(start)}", ha="center", va="bottom",
              fontsize=6.5, color=KLEUREN[1], clip_on=False)
    plan = inhoud.plan_van_aanpak
    stand = (plan.datum if plan and plan.datum else None) or inhoud.samenwerking.datum
    if first <= stand <= last and stand != start:
        text = f"stand {datum(stand)}"
        # Two labels side by side need about half their widths apart (6.5 pt: ~0.12 cm a character).
        needed = (len(text) + len(f"ingangsdatum {datum(start)}")) / 2 * 0.12 + 0.3
        level = -0.15 if abs(stand.toordinal() - start.toordinal()) / days_per_cm > needed else -1.05
        axes.axvline(stand.toordinal(), color=GRIJS, linestyle=":", linewidth=1.0, zorder=5)
        axes.text(stand.toordinal(), level, text, ha="center", va="bottom", fontsize=6.5, color=GRIJS, clip_on=False)

    handles = [
        Line2D([], [], color=KLEUREN[0], linewidth=6, label="stap"),
        Line2D([], [], marker="o", linestyle="", markerfacecolor="white", markeredgecolor=KLEUREN[0],
               label="collegebesluit"),
        Line2D([], [], marker="D", linestyle="", color=KLEUREN[0], label="raadsvergadering"),
        Line2D([], [], marker="D", linestyle="", color="#333333", label="mijlpaal"),
        Line2D([], [], color=KLEUREN[1], linestyle="--", label="ingangsdatum"),
    ]
    figure.legend(handles=handles, loc="outside lower center", ncol=len(handles), fontsize=7, handlelength=1.8)
    return render(figure, alt=gantt_alt(inhoud, afgeleid),
                  caption="Planning: stappen per fase, besluitvorming per gemeente en mijlpalen")


def gantt_alt(inhoud: Any, afgeleid: Any) -> str:
    beeld = afgeleid.proces
    parts = []
    if beeld is not None:
        planned = [s for s in beeld.stappen if s.gepland]
        phases = [f for f in beeld.fasen if f.geplande_stappen]
        if planned:
            parts.append(f"Gantt-diagram van de planning: {len(planned)} stappen in {telwoord(len(phases))} fasen, "
                         f"van {datum(beeld.begin)} tot en met {datum(beeld.einde)}.")
    for decision in afgeleid.raadsbesluiten:
        if decision.eerste is None:
            continue
        who = "raden" if decision.besluit.orgaan == "raad" else "colleges"
        count = sum(1 for _, v in decision.vergaderingen if v is not None and getattr(v, decision.besluit.orgaan))
        parts.append(f"De {who} van {telwoord(count)} gemeenten besluiten over {decision.besluit.onderwerp[0].lower()}"
                     f"{decision.besluit.onderwerp[1:]} tussen {datum(decision.eerste)} en {datum(decision.laatste)}.")
    milestones = inhoud.planning.mijlpalen if inhoud.planning else []
    if milestones:
        parts.append(f"{len(milestones)} mijlpalen, de laatste op {datum(max(m.datum for m in milestones))}.")
    parts.append(f"De samenwerking gaat in op {datum(inhoud.samenwerking.ingangsdatum)}.")
    return " ".join(parts)


# -- organisation chart ----------------------------------------------------------------------

BOX_W = 3.8  # cm; a comb (or at last narrower boxes) when a row of units would not fit on A4
GAP_X = 0.35
GAP_Y = 0.55
STAFF_ARM = 0.6  # horizontal connector from a unit to its staff box
COMB_ARM = 0.25  # horizontal connector from the central trunk to a box in a comb
COMB_FROM = 5  # from five leaf units on, they hang in two columns on a central trunk
#: Layouts tried in turn (box width, comb from), until one fits the width of the page.
LAYOUTS = ((BOX_W, COMB_FROM), (BOX_W, 3), (BOX_W, 2), (3.3, 2))
CHARS_PER_CM = 6.6  # bold 8 pt characters per cm of box (Liberation Sans, with padding)
FONT_NAME = 8.0
FONT_SUB = 7.2
LINE_CM = 0.34

FILL = {
    "opdrachtgever": (KLEUREN[0], "white"),
    "stuurgroep": (KLEUREN[0], "white"),
    "programmamanager": ("#2e75b6", "white"),
    "projectleider": ("#2e75b6", "white"),
    "projectgroep": ("#d6e0f0", TEKST),
    "deelproject": ("#ffffff", TEKST),
    "werkgroep": ("#ffffff", TEKST),
}


@dataclass
class _Box:
    node: Any
    name: list[str]
    sub: list[str]
    x: float = 0.0  # centre
    y: float = 0.0  # top
    height: float = 0.0
    staff: bool = False


def _lines(node: Any, box_w: float) -> tuple[list[str], list[str]]:
    """The name of a unit in bold, and below it who leads it (for an opdrachtgever without
    a leader: its one or two members, by name)."""
    unit = node.onderdeel
    chars_name, chars_sub = int(box_w * CHARS_PER_CM), int(box_w * CHARS_PER_CM * 1.2)
    if unit.leider:
        sub = _wrap(unit.leider, chars_sub)
    elif unit.soort == "opdrachtgever" and 0 < len(unit.leden) <= 2:
        sub = [line for member in unit.leden for line in _wrap(member.split(",")[0], chars_sub)]
    else:
        sub = []
    return _wrap(unit.naam, chars_name), sub


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters; a longer word stays whole."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [text]


class _Layout:
    """Top-down layout: line units below their parent, staff units beside their unit,
    many leaf units in two columns on a central trunk (a comb)."""

    def __init__(self, root: Any, box_w: float = BOX_W, comb_from: int = COMB_FROM):
        self.box_w, self.comb_from = box_w, comb_from
        self.boxes: dict[str, _Box] = {}
        self.lines: list[tuple[tuple[float, float], tuple[float, float], bool]] = []
        for node in root.alle():
            name, sub = _lines(node, box_w)
            self.boxes[node.onderdeel.id] = _Box(node, name, sub, staff=node.onderdeel.staf)
        self.box_h = max(0.25 + LINE_CM * (len(b.name) + len(b.sub)) for b in self.boxes.values())
        self.root = root

    @property
    def width(self) -> float:
        left, right = self.extent(self.root)
        return right - left + 0.2

    def comb(self, node: Any) -> bool:
        return len(node.lijn) >= self.comb_from and all(not c.lijn and not c.staf for c in node.lijn)

    def extent(self, node: Any) -> tuple[float, float]:
        """Left and right reach of a subtree, relative to the centre of its top box."""
        left, right = -self.box_w / 2, self.box_w / 2
        if node.staf:
            right = max(right, self.box_w / 2 + STAFF_ARM + self.box_w)
            if len(node.staf) > 1:
                left = min(left, -(self.box_w / 2 + STAFF_ARM + self.box_w))
        if self.comb(node):
            left, right = min(left, -(COMB_ARM + self.box_w)), max(right, COMB_ARM + self.box_w)
        elif node.lijn:
            centres, widths = self.children(node)
            left = min(left, centres[0] + widths[0][0])
            right = max(right, centres[-1] + widths[-1][1])
        return left, right

    def children(self, node: Any) -> tuple[list[float], list[tuple[float, float]]]:
        """Centres of the line children relative to their parent, side by side, with the
        parent above the middle of the first and the last child."""
        widths = [self.extent(c) for c in node.lijn]
        centres, cursor = [], 0.0
        for left, right in widths:
            centres.append(cursor - left)
            cursor += (right - left) + GAP_X
        shift = (centres[0] + centres[-1]) / 2
        return [c - shift for c in centres], widths

    def place(self, node: Any, x: float, y: float) -> float:
        """Place a subtree with its top box centred at x and its top at y; returns its bottom."""
        box = self.boxes[node.onderdeel.id]
        box.x, box.y, box.height = x, y, self.box_h
        bottom = y + self.box_h
        trunk_from = bottom
        middle = y + self.box_h / 2
        # Staff units stand beside their unit (right, then left), stacked when there are more.
        for index, child in enumerate(node.staf):
            side = 1 if index % 2 == 0 else -1
            top = y + (index // 2) * (self.box_h + GAP_Y / 2)
            centre = x + side * (self.box_w + STAFF_ARM)
            bottom = max(bottom, self.place(child, centre, top))
            edge = x + side * self.box_w / 2
            elbow = edge + side * STAFF_ARM / 2
            target = top + self.box_h / 2
            self.lines.append(((edge, middle), (elbow, middle), True))
            if target != middle:
                self.lines.append(((elbow, middle), (elbow, target), True))
            self.lines.append(((elbow, target), (edge + side * STAFF_ARM, target), True))
        if not node.lijn:
            return bottom
        if self.comb(node):
            top = bottom + GAP_Y
            rows = [node.lijn[i:i + 2] for i in range(0, len(node.lijn), 2)]
            for row in rows:
                for side, child in zip((-1, 1), row):
                    self.place(child, x + side * (COMB_ARM + self.box_w / 2), top)
                    self.lines.append(((x, top + self.box_h / 2), (x + side * COMB_ARM, top + self.box_h / 2), False))
                last_mid = top + self.box_h / 2
                top += self.box_h + GAP_Y * 0.5
            self.lines.append(((x, trunk_from), (x, last_mid), False))
            return top - GAP_Y * 0.5
        offsets, _ = self.children(node)
        top = bottom + GAP_Y
        bus = top - GAP_Y / 2
        centres = [x + offset for offset in offsets]
        lowest = top
        for child, centre in zip(node.lijn, centres):
            lowest = max(lowest, self.place(child, centre, top))
        self.lines.append(((x, trunk_from), (x, bus), False))
        if len(centres) > 1:
            self.lines.append(((min(centres), bus), (max(centres), bus), False))
        for centre in centres:
            self.lines.append(((centre, bus), (centre, top), False))
        return lowest


@chart("projectorganisatie")
def organigram(inhoud: Any, afgeleid: Any, **_: Any) -> Chart:
    from matplotlib.patches import FancyBboxPatch

    root = afgeleid.organisatie
    if root is None:
        raise BuildError("de projectorganisatie is geen boom met één top")
    layout = next((candidate for box_w, comb_from in LAYOUTS
                   if (candidate := _Layout(root, box_w, comb_from)).width <= BREEDTE_CM), None)
    if layout is None:
        raise BuildError("het organigram van de projectorganisatie past niet op de breedte van een A4; "
                         "hang onderdelen dieper (`onder`) of maak minder onderdelen op één niveau")
    height = layout.place(root, 0.0, 0.0)
    xs = [b.x for b in layout.boxes.values()]
    left = min(xs) - layout.box_w / 2 - 0.1
    right = max(xs) + layout.box_w / 2 + 0.1
    margin = 0.1
    figure = new_figure(BREEDTE_CM, height + 2 * margin)
    figure.set_layout_engine(None)
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_axis_off()
    centre = (left + right) / 2
    axes.set_xlim(centre - BREEDTE_CM / 2, centre + BREEDTE_CM / 2)
    axes.set_ylim(height + margin, -margin)

    for (x_a, y_a), (x_b, y_b), dashed in layout.lines:
        axes.plot([x_a, x_b], [y_a, y_b], color="#555555", linewidth=0.8, linestyle=(0, (3, 2)) if dashed else "-",
                  zorder=1, solid_capstyle="butt")
    for box in layout.boxes.values():
        unit = box.node.onderdeel
        fill, ink = FILL.get(unit.soort, ("#ffffff", TEKST))
        if box.staff:
            fill, ink = "#ffffff", TEKST
        patch = FancyBboxPatch((box.x - layout.box_w / 2, box.y), layout.box_w, box.height, boxstyle="round,pad=0,rounding_size=0.12",
                               facecolor=fill, edgecolor=KLEUREN[0], linewidth=0.9, zorder=2,
                               linestyle=(0, (3, 2)) if box.staff else "-")
        axes.add_patch(patch)
        lines = [(text, True) for text in box.name] + [(text, False) for text in box.sub]
        first = box.y + box.height / 2 - (len(lines) - 1) * LINE_CM / 2
        for index, (text, bold) in enumerate(lines):
            axes.text(box.x, first + index * LINE_CM, text, ha="center", va="center", color=ink, zorder=3,
                      fontsize=FONT_NAME if bold else FONT_SUB, fontweight="bold" if bold else "normal")
    return render(figure, alt=organigram_alt(root), caption="Projectorganisatie")


def organigram_alt(root: Any) -> str:
    parts = [f"Organigram van de projectorganisatie. Bovenaan staat {root.onderdeel.naam}."]

    def describe(node: Any) -> None:
        name = node.onderdeel.naam
        if node.staf:
            staff = opsomming(child.onderdeel.naam for child in node.staf)
            parts.append(f"Naast {name} staat als adviserende staf: {staff}.")
        if node.lijn:
            children = [child.onderdeel.naam + (f" ({child.onderdeel.leider})" if child.onderdeel.leider else "")
                        for child in node.lijn]
            count = telwoord(len(children))
            parts.append(f"Onder {name} {'staat' if len(children) == 1 else 'staan'} "
                         f"{'' if len(children) == 1 else count + ' onderdelen: '}{opsomming(children)}.")
        for child in node.staf + node.lijn:
            describe(child)

    describe(root)
    return " ".join(parts)


__all__ = ["gantt", "gantt_alt", "organigram", "organigram_alt"]
