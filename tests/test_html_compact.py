"""Runs of whitespace are collapsed on the plugin's pages; what a browser shows stays the same."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from sop_ap.render.html_compact import compact_html


class _Events(HTMLParser):
    """Tags, attributes and text, with each run of whitespace in text seen as one space (as HTML renders it),
    except inside pre, textarea, script and style, where text is kept exactly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list = []
        self.raw = 0

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, attrs))
        self.raw += tag in ("pre", "textarea", "code", "script", "style")

    def handle_endtag(self, tag):
        self.events.append(("end", tag))
        self.raw -= tag in ("pre", "textarea", "code", "script", "style")

    def handle_data(self, data):
        text = data if self.raw else re.sub(r"\s+", " ", data)
        if self.events and self.events[-1][0] == "text":
            self.events[-1] = ("text", self.events[-1][1] + text)
        else:
            self.events.append(("text", text))


def _events(page: str) -> list:
    parser = _Events()
    parser.feed(page)
    return parser.events


SAMPLE = """<!doctype html>
<html>
  <body>
    <div class="a">
      <span>Satu</span>   <span>dua</span>
    </div>
    <pre>  baris 1
      baris 2   </pre>
    <script>if (a >   <b) {}</script>
    <textarea>
  isi   </textarea>
    <p>teks   dengan    spasi</p>
    <p title="dua  spasi">kode: <code>a   b</code>
      lalu   teks</p>
  </body>
</html>
"""


def test_whitespace_runs_are_cut_and_nothing_else_changes() -> None:
    out = compact_html(SAMPLE)
    assert len(out) < len(SAMPLE) - 30
    assert "<span>Satu</span> <span>dua</span>" in out  # one space stays where there was one
    assert "<pre>  baris 1\n      baris 2   </pre>" in out and "<script>if (a >   <b) {}</script>" in out
    assert "<textarea>\n  isi   </textarea>" in out and "<code>a   b</code>" in out
    assert "<p>teks dengan spasi</p>" in out and 'title="dua  spasi"' in out and "</code>\nlalu teks</p>" in out
    assert _events(out) == _events(SAMPLE)

