from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from toasoan.trust.uploads.serving import serve_document, serve_media

handler500 = "toasoan.core.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # Documents: Wagtail's serve steps, our gate and headers (toasoan/trust/uploads/serving.py).
    re_path(r"^documents/(\d+)/(.*)$", serve_document, name="toasoan_document_serve"),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("toasoan.core.urls")),
    path("", include("toasoan.search.urls")),
    path("", include("toasoan.news.urls")),
    path("", include("toasoan.procedures.urls")),
    path("", include("toasoan.feedback.urls")),
    path("", include("toasoan.consultation.urls")),
    path("", include("toasoan.surveys.urls")),
    path("", include("toasoan.documents.urls")),
    path("", include("toasoan.newsletter.urls")),
    path("", include("toasoan.agency.urls")),
    path("", include("toasoan.stats.urls")),
    path("", include("toasoan.api.urls")),
    path("", include("toasoan.trust.urls")),
]

if settings.SERVE_MEDIA:
    # Single-server installs: Django serves uploads. Behind nginx, nginx serves /media/ itself.
    urlpatterns += [
        # Images only, with nosniff and a sandbox CSP; documents go through /documents/ and its checks.
        re_path(r"^media/(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [path("", include(wagtail_urls))]
