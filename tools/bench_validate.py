"""Benchmark: `sop validate` over generated SOP files, beside PyYAML alone parsing the same files.

One run generates the files (``tools/generate_sops.py``, fixed seed) into a temporary folder, then
measures on those same files, best of 3 each:

(a) the floor: PyYAML alone, reading the bytes of every file and ``yaml.load`` with the base loader
    class of ``sop_ap.source.yaml_source.SopYamlLoader`` (libyaml's ``CSafeLoader`` when PyYAML has it,
    else the pure-Python ``SafeLoader``);
(b) the work of `sop validate`, in process: ``sop_ap.source.registry.load_registry(root)`` (read, parse,
    validate, check, cross-reference) and the formatting of every diagnostic as the command prints it;
(c) the command ``sop validate DIR`` end to end in a subprocess (Python start-up and imports included),
    when the ``sop`` script and the ``sop_ap.cli.main`` module exist.

The target: (b) at most 3x (a).

    .venv/bin/python tools/bench_validate.py --count 1000 --markdown docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import importlib.util
import io
import os
import platform
import pstats
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from generate_sops import write  # noqa: E402
from sop_ap.source.registry import load_registry  # noqa: E402
from sop_ap.source.yaml_source import SopYamlLoader  # noqa: E402

BASE_LOADER = SopYamlLoader.__bases__[0]
"""The PyYAML loader class that sop_ap builds on (CSafeLoader or SafeLoader)."""
SEED = 11
RUNS = 3
TARGET = 3.0
HEADING_PREFIX = "## `sop validate` over"


def best_of(fn: Callable[[], object], runs: int = RUNS) -> float:
    """The shortest wall-clock time of ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def machine() -> str:
    """Python version, number of usable cores (as ``nproc``) and CPU model."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 0
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"Python {platform.python_version()}, nproc {cores}, {cpu}"


def the_command() -> str:
    """This run's command line, with the interpreter relative to the working folder when inside it."""
    python = Path(sys.executable)
    try:
        shown = python.relative_to(Path.cwd()).as_posix()
    except ValueError:
        shown = str(python)
    return shlex.join([shown, *sys.argv])


def sop_executable() -> tuple[str | None, str]:
    """(path of the ``sop`` script, note) — None with the reason when (c) cannot be measured."""
    if importlib.util.find_spec("sop_ap.cli.main") is None:
        return None, "skipped: the module `sop_ap.cli.main` does not exist"
    for candidate in (ROOT / ".venv" / "bin" / "sop", Path(sys.executable).with_name("sop")):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate), ""
    found = shutil.which("sop")
    if found:
        return found, ""
    return None, "skipped: no `sop` script in .venv/bin or on PATH"


