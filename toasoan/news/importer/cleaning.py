"""Clean an old page's article body, then cut it into StreamField parts.

Kept: paragraphs, headings, lists, tables, links, images (with their alt text). Dropped: scripts,
styles, forms, frames, inline event handlers, styling attributes and the site chrome a preset names.
Rich-text whitelisting itself is left to Wagtail (services.clean_body_html); this module shapes the
markup so that whitelisting keeps paragraphs apart and loses nothing worth keeping.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

from .parsed import MediaRef

DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "frame", "object", "embed", "applet", "form",
    "input", "button", "select", "textarea", "nav", "header", "footer", "aside", "svg", "canvas", "link",
    "meta", "base", "audio", "video", "map",
)  # fmt: skip
BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "figure", "hr", "pre"}
WRAPPER_TAGS = ("div", "section", "article", "center", "main")
KEEP_ATTRS = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "td": {"colspan"}, "th": {"colspan"}}
# Lazy-loading scripts leave a placeholder in src and the real address here.
LAZY_SRC_ATTRS = ("data-src", "data-original", "data-lazy-src")
HEADING_MAP = {"h1": "h2", "h5": "h4", "h6": "h4"}
_BLANK = re.compile(r"^[\s\u00a0\u200b]*$")


def _absolute(url: str, base_url: str) -> str:
    url = url.strip()
    return urljoin(base_url, url) if base_url else url


def _clean_attributes(tag: Tag, base_url: str) -> None:
    if tag.name == "img":
        lazy = next((tag[attr] for attr in LAZY_SRC_ATTRS if tag.get(attr)), None)
        if lazy:
            tag["src"] = lazy
    allowed = KEEP_ATTRS.get(tag.name, set())
    tag.attrs = {name: value for name, value in tag.attrs.items() if name in allowed}
    if tag.name == "a" and tag.get("href"):
        href = tag["href"].strip()
        if href.lower().startswith(("javascript:", "vbscript:", "data:")):
            del tag["href"]
        elif not href.startswith("#"):
            tag["href"] = _absolute(href, base_url)
    if tag.name == "img" and tag.get("src") and not tag["src"].startswith("data:"):
        tag["src"] = _absolute(tag["src"], base_url)


def _is_blank(tag: Tag) -> bool:
    return _BLANK.match(tag.get_text()) is not None and tag.find(["img", "table", "hr"]) is None


def clean_body(body: Tag, *, base_url: str = "", remove: Iterable[str] = ()) -> str:
    """The body's inner HTML, cleaned. `body` is left untouched."""
    root = BeautifulSoup(str(body), "html.parser").find(body.name)
    for selector in remove:
        for junk in root.select(selector):
            junk.decompose()
    for comment in root.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for junk in root.find_all(DROP_TAGS):
        junk.decompose()
    for tag in root.find_all(True):
        _clean_attributes(tag, base_url)
        if tag.name in HEADING_MAP:
            tag.name = HEADING_MAP[tag.name]  # the page's one h1 is its title
        if tag.name == "a" and not tag.get("href"):
            tag.unwrap()
    # Old CMSs write paragraphs as <div>s: a wrapper holding only inline content becomes a <p>,
    # one holding blocks dissolves into them. Deepest first, so inner wrappers are settled first.
    for tag in reversed(root.find_all(WRAPPER_TAGS)):
        if tag.find(list(BLOCK_TAGS) + list(WRAPPER_TAGS)) is None:
            tag.name = "p"
        else:
            tag.unwrap()
    for tag in root.find_all(["p", "li", "h2", "h3", "h4", "blockquote"]):
        if _is_blank(tag):
            tag.decompose()
    return root.decode_contents().strip()


# --- parts ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    kind: str  # "html", "image" or "table"
    html: str = ""
    image: MediaRef | None = None
    table: dict | None = None


def _cell_text(cell: Tag) -> str:
    return " ".join(cell.get_text(" ").split())


def table_value(table: Tag) -> dict:
    """Wagtail's TableBlock value: text cells, rows padded to one width; <th> first row is the header."""
    rows = []
    for row in table.find_all("tr"):
        cells = []
        for cell in row.find_all(["td", "th"]):
            cells.append(_cell_text(cell))
            span = cell.get("colspan", "1")
            cells.extend([""] * (max(1, min(int(span), 20)) - 1 if str(span).isdigit() else 0))
        if cells:
            rows.append(cells)
    width = max((len(r) for r in rows), default=0)
    rows = [r + [""] * (width - len(r)) for r in rows]
    first = table.find("tr")
    header = bool(first and first.find("th") and not first.find("td")) or table.find("thead") is not None
    caption = table.find("caption")
    return {
        "data": rows,
        "first_row_is_table_header": header,
        "first_col_is_header": False,
        "table_caption": _cell_text(caption) if caption else "",
    }


def _image_ref(img: Tag, caption: str = "") -> MediaRef:
    alt = " ".join((img.get("alt") or img.get("title") or "").split())
    return MediaRef(url=img.get("src", ""), alt=alt, caption=caption)


def split_parts(html: str) -> list[Part]:
    """Cut cleaned HTML into rich-text runs, images (figures) and tables, in reading order."""
    root = BeautifulSoup(f"<div>{html}</div>", "html.parser").div
    parts: list[Part] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            parts.append(Part("html", html="".join(run)))
            run.clear()

    for node in list(root.children):
        if isinstance(node, NavigableString):
            if node.strip():
                run.append(f"<p>{node.strip()}</p>")
            continue
        if node.name == "table" or (node.name not in ("ul", "ol") and node.find("table")):
            tables = [node] if node.name == "table" else node.find_all("table")
            for table in tables:
                table.extract()
            figcaption = node.find("figcaption") if node.name == "figure" and len(tables) == 1 else None
            if figcaption is not None and tables[0].find("caption") is None:
                # <figure class="wp-block-table"><table>…</table><figcaption>: the table's caption
                tables[0].insert(0, BeautifulSoup(f"<caption>{figcaption.get_text()}</caption>", "html.parser"))
                figcaption.decompose()
            if node.name != "table" and not _is_blank(node):
                run.append(str(node))
            flush()
            parts.extend(Part("table", table=table_value(t)) for t in tables if t.find("tr"))
            continue
        images = [node] if node.name == "img" else node.find_all("img")
        if not images:
            run.append(str(node))
            continue
        caption_tag = node.find("figcaption") if node.name != "img" else None
        caption = _cell_text(caption_tag) if caption_tag else ""
        if caption_tag:
            caption_tag.decompose()
        refs = [_image_ref(img, caption) for img in images]
        for img in images:
            img.decompose()
        if node.name != "img" and not _is_blank(node):
            run.append(str(node))
        flush()
        parts.extend(Part("image", image=ref) for ref in refs if ref.url)
    flush()
    return parts
