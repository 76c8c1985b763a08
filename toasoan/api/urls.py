from django.urls import path, re_path

from . import site, views

app_name = "api"
api = site.build_api()
urlpatterns = [
    path("api/v1/", site.urls(api)),
    # Only paths ending in "/": without it, APPEND_SLASH still redirects /api/v1/articles.
    re_path(r"^api/v1/[\s\S]*/$", views.not_found, name="not_found"),
    path("du-lieu-mo/", views.open_data, name="open_data"),
]
