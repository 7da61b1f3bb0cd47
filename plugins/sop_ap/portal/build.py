"""The portal: one index site over many registries, built from their published ``sops.json`` files.

The registries' data is read from files the portal's own workflow checked out or downloaded (never fetched by a
visitor's browser). The portal lists every SOP by province, regency or city, and agency (instansi), lists every
regulation cited anywhere, and links every entry to the SOP's page on its own site. Its search is a Pagefind
index of one small record per SOP (no search engine of our own), made by the Pagefind CLI; its UI is Pagefind's
own, showing each result's link to the SOP on its own site. Every list is paginated like the registry's own lists.

A portal list (YAML)::

    nama: Portal SOP AP
    registri:
      - nama: Registri SOP Kabupaten Gowa
        url: https://gowa.example.go.id/sop/   # where the registry's site is published
        data: data/gowa/sops.json              # its sops.json, relative to this file
        provinsi: Sulawesi Selatan             # else from sops.json ("registri")
        wilayah: Kabupaten Gowa
"""

from __future__ import annotations

import json
import shutil
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup

from ..render.templates import render
from ..source.yaml_source import decode, load_yaml
from ..source.site_urls import slug

PAGE_SIZE = 100
ASSETS = ("portal.css", "portal.js")
SHARDS = "provinsi-shard"  # where a national site keeps the province shards it merges


class PortalError(RuntimeError):
    """A portal list or a registry's data that cannot be used; the message is Indonesian."""


@dataclass
class Source:
    """One registry in the portal list."""

    name: str
    url: str
    data: Path
    provinsi: str = ""
    wilayah: str = ""


@dataclass
class Item:
    """One SOP of some registry, as the portal lists it."""

    source: Source
    id: str
    nama: str
    nomor: str
    instansi: str
    unit: str
    url: str
    regulations: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Shard:
    """A province shard the national site searches: a built portal folder (copied into the national site) or
    the URL of a published one (searched there; it must allow the national site's origin, CORS)."""

    name: str
    folder: Path | None = None
    url: str = ""

    @property
    def bundle(self) -> str:
        """Its Pagefind bundle: relative to the national site's root, or an absolute URL."""
        return f"{self.url}pagefind/" if self.url else f"{SHARDS}/{self.name}/pagefind/"


def read_shards(values: list[str]) -> list[Shard]:
    """The shards named by ``--gabung`` (folders or http(s) URLs), checked before anything is built."""
    shards: list[Shard] = []
    for value in values:
        if value.startswith(("http://", "https://")):
            url = value.rstrip("/") + "/"
            shards.append(Shard(slug(url.split("://", 1)[1]) or "pecahan", url=url))
            continue
        folder = Path(value)
        if not folder.is_dir():
            raise PortalError(f"{value}: folder pecahan tidak ditemukan (--gabung menerima folder portal provinsi "
                              "yang sudah dibangun dengan `sop portal`, atau alamat http(s) situsnya).")
        if not (folder / "pagefind" / "pagefind.js").is_file():
            raise PortalError(f"{value}: pecahan ini tidak punya indeks pencarian (pagefind/pagefind.js). Bangun "
                              "dulu portal provinsinya dengan `sop portal DAFTAR --ke FOLDER` tanpa --tanpa-pencarian.")
        shards.append(Shard(slug(folder.resolve().name) or "pecahan", folder=folder.resolve()))
    seen: set[str] = set()
    for shard in shards:
        if shard.name in seen:
            raise PortalError(f"Dua pecahan bernama '{shard.name}': beri folder (atau alamat) yang namanya berbeda.")
        seen.add(shard.name)
    return shards


@dataclass
class Report:
    """What a portal build did: counts, seconds and bytes per step."""

    registries: int = 0
    sops: int = 0
    pages: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    bytes: dict[str, int] = field(default_factory=dict)


