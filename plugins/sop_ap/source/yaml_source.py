"""Reading an SOP file: YAML to plain data, with the line and column of every field.

The loader is strict where YAML is surprising: duplicate keys are errors, anchors and aliases are
refused, only ``true``/``false`` are booleans (so a decision labelled ``Ya``/``No`` stays text), and
only plain decimals are integers (so ``009`` stays ``"009"``). Every failure becomes a
:class:`Diagnostic` in Indonesian; nothing raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from ..engine.diagnostics import Diagnostic, Path, error

MAX_BYTES = 1_000_000
STR_TAG = "tag:yaml.org,2002:str"

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SopYamlLoader(_Base):  # type: ignore[misc, valid-type]
    """SafeLoader with YAML 1.2 booleans and decimal-only integers; keys are kept as written and
    duplicate keys are collected in ``duplicates`` (key node, first key node)."""

    def construct_mapping(self, node, deep=False):  # noqa: D102 - PyYAML's hook
        if not isinstance(node, yaml.MappingNode):
            return super().construct_mapping(node, deep=deep)
        out: dict = {}
        first: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise _Refused(error("yaml-kunci", "Kunci pemetaan harus berupa teks sederhana."),
                               *_mark(key_node.start_mark))
            key = key_node.value if key_node.tag == STR_TAG else self.construct_object(key_node, deep=deep)
            if not isinstance(key, str):
                key = key_node.value  # 1:, true:, 2024-01-01: stay the text that was written
            if key in out:
                self.duplicates.append((key, key_node, first[key]))
                continue
            first[key] = key_node
            out[key] = self.construct_object(value_node, deep=deep)
        return out


def _timestamp_or_text(loader: SopYamlLoader, node: yaml.ScalarNode) -> object:
    """A date such as 2024-01-02; a date that does not exist (2024-02-30) stays text, so that the model
    reports it on its own field and line."""
    try:
        return loader.construct_yaml_timestamp(node)
    except (ValueError, AttributeError):  # AttributeError: '!!timestamp abc' matches no date at all
        return loader.construct_scalar(node)


SopYamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)

SopYamlLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
SopYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
SopYamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?(?:0|[1-9][0-9]*))$"), list("-+0123456789")
)


class Positions:
    """Line and column (1-based) of values and mapping keys by field path, found on demand in the node
    tree (nothing is computed for a file without problems)."""

    def __init__(self, text: str | None = None, root: yaml.Node | None = None) -> None:
        self._text = text
        self._root = root

    @property
    def root(self) -> yaml.Node | None:
        """The node tree, composed again from the text the first time a position is asked for (keeping
        every file's tree in memory makes loading a large registry slow)."""
        if self._root is None and self._text is not None:
            loader = SopYamlLoader(self._text)
            try:
                self._root = loader.get_single_node()
            except yaml.YAMLError:
                self._root = None
            finally:
                loader.dispose()
            self._text = None
        return self._root

    def _walk(self, path: Path) -> tuple[yaml.Node | None, yaml.Node | None]:
        """(key node, value node) at ``path``; (None, None) when the path is not in the file."""
        key_node, node = None, self.root
        for part in path:
            if isinstance(node, yaml.MappingNode):
                found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == part),
                             None)
                if found is None:
                    return None, None
                key_node, node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                key_node, node = None, node.value[part]
            else:
                return None, None
        return key_node, node

    def locate(self, path: Path, prefer_key: bool = False) -> tuple[int | None, int | None]:
        """The position of ``path``, or of its nearest ancestor that exists in the file."""
        probe = tuple(path)
        while True:
            key_node, node = self._walk(probe)
            chosen = key_node if prefer_key and key_node is not None else node
            if chosen is not None:
                return _mark(chosen.start_mark)
            if not probe:
                return (None, None)
            probe = probe[:-1]

    def has(self, path: Path) -> bool:
        return self._walk(tuple(path))[1] is not None


@dataclass
class YamlResult:
    data: object | None
    positions: Positions
    diagnostics: list[Diagnostic]


class _Refused(Exception):
    def __init__(self, diagnostic: Diagnostic, line: int | None, column: int | None) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic
        self.line = line
        self.column = column


