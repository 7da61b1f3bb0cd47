"""The same engine on CPython and inside Pyodide (under Node) gives identical traces for every scenario
of every SOP file, and the lock file ties together exactly what the widget loads."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from pyodide_env import CACHE, pyodide_dir, run_in_pyodide  # noqa: F401
from sop_ap.render import pyodide_assets
from sop_ap.engine.bridge import handle
from sop_ap.source.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]


def _jobs() -> list[dict]:
    """For every SOP in sops/ and every pattern fixture: load it, trace each scenario; an estimate and a walk."""
    entries = load_registry(ROOT / "sops").entries + load_registry(ROOT / "tests" / "data" / "patterns").entries
    jobs: list[dict] = []
    for entry in entries:
        assert entry.sop is not None
        data = entry.sop.model_dump(mode="json", exclude_none=True)
        jobs.append({"cmd": "load", "args": {"sop": data}})
        for index in range(len(entry.sop.skenario)):
            jobs.append({"cmd": "trace", "args": {"index": index}})
        if "paralel" not in entry.id:  # the estimate refuses parallel branches with a message
            jobs.append({"cmd": "estimate", "args": {}})
        jobs.append({"cmd": "start", "args": {}})
        handle("load", json.dumps({"sop": data}))
        first = json.loads(handle("start", "{}"))["result"]
        if first["choices"]:  # several starts, or a decision first: take the last answer offered
            jobs.append({"cmd": "choose", "args": {"label": first["choices"][-1]["label"]}})
        else:
            jobs.append({"cmd": "advance", "args": {}})
        jobs.append({"cmd": "undo", "args": {}})
    return jobs


@pytest.mark.parametrize("start", ["fresh", "snapshot"])
def test_every_scenario_gives_identical_traces(pyodide_dir: Path, tmp_path: Path, start: str) -> None:
    """Both ways the widget starts Python: from scratch, and restored from the start-up snapshot."""
    jobs = _jobs()
    traces = [j for j in jobs if j["cmd"] == "trace"]
    assert len(traces) >= 4  # both seeds name two scenarios each
    snapshot = pyodide_dir / pyodide_assets.SNAPSHOT_NAME if start == "snapshot" else None
    in_pyodide = run_in_pyodide(pyodide_dir, jobs, tmp_path, snapshot=snapshot)
    on_cpython = [handle(job["cmd"], json.dumps(job["args"])) for job in jobs]
    assert len(in_pyodide) == len(on_cpython)
    for job, a, b in zip(jobs, on_cpython, in_pyodide):
        assert json.loads(a)["ok"], a
        assert a == b, f"{job['cmd']}: CPython and Pyodide differ"
    steps = [json.loads(t)["result"]["steps"] for j, t in zip(jobs, on_cpython) if j["cmd"] == "trace"]
    assert [1, 2, 3, 4, 5, 4, 5, 8, 9] in steps  # Juai: data sent back once, then verified
    assert [1, 2, 3, 4, 5] in steps and [1, 3, 4, 5, 4, 5, 6] in steps  # patterns: parallel branches; second start


def test_lock_file_pins_every_wheel_by_hash(pyodide_dir: Path) -> None:
    lock = json.loads((pyodide_dir / "pyodide-lock.json").read_text())
    assert lock["info"]["abi_version"] == pyodide_assets.PYODIDE_ABI
    assert set(lock["packages"]) == set(pyodide_assets.LOCKED_PACKAGES)
    for name, package in lock["packages"].items():
        wheel = pyodide_dir / package["file_name"]
        assert wheel.is_file(), name
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == package["sha256"], name
    assert lock["packages"]["pydantic-core"]["version"] == "2.50.4"
    assert lock["packages"]["sop-ap-engine"]["depends"] == ["pydantic"]
    downloads = pyodide_assets.wheels(CACHE)  # what PyPI served, checked against the pinned hashes
    assert {hashlib.sha256(p.read_bytes()).hexdigest() for p in downloads} == set(pyodide_assets.WHEELS.values())


def test_engine_wheel_holds_only_the_engine_precompiled(pyodide_dir: Path, tmp_path: Path) -> None:
    import zipfile

    (wheel,) = pyodide_dir.glob("sop_ap_engine-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "sop_ap/engine/model.pyc" in names and "sop_ap/engine/bridge.pyc" in names
    assert not [n for n in names if n.endswith(".py")]  # compiled by Pyodide's Python, as Pyodide ships packages
    assert not any(n.startswith("sop_ap/") and not n.startswith("sop_ap/engine/") and n != "sop_ap/__init__.pyc"
                   for n in names)
    one, two = pyodide_assets.engine_wheel(tmp_path / "a"), pyodide_assets.engine_wheel(tmp_path / "b")
    assert one.read_bytes() == two.read_bytes()  # reproducible: same sources, same bytes, same hash
    pydantic = next(pyodide_dir.glob("pydantic-2*.whl"))
    assert "pydantic/main.pyc" in zipfile.ZipFile(pydantic).namelist()


def test_tampered_download_is_refused(tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    folder = cache / f"wheels-cp314-{pyodide_assets.PYODIDE_ABI}"
    folder.mkdir(parents=True)
    (folder / "pydantic-2.14.3-py3-none-any.whl").write_bytes(b"not the real wheel")
    monkeypatch.setattr(pyodide_assets, "WHEELS", {"pydantic==2.14.3": "0" * 64})
    try:
        pyodide_assets.wheels(cache)
    except pyodide_assets.PyodideAssetsError as exc:
        assert "hash" in str(exc).lower() or "gagal" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("a download that does not match its pinned hash must be refused")