def read_list(path: Path) -> tuple[str, list[Source]]:
    """The portal's name and registries from a portal list file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PortalError(f"{path}: daftar registri tidak dapat dibaca: {exc.strerror or exc}.") from exc
    # The same reader as SOP files: Indonesian messages with the line, no PyYAML English.
    text, problem = decode(raw)
    parsed = load_yaml(text) if problem is None else None
    problems = [problem] if problem is not None else [d for d in parsed.diagnostics if d.level == "error"]
    if problems:
        raise PortalError("\n".join(d.located(str(path), d.line, d.column).format() for d in problems))
    data = parsed.data if isinstance(parsed.data, dict) else {}
    sources = []
    for i, item in enumerate(data.get("registri") or []):
        if not isinstance(item, dict) or not item.get("url") or not item.get("data"):
            raise PortalError(f"{path}: registri[{i}] harus punya 'url' (alamat situsnya) dan 'data' (berkas sops.json).")
        sources.append(Source(str(item.get("nama") or item["url"]), str(item["url"]).rstrip("/") + "/",
                              (path.parent / str(item["data"])).resolve(), str(item.get("provinsi") or ""),
                              str(item.get("wilayah") or "")))
    if not sources:
        raise PortalError(f"{path}: daftar 'registri' kosong.")
    return str(data.get("nama") or "Portal SOP AP"), sources


def load_items(sources: list[Source]) -> list[Item]:
    """Every SOP listed by the registries' ``sops.json`` (version 1, whole SOPs, or 2, an index)."""
    items = []
    for source in sources:
        try:
            doc = json.loads(source.data.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise PortalError(f"{source.data}: data registri '{source.name}' tidak dapat dibaca: {exc}") from exc
        info = doc.get("registri") or {}
        source.provinsi = source.provinsi or info.get("provinsi") or "Provinsi belum disebut"
        source.wilayah = source.wilayah or info.get("wilayah") or source.name
        for entry in doc.get("sops", []):
            sop = entry.get("sop") or entry  # version 1 held the whole SOP
            regs = [(r.get("kunci") or slug(r.get("label", "")), r.get("label", "")) for r in entry.get("dasar_hukum", [])]
            if not regs and "sop" in entry:
                regs = [(slug(f"{d.get('jenis')} {d.get('nomor')} {d.get('tahun')}"),
                         f"{d.get('jenis')} Nomor {d.get('nomor')} Tahun {d.get('tahun')}")
                        for d in sop.get("dasar_hukum", [])]
            items.append(Item(source, entry["id"], sop["nama"], sop.get("nomor", ""), sop.get("instansi", ""),
                              sop.get("unit", ""), urljoin(source.url, entry["url"]), regs))
    return items


class _Writer:
    """Writes the portal's pages (``<path>/index.html``), counting them and their bytes."""

    def __init__(self, out: Path, portal: str, bundles: list[str]) -> None:
        self.out, self.portal, self.pages, self.bytes = out, portal, 0, 0
        self.bundles = bundles  # Pagefind bundles the search box uses (the first, merged with the others)

    def page(self, path: str, title: str, body: str, crumbs: list[tuple[str, str]] = ()) -> None:
        depth = path.count("/") + 1 if path else 0
        root = "../" * depth
        bundles = [b if "://" in b else root + b for b in self.bundles]
        html = render("portal_base.html", title=title, portal=self.portal, root=root or "./", body=Markup(body),
                      crumbs=[(label, root + href) for label, href in crumbs], bundles=bundles)
        target = self.out / path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        data = html.encode("utf-8")
        target.write_bytes(data)
        self.pages += 1
        self.bytes += len(data)

    def paged(self, path: str, title: str, groups: list[tuple[str, list[dict]]], intro: str = "",
              crumbs: list[tuple[str, str]] = ()) -> None:
        """A list of links cut into pages of :data:`PAGE_SIZE` (groups split across pages keep their heading)."""
        flat = [(heading, item) for heading, items in groups for item in items]
        chunks = [flat[i:i + PAGE_SIZE] for i in range(0, len(flat), PAGE_SIZE)] or [[]]
        for number, chunk in enumerate(chunks, 1):
            here = path if number == 1 else f"{path}/halaman-{number}"
            grouped: dict[str, list[dict]] = {}
            for heading, item in chunk:
                grouped.setdefault(heading, []).append(item)
            up = "../" if number > 1 else ""
            pages = [(n, None if n == number else (up or "./") if n == 1 else f"{up}halaman-{n}/")
                     for n in range(1, len(chunks) + 1)]
            pager = Markup(render("pager.html", label="Halaman daftar", pages=pages))
            suffix = f" (halaman {number})" if number > 1 else ""
            self.page(here, title + suffix, render("portal_groups.html", intro=intro, groups=list(grouped.items()),
                                                   pager=pager), crumbs)


def build(name: str, sources: list[Source], out: Path, search: bool = True, shards: list[Shard] = ()) -> Report:
    """Build the portal into ``out``; returns what each step cost. With ``shards`` (the national site over
    province shards) it writes no search index of its own: its search box loads the first shard's Pagefind and
    merges the others' indexes in the browser (Pagefind's multisite search, ``mergeIndex``)."""
    report = Report(registries=len(sources))
    shards = list(shards)
    if shards:
        search = False
        start = time.perf_counter()
        _copy_shards(shards, out)
        report.seconds["menyalin pecahan provinsi"] = time.perf_counter() - start
    bundles = [s.bundle for s in shards] if shards else ["pagefind/"] if search else []
    start = time.perf_counter()
    items = load_items(sources)
    report.sops = len(items)
    report.seconds["membaca data registri"] = time.perf_counter() - start
    report.bytes["data registri (sops.json)"] = sum(s.data.stat().st_size for s in sources)

    start = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    writer = _Writer(out, name, bundles)
    _write_lists(writer, sources, items)
    for asset in ASSETS:
        text = (Path(__file__).resolve().parents[1] / "render" / "assets" / asset).read_text(encoding="utf-8")
        (out / "assets").mkdir(exist_ok=True)
        (out / "assets" / asset).write_text(text, encoding="utf-8")
    report.pages = writer.pages
    report.seconds["menulis halaman daftar"] = time.perf_counter() - start
    report.bytes["halaman daftar"] = writer.bytes

    if search:
        start = time.perf_counter()
        _search_index(items, out / "pagefind")
        report.seconds["indeks pencarian (Pagefind)"] = time.perf_counter() - start
        report.bytes["indeks pencarian (Pagefind)"] = sum(p.stat().st_size for p in (out / "pagefind").rglob("*")
                                                          if p.is_file())
    return report


def _copy_shards(shards: list[Shard], out: Path) -> None:
    """Each shard folder into ``out/provinsi-shard/<name>/`` (left as is when it is already there)."""
    for shard in shards:
        if shard.folder is None:
            continue
        target = (out / SHARDS / shard.name).resolve()
        if target == shard.folder:
            continue
        if out.resolve().is_relative_to(shard.folder):
            raise PortalError(f"{shard.folder}: situs nasional ({out}) tidak boleh berada di dalam folder pecahan.")
        if target.exists():
            shutil.rmtree(target)
        try:
            shutil.copytree(shard.folder, target)
        except OSError as exc:
            raise PortalError(f"{shard.folder}: pecahan tidak dapat disalin ke {target}: {exc}") from exc


def _write_lists(writer: _Writer, sources: list[Source], items: list[Item]) -> None:
    tree: dict[str, dict[str, dict[str, list[Item]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    regulations: dict[str, tuple[str, list[Item]]] = {}
    for item in items:
        tree[item.source.provinsi][item.source.wilayah][item.instansi].append(item)
        for key, label in item.regulations:
            regulations.setdefault(key, (label, []))[1].append(item)
    provinces = []
    for prov in sorted(tree):
        p_path = f"provinsi/{slug(prov)}"
        regions = []
        for region in sorted(tree[prov]):
            r_path = f"{p_path}/{slug(region)}"
            agencies = []
            for agency in sorted(tree[prov][region]):
                a_items = tree[prov][region][agency]
                a_path = f"{r_path}/{slug(agency)}"
                by_unit: dict[str, list[dict]] = defaultdict(list)
                for item in sorted(a_items, key=lambda i: (i.unit, i.nama, i.id)):
                    by_unit[item.unit].append({"href": item.url, "name": item.nama, "note": item.nomor})
                writer.paged(a_path, agency, sorted(by_unit.items()),
                             f"{len(a_items)} SOP, menurut unit kerja. Setiap tautan membuka SOP di situs registrinya.",
                             [(prov, f"{p_path}/"), (region, f"{r_path}/")])
                agencies.append({"href": f"{slug(agency)}/", "name": agency, "note": f"{len(a_items)} SOP"})
            count = sum(len(v) for v in tree[prov][region].values())
            writer.paged(r_path, region, [("Instansi", agencies)], f"{count} SOP dari {len(agencies)} instansi.",
                         [(prov, f"{p_path}/")])
            regions.append({"href": f"{slug(region)}/", "name": region, "note": f"{count} SOP"})
        count = sum(len(i) for r in tree[prov].values() for i in r.values())
        writer.paged(p_path, prov, [("Kabupaten/kota", regions)], f"{count} SOP dari {len(regions)} kabupaten/kota.")
        provinces.append({"href": f"{p_path}/", "name": prov, "regions": len(regions), "count": count})
    reg_list = []
    for key, (label, cited) in sorted(regulations.items(), key=lambda kv: kv[1][0].lower()):
        path = f"peraturan/{slug(key)}"
        by_region: dict[str, list[dict]] = defaultdict(list)
        for item in sorted(cited, key=lambda i: (i.source.wilayah, i.nama, i.id)):
            by_region[f"{item.source.wilayah}, {item.source.provinsi}"].append(
                {"href": item.url, "name": item.nama, "note": f"{item.unit} · {item.instansi}"})
        writer.paged(path, label, sorted(by_region.items()), f"{len(cited)} SOP di semua registri bersandar pada "
                     "peraturan ini.", [("Peraturan", "peraturan/")])
        reg_list.append({"href": f"{slug(key)}/", "name": label, "note": f"{len(cited)} SOP"})
    writer.paged("peraturan", "Peraturan yang dikutip", [("", reg_list)],
                 f"{len(reg_list)} peraturan dikutip sebagai dasar hukum oleh SOP di semua registri.")
    counts = defaultdict(int)
    for item in items:
        counts[id(item.source)] += 1
    registry_list = [{"url": s.url, "name": s.name, "region": s.wilayah, "province": s.provinsi,
                      "count": counts[id(s)]} for s in sources]
    writer.page("", "Portal SOP", render("portal_home.html", sops=len(items), registries=len(sources),
                                         provinces=provinces, registry_list=registry_list))


def _search_index(items: list[Item], out: Path) -> None:
    """One Pagefind record per SOP (its name, number, unit, agency, region and regulations), with the link to
    its page on its own site and filters by province, region and agency: small files in a temporary folder,
    indexed by the Pagefind CLI in one run (Pagefind's Python API costs a round trip per record)."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory(prefix="sop-portal-records-") as tmp:
        for n, item in enumerate(items):
            text = " ".join([item.nomor, item.unit, item.instansi, item.source.wilayah, item.source.provinsi,
                             *(label for _, label in item.regulations)])
            html = render("portal_record.html", item=item, text=text,
                          place=f"{item.unit} · {item.instansi} · {item.source.wilayah}")
            folder = Path(tmp) / f"{n // 1000}"
            folder.mkdir(exist_ok=True)
            (folder / f"{n}.html").write_text(html, encoding="utf-8")
        command = [sys.executable, "-m", "pagefind", "--site", tmp, "--output-path", str(out)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=3600)
        if result.returncode != 0 or not (out / "pagefind-ui.js").is_file():
            raise PortalError(f"Indeks pencarian portal (Pagefind) gagal dibuat: {(result.stderr or result.stdout)[-1500:]}")
