from django.db import transaction

from unions.models import Union, UnionLevel


@transaction.atomic
def save_union(*, union: Union) -> Union:
    """Validate and save a union, then re-derive the tree fields of everything below it.

    Moving a union (a new parent or a new level) changes the path and district of its
    whole subtree; the admin, the demo loader and the importer all save through here.
    """
    union.full_clean()
    old_path = None
    if union.pk is not None:
        old_path = Union.objects.filter(pk=union.pk).values_list("path", flat=True).first()
    union.save()
    if old_path:
        _rederive_descendants(union, old_path)
    return union


def _rederive_descendants(union: Union, old_path: str) -> None:
    # Ordered by path, every parent comes before its children, so one pass suffices.
    descendants = list(
        Union.objects.filter(path__startswith=old_path).exclude(pk=union.pk).order_by("path")
    )
    by_pk = {union.pk: union}
    for node in descendants:
        parent = by_pk[node.parent_id]
        node.path = f"{parent.path}{node.pk}/"
        node.district_id = node.pk if node.level == UnionLevel.DISTRICT else parent.district_id
        by_pk[node.pk] = node
    Union.objects.bulk_update(descendants, ["path", "district"], batch_size=500)
