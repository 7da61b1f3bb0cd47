"""Fetch a pinned npm package's tarball with npm itself, check its integrity, unpack it into a cache.

Used by the test suite for axe-core (accessibility checks in Chromium). Nothing is loaded from a CDN:
``npm pack`` downloads from the npm registry, and the tarball's SHA-512 must equal the pinned one.

    python tools/npm_fetch.py axe-core 4.14.1    # prints the unpacked folder
"""

from __future__ import annotations

import base64
import hashlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".cache" / "npm"

PINNED = {
    # name: (version, the registry's dist.integrity)
    "axe-core": ("4.14.1", "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="),
}


class NpmFetchError(RuntimeError):
    pass


def integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def fetch(name: str, cache: Path = CACHE) -> Path:
    """The unpacked ``package/`` folder of the pinned ``name``; downloaded once, then reused."""
    version, expected = PINNED[name]
    target = cache / f"{name}-{version}"
    if (target / "package.json").is_file():
        return target
    if shutil.which("npm") is None:
        raise NpmFetchError("npm tidak terpasang: jalankan 'bash tools/setup.sh' (paket Debian 'npm').")
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        result = subprocess.run(["npm", "pack", f"{name}@{version}", "--silent", "--pack-destination", tmp],
                                capture_output=True, text=True, timeout=300)
        tarballs = list(Path(tmp).glob("*.tgz"))
        if result.returncode != 0 or len(tarballs) != 1:
            raise NpmFetchError(f"npm pack {name}@{version} gagal: {result.stderr.strip()[-500:]}")
        data = tarballs[0].read_bytes()
        if integrity(data) != expected:
            raise NpmFetchError(f"{name}@{version}: integritas tidak cocok ({integrity(data)} != {expected}).")
        unpacked = Path(tmp) / "unpacked"
        with tarfile.open(tarballs[0]) as tar:
            tar.extractall(unpacked, filter="data")
        shutil.rmtree(target, ignore_errors=True)
        (unpacked / "package").rename(target)
    return target


if __name__ == "__main__":
    print(fetch(sys.argv[1]))
