from django.urls import path

from articles.safety import views

app_name = "safety"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
]
