"""Writes of the content model that are more than one `save()`: the admin, the console and
the rooms above call these, as the union tree's `unions.services.save_union`.

A story's writes are the workflow's (`articles.workflow.services`: each transition, its
revisions); a page's are the page import's (`articles.pageimport.services.save_page`),
and the zones an editor corrects on the page image are `save_zones` here.
"""

from django.core.exceptions import ValidationError
from django.db import transaction

from articles.models import Activity, PageZone, PrintPage

# A page carries at most about sixty stories (the page import's bound), each in a few
# blocks; a post with more zones than this is no page an editor drew.
MAX_ZONES_PER_PAGE = 300


@transaction.atomic
def save_activity(*, activity: Activity) -> Activity:
    """Validate and save an activity as its next version: the number the next editor's
    form is compared with (articles/workflow/locking.py, which locks the row while the
    admin's form is checked, so the increment cannot be lost between two saves)."""
    activity.full_clean()
    activity.version += 1
    activity.save()
    return activity


def clean_zones(*, print_page: PrintPage, zones) -> list[tuple[int, tuple[float, ...]]]:
    """The zones as posted (`[{"article": id, "box": [x0, y0, x1, y1]}, ...]`, fractions
    of the page, origin top left) checked: each a box inside the page, each story one of
    this page's. Returns (article id, box) pairs; ValidationError in Chinese otherwise."""
    if not isinstance(zones, list) or not all(isinstance(z, dict) for z in zones):
        raise ValidationError("版面区域的数据无法识别，请刷新页面后重新划定。")
    if len(zones) > MAX_ZONES_PER_PAGE:
        raise ValidationError(f"区域太多：一个版面最多 {MAX_ZONES_PER_PAGE} 个区域。")
    on_page = set(print_page.articles.values_list("pk", flat=True)) if print_page.pk else set()
    cleaned = []
    for number, zone in enumerate(zones, start=1):
        article, box = zone.get("article"), zone.get("box")
        if not _is_id(article) or article not in on_page:
            raise ValidationError(f"第 {number} 个区域没有对应本版的稿件：请为它选择一篇本版稿件。")
        if not _is_box(box):
            raise ValidationError(f"第 {number} 个区域的位置无效：区域应是版面内的矩形。")
        cleaned.append((article, tuple(round(float(v), 4) for v in box)))
    return cleaned


@transaction.atomic
def save_zones(*, print_page: PrintPage, zones) -> list[PageZone]:
    """Replace the page's zones with `zones` (as `clean_zones` takes them): all or
    nothing. `clean_zones` checks what the table's constraints would; each zone is saved on
    its own, so whoever hears a zone's save hears it (a page has tens of them)."""
    cleaned = clean_zones(print_page=print_page, zones=zones)
    print_page.zones.all().delete()
    saved, orders = [], {}
    for article_id, (x0, y0, x1, y1) in cleaned:
        order = orders[article_id] = orders.get(article_id, -1) + 1
        zone = PageZone(
            print_page=print_page, article_id=article_id, order=order, x0=x0, y0=y0, x1=x1, y1=y1
        )
        zone.save()
        saved.append(zone)
    return saved


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_box(box) -> bool:
    if not isinstance(box, list | tuple) or len(box) != 4:
        return False
    # A range check before any arithmetic: NaN and infinities fail it, and a huge integer
    # is never turned into a float.
    if not all(isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 1 for v in box):
        return False
    x0, y0, x1, y1 = (round(float(v), 4) for v in box)
    return 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
