"""Tell the search app how to index articles (search never imports news)."""

from html import unescape

from django.utils.html import strip_tags
from wagtail.models import Page

from toasoan.search.registry import SearchDocument, register, register_filter

from .models import ArticlePage, SectionPage


def _plain_body(article: ArticlePage) -> str:
    chunks = []
    for block in article.body:
        if block.block_type == "paragraph":
            chunks.append(strip_tags(block.value.source.replace("</p>", "</p>\n").replace("</li>", "</li>\n")))
        elif block.block_type == "figure":
            chunks.append(block.value.get("caption") or "")
        elif block.block_type == "table":
            rows = (block.value or {}).get("data") or []
            chunks.extend(" ".join(str(cell or "") for cell in row) for row in rows)
    return "\n".join(chunk for chunk in chunks if chunk)


def article_document(article: ArticlePage) -> SearchDocument:
    text = unescape(f"{article.sapo}\n{_plain_body(article)}\n{article.author}")
    return SearchDocument(
        title=article.title,
        text=text.strip(),
        date=article.display_date,
        groups=(f"section:{article.get_parent().pk}",),
    )


def article_is_public(article: ArticlePage) -> bool:
    return bool(article.live and article.display_date and not article.get_view_restrictions().exists())


def section_choices(site_root: int | None = None) -> list[tuple[str, str]]:
    """The sections of the searched site (its root page id), or of every site."""
    sections = SectionPage.objects.live().public().order_by("path")
    if site_root is not None:
        sections = sections.descendant_of(Page.objects.get(pk=site_root))
    sections = sections.values_list("pk", "title")
    return [(f"section:{pk}", title) for pk, title in sections]


register(ArticlePage, to_document=article_document, is_public=article_is_public)
register_filter("chuyen-muc", label="Chuyên mục", choices=section_choices)
