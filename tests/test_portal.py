"""Portal mode: three generated registries built separately, one portal over their published sops.json files.

Lists by province, regency and agency; the regulations cited anywhere; every entry linking to the SOP page on
its own site; and one search (Pagefind, in Chromium) that finds SOPs of several registries."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from browser import chromium, free_port, serve
from sitebuild import ROOT, build, copy_project, plugin_options

sys.path.insert(0, str(ROOT / "tools"))
from generate_sops import write as write_sops  # noqa: E402

REGISTRIES = [("r1", "Sulawesi Selatan", "Kabupaten Gowa", 3), ("r2", "Sulawesi Selatan", "Kota Makassar", 4),
              ("r3", "Kalimantan Selatan", "Kabupaten Balangan", 5)]


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, dict]:
    base = tmp_path_factory.mktemp("portal")
    served = base / "www"
    served.mkdir()
    port = free_port()
    listing = {"nama": "Portal SOP Uji", "registri": []}
    for name, province, region, seed in REGISTRIES:
        project = copy_project(base / name, with_sops=False)
        write_sops(5, seed, project / "sops")
        plugin_options(project, simulasi=False, provinsi=province, wilayah=region)
        result = build(project, env={"SOP_SITE_URL": f"http://127.0.0.1:{port}/{name}/"})
        assert result.returncode == 0, result.stderr[-2000:]
        (project / "site").rename(served / name)
        # The portal's workflow checks out (or downloads) each registry's sops.json; no province given here:
        # the portal reads it from the registry's own data.
        listing["registri"].append({"nama": f"Registri {region}", "url": f"http://127.0.0.1:{port}/{name}/",
                                    "data": f"../www/{name}/sops.json"})
    (base / "portal").mkdir()
    (base / "portal" / "portal.yml").write_text(yaml.safe_dump(listing, allow_unicode=True), encoding="utf-8")
    from sop_ap.cli.main import main

    assert main(["portal", str(base / "portal" / "portal.yml"), "--ke", str(served / "portal")]) == 0
    return served, port, listing


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def _target(served: Path, port: int, url: str) -> Path:
    """The file a URL of one of the registries' sites is served from."""
    parsed = urlparse(url)
    assert parsed.netloc == f"127.0.0.1:{port}", url
    return served / parsed.path.lstrip("/") / "index.html"


def test_every_registry_publishes_an_index_with_its_region(portal) -> None:
    served, _, _ = portal
    for name, province, region, _ in REGISTRIES:
        data = json.loads((served / name / "sops.json").read_text(encoding="utf-8"))
        assert data["registri"]["provinsi"] == province and data["registri"]["wilayah"] == region
        assert data["jumlah"] == 5 and all((served / name / item["data"]).is_file() for item in data["sops"])


def test_lists_by_province_regency_and_agency_link_to_each_sop_on_its_site(portal) -> None:
    served, port, _ = portal
    site = served / "portal"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<strong>15</strong> SOP dari <strong>3</strong> registri di <strong>2</strong> provinsi" in home
    assert 'href="provinsi/sulawesi-selatan/"' in home and 'href="provinsi/kalimantan-selatan/"' in home
    south = (site / "provinsi/sulawesi-selatan/index.html").read_text(encoding="utf-8")
    assert "Kabupaten Gowa" in south and "Kota Makassar" in south and "Balangan" not in south
    found: dict[str, set[str]] = {}
    for page in site.glob("provinsi/*/*/*/index.html"):  # one page per agency of a regency
        for href in _links(page.read_text(encoding="utf-8")):
            if href.startswith("http"):
                target = _target(served, port, href)
                assert target.is_file(), href
                found.setdefault(urlparse(href).path.split("/")[1], set()).add(href)
    assert {name: len(urls) for name, urls in found.items()} == {"r1": 5, "r2": 5, "r3": 5}
    # every SOP page the registries list is linked from the portal
    for name, *_ in REGISTRIES:
        data = json.loads((served / name / "sops.json").read_text(encoding="utf-8"))
        assert {f"http://127.0.0.1:{port}/{name}/{item['url']}" for item in data["sops"]} == found[name]


