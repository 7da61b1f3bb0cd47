"""Benchmark: `sop validate` over generated SOP files, beside PyYAML alone parsing the same files.

The floor is PyYAML reading and parsing every file (``yaml.load`` with the same base loader that
`sop validate` uses: libyaml's CSafeLoader when available), measured in the same run on the same files.
`sop validate` is measured in-process (load, validate, cross-check, format every diagnostic) and as the
real command in a subprocess. Best of 3 for each.

    .venv/bin/python tools/bench_validate.py --count 1000 --markdown docs/benchmarks.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from bench_report import machine, write_section  # noqa: E402
from generate_sops import write  # noqa: E402
from sop_ap.cli import main as sop_main  # noqa: E402
from sop_ap.yaml_source import SopYamlLoader  # noqa: E402

HEADING = "## `sop validate` over generated SOPs"


def best(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--markdown", type=Path)
    args = parser.parse_args()
    command = "python tools/bench_validate.py " + " ".join(sys.argv[1:])
    loader = SopYamlLoader.__mro__[1]
    with tempfile.TemporaryDirectory(prefix="sop-validate-") as tmp:
        root = Path(tmp) / "sops"
        files = write(args.count, args.seed, root)

        def floor() -> None:
            for path in files:
                yaml.load(path.read_bytes(), Loader=loader)

        def in_process() -> None:
            with redirect_stdout(io.StringIO()):
                code = sop_main(["validate", str(root)])
            assert code == 0

        sop = shutil.which("sop") or str(Path(sys.executable).with_name("sop"))

        def command_line() -> None:
            result = subprocess.run([sop, "validate", str(root)], capture_output=True, text=True)
            assert result.returncode == 0, result.stdout[-2000:]

        t_floor, t_in, t_cli = best(floor), best(in_process), best(command_line)
    rows = [
        ("PyYAML alone (floor)", t_floor),
        ("`sop validate`, in process", t_in),
        ("`sop validate DIR`, whole command", t_cli),
    ]
    lines = [
        HEADING, "",
        f"Measured {dt.date.today().isoformat()} on {machine()}, {args.count} files generated with seed "
        f"{args.seed}, best of 3, PyYAML loader `{loader.__name__}`, with:", "", f"    {command}", "",
        "| what | seconds | files/s | ratio to floor |", "|---|---:|---:|---:|",
    ]
    lines += [f"| {name} | {t:.2f} | {args.count / t:,.0f} | {t / t_floor:.2f} |" for name, t in rows]
    lines += ["", "Target: `sop validate` at most 3× the time PyYAML alone takes to parse the same files. The whole "
              "command includes starting Python and importing pydantic.", ""]
    section = "\n".join(lines)
    print(section)
    if args.markdown:
        write_section(args.markdown, HEADING, section)


if __name__ == "__main__":
    main()
