"""``samenwerking nieuw``: a new cooperation from a commented skeleton.

The skeleton is a folder ``<map>/<slug of the name>/`` with one YAML file per part of
a cooperation (partners, problem, scenarios, governance, decisions, raadsvoorstel,
intentieverklaring, finances, regulation, planning, plan van aanpak, versions). The
files are rendered from the Jinja templates in ``templates/nieuw/`` (plain text, no
autoescape): the Dutch comments in them tell the user what each key means, what to fill
in and where the documentation is. User input (the names) only enters the YAML through
:func:`yaml_scalar`, so a name cannot break the YAML or add keys.

The dates follow the standard process (``templates/processen/standaard.yaml``) from the
first Monday after today, so the planning checks pass: every step starts when the step it
depends on has ended, every council decides inside its step and before the starting date,
and the starting date is a 1 January after the last step of the implementation plan.

Writing is all or nothing: the files go into a hidden temporary folder next to the target,
the skeleton is checked there like ``samenwerking check`` would, and only then is the folder
renamed to its final name. An existing folder is never touched.
"""

from __future__ import annotations

import datetime
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import rechtsvormen
from .errors import SamenwerkingError
from .formatting import datum, opsomming
from .output import new_folder
from .paths import PACKAGE_TEMPLATES, slug

#: The legal forms, in the order the help text shows them: the legal-form table.
FORMS = rechtsvormen.CODES
DEFAULT_FORM = rechtsvormen.STANDAARD
DEFAULT_GEMEENTEN = ("Gemeente A", "Gemeente B", "Gemeente C")

#: The files of a skeleton, in the order they are written (and listed to the user).
FILES = (
    "samenwerking.yaml",
    "gemeenten.yaml",
    "probleem.yaml",
    "scenarios.yaml",
    "bestuur.yaml",
    "besluiten.yaml",
    "raadsvoorstel.yaml",
    "intentieverklaring.yaml",
    "financien.yaml",
    "regeling.yaml",
    "planning.yaml",
    "plan-van-aanpak.yaml",
    "versies.yaml",
)

#: The steps of the standard process with their planned length in weeks. Steps in which
#: the councils decide take eight weeks: college decision in week 2, council in week 6.
STEP_WEEKS: tuple[tuple[str, int], ...] = (
    ("probleemanalyse", 6),
    ("oplossingsrichtingen", 6),
    ("beeldvorming", 4),
    ("uitwerking-scenarios", 6),
    ("principe-uitspraak", 8),
    ("concept-ontwerp", 8),
    ("onderhandeling", 8),
    ("raadsbesluit", 8),
    ("opstellen-implementatieplan", 10),
    ("vaststellen-implementatieplan", 8),
)

#: The council decisions of the skeleton and the step of the standard process they belong to.
DECISION_STEPS: tuple[tuple[str, str], ...] = (
    ("principebesluit", "principe-uitspraak"),
    ("voorbereidingskrediet", "raadsbesluit"),
    ("toestemming-aangaan", "vaststellen-implementatieplan"),
)

#: Weeks between the end of the last step and the earliest possible starting date.
SETUP_WEEKS = 8


class NieuwError(SamenwerkingError):
    """Invalid use of ``samenwerking nieuw``: a Dutch message, exit code 2, nothing written."""

    exit_code = 2


# -- names ------------------------------------------------------------------------------------


def clean_name(text: str, what: str) -> str:
    """A name as one line: control characters dropped, white space collapsed.

    Refused: a name without letters or digits (it would have no file name) and ``[[`` or
    ``]]`` (reference syntax, which one-line fields cannot hold).
    """
    text = "".join(" " if unicodedata.category(c).startswith(("C", "Z")) else c for c in text)
    text = " ".join(text.split())
    if not text:
        raise NieuwError(f"{what} is leeg")
    if "[[" in text or "]]" in text:
        raise NieuwError(f'{what} "{text}" bevat [[ of ]]; die tekens zijn voor verwijzingen')
    if not re.search(r"[A-Za-z0-9]", unicodedata.normalize("NFKD", text)):
        raise NieuwError(f'{what} "{text}" bevat geen letters of cijfers')
    return text


