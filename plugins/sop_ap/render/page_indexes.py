"""Index pages: home summary, all SOPs (filterable), by unit, by pelaksana, by regulation, tags.

Every list is cut into pages of a fixed number of rows, so that no page grows with the registry: a registry of
10,000 SOPs gets 100 pages of the SOP list, not one page of megabytes. The list of all SOPs also publishes its
rows as small JSON files (``sop/baris/*.json``): filtering and sorting fetch them and work on every row, not
only the page shown. Each page is a small Jinja template (``templates/*.html``); the functions here return
``(path, markdown)`` pairs and know nothing of MkDocs.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

from markupsafe import Markup

from ..engine.checks import chart_columns, norm_name
from ..engine.flow import FlowGraph
from ..engine.regulations import Regulation, parse_short_ref
from ..source.registry import Registry, SopEntry
from ..source.roles import acting_columns, position_name, positions_of
from ..source.site_urls import relative_url, slug
from .html_text import yaml_string
from .page_sop import (SiteOptions, performer_page_path, regulation_page_path, sop_page_path, symbol,
                       unit_page_path)
from .templates import render

HOME_MARKER = "<!-- sop:ringkasan -->"
RECENT_COUNT = 10
LIST_PAGE_SIZE = 100
"""Rows of a list page (all SOPs, a unit's SOPs, a regulation's SOPs)."""
ROLE_PAGE_SIZE = 20
"""SOPs on one page of a position (each with its table of steps)."""
ROWS_CHUNK = 500
"""Rows per JSON file of the SOP list (``sop/baris/N.json``) at the default page size (five pages of rows),
fetched when a visitor filters or sorts."""
ROWS_INDEX = "sop/baris.json"

Page = tuple[str, str]


def _valid(registry: Registry) -> list[SopEntry]:
    return sorted((e for e in registry.entries if e.sop is not None), key=lambda e: (e.sop.unit, e.sop.nama, e.id))


def _front(title: str, searchable: bool = True) -> str:
    """Front matter. Pages that only list what SOP pages say (the full list, the tag index) are left out of
    the search index: they would be found for every word, and load large fragments (overrides/main.html)."""
    hidden = "" if searchable else "search:\n  exclude: true\n"
    return f"---\ntitle: {yaml_string(title)}\n{hidden}---\n\n"


def _page(title: str, heading: str, body: str, searchable: bool = True) -> str:
    return _front(title, searchable) + f"# {heading}\n\n" + body.strip("\n") + "\n"


def _acting_positions(registry: Registry, sop) -> list[str]:
    positions = positions_of(registry)
    return sorted({position_name(positions, p) for c in sop.flowcharts
                   for col, p in enumerate(c.performers) if col in acting_columns(c)})


def _last_change(entry: SopEntry):
    t = entry.sop.tanggal
    return max(d for d in (t.pembuatan, t.revisi, t.efektif) if d is not None)


# --------------------------------------------------------------------------------------------------
# Pagination
# --------------------------------------------------------------------------------------------------

def numbered_path(first: str, number: int) -> str:
    """The path of page ``number`` of a list whose first page is ``first``: ``sop/index.md`` ->
    ``sop/halaman-2.md``; ``pelaksana/camat.md`` -> ``pelaksana/camat/halaman-2.md``."""
    if number == 1:
        return first
    stem = first[: -len(".md")]
    stem = stem[: -len("/index")] if stem.endswith("/index") else stem
    return f"{stem}/halaman-{number}.md"


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def _pager(first: str, number: int, count: int, options: SiteOptions) -> Markup:
    """Links to every page near this one, the first and the last (gaps shown as "…")."""
    here = numbered_path(first, number)
    wanted = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    pages: list[tuple[int | None, str | None]] = []
    for n in wanted:
        if pages and pages[-1][0] is not None and n - pages[-1][0] > 1:
            pages.append((None, ""))
        pages.append((n, None if n == number else relative_url(here, numbered_path(first, n), options.directory_urls)))
    return Markup(render("pager.html", options.template_dirs, label="Halaman daftar", pages=pages))


# --------------------------------------------------------------------------------------------------
# Rows of the list pages, computed once per build
# --------------------------------------------------------------------------------------------------

@dataclass
class ListRow:
    """What the list pages show of one SOP (no page holds the SOP itself)."""

    entry: SopEntry
    path: str
    performers: list[str]
    laws: list[str]
    steps: int
    minutes: float
    time: str


def list_rows(registry: Registry) -> list[ListRow]:
    rows = []
    for entry in _valid(registry):
        sop = entry.sop
        minutes = FlowGraph(sop.flowcharts[0]).main_path_time()
        rows.append(ListRow(entry, sop_page_path(entry), _acting_positions(registry, sop),
                            [c.label() for c in sop.dasar_hukum], len(sop.flowcharts[0].steps),
                            round(minutes.min_minutes), minutes.label()))
    return rows


@dataclass
class IndexData:
    """Everything the index pages need, gathered once."""

    rows: list[ListRow]
    page_size: int = LIST_PAGE_SIZE
    """Rows of a list page; a position's page holds a fifth as many SOPs, a row file five times as many rows."""
    units: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    laws: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.units = sorted({r.entry.sop.unit for r in self.rows})
        self.roles = sorted({p for r in self.rows for p in r.performers}, key=str.lower)
        self.laws = sorted({law for r in self.rows for law in r.laws}, key=str.lower)


