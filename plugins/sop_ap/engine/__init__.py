"""The engine: the SOP model, its checks, the flow graph and durations.

It depends on pydantic only (no MkDocs, Graphviz or YAML), because it also runs in the browser
under Pyodide.
"""

from .diagnostics import Diagnostic
from .durations import Duration, DurationKind, TimeRange, WORKING_TIME_CONVENTION, format_minutes, parse_duration
from .flow import FlowGraph
from .model import Alur, Flowchart, Keterkaitan, Kutipan, Langkah, Pelaksana, Pengesahan, Sop, Tanggal
from .validate import validate_data

__all__ = [
    "Alur", "Diagnostic", "Duration", "DurationKind", "FlowGraph", "Flowchart", "Keterkaitan", "Kutipan",
    "Langkah", "Pelaksana", "Pengesahan", "Sop", "Tanggal", "TimeRange", "WORKING_TIME_CONVENTION",
    "format_minutes", "parse_duration", "validate_data",
]