def validate_in_process(root: Path, count: int) -> list[str]:
    """What `sop validate` does in process: load the registry, format every diagnostic, count."""
    registry = load_registry(root)
    diagnostics = registry.all_diagnostics()
    lines = [d.format() for d in sorted(diagnostics, key=lambda d: (d.file or "", d.line or 0, d.column or 0))]
    errors = sum(d.level == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    lines.append(f"{'GAGAL' if errors else 'OK'}: {len(registry.entries)} berkas SOP diperiksa, {errors} galat, "
                 f"{warnings} peringatan.")
    assert len(registry.entries) == count, (len(registry.entries), count)
    return lines


def profile(fn: Callable[[], object], top: int) -> str:
    """The ``top`` functions of one call of ``fn`` by cumulative time, and by own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    fn()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def section(count: int, rows: list[tuple[str, float | None, str]], floor: float, note: str) -> str:
    lines = [
        f"{HEADING_PREFIX} {count:,} generated SOPs",
        "",
        f"Measured {dt.date.today().isoformat()} on {machine()}; {count:,} files written by "
        f"`tools/generate_sops.py` (seed {SEED}; `--pola 1` by default: every file rewritten with the flowchart patterns of real "
        f"documents: symbols per row, decision texts, exits to lanes, merged cells) into a temporary folder, "
        f"every measurement on the same files, "
        f"best of {RUNS}. PyYAML {yaml.__version__}, loader `{BASE_LOADER.__name__}` (the base class of "
        "`sop_ap.source.yaml_source.SopYamlLoader`). Command:",
        "",
        f"    {the_command()}",
        "",
        "| measurement | seconds | files/s | ratio to (a) |",
        "|---|---:|---:|---:|",
    ]
    for name, seconds, ratio_note in rows:
        if seconds is None:
            lines.append(f"| {name} | – | – | {ratio_note} |")
        else:
            lines.append(f"| {name} | {seconds:.3f} | {count / seconds:,.0f} | {seconds / floor:.2f} |")
    lines += ["", f"Target: (b) at most {TARGET:g}× (a). {note}".rstrip(), ""]
    return "\n".join(lines)


def write_markdown(path: Path, text: str) -> None:
    """Replace the section of this benchmark in ``path`` (whatever its count), or append it."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start = old.find(HEADING_PREFIX)
    if start != -1 and (start == 0 or old[start - 1] == "\n"):
        end = old.find("\n## ", start + len(HEADING_PREFIX))
        new = old[:start] + text.rstrip("\n") + "\n" + (old[end:] if end != -1 else "")
    else:
        new = old.rstrip("\n") + "\n\n" + text.rstrip("\n") + "\n"
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark `sop validate` beside PyYAML alone on generated SOPs.")
    parser.add_argument("--count", type=int, default=1000, help="number of generated SOP files (default 1000)")
    parser.add_argument("--markdown", type=Path, metavar="FILE",
                        help="write the results into FILE (its section replaced, or appended)")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also print the top N functions of one in-process run (cProfile); done anyway "
                             "with N=25 when (b) is above the target")
    parser.add_argument("--pola", type=float, default=1.0, metavar="SHARE",
                        help="share of the files written with the flowchart patterns of real documents "
                             "(symbols per row, decision texts, exits to lanes, merged cells; default 1)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-validate-") as tmp:
        root = Path(tmp) / "sops"
        started = time.perf_counter()
        files = write(args.count, SEED, root, patterns=args.pola)
        print(f"{len(files)} files generated in {time.perf_counter() - started:.1f} s under {root}", flush=True)

        def floor() -> None:
            for path in files:
                yaml.load(path.read_bytes(), Loader=BASE_LOADER)

        first = validate_in_process(root, args.count)
        if len(first) > 1:
            print(f"note: the generated files have {len(first) - 1} diagnostics; first: {first[0]}")

        t_floor = best_of(floor)
        t_in = best_of(lambda: validate_in_process(root, args.count))

        sop, why = sop_executable()
        t_cli: float | None = None
        if sop is not None:
            def command() -> None:
                result = subprocess.run([sop, "validate", str(root)], capture_output=True, text=True, cwd=ROOT)
                if result.returncode != 0:
                    raise RuntimeError(f"`sop validate` exited with {result.returncode}:\n{result.stdout[-2000:]}"
                                       f"{result.stderr[-2000:]}")

            t_cli = best_of(command)

        ratio = t_in / t_floor
        rows = [
            (f"(a) PyYAML alone: read bytes + `yaml.load` ({BASE_LOADER.__name__})", t_floor, ""),
            ("(b) `sop validate` in process: `load_registry` + formatting of diagnostics", t_in, ""),
            ("(c) `sop validate DIR` as a subprocess, whole command", t_cli, why),
        ]
        verdict = "met" if ratio <= TARGET else "NOT met"
        note = f"(b)/(a) = {ratio:.2f}: target {verdict}."
        if t_cli is not None:
            note += (f" (c)/(a) = {t_cli / t_floor:.2f}; (c) also starts Python and imports pydantic and the "
                     "package.")
        else:
            note += f" (c) {why}."
        text = section(args.count, rows, t_floor, note)
        print()
        print(text)
        if args.markdown:
            write_markdown(args.markdown, text)
            print(f"written to {args.markdown}")
        if args.profile or ratio > TARGET:
            print(profile(lambda: validate_in_process(root, args.count), args.profile or 25))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
