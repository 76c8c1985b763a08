"""What the feature apps' routers share: page-number pagination with links, error responses for
the schema, and absolute URLs (open data is read by other sites, so every link is absolute)."""

import math
import re
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import PaginationBase
from pydantic import ConfigDict, field_validator

from .errors import BadFilter, ErrorOut

__all__ = [
    "ERRORS",
    "MAX_ID",
    "BadFilter",
    "ErrorOut",
    "Filters",
    "PageNumbers",
    "absolute_html",
    "absolute_url",
    "is_id",
    "page_size_limits",
]

# Page ids are 32-bit integers in PostgreSQL; a larger number must be "not found", not a 500.
MAX_ID = 2**31 - 1


def is_id(value: int) -> bool:
    return 0 < value <= MAX_ID


NO_CONTROL_CHARACTERS = "^[^\\x00-\\x1f]*$"


def _declare_no_control_characters(schema: dict[str, Any]) -> None:
    """Say in the OpenAPI document what _clean_text refuses, so clients (and schemathesis) know
    that a control character gets a 422."""
    for prop in schema.get("properties", {}).values():
        for option in [prop, *prop.get("anyOf", [])]:
            if option.get("type") == "string" and "format" not in option:
                option.setdefault("pattern", NO_CONTROL_CHARACTERS)


class Filters(Schema):
    """Base of every list's query parameters: text without control characters (PostgreSQL
    refuses NUL in a query, which would otherwise be a 500), surrounding spaces dropped."""

    model_config = ConfigDict(json_schema_extra=_declare_no_control_characters)

    @field_validator("*", mode="before")
    @classmethod
    def _clean_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            if any(ord(c) < 32 for c in value):
                raise ValueError("chứa ký tự điều khiển không hợp lệ")
            value = value.strip()
        return value


# Listed in each operation's responses so the OpenAPI document says what errors look like.
ERRORS = {404: ErrorOut, 422: ErrorOut, 429: ErrorOut}


def page_size_limits() -> tuple[int, int]:
    """(default, maximum) page size, from TOASOAN_API_PAGE_SIZE and TOASOAN_API_MAX_PAGE_SIZE."""
    return getattr(settings, "TOASOAN_API_PAGE_SIZE", 20), getattr(settings, "TOASOAN_API_MAX_PAGE_SIZE", 100)


_DEFAULT_SIZE, _MAX_SIZE = page_size_limits()


class PageNumbers(PaginationBase):
    """?page=N (the only parameter the page cache keys on, so plain pages are cached) and
    ?page_size=M up to a maximum; the answer carries the total and the neighbouring pages' links."""

    items_attribute = "results"

    class Input(Schema):
        page: int = Field(1, ge=1, description="Số trang, bắt đầu từ 1.")
        page_size: int = Field(_DEFAULT_SIZE, ge=1, le=_MAX_SIZE, description=f"Số mục mỗi trang, tối đa {_MAX_SIZE}.")

    class Output(Schema):
        count: int = Field(description="Tổng số mục khớp bộ lọc.")
        page: int
        page_size: int
        num_pages: int
        next: str | None = Field(description="Địa chỉ trang sau, hoặc null.")
        previous: str | None = Field(description="Địa chỉ trang trước, hoặc null.")
        results: list[Any]

    def paginate_queryset(self, queryset: QuerySet, pagination: Input, request: HttpRequest, **params: Any) -> dict:
        size, number = pagination.page_size, pagination.page
        count = self._items_count(queryset)
        num_pages = max(1, math.ceil(count / size))
        if number > num_pages:
            raise HttpError(404, f"Trang {number} không tồn tại: kết quả chỉ có {num_pages} trang.")
        start = (number - 1) * size
        return {
            "count": count,
            "page": number,
            "page_size": size,
            "num_pages": num_pages,
            "next": _page_link(request, number + 1) if number < num_pages else None,
            "previous": _page_link(request, number - 1) if number > 1 else None,
            "results": queryset[start : start + size],
        }


def _page_link(request: HttpRequest, number: int) -> str:
    query = request.GET.copy()
    if number == 1:
        query.pop("page", None)  # the canonical first page: no query, one cache entry
    else:
        query["page"] = str(number)
    encoded = query.urlencode()
    return request.build_absolute_uri(request.path + (f"?{encoded}" if encoded else ""))


def request_of(context: dict) -> HttpRequest:
    """The request a schema resolver runs for (ninja passes it in the resolver's context)."""
    return context["request"]


def page_url(context: dict, page) -> str | None:
    """A page's absolute URL, on the host the request came to (for a schema's `url` field)."""
    request = request_of(context)
    return absolute_url(request, page.get_url(request))


def absolute_url(request: HttpRequest, url: str | None) -> str | None:
    """A site-relative URL made absolute on the host the request came to."""
    if not url:
        return None
    return request.build_absolute_uri(url)


_LINK_ATTR = re.compile(r'(\s(?:href|src))="(/[^/"][^"]*|/)"')
_SRCSET_ATTR = re.compile(r'(\ssrcset)="([^"]*)"')


def absolute_html(request: HttpRequest, html: str) -> str:
    """Rendered HTML whose site-relative links and images are made absolute."""
    base = request.build_absolute_uri("/").rstrip("/")
    html = _LINK_ATTR.sub(lambda m: f'{m.group(1)}="{base}{m.group(2)}"', html)

    def srcset(match: re.Match) -> str:
        parts = [p.strip() for p in match.group(2).split(",")]
        fixed = [f"{base}{p}" if p.startswith("/") and not p.startswith("//") else p for p in parts]
        return f'{match.group(1)}="{", ".join(fixed)}"'

    return _SRCSET_ATTR.sub(srcset, html)
