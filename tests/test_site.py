"""The published registry: MkDocs with the `sop` plugin builds pages, indexes and data from sops/."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from importlib.metadata import entry_points
from pathlib import Path

import yaml

from hostile import HOSTILE, hostile_sop
from sop_ap.source.yaml_source import SopYamlLoader
from sitebuild import SEED_BAJENG, SEED_JUAI, build, copy_project, page, seed_site  # noqa: F401


class Elements(HTMLParser):
    """Collects every start tag with its attributes, and the text of <script> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def elements(html_text: str) -> Elements:
    parser = Elements()
    parser.feed(html_text)
    return parser


def test_plugin_is_registered_through_entry_point() -> None:
    (plugin,) = [ep for ep in entry_points(group="mkdocs.plugins") if ep.name == "sop"]
    assert plugin.value == "sop_ap.mkdocs_plugin:SopPlugin"


def test_sop_page_shows_every_part(seed_site: Path) -> None:
    html_text = page(seed_site, SEED_JUAI)
    # status: unit, effective date, last revision, revoked legal basis
    assert "Berlaku sejak 2 Januari 2024" in html_text and "Revisi terakhir 2 Januari 2024" in html_text
    assert "Dasar hukum perlu diperbarui" in html_text
    # identity part: header fields and the six boxes
    for label in ("Nomor SOP", "Tanggal Pembuatan", "Tanggal Revisi", "Tanggal Efektif", "Disahkan oleh",
                  "Dasar Hukum", "Kualifikasi Pelaksana", "Keterkaitan", "Peralatan/Perlengkapan", "Peringatan",
                  "Pencatatan dan Pendataan"):
        assert label in html_text, label
    assert "NIP. ???????? 200601 1 016" in html_text
    # legal basis linked to its regulation page, with its status
    assert 'href="../../../../peraturan/pp-46-2011/"' in html_text
    assert "sop-badge-dicabut" in html_text
    # the flowchart, inline SVG with a text alternative, one node per step
    assert "<svg" in html_text and 'id="fc0-step-5"' in html_text
    assert "Bagan alir dalam bentuk teks" in html_text
    # the step table with one column per pelaksana, then the mutu baku
    table = html_text[html_text.index('<table class="sop-steps"'):]
    table = table[: table.index("</table>")]
    for header in ("No", "Kegiatan", "Camat", "Sekretaris", "Kasubbag Perencanaan dan Keuangan", "Pelaksana",
                   "Kelengkapan", "Waktu", "Output", "Keterangan"):
        assert f">{header}</th>" in table, header
    assert table.count('class="sop-row"') == 7
    assert 'id="fc0-row-8"' in table
    assert "Total waktu baku (jalur utama):</strong> 3 hari 3 jam 20 menit" in html_text
    # edit link to the source file, print action
    assert "https://github.com/contoh/registri-sop/edit/main/sops/" + SEED_JUAI + ".yaml" in html_text
    # print: the site makes PDFs (the default), so "Cetak" opens the SOP's PDF and the page holds no paper copy
    assert re.search(r'class="md-button md-button--primary sop-print" href="[^"]+\.pdf"', html_text)
    assert "data-sop-print" not in html_text and 'class="sop-paper"' not in html_text


