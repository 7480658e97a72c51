"""The content model's multi-step writes (articles/services.py)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from articles.models import Activity
from articles.services import save_activity
from tests.factories import make_activity, make_union

pytestmark = pytest.mark.django_db


def test_saving_an_activity_makes_its_next_version():
    activity = make_activity(union=make_union("西城区总工会"))
    assert activity.version == 0
    activity.beneficiaries = 1030
    save_activity(activity=activity)
    save_activity(activity=activity)
    stored = Activity.objects.get(pk=activity.pk)
    assert (stored.version, stored.beneficiaries) == (2, 1030)


def test_an_invalid_activity_is_refused_in_chinese_and_nothing_is_saved():
    activity = make_activity(union=make_union("西城区总工会"))
    activity.end_date = activity.start_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="结束日期不能早于开始日期"):
        save_activity(activity=activity)
    stored = Activity.objects.get(pk=activity.pk)
    assert (stored.version, stored.end_date) == (0, None)
