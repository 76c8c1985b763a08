"""HTML pages saved from old portals, read with CSS selectors (a preset, or the operator's own).

Only title, date and body are required. Elements the other selectors pick inside the body (a byline,
a sapo) are taken out of the body so they are not printed twice.
"""

import codecs
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from urllib.parse import urljoin

import soupsieve
from bs4 import BeautifulSoup, Tag

from toasoan.core.vietnamese import nfc

from .cleaning import clean_body
from .dates import find_date
from .decoding import decode, read_text
from .errors import ImportFormatError
from .parsed import MediaRef, ParsedArticle

AUTHOR_PREFIXES = ("tác giả:", "tác giả", "người viết:", "bài và ảnh:", "tin, ảnh:", "tin và ảnh:", "theo")


@dataclass(frozen=True)
class Selectors:
    title: str = "h1"
    date: str = ""
    body: str = "article"
    author: str = ""
    sapo: str = ""
    section: str = ""
    tags: str = ""
    image: str = 'meta[property="og:image"]'
    attachments: str = ""
    # Site chrome inside the body: share bars, "Các tin khác", print links…
    remove: tuple[str, ...] = ()

    def merged(self, **overrides) -> "Selectors":
        """These selectors with the given non-empty overrides applied (None or "" keeps the preset's)."""
        changes = {k: v for k, v in overrides.items() if v not in (None, "", ())}
        if "remove" in changes:
            changes["remove"] = tuple(self.remove) + tuple(changes["remove"])
        return replace(self, **changes)

    def validate(self) -> None:
        """Raise ImportFormatError naming the first selector soupsieve cannot compile."""
        for f in fields(self):
            values = getattr(self, f.name)
            for value in values if isinstance(values, tuple) else (values,):
                if not value:
                    continue
                try:
                    soupsieve.compile(value)
                except soupsieve.SelectorSyntaxError as exc:
                    raise ImportFormatError(f"Bộ chọn CSS “{f.name}” không hợp lệ: {value} ({exc.args[0]}).") from None
        for required in ("title", "date", "body"):
            if not getattr(self, required):
                raise ImportFormatError(f"Thiếu bộ chọn CSS cho “{required}”.")


META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def read_html(path: Path) -> str:
    """The page's text: UTF-8, or the legacy encoding its <meta charset> declares (windows-1258…)."""
    try:
        return read_text(path)
    except ImportFormatError:
        raw = path.read_bytes()
        match = META_CHARSET.search(raw[:4096])
        if not match:
            raise
        try:
            codec = codecs.lookup(match.group(1).decode("ascii"))
        except LookupError:
            raise ImportFormatError(f"Bảng mã “{match.group(1).decode('ascii')}” không được hỗ trợ.") from None
        if codec.name == "utf-8":
            raise
        try:
            return decode(raw.decode(codec.name).encode("utf-8"))  # decode() composes NFC
        except UnicodeDecodeError:
            raise ImportFormatError(f"Tệp không đúng bảng mã {codec.name} mà trang khai báo.") from None


def _text(tag: Tag | None) -> str:
    return " ".join(tag.get_text(" ").split()) if tag else ""


def _value(tag: Tag) -> str:
    """A <meta>'s content, a <time>'s datetime, an image's src, or else the element's text."""
    for attr in ("content", "datetime", "src", "href"):
        if tag.get(attr):
            return tag[attr].strip()
    return _text(tag)


def _strip_author_prefix(author: str) -> str:
    lowered = author.casefold()
    for prefix in AUTHOR_PREFIXES:
        if lowered.startswith(prefix):
            return author[len(prefix) :].strip(" :.-–")
    return author.strip(" .-–")


def old_url_of(soup: BeautifulSoup, path: Path | None, base_url: str, root: Path | None) -> str:
    """<link rel=canonical>, og:url, or --base-url joined with the file's path under its input folder."""
    for tag in (soup.find("link", rel="canonical"), soup.find("meta", property="og:url")):
        url = tag and (tag.get("href") or tag.get("content"))
        if url and url.strip():
            return urljoin(base_url, url.strip()) if base_url else url.strip()
    if base_url and path is not None:
        relative = path.relative_to(root).as_posix() if root and path.is_relative_to(root) else path.name
        return urljoin(base_url.rstrip("/") + "/", relative)
    return ""


def parse_html_page(
    text: str,
    selectors: Selectors,
    *,
    path: Path | None = None,
    base_url: str = "",
    root: Path | None = None,
) -> ParsedArticle:
    soup = BeautifulSoup(nfc(text), "html.parser")
    if soup.find(True) is None:
        raise ImportFormatError("Tệp không chứa HTML.")
    old_url = old_url_of(soup, path, base_url, root)
    link_base = old_url or base_url

    def first(name: str) -> Tag | None:
        selector = getattr(selectors, name)
        return soup.select_one(selector) if selector else None

    title_tag, date_tag, body = first("title"), first("date"), first("body")
    title = _text(title_tag)
    if not title:
        raise ImportFormatError(f"Không tìm thấy tiêu đề (bộ chọn “{selectors.title}”).")
    if date_tag is None:
        raise ImportFormatError(f"Không tìm thấy ngày (bộ chọn “{selectors.date}”).")
    date = find_date(_value(date_tag))
    if body is None:
        raise ImportFormatError(f"Không tìm thấy nội dung bài (bộ chọn “{selectors.body}”).")

    author_tag, sapo_tag, section_tag, image_tag = first("author"), first("sapo"), first("section"), first("image")
    author = _strip_author_prefix(_text(author_tag))
    sapo = _value(sapo_tag) if sapo_tag else ""
    tags = (
        tuple(dict.fromkeys(t for t in (_text(tag) for tag in soup.select(selectors.tags)) if t))
        if selectors.tags
        else ()
    )
    featured = None
    if image_tag is not None:
        img = image_tag if image_tag.name in ("img", "meta") else image_tag.find("img")
        src = img and (img.get("content") or img.get("src"))
        if src:
            featured = MediaRef(url=urljoin(link_base, src.strip()), alt=" ".join((img.get("alt") or "").split()))
    attachments = ()
    if selectors.attachments:
        links = [
            a
            for match in soup.select(selectors.attachments)
            for a in ([match] if match.name == "a" else match.find_all("a"))
        ]
        attachments = tuple(
            MediaRef(url=urljoin(link_base, a["href"].strip()), alt=_text(a)) for a in links if a.get("href")
        )

    # What the other selectors took must not stay in the body too.
    taken = [t for t in (title_tag, date_tag, author_tag, sapo_tag) if t is not None and body in t.parents]
    for tag in taken:
        tag.decompose()
    body_html = clean_body(body, base_url=link_base, remove=selectors.remove)
    if not BeautifulSoup(body_html, "html.parser").get_text().strip() and "<img" not in body_html:
        raise ImportFormatError("Bài viết không có nội dung.")
    return ParsedArticle(
        title=title[:255],
        date=date,
        body_html=body_html,
        key=old_url,  # empty: the store keys the article on its title and date
        author=author[:255],
        sapo=sapo,
        section=_text(section_tag),
        tags=tags,
        source_url=old_url if old_url.startswith(("http://", "https://")) else "",
        old_urls=(old_url,) if old_url else (),
        featured_image=featured,
        attachments=attachments,
        base_dir=path.parent if path else None,
    )
