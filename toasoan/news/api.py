"""Articles and sections in the open data API (toasoan.api builds the API; news registers here).

Only what the public site shows: live articles without view restrictions (`public_articles`)."""

import datetime
from html import unescape

from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from wagtail.images import get_image_model
from wagtail.models import Site

from toasoan.api.common import (
    ERRORS,
    BadFilter,
    Filters,
    PageNumbers,
    absolute_html,
    absolute_url,
    is_id,
    page_url,
    request_of,
)
from toasoan.api.registry import register
from toasoan.core import richtext
from toasoan.core.vietnamese import nfc

from .models import ArticlePage, ArticlePageTag, SectionPage
from .search_registration import _plain_body
from .selectors import NEWEST_FIRST, public_articles

IMAGE_FILTER = "max-1200x1200"

articles_router = Router(tags=["Bài viết"])
sections_router = Router(tags=["Chuyên mục"])


def _sections_by_path(request: HttpRequest) -> dict[str, SectionPage]:
    """Public sections by tree path, looked up once per request (an article's parent is its section)."""
    if not hasattr(request, "_api_sections"):
        request._api_sections = {s.path: s for s in SectionPage.objects.live().public()}
    return request._api_sections


class SectionRef(Schema):
    id: int
    title: str
    url: str = Field(description="Địa chỉ trang chuyên mục.")

    @staticmethod
    def resolve_url(obj: SectionPage, context: dict) -> str:
        return page_url(context, obj)


class ImageOut(Schema):
    url: str
    alt: str
    width: int
    height: int


class AttachmentOut(Schema):
    title: str
    url: str


class ArticleSummary(Schema):
    id: int
    title: str
    slug: str
    url: str = Field(description="Địa chỉ bài viết trên cổng.")
    section: SectionRef | None
    summary: str = Field(description="Sapo (tóm tắt).")
    date: datetime.date = Field(description="Ngày cập nhật hiển thị trên bài.")
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None
    author: str
    tags: list[str]
    featured_image: ImageOut | None

    @staticmethod
    def resolve_url(obj: ArticlePage, context: dict) -> str:
        return page_url(context, obj)

    @staticmethod
    def resolve_section(obj: ArticlePage, context: dict) -> SectionPage | None:
        return _sections_by_path(request_of(context)).get(obj.path[: -ArticlePage.steplen])

    @staticmethod
    def resolve_summary(obj: ArticlePage) -> str:
        return obj.sapo

    @staticmethod
    def resolve_date(obj: ArticlePage) -> datetime.date:
        return obj.display_date

    @staticmethod
    def resolve_tags(obj: ArticlePage) -> list[str]:
        return [item.tag.name for item in obj.tagged_items.all()]

    @staticmethod
    def resolve_featured_image(obj: ArticlePage, context: dict) -> dict | None:
        if obj.featured_image is None:
            return None
        rendition = obj.featured_image.get_rendition(IMAGE_FILTER)
        return {
            "url": absolute_url(request_of(context), rendition.url),
            "alt": obj.featured_image_alt,
            "width": rendition.width,
            "height": rendition.height,
        }


class ArticleDetail(ArticleSummary):
    body_html: str = Field(description="Nội dung dạng HTML, liên kết và ảnh là địa chỉ tuyệt đối.")
    body_text: str = Field(description="Nội dung dạng văn bản thuần.")
    attachments: list[AttachmentOut]
    source_url: str

    @staticmethod
    def resolve_body_html(obj: ArticlePage, context: dict) -> str:
        # The same transforms as the article page (auto-links to documents the library holds).
        request = request_of(context)
        return absolute_html(request, richtext.apply(str(obj.body), Site.find_for_request(request)))

    @staticmethod
    def resolve_body_text(obj: ArticlePage) -> str:
        return unescape(_plain_body(obj)).strip()

    @staticmethod
    def resolve_attachments(obj: ArticlePage, context: dict) -> list[dict]:
        request = request_of(context)
        return [
            {"title": a.label, "url": absolute_url(request, a.document.url)}
            for a in obj.attachments.select_related("document")
        ]


def _articles() -> QuerySet[ArticlePage]:
    images = get_image_model().objects.prefetch_renditions(IMAGE_FILTER)
    return (
        public_articles()
        .prefetch_related(Prefetch("featured_image", queryset=images), "tagged_items__tag")
        .order_by(*NEWEST_FIRST)
    )


