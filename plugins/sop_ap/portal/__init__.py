"""Portal mode: an index site over many registries' published data (see :mod:`sop_ap.portal.build`)."""
