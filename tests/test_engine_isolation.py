"""The engine imports and works with MkDocs, Material, Graphviz and YAML blocked: it is what runs in the
browser (Pyodide), where none of them is installed."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from helpers import BAJENG_FILE, JUAI_FILE, seed_data

BLOCKER = """
import importlib.abc, sys
BLOCKED = {"mkdocs", "material", "graphviz", "yaml", "_yaml"}
already = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
if already:
    raise SystemExit(f"imported before the blocker: {already}")

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"blocked: {name}")
        return None

sys.meta_path.insert(0, Block())
"""

ENGINE_RUN = BLOCKER + """
import json
seeds = json.loads(sys.stdin.read())
from sop_ap.engine import FlowGraph, validate_data
out = {}
for name, data in seeds.items():
    sop, found = validate_data(data)
    assert sop is not None, [d.message for d in found]
    graph = FlowGraph(sop.flowcharts[0])
    main = graph.main_path_time()
    out[name] = {
        "errors": [d.code for d in found if d.level == "error"],
        "warnings": sorted([d.code, d.field_path] for d in found if d.level == "warning"),
        "main_path": [sop.flowcharts[0].steps[r].no for r in graph.main_path()],
        "minutes": [main.min_minutes, main.max_minutes],
        "label": main.label(),
    }
out["leaked"] = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
out["pydantic"] = "pydantic" in sys.modules
print(json.dumps(out))
"""


def _run(code: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], input=stdin, capture_output=True, text=True, timeout=120)


def test_engine_works_without_mkdocs_graphviz_and_yaml() -> None:
    seeds = {"bajeng": seed_data(BAJENG_FILE), "juai": seed_data(JUAI_FILE)}
    result = _run(ENGINE_RUN, json.dumps(seeds))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["leaked"] == []
    assert out["pydantic"] is True
    assert out["bajeng"] == {
        "errors": [],
        "warnings": [["kegiatan-bersubjek", "langkah[0].kegiatan"], ["kegiatan-bersubjek", "langkah[1].kegiatan"],
                     ["kegiatan-bersubjek", "langkah[3].kegiatan"]],
        "main_path": [1, 2, 3, 4, 5, 6, 7, 8, 9],
        "minutes": [330, 330],
        "label": "5 jam 30 menit",
    }
    assert out["juai"] == {
        "errors": [],
        "warnings": [["nip-tidak-lengkap", "disahkan.nip"], ["nomor-loncat", "langkah[5].no"],
                     ["pelaksana-tak-dipakai", "pelaksana[1]"]],
        "main_path": [1, 2, 3, 4, 5, 8, 9],
        "minutes": [1550, 1550],
        "label": "3 hari 3 jam 20 menit",
    }


def test_the_bridge_works_without_yaml() -> None:
    code = BLOCKER + """
import json
from sop_ap.engine.bridge import handle
reply = json.loads(handle("load", json.dumps({"sop": json.loads(sys.stdin.read())})))
print(json.dumps({"ok": reply["ok"], "leaked": sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)}))
"""
    result = _run(code, json.dumps(seed_data(JUAI_FILE)))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"ok": True, "leaked": []}


@pytest.mark.parametrize("module,blocked", [
    ("sop_ap.source.yaml_source", "yaml"),
    ("sop_ap.source.registry", "yaml"),
    ("yaml.constructor", "yaml"),
    ("sop_ap.render.flowchart", "graphviz"),
    ("sop_ap.mkdocs_plugin", "mkdocs"),
    ("material", "material"),
])
def test_the_blocker_really_blocks(module: str, blocked: str) -> None:
    """Negative control: modules that need a blocked package fail to import in the same subprocess."""
    result = _run(BLOCKER + f"import {module}\n")
    assert result.returncode != 0
    assert "ImportError" in result.stderr or "ModuleNotFoundError" in result.stderr
    assert f"blocked: {blocked}" in result.stderr


def test_without_the_blocker_the_same_imports_work() -> None:
    """Control of the control: the failures above come from the blocker, not from a broken install."""
    result = _run("import sop_ap.source.yaml_source, sop_ap.source.registry, yaml\nprint('ok')\n")
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr


def _imported_subpackages(path) -> set[str]:
    """The sop_ap sub-packages (``engine``, ``source``, ...) and outside packages a module imports."""
    import ast
    from pathlib import Path

    root = Path(sop_ap_root())
    rel_parts = path.relative_to(root).with_suffix("").parts
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(rel_parts[: len(rel_parts) - node.level])
                target = base + (node.module.split(".") if node.module else [])
                if not target:  # "from .. import x": x is a sub-package or module of sop_ap
                    target = [alias.name for alias in node.names][:1]
                found.add("sop_ap." + target[0])
            elif node.module:
                found.add(node.module.split(".")[0] if not node.module.startswith("sop_ap.")
                          else "sop_ap." + node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                found.add(alias.name.split(".")[0] if not alias.name.startswith("sop_ap.")
                          else "sop_ap." + alias.name.split(".")[1])
    return found


def sop_ap_root() -> str:
    import sop_ap
    from pathlib import Path

    return str(Path(sop_ap.__file__).parent)


# Which stages each stage may use: data flows sops -> source -> render -> mkdocs_plugin, never back.
ALLOWED = {
    "engine": {"sop_ap.engine", "sop_ap.__init__"},
    "source": {"sop_ap.engine", "sop_ap.source", "sop_ap.data"},
    "render": {"sop_ap.engine", "sop_ap.source", "sop_ap.render", "sop_ap.__init__"},
    "importer": {"sop_ap.engine", "sop_ap.source", "sop_ap.importer"},
}


@pytest.mark.parametrize("stage", sorted(ALLOWED))
def test_stages_import_only_earlier_stages(stage):
    from pathlib import Path

    root = Path(sop_ap_root())
    modules = sorted((root / stage).rglob("*.py"))
    assert modules, stage
    wrong = {}
    for path in modules:
        used = {name for name in _imported_subpackages(path) if name.startswith("sop_ap.")}
        used = {"sop_ap.__init__" if name == "sop_ap.__version__" else name for name in used}
        bad = used - ALLOWED[stage]
        if bad:
            wrong[str(path.relative_to(root))] = sorted(bad)
        if stage in ("source", "render", "engine"):
            outside = _imported_subpackages(path) & {"mkdocs", "material"}
            if outside:
                wrong[str(path.relative_to(root))] = sorted(outside)
    assert wrong == {}, wrong


def test_stage_check_sees_a_backward_import(tmp_path):
    """Negative control: a source module that imports render is reported."""
    import sop_ap
    from pathlib import Path

    root = Path(sop_ap_root())
    probe = root / "source" / "_probe_backward.py"
    probe.write_text("from ..render.summary import sop_summary\n", encoding="utf-8")
    try:
        assert "sop_ap.render" in _imported_subpackages(probe)
    finally:
        probe.unlink()
