"""Where a build comes from: the version table in the content and the git revision.

``revision`` is that of the last commit that changed the content folder, so
committing something else does not change the documents. Uncommitted changes in
the content folder are marked; outside a git repository there is no revision.
The revision itself is read by ``generator.source`` (the one git helper).
A build stamps each document with its own revision (``History.revision``): the last
commit that changed one of its inputs (see docs/snelheid.md).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .checks import Finding, check, duplicates
from .derive import Afgeleid, Invoerzicht, deriver
from .model import Gemeente, Inhoud
from .source import GitError, git_text


@dataclass(frozen=True)
class Versiestand:
    versie: str | None  # the latest version in the version table (``afgeleid.bronrevisie`` is an input)


@deriver(Versiestand)
def _versie(inhoud: Inhoud, nodig: Invoerzicht) -> Versiestand:
    return Versiestand(inhoud.versies[-1].versie if inhoud.versies else None)


@check
def _versions_in_order(inhoud: Inhoud, afgeleid: Afgeleid):
    versions = inhoud.versies or []
    for earlier, later in zip(versions, versions[1:]):
        if later.datum < earlier.datum:
            yield Finding(later.pad + ("datum",), "de versies staan niet op volgorde van datum (oudste eerst)",
                          related=earlier.pad + ("datum",))
    yield from duplicates(versions, "versie", "versie")


# --- Per-document revisions -------------------------------------------------------------------
#
# A document carries the revision of what it is made from, not of the whole folder: the last
# commit that changed one of its inputs, plus "+wijzigingen" when one of its inputs has
# uncommitted changes. Its inputs are every value of the content except the gemeenten, and of
# the gemeenten the fields it reads (naam, field): those read while deriving (shares, planning:
# they count for every document) and those read while rendering it. So an edit of one
# gemeente's portefeuillehouder touches that gemeente's raadsvoorstel only. See docs/snelheid.md.

ALLES = "alles"  # a change that touches every document
REVISION_PLACEHOLDER = "bronrevisie-000000000000"  # rendered in place of the revision, then replaced


@dataclass(frozen=True)
class History:
    """The content folder's commits newest first, each with what it changed, and the uncommitted changes."""

    commits: tuple[tuple[str, object], ...]  # (12 hex, ALLES or frozenset of (gemeente, field)); ends with ALLES
    uncommitted: object  # ALLES, or a frozenset of (gemeente, field) (empty: nothing uncommitted)

    def revision(self, reads: set[tuple[str, str]]) -> str | None:
        """The revision of a document that read these gemeente fields (and every other value)."""
        base = next((commit for commit, changed in self.commits if changed == ALLES or changed & reads), None)
        if base is None:
            return None
        dirty = self.uncommitted == ALLES or bool(self.uncommitted & reads)
        return base + ("+wijzigingen" if dirty else "")


@contextmanager
def gemeente_reads():
    """Record which fields of which gemeente are read inside the block: a set of (naam, field)."""
    seen: set[tuple[str, str]] = set()
    fields = frozenset(Gemeente.model_fields)

    def tracking(self, name):
        if name in fields:
            seen.add((object.__getattribute__(self, "naam"), name))
        return object.__getattribute__(self, name)

    had_own = "__getattribute__" in Gemeente.__dict__
    previous = Gemeente.__dict__.get("__getattribute__")
    Gemeente.__getattribute__ = tracking
    try:
        yield seen
    finally:
        if had_own:
            Gemeente.__getattribute__ = previous
        else:
            del Gemeente.__getattribute__


def history(folder: Path) -> History | None:
    """What each commit of the content folder changed, back to the last one that changed more
    than gemeente fields; None outside git or before the first commit."""
    folder = folder.resolve()
    try:
        log = git_text(folder, "log", "--format=%x01%H", "--name-only", "--relative", "--", ".")
        if not log:
            return None
        commits: list[tuple[str, object]] = []
        for block in log.split("\x01")[1:]:
            commit, *names = [line for line in block.splitlines() if line.strip()]
            changed = _changes(folder, names, f"{commit}^", commit)
            commits.append((commit[:12], changed))
            if changed == ALLES:
                break
        else:
            commits.append((commits[-1][0], ALLES))  # the first commit made everything
        names = git_text(folder, "diff", "HEAD", "--name-only", "--relative", "--", ".").splitlines()
        names += git_text(folder, "ls-files", "--others", "--exclude-standard", "--", ".").splitlines()
        uncommitted = _changes(folder, [n for n in names if n.strip()], "HEAD", None)
    except GitError:
        return None
    return History(tuple(commits), uncommitted)


def _changes(folder: Path, names: list[str], old: str, new: str | None) -> object:
    """ALLES, or the (gemeente, field) pairs that differ between two versions of these files
    (``new`` None: the working tree). Only differences under the ``gemeenten`` key are this fine."""
    from .loader import parse_quietly

    pairs: set[tuple[str, str]] = set()
    for name in names:
        if not name.endswith((".yaml", ".yml")):
            return ALLES
        # Through the loader's bounds (size, aliases, nesting, links out of the folder): history is
        # read before the content is checked, so an alias bomb must not get further here either.
        try:
            before = parse_quietly(folder / name, git_text(folder, "show", f"{old}:./{name}"))
            after = parse_quietly(folder / name, git_text(folder, "show", f"{new}:./{name}") if new else None)
        except (GitError, UnicodeDecodeError):
            return ALLES
        if before is None or after is None:
            return ALLES
        if before == after:
            continue  # comments or layout only
        if not isinstance(before, dict) or not isinstance(after, dict):
            return ALLES
        if any(before.get(key) != after.get(key) for key in set(before) | set(after) if key != "gemeenten"):
            return ALLES
        old_list, new_list = before.get("gemeenten"), after.get("gemeenten")
        if not isinstance(old_list, list) or not isinstance(new_list, list) or len(old_list) != len(new_list):
            return ALLES
        for was, now in zip(old_list, new_list):
            if was == now:
                continue
            if not isinstance(was, dict) or not isinstance(now, dict) or was.get("naam") != now.get("naam"):
                return ALLES
            pairs.update((str(now["naam"]), key) for key in set(was) | set(now) if was.get(key) != now.get(key))
    return frozenset(pairs)
