"""WordPress eXtended RSS (WXR 1.1/1.2) exports, read with defusedxml (no entities, no DTDs, no network).

Posts become articles (pages too with include_pages); the first category is the section, post_tag
terms are tags, dc:creator is mapped to the author's display name, content:encoded gets WordPress's
automatic paragraphs and its [caption] shortcode. Attachments are the export's attachment items:
images keep _wp_attachment_image_alt, the post's _thumbnail_id is its featured image, and files
attached to a post (PDF, Word…) become its attachments.
"""

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from bs4 import BeautifulSoup
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from toasoan.core.vietnamese import nfc

from .cleaning import clean_body
from .errors import ImportFormatError
from .media import is_document_url
from .parsed import MediaRef, ParsedArticle

NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
WXR_VERSIONS = ("1.0", "1.1", "1.2")
UNCATEGORISED = {"uncategorized", "chua-phan-loai", "khong-phan-loai", "chua-duoc-phan-loai"}
# WordPress's own list of block-level tags (wp-includes/formatting.php, wpautop).
BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|"
    "blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|"
    "footer|nav|figure|figcaption|details|menu|summary"
)
BEFORE_BLOCK = re.compile(rf"(<(?:{BLOCK_TAGS})[\s/>])", re.I)
AFTER_BLOCK = re.compile(rf"(</(?:{BLOCK_TAGS})>)", re.I)
STARTS_WITH_BLOCK = re.compile(rf"^</?(?:{BLOCK_TAGS})[\s/>]", re.I)
COMMENT = re.compile(r"<!--.*?-->", re.S)
CAPTION = re.compile(r"\[caption([^\]]*)\](.*?)\[/caption\]", re.S | re.I)
SHORTCODE = re.compile(r"\[/?[a-z_][\w-]*(?:\s[^\]]*)?\]", re.I)
WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")


@dataclass(frozen=True)
class WxrItem:
    where: str  # "post 123 “title”", for reports
    key: str  # the guid: re-imports update by it
    article: ParsedArticle | None = None
    error: str = ""
    skipped: str = ""  # a reason when the item is left out on purpose (drafts, pages, trash)


def _find_ns(text: str) -> dict[str, str]:
    """WXR 1.0 and 1.1 use their own wp namespace; take whatever the file declares."""
    ns = dict(NS)
    match = re.search(r'xmlns:wp="(http://wordpress\.org/export/[0-9.]+/)"', text)
    if match:
        ns["wp"] = match.group(1)
        ns["excerpt"] = match.group(1) + "excerpt/"
    return ns


def autop(text: str) -> str:
    """WordPress's wpautop, simplified: blank lines separate paragraphs, single newlines inside a
    paragraph are <br>, block-level markup stands on its own. Classic-editor posts are stored like
    this, without <p>; block-editor posts carry <p> and <!-- wp:… --> comments (dropped here)."""
    text = COMMENT.sub("", text).replace("\r\n", "\n").replace("\r", "\n")
    text = AFTER_BLOCK.sub("\\1\n\n", BEFORE_BLOCK.sub("\n\n\\1", text))
    html = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if STARTS_WITH_BLOCK.match(chunk):
            html.append(chunk)
        else:
            html.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    return "\n".join(html)


def _caption_to_figure(match: re.Match) -> str:
    inner = match.group(2)
    img_end = inner.rfind(">") + 1
    image, caption = inner[:img_end], inner[img_end:].strip()
    caption_attr = re.search(r'caption="([^"]*)"', match.group(1))
    if not caption and caption_attr:
        caption = caption_attr.group(1)
    return f"\n\n<figure>{image}<figcaption>{caption}</figcaption></figure>\n\n"


def wordpress_html(content: str) -> str:
    content = CAPTION.sub(_caption_to_figure, content)
    content = SHORTCODE.sub("", content)  # [gallery], [embed]… have no meaning outside WordPress
    return autop(content)


class _Item:
    def __init__(self, element: Element, ns: dict[str, str]):
        self.element, self.ns = element, ns

    def text(self, path: str) -> str:
        found = self.element.find(path, self.ns)
        return nfc((found.text or "").strip()) if found is not None else ""

    def meta(self, key: str) -> str:
        for meta in self.element.findall("wp:postmeta", self.ns):
            if (meta.findtext("wp:meta_key", "", self.ns) or "").strip() == key:
                return nfc((meta.findtext("wp:meta_value", "", self.ns) or "").strip())
        return ""

    def terms(self, domain: str) -> list[tuple[str, str]]:
        return [
            ((c.get("nicename") or "").strip(), nfc((c.text or "").strip()))
            for c in self.element.findall("category")
            if c.get("domain") == domain and (c.text or "").strip()
        ]


@dataclass
class _Attachment:
    url: str
    alt: str
    title: str
    caption: str
    parent: str


def _post_date(item: _Item) -> datetime.date:
    value = item.text("wp:post_date")
    if value and not value.startswith("0000"):
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise ImportFormatError(f"ngày đăng không hợp lệ (“{value}”).")