def test_regulations_cited_anywhere(portal) -> None:
    served, port, _ = portal
    site = served / "portal"
    index = (site / "peraturan/index.html").read_text(encoding="utf-8")
    cited: dict[str, set[str]] = {}
    for name, *_ in REGISTRIES:
        for item in json.loads((served / name / "sops.json").read_text(encoding="utf-8"))["sops"]:
            for reg in item["dasar_hukum"]:
                cited.setdefault(reg["kunci"], set()).add(f"http://127.0.0.1:{port}/{name}/{item['url']}")
    assert cited and index.count("<li>") == len(cited)
    key, urls = max(cited.items(), key=lambda kv: len(kv[1]))
    page = (site / "peraturan" / key / "index.html").read_text(encoding="utf-8")
    assert {h for h in _links(page) if h.startswith("http")} == urls
    assert len({urlparse(u).path.split("/")[1] for u in urls}) >= 2  # cited in several registries


def _common_word(served: Path) -> str:
    """A word of SOP names found in the most registries (at least two)."""
    seen: dict[str, set[str]] = {}
    for name, *_ in REGISTRIES:
        for item in json.loads((served / name / "sops.json").read_text(encoding="utf-8"))["sops"]:
            for word in re.findall(r"[a-z]{5,}", item["nama"].lower()):
                seen.setdefault(word, set()).add(name)
    word, names = max(seen.items(), key=lambda kv: (len(kv[1]), kv[0]))
    assert len(names) >= 2, seen
    return word


def test_search_finds_sops_of_several_registries(portal) -> None:
    served, port, _ = portal
    with serve(served, port=port) as url, chromium() as browser:
        page = browser.new_page()
        page.goto(url + "portal/")
        field = page.locator(".pagefind-ui__search-input")
        field.fill(_common_word(served))
        results = page.locator(".pagefind-ui__result-link")
        results.first.wait_for(timeout=30_000)
        page.wait_for_timeout(500)
        hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
        registries = {urlparse(h).path.split("/")[1] for h in hrefs}
        assert len(registries) >= 2, hrefs
        assert all(_target(served, port, h).is_file() for h in hrefs)
        page.screenshot(path=str(served.parent / "portal-search.png"), full_page=True)
        results.first.click()
        page.wait_for_load_state()
        assert urlparse(page.url).path.split("/")[1] in {"r1", "r2", "r3"} and "/sop/" in page.url
        assert page.locator("h1").first.inner_text().strip()


def test_a_broken_portal_list_gets_an_indonesian_message_with_its_line(tmp_path: Path) -> None:
    from sop_ap.portal.build import PortalError, read_list

    broken = tmp_path / "daftar.yml"
    broken.write_text("nama: Portal\nregistri: [\n", encoding="utf-8")
    with pytest.raises(PortalError) as caught:
        read_list(broken)
    message = str(caught.value)
    assert f"{broken}:3:1: galat" in message
    assert "while parsing" not in message and "expected" not in message  # no PyYAML English


# National scale: one portal per province (a shard with its own Pagefind index) and a national site whose one
# search merges the shards' indexes in the browser (Pagefind's multisite search, mergeIndex).
SHARDS = {"sulawesi-selatan": ["r1", "r2"], "kalimantan-selatan": ["r3"]}


@pytest.fixture(scope="module")
def national(portal) -> Path:
    served, _, listing = portal
    base = served.parent
    from sop_ap.cli.main import main

    folders = []
    for shard, names in SHARDS.items():
        entries = [r for r in listing["registri"] if r["data"].split("/")[2] in names]
        shard_list = base / "portal" / f"{shard}.yml"
        shard_list.write_text(yaml.safe_dump({"nama": f"Portal {shard}", "registri": entries}, allow_unicode=True),
                              encoding="utf-8")
        assert main(["portal", str(shard_list), "--ke", str(base / "shards" / shard)]) == 0
        folders += ["--gabung", str(base / "shards" / shard)]
    site = served / "nasional"
    assert main(["portal", str(base / "portal" / "portal.yml"), "--ke", str(site), *folders]) == 0
    return site


