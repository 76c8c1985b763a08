"""Admin URLs of staff accounts (registered by hooks.py under /admin/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("xac-thuc-hai-buoc/", views.verify, name="trust_staff_verify"),
    path("xac-thuc-hai-buoc/dang-ky/", views.enrol, name="trust_staff_enrol"),
    path("xac-thuc-hai-buoc/ma-du-phong/", views.backup_codes, name="trust_staff_codes"),
    path("xac-thuc-hai-buoc/ma-du-phong/moi/", views.new_codes, name="trust_staff_new_codes"),
    path("xac-thuc-hai-buoc/dat-lai/<int:user_id>/", views.reset, name="trust_staff_reset"),
    path("dang-nhap-bi-khoa/", views.lockouts, name="trust_staff_lockouts"),
]
