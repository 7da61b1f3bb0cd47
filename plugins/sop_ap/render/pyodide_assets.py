"""The self-hosted Pyodide runtime for the simulation widget: downloaded, verified, locked.

Everything the browser loads comes from the site itself:

- the Pyodide runtime from the npm package ``pyodide`` at a pinned version (``npm pack``), checked
  against the package's published sha512 integrity;
- pydantic and its WebAssembly ``pydantic_core`` wheel, and their pure-Python dependencies, from
  PyPI (``pip download --require-hashes``), each pinned by version and sha256;
- our engine as a small wheel of its own (``sop-ap-engine``: the ``sop_ap.engine`` package only);
- a ``pyodide-lock.json`` that ties them together: the npm package's lock file cut down to the
  packages the widget needs, with entries made from the wheels' metadata (``pyodide_lockfile``);
- a start-up snapshot: the memory of this Pyodide after its interpreter has started and imported the
  standard modules pydantic and the package loader need, made under Node with Pyodide's own
  ``makeMemorySnapshot``, gzip-compressed. The widget boots from it only when the browser already
  has it cached (see ``sim-worker.mjs``).

Downloads are cached under a cache folder, so a build works offline once they are there.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .. import __version__

from ..render import pyodide_lockfile

PYODIDE_VERSION = "314.0.7"
PYODIDE_INTEGRITY = ("sha512-0YvXxEhfEdpLfb/XkM2BFAeMROq0iMUX2bzzH9pOttyMcWkwq+HbE5uyuGD82LN7y2q+SNvi/6V5JEsOlD2R1A==")
PYODIDE_ABI = "2026_0"
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
WHEELS: dict[str, str] = {
    "pydantic==2.14.3": "3f7b347782ab7e4cf4c798496ae3a82787d9f21ec12676a9c564355eeef8daa8",
    "pydantic-core==2.50.4": "e6da138a1ecc1341c8b788a5ee822670b03788e1f5decf7af9d461de6e508b8e",
    "typing-extensions==4.16.0": "481caa481374e813c1b176ada14e97f1f67a4539ce9cfeb3f350d78d6370c2e8",
    "annotated-types==0.8.0": "f072f4d804ea359e4eaf198b1af7a8b0943881a87f31bb764f8bf219bb9419e0",
    "typing-inspection==0.4.5": "bc210535442b39e1bf2805e0c7a17dfd6a4ace760c84c7f7d16245d23a6b1c39",
}
ENGINE_DIST = "sop-ap-engine"
ENGINE_PACKAGE = "sop_ap_engine"
"""The engine ships to the browser under its own dist name; it installs the ``sop_ap.engine`` package."""
LOCKED_PACKAGES = ("pydantic", "pydantic-core", "typing-extensions", "annotated-types", "typing-inspection",
                   ENGINE_DIST)


class PyodideAssetsError(RuntimeError):
    """A download, a hash check or the lock file failed; the message is in Indonesian."""


@dataclass(frozen=True)
class PreparedAssets:
    """Where the prepared files are: ``folder`` holds the runtime, the wheels and the lock file."""

    folder: Path
    files: tuple[str, ...]
    snapshot: str | None = None


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run(cmd: list[str], cwd: Path) -> None:
    try:
        result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600)
    except FileNotFoundError as exc:
        raise PyodideAssetsError(f"Perintah '{cmd[0]}' tidak ditemukan (perlu untuk menyiapkan Pyodide).") from exc
    except subprocess.TimeoutExpired as exc:
        raise PyodideAssetsError(f"Perintah '{' '.join(cmd[:3])}' terlalu lama.") from exc
    if result.returncode != 0:
        raise PyodideAssetsError(f"Perintah '{' '.join(cmd[:3])} …' gagal:\n{result.stderr[-2000:]}")


def runtime(cache: Path) -> Path:
    """The Pyodide runtime files from the npm package, downloaded once and checked by integrity."""
    folder = cache / f"pyodide-{PYODIDE_VERSION}"
    if all((folder / name).is_file() for name in (*RUNTIME_FILES, "pyodide-lock.json")):
        return folder
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        _run(["npm", "pack", f"pyodide@{PYODIDE_VERSION}", "--silent"], Path(tmp))
        tarball = Path(tmp) / f"pyodide-{PYODIDE_VERSION}.tgz"
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if digest != PYODIDE_INTEGRITY:
            raise PyodideAssetsError(f"Paket npm pyodide@{PYODIDE_VERSION} tidak cocok dengan hash yang dipatok.")
        staging = Path(tmp) / "out"
        staging.mkdir()
        with tarfile.open(tarball) as archive:
            for name in (*RUNTIME_FILES, "pyodide-lock.json"):
                member = archive.extractfile(f"package/{name}")
                if member is None:
                    raise PyodideAssetsError(f"Berkas {name} tidak ada di paket npm pyodide.")
                (staging / name).write_bytes(member.read())
        shutil.rmtree(folder, ignore_errors=True)
        staging.rename(folder)
    return folder


def wheels(cache: Path) -> list[Path]:
    """pydantic, pydantic_core (WebAssembly) and their dependencies, pinned and checked by sha256."""
    folder = cache / f"wheels-cp314-{PYODIDE_ABI}"
    found = sorted(folder.glob("*.whl")) if folder.is_dir() else []
    wanted = set(WHEELS.values())
    if {_sha256(p) for p in found} >= wanted and len(found) == len(wanted):
        return found
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        requirements = Path(tmp) / "requirements.txt"
        requirements.write_text("".join(f"{req} --hash=sha256:{sha}\n" for req, sha in WHEELS.items()))
        _run([sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
              "--require-hashes", "--only-binary=:all:", f"--platform=pyemscripten_{PYODIDE_ABI}_wasm32",
              "--python-version=3.14", "--implementation=cp", "--abi=cp314", "-r", str(requirements),
              "-d", str(Path(tmp) / "dl")], Path(tmp))
        for path in folder.glob("*.whl"):
            path.unlink()
        for path in (Path(tmp) / "dl").glob("*.whl"):
            if _sha256(path) not in wanted:
                raise PyodideAssetsError(f"Hash {path.name} tidak cocok dengan yang dipatok.")
            shutil.move(str(path), folder / path.name)
    return sorted(folder.glob("*.whl"))


def engine_wheel(out: Path) -> Path:
    """A wheel of the engine alone (``sop_ap/__init__.py`` and ``sop_ap/engine``), built reproducibly."""
    package = resources.files("sop_ap")
    files: dict[str, bytes] = {"sop_ap/__init__.py": package.joinpath("__init__.py").read_bytes()}
    engine = Path(str(package.joinpath("engine")))
    for path in sorted(engine.rglob("*.py")):
        files[f"sop_ap/engine/{path.relative_to(engine).as_posix()}"] = path.read_bytes()
    dist_info = f"{ENGINE_PACKAGE}-{__version__}.dist-info"
    files[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {ENGINE_DIST}\nVersion: {__version__}\n"
        "Summary: SOP AP engine (model, checks, flow, simulation) for the browser\n"
        "Requires-Dist: pydantic>=2.11\n"
    ).encode()
    files[f"{dist_info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: sop_ap\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    files[f"{dist_info}/top_level.txt"] = b"sop_ap\n"
    record = "".join(
        f"{name},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).decode().rstrip('=')},{len(data)}\n"
        for name, data in files.items()
    ) + f"{dist_info}/RECORD,,\n"
    files[f"{dist_info}/RECORD"] = record.encode()
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{ENGINE_PACKAGE}-{__version__}-py3-none-any.whl"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    target.write_bytes(buffer.getvalue())
    return target


PRECOMPILE_JS = r"""
import { loadPyodide } from "%(runtime)spyodide.mjs";
import { readFileSync, writeFileSync } from "node:fs";
const [inputs, outputs] = [JSON.parse(process.argv[2]), JSON.parse(process.argv[3])];
const py = await loadPyodide({ indexURL: "%(runtime)s" });
py.runPython(`
import importlib.util, io, zipfile, base64, hashlib
from importlib._bootstrap_external import _code_to_hash_pyc

def precompile(data) -> bytes:
    data = bytes(data.to_py()) if hasattr(data, "to_py") else bytes(data)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    record_name = None
    lines = []
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            name, body = info.filename, source.read(info)
            if name.endswith(".dist-info/RECORD"):
                record_name = name
                continue
            if name.endswith(".py"):
                code = compile(body, name, "exec", dont_inherit=True)
                body = bytes(_code_to_hash_pyc(code, importlib.util.source_hash(body), checked=False))
                name = name[:-3] + ".pyc"
            zi = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            target.writestr(zi, body)
            digest = base64.urlsafe_b64encode(hashlib.sha256(body).digest()).decode().rstrip("=")
            lines.append(f"{name},sha256={digest},{len(body)}")
        if record_name:
            lines.append(f"{record_name},,")
            zi = zipfile.ZipInfo(record_name, date_time=(2020, 1, 1, 0, 0, 0))
            target.writestr(zi, "\\n".join(lines) + "\\n")
    return out.getvalue()
`);
const precompile = py.globals.get("precompile");
for (let i = 0; i < inputs.length; i++) {
  try {
    const result = precompile(new Uint8Array(readFileSync(inputs[i])));
    writeFileSync(outputs[i], result.toJs());
    result.destroy();
  } catch (error) {
    process.stderr.write("precompile " + inputs[i] + ": " + String(error && error.message).slice(-1500) + "\n");
    process.exit(1);
  }
}
"""


def precompile(wheel_files: list[Path], runtime_dir: Path, cache: Path) -> list[Path]:
    """The wheels with their ``.py`` files compiled to ``.pyc`` by Pyodide's own Python (under Node),
    as Pyodide ships its packages: imports then skip compiling, which is most of the widget's start-up.
    Cached by the input wheel's sha256 and the Pyodide version."""
    folder = cache / f"precompiled-{PYODIDE_VERSION}"
    folder.mkdir(parents=True, exist_ok=True)
    outputs, todo_in, todo_out = [], [], []
    for wheel in wheel_files:
        target = folder / _sha256(wheel)[:16] / wheel.name
        outputs.append(target)
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            todo_in.append(str(wheel.resolve()))
            todo_out.append(str(target.with_suffix(".tmp").resolve()))
    if todo_in:
        node = shutil.which("node")
        if node is None:
            raise PyodideAssetsError("Node.js tidak ditemukan (perlu untuk menyiapkan simulasi); pasang paket 'nodejs'.")
        with tempfile.TemporaryDirectory() as tmp:
            script = Path(tmp) / "precompile.mjs"
            script.write_text(PRECOMPILE_JS % {"runtime": runtime_dir.resolve().as_posix() + "/"}, encoding="utf-8")
            _run([node, str(script), json.dumps(todo_in), json.dumps(todo_out)], Path(tmp))
        for tmp_path in todo_out:
            Path(tmp_path).replace(Path(tmp_path).with_suffix(".whl"))
    return outputs


