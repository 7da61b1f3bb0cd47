"""No HTML is assembled in Python strings under ``plugins/sop_ap/render/``: pages are Jinja templates
(``render/templates/``, autoescape on). Generated drawings (SVG) are data passed into the templates.

The scan reads every string literal (f-string parts too, docstrings excepted) and looks for an HTML or SVG
tag. What still builds markup in Python is listed below by file and function, each with the reason; an entry
that no longer builds markup must be removed (the test says so), so the list only shrinks.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

RENDER = Path(__file__).resolve().parents[1] / "plugins" / "sop_ap" / "render"

TAGS = ("a abbr b br button caption circle code col colgroup dd defs details div dl dt ellipse em figcaption figure "
        "footer form g h1 h2 h3 h4 h5 h6 header hr i img input label li line link main marker meta nav ol option "
        "p path polygon polyline pre rect script section select small span strong style sub summary sup svg table "
        "tbody td text tfoot th thead title tr tspan u ul use").split()
TAG = re.compile(r"</?(?:%s)(?=[\s>/]|$)" % "|".join(TAGS))

SVG_DRAWING = "SVG drawing: generated markup passed into the templates as data (allowed by design)"
ALLOWED: dict[tuple[str, str], str] = {
    # The web flowchart: Graphviz's SVG, post-processed (labels placed by our own router).
    ("flowchart/svg.py", "finish_svg"): SVG_DRAWING,
    # Not markup made: the pattern that finds Markdown's placeholder paragraph to put a set-aside block back.
    ("html_blocks.py", "<module>"): "a pattern matched in Markdown's output, no HTML is made",
    # The paper's flowchart pages: symbols, arrows and connectors drawn from the chart's one layout.
    ("paper_flowchart.py", "_symbol_svg"): SVG_DRAWING,
    ("paper_flowchart.py", "_text_svg"): SVG_DRAWING,
    ("paper_flowchart.py", "_connector_svg"): SVG_DRAWING,
    ("paper_flowchart.py", "_page_svg"): SVG_DRAWING,
}


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def markup_literals(path: Path) -> list[tuple[str, int, str]]:
    """(outermost function or '<module>', line, literal) for every string literal holding a tag."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    found = []

    def visit(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = where
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and where == "<module>":
                inner = child.name
            if (isinstance(child, ast.Constant) and isinstance(child.value, str) and id(child) not in skip
                    and TAG.search(child.value)):
                found.append((inner, child.lineno, child.value))
            visit(child, inner)

    visit(tree, "<module>")
    return found


def test_the_scan_finds_markup_in_a_string_and_not_in_a_docstring(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text('"""A <div> in a docstring."""\n\ndef f(x):\n    """<p>doc</p>"""\n'
                     '    return f\'<li class="x">{x}</li>\' + "sops/<instansi>/logo.svg"\n', encoding="utf-8")
    assert [(w, line) for w, line, _ in markup_literals(probe)] == [("f", 5), ("f", 5)]


def test_no_html_is_assembled_in_python_outside_the_allowed_list() -> None:
    unexpected, used = [], set()
    for path in sorted(RENDER.rglob("*.py")):
        name = path.relative_to(RENDER).as_posix()
        for where, line, text in markup_literals(path):
            key = (name, "*") if (name, "*") in ALLOWED else (name, where)
            if key in ALLOWED:
                used.add(key)
            else:
                unexpected.append(f"{name}:{line} ({where}): {text[:80]!r}")
    assert not unexpected, "HTML built in Python; move it into a template in render/templates/:\n" + \
        "\n".join(unexpected)
    stale = sorted(set(ALLOWED) - used)
    assert not stale, f"These no longer build markup; remove them from ALLOWED: {stale}"
