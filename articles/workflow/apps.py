from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "articles.workflow"
    label = "workflow"
    verbose_name = "编辑流程"
