"""Writes of the content model that are more than one `save()`: the admin, the console and
the rooms above call these, as the union tree's `unions.services.save_union`.

A story's writes are the workflow's (`articles.workflow.services`: each transition, its
revisions); a page's are the page import's (`articles.pageimport.services.save_page`).
"""

from django.db import transaction

from articles.models import Activity


@transaction.atomic
def save_activity(*, activity: Activity) -> Activity:
    """Validate and save an activity as its next version: the number the next editor's
    form is compared with (articles/workflow/locking.py, which locks the row while the
    admin's form is checked, so the increment cannot be lost between two saves)."""
    activity.full_clean()
    activity.version += 1
    activity.save()
    return activity
