"""The MkDocs plugin: a thin adapter that puts the registry's pages into a MkDocs build.

Everything it shows is made by :mod:`sop_ap.render_pages`; this module only loads the registry
at the start of each build, adds the generated pages, watches ``sops/`` during ``mkdocs serve``,
and stops ``mkdocs build`` before it touches the site folder when an SOP is invalid.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .registry import Registry, load_registry
from .render_pages import errors_page, index_page, page_path, sop_page

log = logging.getLogger("mkdocs.plugins.sop")


class SopPluginConfig(Config):
    sops_dir = opt.Type(str, default="sops")
    """The registry folder, relative to mkdocs.yml."""
    strict = opt.Type(bool, default=False)
    """Treat warnings of SOP files as errors."""


class SopPlugin(BasePlugin[SopPluginConfig]):
    """Generates one page per SOP and an index from the SOP files."""

    def __init__(self) -> None:
        self.registry: Registry | None = None
        self.serving = False
        self.root = Path("sops")

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config):
        base = Path(config.config_file_path or ".").resolve().parent
        self.root = (base / self.config.sops_dir).resolve()
        return config

    def on_pre_build(self, *, config) -> None:
        """Load and validate every SOP before MkDocs cleans or writes the site folder."""
        if not self.root.is_dir():
            raise PluginError(f"Folder SOP '{self.root}' tidak ada (atur 'sops_dir' pada plugin 'sop').")
        self.registry = load_registry(self.root)
        problems = self.registry.all_diagnostics()
        for diag in problems:
            # SOP warnings are content notes shown on the page; only errors fail a strict build.
            (log.error if diag.level == "error" else log.info)(diag.format())
        blocking = [d for d in problems if d.level == "error" or self.config.strict]
        if blocking and not self.serving:
            raise PluginError(
                f"{len(blocking)} masalah pada berkas SOP (lihat di atas); situs tidak dibangun. "
                "Jalankan 'sop validate' untuk rinciannya."
            )

    def on_files(self, files: Files, *, config) -> Files:
        assert self.registry is not None
        for entry in self.registry.entries:
            if entry.sop is not None:
                files.append(File.generated(config, page_path(entry), content=sop_page(entry, self.registry)))
        files.append(File.generated(config, "sop/index.md", content=index_page(self.registry)))
        errors = [d for d in self.registry.all_diagnostics() if d.level == "error"]
        if errors:
            files.append(File.generated(config, "sop/galat.md", content=errors_page(errors)))
        return files

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.root))
        return server
