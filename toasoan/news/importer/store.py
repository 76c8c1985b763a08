"""Save one parsed article with its media and redirects, all in one transaction."""

from collections.abc import Callable
from dataclasses import dataclass, field

from bs4 import BeautifulSoup
from django.db import transaction
from wagtail.contrib.redirects.models import Redirect

from ..models import ArticlePage
from ..services import ArticleData, article_import, section_get_or_create
from .cleaning import split_parts
from .errors import ImportFormatError
from .media import MediaLibrary, is_document_url
from .parsed import MediaRef, ParsedArticle
from .redirects import redirect_path


@dataclass
class SaveResult:
    article: ArticlePage
    created: bool
    warnings: list[str] = field(default_factory=list)


def _media_file(media: MediaLibrary, parsed: ParsedArticle, ref: MediaRef, warn: Callable[[str], None], what: str):
    url = parsed.media_aliases.get(ref.url, ref.url)
    path = media.find(url, parsed.base_dir)
    if path is None:
        warn(f"không tìm thấy {what} “{ref.url}” trong thư mục media; bài vẫn được nhập, không có {what} này.")
    return path


def _body(parsed: ParsedArticle, media: MediaLibrary, warn: Callable[[str], None]) -> tuple[list, list]:
    """StreamField blocks, and the documents the body links to (they become attachments too)."""
    blocks, linked = [], []
    for part in split_parts(parsed.body_html):
        if part.kind == "table":
            blocks.append({"type": "table", "value": part.table})
        elif part.kind == "image":
            path = _media_file(media, parsed, part.image, warn, "ảnh")
            if path is None:
                continue
            try:
                image = media.image(path, alt=part.image.alt, title=part.image.alt)
            except ImportFormatError as exc:
                warn(f"{exc} Bài vẫn được nhập, không có ảnh này.")
                continue
            alt = part.image.alt or image.description or image.title
            blocks.append({"type": "figure", "value": {"image": image.pk, "alt": alt, "caption": part.image.caption}})
        else:
            soup = BeautifulSoup(part.html, "html.parser")
            for link in soup.find_all("a", href=True):
                if not is_document_url(link["href"]):
                    continue
                ref = MediaRef(url=link["href"], alt=" ".join(link.get_text(" ").split()))
                path = _media_file(media, parsed, ref, warn, "tệp đính kèm")
                if path is None:
                    continue  # the link keeps pointing at the old address
                try:
                    document = media.document(path, title=ref.alt)
                except ImportFormatError as exc:
                    warn(f"{exc} Liên kết giữ địa chỉ cũ.")
                    continue
                link.attrs = {"data-linktype": "document", "data-id": str(document.pk)}
                linked.append((document, ref.alt))
            blocks.append({"type": "paragraph", "value": str(soup)})
    return blocks, linked


@transaction.atomic
def save_parsed(parsed: ParsedArticle, *, default_section: str, media: MediaLibrary) -> SaveResult:
    """Create or update the article (by its old URL or guid), its images, files and redirects."""
    warnings: list[str] = []
    blocks, attachments = _body(parsed, media, warnings.append)
    for ref in parsed.attachments:
        path = _media_file(media, parsed, ref, warnings.append, "tệp đính kèm")
        if path is not None:
            try:
                attachments.append((media.document(path, title=ref.alt), ref.alt))
            except ImportFormatError as exc:
                warnings.append(f"{exc} Bài vẫn được nhập, không có tệp này.")
    featured, featured_alt = None, ""
    if parsed.featured_image is not None:
        path = _media_file(media, parsed, parsed.featured_image, warnings.append, "ảnh đại diện")
        if path is not None:
            try:
                featured = media.image(path, alt=parsed.featured_image.alt)
                featured_alt = parsed.featured_image.alt or featured.description or parsed.title
            except ImportFormatError as exc:
                warnings.append(f"{exc} Bài vẫn được nhập, không có ảnh đại diện.")
    if featured is not None:
        # The article page shows the featured image above the body: an uncaptioned copy in the body
        # (old CMSs often take og:image from it) would show the same picture twice.
        blocks = [
            b
            for b in blocks
            if not (b["type"] == "figure" and b["value"]["image"] == featured.pk and not b["value"]["caption"])
        ]
    unique_attachments = list({doc.pk: (doc, label) for doc, label in attachments}.values())
    data = ArticleData(
        title=parsed.title,
        date=parsed.date,
        body_html="",
        body_blocks=tuple(blocks),
        author=parsed.author,
        sapo=parsed.sapo,
        source_url=parsed.source_url,
        import_key=parsed.key,
        tags=parsed.tags,
        featured_image=featured,
        featured_image_alt=featured_alt[:255],
        attachments=tuple((doc.pk, label[:255]) for doc, label in unique_attachments),
        publish=parsed.publish,
    )
    section, _ = section_get_or_create(title=parsed.section or default_section)
    article, created = article_import(section=section, data=data)
    for url in parsed.old_urls:
        old_path = redirect_path(url)
        if old_path in ("", "/"):
            continue  # never hijack the home page
        Redirect.objects.update_or_create(
            old_path=old_path, site=None, defaults={"redirect_page": article, "is_permanent": True, "redirect_link": ""}
        )
    return SaveResult(article, created, warnings)