def test_related_sops_are_linked_both_ways(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    unit = project / "sops/kabupaten-balangan/kecamatan-juai"
    seed = (unit / "penyusunan-rencana-kinerja-tahunan.yaml").read_text(encoding="utf-8")
    data = yaml.load(seed, Loader=SopYamlLoader)
    data["nama"], data["keterkaitan"] = "Perjanjian Kinerja", []
    (unit / "perjanjian-kinerja.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    rkt = page(site, SEED_JUAI)
    pk = page(site, "kabupaten-balangan/kecamatan-juai/perjanjian-kinerja")
    assert 'href="../perjanjian-kinerja/"' in rkt
    assert "Dirujuk oleh:" in pk and 'href="../penyusunan-rencana-kinerja-tahunan/"' in pk
    # a same-titled SOP in another unit is not linked
    bajeng = page(site, SEED_BAJENG)
    assert "penyusunan-rencana-kinerja-tahunan" not in bajeng


def test_index_pages(seed_site: Path) -> None:
    home = (seed_site / "index.html").read_text(encoding="utf-8")
    assert "<strong>2</strong><span>SOP</span>" in home and "SOP yang terakhir diperbarui" in home
    units = (seed_site / "unit/index.html").read_text(encoding="utf-8")
    assert "Pemerintah Kabupaten Gowa" in units and "Kecamatan Bajeng Barat</a>" in units
    unit = (seed_site / "unit/pemerintah-kabupaten-gowa/kecamatan-bajeng-barat/index.html").read_text(encoding="utf-8")
    assert "Sub Bagian Perencanaan" in unit and 'href="../../../sop/kabupaten-gowa/' in unit
    # Bajeng's "Kasubag Perencanaan" and Juai's "Kasubbag Perencanaan dan Keuangan": one position
    # (sops/_jabatan.yaml), one page.
    role = (seed_site / "pelaksana/kasubbag-perencanaan-dan-keuangan/index.html").read_text(encoding="utf-8")
    assert "Menerima dan mengarsipkan dokumen perjanjian kinerja" in role and "3 langkah di 2 SOP" in role
    assert not (seed_site / "pelaksana/kasubag-perencanaan").exists()
    revoked = (seed_site / "peraturan/pp-46-2011/index.html").read_text(encoding="utf-8")
    assert "sop-badge-dicabut" in revoked and "PP Nomor 30 Tahun 2019" in revoked
    assert "Penyusunan Rencana Kinerja Tahunan (RKT)" in revoked
    assert 'href="../pp-30-2019/"' in revoked
    listing = (seed_site / "sop/index.html").read_text(encoding="utf-8")
    assert listing.count("<tr data-unit=") == 2 and 'data-sort="minutes"' in listing
    tags = (seed_site / "tag/index.html").read_text(encoding="utf-8")
    assert 'href="../unit/"' in tags and 'href="../pelaksana/camat/"' in tags
    # an SOP page's tags (Material's chips) open the unit's and the positions' own pages
    bajeng = page(seed_site, SEED_BAJENG)
    chips = bajeng[bajeng.index('<nav class="md-tags"'):]
    chips = chips[: chips.index("</nav>")]
    assert 'href="../../../../unit/pemerintah-kabupaten-gowa/kecamatan-bajeng-barat/" class="md-tag"' in chips
    assert 'href="../../../../pelaksana/kasubbag-perencanaan-dan-keuangan/" class="md-tag"' in chips


def test_published_data_and_schema(seed_site: Path) -> None:
    data = json.loads((seed_site / "sops.json").read_text(encoding="utf-8"))
    assert data["version"] == 2 and data["jumlah"] == 2
    ids = {item["id"] for item in data["sops"]}
    assert ids == {SEED_BAJENG, SEED_JUAI}
    listed = next(item for item in data["sops"] if item["id"] == SEED_JUAI)
    assert listed["url"] == f"sop/{SEED_JUAI}/" and listed["unit"] == "Kecamatan Juai"
    assert "sop" not in listed  # the index holds no SOP: each SOP has its own file
    juai = json.loads((seed_site / listed["data"]).read_text(encoding="utf-8"))
    assert juai["sop"]["disahkan"]["nip"] == "???????? 200601 1 016" and juai["id"] == SEED_JUAI
    assert juai["ringkasan"]["nama"] == juai["sop"]["nama"] and "langkah" not in juai["ringkasan"]["bagan_alir"][0]
    assert juai["ringkasan"]["bagan_alir"][0]["waktu_jalur_utama"]["teks"]
    assert juai["ringkasan"]["dasar_hukum"][0]["status"] == "dicabut"
    schema = json.loads((seed_site / "schema/sop.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "SOP AP"


def test_search_index_is_built_for_indonesian(seed_site: Path) -> None:
    """Pagefind indexed the pages as Indonesian (stemming); the browser tests in test_search.py query it."""
    entry = json.loads((seed_site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"id"}
    assert entry["languages"]["id"]["page_count"] >= 20
    assert not (seed_site / "search/search_index.json").exists()  # Material's lunr index is gone


def test_sop_pages_are_not_in_every_page_nav(seed_site: Path) -> None:
    home = (seed_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[: nav.index("</nav>")]
    assert SEED_JUAI not in nav and SEED_BAJENG not in nav


def test_invalid_sop_stops_build_and_keeps_previous_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert build(project).returncode == 0
    marker = project / "site" / "index.html"
    before = marker.read_text()
    bad = project / f"sops/{SEED_BAJENG}.yaml"
    bad.write_text(bad.read_text().replace("oleh: Sekrcam\n", "oleh: Bendahara\n", 1), encoding="utf-8")
    result = build(project, "--strict")
    assert result.returncode != 0
    assert "Pelaksana 'Bendahara' tidak ada" in result.stderr
    assert "situs tidak dibangun" in result.stderr
    assert "Traceback" not in result.stderr
    assert marker.read_text() == before
    assert not (project / "site.sop-staging").exists()


def test_strict_warning_of_mkdocs_keeps_previous_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    assert build(project).returncode == 0
    before = (project / "site/index.html").read_text()
    (project / "docs/index.md").write_text("# Beranda\n\n[rusak](tidak-ada.md)\n", encoding="utf-8")
    result = build(project, "--strict")
    assert result.returncode != 0 and "Aborted" in result.stdout + result.stderr
    assert (project / "site/index.html").read_text() == before
    assert build(project).returncode == 0  # without --strict the warning does not stop the build
    assert "rusak" in (project / "site/index.html").read_text()


def test_hostile_text_is_shown_literally_everywhere(tmp_path: Path) -> None:
    project = copy_project(tmp_path, with_sops=False)
    path = project / "sops/uji/uji/hostile.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(yaml.safe_dump(hostile_sop(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(project, "--strict")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    html_text = page(site, "uji/uji/hostile")
    found = elements(html_text)
    assert not any("alert" in s for s in found.scripts), "SOP text became a script"
    assert not any(tag == "img" and "onerror" in attrs for tag, attrs in found.tags)
    assert not any((v or "").strip().lower().startswith("javascript:") for _, a in found.tags for v in a.values())
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in html_text
    assert "{{ config.site_name }}" in html_text and "{% raw %}" in html_text
    assert "مرحبا بالعالم" in html_text and "🙂📄✅" in html_text
    # the flowchart SVG is well-formed XML despite the text
    start = html_text.index('<svg', html_text.index('class="sop-flowchart"'))
    svg = html_text[start: html_text.index("</svg>", start) + len("</svg>")]
    ET.fromstring(svg)
    # the page title and nav are text, not markup
    title = html_text[html_text.index("<title>"): html_text.index("</title>")]
    assert "<script" not in title
    for index_page in ("sop/index.html", "unit/index.html", "pelaksana/index.html", "peraturan/index.html",
                       "tag/index.html", "index.html"):
        other = elements((site / index_page).read_text(encoding="utf-8"))
        assert not any("alert" in s for s in other.scripts), index_page
        assert not any(tag == "img" and "onerror" in attrs for tag, attrs in other.tags), index_page
    assert (site / "pagefind" / "pagefind.js").is_file()  # the search index was built over it
    data = json.loads((site / "sops.json").read_text(encoding="utf-8"))
    item = json.loads((site / data["sops"][0]["data"]).read_text(encoding="utf-8"))
    assert item["sop"]["langkah"][0]["kegiatan"] == "Menerima " + HOSTILE[0] + " #0"


def test_a_page_that_cannot_be_rendered_stops_a_build_but_not_serve(monkeypatch) -> None:
    import pytest

    from helpers import JUAI_ID, SOPS
    from sop_ap.render import site
    from sop_ap.render.page_sop import SiteOptions
    from sop_ap.source.registry import load_registry

    original = site.sop_page

    def broken(entry, *args, **kwargs):
        if entry.id == JUAI_ID:
            raise RecursionError("simulated")
        return original(entry, *args, **kwargs)

    monkeypatch.setattr(site, "sop_page", broken)
    options = SiteOptions(simulation=False)
    with pytest.raises(site.RenderError, match="penyusunan-rencana-kinerja-tahunan.yaml.*tidak dapat dibuat"):
        site.site_files(load_registry(SOPS), options)
    failures: list = []
    files = site.site_files(load_registry(SOPS), options, show_invalid=True, failures=failures)
    assert [d.code for d in failures] == ["halaman-gagal"] and "RecursionError: simulated" in failures[0].message
    assert "SOP belum valid" in files[f"sop/{JUAI_ID}.md"] and "galat internal" in files[f"sop/{JUAI_ID}.md"]
    assert "# Perjanjian Kinerja" in files["sop/kabupaten-gowa/kecamatan-bajeng-barat/perjanjian-kinerja.md"]
    assert "sop/index.md" in files and "sops.json" in files


def test_the_plugins_pages_are_compact_and_read_the_same(seed_site: Path) -> None:
    from sop_ap.render.html_compact import compact_html

    html = page(seed_site, SEED_JUAI)
    assert not re.search(r">[ \t\r\n]{2,}<", re.sub(r"<(pre|textarea|code|script|style)\b.*?</\1>", "<kept/>", html,
                                                               flags=re.S))
    assert compact_html(html) == html
    home = (seed_site / "index.html").read_text(encoding="utf-8")  # not the plugin's page: left as MkDocs wrote it
    assert re.search(r">\n\s{2,}<", home)
