"""/preview/<token>/: signed preview links for reviewers without an account."""

from django.urls import path

from articles.workflow import preview

app_name = "workflow"

urlpatterns = [
    path("<str:token>/", preview.preview, name="preview"),
]