def _href(page: str, target: str, options: SiteOptions) -> str:
    return relative_url(page, target, options.directory_urls)


# --------------------------------------------------------------------------------------------------
# Home
# --------------------------------------------------------------------------------------------------

def home_summary(registry: Registry, options: SiteOptions, page: str = "index.md") -> str:
    """The counts and recently revised SOPs shown on the home page."""
    valid = _valid(registry)
    revoked = [e for e in valid if any(d.code == "dasar-hukum-dicabut" for d in e.diagnostics)]
    recent = sorted(valid, key=_last_change, reverse=True)[:RECENT_COUNT]
    return render("home_summary.html", options.template_dirs, sops=len(valid), units=len({(e.sop.instansi, e.sop.unit) for e in valid}),
                  roles=len(performer_steps(registry)), revoked=len(revoked),
                  recent=[{"href": _href(page, sop_page_path(e), options), "nama": e.sop.nama, "unit": e.sop.unit,
                           "date": _last_change(e)} for e in recent])


# --------------------------------------------------------------------------------------------------
# All SOPs
# --------------------------------------------------------------------------------------------------

def all_sops_pages(data: IndexData, options: SiteOptions) -> Iterator[Page]:
    """The list of all SOPs, a page of rows at a time, and its rows as JSON for filtering and sorting."""
    first = "sop/index.md"
    unit_index = {u: i for i, u in enumerate(data.units)}
    role_index = {r: i for i, r in enumerate(data.roles)}
    law_index = {law: i for i, law in enumerate(data.laws)}
    filters = [("unit", "Unit", data.units), ("pelaksana", "Pelaksana", data.roles),
               ("peraturan", "Dasar hukum", data.laws)]
    pages = _chunks(data.rows, data.page_size)
    for number, rows in enumerate(pages, 1):
        path = numbered_path(first, number)
        shown = [{"href": _href(path, r.path, options), "nama": r.entry.sop.nama, "nomor": r.entry.sop.nomor,
                  "unit": r.entry.sop.unit, "unit_index": unit_index[r.entry.sop.unit],
                  "performer_indexes": "|".join(str(role_index[p]) for p in r.performers),
                  "law_indexes": "|".join(str(law_index[law]) for law in dict.fromkeys(r.laws)),
                  "steps": r.steps, "minutes": r.minutes, "time": r.time} for r in rows]
        body = render("sop_list.html", options.template_dirs, total=len(data.rows), page_count=len(pages), number=number,
                      per_page=data.page_size, filters=filters, rows=shown,
                      rows_url=_href(path, ROWS_INDEX, options), root=_href(path, "index.md", options),
                      pager=_pager(first, number, len(pages), options))
        title = "Daftar SOP" if number == 1 else f"Daftar SOP (halaman {number})"
        yield path, _page(title, title, body, searchable=False)
    yield from _rows_json(data, options, unit_index, role_index, law_index)


