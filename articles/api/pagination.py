"""Cursors for the story and edition lists: stable while stories are published.

A cursor marks a place in the list (the publication time of the last story shown, and how
many stories sharing that time were shown), so a story published meanwhile, which comes
in at the top, never pushes a story a reader has seen onto the next page, as a page
number would. DRF's `CursorPagination`, with the id breaking ties in the order (a whole
edition is often scheduled for 06:00); no page costs a COUNT.

`page_size` is from 1 to `max_page_size`; a page size or a cursor that cannot be one is
a 400, not DRF's silent default or its English 404.
"""

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

from articles.api.params import EARLIEST_DAY, LATEST_DAY, BadParameter, number_param, parse_day

BAD_CURSOR = "参数 cursor 无效：请使用上一页返回的 next 或 previous 链接。"


class StrictCursorPagination(CursorPagination):
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        asked = number_param(
            request.query_params, self.page_size_query_param, maximum=self.max_page_size
        )
        return self.page_size if asked is None else asked

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            raise BadParameter(BAD_CURSOR) from None
        position = cursor.position if cursor is not None else None
        if position is not None and not self.is_position(position):
            raise BadParameter(BAD_CURSOR)
        return cursor

    def is_position(self, position: str) -> bool:
        """Whether a cursor's position is a value of the first ordering field."""
        raise NotImplementedError


class StoryCursorPagination(StrictCursorPagination):
    ordering = ("-published_at", "-id")
    page_size = 20

    def is_position(self, position: str) -> bool:
        # A publication time with its offset, as `_get_position_from_instance` wrote it;
        # a naive one would be read in the wrong zone (and warn), a year-1 one overflow.
        try:
            moment = parse_datetime(position)
        except ValueError:
            return False
        return (
            moment is not None
            and timezone.is_aware(moment)
            and EARLIEST_DAY <= moment.date() <= LATEST_DAY
        )


class EditionCursorPagination(StrictCursorPagination):
    """Editions newest first, a month's worth a page."""

    ordering = ("-edition_date",)
    page_size = 30

    def is_position(self, position: str) -> bool:
        return parse_day(position) is not None
