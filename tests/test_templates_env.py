"""The template environment: autoescape on, overrides from a theme's custom_dir win."""

from __future__ import annotations

from sop_ap.render import templates


def test_override_dir_wins_and_text_is_escaped(tmp_path):
    (tmp_path / "sop").mkdir()
    (tmp_path / "sop" / "probe.html").write_text("<p class='x'>{{ value }}|{{ svg }}</p>", encoding="utf-8")
    out = templates.render("probe.html", (str(tmp_path),), value="<script>alert(1)</script>",
                           svg=templates.trusted("<svg></svg>"))
    assert out == "<p class='x'>&lt;script&gt;alert(1)&lt;/script&gt;|<svg></svg></p>"


def test_text_filter_collapses_whitespace_and_shows_control_characters(tmp_path):
    (tmp_path / "sop").mkdir()
    (tmp_path / "sop" / "probe.html").write_text("{{ value | text }}", encoding="utf-8")
    assert templates.render("probe.html", (str(tmp_path),), value="a\n  b\x1b") == "a b\\x1b"