def _rows_json(data: IndexData, options: SiteOptions, unit_index: dict, role_index: dict,
               law_index: dict) -> Iterator[Page]:
    """``sop/baris.json`` (names of units, positions and regulations, and the row files) and the row files:
    ``[nama, url from the site root, nomor, unit, [pelaksana], [peraturan], langkah, menit, waktu]``."""
    from ..source.site_urls import page_url

    files = []
    for n, rows in enumerate(_chunks(data.rows, data.page_size * ROWS_CHUNK // LIST_PAGE_SIZE), 1):
        name = f"sop/baris/{n}.json"
        files.append(f"baris/{n}.json")
        yield name, json.dumps([[r.entry.sop.nama, page_url(r.path, options.directory_urls), r.entry.sop.nomor,
                                 unit_index[r.entry.sop.unit], [role_index[p] for p in r.performers],
                                 sorted({law_index[law] for law in r.laws}), r.steps, r.minutes, r.time]
                                for r in rows], ensure_ascii=False, separators=(",", ":"))
    yield ROWS_INDEX, json.dumps({"jumlah": len(data.rows), "berkas": files, "unit": data.units,
                                  "pelaksana": data.roles, "peraturan": data.laws}, ensure_ascii=False,
                                 separators=(",", ":"))


# --------------------------------------------------------------------------------------------------
# Units
# --------------------------------------------------------------------------------------------------

def units_pages(data: IndexData, options: SiteOptions) -> Iterator[Page]:
    """The list of units by instansi (a page of units at a time), and one page (or more) per unit listing its
    SOPs by sub-unit."""
    tree: dict[str, dict[str, list[ListRow]]] = defaultdict(lambda: defaultdict(list))
    for row in data.rows:
        tree[row.entry.sop.instansi][row.entry.sop.unit].append(row)
    first = "unit/index.md"
    units = []
    for instansi in sorted(tree):
        for unit in sorted(tree[instansi]):
            rows = tree[instansi][unit]
            target = unit_page_path(instansi, unit)
            units.append((instansi, unit, len(rows), target))
            yield from _links_pages(target, f"{unit}", rows, options, group=lambda r: r.entry.sop.subunit or "",
                                    note=lambda r: r.entry.sop.nomor, lead=instansi, size=data.page_size)
    pages = _chunks(units, data.page_size)
    for number, chunk in enumerate(pages, 1):
        path = numbered_path(first, number)
        listing: dict[str, list[dict]] = {}
        for instansi, unit, count, target in chunk:
            listing.setdefault(instansi, []).append({"name": unit, "count": count, "href": _href(path, target, options),
                                                     "anchor": f"unit-{slug(instansi)}-{slug(unit)}"})
        body = render("units_index.html", options.template_dirs, tree=list(listing.items()), unit_count=len(units),
                      instansi_count=len(tree), pager=_pager(first, number, len(pages), options))
        title = "SOP menurut unit" + (f" (halaman {number})" if number > 1 else "")
        yield path, _page(title, title, body)


def _links_pages(first: str, title: str, rows: list[ListRow], options: SiteOptions, group, note,
                 lead: str = "", head: str = "", size: int = LIST_PAGE_SIZE) -> Iterator[Page]:
    """A list of SOP links, cut into pages of ``size`` rows and grouped within a page."""
    pages = _chunks(rows, size)
    for number, chunk in enumerate(pages, 1):
        path = numbered_path(first, number)
        groups: dict[str, list[dict]] = {}
        for row in sorted(chunk, key=lambda r: (group(r), r.entry.sop.nama, r.entry.id)):
            groups.setdefault(group(row), []).append({"href": _href(path, row.path, options),
                                                      "nama": row.entry.sop.nama, "note": note(row)})
        body = render("sop_links.html", options.template_dirs, groups=list(groups.items()), pager=_pager(first, number, len(pages), options))
        suffix = f" (halaman {number})" if number > 1 else ""
        heading = render("list_heading.html", options.template_dirs, title=title + suffix, lead=lead)
        yield path, _front(title + suffix) + heading + head + body


# --------------------------------------------------------------------------------------------------
# Positions (pelaksana)
# --------------------------------------------------------------------------------------------------

_ROLES: tuple[Registry, dict] | None = None
"""The last registry's roles: the home page, the lists and the tags each ask for them."""


def performer_steps(registry: Registry) -> dict[str, tuple[str, list[tuple[SopEntry, int, int]]]]:
    """Role key -> (display name, [(entry, chart index, step row)]) for every step a role performs."""
    global _ROLES
    if _ROLES is None or _ROLES[0] is not registry:
        _ROLES = (registry, _performer_steps(registry))
    return _ROLES[1]


def _performer_steps(registry: Registry) -> dict[str, tuple[str, list[tuple[SopEntry, int, int]]]]:
    # Keyed by position: the names of sops/_jabatan.yaml group what SOPs call differently. A performer with
    # no step is no one's task and is not listed.
    positions = positions_of(registry)
    roles: dict[str, tuple[str, list[tuple[SopEntry, int, int]]]] = {}
    for entry in _valid(registry):
        for ci, chart in enumerate(entry.sop.flowcharts):
            for row, cols in enumerate(chart_columns(chart)):  # every lane holding a symbol of the row
                for col in sorted(cols):
                    shown = position_name(positions, chart.performers[col])
                    steps = roles.setdefault(norm_name(shown), (shown, []))[1]
                    if not steps or steps[-1] != (entry, ci, row):
                        steps.append((entry, ci, row))
    return roles


def performer_paths(roles: dict[str, tuple[str, list]]) -> dict[str, str]:
    """Role key -> page path. Two roles whose names make the same slug ("Kaur Umum/Perencanaan", "Kaur Umum &
    Perencanaan") get their own pages: the second in sorted order gets ``-2``, the next ``-3``."""
    out: dict[str, str] = {}
    used = {"pelaksana/index"}  # the list of all roles
    for key in sorted(roles):
        base = performer_page_path(roles[key][0])[: -len(".md")]
        path, n = base, 2
        while path in used:
            path, n = f"{base}-{n}", n + 1
        used.add(path)
        out[key] = f"{path}.md"
    return out


def performers_pages(registry: Registry, options: SiteOptions,
                     roles: dict[str, tuple[str, list]] | None = None,
                     page_size: int = LIST_PAGE_SIZE) -> Iterator[Page]:
    """The list of positions and, for each, its pages."""
    roles = performer_steps(registry) if roles is None else roles
    paths = performer_paths(roles)
    index = "pelaksana/index.md"
    items = []
    for key, (name, steps) in sorted(roles.items()):
        items.append({"name": name, "href": _href(index, paths[key], options), "steps": len(steps),
                      "sops": len({e.id for e, _, _ in steps}), "anchor": f"pelaksana-{slug(name)}"})
        yield from performer_pages(name, steps, options, registry, paths[key],
                                   max(1, page_size * ROLE_PAGE_SIZE // LIST_PAGE_SIZE))
    yield index, _page("SOP menurut pelaksana", "SOP menurut pelaksana", render("performers_index.html", options.template_dirs, roles=items))


def performer_pages(name: str, steps: list[tuple[SopEntry, int, int]], options: SiteOptions,
                    registry: Registry | None = None, first: str | None = None,
                    size: int = ROLE_PAGE_SIZE) -> Iterator[Page]:
    """What a new employee in this position reads first: every SOP where the position acts, its steps there,
    and a link that opens the SOP's training for the position; :data:`ROLE_PAGE_SIZE` SOPs a page. ``first``
    is the first page's path when two names share a slug (see ``performer_paths``)."""
    first = first or performer_page_path(name)
    positions = positions_of(registry) if registry is not None else None
    by_sop: dict[str, list[tuple[SopEntry, int, int]]] = defaultdict(list)
    for item in steps:
        by_sop[item[0].id].append(item)
    pages = _chunks(list(by_sop.values()), size)
    for number, chunk in enumerate(pages, 1):
        path = numbered_path(first, number)
        sops = [_performer_sop(path, items, name, positions, options) for items in chunk]
        body = render("performer_page.html", options.template_dirs, step_count=len(steps), sop_count=len(by_sop), sops=sops,
                      page_count=len(pages), number=number, pager=_pager(first, number, len(pages), options))
        suffix = f" (halaman {number})" if number > 1 else ""
        title = f"Pelaksana: {name}{suffix}"
        yield path, _front(title) + render("list_heading.html", options.template_dirs, title=title, lead="") + body


def _performer_sop(page: str, items: list[tuple[SopEntry, int, int]], name: str, positions,
                   options: SiteOptions) -> dict:
    entry = items[0][0]
    chart = entry.sop.flowcharts[items[0][1]]
    acting = acting_columns(chart)
    called = [p.nama for col, p in enumerate(chart.performers) if col in acting and (
        positions is None and norm_name(p.nama) == norm_name(name)
        or positions is not None and norm_name(position_name(positions, p)) == norm_name(name))]
    sop_href = _href(page, sop_page_path(entry), options)
    steps = []
    for _, ci, row in items:
        step = entry.sop.flowcharts[ci].steps[row]
        steps.append({"no": step.no, "symbol": symbol(step.shape), "kegiatan": step.kegiatan,
                      "kelengkapan": ", ".join(step.kelengkapan) or "-", "waktu": step.waktu or "-",
                      "output": ", ".join(step.output) or "-"})
    return {"href": sop_href, "nama": entry.sop.nama, "unit": entry.sop.unit,
            "alias": called[0] if called and norm_name(called[0]) != norm_name(name) else "",
            "called": called[0] if called else "",
            "train_href": (f"{sop_href}?latihan={quote(called[0])}" if options.simulation and called
                           and items[0][1] == 0 else ""),
            "steps": steps}


# --------------------------------------------------------------------------------------------------
# Regulations
# --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CitedRegulation:
    """A regulation as cited by SOPs: its key, a label, and the data file's entry if any."""

    key: str
    label: str
    about: str | None
    known: Regulation | None


def cited_regulations(registry: Registry) -> dict[str, tuple[CitedRegulation, list[SopEntry]]]:
    """Every regulation that is cited or known, with the SOPs resting on it."""
    out: dict[str, tuple[CitedRegulation, list[SopEntry]]] = {}
    for key, regulation in registry.regulations.by_key.items():
        out[key] = (CitedRegulation(key, regulation.label(), regulation.tentang, regulation), [])
    for entry in _valid(registry):
        for key in dict.fromkeys(c.key for c in entry.sop.dasar_hukum if c.key):  # each SOP once per regulation
            if key not in out:
                citation = next(c for c in entry.sop.dasar_hukum if c.key == key)
                out[key] = (CitedRegulation(key, citation.label(), citation.tentang, None), [])
            out[key][1].append(entry)
    return out


def status_badge(regulation: Regulation | None, template_dirs: tuple[str, ...] = ()) -> Markup:
    """The status of a regulation as a badge (template ``status_badge.html``); unknown when not recorded."""
    return Markup(render("status_badge.html", template_dirs, status=regulation.status if regulation else None))


def regulations_pages(registry: Registry, data: IndexData, options: SiteOptions) -> Iterator[Page]:
    """The list of regulations and, for each, its page(s) listing the SOPs resting on it."""
    cited = cited_regulations(registry)
    rows = {r.entry.id: r for r in data.rows}
    first = "peraturan/index.md"
    ordered = sorted(cited.items(), key=lambda kv: kv[1][0].label.lower())
    for key, (reg, entries) in ordered:
        yield from regulation_pages(registry, reg, [rows[e.id] for e in entries], options, cited, data.page_size)
    # A page of regulations at a time: a province cites hundreds of regional regulations (188 KB on one page at
    # 10,000 generated SOPs).
    pages = _chunks(ordered, data.page_size)
    for number, chunk in enumerate(pages, 1):
        path = numbered_path(first, number)
        items = [{"href": _href(path, regulation_page_path(key), options), "label": reg.label, "about": reg.about,
                  "badge": status_badge(reg.known, options.template_dirs), "count": len(entries)}
                 for key, (reg, entries) in chunk]
        title = "SOP menurut peraturan" + (f" (halaman {number})" if number > 1 else "")
        body = render("regulations_index.html", options.template_dirs, items=items, total=len(ordered),
                      pager=_pager(first, number, len(pages), options))
        yield path, _page(title, title, body)


def regulation_pages(registry: Registry, cited: CitedRegulation, rows: list[ListRow], options: SiteOptions,
                     all_cited: dict | None = None, page_size: int = LIST_PAGE_SIZE) -> Iterator[Page]:
    first = regulation_page_path(cited.key)
    known = cited.known
    replaced: list[tuple[str, str | None]] = []
    if known is not None and known.diganti_oleh:
        all_cited = cited_regulations(registry) if all_cited is None else all_cited
        for ref, label in zip(known.diganti_oleh, registry.regulations.replacement_labels(known)):
            target = parse_short_ref(ref)
            # Only regulations with a page of their own are linked (a known one, or one an SOP cites).
            has_page = target is not None and target in all_cited
            replaced.append((label, _href(first, regulation_page_path(target), options) if has_page else None))
    head = render("regulation_head.html", options.template_dirs, about=cited.about, badge=status_badge(known, options.template_dirs), replaced=replaced,
                  replaced_verb="Dicabut/digantikan oleh" if known is not None and known.status == "dicabut"
                  else "Diubah oleh", note=known.keterangan if known is not None else None,
                  source=known.sumber if known is not None else None,
                  revoked_count=len(rows) if known is not None and known.status == "dicabut" else 0, count=len(rows))
    yield from _links_pages(first, cited.label, rows, options, group=lambda r: r.entry.sop.unit,
                            note=lambda r: r.entry.sop.nomor, head=head, size=page_size)


# --------------------------------------------------------------------------------------------------
# Tags
# --------------------------------------------------------------------------------------------------

TAGS_PAGE = "tag.md"


def tag_links(registry: Registry, roles: dict[str, tuple[str, list]] | None = None) -> dict[str, str]:
    """Tag name (a unit or a position, as SOP pages carry them) -> the page it opens."""
    roles = performer_steps(registry) if roles is None else roles
    out = {name: path for key, path in performer_paths(roles).items() for name in [roles[key][0]]}
    for entry in _valid(registry):
        out.setdefault(entry.sop.unit, unit_page_path(entry.sop.instansi, entry.sop.unit))
    return out


def tags_page(data: IndexData, roles: dict[str, tuple[str, list]], options: SiteOptions) -> Page:
    """The tags of SOP pages: a unit's tag opens the unit's page (all units: ``unit/``), a position's tag the
    position's page; the positions are listed here."""
    paths = performer_paths(roles)
    role_tags = [{"name": name, "count": len({e.id for e, _, _ in steps}),
                  "href": _href(TAGS_PAGE, paths[key], options), "anchor": f"tag:{slug(name)}"}
                 for key, (name, steps) in sorted(roles.items())]
    body = render("tags_page.html", options.template_dirs, units_href=_href(TAGS_PAGE, "unit/index.md", options),
                  unit_count=len({(r.entry.sop.instansi, r.entry.sop.unit) for r in data.rows}), roles=role_tags)
    return TAGS_PAGE, _page("Tag", "Tag", body, searchable=False)
