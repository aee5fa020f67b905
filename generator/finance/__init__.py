"""The finance engine: cost lines of scenarios → figures per year, per gemeente, per scenario.

- ``allocation``: split an amount over gemeenten to the cent (largest remainder).
- ``keys``: the share of each gemeente under a verdeelsleutel, as exact fractions.
- ``engine``: the multi-year estimate, cumulative difference, payback year, net
  present value and the multi-criteria comparison (``Financieel``).
- ``validation``: what ``samenwerking check`` reports about ``financien``.
- ``part``: registers the deriver (``afgeleid.financien``), the check and the charts.

Pure Python: ``Decimal`` for money, ``fractions.Fraction`` for shares, so every
step is exact and a controller can recompute it (docs/financien.md).
"""
