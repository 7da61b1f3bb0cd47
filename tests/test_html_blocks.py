"""The plugin's pages give Markdown their raw HTML blocks set aside (it spares Markdown's HTML parser) and get
the very same HTML back: every page of a registry, converted both ways with the project's extensions."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import markdown
import yaml
from mkdocs.utils.meta import get_data

from helpers import ROOT
from hostile import hostile_sop
from sop_ap.render.html_blocks import put_back, set_aside
from sop_ap.render.page_sop import SiteOptions
from sop_ap.render.site import site_files
from sop_ap.source.registry import load_registry

sys.path.insert(0, str(ROOT / "tools"))
from generate_sops import write as write_sops  # noqa: E402


def _converter() -> markdown.Markdown:
    """Python-Markdown with the extensions of the project's mkdocs.yml."""
    return markdown.Markdown(extensions=["tables", "attr_list", "admonition", "toc"],
                             extension_configs={"toc": {"permalink": True,
                                                        "permalink_title": "Tautan ke bagian ini"}})


def test_every_page_converts_to_the_same_html_with_its_blocks_set_aside(tmp_path: Path) -> None:
    sops = tmp_path / "sops"
    shutil.copytree(ROOT / "sops", sops)
    shutil.copytree(ROOT / "tests" / "data" / "patterns", sops / "pola")
    (sops / "uji" / "uji").mkdir(parents=True)
    (sops / "uji" / "uji" / "hostile.yaml").write_text(yaml.safe_dump(hostile_sop(), allow_unicode=True),
                                                        encoding="utf-8")
    write_sops(25, 13, sops / "generated")
    files = site_files(load_registry(sops), SiteOptions(simulation=False, pdf=True))
    pages = {path: text for path, text in files.items() if path.endswith(".md")}
    assert len(pages) > 60
    total = aside = 0
    for path, text in pages.items():
        body, _ = get_data(text)
        plain = _converter().convert(body)
        slim, blocks = set_aside(body)
        total, aside = total + len(body), aside + sum(map(len, blocks))
        assert put_back(_converter().convert(slim), blocks) == plain, path
    assert aside > 0.9 * total, aside / total  # most of the pages' text never reached Markdown's HTML parser


def test_only_whole_block_elements_are_set_aside() -> None:
    text = ("# Judul\n\n<div class=\"a\"><p>satu</p></div>\n\n<span>sebaris</span>\n\n"
            "<div>\n<p>terbuka</p>\n\n</div>\n\n<table><tr><td>x</td></tr></table>\n\nteks *biasa*\n")
    slim, blocks = set_aside(text)
    # a whole element, even with a blank line inside (as Markdown's raw blocks); not an inline one
    assert blocks == ['<div class="a"><p>satu</p></div>', "<div>\n<p>terbuka</p>\n\n</div>",
                      "<table><tr><td>x</td></tr></table>"]
    assert "<span>sebaris</span>" in slim
    assert put_back(_converter().convert(slim), blocks) == _converter().convert(text)
