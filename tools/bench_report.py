"""Writing benchmark results into docs/benchmarks.md: one section per benchmark, replaced in place."""

from __future__ import annotations

import os
import platform
from pathlib import Path


def machine() -> str:
    """Python version, cores and CPU model of this machine."""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor() or "unknown CPU"
    return f"Python {platform.python_version()}, {os.cpu_count()} cores, {cpu}"


def write_section(path: Path, heading: str, section: str) -> None:
    """Replace the section that starts with ``heading`` (or append it)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    if heading in text:
        start = text.index(heading)
        end = text.find("\n## ", start + len(heading))
        text = text[:start] + section.rstrip("\n") + "\n" + (text[end:] if end != -1 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"
    path.write_text(text, encoding="utf-8")
