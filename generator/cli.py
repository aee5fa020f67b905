"""The ``samenwerking`` command line.

Only click is imported at start-up; the model, Jinja, python-docx and WeasyPrint
are imported by the command that needs them, so ``--help`` answers at once.

Exit codes: 0 success, 2 invalid content (or invalid use), 1 anything else.
"""

from __future__ import annotations

import gc
import os
import re
import sys
import time
from pathlib import Path

import click

from . import __version__

DEFAULT_CONTENT = Path("content") / "drechtsteden"


_CLICK_WORDS = (("[default: ", "[standaard: "), ("[required]", "[verplicht]"), ("; required", "; verplicht"))


class Argument(click.Argument):
    """A positional argument with a description, listed under "Argumenten" in the help."""

    def __init__(self, *args, help: str = "", **kwargs):  # noqa: A002 - click's own name for it
        super().__init__(*args, **kwargs)
        self.help = help

    def get_help_record(self, ctx):
        return (self.make_metavar(ctx) if _takes_ctx(self.make_metavar) else self.make_metavar(), self.help)


def _takes_ctx(method) -> bool:
    import inspect

    return "ctx" in inspect.signature(method).parameters


class _DutchHelp:
    """Dutch headings for click's help pages."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Toon deze hulp en stop."
        return option

    def format_usage(self, ctx, formatter):
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Gebruik: ")

    def format_options(self, ctx, formatter):
        params = self.get_params(ctx)
        arguments = [r for p in params if isinstance(p, click.Argument) and (r := p.get_help_record(ctx)) is not None]
        records = [(name, _dutch(text)) for p in params if not isinstance(p, click.Argument)
                   and (record := p.get_help_record(ctx)) is not None for name, text in [record]]
        if arguments:
            with formatter.section("Argumenten"):
                formatter.write_dl(arguments)
        if records:
            with formatter.section("Opties"):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            commands = []
            for name in self.list_commands(ctx):
                command = self.get_command(ctx, name)
                if command is not None and not command.hidden:
                    commands.append((name, command.get_short_help_str(limit=70)))
            if commands:
                with formatter.section("Opdrachten"):
                    formatter.write_dl(commands)


class Command(_DutchHelp, click.Command):
    pass


class Group(_DutchHelp, click.Group):
    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("subcommand_metavar", "OPDRACHT [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)

    def format_commands(self, ctx, formatter):  # listed in format_options already
        pass


def _dutch(text: str) -> str:
    for english, dutch in _CLICK_WORDS:
        text = text.replace(english, dutch)
    return text


CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class _FormOption(click.Option):
    """``--vorm``: the legal forms and the default come from the legal-form table, read only when
    ``nieuw`` runs or shows its help (``samenwerking --help`` stays fast)."""

    def _fill(self) -> None:
        from . import rechtsvormen

        self.help = f"Rechtsvorm: {rechtsvormen.opsomming_codes()}."
        self.default = rechtsvormen.STANDAARD

    def get_help_record(self, ctx: click.Context):
        self._fill()
        return super().get_help_record(ctx)

    def get_default(self, ctx: click.Context, call: bool = True):
        self._fill()
        return super().get_default(ctx, call)


def _fail(error: BaseException) -> None:
    from .errors import ContentError, SamenwerkingError

    if isinstance(error, ContentError):
        count = len(error.problems)
        click.echo(error.report(), err=True)
        click.echo(f"{count} {'probleem' if count == 1 else 'problemen'} gevonden; er is niets geschreven.", err=True)
        sys.exit(error.exit_code)
    if isinstance(error, SamenwerkingError):
        click.echo(f"fout: {error}", err=True)
        sys.exit(error.exit_code)
    if isinstance(error, OSError) and not os.environ.get("SAMENWERKING_DEBUG"):
        from .errors import environment_message

        click.echo(f"fout: {environment_message(error, 'kan niet lezen of schrijven')}", err=True)
        sys.exit(1)
    if isinstance(error, MemoryError):
        click.echo("fout: te weinig geheugen voor deze opdracht", err=True)
        sys.exit(1)
    if os.environ.get("SAMENWERKING_DEBUG"):
        raise error
    click.echo(
        f"interne fout: {type(error).__name__}: {error}\n"
        "Dit is een fout in samenwerking zelf, niet in uw inhoud. "
        "Zet SAMENWERKING_DEBUG=1 voor de volledige melding.",
        err=True,
    )
    sys.exit(1)


def _harfbuzz_subset_found() -> bool:
    """Whether WeasyPrint can subset fonts with HarfBuzz: the library it loads (the same names) and
    HarfBuzz 4.1 or newer. Asked with ctypes, so a build that writes nothing does not load WeasyPrint."""
    import ctypes

    def load(*names: str):
        for name in names:
            try:
                return ctypes.CDLL(name)
            except OSError:
                continue
        return None

    subset = load("libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib", "libharfbuzz-subset-0.dll")
    harfbuzz = load("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll")
    if subset is None or harfbuzz is None:
        return False
    try:
        return bool(harfbuzz.hb_version_atleast(4, 1, 0))
    except AttributeError:
        return False


def _harfbuzz_notice(formats: tuple[str, ...]) -> None:
    """Say once, before a build with PDF, that HarfBuzz-subset is missing and what that costs."""
    if "pdf" in formats and not _harfbuzz_subset_found():
        click.echo("let op: HarfBuzz-subset ontbreekt (Debian/Ubuntu: libharfbuzz-subset0); de PDF wordt dan met "
                   "fontTools gemaakt en dat is ongeveer drie keer zo traag.", err=True)


def _print_report(report) -> None:
    """What a build wrote, backed up and left alone, one file a line."""
    for label, paths in (("reservekopie", report.backups), ("geschreven", report.written),
                         ("ongewijzigd", report.unchanged)):
        for path in paths:
            click.echo(f"{label:<13} {path}")


def _content_dir(value: str | None) -> Path:
    path = Path(value) if value else DEFAULT_CONTENT
    if not path.is_dir():
        click.echo(f"fout: map met inhoud niet gevonden: {path}", err=True)
        sys.exit(2)
    return path


def _out_dir(value: str) -> None:
    """``--out`` must be a folder (or not exist yet): a file there is said plainly, before any work."""
    path = Path(value)
    for part in (path, *path.parents):
        if part.exists():
            if not part.is_dir():
                click.echo(f"fout: --out {value}: {part} is een bestand, geen map; kies een map voor de uitvoer",
                           err=True)
                sys.exit(1)
            return


def _formats(value: str) -> tuple[str, ...]:
    from_build = ("docx", "pdf", "html", "stop")
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [part for part in chosen if part not in from_build]
    if unknown or not chosen:
        raise click.BadParameter(
            f"onbekend formaat {', '.join(unknown) or '(leeg)'}; kies uit {', '.join(from_build)}",
            param_hint="--formaat",
        )
    return chosen


@click.group(cls=Group, context_settings=CONTEXT)
@click.version_option(__version__, "--versie", message="samenwerking %(version)s", help="Toon de versie.")
def main() -> None:
    """Documenten voor gemeentelijke samenwerking uit één YAML-bron.

    Maakt van content/<samenwerking>/*.yaml de intentieverklaring en andere
    stukken, in Word (.docx) en PDF, reproduceerbaar tot op de byte.
    """


INHOUD_HELP = "Map met de YAML-bestanden van de samenwerking (standaard content/drechtsteden)."


@main.command(context_settings=CONTEXT)
@click.argument("content_dir", required=False, metavar="[INHOUD]", cls=Argument, help=INHOUD_HELP)
@click.option("--out", "out_dir", default="output", show_default=True, metavar="MAP",
              help="Map waarin output/<samenwerking>/ komt.")
@click.option("--formaat", default="docx,pdf", show_default=True, metavar="LIJST",
              help="Formaten, gescheiden door komma's: docx, pdf, html, stop (STOP-XML van de regeling).")
@click.option("--gemeente", default=None, metavar="NAAM",
              help="Bouw alleen de stukken van deze gemeente (en geen gezamenlijke stukken).")
@click.option("--document", "documenten", multiple=True, metavar="NAAM",
              help="Bouw alleen dit document (bijvoorbeeld raadsvoorstel); mag vaker.")
@click.option("--overschrijf", is_flag=True,
              help="Overschrijf met de hand gewijzigde uitvoer; er blijft een reservekopie staan.")
@click.option("--definitief", is_flag=True,
              help="De definitieve versie: weiger te bouwen zolang er plaatshouders als (invullen) of N.N. in staan.")
def build(content_dir: str | None, out_dir: str, formaat: str, gemeente: str | None, documenten: tuple[str, ...],
          overschrijf: bool, definitief: bool) -> None:
    """Bouw alle documenten van een samenwerking (standaard content/drechtsteden)."""
    formats = _formats(formaat)
    folder = _content_dir(content_dir)
    _out_dir(out_dir)
    started = time.perf_counter()
    if not definitief and _answer_unchanged(folder, Path(out_dir), formats, gemeente, list(documenten) or None,
                                            started):
        return  # a final build always checks the content for placeholders
    _harfbuzz_notice(formats)
    try:
        from .build import build as run_build

        result = run_build(folder, Path(out_dir), formats, gemeente=gemeente, overwrite=overschrijf,
                           documents=list(documenten) or None, definitief=definitief)
    except Exception as error:  # noqa: BLE001 - every failure gets a Dutch message and an exit code
        _fail(error)
        return
    _print_report(result.report)
    elapsed = time.perf_counter() - started
    click.echo(f"{len(result.documents)} document(en), waarvan {result.rendered} opnieuw gemaakt, in {elapsed:.1f} s.")


def _answer_unchanged(folder: Path, out_dir: Path, formats, gemeente, documents, started: float) -> bool:
    """The fast path: when nothing changed since the last build of this selection, say so from the
    manifest, without importing the model, Jinja or the writers (generator/snel.py)."""
    from types import SimpleNamespace

    from .snel import unchanged

    try:
        answer = unchanged(folder, out_dir, formats, gemeente, documents)
    except Exception:  # noqa: BLE001 - the fast path only ever answers "unchanged"; anything odd goes the normal way
        return False
    if answer is None:
        return False
    names, paths = answer
    _print_report(SimpleNamespace(backups=[], written=[], unchanged=paths))
    elapsed = time.perf_counter() - started
    click.echo(f"{len(names)} document(en), waarvan 0 opnieuw gemaakt, in {elapsed:.1f} s (niets veranderd).")
    return True


@main.command(context_settings=CONTEXT)
@click.argument("content_dir", required=False, metavar="[INHOUD]", cls=Argument, help=INHOUD_HELP)
def check(content_dir: str | None) -> None:
    """Controleer de inhoud zonder iets te schrijven."""
    folder = _content_dir(content_dir)
    try:
        from .build import jobs, load_project

        from .checks import placeholders, problems_of
        from .regeling.wgr import handmatig

        project = load_project(folder)
        documents = jobs(project)
        left = placeholders(project.inhoud, project.content)
        notes = problems_of(handmatig(project.inhoud, project.afgeleid), project.content)
    except Exception as error:  # noqa: BLE001
        _fail(error)
        return
    for problem in notes:
        click.echo(f"let op: {problem.display()}", err=True)
    for problem in left:
        click.echo(f"waarschuwing: {problem.display()}", err=True)
    if left:
        click.echo(f"{len(left)} plaatshouder(s) nog in te vullen; `build --definitief` weigert ze.", err=True)
    names = ", ".join(job.name for job in documents) or "geen"
    click.echo(f"{folder}: in orde ({len(project.inhoud.gemeenten)} gemeenten; documenten: {names}).")


@main.command(context_settings=CONTEXT)
@click.argument("content_dir", required=False, metavar="[INHOUD]", cls=Argument, help=INHOUD_HELP)
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="Poort op 127.0.0.1 (0: een vrije poort).")
def preview(content_dir: str | None, port: int) -> None:
    """Toon alle documenten in de browser; ververst bij elke wijziging."""
    folder = _content_dir(content_dir)
    import signal

    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        from .preview import serve

        serve(folder, port, lambda url: click.echo(f"Voorbeeld op {url} (stoppen met Ctrl-C)", nl=True))
    except OSError as error:
        click.echo(f"fout: kan de voorbeeldserver niet starten op poort {port}: {error.strerror}", err=True)
        sys.exit(1)
    except Exception as error:  # noqa: BLE001
        _fail(error)
    click.echo("Voorbeeld gestopt.")


@main.command(context_settings=CONTEXT)
@click.argument("naam", metavar="NAAM", cls=Argument,
                help='Naam van de samenwerking, bijvoorbeeld "Regio Rivierenland ICT"; wordt ook de mapnaam.')
@click.option("--vorm", cls=_FormOption, default=None, show_default=True, metavar="VORM")
@click.option("--gemeenten", default=None, metavar="LIJST",
              help='De gemeenten, bijvoorbeeld "Dordrecht, Zwijndrecht en Papendrecht" (standaard: '
                   "Gemeente A, B en C).")
@click.option("--map", "parent", default="content", show_default=True, metavar="MAP",
              help="Map waarin de nieuwe map <naam> komt.")
def nieuw(naam: str, vorm: str, gemeenten: str | None, parent: str) -> None:
    """Begin een nieuwe samenwerking: een map met toegelichte YAML."""
    try:
        from .nieuw import create, parse_gemeenten

        names = parse_gemeenten(gemeenten) if gemeenten is not None else None
        result = create(naam, vorm, names, Path(parent))
    except Exception as error:  # noqa: BLE001
        _fail(error)
        return
    folder = result.folder
    click.echo(f"Nieuwe samenwerking in {folder}/ ({len(result.files)} bestanden).")
    click.echo(f"Documenten: {', '.join(result.documents)}.")
    click.echo("Verder:")
    click.echo(f"  samenwerking preview {folder}    alle stukken in de browser, ververst bij elke wijziging")
    click.echo(f"  samenwerking build {folder}      Word en PDF in output/")
    click.echo('Vul in wat begint met "Beschrijf hier", de namen N.N. en de waarden "(invullen)"; '
               "de uitleg staat in de bestanden zelf en in docs/nieuw.md.")


@main.command(context_settings=CONTEXT)
@click.argument("revisies", nargs=-1, required=True, metavar="REV_OUD [REV_NIEUW] [INHOUD]", cls=Argument,
                help="De vastgestelde en de nieuwe revisie (commit, tag of branch; zonder REV_NIEUW de werkmap), "
                     "en de map met inhoud.")
@click.option("--integraal", is_flag=True,
              help="Stel de hele tekst opnieuw vast (\"... te wijzigen, zodat deze komt te luiden als volgt:\"), "
                   "met nieuwe nummers.")
@click.option("--nummering", type=click.Choice(["behouden", "vernummeren"]), default="behouden", show_default=True,
              help="behouden: bestaande nummers blijven, een ingevoegd artikel krijgt een letter (14a); "
                   "vernummeren: doorlopend opnieuw nummeren (\"onder vernummering van ...\").")
@click.option("--out", "out_dir", default="output", show_default=True, metavar="MAP",
              help="Map waarin output/<samenwerking>/ komt.")
@click.option("--formaat", default="docx,pdf", show_default=True, metavar="LIJST",
              help="Formaten van de wijzigingsregeling en de raadsvoorstellen: docx, pdf, html, stop "
                   "(STOP-XML van de wijzigingsregeling). "
                   "De redline is altijd een DOCX.")
@click.option("--overschrijf", is_flag=True,
              help="Overschrijf met de hand gewijzigde uitvoer; er blijft een reservekopie staan.")
def wijziging(revisies: tuple[str, ...], integraal: bool, nummering: str, out_dir: str, formaat: str,
              overschrijf: bool) -> None:
    """Maak de wijzigingsregeling tussen twee git-revisies van de regeling.

    REV_OUD is de vastgestelde regeling (een commit, tag of branch); REV_NIEUW is standaard de
    werkmap. Schrijft de wijzigingsregeling (DOCX en PDF), de tekst met bijgehouden wijzigingen
    (redline, DOCX) en, als de inhoud een raadsvoorstel voor een toestemming-wijziging heeft,
    het raadsvoorstel per gemeente. Zie docs/wijziging.md.
    """
    formats = _formats(formaat)
    if len(revisies) > 3:
        raise click.UsageError("geef hooguit drie argumenten: REV_OUD [REV_NIEUW] [INHOUD]")
    old, new, content = revisies[0], None, None
    rest = revisies[1:]
    if len(rest) == 2:
        new, content = rest
    elif len(rest) == 1:  # REV_NIEUW or INHOUD: a folder that is not also a revision is the content
        if Path(rest[0]).is_dir() and not _is_revision(rest[0]):
            content = rest[0]
        else:
            new = rest[0]
    folder = _content_dir(content)
    _out_dir(out_dir)
    started = time.perf_counter()
    if _amendment_unchanged(folder, Path(out_dir), formats, old, new, integraal, nummering, started):
        return
    _harfbuzz_notice(formats)
    try:
        from .wijziging.maak import wijziging as run

        result = run(folder, old, new, Path(out_dir), formats, integraal=integraal, nummering=nummering,
                     overwrite=overschrijf)
    except Exception as error:  # noqa: BLE001 - every failure gets a Dutch message and an exit code
        _fail(error)
        return
    _print_report(result.report)
    for note in result.opmerkingen:
        click.echo(note)
    what = "integraal" if integraal else f"{result.opdrachten} wijziging(en)"
    click.echo(f"Wijzigingsregeling ({what}) in {time.perf_counter() - started:.1f} s.")


def _amendment_unchanged(folder: Path, out_dir: Path, formats, old: str, new: str | None, integraal: bool,
                         nummering: str, started: float) -> bool:
    """``wijziging``'s fast path, as ``build``'s: nothing changed since the last run with these revisions,
    options and formats, said from the manifest without importing the model, Jinja or the writers."""
    from types import SimpleNamespace

    from . import snel

    try:
        found = snel.answer(folder, out_dir, snel.amendment(folder, formats, old, new, integraal, nummering))
    except Exception:  # noqa: BLE001 - the fast path only ever answers "unchanged"; anything odd goes the normal way
        return False
    if found is None:
        return False
    entry, paths = found
    details = entry.get("gegevens") or {}
    _print_report(SimpleNamespace(backups=[], written=[], unchanged=paths))
    for note in details.get("opmerkingen", []):
        click.echo(note)
    what = "integraal" if integraal else f"{details.get('opdrachten', 0)} wijziging(en)"
    click.echo(f"Wijzigingsregeling ({what}) in {time.perf_counter() - started:.1f} s (niets veranderd).")
    return True


def _is_revision(value: str) -> bool:
    from .source import is_revision

    return is_revision(Path.cwd(), value)


@main.command(context_settings=CONTEXT)
@click.argument("bron", metavar="BRON", cls=Argument,
                help="De regeling: platte tekst, een .docx of de XML van de officiële bekendmaking.")
@click.option("--map", "map_", default=None, metavar="MAP",
              help="Map die wordt gemaakt (standaard content/<naam>); een bestaande map wordt nooit overschreven.")
@click.option("--naam", default=None, metavar="NAAM",
              help="Korte naam van de samenwerking (standaard: uit de citeertitel).")
def importeer(bron: str, map_: str | None, naam: str | None) -> None:
    """Lees een geldende regeling in (tekst, DOCX of XML) als inhoudsmap. Zie docs/importeer.md."""
    try:
        from .importeer import importeer as run

        result = run(Path(bron), Path(map_) if map_ else None, naam)
    except Exception as error:  # noqa: BLE001 - every failure gets a Dutch message and an exit code
        _fail(error)
        return
    click.echo(f"{result.map}/: {result.artikelen} artikelen, gemeenten {', '.join(result.gemeenten)} "
               f"(ingelezen uit {result.bron} in {result.seconden:.1f} s).")
    for item in result.onopgelost:
        click.echo(f"verwijzing niet omgezet: {bron}:{item.regel}:{item.kolom}: \"{item.tekst}\": {item.reden}")
    for note in result.opmerkingen:
        click.echo(f"opmerking: {note}")
    if result.opgaven:
        click.echo(f"Wat de Wgr nog vraagt ({len(result.opgaven)}; opgaven voor een wijziging, stadium geldend):")
        for line in result.opgaven:
            click.echo(f"  {line}")
    else:
        click.echo("De regeling voldoet aan wat de controle tegen de Wgr nagaat.")


@main.command(context_settings=CONTEXT)
@click.argument("bestand", metavar="BESTAND", type=click.Path(path_type=Path), cls=Argument,
                help="Een gemaakte .docx of .pdf.")
def tekst(bestand: Path) -> None:
    """Toon de tekst van een DOCX of PDF (voor git diff, zie docs/git.md)."""
    if not bestand.is_file():
        click.echo(f"fout: bestand niet gevonden: {bestand}" if not bestand.exists()
                   else f"fout: {bestand} is geen bestand", err=True)
        sys.exit(2)
    try:
        from .textconv import text_of

        click.echo(text_of(bestand), nl=False)
    except Exception as error:  # noqa: BLE001
        _fail(error)


#: Allocations between two collections of Python's youngest generation (Python's own: 700). A build
#: makes many short-lived objects (pydantic, Jinja, WeasyPrint's boxes); collecting them less often
#: took a tenth off the CPU time of a cold build of the example, at the same peak memory (docs/snelheid.md).
YOUNG_GENERATION = 2000


def run() -> None:
    """The console script: the click group, with click's own usage errors said in Dutch."""
    gc.set_threshold(YOUNG_GENERATION, *gc.get_threshold()[1:])
    try:
        main.main(standalone_mode=False)
    except click.exceptions.NoSuchOption as error:
        hint = f"; bedoelde u {' of '.join(error.possibilities)}?" if error.possibilities else ""
        _usage(error, f"onbekende optie {error.option_name}{hint}")
    except click.exceptions.MissingParameter as error:
        name = error.param.human_readable_name if error.param else "een argument"
        _usage(error, f"{name} ontbreekt")
    except click.exceptions.NoArgsIsHelpError as error:  # pragma: no cover - depends on click version
        click.echo(error.ctx.get_help() if error.ctx else str(error))
        sys.exit(0)
    except click.exceptions.BadParameter as error:
        hint = error.param_hint or (error.param.get_error_hint(error.ctx) if error.param and error.ctx else "")
        message = error.message
        if "is not a valid integer" in message or "is not in the range" in message:
            message = f"verwacht een geheel getal van 0 tot en met 65535, gevonden {message.split(' is ')[0]}"
        elif "is not one of" in message:
            message = f"kies uit {message.split('is not one of', 1)[1].strip().rstrip('.')}"
        elif "does not exist" in message:
            message = f"bestand of map niet gevonden: {message.split(chr(39))[1] if chr(39) in message else message}"
        elif "is a directory" in message or "is not readable" in message or "is not writable" in message:
            message = f"kan {message.split(chr(39))[1] if chr(39) in message else message} niet gebruiken"
        _usage(error, f"ongeldige waarde voor {hint.strip(chr(39))}: {message}" if hint else message)
    except click.exceptions.UsageError as error:
        message = _dutch_usage(error.format_message())
        if message.startswith("No such command"):
            import difflib

            wanted = message.split("'")[1] if "'" in message else message
            close = difflib.get_close_matches(wanted, list(main.commands), n=1)
            message = f'onbekende opdracht "{wanted}"' + (f'; bedoelde u "{close[0]}"?' if close else "")
        _usage(error, message)
    except click.exceptions.Abort:
        click.echo("afgebroken.", err=True)
        sys.exit(1)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)


#: click's other usage errors, said in Dutch.
_USAGE_MESSAGES = (
    (re.compile(r"^Got unexpected extra arguments? \((.*)\)$"), "onverwacht extra argument: {0}"),
    (re.compile(r"^Option '(.+)' requires an argument\.$"), "optie {0} vraagt een waarde"),
    (re.compile(r"^Option '(.+)' requires (\d+) arguments\.$"), "optie {0} vraagt {1} waarden"),
    (re.compile(r"^Option '(.+)' does not take a value\.$"), "optie {0} neemt geen waarde"),
)


def _dutch_usage(message: str) -> str:
    for pattern, dutch in _USAGE_MESSAGES:
        match = pattern.match(message)
        if match:
            return dutch.format(*match.groups())
    return message


def _usage(error: click.exceptions.UsageError, message: str) -> None:
    command = error.ctx.command_path if error.ctx else "samenwerking"
    click.echo(f"fout: {message}\nZie: {command} --help", err=True)
    sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    run()
