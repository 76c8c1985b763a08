from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("bieu-mau/bat-dau/", views.form_started, name="form_started"),
]
