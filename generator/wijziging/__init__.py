"""The amendment of the regulation between two git revisions (``samenwerking wijziging``).

- ``git``: the content folder as it stood at a revision, or in the working tree;
- ``bron``: both versions loaded and derived with the project's own machinery, the new one
  numbered for the amendment (numbers kept, or renumbered);
- ``indeling``: how the two versions line up, by id (shared by the next two);
- ``opdrachten``: the instructions of Artikel I, worded as the Aanwijzingen voor de
  regelgeving prescribe, checked by carrying them out on a simulation of the text;
- ``redline``: the regulation with ``<ins>``/``<del>`` (Word tracked changes);
- ``woorden``: word-level comparison, quotable fragments;
- ``samenvatting``: what changes, for the toelichting;
- ``maak``: the command: documents, files, manifest;
- ``part``: the ``wijziging`` part of the content (references, its decision).

See docs/wijziging.md.
"""
