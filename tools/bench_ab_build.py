"""Benchmark: `mkdocs build` of two checkouts of the project, interleaved, on the same generated SOPs.

For a change whose cost is small beside the noise of a shared machine: both checkouts build the very same
SOP files (``tools/generate_sops.py``), first once each with an empty flowchart cache (cold), then in rounds
that alternate the order (A B, B A, ...), so that load from other processes hits both alike. Reports wall
time and CPU time (user + system of the build process) per build, and B / A of the best of each.

    python tools/bench_ab_build.py /tmp/before-checkout . --count 1000 --rounds 2

Each checkout builds with its own ``.venv`` and needs the pinned Pyodide downloads in
``.cache/sop/downloads`` (any build of that checkout puts them there).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from generate_sops import write as write_sops  # noqa: E402


def _project(tree: Path, sops: Path, dest: Path) -> Path:
    dest.mkdir()
    shutil.copytree(tree / "docs", dest / "docs", ignore=shutil.ignore_patterns("benchmarks.md"))
    shutil.copytree(tree / "overrides", dest / "overrides")
    shutil.copy(tree / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(sops, dest / "sops")
    downloads = tree / ".cache" / "sop" / "downloads"
    if downloads.is_dir():
        shutil.copytree(downloads, dest / ".cache" / "sop" / "downloads")
    return dest


def _build(project: Path, python: Path) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([str(python), "-m", "mkdocs", "build", "--quiet"], cwd=project, capture_output=True,
                            text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {project}:\n{result.stderr[-3000:]}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("a", type=Path, help="checkout A (e.g. before a change)")
    parser.add_argument("b", type=Path, help="checkout B (e.g. after it)")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sop-ab-") as tmp:
        base = Path(tmp)
        write_sops(args.count, 7, base / "sops")
        builds = {name: (_project(tree.resolve(), base / "sops", base / name), tree.resolve() / ".venv/bin/python")
                  for name, tree in (("A", args.a), ("B", args.b))}
        cold = {name: _build(*builds[name]) for name in ("A", "B")}
        print("cold (wall s, CPU s):", {k: (round(w, 1), round(c, 1)) for k, (w, c) in cold.items()}, flush=True)
        runs: dict[str, list[tuple[float, float]]] = {"A": [], "B": []}
        for i in range(args.rounds):
            for name in (("A", "B") if i % 2 == 0 else ("B", "A")):
                runs[name].append(_build(*builds[name]))
            print(f"round {i + 1} (wall s, CPU s):",
                  {k: [(round(w, 1), round(c, 1)) for w, c in v] for k, v in runs.items()}, flush=True)
    best = {k: (min(w for w, _ in v), min(c for _, c in v)) for k, v in runs.items()}
    for k, (w, c) in best.items():
        print(f"{k}: best rebuild wall {w:.1f} s, best CPU {c:.1f} s")
    print(f"B / A: rebuild wall {best['B'][0] / best['A'][0]:.3f}, rebuild CPU {best['B'][1] / best['A'][1]:.3f}, "
          f"cold wall {cold['B'][0] / cold['A'][0]:.3f}, cold CPU {cold['B'][1] / cold['A'][1]:.3f}")


if __name__ == "__main__":
    main()
