"""The JSON Schema generated from the model: valid, in sync, accepts the seeds, rejects broken files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
import yaml

from sop_ap.schema import SCHEMA_PATH, schema_text, sop_json_schema
from sop_ap.yaml_source import SopYamlLoader

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "sops").rglob("*.yaml"))


def _data(path: Path) -> dict:
    return json.loads(json.dumps(yaml.load(path.read_text(encoding="utf-8"), Loader=SopYamlLoader), default=str))


@pytest.fixture(scope="module")
def validator():
    schema = sop_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_in_sync() -> None:
    assert (ROOT / SCHEMA_PATH).read_text(encoding="utf-8") == schema_text()


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem for p in SEEDS])
def test_seed_files_are_accepted_and_point_at_the_schema(validator, path: Path) -> None:
    assert list(validator.iter_errors(_data(path))) == []
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema=")
    target = (path.parent / first.split("=", 1)[1]).resolve()
    assert target == (ROOT / SCHEMA_PATH).resolve()


@pytest.mark.parametrize("breakage", ["unknown key", "bad symbol", "no kegiatan", "wrong type"])
def test_broken_files_are_rejected(validator, breakage: str) -> None:
    data = _data(SEEDS[0])
    if breakage == "unknown key":
        data["nama_sop"] = "x"
    elif breakage == "bad symbol":
        data["langkah"][0]["simbol"] = "lingkaran"
    elif breakage == "no kegiatan":
        del data["langkah"][1]["kegiatan"]
    else:
        data["tanggal"] = "kemarin"
    assert list(validator.iter_errors(data))


def test_schema_has_indonesian_help() -> None:
    schema = sop_json_schema()
    step = schema["$defs"]["Langkah"]["properties"]
    assert "kata kerja aktif" in step["kegiatan"]["description"]
    assert os.path.basename(str(SCHEMA_PATH)) == "sop.schema.json"