SNAPSHOT_JS = r"""
import { loadPyodide } from "%(runtime)spyodide.mjs";
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import nodeCrypto from "node:crypto";
import { syncBuiltinESMExports } from "node:module";
// Reproducible bytes: while the snapshot is made, randomness comes from a fixed xorshift sequence and the
// clock ticks from a fixed epoch; Python's string hashing gets a fixed seed. (The random module's state in
// the snapshot is then the same for every visitor; the engine seeds its own Random objects.)
let seed = 0x2545f491;
const next = () => { seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0; return seed & 255; };
const fillBytes = (view) => { for (let i = 0; i < view.length; i++) view[i] = next(); };
const fill = (array) => { fillBytes(new Uint8Array(array.buffer, array.byteOffset, array.byteLength)); return array; };
Object.defineProperty(globalThis.crypto, "getRandomValues", { value: fill, configurable: true });
nodeCrypto.randomFillSync = (buffer, offset = 0, size) => {
  const base = buffer.buffer || buffer;
  fillBytes(new Uint8Array(base, (buffer.byteOffset || 0) + offset, size ?? (buffer.byteLength - offset)));
  return buffer;
};
nodeCrypto.randomBytes = (size) => nodeCrypto.randomFillSync(Buffer.alloc(size));
syncBuiltinESMExports();
const epoch = 1577836800000;
let tick = 0;
Date.now = () => epoch + (tick += 1);
performance.now = () => (tick += 1);
const py = await loadPyodide({
  indexURL: "%(runtime)s", _makeSnapshot: true, _sysExecutable: "./this.program",
  env: { "_": "./this.program", PYTHONHASHSEED: "0" }, stdout: () => {},
  stderr: (line) => process.stderr.write(line + "\n"),
});
py.runPython(`
import sys
%(imports)s
# loadPyodide puts "" first on sys.path again after a restore.
while "" in sys.path:
    sys.path.remove("")
`);
writeFileSync(process.argv[2], gzipSync(py.makeMemorySnapshot(), { level: 9 }));
"""

