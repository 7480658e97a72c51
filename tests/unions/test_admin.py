import pytest
from django.urls import reverse

from articles.demo.loader import load_demo
from tests.factories import make_union
from unions.models import Union, UnionLevel

pytestmark = pytest.mark.django_db


def union_form(union: Union, **changes) -> dict:
    data = {
        "name": union.name,
        "short_name": union.short_name,
        "aliases": union.aliases,
        "level": union.level,
        "parent": union.parent_id or "",
        "slug": union.slug,
        "description": "",
        "children-TOTAL_FORMS": "0",
        "children-INITIAL_FORMS": "0",
        "officials-TOTAL_FORMS": "0",
        "officials-INITIAL_FORMS": "0",
        "facilities-TOTAL_FORMS": "0",
        "facilities-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def test_a_union_as_its_own_parent_gets_a_field_error(superuser_client):
    union = make_union("怀柔区总工会", level=UnionLevel.DISTRICT)
    url = reverse("admin:unions_union_change", args=[union.pk])
    response = superuser_client.post(url, union_form(union, parent=union.pk))
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    union.refresh_from_db()
    assert union.parent is None


def test_a_descendant_as_parent_gets_a_field_error(superuser_client):
    district = make_union("怀柔区总工会", level=UnionLevel.DISTRICT)
    street = make_union("龙山街道总工会", level=UnionLevel.STREET, parent=district)
    url = reverse("admin:unions_union_change", args=[district.pk])
    response = superuser_client.post(url, union_form(district, parent=street.pk))
    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors


def test_moving_a_union_in_the_admin_moves_its_subtree(superuser_client):
    huairou = make_union("怀柔区总工会", level=UnionLevel.DISTRICT)
    changping = make_union("昌平区总工会", level=UnionLevel.DISTRICT)
    street = make_union("某街道总工会", level=UnionLevel.STREET, parent=huairou)
    company = make_union("某公司工会", level=UnionLevel.ENTERPRISE, parent=street)
    url = reverse("admin:unions_union_change", args=[street.pk])
    response = superuser_client.post(url, union_form(street, parent=changping.pk))
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.district == changping


def test_the_tree_is_browsable_from_parent_to_children(superuser_client):
    load_demo()
    huairou = Union.objects.get(name="怀柔区总工会")
    changelist = reverse("admin:unions_union_changelist")

    listing = superuser_client.get(changelist).content.decode()
    assert f"?parent__id__exact={huairou.pk}" in listing

    children = superuser_client.get(changelist, {"parent__id__exact": huairou.pk})
    names = {u.name for u in children.context["cl"].result_list}
    assert names == {
        "龙山街道总工会",
        "庙城镇总工会",
        "中关村科技园区怀柔园管理委员会工会联合会",
    }

    change = superuser_client.get(reverse("admin:unions_union_change", args=[huairou.pk]))
    content = change.content.decode()
    assert "下级工会" in content
    assert "龙山街道总工会" in content
    assert "北京市总工会" in content  # the ancestry line
