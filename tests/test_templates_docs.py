"""Every page template shipped is documented (developers, in English; staff, in Indonesian), and the README's
override example is a template that works."""

from __future__ import annotations

import re
from pathlib import Path

from sop_ap.render import templates

ROOT = Path(__file__).resolve().parents[1]


def test_every_template_is_documented_for_developers_and_staff() -> None:
    developers = (ROOT / "docs" / "developers.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = templates.template_names()
    assert "sop_page.md" in names and "paper_identity.html" in names
    table = {m for m in re.findall(r"^\| `([a-z_]+\.(?:html|md))` \|", developers, re.M)}
    assert table == set(names), f"docs/developers.md table vs shipped: {table ^ set(names)}"
    staff = readme[readme.index("### Tampilan unit sendiri"):readme.index("### Menerbitkan di GitHub Pages")]
    missing = [n for n in names if f"`{n}`" not in staff]
    assert not missing, f"README (Tampilan unit sendiri) does not name: {missing}"


def test_the_readme_override_example_renders_in_place_of_the_status_line(tmp_path: Path) -> None:
    from sop_ap.render.page_sop import SiteOptions, sop_page
    from sop_ap.source.registry import load_registry

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"`overrides/sop/status\.html`:\n\n```html\n(.*?)```", readme, re.S).group(1)
    (tmp_path / "sop").mkdir()
    (tmp_path / "sop" / "status.html").write_text(example, encoding="utf-8")
    registry = load_registry(ROOT / "sops")
    entry = registry.by_id["kabupaten-balangan/kecamatan-juai/penyusunan-rencana-kinerja-tahunan"]
    text = sop_page(entry, registry, SiteOptions(template_dirs=(str(tmp_path),)))
    assert '<p class="sop-status">Kecamatan Juai · berlaku\n  2 Januari 2024 · waktu baku ' in text
    assert "Dasar hukum perlu diperbarui" not in text  # the package's status.html is not used


def test_every_template_is_installed_with_the_package() -> None:
    """pyproject.toml's package-data carries every template into a wheel (not only into an editable install)."""
    import fnmatch
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["sop_ap.render"]
    for name in templates.template_names():
        assert any(fnmatch.fnmatch(f"templates/{name}", p) for p in patterns), name
