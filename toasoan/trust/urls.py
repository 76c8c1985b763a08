from django.urls import path

from . import views

app_name = "trust"
urlpatterns = [
    path(".well-known/security.txt", views.security_txt_view, name="security_txt"),
    path("lien-he-an-toan-thong-tin/", views.security_contact, name="security_contact"),
]
