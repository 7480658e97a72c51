"""The endpoints of `/api/v1/`: read-only, JSON only, the same for every caller.

- `stories/`: published stories, newest first, by cursor, with the filters of
  `queries.filter_stories`; `stories/<id>/`: one story as its page shows it (the id of
  its address on the site), 410 once withdrawn, 404 for anything readers cannot see;
- `unions/`: the whole union tree as one flat list in tree order (each union's `parent`
  builds the tree), or with `?parent=<id>` the unions directly under one;
  `unions/<id>/`: a union with its figures;
- `topics/`: the topics readers can open;
- `epaper/`: editions newest first, by cursor; `epaper/<date>/`: an edition's pages;
  `epaper/<date>/<number>/`: a page with its stories in print order;
- `search/`: the site's search, with its parameters (`/search/?q=…` and
  `/api/v1/search/?q=…` take the same query string and give the same stories in the same
  order, 20 a page).

The story endpoints take `?fields=id,title,photos`: only those fields are printed, and
only what they need is loaded.

Lists print every published story, corrections included (as the archive, the feeds and
search do); a correction has `kind` 更正 and names what it corrects on its own page.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from django.db.models import Prefetch
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import status
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView, ListAPIView, RetrieveAPIView
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from articles.api.pagination import EditionCursorPagination, StoryCursorPagination
from articles.api.params import (
    BadParameter,
    key_param,
    number_param,
    path_day,
    path_key,
    path_number,
    requested_fields,
)
from articles.api.queries import (
    LAST_PAGE_NUMBER,
    filter_stories,
    published_stories,
    union_figures,
    with_parts,
    withdrawal_of,
)
from articles.api.schema import (
    BAD_REQUEST,
    CURSOR,
    IF_NONE_MATCH,
    KIND,
    NOT_MODIFIED,
    STORY_FILTERS,
    fields_param,
    not_found,
    page_size,
    path_date,
    path_id,
    query,
    whole_number,
)
from articles.api.serializers import (
    STORY_FIELDS,
    EditionDetailSerializer,
    EditionSerializer,
    EpaperPageDetailSerializer,
    SearchPageSerializer,
    StoryDetailSerializer,
    StoryOnPageSerializer,
    StorySerializer,
    TopicSerializer,
    UnionDetailSerializer,
    UnionSerializer,
    WithdrawnSerializer,
    page_file_of,
)
from articles.models import Article, PageZone, PrintPage, Topic
from articles.search import views as site_search
from articles.search.forms import SORT_DATE, SearchForm
from articles.search.query import parse_query, ranked_page
from unions.models import Union

NO_STORY = "没有这篇稿件。"
WITHDRAWN = "这篇稿件已撤回，不再在本网刊出。"
NO_UNION = "没有这个工会。"
NO_EDITION = "这一天没有出版的数字报。"
NO_PAGE = "没有这一版。"


class StoryFieldsMixin:
    """`?fields=` on an endpoint printing stories with `story_serializer`."""

    story_serializer = StorySerializer

    @cached_property
    def story_fields(self) -> frozenset[str] | None:
        """The fields asked for, or None for all; a 400 naming any unknown one."""
        return requested_fields(self.request.query_params, self.story_serializer.Meta.fields)

    @property
    def printed_fields(self):
        return self.story_serializer.Meta.fields if self.story_fields is None else self.story_fields

    def get_serializer_context(self):
        return {**super().get_serializer_context(), STORY_FIELDS: self.story_fields}


# --- Stories ---------------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        operation_id="story_list",
        tags=["稿件"],
        summary="稿件列表",
        description=(
            "已发布的稿件，按发布时间从新到旧（同一时间按编号），用游标翻页：翻页期间新发布的"
            "稿件只出现在第一页之前，不会把看过的稿件挤到下一页。更正稿也在其中（kind 为 "
            "correction）。筛选条件可以组合；某个条件指向读者看不到或不存在的内容时回答 400。"
        ),
        parameters=[
            *STORY_FILTERS,
            fields_param(StorySerializer.Meta.fields),
            CURSOR,
            page_size(StoryCursorPagination),
            IF_NONE_MATCH,
        ],
        responses={
            200: OpenApiResponse(StorySerializer, description="一页稿件"),
            304: NOT_MODIFIED,
            400: BAD_REQUEST,
        },
    )
)
class StoryListView(StoryFieldsMixin, ListAPIView):
    serializer_class = StorySerializer
    pagination_class = StoryCursorPagination

    def get_queryset(self):
        stories = published_stories(self.printed_fields)
        return filter_stories(stories, self.request.query_params)


@extend_schema_view(
    get=extend_schema(
        operation_id="story_detail",
        tags=["稿件"],
        summary="稿件",
        description=(
            "一篇已发布的稿件，与网站上的稿件页相同：肩题、主题、副题、署名、电头、导语、正文"
            "（段落与小标题）、图片及其各尺寸、工会、专题、见报版面和更正。已撤稿的稿件回答 410；"
            "草稿、待审、待签发、未采用和定时发布未到时间的稿件回答 404。"
        ),
        parameters=[
            path_id("pk", "稿件编号（网站上稿件网址中的编号）"),
            fields_param(StoryDetailSerializer.Meta.fields),
            IF_NONE_MATCH,
        ],
        responses={
            200: OpenApiResponse(StoryDetailSerializer, description="稿件"),
            304: NOT_MODIFIED,
            400: BAD_REQUEST,
            404: not_found("没有这篇稿件（或读者看不到）"),
            410: OpenApiResponse(WithdrawnSerializer, description="稿件已撤回"),
        },
    )
)
class StoryDetailView(StoryFieldsMixin, RetrieveAPIView):
    serializer_class = StoryDetailSerializer
    story_serializer = StoryDetailSerializer

    def get_queryset(self):
        return published_stories(self.printed_fields)

    def retrieve(self, request, *args, **kwargs):
        pk = path_key(self.kwargs["pk"], Article._meta.pk, NO_STORY)
        story = self.get_queryset().filter(pk=pk).first()
        if story is not None:
            return Response(self.get_serializer(story).data)
        # A story withdrawn after publication (撤稿) answers 410 like its page; drafts,
        # copy in review, declined or scheduled stories are simply not there.
        withdrawal = withdrawal_of(pk)
        if withdrawal is None:
            raise NotFound(NO_STORY)
        body = WithdrawnSerializer({"detail": WITHDRAWN, **withdrawal}).data
        return Response(body, status=status.HTTP_410_GONE)


# --- Unions and topics -------------------------------------------------------------------


@extend_schema_view(
    get=extend_schema(
        operation_id="union_list",
        tags=["工会"],
        summary="工会组织树",
        description=(
            "全部工会按组织树的顺序排成一个列表（不分页），每个工会带上级工会的编号（parent）"
            "和层数（depth），据此可一次建成整棵树；用 parent 参数只取某个工会的直属下级。"
        ),
        parameters=[
            query("parent", OpenApiTypes.INT, "只列出这个工会的直属下级工会"),
            IF_NONE_MATCH,
        ],
        responses={
            200: OpenApiResponse(
                UnionSerializer(many=True),
                description="全部工会（或一个工会的直属下级），按组织树的顺序",
            ),
            304: NOT_MODIFIED,
            400: BAD_REQUEST,
        },
    )
)
class UnionListView(ListAPIView):
    """Not paginated: the tree is a few thousand short rows at most, and an app builds its
    picker from all of them (or asks one level at a time with `?parent=`)."""

    serializer_class = UnionSerializer
    pagination_class = None

    def get_queryset(self):
        unions = Union.objects.order_by("path")
        parent = key_param(self.request.query_params, "parent", Union._meta.pk)
        if parent is not None:
            if not Union.objects.filter(pk=parent).exists():
                raise BadParameter(f"没有这个工会：{parent}。")
            unions = unions.filter(parent_id=parent)
        return unions


@extend_schema_view(
    get=extend_schema(
        operation_id="union_detail",
        tags=["工会"],
        summary="工会及其数字",
        description=(
            "一个工会和它的数字（含全部下级工会）：与网站上工会页印出的相同，只统计已发布稿件"
            "报道的活动；没有报道给出的数字为 null，不是 0。"
        ),
        parameters=[path_id("pk", "工会编号"), IF_NONE_MATCH],
        responses={
            200: OpenApiResponse(UnionDetailSerializer, description="工会及其数字"),
            304: NOT_MODIFIED,
            404: not_found("没有这个工会"),
        },
    )
)
class UnionDetailView(RetrieveAPIView):
    serializer_class = UnionDetailSerializer

    def get_object(self):
        pk = path_key(self.kwargs["pk"], Union._meta.pk, NO_UNION)
        union = Union.objects.filter(pk=pk).first()
        if union is None:
            raise NotFound(NO_UNION)
        union.reported_figures = union_figures(union)
        return union


@extend_schema_view(
    get=extend_schema(
        operation_id="topic_list",
        tags=["专题"],
        summary="专题",
        description="读者可以打开的专题（不分页），带上级专题的编号。",
        parameters=[IF_NONE_MATCH],
        responses={
            200: OpenApiResponse(TopicSerializer(many=True), description="专题"),
            304: NOT_MODIFIED,
        },
    )
)
class TopicListView(ListAPIView):
    serializer_class = TopicSerializer
    pagination_class = None

    def get_queryset(self):
        return Topic.objects.public().order_by("order", "name")


# --- The e-paper -----------------------------------------------------------------------


@dataclass
class Edition:
    date: datetime.date
    pages: list[PrintPage]


@dataclass
class PageWithStories:
    page: PrintPage
    stories: list[Article]


@extend_schema_view(
    get=extend_schema(
        operation_id="epaper_list",
        tags=["数字报"],
        summary="数字报各期",
        description="已出版的各期数字报，从新到旧，每期列出各版；用游标翻页。",
        parameters=[CURSOR, page_size(EditionCursorPagination), IF_NONE_MATCH],
        responses={
            200: OpenApiResponse(EditionSerializer, description="一页数字报"),
            304: NOT_MODIFIED,
            400: BAD_REQUEST,
        },
    )
)
class EditionListView(ListAPIView):
    serializer_class = EditionSerializer
    pagination_class = EditionCursorPagination

    def get_queryset(self):
        # One row per edition day (the cursor orders them); a page is public once a
        # story on it is, so tomorrow's edition stays out until its first story is.
        return PrintPage.objects.public().values("edition_date").distinct()

    def list(self, request, *args, **kwargs):
        days = [row["edition_date"] for row in self.paginate_queryset(self.get_queryset())]
        pages = defaultdict(list)
        for page in PrintPage.objects.public().filter(edition_date__in=days).order_by("number"):
            pages[page.edition_date].append(page)
        editions = [Edition(day, pages[day]) for day in days]
        return self.get_paginated_response(self.get_serializer(editions, many=True).data)


@extend_schema_view(
    get=extend_schema(
        operation_id="epaper_edition",
        tags=["数字报"],
        summary="一期数字报",
        description="一期数字报的各版：版名、版面图片的各尺寸和 PDF。",
        parameters=[path_date("date", "出版日期"), IF_NONE_MATCH],
        responses={
            200: OpenApiResponse(EditionDetailSerializer, description="这一期的各版"),
            304: NOT_MODIFIED,
            404: not_found("这一天没有出版的数字报"),
        },
    )
)
class EditionDetailView(RetrieveAPIView):
    serializer_class = EditionDetailSerializer

    def get_object(self):
        day = path_day(self.kwargs["date"], NO_EDITION)
        pages = list(
            PrintPage.objects.public()
            .filter(edition_date=day)
            .select_related("file")
            .order_by("number")
        )
        if not pages:
            raise NotFound(NO_EDITION)
        return Edition(day, pages)


@extend_schema_view(
    get=extend_schema(
        operation_id="epaper_page",
        tags=["数字报"],
        summary="数字报的一版",
        description=(
            "一版：版面图片和 PDF，以及这一版上已发布的稿件，按见报顺序，各带它在版面图片上的"
            "位置（zones；没有版面图片时为空）。"
        ),
        parameters=[
            path_date("date", "出版日期"),
            OpenApiParameter("number", OpenApiTypes.INT, OpenApiParameter.PATH, description="版次"),
            fields_param(StoryOnPageSerializer.Meta.fields),
            IF_NONE_MATCH,
        ],
        responses={
            200: OpenApiResponse(EpaperPageDetailSerializer, description="这一版及其上的稿件"),
            304: NOT_MODIFIED,
            400: BAD_REQUEST,
            404: not_found("没有这一版"),
        },
    )
)
class EpaperPageView(StoryFieldsMixin, RetrieveAPIView):
    serializer_class = EpaperPageDetailSerializer
    story_serializer = StoryOnPageSerializer

    def get_object(self):
        day = path_day(self.kwargs["date"], NO_PAGE)
        number = path_number(self.kwargs["number"], maximum=LAST_PAGE_NUMBER, message=NO_PAGE)
        page = (
            PrintPage.objects.public()
            .filter(edition_date=day, number=number)
            .select_related("file")
            .first()
        )
        if page is None:
            raise NotFound(NO_PAGE)
        stories = published_stories(self.printed_fields).filter(print_page=page).in_print_order()
        if "zones" in self.printed_fields:
            # The zones of the listed stories on this page, drawn over the page image: as
            # the e-paper page, none when the page has no image.
            page_file = page_file_of(page)
            has_image = page_file is not None and bool(page_file.renditions)
            zones = PageZone.objects.filter(print_page=page).order_by("order", "pk")
            if not has_image:
                zones = zones.none()
            stories = stories.prefetch_related(Prefetch("zones", zones, to_attr="page_zones"))
        return PageWithStories(page, list(stories))


# --- Search ----------------------------------------------------------------------------


@dataclass
class SearchPage:
    query: str
    count: int
    count_capped: bool
    page: int
    next: str | None
    previous: str | None
    results: list[Article]


@extend_schema_view(
    get=extend_schema(
        operation_id="search",
        tags=["搜索"],
        summary="站内搜索",
        description=(
            "网站的搜索：参数与 /search/ 页面相同，同样的查询得到同样的稿件、同样的顺序，每页 "
            "20 条，结果数至多数到 200。页面忽略的无效参数在这里回答 400。搜索结果不缓存。"
        ),
        parameters=[
            query("q", OpenApiTypes.STR, "搜索词", required=True),
            query("topic", OpenApiTypes.STR, "专题的 slug"),
            query("union", OpenApiTypes.STR, "工会的 slug：这个工会及其下级工会的稿件"),
            KIND,
            query("start", OpenApiTypes.DATE, "起始日期（含这一天），格式 YYYY-MM-DD"),
            query("end", OpenApiTypes.DATE, "截止日期（含这一天），格式 YYYY-MM-DD"),
            query(
                "sort",
                OpenApiTypes.STR,
                "排序：date 按发布时间从新到旧；省略则按相关度",
                enum=[SORT_DATE],
            ),
            whole_number("page", "页码", site_search.MAX_PAGE),
            fields_param(StorySerializer.Meta.fields),
        ],
        responses={
            200: OpenApiResponse(SearchPageSerializer, description="一页搜索结果"),
            400: BAD_REQUEST,
        },
    )
)
class SearchView(StoryFieldsMixin, GenericAPIView):
    """The site's search: its form reads the parameters (q, topic, union, kind, start,
    end, sort) and its functions find and order the stories, 20 a page as on `/search/`.
    A parameter the form refuses is a 400 here, where the page ignores it."""

    serializer_class = SearchPageSerializer

    def get(self, request, *args, **kwargs):
        form = SearchForm(request.query_params)
        if not form.is_valid():
            name, errors = next(iter(form.errors.items()))
            raise BadParameter(f"参数 {name} 无效：{''.join(errors)}")
        query = form.cleaned_data["q"]
        if not query:
            raise BadParameter("请用参数 q 给出搜索词。")
        number = number_param(request.query_params, "page", maximum=site_search.MAX_PAGE) or 1
        stories = with_parts(site_search.SearchView.filtered(form), self.printed_fields)
        terms = parse_query(query)
        found = None
        if terms:
            found = ranked_page(
                stories,
                terms,
                number=number,
                per_page=site_search.RESULTS_PER_PAGE,
                by_date=form.cleaned_data["sort"] == SORT_DATE,
            )
        here = request.build_absolute_uri()
        has_next = found is not None and found.has_next
        page = SearchPage(
            query=query,
            count=found.shown_count if found else 0,
            count_capped=found.count_capped if found else False,
            page=number,
            next=replace_query_param(here, "page", number + 1) if has_next else None,
            previous=replace_query_param(here, "page", number - 1) if number > 1 else None,
            results=found.stories if found else [],
        )
        return Response(self.get_serializer(page).data)


class UnknownEndpointView(APIView):
    """Any other address under /api/v1/: a JSON 404, not the site's HTML page."""

    schema = None  # not an endpoint: left out of the API's schema

    def get(self, request, *args, **kwargs):
        raise NotFound("没有这个接口。")
