from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "agency"
urlpatterns = [
    path("gioi-thieu/", views.about, name="about"),
    path("gioi-thieu/co-cau-to-chuc/", views.organisation, name="organisation"),
    path("gioi-thieu/lanh-dao/", views.leaders, name="leaders"),
    path("danh-ba/", views.contacts, name="contacts"),
    path("lich-cong-tac/", views.schedule, name="schedule"),
    # English (the language comes from the /en/ prefix: core.language).
    path("en/", RedirectView.as_view(pattern_name="agency:about_en"), name="home_en"),
    path("en/about/", views.about, name="about_en"),
    path("en/organisation/", views.organisation, name="organisation_en"),
    path("en/leaders/", views.leaders, name="leaders_en"),
    path("en/contacts/", views.contacts, name="contacts_en"),
]
