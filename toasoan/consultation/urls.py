from django.urls import path

from . import views

app_name = "consultation"
urlpatterns = [
    # Outside the page tree: Wagtail's page view is CSRF-protected, and the form lives on a cached page.
    path("lay-y-kien-du-thao/gop-y/<int:page_id>/", views.comment_post, name="comment_post"),
]
