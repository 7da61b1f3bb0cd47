"""Templates a site overrides from its theme's custom_dir (``<custom_dir>/sop/<name>``), and text that stays
text even in an override written without any escaping (autoescape)."""

from __future__ import annotations

from pathlib import Path

import yaml

from hostile import HOSTILE, hostile_sop
from sitebuild import SEED_BAJENG, build, copy_project, page, plugin_options
from sop_ap.render import templates
from sop_ap.render.page_sop import SiteOptions
from sop_ap.render.site import site_files
from sop_ap.source.registry import load_registry
from test_site import elements

# Every variable any page template receives; an override prints all of them, recursively, with no filter.
CONTEXT_NAMES = ("sop", "sop_id", "tags", "letterhead", "status", "actions", "identity", "charts", "konvensi_waktu",
                 "related", "catatan", "editor_notes", "invalid", "signature")
NAIVE = (
    "{% macro dump(v) %}{% if v is mapping %}{% for k, x in v.items() %}{{ k }}={{ dump(x) }};{% endfor %}"
    "{% elif v is iterable and v is not string %}{% for x in v %}{{ dump(x) }},{% endfor %}"
    "{% else %}{{ v }}{% endif %}{% endmacro %}<div class=\"naive-override\">"
    + "".join(f"{{% if {n} is defined %}}{{{{ dump({n}) }}}}{{% endif %}}" for n in CONTEXT_NAMES)
    + "</div>"
)


def _no_markup_from_text(text: str, where: str, whole_page: bool = False) -> None:
    found = elements(text)
    assert not any("alert" in s for s in found.scripts), where
    assert not any(tag == "img" and "onerror" in attrs for tag, attrs in found.tags), where
    assert not any((v or "").strip().lower().startswith("javascript:") for _, a in found.tags for v in a.values()), where
    if not whole_page:  # a built page has the theme's own scripts; the generated Markdown has none
        assert not any(tag == "script" for tag, _ in found.tags), where


def test_naive_overrides_of_every_template_still_escape(tmp_path: Path) -> None:
    """Each shipped template replaced by one that prints its whole context with plain ``{{ value }}``:
    the hostile SOP's text shows as text, never as markup."""
    sops = tmp_path / "sops" / "uji" / "uji"
    sops.mkdir(parents=True)
    (sops / "hostile.yaml").write_text(yaml.safe_dump(hostile_sop(), allow_unicode=True, sort_keys=False),
                                       encoding="utf-8")
    # an invalid file: its page (mkdocs serve) names the problem, quoting the hostile value
    bad = dict(hostile_sop(), tanggal={"pembuatan": HOSTILE[0]})
    (sops / "rusak.yaml").write_text(yaml.safe_dump(bad, allow_unicode=True, sort_keys=False), encoding="utf-8")
    overrides = tmp_path / "overrides"
    names = templates.template_names()
    assert len(names) >= 10
    (overrides / "sop").mkdir(parents=True)
    for name in names:
        (overrides / "sop" / name).write_text(NAIVE if name.endswith(".html") else
                                              "---\ntitle: x\n---\n\n" + NAIVE + "\n", encoding="utf-8")
    registry = load_registry(tmp_path / "sops")
    files = site_files(registry, SiteOptions(template_dirs=(str(overrides),), editor=True, simulation=True),
                       show_invalid=True)
    for path in ("sop/uji/uji/hostile.md", "sop/uji/uji/rusak.md"):
        text = files[path]
        assert "naive-override" in text, path
        _no_markup_from_text(text, path)
        assert "&lt;script&gt;" in text, path
    assert "&lt;img src=x onerror=alert(1)&gt;" in files["sop/uji/uji/hostile.md"]


def test_a_naive_override_in_the_theme_custom_dir_changes_the_built_page(tmp_path: Path) -> None:
    """MkDocs build: overrides/sop/status.html (the project's custom_dir) replaces the status line of every SOP
    page; with plain ``{{ }}`` the hostile SOP's name is still escaped."""
    project = copy_project(tmp_path / "project")
    target = project / "sops" / "uji" / "uji" / "hostile.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(yaml.safe_dump(hostile_sop(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    (project / "overrides" / "sop").mkdir()
    (project / "overrides" / "sop" / "status.html").write_text(
        '<p class="unit-status">Status menurut unit: {{ sop.nama }} ({{ status.unit_line | join(", ") }})</p>\n',
        encoding="utf-8")
    plugin_options(project, simulasi=False, pencarian=False)
    result = build(project)
    assert result.returncode == 0, result.stderr
    seed = page(project / "site", SEED_BAJENG)
    assert '<p class="unit-status">Status menurut unit: Perjanjian Kinerja (Kecamatan Bajeng Barat, Sub Bagian ' \
           'Perencanaan)</p>' in seed
    assert 'class="sop-status"' not in seed
    assert "sop-identity" in seed  # the other templates are the package's
    hostile = page(project / "site", "uji/uji/hostile")
    assert 'class="unit-status">Status menurut unit: Uji &lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt; #0' \
        in hostile
    _no_markup_from_text(hostile, "hostile", whole_page=True)


def test_mkdocs_serve_watches_the_overridden_templates(tmp_path: Path) -> None:
    """Edits to <custom_dir>/sop/ rebuild the pages during `mkdocs serve` (MkDocs alone watches the theme only
    with --watch-theme); the template environment re-reads a changed file."""
    from sop_ap.mkdocs_plugin import SopPlugin

    (tmp_path / "sop").mkdir()
    plugin = SopPlugin()
    plugin.root = tmp_path / "sops"
    plugin.options = SiteOptions(template_dirs=(str(tmp_path),))

    class Server:
        watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = plugin.on_serve(Server(), config=None, builder=None)
    assert server.watched == [str(tmp_path / "sops"), str(tmp_path / "sop")]
    probe = tmp_path / "sop" / "probe.html"
    probe.write_text("satu", encoding="utf-8")
    assert templates.render("probe.html", (str(tmp_path),)) == "satu"
    probe.write_text("dua", encoding="utf-8")
    import os
    os.utime(probe, (probe.stat().st_atime, probe.stat().st_mtime + 5))
    assert templates.render("probe.html", (str(tmp_path),)) == "dua"
