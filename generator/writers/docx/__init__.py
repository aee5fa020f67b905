"""DOCX writer: the intermediate HTML tree → a Word document with the house style's Word styles.

A package, one module per job:

- ``mapping``: the one table from vocabulary element/class to Word behaviour;
- ``styles``: the house style's ``sjabloon.docx`` (all styles, page set-up), read and prepared
  once per process (``Template``); missing styles come from the standard template, the writer
  sets no fonts, sizes or colours of its own and changes no style;
- ``walker``: the tree walk (paragraphs, headings, containers, figures);
- ``inline``: words, formatting, hyperlinks, tracked changes (``<ins>``, ``<del>``);
- ``wordml``: paragraphs and their properties built as XML in the schema's order;
- ``tables``, ``numbering``: tables and lists;
- ``page``: running header and footer; ``packaging``: properties and a reproducible zip
  (written once; parts the same in every document compressed once per process).

An element this writer does not know is a build error. The result is reproducible: fixed
dates in the core properties and in the zip.
"""

from .packaging import normalize_zip
from .tables import auto_widths
from .walker import DocxWriter, write_docx

__all__ = ["DocxWriter", "auto_widths", "normalize_zip", "write_docx"]