SNAPSHOT_IMPORTS = (
    # Pyodide's package loader (the first loadPackage imports these).
    "tarfile", "zipfile", "shutil", "sysconfig", "pathlib", "importlib.metadata", "importlib.machinery",
    "encodings.cp437",
    # The standard modules pydantic and pydantic_core import.
    "email.utils", "email.message", "zoneinfo", "ipaddress", "uuid", "decimal", "fractions", "inspect",
    "dataclasses", "typing", "re", "json", "datetime", "functools", "enum", "collections", "warnings", "weakref",
    "types", "copy", "numbers", "hashlib", "hmac", "secrets", "platform",
    # The engine's own standard imports.
    "difflib", "random",
)
"""Standard modules imported before the snapshot is taken, so that a restored worker skips them."""


def _snapshot_name() -> str:
    """The snapshot's file name: it changes whenever what goes into the snapshot changes. The recipe is
    reproducible (fixed randomness, clock and hash seed: the same bytes on every build), so one name never
    stands for two different files."""
    recipe = f"{PYODIDE_VERSION}\n{SNAPSHOT_JS}\n{' '.join(SNAPSHOT_IMPORTS)}".encode()
    return f"startup-{PYODIDE_VERSION}-{hashlib.sha256(recipe).hexdigest()[:12]}.snapshot"


