"""From plain data (parsed YAML or JSON) to a validated SOP and its diagnostics."""

from __future__ import annotations

from collections.abc import Callable

from pydantic import ValidationError

from .checks import check_sop
from .diagnostics import Diagnostic, Path
from .errors import pydantic_diagnostics
from .model import Sop


def validate_data(data: object, exists: Callable[[Path], bool] | None = None) -> tuple[Sop | None, list[Diagnostic]]:
    """Validate one SOP's data: field types first, then the checks of the SOP as a whole."""
    try:
        sop = Sop.model_validate(data)
    except ValidationError as exc:
        return None, pydantic_diagnostics(exc, exists)
    from .simulation import check_scenarios  # simulation imports checks: import here, not at the top

    return sop, check_sop(sop) + check_scenarios(sop)
