"""The Pyodide runtime with our engine wheel, prepared once per test session, and a Node runner."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from sop_ap.render import pyodide_assets

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "sop" / "downloads"

NODE_RUNNER = r"""
import { loadPyodide } from "%(index)spyodide.mjs";
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
const snapshot = %(snapshot)s;
const py = await loadPyodide({
  indexURL: "%(index)s", lockFileURL: "%(index)spyodide-lock.json",
  ...(snapshot ? { _loadSnapshot: new Uint8Array(gunzipSync(readFileSync(snapshot))) } : {}),
});
await py.loadPackage(["sop-ap-engine"], { messageCallback: () => {} });
const bridge = py.pyimport("sop_ap.engine.bridge");
const jobs = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = [];
for (const job of jobs) {
  out.push(bridge.handle(job.cmd, JSON.stringify(job.args)));
}
process.stdout.write(JSON.stringify(out));
"""


def require_node() -> str:
    node = shutil.which("node")
    if node is None:
        raise AssertionError("Node.js tidak terpasang: jalankan 'bash tools/setup.sh' (paket Debian 'nodejs').")
    return node


@pytest.fixture(scope="session")
def pyodide_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the Pyodide runtime, pydantic wheels, our engine wheel and the lock file."""
    target = tmp_path_factory.mktemp("pyodide")
    pyodide_assets.prepare(target, CACHE)
    return target


def run_in_pyodide(pyodide_dir: Path, jobs: list[dict], workdir: Path, snapshot: Path | None = None) -> list[str]:
    """Run bridge commands inside Pyodide under Node; returns the JSON answers as text. With ``snapshot``
    (the widget's gzip-compressed start-up snapshot) Pyodide restores it instead of starting Python."""
    script = workdir / "runner.mjs"
    script.write_text(NODE_RUNNER % {"index": pyodide_dir.as_posix() + "/",
                                     "snapshot": json.dumps(snapshot.as_posix() if snapshot else None)},
                      encoding="utf-8")
    jobs_file = workdir / "jobs.json"
    jobs_file.write_text(json.dumps(jobs, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([require_node(), str(script), str(jobs_file)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)
