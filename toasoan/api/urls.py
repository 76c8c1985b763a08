from django.urls import path

from . import site, views

app_name = "api"
api = site.build_api()
urlpatterns = [
    path("api/v1/", site.urls(api)),
    path("du-lieu-mo/", views.open_data, name="open_data"),
]