TAB_MESSAGE = "Karakter tab tidak boleh dipakai di YAML; gunakan spasi untuk indentasi."

YAML_PROBLEMS: list[tuple[str, str]] = [
    ("found character '\\t' that cannot start any token", TAB_MESSAGE),
    ("found a tab character", TAB_MESSAGE),
    ("mapping values are not allowed",
     "Tanda ':' tidak diharapkan di sini. Bila teks memuat ': ', apit teks itu dengan tanda kutip; "
     "bila tidak, periksa indentasi baris ini."),
    ("could not find expected ':'", "Baris ini seharusnya berbentuk 'kunci: nilai'; tanda ':' tidak ditemukan."),
    ("found unexpected end of stream", "Berkas berakhir sebelum tanda kutip atau kurung ditutup."),
    ("found unexpected ':'", "Tanda ':' tidak diharapkan di sini; apit teksnya dengan tanda kutip."),
    ("expected <block end>, but found '-'",
     "Butir daftar ('- ') tidak sejajar dengan butir sebelumnya; periksa indentasi."),
    ("expected <block end>", "Indentasi baris ini tidak sesuai dengan baris di atasnya."),
    ("did not find expected key", "Indentasi atau tanda kutip pada baris ini tidak sesuai; kunci tidak ditemukan."),
    ("did not find expected '-' indicator", "Butir daftar harus diawali '- ' dengan indentasi yang sama."),
    ("did not find expected node content",
     "Nilai tidak lengkap: kurung '[' atau '{' belum ditutup, atau ada koma/titik dua tanpa nilai."),
    ("found undefined alias", "Alias YAML ('*nama') tidak didukung di berkas SOP."),
    ("found character that cannot start any token",
     "Karakter ini tidak boleh mengawali nilai YAML (mis. '@' atau '`'); apit nilainya dengan tanda kutip."),
    ("found unknown escape character", "Urutan escape dalam teks bertanda kutip ganda tidak dikenal; "
     "gunakan tanda kutip tunggal atau tulis '\\\\'."),
    ("expected a single document", "Berkas memuat lebih dari satu dokumen YAML ('---'); satu berkas = satu SOP."),
    ("found duplicate anchor", "Anchor YAML ('&nama') tidak didukung di berkas SOP."),
    ("control characters are not allowed", "Berkas memuat karakter kontrol yang tidak boleh ada di YAML."),
    ("special characters are not allowed", "Berkas memuat karakter kontrol yang tidak boleh ada di YAML."),
    ("could not determine a constructor for the tag",
     "Tag YAML (nilai yang diawali '!' atau '!!') tidak didukung di berkas SOP. Hapus tag itu, atau apit seluruh "
     "nilainya dengan tanda kutip bila '!' memang bagian dari teks."),
    ("found incompatible YAML document", "Versi YAML pada baris '%YAML' tidak didukung; hapus baris itu."),
    ("while scanning an anchor", "Tanda '&' di awal nilai dibaca sebagai anchor YAML; apit nilainya dengan tanda "
     "kutip."),
    ("while scanning an alias", "Tanda '*' di awal nilai dibaca sebagai alias YAML; apit nilainya dengan tanda "
     "kutip."),
    ("did not find expected hexdecimal number", "Urutan escape '\\x', '\\u' atau '\\U' dalam teks bertanda "
     "kutip ganda tidak diikuti angka heksadesimal; gunakan tanda kutip tunggal atau tulis '\\\\'."),
    ("while scanning a block scalar", "Tanda '|' atau '>' harus diikuti akhir baris (teksnya mulai di baris "
     "berikutnya, berindentasi)."),
    ("while parsing a flow sequence", "Daftar dalam kurung '[ ]' tidak ditutup dengan benar; periksa koma dan "
     "kurung tutup ']'."),
    ("while parsing a flow mapping", "Pemetaan dalam kurung '{ }' tidak ditutup dengan benar; periksa koma dan "
     "kurung tutup '}'."),
    ("while constructing an ordered map", "Tag YAML '!!omap' tidak didukung di berkas SOP; hapus tag itu."),
    ("exceeded maximum nesting depth", "Struktur YAML bersarang terlalu dalam; isian SOP berupa teks atau daftar "
     "teks."),
]