def parse_wxr(raw: bytes, *, include_pages: bool = False, drafts: str = "skip", where: str = "") -> Iterator[WxrItem]:
    """Yield every post (and page, when asked) as an article, an error or a deliberate skip.

    drafts: "skip" leaves drafts and pending posts out (reported as skipped); "draft" imports them as
    unpublished Wagtail drafts. Private, trashed and auto-draft items are always skipped.
    """
    try:
        text = raw.decode("utf-8-sig")
        root = fromstring(text, forbid_dtd=True)
    except UnicodeDecodeError:
        raise ImportFormatError("Tệp WXR không phải mã UTF-8.") from None
    except DefusedXmlException:
        raise ImportFormatError("Tệp WXR chứa DTD hoặc thực thể XML; không được phép vì lý do an toàn.") from None
    except ParseError as exc:
        raise ImportFormatError(f"Tệp XML hỏng ({exc}).") from None
    ns = _find_ns(text)
    channel = root.find("channel")
    if root.tag != "rss" or channel is None or channel.find("wp:wxr_version", ns) is None:
        raise ImportFormatError("Không phải tệp xuất WordPress (WXR): thiếu <wp:wxr_version>.")

    authors = {
        (a.findtext("wp:author_login", "", ns) or "").strip(): nfc(
            (a.findtext("wp:author_display_name", "", ns) or "").strip()
        )
        for a in channel.findall("wp:author", ns)
    }
    items = [_Item(element, ns) for element in channel.findall("item")]
    attachments: dict[str, _Attachment] = {}
    for item in items:
        if item.text("wp:post_type") == "attachment":
            attachments[item.text("wp:post_id")] = _Attachment(
                url=item.text("wp:attachment_url") or item.text("guid"),
                alt=item.meta("_wp_attachment_image_alt"),
                title=item.text("title"),
                caption=item.text("excerpt:encoded"),
                parent=item.text("wp:post_parent"),
            )
    by_url = {a.url: a for a in attachments.values()}
    wanted_types = ("post", "page") if include_pages else ("post",)
    for item in items:
        post_type = item.text("wp:post_type")
        post_id = item.text("wp:post_id")
        title = item.text("title")
        label = f"{where}#{post_id} “{title[:80]}”" if where else f"#{post_id} “{title[:80]}”"
        guid = item.text("guid") or f"{item.text('link')}"
        if post_type not in wanted_types:
            if post_type == "page":
                yield WxrItem(label, guid, skipped="trang (page) không được nhập; dùng --include-pages.")
            continue
        status = item.text("wp:status")
        if status in ("draft", "pending") and drafts == "skip":
            yield WxrItem(label, guid, skipped=f"bản nháp (trạng thái “{status}”) không được nhập.")
            continue
        if status not in ("publish", "draft", "pending", "future"):
            yield WxrItem(label, guid, skipped=f"trạng thái “{status}” không được nhập.")
            continue
        try:
            yield WxrItem(label, guid, article=_article(item, guid, authors, attachments, by_url, post_id, status))
        except ImportFormatError as exc:
            yield WxrItem(label, guid, error=str(exc))


def _article(item: _Item, guid: str, authors, attachments, by_url, post_id: str, status: str) -> ParsedArticle:
    title = item.text("title")
    if not title:
        raise ImportFormatError("bài không có tiêu đề.")
    link = item.text("link")
    content = item.text("content:encoded")
    if not content:
        raise ImportFormatError("bài không có nội dung (content:encoded).")
    soup = BeautifulSoup(f"<div>{wordpress_html(content)}</div>", "html.parser")
    aliases = {}
    for img in soup.find_all("img"):
        # <img class="wp-image-124" src="…-1024x683.jpg">: the attachment gives the original and its alt.
        match = WP_IMAGE_CLASS.search(" ".join(img.get("class") or []))
        attachment = attachments.get(match.group(1)) if match else by_url.get(img.get("src", ""))
        if attachment:
            if img.get("src"):
                aliases[img["src"]] = attachment.url
            if not (img.get("alt") or "").strip() and attachment.alt:
                img["alt"] = attachment.alt
    body_html = clean_body(soup.div, base_url=link)
    linked = {a.get("href") for a in soup.find_all("a")}
    files = tuple(
        MediaRef(url=a.url, alt=a.title)
        for a in attachments.values()
        if a.parent == post_id and is_document_url(a.url) and a.url not in linked
    )
    featured = None
    thumbnail = attachments.get(item.meta("_thumbnail_id"))
    if thumbnail:
        featured = MediaRef(url=thumbnail.url, alt=thumbnail.alt or thumbnail.title)
    categories = [(slug, name) for slug, name in item.terms("category") if slug not in UNCATEGORISED]
    creator = item.text("dc:creator")
    old_urls = tuple(u for u in dict.fromkeys((link, guid)) if u.startswith(("http://", "https://", "/")))
    return ParsedArticle(
        title=title[:255],
        date=_post_date(item),
        body_html=body_html,
        key=guid,
        author=(authors.get(creator) or creator)[:255],
        sapo=" ".join(BeautifulSoup(item.text("excerpt:encoded"), "html.parser").get_text(" ").split()),
        section=categories[0][1] if categories else "",
        tags=tuple(dict.fromkeys(name for _, name in item.terms("post_tag"))),
        source_url=link if link.startswith(("http://", "https://")) else "",
        old_urls=old_urls,
        featured_image=featured,
        attachments=files,
        publish=status in ("publish", "future"),
        media_aliases=aliases,
    )
