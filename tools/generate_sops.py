"""Realistic test SOPs, deterministic by seed: 3 to 6 pelaksana, 5 to 20 steps, decisions with loops back,
legal bases, mutu baku, valid NIPs, keterkaitan within a unit.

    python tools/generate_sops.py --count 1000 --seed 7 --out /tmp/sops
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = ROOT / "docs" / "schema" / "sop.schema.json"

KABUPATEN = ["Gowa", "Balangan", "Sleman", "Banyumas", "Sidoarjo", "Bantul", "Klaten", "Lombok Barat", "Minahasa",
             "Agam", "Jembrana", "Kutai Kartanegara"]
KECAMATAN = ["Sukamaju", "Mekarsari", "Sumberrejo", "Tanjung Harapan", "Karanganyar", "Sidomulyo", "Bukit Indah",
             "Air Putih", "Teluk Jaya", "Sungai Rangas", "Batu Ampar", "Pondok Gede"]
DINAS = ["Dinas Kependudukan dan Pencatatan Sipil", "Dinas Penanaman Modal dan PTSP", "Badan Kepegawaian Daerah",
         "Dinas Komunikasi dan Informatika", "Badan Perencanaan Pembangunan Daerah"]
ROLES_KECAMATAN = ["Camat", "Sekretaris Camat", "Kasubag Umum dan Kepegawaian", "Kasubag Perencanaan dan Keuangan",
                   "Kasi Pemerintahan", "Kasi Pelayanan Umum", "Kasi Kesejahteraan Sosial", "Staf Pelaksana",
                   "Operator Layanan"]
ROLES_DINAS = ["Kepala Dinas", "Sekretaris Dinas", "Kepala Bidang Pelayanan", "Kepala Seksi Data",
               "Kasubag Umum", "Analis Kebijakan", "Pengelola Data", "Petugas Loket"]
SUBJECTS = ["surat keterangan domisili", "izin keramaian", "rekomendasi IMB", "surat pengantar nikah",
            "laporan kinerja triwulan", "usulan kenaikan pangkat", "data kependudukan", "surat keterangan usaha",
            "rencana kerja tahunan", "laporan keuangan", "pengaduan masyarakat", "cuti pegawai",
            "surat keterangan tidak mampu", "legalisasi dokumen", "perjanjian kinerja", "pendataan aset"]
VERBS = ["Menerima", "Memeriksa", "Mencatat", "Menyusun", "Memverifikasi", "Mengoreksi", "Menandatangani",
         "Memberi paraf pada", "Mengagendakan", "Menyerahkan", "Mendisposisikan", "Menggandakan", "Mengirimkan",
         "Mengarsipkan", "Menginput", "Menelaah", "Membuat konsep", "Menyampaikan"]
DOCS = ["berkas permohonan", "surat masuk", "lembar disposisi", "konsep surat", "draf keputusan", "formulir",
        "data pendukung", "nota dinas", "daftar hadir", "laporan", "surat keluar", "tanda terima"]
DECISIONS = [("Ya", "Tidak"), ("Lengkap", "Tidak lengkap"), ("Benar", "Salah"), ("Setuju", "Perlu perbaikan"),
             ("Memenuhi syarat", "Tidak memenuhi syarat")]
TIMES = ["5 menit", "10 menit", "15 menit", "30 menit", "1 jam", "2 jam", "1 hari", "2 hari", "5-10 menit",
         "1-2 jam", "1 minggu", "-", "Setiap bulan"]
LAWS = [
    ("UU", "23", 2014, "Pemerintahan Daerah"),
    ("UU", "25", 2009, "Pelayanan Publik"),
    ("UU", "30", 2014, "Administrasi Pemerintahan"),
    ("PP", "17", 2018, "Kecamatan"),
    ("PP", "30", 2019, "Penilaian Kinerja Pegawai Negeri Sipil"),
    ("PP", "94", 2021, "Disiplin Pegawai Negeri Sipil"),
    ("PP", "53", 2010, "Disiplin Pegawai Negeri Sipil"),
    ("Permenpan RB", "35", 2012, "Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan"),
    ("Permendagri", "137", 2017, "Kode dan Data Wilayah Administrasi Pemerintahan"),
    ("Perpres", "96", 2018, "Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil"),
]
NAMES = ["Ahmad Fauzi", "Siti Rahmawati", "Budi Santoso", "Dewi Lestari", "Rudi Hartono", "Nur Aisyah",
         "Hendra Gunawan", "Ratna Sari", "Yusuf Maulana", "Fitri Handayani"]
TITLES = ["S.Sos.", "S.STP., M.Si.", "S.E., M.M.", "S.H.", "S.IP., M.AP."]


def _nip(rng: random.Random) -> str:
    birth = dt.date(rng.randint(1965, 1995), rng.randint(1, 12), rng.randint(1, 28))
    appointed = (birth.year + rng.randint(20, 30), rng.randint(1, 12))
    return f"{birth:%Y%m%d} {appointed[0]}{appointed[1]:02d} {rng.choice('12')} {rng.randint(1, 999):03d}"


def _unit(rng: random.Random, index: int) -> tuple[str, str, list[str]]:
    kabupaten = KABUPATEN[index % len(KABUPATEN)]
    if index % 3 == 2:
        return f"Pemerintah Kabupaten {kabupaten}", DINAS[index % len(DINAS)], ROLES_DINAS
    return f"Pemerintah Kabupaten {kabupaten}", f"Kecamatan {KECAMATAN[index % len(KECAMATAN)]}", ROLES_KECAMATAN


def _steps(rng: random.Random, roles: list[str], subject: str, count: int) -> list[dict]:
    steps: list[dict] = []
    order = roles[1:] + roles[:1]  # every pelaksana gets at least one step

    decision_rows = set(rng.sample(range(2, count - 1), k=min(rng.randint(0, 3), max(0, count - 3))))
    for i in range(count):
        no = i + 1
        step: dict = {
            "no": no,
            "kegiatan": f"{rng.choice(VERBS)} {rng.choice(DOCS)} {subject}",
            "oleh": roles[0] if i == 0 else (order[i - 1] if i - 1 < len(order) else rng.choice(roles)),
        }
        if i in (0, count - 1):
            step["simbol"] = "terminator"
        elif i in decision_rows:
            yes, no_label = rng.choice(DECISIONS)
            back = rng.randint(1, i)  # an earlier step (numbers start at 1)
            step["simbol"] = "keputusan"
            step["kegiatan"] = f"Memeriksa kelengkapan {rng.choice(DOCS)} {subject}"
            step["cabang"] = {yes: no + 1, no_label: back}
        elif rng.random() < 0.08 and len(roles) > 1 and i - 1 >= len(order):
            step["oleh"] = rng.sample(roles, 2)
            step["cara"] = "salah_satu"
        step["kelengkapan"] = rng.sample(DOCS, k=rng.randint(1, 2))
        step["waktu"] = rng.choice(TIMES)
        step["output"] = rng.choice(DOCS).capitalize()
        if rng.random() < 0.15:
            step["keterangan"] = "Dapat dilakukan secara daring"
        steps.append(step)
    return steps


def generate_one(rng: random.Random, index: int, unit_index: int, siblings: list[str]) -> tuple[dict, str]:
    instansi, unit, role_pool = _unit(rng, unit_index)
    count = rng.randint(5, 20)
    roles = rng.sample(role_pool, k=min(rng.randint(3, 6), count - 1))
    subject = SUBJECTS[index % len(SUBJECTS)]
    name = f"Pelayanan {subject} {index}".capitalize() if index >= len(SUBJECTS) else f"Pelayanan {subject}".capitalize()
    made = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randint(0, 1800))
    steps = _steps(rng, roles, subject, count)
    performers = [{"nama": r} for r in roles]
    data = {
        "nomor": f"{index + 1:03d}/SOP/{unit_index + 1:02d}/{made.year}",
        "nama": name,
        "instansi": instansi,
        "unit": unit,
        "tanggal": {"pembuatan": made, "efektif": made + dt.timedelta(days=rng.randint(0, 30))},
        "disahkan": {"jabatan": f"{roles[0]} {unit.split(' ', 1)[-1]}" if unit.startswith("Kecamatan") else roles[0],
                     "nama": f"{rng.choice(NAMES)}, {rng.choice(TITLES)}", "nip": _nip(rng)},
        "dasar_hukum": [{"jenis": j, "nomor": n, "tahun": t, "tentang": about}
                        for j, n, t, about in rng.sample([law for law in LAWS if law[1] != "53"], k=rng.randint(1, 4))],
        "kualifikasi": ["Memahami peraturan terkait " + subject, "Mampu mengoperasikan komputer"],
        "keterkaitan": [{"sop": rng.choice(siblings), "hubungan": "prasyarat"}] if siblings and rng.random() < 0.3
        else [],
        "peralatan": rng.sample(["Komputer", "Printer", "ATK", "Internet", "Stempel", "Buku agenda"], k=3),
        "peringatan": f"Jika SOP ini tidak dilaksanakan, maka pelayanan {subject} terhambat.",
        "pencatatan": ["Buku agenda", "Arsip digital"],
        "pelaksana": performers,
        "langkah": steps,
    }
    return data, name


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def generate(count: int, seed: int) -> list[tuple[str, str]]:
    """``count`` SOP files as (relative path, YAML text), the same for the same seed."""
    rng = random.Random(seed)
    units = max(1, count // 8)
    names: dict[int, list[str]] = {}
    out = []
    for index in range(count):
        unit_index = index % units
        data, name = generate_one(rng, index, unit_index, names.get(unit_index, []))
        names.setdefault(unit_index, []).append(name)
        instansi_slug = _slug(data["instansi"].removeprefix("Pemerintah "))
        rel = f"{instansi_slug}/{_slug(data['unit'])}/{_slug(name)}.yaml"
        depth = rel.count("/") + 1
        header = f"# yaml-language-server: $schema={'../' * depth}docs/schema/sop.schema.json\n"
        out.append((rel, header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)))
    return out


def write(count: int, seed: int, out_dir: Path) -> list[Path]:
    """Write ``count`` generated SOP files under ``out_dir``."""
    paths = []
    for rel, text in generate(count, seed):
        path = Path(out_dir) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description="Tulis SOP uji yang realistis (deterministik menurut seed).")
    parser.add_argument("--count", type=int, default=100, help="jumlah SOP")
    parser.add_argument("--seed", type=int, default=0, help="benih acak")
    parser.add_argument("--out", type=Path, required=True, help="folder tujuan")
    args = parser.parse_args()
    paths = write(args.count, args.seed, args.out)
    print(f"{len(paths)} SOP ditulis ke {args.out}{os.sep}")


if __name__ == "__main__":
    main()
