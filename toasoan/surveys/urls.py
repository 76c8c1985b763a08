from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("danh-gia-hai-long/", views.rating_form, name="rating_form"),
    path("danh-gia-hai-long/cam-on/", views.rating_thanks, name="rating_thanks"),
    path("danh-gia-hai-long/ket-qua/", views.rating_results, name="rating_results"),
    path("danh-gia-hai-long/ket-qua/du-lieu.csv", views.rating_results_csv, name="rating_results_csv"),
    path("tham-do-y-kien/", views.poll_list, name="poll_list"),
    path("tham-do-y-kien/<slug:slug>/", views.poll_detail, name="poll_detail"),
    path("tham-do-y-kien/<slug:slug>/binh-chon/", views.poll_vote, name="poll_vote"),
]