MAX_FLOW_DEPTH = 100
"""Brackets nested deeper than this are refused before parsing: no SOP field needs more than a few
levels, and the limit no longer depends on which parser (PyYAML, libyaml) or version refuses first."""
DEPTH_MESSAGE = (f"Nilai bersarang terlalu dalam (lebih dari {MAX_FLOW_DEPTH} tingkat kurung '[' atau '{{'). "
                 "Isian SOP berupa teks atau daftar teks; hapus kurung yang berlebih atau apit teksnya dengan "
                 "tanda kutip.")
_BRACKET = re.compile(r"[\[\]{}]")


def _too_deep(text: str) -> tuple[int, int] | None:
    """(line, column) where flow brackets first nest deeper than ``MAX_FLOW_DEPTH``, if they do."""
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return None
    depth = 0
    for match in _BRACKET.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_FLOW_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            return line, match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
    return None


def _translate_yaml_problem(problem: str) -> str:
    """The Indonesian message for a problem PyYAML reports in English; an unknown one gets a general sentence,
    with PyYAML's own words in parentheses at the end (for whoever helps the author)."""
    for needle, message in YAML_PROBLEMS:
        if needle in problem:
            return message
    return (f"YAML tidak dapat dibaca di sekitar baris ini. Periksa indentasi, tanda kutip dan tanda baca di "
            f"sekitarnya. (Keterangan pembaca YAML: {problem})")


CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Characters that do not show in text (NUL, BEL, ESC …): tab, line feed and carriage return are allowed."""


def _control_problem(data: object) -> tuple[Path, str] | None:
    """The first text (value or key) holding a control character, with its path and the character."""
    stack: list[tuple[object, Path]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if isinstance(value, str):
            found = CONTROL_CHARACTERS.search(value)
            if found:
                return path, found.group()
        elif isinstance(value, dict):
            for key, item in reversed(list(value.items())):
                if isinstance(key, str) and CONTROL_CHARACTERS.search(key):
                    return (*path, key), CONTROL_CHARACTERS.search(key).group()
                stack.append((item, (*path, key)))
        elif isinstance(value, list):
            stack.extend((item, (*path, i)) for i, item in reversed(list(enumerate(value))))
    return None


CONTROL_NAMES = {"\x00": "NUL", "\x07": "BEL", "\x08": "BS", "\x1b": "ESC", "\x7f": "DEL"}


_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def _tab_at(text: str, line: int | None, column: int | None) -> bool:
    """True when the character at (line, column), 1-based, is a tab."""
    if line is None or column is None:
        return False
    lines = _LINE_BREAK.split(text)
    return 0 < line <= len(lines) and 0 < column <= len(lines[line - 1]) and lines[line - 1][column - 1] == "\t"


def _mark(mark: object) -> tuple[int | None, int | None]:
    if mark is None:
        return (None, None)
    return (getattr(mark, "line", 0) + 1, getattr(mark, "column", 0) + 1)


def decode(raw: bytes) -> tuple[str | None, Diagnostic | None]:
    """Bytes of a file to text; binary or non-UTF-8 content gives a diagnostic instead."""
    if len(raw) > MAX_BYTES:
        return None, error("berkas-besar", f"Berkas terlalu besar ({len(raw) // 1024} KB). Satu berkas SOP "
                           f"paling besar {MAX_BYTES // 1000} KB; periksa apakah ini berkas yang benar.")
    if b"\x00" in raw:
        return None, error("berkas-biner", "Berkas ini bukan teks (berisi data biner). Berkas SOP harus berupa "
                           "teks YAML UTF-8.")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, error("berkas-encoding", f"Berkas bukan teks UTF-8 (byte tidak sah pada posisi {exc.start}). "
                           "Simpan ulang berkas dengan encoding UTF-8.")


_ANCHOR = re.compile(r"(?:^|[\s,\[{:-])[&*][^\s,\[\]{}]")


def _find_alias(root: yaml.Node) -> tuple[Path, yaml.Node] | None:
    """The first place where a node appears twice (an alias, of a collection or of a scalar), with its path."""
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, Path]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if id(node) in seen:
            return path, node
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            continue
        if isinstance(node, yaml.SequenceNode):
            stack.extend(reversed([(child, (*path, i)) for i, child in enumerate(node.value)]))
        else:  # in document order, so that the alias (the later one) is reported
            stack.extend(reversed([(value, (*path, key.value)) for key, value in node.value
                                   if isinstance(key, yaml.ScalarNode)]))
    return None


def load_yaml(text: str) -> YamlResult:
    """Parse one YAML document into plain data (PyYAML's own constructor) and positions found on
    demand; every problem is a diagnostic."""
    positions = Positions()
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return YamlResult(None, positions, [error("berkas-kosong", "Berkas kosong. Isi berkas SOP dengan "
                                                  "'nomor', 'nama', 'unit', dst.; 'sop new' membuat contohnya.")])
    deep = _too_deep(text)
    if deep is not None:
        return YamlResult(None, positions, [error("yaml-dalam", DEPTH_MESSAGE).located(None, *deep)])
    loader = SopYamlLoader(text)
    loader.duplicates = []
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlResult(None, positions, [error("berkas-kosong", "Berkas tidak berisi data SOP.")])
        positions = Positions(root=node)
        if _ANCHOR.search(text):
            found = _find_alias(node)
            if found is not None:
                path, _ = found
                raise _Refused(error("yaml-alias", "Anchor dan alias YAML ('&nama', '*nama') tidak didukung di "
                                     "berkas SOP; tulis isinya langsung.", path), *positions.locate(path, True))
        data = loader.construct_document(node)
    except _Refused as exc:
        return YamlResult(None, positions, [exc.diagnostic.located(None, exc.line, exc.column)])
    except yaml.MarkedYAMLError as exc:
        line, column = _mark(exc.problem_mark or exc.context_mark)
        message = _translate_yaml_problem(f"{exc.context or ''} {exc.problem or ''}".strip())
        if _tab_at(text, line, column):  # libyaml does not name the tab in its message
            message = TAB_MESSAGE
        return YamlResult(None, positions, [error("yaml", message).located(None, line, column)])
    except yaml.YAMLError as exc:
        return YamlResult(None, positions, [error("yaml", _translate_yaml_problem(str(exc)))])
    except RecursionError:
        return YamlResult(None, positions, [error("yaml-dalam", "Struktur YAML terlalu bersarang.")])
    except (ValueError, OverflowError, TypeError) as exc:
        return YamlResult(None, positions, [error("yaml-nilai", "Nilai tidak dapat dibaca. Bila ini tanggal, tulis "
                                                  "sebagai TTTT-BB-HH; bila angka, periksa angkanya; bila teks, apit "
                                                  f"dengan tanda kutip. (Keterangan pembaca YAML: {exc})")])
    except Exception as exc:  # noqa: BLE001 - any other failure of the parser: a message, never a traceback
        return YamlResult(None, positions, [error("yaml", _translate_yaml_problem(f"{type(exc).__name__}: {exc}"))])
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        kind = "daftar" if isinstance(data, list) else "satu nilai"
        return YamlResult(None, positions, [error("bukan-pemetaan", f"Isi berkas harus berupa pemetaan "
                                                  f"('kunci: nilai'), bukan {kind}. Mulai berkas dengan "
                                                  "'nomor: ...', 'nama: ...'.").located(None, 1, 1)])
    control = _control_problem(data)
    if control is not None:
        path, char = control
        code = repr(char)[1:-1]
        name = CONTROL_NAMES.get(char, "karakter kontrol")
        return YamlResult(None, positions, [error(
            "karakter-kontrol", f"Teks ini memuat karakter kontrol yang tidak tampak ({name}, {code}), mis. dari "
            "'\\0', '\\a' atau '\\e' di dalam tanda kutip ganda. Hapus karakter itu.", path)
            .located(None, *positions.locate(path, prefer_key=True))])
    positions = Positions(text=text)  # the tree is let go; positions compose it again only when needed
    problems = [
        error("kunci-ganda", f"Kunci '{key}' ditulis dua kali (pertama di baris {first.start_mark.line + 1}). "
              "Hapus salah satunya.").located(None, *_mark(key_node.start_mark))
        for key, key_node, first in loader.duplicates
    ]
    return YamlResult(data, positions, problems)
