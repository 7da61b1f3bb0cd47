"""The MkDocs plugin: a thin adapter that puts the registry's files into a MkDocs build.

Everything it shows is made by :func:`sop_ap.render.site.write_site`; this module only loads the registry
and renders all pages at the start of each build (before MkDocs cleans the site folder) into a folder of the
cache (``<cache_dir>/pages``: pages are files, not strings held in memory, and a page whose inputs did not
change is not made again), adds those files, links each SOP page's tags (unit, positions) to the registry's
own pages, watches ``sops/`` during ``mkdocs serve``, and makes ``mkdocs build`` all-or-nothing: the
site is built into a staging folder that replaces the site folder only when the build succeeded.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
import shutil
import tempfile
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from .render import flowchart, pdf, pyodide_assets, qr
from .render.html_blocks import put_back, set_aside
from .render.html_compact import compact_html
from .render.pdf_files import pdf_jobs
from .render.search_index import SearchIndexError, build_index
from .render.page_sop import PYODIDE_DIR
from .render.page_indexes import HOME_MARKER, home_summary, tag_links
from .render.page_sop import SiteOptions
from .source.registry import Registry, load_registry
from .source.site_urls import page_url
from .render.site import ASSET_DIR, CSS_FILES, JS_FILES, RenderError, asset_text, write_site

log = logging.getLogger("mkdocs.plugins.sop")


@dataclass(frozen=True)
class PageTag:
    """A tag as Material's ``partials/tags.html`` shows it: a name and the page it links to."""

    name: str
    url: str | None
    hidden: bool = False


class SopPluginConfig(Config):
    sops_dir = opt.Type(str, default="sops")
    """The registry folder, relative to mkdocs.yml."""
    strict = opt.Type(bool, default=False)
    """Treat warnings of SOP files as errors."""
    repo_url = opt.Optional(opt.Type(str))
    """The repository holding the SOP files (e.g. https://github.com/OWNER/REPO): "Sunting SOP ini" links."""
    edit_branch = opt.Type(str, default="main")
    """The branch used for "Sunting SOP ini" links."""
    cache_dir = opt.Type(str, default=".cache/sop")
    """Where rendered flowcharts and the Pyodide downloads are cached (relative to mkdocs.yml)."""
    simulasi = opt.Type(bool, default=True)
    """Offer the "Simulasikan" widget on every SOP page."""
    pyodide_url = opt.Optional(opt.Type(str))
    """Serve the Pyodide runtime from this URL (e.g. a CDN) instead of the site itself."""
    pencarian = opt.Type(bool, default=True)
    """Build the search index (Pagefind) after every build; the search dialog uses it."""
    pdf = opt.Type(bool, default=True)
    """A PDF of every SOP's paper layout beside its page ("Unduh PDF"), printed by headless Chromium."""
    per_halaman = opt.Type(int, default=100)
    """Rows of a list page (all SOPs, a unit's, a regulation's); a position's page shows a fifth as many SOPs."""
    provinsi = opt.Optional(opt.Type(str))
    """The province of the registry, published in ``sops.json`` for portals (e.g. "Jawa Tengah")."""
    wilayah = opt.Optional(opt.Type(str))
    """The regency or city of the registry, published in ``sops.json`` (e.g. "Kabupaten Gowa")."""


