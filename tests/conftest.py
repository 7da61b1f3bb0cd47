"""Suite-wide settings: in CI (CI=true), property tests are derandomized so a clean clone gives the same
examples every run; on a developer machine they explore new examples and keep failures in .hypothesis/."""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
    settings.load_profile("ci")
