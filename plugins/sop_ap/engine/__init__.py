"""The engine: the SOP model, its checks, the flow graph, durations, and the case simulation.

It depends on pydantic only (no MkDocs, Graphviz or YAML), because it also runs in the browser
under Pyodide.
"""

from .diagnostics import Diagnostic
from .durations import Duration, DurationKind, TimeRange, WORKING_TIME_CONVENTION, format_minutes, parse_duration
from .estimate import Estimate, EstimateError, estimate_completion
from .flow import FlowGraph
from .model import Alur, Flowchart, Keterkaitan, Kutipan, Langkah, Pelaksana, Pengesahan, Skenario, Sop, Tanggal
from .simulation import (
    Case, CaseState, LoopLimitReached, ScenarioError, SimulationError, Trace, check_scenarios, run_scenario,
)
from .training import TrainingError, TrainingSession
from .validate import validate_data

__all__ = [
    "Alur", "Case", "CaseState", "Diagnostic", "Duration", "DurationKind", "Estimate", "EstimateError", "FlowGraph",
    "Flowchart", "Keterkaitan", "Kutipan", "Langkah", "LoopLimitReached", "Pelaksana", "Pengesahan",
    "ScenarioError", "SimulationError", "Skenario", "Sop", "Tanggal", "TimeRange", "Trace", "TrainingError",
    "TrainingSession", "WORKING_TIME_CONVENTION", "check_scenarios", "estimate_completion", "format_minutes",
    "parse_duration", "run_scenario", "validate_data",
]
