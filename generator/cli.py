"""The ``samenwerking`` command line.

Only click is imported at start-up; the model, Jinja, python-docx and WeasyPrint
are imported by the command that needs them, so ``--help`` answers at once.

Exit codes: 0 success, 2 invalid content (or invalid use), 1 anything else.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from . import __version__

DEFAULT_CONTENT = Path("content") / "drechtsteden"


class _DutchHelp:
    """Dutch headings for click's help pages."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Toon deze hulp en stop."
        return option

    def format_usage(self, ctx, formatter):
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Gebruik: ")

    def format_options(self, ctx, formatter):
        records = [r for p in self.get_params(ctx) if (r := p.get_help_record(ctx)) is not None]
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

    def format_commands(self, ctx, formatter):  # listed in format_options already
        pass


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
    if os.environ.get("SAMENWERKING_DEBUG"):
        raise error
    click.echo(
        f"interne fout: {type(error).__name__}: {error}\n"
        "Dit is een fout in samenwerking zelf, niet in uw inhoud. "
        "Zet SAMENWERKING_DEBUG=1 voor de volledige melding.",
        err=True,
    )
    sys.exit(1)


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


def _formats(value: str) -> tuple[str, ...]:
    from_build = ("docx", "pdf", "html")
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


@main.command(context_settings=CONTEXT)
@click.argument("content_dir", required=False, metavar="[INHOUD]")
@click.option("--out", "out_dir", default="output", show_default=True, metavar="MAP",
              help="Map waarin output/<samenwerking>/ komt.")
@click.option("--formaat", default="docx,pdf", show_default=True, metavar="LIJST",
              help="Formaten, gescheiden door komma's: docx, pdf, html.")
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
    started = time.perf_counter()
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


@main.command(context_settings=CONTEXT)
@click.argument("content_dir", required=False, metavar="[INHOUD]")
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
@click.argument("content_dir", required=False, metavar="[INHOUD]")
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
@click.argument("naam")
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
@click.argument("revisies", nargs=-1, required=True, metavar="REV_OUD [REV_NIEUW] [INHOUD]")
@click.option("--integraal", is_flag=True,
              help="Stel de hele tekst opnieuw vast (\"... te wijzigen, zodat deze komt te luiden als volgt:\"), "
                   "met nieuwe nummers.")
@click.option("--nummering", type=click.Choice(["behouden", "vernummeren"]), default="behouden", show_default=True,
              help="behouden: bestaande nummers blijven, een ingevoegd artikel krijgt een letter (14a); "
                   "vernummeren: doorlopend opnieuw nummeren (\"onder vernummering van ...\").")
@click.option("--out", "out_dir", default="output", show_default=True, metavar="MAP",
              help="Map waarin output/<samenwerking>/ komt.")
@click.option("--formaat", default="docx,pdf", show_default=True, metavar="LIJST",
              help="Formaten van de wijzigingsregeling en de raadsvoorstellen: docx, pdf, html. "
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
    started = time.perf_counter()
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


def _is_revision(value: str) -> bool:
    import subprocess

    try:
        found = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{value}^{{commit}}"],
                               capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return found.returncode == 0


@main.command(context_settings=CONTEXT)
@click.argument("bestand", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def tekst(bestand: Path) -> None:
    """Toon de tekst van een DOCX of PDF (voor git diff, zie docs/git.md)."""
    try:
        from .textconv import text_of

        click.echo(text_of(bestand), nl=False)
    except Exception as error:  # noqa: BLE001
        _fail(error)


def run() -> None:
    """The console script: the click group, with click's own usage errors said in Dutch."""
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
        _usage(error, f"ongeldige waarde voor {hint.strip(chr(39))}: {message}" if hint else message)
    except click.exceptions.UsageError as error:
        message = error.format_message()
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


def _usage(error: click.exceptions.UsageError, message: str) -> None:
    command = error.ctx.command_path if error.ctx else "samenwerking"
    click.echo(f"fout: {message}\nZie: {command} --help", err=True)
    sys.exit(2)


if __name__ == "__main__":  # pragma: no cover
    run()
