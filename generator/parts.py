"""The parts of a cooperation's content that register derivers, checks and charts.

Importing a module registers it (``@deriver``, ``@check``, ``@chart``); the build
imports this module once. A new part adds one import line here. The order of the
imports does not matter: the derivers run in the order of what they need, checked
below (a missing provider or a cycle stops here, before any content is read).
"""

from . import checks, derive  # noqa: F401 - the base derivers and checks
from . import raadsvoorstel  # noqa: F401,E402 - raadsvoorstel per gemeente
from . import versions  # noqa: F401,E402 - version table and source revision
from .finance import part as _finance  # noqa: F401 - financien: afgeleid.financien, checks, charts
from . import regeling  # noqa: F401,E402 - the gemeenschappelijke regeling (issue 4)
from . import proces, plan, plan_grafieken  # noqa: F401 - planning, plan van aanpak and their charts
from .wijziging import part as _wijziging  # noqa: F401,E402 - the amendment: references and its decision (issue 7)

derive.check_registry()