def parse_gemeenten(text: str) -> list[str]:
    """``"Dordrecht, Zwijndrecht en Papendrecht"`` → three names.

    Names are separated by commas, by the word "en" and by new lines. When the text
    contains a semicolon, only semicolons and new lines separate, so that a name may
    itself contain a comma or "en" (``"Nuenen, Gerwen en Nederwetten; Eindhoven"``).
    Empty parts are skipped; at least two gemeenten, each once.
    """
    if ";" in text:
        parts = re.split(r"[;\n]", text)
    else:
        parts = [piece for part in re.split(r"[,\n]", text) for piece in re.split(r"(?:^|\s+)en(?:\s+|$)", part.strip())]
    names = [clean_name(part, "de naam van een gemeente") for part in parts if part.strip()]
    if len(names) < 2:
        found = f"alleen {names[0]}" if names else "geen"
        raise NieuwError(f"een samenwerking heeft minstens twee gemeenten; gevonden: {found}. "
                         'Geef ze zo: --gemeenten "Dordrecht, Zwijndrecht en Papendrecht"')
    seen: dict[str, str] = {}
    for name in names:
        key = slug(name)
        if key in seen:
            same = "staat twee keer in de lijst" if seen[key] == name else f'geeft dezelfde bestandsnaam als "{seen[key]}"'
            raise NieuwError(f'gemeente "{name}" {same}')
        seen[key] = name
    return names


def check_form(vorm: str) -> str:
    """The legal form as the model spells it; ``Openbaar lichaam`` and ``bvo`` are understood too."""
    try:
        return rechtsvormen.herken(vorm)
    except rechtsvormen.OnbekendeVorm as error:
        raise NieuwError(str(error)) from None


def yaml_scalar(value: object) -> str:
    """A value as a YAML scalar that reads back as exactly that value.

    Plain where YAML would read the text back unchanged (``Gemeente A``), otherwise
    double-quoted (``"'s-Hertogenbosch"``, ``"Ja"``, ``"a: b # c"``). A JSON string is a
    valid YAML double-quoted scalar, with the same escapes.
    """
    text = str(value)
    try:
        plain = (text == text.strip() and not _UNSAFE.search(text) and all(c >= " " for c in text)
                 and yaml.safe_load(text) == text)
    except (yaml.YAMLError, ValueError, OverflowError):  # e.g. a timestamp with year 0: not plain
        plain = False
    if plain:
        return text
    # Characters YAML does not allow raw in a stream, or reads as a line break, are escaped.
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def markdown_text(value: object) -> str:
    """A name inside Markdown text: characters Markdown would act on get a backslash."""
    return re.sub(r"([\\`*_\[\]])", r"\\\1", str(value))


# -- dates ------------------------------------------------------------------------------------


@dataclass
class Period:
    start: datetime.date
    eind: datetime.date


@dataclass
class Schedule:
    """Every date of the skeleton, derived from one day (today)."""

    vandaag: datetime.date
    stappen: dict[str, Period] = field(default_factory=dict)
    #: per decision id, per gemeente (in the given order): (college, raad)
    besluiten: dict[str, list[tuple[datetime.date, datetime.date]]] = field(default_factory=dict)
    ingangsdatum: datetime.date = datetime.date.min
    inrichting: Period | None = None
    evaluatie: Period | None = None
    ondertekening: datetime.date = datetime.date.min

    @property
    def start(self) -> datetime.date:
        return self.stappen[STEP_WEEKS[0][0]].start


def _next_monday(day: datetime.date) -> datetime.date:
    """The first Monday after ``day`` (a week later if ``day`` is a Monday)."""
    return day + datetime.timedelta(days=7 - day.weekday())


def schedule(vandaag: datetime.date, aantal_gemeenten: int) -> Schedule:
    """Dates for the standard process from the first Monday after ``vandaag``.

    Each step starts on a Monday and ends on the Friday of its last week; the next step
    starts the Monday after. In a deciding step the colleges decide on the Tuesday of the
    second week and the councils on a Tuesday, Wednesday or Thursday of the sixth week
    (the gemeenten do not all meet on the same day). The cooperation starts on the first
    1 January at least eight weeks after the last step.
    """
    result = Schedule(vandaag)
    day = _next_monday(vandaag)
    for step, weeks in STEP_WEEKS:
        result.stappen[step] = Period(day, day + datetime.timedelta(weeks=weeks, days=-3))
        day += datetime.timedelta(weeks=weeks)
    for besluit, step in DECISION_STEPS:
        start = result.stappen[step].start
        result.besluiten[besluit] = [
            (start + datetime.timedelta(days=8), start + datetime.timedelta(days=36 + index % 3))
            for index in range(aantal_gemeenten)
        ]
    last = result.stappen[STEP_WEEKS[-1][0]].eind
    year = (last + datetime.timedelta(weeks=SETUP_WEEKS)).year + 1
    result.ingangsdatum = datetime.date(year, 1, 1)
    result.inrichting = Period(_next_monday(last), result.ingangsdatum - datetime.timedelta(days=1))
    september = datetime.date(year, 9, 1)
    result.evaluatie = Period(september + datetime.timedelta(days=(7 - september.weekday()) % 7),
                               datetime.date(year, 12, 15))
    result.ondertekening = result.stappen["onderhandeling"].eind - datetime.timedelta(days=1)
    return result


