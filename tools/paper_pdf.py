"""Print SOPs' paper layout ("Cetak") to PDF with headless Chromium and count the pages; optionally write a PNG
of every page to look at.

    .venv/bin/python tools/paper_pdf.py --out /tmp/paper sops tests/data/patterns --png

Prints one line per SOP: pages in the PDF, flowchart pages, and the file written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

CHROMIUM = "/usr/bin/chromium"


def paper_document(entry, registry) -> str:
    """A standalone HTML page that shows the paper layout as it prints."""
    from sop_ap.render.paper import paper_html
    from sop_ap.render.site import asset_text

    css = asset_text("paper.css")
    return (f"<!doctype html><html lang='id'><head><meta charset='utf-8'><style>{css} .sop-paper{{display:block}}"
            f"</style></head><body>{paper_html(entry, registry)}</body></html>")


def pdf_pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def print_pdfs(documents: dict[str, str], png_dir: Path | None = None) -> dict[str, bytes]:
    """name -> PDF bytes of each HTML document, printed by Chromium (A4 landscape from the page's @page)."""
    from playwright.sync_api import sync_playwright

    out = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        for name, html in documents.items():
            page.set_content(html, wait_until="load")
            page.emulate_media(media="print")
            out[name] = page.pdf(prefer_css_page_size=True, print_background=True)
            if png_dir is not None:
                page.set_viewport_size({"width": 1123, "height": 794})
                blocks = page.locator(".sop-paper-page")
                for i in range(blocks.count()):
                    blocks.nth(i).screenshot(path=str(png_dir / f"{name}-{i + 1}.png"))
        browser.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("roots", nargs="+", help="folders of SOP files")
    parser.add_argument("--out", default="/tmp/paper")
    parser.add_argument("--png", action="store_true", help="also write a PNG of every printed page's block")
    args = parser.parse_args()
    from sop_ap.source.registry import load_registry

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    documents = {}
    for root in args.roots:
        registry = load_registry(Path(root))
        for entry in registry.entries:
            if entry.ok:
                documents[entry.id.replace("/", "__")] = (paper_document(entry, registry))
    for name, pdf in print_pdfs(documents, out if args.png else None).items():
        path = out / f"{name}.pdf"
        path.write_bytes(pdf)
        flow = documents[name].count("sop-paper-flow-page")
        print(f"{pdf_pages(pdf):3d} halaman ({flow} bagan alir)  {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
