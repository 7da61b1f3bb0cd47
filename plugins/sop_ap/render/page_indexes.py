"""Index pages: home summary, all SOPs (filterable), by unit, by pelaksana, by regulation."""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote
from dataclasses import dataclass

from ..engine.checks import chart_columns, norm_name, performer_lookup
from ..engine.flow import FlowGraph
from ..engine.regulations import Regulation, parse_short_ref
from .html_text import date_id, esc, yaml_string
from .page_sop import (SiteOptions, performer_page_path, regulation_page_path, sop_page_path, symbol_svg)
from ..source.registry import Registry, SopEntry
from ..source.roles import acting_columns, position_name, positions_of
from ..source.site_urls import relative_url

HOME_MARKER = "<!-- sop:ringkasan -->"
RECENT_COUNT = 10


def _valid(registry: Registry) -> list[SopEntry]:
    return sorted((e for e in registry.entries if e.sop is not None), key=lambda e: (e.sop.unit, e.sop.nama, e.id))


def _front(title: str, searchable: bool = True) -> str:
    """Front matter. Pages that only list what SOP pages say (the full list, the tag index) are left out of
    the search index: they would be found for every word, and load large fragments (overrides/main.html)."""
    hidden = "" if searchable else "search:\n  exclude: true\n"
    return f"---\ntitle: {yaml_string(title)}\n{hidden}---\n\n"


def _acting_positions(registry: Registry, sop) -> list[str]:
    positions = positions_of(registry)
    return sorted({position_name(positions, p) for c in sop.flowcharts
                   for col, p in enumerate(c.performers) if col in acting_columns(c)})


def _link(page: str, entry: SopEntry, options: SiteOptions) -> str:
    href = relative_url(page, sop_page_path(entry), options.directory_urls)
    return f'<a href="{esc(href)}">{esc(entry.sop.nama)}</a>'


def _last_change(entry: SopEntry):
    t = entry.sop.tanggal
    return max(d for d in (t.pembuatan, t.revisi, t.efektif) if d is not None)


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
        for citation in entry.sop.dasar_hukum:
            if not citation.key:
                continue
            if citation.key not in out:
                out[citation.key] = (CitedRegulation(citation.key, citation.label(), citation.tentang, None), [])
            if entry not in out[citation.key][1]:
                out[citation.key][1].append(entry)
    return out


def _status_badge(regulation: Regulation | None) -> str:
    if regulation is None:
        return '<span class="sop-badge sop-badge-unknown">status belum tercatat</span>'
    return f'<span class="sop-badge sop-badge-{regulation.status}">{regulation.status}</span>'


def home_summary(registry: Registry, options: SiteOptions, page: str = "index.md") -> str:
    """The counts and recently revised SOPs shown on the home page."""
    valid = _valid(registry)
    units = {(e.sop.instansi, e.sop.unit) for e in valid}
    roles = set(performer_steps(registry))
    revoked = [e for e in valid if any(d.code == "dasar-hukum-dicabut" for d in e.diagnostics)]
    recent = sorted(valid, key=_last_change, reverse=True)[:RECENT_COUNT]
    out = ['<div class="sop-counts">',
           f'<div><strong>{len(valid)}</strong><span>SOP</span></div>',
           f'<div><strong>{len(units)}</strong><span>unit kerja</span></div>',
           f'<div><strong>{len(roles)}</strong><span>jabatan pelaksana</span></div>',
           f'<div><strong>{len(revoked)}</strong><span>SOP dengan dasar hukum yang sudah dicabut</span></div>',
           "</div>", "", "## SOP yang terakhir diperbarui", "",
           '<ul class="sop-recent">']
    for entry in recent:
        out.append(f"<li>{_link(page, entry, options)} <span class='sop-muted'>· {esc(entry.sop.unit)} · "
                   f"{date_id(_last_change(entry))}</span></li>")
    out.append("</ul>")
    return "\n".join(out)