# -- rendering --------------------------------------------------------------------------------

def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(PACKAGE_TEMPLATES / "nieuw")),
        autoescape=False,  # YAML, not HTML: user input is quoted with the `y` filter instead
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["y"] = yaml_scalar
    env.filters["datum"] = datum
    env.filters["opsomming"] = opsomming
    env.filters["md"] = markdown_text
    return env


def render_files(naam: str, vorm: str, gemeenten: list[str], vandaag: datetime.date,
                 map_naam: str) -> dict[str, str]:
    """The text of every file of the skeleton, by file name."""
    planning = schedule(vandaag, len(gemeenten))
    context = {
        "naam": naam,
        "vorm": vorm,
        "vorm_naam": rechtsvormen.vorm(vorm).naam,
        "scenario_naam": rechtsvormen.vorm(vorm).scenario,
        "rechtsvorm": rechtsvormen.vorm(vorm),
        "vormen": rechtsvormen.opsomming_codes(),
        "regeling": f"Gemeenschappelijke regeling {naam}",
        "gemeenten": [
            {"naam": name, "besluiten": {b: planning.besluiten[b][index] for b, _ in DECISION_STEPS}}
            for index, name in enumerate(gemeenten)
        ],
        "namen": gemeenten,
        "eerste": gemeenten[0],
        "planning": planning,
        "vandaag": vandaag,
        "ingang": planning.ingangsdatum,
        "peildatum": datetime.date(vandaag.year, 1, 1),
        "map": map_naam,
        "heeft_lichaam": rechtsvormen.vorm(vorm).eigen_lichaam,
    }
    env = _environment()
    context["delen"] = skeleton_parts(env, rechtsvormen.vorm(vorm), context)
    return {name: env.get_template(name + ".j2").render(context) for name in FILES}


def skeleton_parts(env, form: rechtsvormen.Rechtsvorm, context: dict) -> dict[str, str]:
    """The regulation's parts for this legal form (``skelet`` in templates/rechtsvormen.yaml), rendered
    with the same context; every slot any form fills is there, empty when this form has none."""
    slots = dict.fromkeys(slot for other in rechtsvormen.VORMEN.values() for slot in other.skelet)
    return {slot: env.from_string(form.skelet[slot]).render(context).rstrip("\n") if slot in form.skelet else ""
            for slot in slots}


# -- writing ----------------------------------------------------------------------------------


@dataclass
class Created:
    folder: Path
    files: list[str]
    documents: list[str]


def create(naam: str, vorm: str = DEFAULT_FORM, gemeenten: list[str] | None = None,
           parent: Path = Path("content"), vandaag: datetime.date | None = None) -> Created:
    """Write the skeleton of a new cooperation to ``parent/<slug of naam>``; all or nothing.

    Raises :class:`NieuwError` (nothing written) if the folder exists, a name is unusable
    or the skeleton does not pass the checks; :class:`SamenwerkingError` if the file system
    refuses (nothing left behind either).
    """
    naam = clean_name(naam, "de naam van de samenwerking")
    vorm = check_form(vorm)
    gemeenten = list(gemeenten) if gemeenten is not None else list(DEFAULT_GEMEENTEN)
    if len(gemeenten) < 2:
        raise NieuwError("een samenwerking heeft minstens twee gemeenten")
    gemeenten = [clean_name(g, "de naam van een gemeente") for g in gemeenten]
    parent = Path(parent)
    target = parent / slug(naam)
    if target.exists() or target.is_symlink():
        raise NieuwError(f"de map {target} bestaat al; er is niets geschreven. Kies een andere naam, "
                         "of verwijder of hernoem de bestaande map")
    if parent.exists() and not parent.is_dir():
        raise NieuwError(f"{parent} is geen map")
    files = render_files(naam, vorm, gemeenten, vandaag or datetime.date.today(), " ".join(str(target).split()))

    documents = new_folder(target, {name: files[name] for name in FILES}, lambda folder: _check(folder, target),
                           lambda: NieuwError(f"de map {target} bestaat al; er is niets geschreven"))
    return Created(target, list(FILES), documents)


def _check(folder: Path, target: Path) -> list[str]:
    """Check the skeleton as ``samenwerking check`` would; the names of the documents it makes."""
    from .build import jobs, load_project
    from .errors import ContentError

    try:
        project = load_project(folder)
    except ContentError as error:  # a name the skeleton cannot hold, or a fault in the templates
        report = error.report().replace(str(folder.resolve()), str(target)).replace(str(folder), str(target))
        raise NieuwError("de nieuwe samenwerking haalt de controle niet; er is niets geschreven:\n" + report) from None
    return [job.name for job in jobs(project)]
