"""Rendering the coverage report (:func:`zjgraph.coverage.coverage`): the sections, columns and words in Chinese
and English (:mod:`.labels`), and one module per format: :mod:`.text` (a terminal), :mod:`.markdown`,
:mod:`.html` (one page to print), :mod:`.xlsx` (Excel). CSV is :func:`zjgraph.output.render_csv` of
:func:`.labels.section_rows`."""
