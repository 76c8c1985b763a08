"""The public surface: every URL a reader (or a bot) can reach, what it reads from the query string,
and the fuzz target that covers it. test_surface.py checks this against the URL resolver, the
Wagtail page types and their routes: a new public URL without fuzz coverage fails the suite.

`sample` is the path the generic targets request; `{name}` placeholders are filled by
test_get_endpoints.PLACEHOLDERS with real values from the demo content and with junk."""

from dataclasses import dataclass

PAGE = "page"  # core.pagination's parameter


@dataclass(frozen=True)
class Endpoint:
    sample: str
    params: tuple[str, ...] = ()
    targets: tuple[str, ...] = ("test_get_endpoints", "test_wrong_methods")


URLS: dict[str, Endpoint] = {
    # core
    "core:form_started": Endpoint("/bieu-mau/bat-dau/"),
    "core:robots_txt": Endpoint("/robots.txt"),
    "core:sitemap": Endpoint("/sitemap.xml"),
    "core:sitemap_section": Endpoint("/sitemap-{sitemap}.xml"),
    "core:site_map": Endpoint("/so-do-trang/"),
    # search
    "search:search": Endpoint("/tim-kiem/", ("q", "page", "loai", "tu-ngay", "den-ngay", "sap-xep", "chuyen-muc")),
    "search:suggest": Endpoint("/tim-kiem/goi-y/", ("q",)),
    # news
    "news:by_date_form": Endpoint("/tin-theo-ngay/", ("ngay",)),
    "news:by_day": Endpoint("/tin-theo-ngay/{year}-{month}-{day}/", (PAGE,)),
    "news:by_month": Endpoint("/tin-theo-ngay/{year}-{month}/", (PAGE,)),
    "news:rss": Endpoint("/rss/"),
    "news:rss_section": Endpoint("/rss/{section}/"),
    "news:atom": Endpoint("/atom/"),
    "news:atom_section": Endpoint("/atom/{section}/"),
    "news:feed_list": Endpoint("/kenh-rss/"),
    # feedback
    "feedback:submit": Endpoint(
        "/phan-anh-kien-nghi/", ("loai", "ve"), ("test_get_endpoints", "test_wrong_methods", "test_feedback_submit")
    ),
    "feedback:track": Endpoint("/phan-anh-kien-nghi/tra-cuu/", ("ma",), ("test_get_endpoints", "test_feedback_track")),
    "feedback:receipt": Endpoint("/phan-anh-kien-nghi/da-gui/{code}/"),
    "feedback:qa_list": Endpoint("/hoi-dap/", ("q", "loai", PAGE)),
    "feedback:qa_detail": Endpoint("/hoi-dap/{qa}/"),
    # consultation
    "consultation:comment_post": Endpoint(
        "/lay-y-kien-du-thao/gop-y/{consultation}/",
        targets=("test_wrong_methods", "test_consultation_comment", "test_guard_fields"),
    ),
    # surveys
    "surveys:rating_form": Endpoint(
        "/danh-gia-hai-long/", ("doi-tuong",), ("test_get_endpoints", "test_wrong_methods", "test_rating_submit")
    ),
    "surveys:rating_thanks": Endpoint("/danh-gia-hai-long/cam-on/", ("trang-thai",)),
    "surveys:rating_results": Endpoint("/danh-gia-hai-long/ket-qua/", ("doi-tuong", "tu-ngay", "den-ngay")),
    "surveys:rating_results_csv": Endpoint(
        "/danh-gia-hai-long/ket-qua/du-lieu.csv", ("doi-tuong", "tu-ngay", "den-ngay")
    ),
    "surveys:poll_list": Endpoint("/tham-do-y-kien/", (PAGE,)),
    "surveys:poll_detail": Endpoint("/tham-do-y-kien/{poll}/", ("da-binh-chon",)),
    "surveys:poll_vote": Endpoint(
        "/tham-do-y-kien/{poll}/binh-chon/", targets=("test_wrong_methods", "test_poll_vote", "test_guard_fields")
    ),
    # newsletter
    "newsletter:subscribe": Endpoint(
        "/ban-tin/dang-ky/", targets=("test_get_endpoints", "test_newsletter_subscribe", "test_guard_fields")
    ),
    "newsletter:subscribe_sent": Endpoint("/ban-tin/dang-ky/da-gui/"),
    "newsletter:confirm": Endpoint(
        "/ban-tin/xac-nhan/{token}/", targets=("test_get_endpoints", "test_newsletter_links")
    ),
    "newsletter:unsubscribe": Endpoint(
        "/ban-tin/huy/{token}/", targets=("test_get_endpoints", "test_newsletter_links")
    ),
    "newsletter:preferences": Endpoint(
        "/ban-tin/tuy-chon/{token}/", targets=("test_get_endpoints", "test_newsletter_links")
    ),
    # agency (Vietnamese and English)
    "agency:about": Endpoint("/gioi-thieu/"),
    "agency:organisation": Endpoint("/gioi-thieu/co-cau-to-chuc/"),
    "agency:leaders": Endpoint("/gioi-thieu/lanh-dao/"),
    "agency:contacts": Endpoint("/danh-ba/", ("don-vi",)),
    "agency:schedule": Endpoint("/lich-cong-tac/", ("tuan",)),
    "agency:home_en": Endpoint("/en/"),
    "agency:about_en": Endpoint("/en/about/"),
    "agency:organisation_en": Endpoint("/en/organisation/"),
    "agency:leaders_en": Endpoint("/en/leaders/"),
    "agency:contacts_en": Endpoint("/en/contacts/", ("unit",)),
    # open data: the human page here; the API itself is schemathesis's (API_PREFIX below)
    "api:open_data": Endpoint("/du-lieu-mo/"),
    "api:not_found": Endpoint("/api/v1/{junk}/"),
    # trust
    "trust:security_txt": Endpoint("/.well-known/security.txt"),
    "trust:security_contact": Endpoint("/lien-he-an-toan-thong-tin/"),
    # Documents: Wagtail's serve view behind trust.uploads' gate and headers (Wagtail's own pattern,
    # shadowed, stays listed), password-protected pages and documents
    "toasoan_document_serve": Endpoint("/documents/{document}/{filename}"),
    "wagtaildocs_serve": Endpoint("/documents/{document}/{filename}"),
    "wagtaildocs_authenticate_with_password": Endpoint(
        "/documents/authenticate_with_password/{restriction}/", ("next",), ("test_get_endpoints", "test_wrong_methods")
    ),
    "wagtailcore_authenticate_with_password": Endpoint(
        "/_util/authenticate_with_password/{restriction}/{page_id}/", ("next",)
    ),
    "wagtailcore_login": Endpoint("/_util/login/", ("next",)),
    # Uploads served by Django on single-server installs (TOASOAN_SERVE_MEDIA)
    "^media/(?P<path>.*)$": Endpoint("/media/{media}"),
    # Every Wagtail page: the page types below
    "wagtail_serve": Endpoint("/{page_path}", targets=("test_pages", "test_wrong_methods")),
}

