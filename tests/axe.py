"""axe-core (the npm package, pinned and checked by tools/npm_fetch.py) run inside Chromium pages."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
from npm_fetch import fetch  # noqa: E402

SEVERE = ("serious", "critical")


@pytest.fixture(scope="session")
def axe_source() -> str:
    return (fetch("axe-core") / "axe.min.js").read_text(encoding="utf-8")


def run_axe(page, source: str, context: object = None, rules: list[str] | None = None) -> list[dict]:
    """The serious or critical violations on the page (or in ``context``, a CSS selector) as it is now."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(content=source)
    options: dict = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    result = page.evaluate("([context, options]) => axe.run(context || document, options)", [context, options])
    return [v for v in result["violations"] if v["impact"] in SEVERE]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        for node in v["nodes"][:3]:
            summary = " ".join((node.get("failureSummary") or "").split())[:300]
            lines.append(f"{v['id']} ({v['impact']}) {node['target']}: {summary}")
    return "\n".join(lines)
