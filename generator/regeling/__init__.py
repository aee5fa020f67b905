"""The gemeenschappelijke regeling as structured law.

- ``numbering``: derived and frozen numbers, the wording of references (Ar);
- ``clausules``: the clause library in ``templates/clausules/``;
- ``tekst``: the deriver that expands clauses, numbers everything and words references;
- ``wgr``: the checks against the Wet gemeenschappelijke regelingen.

Importing this package registers the deriver and the checks.
"""

from . import tekst, wgr  # noqa: F401 - registers the deriver and the checks
