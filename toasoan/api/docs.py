"""What the /du-lieu-mo/ page shows: the endpoints, read from the live OpenAPI document so the
page never lists one that does not exist (or forgets one an app registered), with examples."""

from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from .throttling import DEFAULT_RATE

LICENCE_NAME = "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.vi"

# Example queries for list endpoints, by the endpoint's path under /api/v1/ (shown when it exists).
EXAMPLES = {
    "articles/": ["?page=2", "?tu_ngay=2024-01-01&den_ngay=2024-12-31&page_size=50"],
    "procedures/": ["?level=tinh&service_level=toan-trinh"],
    "documents/": ["?year=2024&page_size=50"],
}
_UNITS = {"s": "giây", "sec": "giây", "m": "phút", "min": "phút", "h": "giờ", "hour": "giờ", "d": "ngày", "day": "ngày"}


@dataclass(frozen=True)
class Endpoint:
    path: str  # absolute URL, with {placeholders} for detail endpoints
    summary: str
    description: str
    parameters: list[tuple[str, str]]  # (name, description)
    examples: list[str] = field(default_factory=list)  # absolute URLs

    @property
    def is_template(self) -> bool:
        return "{" in self.path


def endpoints(request: HttpRequest) -> list[Endpoint]:
    from .urls import api

    root = reverse("api:v1:api-root")
    schema = api.get_openapi_schema(path_prefix=root)
    base = request.build_absolute_uri("/").rstrip("/")  # not build_absolute_uri(path): keeps {id} unescaped
    found = []
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if not operation:
            continue
        url = base + path
        relative = path.removeprefix(root)
        examples = [] if "{" in path else [url, *(url + q for q in EXAMPLES.get(relative, []))]
        found.append(
            Endpoint(
                path=url,
                summary=operation.get("summary", ""),
                description=operation.get("description", ""),
                parameters=[(p["name"], p.get("description", "")) for p in operation.get("parameters", [])],
                examples=examples,
            )
        )
    return found


def rate_text() -> str:
    """TOASOAN_API_RATE ("60/min") in words: "60 yêu cầu mỗi phút"."""
    rate = getattr(settings, "TOASOAN_API_RATE", DEFAULT_RATE)
    if not rate:
        return ""
    count, _, period = rate.partition("/")
    digits = "".join(c for c in period if c.isdigit())
    unit = _UNITS.get(period.lstrip("0123456789"), period)
    return f"{count} yêu cầu mỗi {digits + ' ' if digits else ''}{unit}"


def page_context(request: HttpRequest) -> dict:
    return {
        "endpoints": endpoints(request),
        "openapi_url": request.build_absolute_uri(reverse("api:v1:openapi-json")),
        "rate_text": rate_text(),
        "licence_name": LICENCE_NAME,
        "licence_url": LICENCE_URL,
    }
