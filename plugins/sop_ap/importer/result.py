"""What an import produces: the draft data, the flagged fields with their reasons, and what was read,
inferred or missing, for the draft file and the report."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Draft:
    """Draft SOP data, the fields it is unsure of (path -> reason), and what was read or inferred."""

    data: dict = field(default_factory=dict)
    flags: dict[str, str] = field(default_factory=dict)
    read: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    source: str = "teks"
    """Where the text came from: "teks" (a text file), "PDF" (a PDF's text layer) or "pindaian" (OCR)."""
    drawing: list[dict] = field(default_factory=list)
    """Per flowchart, the symbols and arrows as drawn (see ``pdf_flow.Chart.as_dict``): kept structured so a
    model with several symbols per row can be fed from it."""

    def flag(self, path: str, reason: str) -> None:
        self.flags[path] = reason

    def empty(self) -> bool:
        """Nothing worth a draft was read: no name, no number and no step."""
        data = self.data
        return not (data.get("nama") or data.get("nomor") or data.get("langkah") or data.get("pelaksana"))

    def empty_message(self, path: object) -> str:
        if self.source == "pindaian":
            return (f"OCR membaca teks dari pindaian '{path}', tetapi bukan tabel identitas maupun bagan alir SOP. "
                    "Pindai ulang dengan resolusi lebih tinggi (300 dpi) dan halaman lurus, lalu impor lagi.")
        if self.source == "PDF":
            return (f"Tidak ada teks SOP yang terbaca dari PDF '{path}' (bukan tabel identitas maupun bagan alir). "
                    "Bila PDF ini hasil pindaian, jalankan OCR lebih dulu (mis. 'ocrmypdf -l ind "
                    f"{path} hasil.pdf'), lalu impor hasilnya.")
        return (f"Tidak ada isian SOP yang terbaca dari '{path}': tidak ditemukan 'Nomor SOP', 'Nama SOP' maupun tabel "
                "bagan alir. Periksa bahwa berkas ini memang dokumen SOP.")

    def counts(self) -> dict[str, int]:
        """Fields read (not flagged), flagged and missing, for the report."""
        def leaves(value: object) -> int:
            if isinstance(value, dict):
                return sum(leaves(v) for v in value.values())
            if isinstance(value, list):
                return sum(leaves(v) for v in value)
            return 0 if value in (None, "", "-") else 1

        flagged = len(self.flags)
        return {"read": max(0, leaves(self.data) - flagged), "flagged": flagged, "missing": len(self.missing)}