class SopPlugin(BasePlugin[SopPluginConfig]):
    """Generates the SOP pages, the indexes, ``sops.json`` and the assets from the SOP files."""

    def __init__(self) -> None:
        self.registry: Registry | None = None
        self.files: list[str] = []
        self.own_pages: frozenset[str] = frozenset()
        self.html_blocks: dict[str, list[str]] = {}
        self.tags: dict[str, str] = {}
        self.command = ""
        self.root = Path("sops")
        self.options = SiteOptions()
        self.final_site: Path | None = None
        self.staging: Path | None = None
        self.succeeded = False
        self.cache = Path(".cache/sop")
        self.pyodide_files: dict[str, Path] = {}
        self.pdf_run: pdf.PdfRun | None = None

    @property
    def pages_dir(self) -> Path:
        """Where the generated pages are written (and kept between builds: a cache)."""
        return self.cache / ("pages-serve" if self.serving else "pages")

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config):
        base = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.root = (base / self.config.sops_dir).resolve()
        self.cache = base / self.config.cache_dir
        flowchart.set_cache_dir(self.cache / "flowchart")
        qr.set_cache_dir(self.cache / "qr")
        edit_base = None
        repo = self.config.repo_url or config.repo_url
        if repo:
            edit_base = f"{repo.rstrip('/')}/edit/{self.config.edit_branch}/"
        try:
            sops_path = self.root.relative_to(base).as_posix()
        except ValueError:
            sops_path = self.config.sops_dir
        runtime_url = self.config.pyodide_url
        if runtime_url and not runtime_url.endswith("/"):
            runtime_url += "/"
        # Page templates are overridden like Material's partials: <custom_dir>/sop/<name> (render/templates.py).
        custom_dir = getattr(config.theme, "custom_dir", None)
        self.options = SiteOptions(directory_urls=config.use_directory_urls, edit_base=edit_base,
                                   sops_path=sops_path, simulation=self.config.simulasi, runtime_url=runtime_url,
                                   editor=self.serving, template_dirs=(str(custom_dir),) if custom_dir else (),
                                   site_url=config.site_url or None, pdf=self.config.pdf)
        for name in CSS_FILES:
            if f"{ASSET_DIR}/{name}" not in config.extra_css:
                config.extra_css.append(f"{ASSET_DIR}/{name}")
        for name in JS_FILES:
            if f"{ASSET_DIR}/{name}" not in [str(x) for x in config.extra_javascript]:
                config.extra_javascript.append(f"{ASSET_DIR}/{name}")
        site = Path(config.site_dir)
        in_temp = site.resolve().parent == Path(tempfile.gettempdir()).resolve() and site.name.startswith("mkdocs_")
        if self.command == "build" and not in_temp:
            self.final_site = site
            self.staging = site.with_name(site.name + ".sop-staging")
            shutil.rmtree(self.staging, ignore_errors=True)
            config.site_dir = str(self.staging)
        return config

    def on_pre_build(self, *, config) -> None:
        """Load, validate and render everything before MkDocs cleans or writes any file."""
        self.succeeded = False
        if not self.root.is_dir():
            raise PluginError(f"Folder SOP '{self.root}' tidak ada (atur 'sops_dir' pada plugin 'sop').")
        self.registry = load_registry(self.root, cache_dir=self.cache / "validated")
        from .source.roles import role_notes

        problems = self.registry.all_diagnostics() + role_notes(self.registry)
        for diag in problems:
            # SOP warnings are content notes shown on the page; only errors stop a build.
            (log.error if diag.level == "error" else log.info)(diag.format())
        blocking = [d for d in problems if d.level == "error" or self.config.strict]
        if blocking and not self.serving:
            raise PluginError(f"{len(blocking)} masalah pada berkas SOP (lihat di atas); situs tidak dibangun. "
                              "Jalankan 'sop validate' untuk rinciannya.")
        failures: list = []
        info = {k: v for k, v in (("nama", config.site_name), ("url", config.site_url),
                                  ("provinsi", self.config.provinsi), ("wilayah", self.config.wilayah)) if v}
        try:
            self.files = write_site(self.registry, self.options, self.pages_dir, show_invalid=self.serving,
                                    failures=failures, registry_info=info,
                                    page_size=max(1, self.config.per_halaman))
            self.own_pages = frozenset(self.files)
            self.tags = tag_links(self.registry)
        except (flowchart.FlowchartError, RenderError) as exc:
            raise PluginError(str(exc)) from exc
        for problem in failures:  # mkdocs serve: shown on the page, logged here, the other pages served
            log.error(problem.format())
        self._abort_pdfs()
        if self.options.pdf:  # printed in another process while MkDocs builds the pages
            try:
                jobs = pdf_jobs(self.registry, self.options, skip_failures=self.serving)
                self.pdf_run = pdf.start(jobs, asset_text("paper.css"), self.cache / "pdf")
            except (pdf.PdfError, RenderError) as exc:
                raise PluginError(str(exc)) from exc
        self.pyodide_files = {}
        if self.options.simulation:
            try:
                prepared = pyodide_assets.prepare(self.cache / "pyodide-site", self.cache / "downloads",
                                                  with_runtime=self.options.runtime_url is None)
            except pyodide_assets.PyodideAssetsError as exc:
                raise PluginError(f"Aset simulasi (Pyodide) tidak dapat disiapkan: {exc} Matikan simulasi dengan "
                                  "'simulasi: false' pada plugin 'sop', atau atur 'pyodide_url'.") from exc
            self.pyodide_files = {f"{PYODIDE_DIR}/{name}": prepared.folder / name for name in prepared.files}

    def on_files(self, files: Files, *, config) -> Files:
        for path in self.files:
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, path, abs_src_path=str(self.pages_dir / path)))
        for path, source in self.pyodide_files.items():
            files.append(File.generated(config, path, abs_src_path=str(source)))
        if self.registry is not None:
            from .source.logos import logo_files

            for path, source in logo_files(self.registry).items():
                files.append(File.generated(config, path, abs_src_path=str(source)))
        return files

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if HOME_MARKER in markdown and self.registry is not None:
            markdown = markdown.replace(HOME_MARKER, home_summary(self.registry, self.options,
                                                                  page.file.src_uri))
        if page.file.src_uri in self.own_pages:  # mostly HTML: spare Markdown from parsing it (html_blocks)
            markdown, self.html_blocks[page.file.src_uri] = set_aside(markdown)
        return markdown

    def on_page_content(self, html: str, *, page, config, files) -> str:
        blocks = self.html_blocks.pop(page.file.src_uri, None)
        return put_back(html, blocks) if blocks else html

    def on_page_context(self, context, *, page, config, nav):
        names = page.meta.get("tags") if page.meta else None
        if names:  # Material's chips, linked to the unit's and the positions' own pages
            context["tags"] = [PageTag(name, page_url(self.tags[name], config.use_directory_urls))
                               if name in self.tags else PageTag(name, None) for name in names]
        sop_id = page.meta.get("sop_id") if page.meta else None
        if sop_id and self.registry is not None and self.options.edit_base:
            entry = self.registry.by_id.get(sop_id)
            if entry is not None:
                page.edit_url = f"{self.options.edit_base}{self.options.sops_path}/{entry.id}{entry.path.suffix}"
        return context

    def on_post_page(self, output: str, *, page, config) -> str:
        """The plugin's own pages (SOPs and lists: thousands in a province) without indentation."""
        if page.file.src_uri in self.own_pages:
            return compact_html(output)
        return output

    @event_priority(-100)
    def on_post_build(self, *, config) -> None:
        """Add the PDFs, index the finished pages for search (last, once every page is written), then mark
        success."""
        if self.pdf_run is not None:
            run, self.pdf_run = self.pdf_run, None
            try:
                stats = run.finish(Path(config.site_dir))
            except pdf.PdfError as exc:
                raise PluginError(str(exc)) from exc
            log.info(stats.summary())
        if self.config.pencarian:
            try:
                summary = build_index(Path(config.site_dir))
            except SearchIndexError as exc:
                raise PluginError(str(exc)) from exc
            log.debug(summary)
        self.succeeded = True

    def on_build_error(self, *, error: Exception) -> None:
        self.succeeded = False
        self._abort_pdfs()

    def _abort_pdfs(self) -> None:
        if self.pdf_run is not None:
            self.pdf_run.abort()
            self.pdf_run = None

    def on_shutdown(self) -> None:
        """Swap the staged site in only after a build that succeeded (strict warnings included)."""
        self._abort_pdfs()
        if self.staging is None or self.final_site is None:
            return
        if self.succeeded and self.staging.is_dir():
            old = self.final_site.with_name(self.final_site.name + ".sop-old")
            shutil.rmtree(old, ignore_errors=True)
            if self.final_site.exists():
                self.final_site.rename(old)
            self.staging.rename(self.final_site)
            shutil.rmtree(old, ignore_errors=True)
        else:
            shutil.rmtree(self.staging, ignore_errors=True)
            log.error("Situs tidak diperbarui: folder '%s' dibiarkan seperti sebelumnya.", self.final_site)

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.root))
        # Overridden page templates (<custom_dir>/sop/): MkDocs watches the theme only with --watch-theme.
        for folder in self.options.template_dirs:
            if (Path(folder) / "sop").is_dir():
                server.watch(str(Path(folder) / "sop"))
        return server
