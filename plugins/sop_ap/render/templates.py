"""Jinja2 templates of the pages: shipped in ``render/templates/``, overridable from a theme's ``custom_dir``.

A site overrides ``<name>`` by placing ``<custom_dir>/sop/<name>`` beside Material's own partials, the way
Material's partials and mkdocstrings' templates are overridden. Autoescape is always on: a value from an
SOP file is text, never markup, unless Python marks it safe (only the generated flowchart SVG is).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .html_text import date_id, esc, md, yaml_string

PACKAGE_TEMPLATES = Path(__file__).parent / "templates"
OVERRIDE_SUBDIR = "sop"
"""Overrides live in ``<custom_dir>/sop/`` so they never collide with Material's own templates."""


def _text(value: object) -> Markup:
    """Text as shown on a page: whitespace collapsed, control characters shown as escapes, HTML-escaped
    (quotes too, as ``&quot;`` / ``&#x27;``). A template that forgets the filter is still escaped by autoescape."""
    return Markup(esc(value))


def _md(value: object) -> Markup:
    """Literal Markdown (a heading's text): escaped HTML and backslash-escaped Markdown punctuation."""
    return Markup(md(value))


def _front_matter(value: object) -> Markup:
    """A front-matter value: escaped text written as a YAML (JSON) string, read back as exactly that text."""
    return Markup(yaml_string(esc(value)))


@lru_cache(maxsize=8)
def environment(override_dirs: tuple[str, ...] = ()) -> Environment:
    """The template environment: overrides first (in the order given), then the package's templates."""
    search = [str(Path(d) / OVERRIDE_SUBDIR) for d in override_dirs] + [str(PACKAGE_TEMPLATES)]
    env = Environment(loader=ChoiceLoader([FileSystemLoader(search)]), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters["date_id"] = date_id
    env.filters["text"] = _text
    env.filters["md"] = _md
    env.filters["front_matter"] = _front_matter
    return env


def template_names() -> list[str]:
    """Every template shipped in the package (each can be overridden)."""
    return sorted(p.name for p in PACKAGE_TEMPLATES.iterdir() if p.suffix in (".html", ".md") and p.name != "README.md")


def render(name: str, override_dirs: tuple[str, ...] = (), /, **context: object) -> str:
    """Render template ``name`` with ``context``; HTML in the context is escaped unless it is :class:`Markup`."""
    return environment(tuple(override_dirs)).get_template(name).render(**context)


def trusted(markup: str) -> Markup:
    """Generated markup (the flowchart SVG) passed into a template as-is; never use it on file text."""
    return Markup(markup)