def test_national_site_copies_the_shards_and_has_no_index_of_its_own(national) -> None:
    assert not (national / "pagefind").exists()
    for shard in SHARDS:
        assert (national / "provinsi-shard" / shard / "pagefind" / "pagefind.js").is_file()
    home = (national / "index.html").read_text(encoding="utf-8")
    assert 'data-bundle="provinsi-shard/sulawesi-selatan/pagefind/"' in home
    assert 'data-merge="provinsi-shard/kalimantan-selatan/pagefind/"' in home
    assert '<script src="provinsi-shard/sulawesi-selatan/pagefind/pagefind-ui.js">' in home
    assert "<strong>15</strong> SOP dari <strong>3</strong> registri" in home  # national lists: every registry


def test_national_search_merges_the_province_shards(portal, national) -> None:
    served, port, _ = portal
    word = _common_word(served)
    with serve(served, port=port) as url, chromium() as browser:
        page = browser.new_page()
        fetched: list[str] = []
        page.on("request", lambda request: fetched.append(request.url))
        page.goto(url + "nasional/")
        page.locator(".pagefind-ui__search-input").fill(word)
        results = page.locator(".pagefind-ui__result-link")
        results.first.wait_for(timeout=30_000)
        page.wait_for_timeout(800)
        hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
        # SOPs of both provinces' registries in one list, each linking to its page on its own registry
        assert {urlparse(h).path.split("/")[1] for h in hrefs} >= {"r3"} and \
            {urlparse(h).path.split("/")[1] for h in hrefs} & {"r1", "r2"}, hrefs
        assert all(_target(served, port, h).is_file() for h in hrefs)
        # both shards' indexes were loaded, from the national site's own files (no CDN, no other host)
        for shard in SHARDS:
            assert any(f"/nasional/provinsi-shard/{shard}/pagefind/" in u for u in fetched), fetched
        assert all(urlparse(u).netloc == f"127.0.0.1:{port}" for u in fetched), fetched
        # the province filter, merged from both shards, narrows the results to one shard's registries
        page.locator(".pagefind-ui__filter-name", has_text="provinsi").click()
        page.get_by_label(re.compile("Kalimantan Selatan")).check()
        page.wait_for_timeout(1500)
        filtered = [results.nth(i).get_attribute("href") for i in range(results.count())]
        assert filtered and {urlparse(h).path.split("/")[1] for h in filtered} == {"r3"}, filtered
        page.screenshot(path=str(served.parent / "national-search.png"), full_page=True)
        results.first.click()
        page.wait_for_load_state()
        assert urlparse(page.url).path.startswith("/r3/") and "/sop/" in page.url
        assert page.locator("h1").first.inner_text().strip()


@pytest.mark.parametrize("problem", ["missing", "no-index"])
def test_a_bad_shard_gets_an_indonesian_message_and_exit_code_1(tmp_path: Path, capsys, problem: str) -> None:
    from sop_ap.cli.main import main

    shard = tmp_path / "aceh"
    if problem == "no-index":
        (shard / "provinsi").mkdir(parents=True)  # a portal built with --tanpa-pencarian
    listing = tmp_path / "nasional.yml"
    listing.write_text("registri:\n  - {url: 'https://contoh.go.id/', data: sops.json}\n", encoding="utf-8")
    code = main(["portal", str(listing), "--ke", str(tmp_path / "site"), "--gabung", str(shard)])
    err = capsys.readouterr().err
    assert code == 1
    expected = "folder pecahan tidak ditemukan" if problem == "missing" else "tidak punya indeks pencarian"
    assert err.startswith(f"galat: {shard}: ") and expected in err, err
    assert "Traceback" not in err and not (tmp_path / "site").exists()


def test_published_shards_are_searched_at_their_url() -> None:
    from sop_ap.portal.build import read_shards

    shards = read_shards(["https://aceh.example.go.id/portal", "https://jabar.example.go.id/portal/"])
    assert [s.bundle for s in shards] == ["https://aceh.example.go.id/portal/pagefind/",
                                          "https://jabar.example.go.id/portal/pagefind/"]
    assert len({s.name for s in shards}) == 2 and all(s.folder is None for s in shards)
