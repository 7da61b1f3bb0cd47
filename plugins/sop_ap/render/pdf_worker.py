"""Prints SOP PDFs with headless Chromium, in a process of its own: ``python -m sop_ap.render.pdf_worker JOBS.json``.

Started by :class:`sop_ap.render.pdf.PdfRun` so that printing runs on another core than the MkDocs build. The
SOPs are printed in batches of :data:`BATCH_SIZE` (one Chromium print of a document holding several SOPs costs
far less per SOP than one print each: measured in docs/benchmarks.md), on :data:`PAGES` browser tabs at once.
Each batch's PDF is cut into one PDF per SOP at the named destinations Chromium writes for the parts
(template ``pdf_batch.html``), its fonts lose hinting and layout tables (:mod:`.pdf_fonts`), and each PDF gets its metadata and no dates, so that the same input gives the
same bytes. Each file is written to the cache folder under its key, atomically.

The browser runs without JavaScript and offline: the documents are static HTML made by the build.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import sys
import time
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from .pdf_fonts import slim_fonts
from .qr import fill_qr
from .templates import render, trusted

BATCH_SIZE = 10
PAGES = int(os.environ.get("SOP_PDF_TABS", "2"))
"""Browser tabs printing at once (``SOP_PDF_TABS``, for benchmarks)."""
PART_PREFIX = "/sop-pdf-"


def batch_document(css: str, parts: list[str], title: str = "SOP") -> str:
    """The document Chromium prints for a batch: the parts' papers, their QR codes drawn (qr.fill_qr)."""
    return render("pdf_batch.html", css=trusted(css), parts=[trusted(fill_qr(p)) for p in parts], title=title)


def cut(data: bytes, jobs: list[dict], version: str) -> list[bytes]:
    """One PDF per job from the batch's PDF, cut at the parts' named destinations."""
    reader = PdfReader(io.BytesIO(data))
    slim_fonts(reader)  # once per batch: its SOPs share the font programs
    starts: dict[int, int] = {}
    for name, dest in reader.named_destinations.items():
        if name.startswith(PART_PREFIX) and name[len(PART_PREFIX):].isdigit():
            starts[int(name[len(PART_PREFIX):])] = reader.get_destination_page_number(dest)
    order = [starts.get(i) for i in range(len(jobs))]
    if None in order or order[0] != 0 or any(b <= a for a, b in zip(order, order[1:])):
        raise RuntimeError(f"batas SOP dalam PDF tidak terbaca (halaman awal: {order}, {len(reader.pages)} halaman)")
    ends = order[1:] + [len(reader.pages)]
    out = []
    for job, first, end in zip(jobs, order, ends):
        writer = PdfWriter()
        for number in range(first, end):
            page = writer.add_page(reader.pages[number])
            if "/Annots" in page:  # only the batch's own marks link anywhere; the paper has no links
                del page["/Annots"]
        writer.add_metadata({"/Title": job["title"], "/Subject": job["subject"], "/Author": job["author"],
                             "/Creator": "Registri SOP AP", "/Producer": version})
        buffer = io.BytesIO()
        writer.write(buffer)
        out.append(buffer.getvalue())
    return out


def _write(out_dir: Path, key: str, data: bytes) -> None:
    target = out_dir / f"{key}.pdf"
    partial = target.with_name(f"{key}.{os.getpid()}.part")
    partial.write_bytes(data)
    os.replace(partial, target)


async def _print_all(payload: dict) -> int:
    from playwright.async_api import async_playwright

    jobs = payload["jobs"]
    out_dir = Path(payload["out"])
    batches = [jobs[i:i + BATCH_SIZE] for i in range(0, len(jobs), BATCH_SIZE)]
    queue: asyncio.Queue = asyncio.Queue()
    for batch in batches:
        queue.put_nowait(batch)
    done = 0
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=payload["browser"],
            args=["--no-sandbox", "--disable-gpu", "--disable-extensions", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"])
        context = await browser.new_context(java_script_enabled=False, offline=True)

        async def tab() -> None:
            nonlocal done
            page = await context.new_page()
            while not queue.empty():
                batch = queue.get_nowait()
                try:
                    await page.set_content(batch_document(payload["css"], [j["paper"] for j in batch]),
                                           wait_until="load")
                    data = await page.pdf(prefer_css_page_size=True, print_background=True)
                    files = cut(data, batch, payload["version"])
                except Exception as exc:
                    names = ", ".join(j["display"] or j["site_path"] for j in batch)
                    raise RuntimeError(f"{type(exc).__name__}: {exc} (SOP: {names})") from exc
                for job, pdf in zip(batch, files):
                    _write(out_dir, job["key"], pdf)
                done += len(batch)

        await asyncio.gather(*(tab() for _ in range(min(PAGES, len(batches)))))
        await browser.close()
    return done


def main(argv: list[str]) -> int:
    job_file = Path(argv[0])
    payload = json.loads(job_file.read_text(encoding="utf-8"))
    started = time.perf_counter()
    try:
        count = asyncio.run(_print_all(payload))
    except Exception as exc:  # noqa: BLE001 - reported to the build, which stops
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(json.dumps({"printed": count, "seconds": round(time.perf_counter() - started, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
