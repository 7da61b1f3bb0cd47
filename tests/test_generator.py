"""The generator of realistic test SOPs: deterministic, valid, within the ranges it promises."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from generate_sops import generate, write  # noqa: E402
from sop_ap.registry import load_registry  # noqa: E402


def test_same_seed_same_files_other_seed_other_files() -> None:
    assert generate(20, 5) == generate(20, 5)
    assert generate(20, 5) != generate(20, 6)


def test_generated_sops_are_valid_and_realistic(tmp_path: Path) -> None:
    loops = decisions = shared = 0
    for seed in (1, 2, 3):
        root = tmp_path / str(seed)
        write(60, seed, root)
        registry = load_registry(root)
        assert len(registry.entries) == 60
        problems = [d.format() for d in registry.all_diagnostics()]
        assert problems == []
        for entry in registry.entries:
            chart = entry.sop.flowcharts[0]
            assert 3 <= len(entry.sop.pelaksana) <= 6
            assert 5 <= len(chart.steps) <= 20
            assert chart.steps[0].simbol == chart.steps[-1].simbol == "terminator"
            assert 1 <= len(entry.sop.dasar_hukum) <= 4
            for step in chart.steps:
                if step.cabang:
                    decisions += 1
                    loops += any(target != "selesai" and target <= step.no for target in step.cabang.values())
                shared += len(step.oleh) > 1
        assert registry.links, "some SOPs link to another SOP of their unit"
    assert decisions > 20 and loops == decisions and shared > 0
