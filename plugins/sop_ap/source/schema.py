"""The JSON Schema of an SOP file, generated from the model, for editors and other systems."""

from __future__ import annotations

import json
from pathlib import Path

from ..engine.model import Sop

SCHEMA_ID = "https://sop-ap.github.io/schema/sop.schema.json"
SCHEMA_PATH = Path("docs") / "schema" / "sop.schema.json"
"""Where the schema lives in the project; MkDocs publishes it with the site."""


def sop_json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of one SOP file."""
    schema = Sop.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text() -> str:
    """The schema as stable, pretty JSON text (the committed file must equal this)."""
    return json.dumps(sop_json_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def schema_ref_for(sop_file: Path, project_root: Path) -> str:
    """The relative path from an SOP file to the schema, for its ``yaml-language-server`` comment."""
    import os

    return Path(os.path.relpath(project_root / SCHEMA_PATH, sop_file.parent)).as_posix()
