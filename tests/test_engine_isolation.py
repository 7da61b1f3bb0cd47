"""The engine imports and works with MkDocs, Material, Graphviz and YAML blocked: it is what runs in Pyodide."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sop_ap.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
BLOCKER = """
import importlib.abc, sys
BLOCKED = {"mkdocs", "material", "graphviz", "yaml", "_yaml"}
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"blocked: {name}")
sys.meta_path.insert(0, Block())
"""
ENGINE_RUN = BLOCKER + """
import json
data = json.loads(sys.stdin.read())
from sop_ap.engine import FlowGraph, validate_data
from sop_ap.engine.bridge import handle
sop, found = validate_data(data)
assert sop is not None and not [d for d in found if d.level == "error"]
print(json.dumps({"time": FlowGraph(sop.flowcharts[0]).main_path_time().label(),
                  "bridge": json.loads(handle("load", json.dumps({"sop": data})))["ok"],
                  "leaked": sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)}))
"""


def _run(code: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], input=stdin, capture_output=True, text=True, timeout=120)


def test_engine_works_without_mkdocs_graphviz_and_yaml() -> None:
    entry = load_registry(ROOT / "sops").by_id["kabupaten-balangan/kecamatan-juai/penyusunan-rencana-kinerja-tahunan"]
    data = entry.sop.model_dump(mode="json", exclude_none=True)
    result = _run(ENGINE_RUN, json.dumps(data))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out == {"time": "3 hari 3 jam 20 menit", "bridge": True, "leaked": []}


def test_the_blocker_really_blocks() -> None:
    result = _run(BLOCKER + "import sop_ap.yaml_source\n")
    assert result.returncode != 0 and "blocked: yaml" in result.stderr
    result = _run(BLOCKER + "import sop_ap.flowchart\n")
    assert result.returncode != 0 and "blocked: graphviz" in result.stderr
    result = _run(BLOCKER + "import sop_ap.mkdocs_plugin\n")
    assert result.returncode != 0 and "blocked: mkdocs" in result.stderr