SNAPSHOT_NAME = _snapshot_name()


def snapshot(runtime_dir: Path, cache: Path) -> Path:
    """The gzip-compressed start-up snapshot of this Pyodide (made under Node, cached by its name).

    It holds no package of ours and no pydantic: ``pydantic_core`` is a dynamic library, whose code a
    memory snapshot cannot carry, so the widget still loads the wheels after restoring it."""
    target = cache / f"snapshots-{PYODIDE_VERSION}" / SNAPSHOT_NAME
    if target.is_file():
        return target
    node = shutil.which("node")
    if node is None:
        raise PyodideAssetsError("Node.js tidak ditemukan (perlu untuk menyiapkan simulasi); pasang paket 'nodejs'.")
    target.parent.mkdir(parents=True, exist_ok=True)
    imports = "\n".join(f"import {name}" for name in SNAPSHOT_IMPORTS)
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "snapshot.mjs"
        script.write_text(SNAPSHOT_JS % {"runtime": runtime_dir.resolve().as_posix() + "/", "imports": imports},
                          encoding="utf-8")
        partial = target.with_suffix(".tmp")
        _run([node, str(script), str(partial.resolve())], Path(tmp))
        partial.replace(target)
    return target


def lockfile(runtime_dir: Path, wheel_files: list[Path], out: Path, served: list[Path] | None = None) -> Path:
    """The runtime's lock file cut down to the packages the widget loads, with entries for our wheels.

    The entries are made from ``wheel_files`` (their metadata names imports and dependencies); when
    ``served`` (the precompiled wheels, same order) is given, each entry points at that file and its
    sha256."""
    data = json.loads((runtime_dir / "pyodide-lock.json").read_text(encoding="utf-8"))
    env = pyodide_lockfile.marker_environment(data["info"])
    packages = {}
    for index, wheel in enumerate(wheel_files):
        entry = pyodide_lockfile.package_entry(wheel, env, served[index] if served is not None else None)
        packages[entry["name"]] = entry
    missing = [name for name in LOCKED_PACKAGES if name not in packages]
    if missing:
        raise PyodideAssetsError(f"Roda untuk {', '.join(missing)} tidak ada.")
    data["packages"] = {name: packages[name] for name in LOCKED_PACKAGES}
    out.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
    return out


def prepare(target: Path, cache: Path, with_runtime: bool = True) -> PreparedAssets:
    """Put the runtime (unless served from elsewhere), the wheels and the lock file into ``target``."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    runtime_dir = runtime(cache)
    with tempfile.TemporaryDirectory() as tmp:
        sources = [*wheels(cache), engine_wheel(Path(tmp))]
        compiled = precompile(sources, runtime_dir, cache)
        for wheel in compiled:
            shutil.copy(wheel, target / wheel.name)
        lockfile(runtime_dir, sources, target / "pyodide-lock.json", served=compiled)
    if with_runtime:
        for name in RUNTIME_FILES:
            shutil.copy(runtime_dir / name, target / name)
    shutil.copy(snapshot(runtime_dir, cache), target / SNAPSHOT_NAME)
    names = sorted(p.name for p in target.iterdir())
    return PreparedAssets(target, tuple(names), SNAPSHOT_NAME)
