"""The command line: ``sop validate``, ``sop new``, ``sop import`` and friends."""

from .main import main

__all__ = ["main"]