# The open data API: every operation of /api/v1/openapi.json, through schemathesis.
API_PREFIX = "api:v1:"
API_TARGET = "test_api"

# Query parameters each page type reads (besides `page` where it paginates).
PAGE_TYPES: dict[str, tuple[str, ...]] = {
    "news.HomePage": ("gd", "cn", "tc", "id"),  # old portals' query URLs -> importer redirects
    "news.SectionPage": (PAGE,),
    "news.ArticlePage": (),
    "news.ProvincialNewsPage": (),  # on the demo's provincial site (tinh.localhost)
    "core.StandardPage": (),
    "procedures.ProcedureIndexPage": ("linh-vuc", "cap", PAGE),
    "procedures.ProcedurePage": (),
    "consultation.ConsultationIndexPage": (PAGE,),
    "consultation.ConsultationPage": (PAGE,),
    "documents.DocumentIndexPage": ("loai", "co-quan", "nam", "linh-vuc", PAGE),
    "documents.LegalDocumentPage": (),
    "newsletter.NewsletterIndexPage": (PAGE,),
    "newsletter.NewsletterIssuePage": (),
}
NOT_PAGES = {"wagtailcore.Page": "the tree's root, never served"}

# RoutablePage routes (page type -> route names), each requested by test_pages.
ROUTES: dict[str, dict[str, str]] = {
    "consultation.ConsultationPage": {
        "index_route": "",  # the mixin's default, shadowed by "consultation"
        "consultation": "",
        "comment_received": "da-nhan-gop-y/",
    },
}

# Reachable but not public: Wagtail's admin needs a staff login with TOTP (trust.staff).
NOT_PUBLIC_PREFIXES = {"admin/": "staff only (login, TOTP, lockout: trust/staff tests)"}
