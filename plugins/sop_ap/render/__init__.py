"""Rendering the registry: SOP pages, indexes, paper layout, flowcharts, site data and widget assets.

Knows nothing of MkDocs; ``sop_ap.mkdocs_plugin`` is the thin adapter."""
