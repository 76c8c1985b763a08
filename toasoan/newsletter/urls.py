from django.urls import path

from . import views

app_name = "newsletter"
urlpatterns = [
    path("ban-tin/dang-ky/", views.subscribe, name="subscribe"),
    path("ban-tin/dang-ky/da-gui/", views.subscribe_sent, name="subscribe_sent"),
    path("ban-tin/xac-nhan/<str:token>/", views.confirm, name="confirm"),
    path("ban-tin/huy/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("ban-tin/tuy-chon/<str:token>/", views.preferences, name="preferences"),
]
