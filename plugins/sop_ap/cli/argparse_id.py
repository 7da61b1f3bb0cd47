"""Indonesian wording for argparse's own messages (usage, help, errors)."""

from __future__ import annotations

import argparse

_ID = {
    "usage: ": "penggunaan: ",
    "positional arguments": "argumen posisi",
    "options": "opsi",
    "optional arguments": "opsi",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "show program's version number and exit": "tampilkan versi program lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "pilihan tidak sah: %(value)r (pilih dari %(choices)s)",
    "expected one argument": "perlu satu nilai",
    "expected at least one argument": "perlu paling sedikit satu nilai",
    "ambiguous option: %(option)s could match %(matches)s": "opsi ambigu: %(option)s bisa berarti %(matches)s",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
}


def _translate(message: str) -> str:
    return _ID.get(message, message)


def install_indonesian_argparse() -> None:
    """Make argparse print its fixed texts in Indonesian (it looks ``_`` up at call time)."""
    argparse._ = _translate  # type: ignore[attr-defined]