def all_sops_page(registry: Registry, options: SiteOptions) -> str:
    """One table of all SOPs, filterable by unit, pelaksana and regulation, sortable by total time."""
    page = "sop/index.md"
    valid = _valid(registry)
    units = sorted({e.sop.unit for e in valid})
    roles = sorted({name for e in valid for name in _acting_positions(registry, e.sop)}, key=str.lower)
    laws = sorted({c.label() for e in valid for c in e.sop.dasar_hukum}, key=str.lower)

    def select(name: str, label: str, values: list[str]) -> str:
        options_html = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)
        return (f'<label>{label}<select data-filter="{name}"><option value="">Semua</option>{options_html}'
                "</select></label>")

    rows = []
    for entry in valid:
        sop = entry.sop
        graph = FlowGraph(sop.flowcharts[0])
        minutes = graph.main_path_time()
        performers = _acting_positions(registry, sop)
        rows.append(
            f'<tr data-unit="{esc(sop.unit)}" data-pelaksana="{esc("|".join(performers))}" '
            f'data-peraturan="{esc("|".join(c.label() for c in sop.dasar_hukum))}" '
            f'data-minutes="{minutes.min_minutes:.0f}">'
            f"\n<td>{_link(page, entry, options)}</td>\n<td>{esc(sop.nomor)}</td>\n<td>{esc(sop.unit)}</td>"
            f"\n<td>{len(sop.flowcharts[0].steps)}</td>\n<td>{esc(minutes.label())}</td></tr>"
        )
    return (
        _front("Daftar SOP", searchable=False) + "# Daftar SOP\n\n"
        f"Registri ini memuat {len(valid)} SOP. Saring menurut unit, pelaksana atau dasar hukum; klik judul "
        "kolom *Waktu baku* untuk mengurutkan.\n\n"
        '<div class="sop-filters" data-sop-filters>'
        + select("unit", "Unit", units) + select("pelaksana", "Pelaksana", roles)
        + select("peraturan", "Dasar hukum", laws)
        + '<output class="sop-filter-count" aria-live="polite"></output></div>\n\n'
        '<div class="sop-table-wrap" tabindex="0" role="region" aria-label="Daftar SOP">'
        '<table class="sop-list" data-sop-list><thead><tr><th scope="col">Nama SOP</th>'
        '<th scope="col">Nomor</th><th scope="col">Unit</th><th scope="col">Langkah</th>'
        '<th scope="col" aria-sort="none"><button type="button" class="sop-sort" data-sort="minutes">'
        "Waktu baku</button></th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>\n"
    )


