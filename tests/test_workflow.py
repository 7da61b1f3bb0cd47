"""The publishing workflow: zizmor (offline) finds nothing, least privilege per job, a summary in Indonesian."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from helpers import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ZIZMOR = Path(sys.executable).with_name("zizmor")


def zizmor(target: Path) -> subprocess.CompletedProcess[str]:
    assert ZIZMOR.is_file(), f"zizmor is missing at {ZIZMOR}: run 'bash tools/setup.sh'"
    return subprocess.run([str(ZIZMOR), "--offline", "--persona", "auditor", "--no-progress", "--format", "plain",
                           str(target)], capture_output=True, text=True, timeout=120)


def test_zizmor_finds_nothing() -> None:
    result = zizmor(ROOT / ".github")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout


def test_zizmor_would_find_the_old_workflow(tmp_path: Path) -> None:
    """The audit above can fail: tags instead of hashes, workflow-wide write permissions and persisted
    credentials are each reported."""
    text = (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")
    text = re.sub(r"(actions/checkout)@[0-9a-f]{40} # v[\d.]+", r"\1@v4", text)
    text = text.replace("          persist-credentials: false\n", "          fetch-depth: 1\n")
    text = text.replace("permissions: {}", "permissions:\n  contents: read\n  pages: write\n  id-token: write")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "workflows" / "pages.yml").write_text(text, encoding="utf-8")
    result = zizmor(tmp_path / ".github")
    assert result.returncode != 0
    for audit in ("unpinned-uses", "excessive-permissions", "artipacked"):
        assert audit in result.stdout, (audit, result.stdout)


def workflow() -> dict:
    return yaml.load((WORKFLOWS / "pages.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def test_every_action_is_pinned_by_commit_hash_with_its_version() -> None:
    text = (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")
    uses = re.findall(r"uses: (\S+)(.*)", text)
    assert len(uses) >= 4
    for ref, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", ref), ref
        assert re.fullmatch(r" # v\d+(\.\d+)*", comment), (ref, comment)


def test_least_privilege_per_job() -> None:
    flow = workflow()
    assert flow["permissions"] == {}
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] == "false"
    assert any("bash tools/setup.sh" in s.get("run", "") for s in build["steps"])


def test_summary_tells_the_reviewer_in_indonesian(tmp_path: Path) -> None:
    (tmp_path / "validate.txt").write_text("sops/a/b/c.yaml:4:3: galat [nomor]: <script>x</script>\nGAGAL\n")
    bash = shutil.which("bash")
    assert bash
    failed = subprocess.run([bash, str(ROOT / "tools" / "ci_summary.sh"), "failure", "skipped"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=30)
    assert failed.returncode == 0, failed.stderr
    out = failed.stdout
    assert "**gagal**" in out and "tidak dijalankan" in out and "Perbaiki galat" in out
    assert "sops/a/b/c.yaml:4:3" in out and "&lt;script&gt;" in out and "<script>" not in out
    (tmp_path / "validate.txt").write_text("OK: 2 SOP diperiksa\n")
    passed = subprocess.run([bash, str(ROOT / "tools" / "ci_summary.sh"), "success", "success"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=30).stdout
    assert "Semua SOP lolos pemeriksaan dan situs berhasil dibangun." in passed and "gagal" not in passed
