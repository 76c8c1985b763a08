from django.urls import path

from . import views

app_name = "feedback"
urlpatterns = [
    path("phan-anh-kien-nghi/", views.submit, name="submit"),
    path("phan-anh-kien-nghi/tra-cuu/", views.track, name="track"),
    path("phan-anh-kien-nghi/da-gui/<str:code>/", views.receipt, name="receipt"),
    path("hoi-dap/", views.qa_list, name="qa_list"),
    path("hoi-dap/<int:pk>/", views.qa_detail, name="qa_detail"),
]