def units_page(registry: Registry, options: SiteOptions) -> str:
    """All SOPs grouped by instansi, unit and sub-unit."""
    page = "unit/index.md"
    tree: dict[str, dict[str, dict[str, list[SopEntry]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for entry in _valid(registry):
        sop = entry.sop
        tree[sop.instansi][sop.unit][sop.subunit or ""].append(entry)
    out = [_front("SOP menurut unit"), "# SOP menurut unit", ""]
    for instansi in sorted(tree):
        out += [f'<h2 class="sop-h">{esc(instansi)}</h2>', ""]
        for unit in sorted(tree[instansi]):
            out += [f'<h3 class="sop-h">{esc(unit)}</h3>']
            for subunit in sorted(tree[instansi][unit]):
                entries = tree[instansi][unit][subunit]
                if subunit:
                    out.append(f'<p class="sop-subunit">{esc(subunit)}</p>')
                out.append("<ul>" + "".join(f"<li>{_link(page, e, options)} <span class='sop-muted'>"
                                            f"{esc(e.sop.nomor)}</span></li>" for e in entries) + "</ul>")
            out.append("")
    return "\n".join(out)


def performer_steps(registry: Registry) -> dict[str, tuple[str, list[tuple[SopEntry, int, int]]]]:
    """Role key -> (display name, [(entry, chart index, step row)]) for every step a role performs."""
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


def performers_index(registry: Registry, options: SiteOptions) -> str:
    page = "pelaksana/index.md"
    roles = performer_steps(registry)
    paths = performer_paths(roles)
    out = [_front("SOP menurut pelaksana"), "# SOP menurut pelaksana", "",
           "Setiap jabatan pelaksana beserta langkah-langkah yang menjadi bagiannya di semua SOP: bahan belajar "
           "bagi pelaksana baru.", "", "<ul>"]
    for key, (name, steps) in sorted(roles.items()):
        href = relative_url(page, paths[key], options.directory_urls)
        sops = len({e.id for e, _, _ in steps})
        out.append(f'<li><a href="{esc(href)}">{esc(name)}</a> <span class="sop-muted">· {len(steps)} langkah '
                   f"di {sops} SOP</span></li>")
    out.append("</ul>")
    return "\n".join(out)


def performer_page(name: str, steps: list[tuple[SopEntry, int, int]], options: SiteOptions,
                   registry: Registry | None = None, page: str | None = None) -> str:
    """What a new employee in this position reads first: every SOP where the position acts, its steps there,
    and a link that opens the SOP's training for the position. ``page`` is its path when two names share a
    slug (see ``performer_paths``)."""
    page = page or performer_page_path(name)
    sop_count = len({e.id for e, _, _ in steps})
    out = [_front(f"Pelaksana: {esc(name)}"), f'<h1>Pelaksana: {esc(name)}</h1>', "",
           f"<p>Jabatan ini bertindak dalam {len(steps)} langkah di {sop_count} SOP. Di bawah ini setiap SOP "
           "dengan langkah-langkah yang menjadi tugasnya. Pegawai baru dapat berlatih dengan "
           "<strong>Latihan</strong>: simulasi yang menanyakan apa yang dikerjakan jabatan ini di setiap "
           "langkah.</p>", ""]
    positions = positions_of(registry) if registry is not None else None
    by_sop: dict[str, list[tuple[SopEntry, int, int]]] = defaultdict(list)
    for item in steps:
        by_sop[item[0].id].append(item)
    for items in by_sop.values():
        entry = items[0][0]
        chart = entry.sop.flowcharts[items[0][1]]
        acting = acting_columns(chart)
        called = [p.nama for col, p in enumerate(chart.performers) if col in acting and (
            positions is None and norm_name(p.nama) == norm_name(name)
            or positions is not None and norm_name(position_name(positions, p)) == norm_name(name))]
        alias = ("" if not called or norm_name(called[0]) == norm_name(name)
                 else f" · di SOP ini disebut “{esc(called[0])}”")
        sop_href = relative_url(page, sop_page_path(entry), options.directory_urls)
        train = ""
        if options.simulation and called and items[0][1] == 0:
            train = (f' · <a href="{esc(sop_href)}?latihan={esc(quote(called[0]))}" data-sop-train>'
                     f"Berlatih sebagai {esc(called[0])}</a>")
        # The steps are searched on the SOP's own page: here they would only repeat it (and, with many SOPs,
        # make this page's search fragment very large).
        out.append(f'<h2 class="sop-h" data-pagefind-ignore>{_link(page, entry, options)}</h2>'
                   f'<p class="sop-muted" data-pagefind-ignore>{esc(entry.sop.unit)}{alias}{train}</p>')
        out.append('<div class="sop-table-wrap" data-pagefind-ignore="all"><table><thead><tr><th>No</th><th>Kegiatan</th><th>Kelengkapan</th>'
                   "<th>Waktu</th><th>Output</th></tr></thead><tbody>")
        for _, ci, row in items:
            step = entry.sop.flowcharts[ci].steps[row]
            out.append(f"<tr>\n<td>{step.no}</td>\n<td>{symbol_svg(step.shape)} {esc(step.kegiatan)}</td>"
                       f"\n<td>{esc(', '.join(step.kelengkapan) or '-')}</td>\n<td>{esc(step.waktu or '-')}</td>"
                       f"\n<td>{esc(', '.join(step.output) or '-')}</td></tr>")
        out.append("</tbody></table></div>")
    return "\n".join(out) + "\n"


def regulations_index(registry: Registry, options: SiteOptions) -> str:
    page = "peraturan/index.md"
    items = cited_regulations(registry)
    out = [_front("SOP menurut peraturan"), "# SOP menurut peraturan", "",
           "Peraturan yang menjadi dasar hukum SOP, dengan statusnya. SOP yang bersandar pada peraturan yang sudah "
           "dicabut perlu ditinjau.", "",
           '<div class="sop-table-wrap"><table><thead><tr><th>Peraturan</th><th>Status</th><th>SOP</th></tr>'
           "</thead><tbody>"]
    for key, (cited, entries) in sorted(items.items(), key=lambda kv: kv[1][0].label.lower()):
        href = relative_url(page, regulation_page_path(key), options.directory_urls)
        out.append(f'<tr><td><a href="{esc(href)}">{esc(cited.label)}</a>'
                   + (f"<br><span class='sop-muted'>{esc(cited.about)}</span>" if cited.about else "")
                   + f"</td><td>{_status_badge(cited.known)}</td><td>{len(entries)}</td></tr>")
    out.append("</tbody></table></div>")
    return "\n".join(out) + "\n"


def regulation_page(registry: Registry, cited: CitedRegulation, entries: list[SopEntry],
                    options: SiteOptions) -> str:
    page = regulation_page_path(cited.key)
    known = cited.known
    out = [_front(esc(cited.label)), f"<h1>{esc(cited.label)}</h1>", ""]
    if cited.about:
        out.append(f"<p>tentang {esc(cited.about)}</p>")
    out.append(f"<p>Status: {_status_badge(known)}</p>")
    if known is not None:
        if known.diganti_oleh:
            links = []
            for ref, label in zip(known.diganti_oleh, registry.regulations.replacement_labels(known)):
                target = parse_short_ref(ref)
                # Only regulations with a page of their own are linked (a known one, or one an SOP cites).
                has_page = target is not None and (target in registry.regulations.by_key or any(
                    c.key == target for e in _valid(registry) for c in e.sop.dasar_hukum))
                href = relative_url(page, regulation_page_path(target), options.directory_urls) if has_page else None
                links.append(f'<a href="{esc(href)}">{esc(label)}</a>' if href else esc(label))
            verb = "Dicabut/digantikan oleh" if known.status == "dicabut" else "Diubah oleh"
            out.append(f"<p>{verb}: {', '.join(links)}</p>")
        if known.keterangan:
            out.append(f"<p>{esc(known.keterangan)}</p>")
        out.append(f'<p class="sop-muted">Sumber: {esc(known.sumber)}</p>')
    if known is not None and known.status == "dicabut" and entries:
        out.append('<div class="admonition warning"><p class="admonition-title">Perlu ditinjau</p>'
                   f"<p>{len(entries)} SOP masih bersandar pada peraturan yang sudah dicabut ini.</p></div>")
    out += ["", "<h2>SOP yang bersandar pada peraturan ini</h2>"]
    if entries:
        out.append("<ul>" + "".join(f"<li>{_link(page, e, options)} <span class='sop-muted'>· "
                                    f"{esc(e.sop.unit)}</span></li>" for e in entries) + "</ul>")
    else:
        out.append("<p>Belum ada SOP di registri ini.</p>")
    return "\n".join(out) + "\n"


def tags_page() -> str:
    return _front("Tag", searchable=False) + "# Tag\n\nSOP menurut tag unit kerja dan pelaksana.\n\n<!-- material/tags -->\n"
