"""The amendment of the regulation between two git revisions (``samenwerking wijziging``).

Both revisions come from ``generator.source`` (the one git helper) and run through the one
pipeline of ``generator.build``; the documents are declared in ``templates/documenten/``
(``revisies: 2``).

- ``bron``: both versions loaded and derived with the project's own machinery, the new one
  numbered for the amendment (numbers kept, or renumbered) and derived with the old as input;
- ``part``: the amendment as derived state (``afgeleid.wijzigingsregeling``), its references
  and its decision;
- ``indeling``: how the two versions line up, by id (shared by the next two);
- ``opdrachten``: the instructions of Artikel I, worded as the Aanwijzingen voor de
  regelgeving prescribe, checked by carrying them out on a simulation of the text;
- ``redline``: what changed in the regulation, in the order of the text (marked up as
  ``<ins>``/``<del>`` by its template: Word tracked changes);
- ``woorden``: word-level comparison, quotable fragments;
- ``samenvatting``: what changes, for the toelichting;
- ``maak``: the command: both sources, the documents through ``build.write``.

See docs/wijziging.md.
"""
