"""Reading a built site's HTML as a visitor meets it: visible text, tooltips and ARIA labels, links and
anchors."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

INVISIBLE = {"script", "style", "template", "noscript", "head"}
SPOKEN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class PageText(HTMLParser):
    """Visible text and the attributes that are shown or spoken (title, aria-label, placeholder, alt), plus
    every link (href) and every id of one page. Elements with ``data-sop-print-only`` (the print layout)
    count as visible: they are printed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.hidden_depth = 0
        self.texts: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if values.get("name") and tag == "a":
            self.ids.add(values["name"])
        if tag == "a" and values.get("href") is not None:
            self.links.append(values["href"] or "")
        if tag in VOID:
            if not self.hidden_depth:
                self.texts.extend(v for k, v in attrs if k in SPOKEN_ATTRIBUTES and v)
            return
        self.stack.append(tag)
        if tag in INVISIBLE:
            self.hidden_depth += 1
        elif not self.hidden_depth:
            self.texts.extend(v for k, v in attrs if k in SPOKEN_ATTRIBUTES and v)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if not self.hidden_depth:
            self.texts.extend(v for k, v in attrs if k in SPOKEN_ATTRIBUTES and v)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in self.stack:
            return
        while self.stack:
            top = self.stack.pop()
            if top in INVISIBLE:
                self.hidden_depth -= 1
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if not self.hidden_depth and data.strip():
            self.texts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())


def read_page(path: Path) -> PageText:
    parser = PageText()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def html_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if not p.relative_to(site).as_posix().startswith("assets/")]
