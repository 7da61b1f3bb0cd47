"""Running the system Graphviz through the Python ``graphviz`` package: one graph or many in one process,
with a time limit and Indonesian errors."""

from __future__ import annotations

import subprocess
from functools import lru_cache

import graphviz

DOT_TIMEOUT = 30
"""Seconds one Graphviz run may take before it is stopped."""

NO_GRAPHVIZ = "Graphviz (dot) tidak ditemukan; pasang paket 'graphviz' (bash tools/setup.sh)."


class FlowchartError(RuntimeError):
    """Graphviz is missing or failed; the message is in Indonesian."""


@lru_cache(maxsize=1)
def graphviz_version() -> str:
    """The version of the system's Graphviz (part of the cache key)."""
    try:
        return ".".join(str(part) for part in graphviz.version())
    except graphviz.ExecutableNotFound as exc:
        raise FlowchartError(NO_GRAPHVIZ) from exc
    except (graphviz.CalledProcessError, RuntimeError, OSError) as exc:
        raise FlowchartError(f"Versi Graphviz (dot -V) tidak dapat dibaca: {exc}") from exc


def run_dot(source: str, fmt: str = "svg", engine: str = "dot") -> str:
    """Run the system Graphviz on ``source`` through the Python ``graphviz`` package, with a time limit.

    ``engine="neato-n2"`` draws a graph whose nodes and edges are all pinned."""
    from graphviz.backend import dot_command, execute

    if engine == "neato-n2":
        cmd = dot_command.command("neato", fmt, neato_no_op=2)
    else:
        cmd = dot_command.command(engine, fmt)
    try:
        proc = execute.run_check(cmd, input=source.encode("utf-8"), capture_output=True, quiet=True,
                                 timeout=DOT_TIMEOUT)
    except graphviz.ExecutableNotFound as exc:
        raise FlowchartError(NO_GRAPHVIZ) from exc
    except subprocess.TimeoutExpired as exc:
        raise FlowchartError(f"Graphviz tidak selesai menggambar bagan alir dalam {DOT_TIMEOUT} detik.") from exc
    except graphviz.CalledProcessError as exc:
        stderr = exc.stderr.decode("utf-8", "replace") if isinstance(exc.stderr, bytes) else str(exc.stderr or "")
        raise FlowchartError(f"Graphviz gagal menggambar bagan alir: {stderr.strip()[:500]}") from exc
    except OSError as exc:
        raise FlowchartError(f"Graphviz tidak dapat dijalankan: {exc}") from exc
    return proc.stdout.decode("utf-8", "replace")


BATCH = 40
"""Charts measured and drawn by one Graphviz process in :func:`prerender`."""


def split_output(text: str, fmt: str, count: int) -> list[str] | None:
    """The outputs of ``count`` graphs that Graphviz wrote one after the other, or None if unclear."""
    if fmt == "plain":
        parts = [part + "stop\n" for part in text.split("stop\n") if part.strip()]
    else:
        parts = ["<?xml" + part for part in text.split("<?xml") if part.strip()]
    return parts if len(parts) == count else None


def run_many(sources: list[str], fmt: str, engine: str = "dot") -> list[str]:
    """Run Graphviz once on several graphs; on any doubt, once per graph (so errors name their graph)."""
    if len(sources) > 1:
        try:
            parts = split_output(run_dot("".join(sources), fmt, engine), fmt, len(sources))
        except FlowchartError:
            parts = None
        if parts is not None:
            return parts
    return [run_dot(source, fmt, engine) for source in sources]
