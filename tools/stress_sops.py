"""Large and branchy SOPs that are valid but push the algorithms: thousands of steps, long chains of
decisions, loops back. Used by ``tools/bench_large.py`` and by the tests (with ``tools/`` on ``sys.path``).

    from stress_sops import long_sop, chained_sop
    data = long_sop(5000)                       # 5,000 steps, a decision with a loop back every 10 steps
    data = chained_sop(200, decisions=60, loops=3)  # 60 chained yes/no decisions and 3 loops back

Both return plain data (dates as ``datetime.date``) that ``to_yaml`` turns into the text of a file.
"""

from __future__ import annotations

import datetime as dt

import yaml

PERFORMERS = [{"nama": "Camat"}, {"nama": "Sekretaris Camat", "kode": "Sekcam"},
              {"nama": "Staf Pelayanan", "kode": "Staf"}]
ROLES = ("Staf", "Sekcam", "Camat")


def _identity(name: str) -> dict:
    return {
        "nomor": "900/SOP/2024",
        "nama": name,
        "instansi": "Pemerintah Kabupaten Contoh",
        "unit": "Kecamatan Contoh",
        "tanggal": {"pembuatan": dt.date(2024, 1, 2), "efektif": dt.date(2024, 1, 10)},
        "disahkan": {"jabatan": "Camat Contoh", "nama": "Nama Pejabat, S.Sos.", "nip": "19791025 199912 2 001"},
        "dasar_hukum": [{"jenis": "PP", "nomor": "17", "tahun": 2018, "tentang": "Kecamatan"}],
        "pelaksana": [dict(p) for p in PERFORMERS],
    }


def _process(no: int) -> dict:
    return {"no": no, "kegiatan": f"Mengolah berkas tahap {no}", "oleh": ROLES[no % 3], "waktu": f"{no % 7 + 1} menit",
            "output": [f"Berkas tahap {no}"]}


def _terminator(no: int, text: str) -> dict:
    return {"no": no, "kegiatan": text, "oleh": "Staf", "simbol": "terminator", "waktu": "5 menit"}


def long_sop(steps: int, every: int = 10) -> dict:
    """``steps`` steps in a row; every ``every``-th step is a decision whose second exit goes back 3 steps."""
    out = [_terminator(1, "Menerima permohonan")]
    for no in range(2, steps):
        if no % every == 0 and no > 4:
            out.append({"no": no, "kegiatan": f"Memeriksa hasil tahap {no - 1}", "oleh": ROLES[no % 3],
                        "simbol": "keputusan", "cabang": {"Sesuai": no + 1, "Tidak sesuai": no - 3},
                        "waktu": "5 menit"})
        else:
            out.append(_process(no))
    out.append(_terminator(steps, "Menyerahkan hasil kepada pemohon"))
    data = _identity(f"Uji {steps} Langkah")
    data["langkah"] = out
    return data


def chained_sop(steps: int, decisions: int, loops: int = 1) -> dict:
    """``decisions`` yes/no decisions one after another, each skipping the next step on 'Tidak' (so the
    number of paths doubles with each), and ``loops`` of them going back to the start on a third exit."""
    assert steps >= 2 * decisions + 3, "two steps per decision, and the start and end"
    out = [_terminator(1, "Menerima permohonan")]
    no = 2
    loop_at = set(range(decisions - 1, -1, -max(1, decisions // max(loops, 1)))[:loops]) if loops else set()
    for d in range(decisions):
        branches = {"Ya": no + 1, "Tidak": no + 2}
        if d in loop_at:
            branches["Ulang"] = 2
        out.append({"no": no, "kegiatan": f"Memeriksa syarat {d + 1}", "oleh": ROLES[d % 3], "simbol": "keputusan",
                    "cabang": branches, "waktu": "5 menit"})
        out.append(_process(no + 1))
        no += 2
    while no < steps:
        out.append(_process(no))
        no += 1
    out.append(_terminator(steps, "Menyerahkan hasil kepada pemohon"))
    data = _identity(f"Uji {decisions} Keputusan Berantai")
    data["langkah"] = out
    return data


class _Dumper(yaml.SafeDumper):
    pass


def to_yaml(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=10_000)