def _section(value: str) -> SectionPage:
    sections = SectionPage.objects.live().public()
    if value.isdigit():
        found = sections.filter(pk=int(value)).first() if is_id(int(value)) else None
    else:
        found = sections.filter(slug=value).first()
    if found is None:
        raise BadFilter("section", f"không có chuyên mục nào có mã hoặc đường dẫn “{value}”")
    return found


class ArticleFilters(Filters):
    section: str | None = Field(None, max_length=255, description="Mã (id) hoặc đường dẫn (slug) của chuyên mục.")
    tu_ngay: datetime.date | None = Field(None, description="Từ ngày (YYYY-MM-DD), theo ngày cập nhật của bài.")
    den_ngay: datetime.date | None = Field(None, description="Đến ngày (YYYY-MM-DD), tính cả ngày này.")
    tag: str | None = Field(None, max_length=100, description="Từ khóa (tên hoặc slug), ví dụ: Chuyển đổi số.")
    q: str | None = Field(None, max_length=200, description="Tìm trong tiêu đề bài viết.")


@articles_router.get(
    "/",
    response={200: list[ArticleSummary], **ERRORS},
    summary="Danh sách bài viết",
    description="Bài viết đã xuất bản, mới nhất trước; lọc theo chuyên mục, khoảng ngày, từ khóa, tiêu đề.",
    operation_id="articles_list",
    url_name="articles_list",
)
@paginate(PageNumbers)
def list_articles(request: HttpRequest, filters: Query[ArticleFilters]) -> QuerySet[ArticlePage]:
    articles = _articles().defer("body")
    if filters.section:
        articles = articles.child_of(_section(filters.section.strip()))
    if filters.tu_ngay and filters.den_ngay and filters.den_ngay < filters.tu_ngay:
        raise BadFilter("den_ngay", "phải cùng ngày hoặc sau tu_ngay")
    if filters.tu_ngay:
        articles = articles.filter(display_date__gte=filters.tu_ngay)
    if filters.den_ngay:
        articles = articles.filter(display_date__lte=filters.den_ngay)
    if filters.tag and filters.tag.strip():
        tag = nfc(filters.tag.strip())
        tagged = ArticlePageTag.objects.filter(Q(tag__name=tag) | Q(tag__slug=tag)).values("content_object_id")
        articles = articles.filter(pk__in=tagged)
    if filters.q and filters.q.strip():
        articles = articles.filter(title__icontains=filters.q.strip())
    return articles


@articles_router.get(
    "/{int:article_id}/",
    response={200: ArticleDetail, **ERRORS},
    summary="Chi tiết bài viết",
    description="Toàn bộ nội dung (HTML và văn bản thuần), tác giả, ngày, từ khóa, ảnh đại diện, tệp đính kèm.",
    operation_id="articles_detail",
)
def get_article(request: HttpRequest, article_id: int) -> ArticlePage:
    article = _articles().filter(pk=article_id).first() if is_id(article_id) else None
    if article is None:
        raise HttpError(404, f"Không có bài viết công khai nào mang mã {article_id}.")
    return article


class SectionOut(Schema):
    id: int
    title: str
    slug: str
    url: str
    intro: str
    article_count: int = Field(description="Số bài viết công khai trong chuyên mục.")
    articles: str = Field(description="Địa chỉ API danh sách bài viết của chuyên mục.")

    @staticmethod
    def resolve_url(obj: SectionPage, context: dict) -> str:
        return page_url(context, obj)

    @staticmethod
    def resolve_article_count(obj: SectionPage) -> int:
        return public_articles().child_of(obj).count()

    @staticmethod
    def resolve_articles(obj: SectionPage, context: dict) -> str:
        return absolute_url(request_of(context), reverse("api:v1:articles_list") + f"?section={obj.pk}")


@sections_router.get(
    "/",
    response={200: list[SectionOut], **ERRORS},
    summary="Danh sách chuyên mục",
    operation_id="sections_list",
)
@paginate(PageNumbers)
def list_sections(request: HttpRequest) -> QuerySet[SectionPage]:
    return SectionPage.objects.live().public().order_by("path")


@sections_router.get(
    "/{int:section_id}/",
    response={200: SectionOut, **ERRORS},
    summary="Chi tiết chuyên mục",
    operation_id="sections_detail",
)
def get_section(request: HttpRequest, section_id: int) -> SectionPage:
    section = SectionPage.objects.live().public().filter(pk=section_id).first() if is_id(section_id) else None
    if section is None:
        raise HttpError(404, f"Không có chuyên mục công khai nào mang mã {section_id}.")
    return section


register("articles", articles_router, order=10)
register("sections", sections_router, order=20)
