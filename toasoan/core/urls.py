from django.urls import path

from . import discovery_views, views

app_name = "core"
urlpatterns = [
    path("bieu-mau/bat-dau/", views.form_started, name="form_started"),
    path("robots.txt", discovery_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", discovery_views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", discovery_views.sitemap_section, name="sitemap_section"),
    path("so-do-trang/", discovery_views.site_map, name="site_map"),
]
