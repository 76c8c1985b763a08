from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from toasoan.core.views import media

handler500 = "toasoan.core.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
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
        re_path(r"^media/(?P<path>.*)$", media, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [path("", include(wagtail_urls))]
