from django.urls import path

from . import views
from .site import build_api

app_name = "api"
api = build_api()
urlpatterns = [
    path("api/v1/", api.urls),
    path("du-lieu-mo/", views.open_data, name="open_data"),
]
