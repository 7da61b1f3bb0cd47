"""The JSON Schema generated from the model: a valid draft 2020-12 schema, in sync with the committed file,
accepting the seeds and rejecting broken SOPs; every SOP file points editors at it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from helpers import ROOT, SOPS, base_sop, fresh, seed_data, to_yaml
from sop_ap.engine import validate_data
from sop_ap.source.registry import discover
from sop_ap.source.schema import SCHEMA_PATH, schema_ref_for, schema_text, sop_json_schema
from sop_ap.source.yaml_source import SopYamlLoader

SOP_FILES = discover(SOPS)
SCHEMA_COMMENT = "# yaml-language-server: $schema="


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = sop_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_schema_is_draft_2020_12_with_indonesian_help() -> None:
    schema = sop_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "SOP AP" and schema["additionalProperties"] is False
    assert set(schema["required"]) == {"nomor", "nama", "instansi", "unit", "tanggal", "disahkan"}
    step = schema["$defs"]["Langkah"]["properties"]
    assert "kata kerja aktif" in step["kegiatan"]["description"]
    shapes = next(a for a in step["simbol"]["anyOf"] if "enum" in a)
    assert shapes["enum"] == ["terminator", "proses", "keputusan"]
    symbol = schema["$defs"]["Simbol"]["properties"]
    assert {"oleh", "bentuk", "teks", "ke", "cabang", "arah", "peluang"} <= set(symbol)
    assert set(schema["$defs"]["Arah"]["properties"]) == {"label", "ke"}


def test_committed_schema_is_in_sync() -> None:
    committed = ROOT / SCHEMA_PATH
    assert committed.is_file(), "docs/schema/sop.schema.json is missing"
    assert committed.read_text(encoding="utf-8") == schema_text(), (
        "docs/schema/sop.schema.json is out of date: write sop_ap.source.schema.schema_text() to it")


def test_there_are_sop_files() -> None:
    assert len(SOP_FILES) >= 2


@pytest.mark.parametrize("path", SOP_FILES, ids=[p.stem for p in SOP_FILES])
def test_seed_files_are_accepted(validator, path: Path) -> None:
    errors = sorted(validator.iter_errors(seed_data(path)), key=lambda e: list(e.path))
    assert [(list(e.path), e.message) for e in errors] == []


@pytest.mark.parametrize("path", SOP_FILES, ids=[p.stem for p in SOP_FILES])
def test_sop_files_point_at_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(SCHEMA_COMMENT), first
    ref = first[len(SCHEMA_COMMENT):].strip()
    assert not Path(ref).is_absolute() and "://" not in ref  # relative, so it works in any checkout
    assert (path.parent / ref).resolve() == (ROOT / SCHEMA_PATH).resolve()
    assert ref == schema_ref_for(path, ROOT)


def test_the_base_sop_is_accepted(validator) -> None:
    data = json.loads(json.dumps(base_sop(), default=lambda v: v.isoformat()))
    assert list(validator.iter_errors(data)) == []


def _break(data: dict, breakage: str) -> dict:
    data = fresh(data)
    if breakage == "unknown key":
        data["nama_sop"] = "x"
    elif breakage == "unknown key in a step":
        data["langkah"][0]["kegaitan"] = "x"
    elif breakage == "wrong symbol":
        data["langkah"][0]["simbol"] = "lingkaran"
    elif breakage == "step without kegiatan":
        del data["langkah"][1]["kegiatan"]
    elif breakage == "wrong type: tanggal is text":
        data["tanggal"] = "kemarin"
    elif breakage == "wrong type: no is text":
        data["langkah"][0]["no"] = "satu"
    elif breakage == "wrong type: pelaksana is a mapping":
        data["pelaksana"] = {"nama": "Camat"}
    elif breakage == "missing nomor":
        del data["nomor"]
    elif breakage == "step number 0":
        data["langkah"][0]["no"] = 0
    elif breakage == "wrong relation":
        data["keterkaitan"] = [{"sop": "Renja", "hubungan": "saudara"}]
    elif breakage == "nip with letters":
        data["disahkan"]["nip"] = "NIP ABC"
    else:  # pragma: no cover
        raise AssertionError(breakage)
    return data


BREAKAGES = ["unknown key", "unknown key in a step", "wrong symbol", "step without kegiatan",
             "wrong type: tanggal is text", "wrong type: no is text", "wrong type: pelaksana is a mapping",
             "missing nomor", "step number 0", "wrong relation", "nip with letters"]


@pytest.mark.parametrize("path", SOP_FILES, ids=[p.stem for p in SOP_FILES])
@pytest.mark.parametrize("breakage", BREAKAGES)
def test_broken_sops_are_rejected_by_schema_and_model(validator, path: Path, breakage: str) -> None:
    data = _break(seed_data(path), breakage)
    assert list(validator.iter_errors(data)), f"the schema accepts: {breakage}"
    sop, found = validate_data(data)
    assert sop is None and any(d.level == "error" for d in found), f"the model accepts: {breakage}"


def test_schema_accepts_the_short_forms_the_model_accepts(validator) -> None:
    """One text where a list is expected, '-' or nothing, a plain title as keterkaitan: both agree."""
    data = json.loads(json.dumps(base_sop(), default=lambda v: v.isoformat()))
    data["kualifikasi"] = "Memahami tata naskah dinas"
    data["peralatan"] = "-"
    data["pencatatan"] = None
    data["keterkaitan"] = ["Penyusunan Renja", {"sop": "Pengaduan", "hubungan": "lanjutan"}]
    data["langkah"][2]["oleh"] = ["Staf", "Camat"]
    data["langkah"][1]["cabang"] = {"Lengkap": 3, "Ditolak": "selesai"}
    assert list(validator.iter_errors(data)) == []
    sop, found = validate_data(data)
    assert sop is not None and not [d for d in found if d.level == "error"]


def test_yaml_text_of_the_base_sop_round_trips(validator) -> None:
    """The YAML the tests write is what the schema describes (dates as text once converted)."""
    data = yaml.load(to_yaml(base_sop()), Loader=SopYamlLoader)
    assert list(validator.iter_errors(json.loads(json.dumps(data, default=lambda v: v.isoformat())))) == []


def test_published_index_and_per_sop_files_follow_their_schemas(tmp_path: Path) -> None:
    """sops.json (an index) and every data/sop/<id>.json validate against the schemas published beside them."""
    from referencing import Registry, Resource

    from sop_ap.render.page_sop import SiteOptions
    from sop_ap.render.site import write_site
    from sop_ap.source.registry import load_registry

    schemas = {name: json.loads((ROOT / "docs/schema" / name).read_text(encoding="utf-8"))
               for name in ("sops.schema.json", "sop-data.schema.json", "sop.schema.json")}
    refs = Registry().with_resources([(name, Resource.from_contents(s)) for name, s in schemas.items()])
    write_site(load_registry(SOPS), SiteOptions(simulation=False), tmp_path, registry_info={"provinsi": "Uji"})
    index = json.loads((tmp_path / "sops.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schemas["sops.schema.json"], registry=refs).validate(index)
    assert index["jumlah"] == 2 and index["registri"] == {"provinsi": "Uji"}
    item_validator = jsonschema.Draft202012Validator(schemas["sop-data.schema.json"], registry=refs)
    for item in index["sops"]:
        item_validator.validate(json.loads((tmp_path / item["data"]).read_text(encoding="utf-8")))
    broken = json.loads((tmp_path / index["sops"][0]["data"]).read_text(encoding="utf-8"))
    del broken["sop"]["nama"]
    assert not item_validator.is_valid(broken)  # the SOP schema applies inside the data file
    assert not jsonschema.Draft202012Validator(schemas["sops.schema.json"]).is_valid({**index, "versi": 1})
