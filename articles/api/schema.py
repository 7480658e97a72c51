"""The API's OpenAPI 3 schema, generated from the code by drf-spectacular, and its docs.

- `/api/v1/schema/`: the schema as JSON (the API reads no `?format=`; the checked-in copy
  `docs/api/openapi.yaml` is the same schema as YAML, for readable diffs);
- `/api/v1/docs/`: Swagger UI on it, its files served from here (drf-spectacular-sidecar)
  and its start script a file of its own (the split view), so it works offline and under
  the site's CSP (`script-src 'self'`, no inline script).

The parameters and responses the views' `@extend_schema` share are here; so is the
schema of a story printed with `?fields=`, whose every property is optional.
"""

from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.renderers import OpenApiJsonRenderer2
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from articles.api.params import EARLIEST_DAY, LATEST_DAY
from articles.api.queries import LAST_PAGE_NUMBER
from articles.api.serializers import ErrorSerializer, SparseFieldsMixin
from articles.models import ArticleKind

DAYS = f"格式 YYYY-MM-DD，{EARLIEST_DAY.year}—{LATEST_DAY.year} 年间"
KINDS = "、".join(f"{value}（{label}）" for value, label in ArticleKind.choices)


def query(name: str, kind, description: str, **options) -> OpenApiParameter:
    return OpenApiParameter(name, kind, OpenApiParameter.QUERY, description=description, **options)


def whole_number(name: str, description: str, maximum: int) -> OpenApiParameter:
    """A whole number from 1 to `maximum` in the query (`params.number_param`)."""
    return query(name, {"type": "integer", "minimum": 1, "maximum": maximum}, description)


def path_id(name: str, description: str) -> OpenApiParameter:
    """An id in the path: the route takes any segment (one that is no id is a JSON 404)."""
    return OpenApiParameter(name, OpenApiTypes.INT, OpenApiParameter.PATH, description=description)


def path_date(name: str, description: str) -> OpenApiParameter:
    return OpenApiParameter(
        name, OpenApiTypes.DATE, OpenApiParameter.PATH, description=f"{description}，{DAYS}"
    )


def fields_param(available) -> OpenApiParameter:
    """`?fields=id,title,photos`: the story fields to print, comma separated."""
    return query(
        "fields",
        OpenApiTypes.STR,
        "只返回这些字段，用英文逗号分隔，如 id,title,photos；省略则返回全部字段。"
        "没有的字段名回答 400 并列出可用的字段。",
        many=True,
        enum=list(available),
        style="form",
        explode=False,
    )


CURSOR = query("cursor", OpenApiTypes.STR, "翻页位置：请使用上一页返回的 next 或 previous 链接")


def page_size(pagination) -> OpenApiParameter:
    """`?page_size=` of a cursor pagination (`pagination.py`)."""
    return whole_number(
        "page_size", f"每页条数，默认 {pagination.page_size}", pagination.max_page_size
    )


KIND = query("kind", OpenApiTypes.STR, f"体裁：{KINDS}", enum=ArticleKind.values)

STORY_FILTERS = [
    query("topic", OpenApiTypes.STR, "专题的 slug：这一专题及其下级专题的稿件"),
    query("column", OpenApiTypes.INT, "栏目（栏题）编号"),
    query("union", OpenApiTypes.INT, "工会编号：这个工会及其下级工会的稿件"),
    query("tag", OpenApiTypes.STR, "标签的 slug"),
    KIND,
    query("published_after", OpenApiTypes.DATE, f"这一天（北京时间）及以后发布的稿件，{DAYS}"),
    query("published_before", OpenApiTypes.DATE, f"这一天（北京时间）及以前发布的稿件，{DAYS}"),
    query("edition", OpenApiTypes.DATE, f"见报日期（数字报的期），{DAYS}"),
    whole_number("page", "版次，须与 edition 一起使用", LAST_PAGE_NUMBER),
]

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="上次回答的 ETag：内容没有变化时回答 304，不带正文",
)

BAD_REQUEST = OpenApiResponse(
    ErrorSerializer, description="参数有误：detail 说明哪个参数有误、应为什么"
)
NOT_MODIFIED = OpenApiResponse(description="内容没有变化（If-None-Match 与 ETag 相同），不带正文")


def not_found(what: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=what)


class SparseFieldsExtension(OpenApiSerializerExtension):
    """A story serializer (`SparseFieldsMixin`): with `?fields=` it prints only the fields
    asked for, so no property is required; without it, every property is there (the
    contract tests check both)."""

    target_class = SparseFieldsMixin
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        schema = auto_schema._map_serializer(self.target, direction, bypass_extensions=True)
        schema.pop("required", None)
        return schema


SPARSE = "用 fields 参数选取字段时只含所选的字段，否则含全部字段。"

# What each component is, for the people reading the docs (the serializers' docstrings
# are written for the code's readers, in English).
COMPONENTS = {
    "Block": "正文的一段：段落（paragraph）或小标题（crosshead）",
    "ColumnRef": "栏目（栏题）",
    "Correction": "这篇稿件已发布的一则更正",
    "Edition": "一期数字报及其各版",
    "EditionDetail": "一期数字报及其各版的图片和 PDF",
    "EpaperPage": "数字报的一版：版面图片的各尺寸和 PDF（没有时为 null）",
    "EpaperPageDetail": "数字报的一版及其上的稿件",
    "Error": "错误：detail 为中文说明",
    "Figures": "已发布稿件报道的活动合计，与工会页印出的相同；没有报道给出的数字为 null，不是 0",
    "FocalPoint": "图片的焦点，裁切时保留：图片宽、高的百分比，原点在左上角",
    "Gift": "一项慰问品及其数量",
    "KindCount": "一类活动的次数",
    "PageImage": "版面图片：原图大小和各尺寸",
    "PageRef": "数字报的一版（版次、版名和网址）",
    "PaginatedEditionList": "一页数字报：next、previous 为翻页链接，没有时为 null",
    "PaginatedStoryList": "一页稿件：next、previous 为翻页链接，没有时为 null",
    "Photo": "一张图片：图说、作者、替代文字、大小、焦点和各尺寸",
    "PrintPageRef": "稿件见报的版面：日期、版次、版名",
    "Rendition": "图片的一个尺寸",
    "RenditionSet": "图片的各尺寸，按格式（AVIF、WebP、JPEG）从窄到宽；尚未生成时为空列表",
    "SearchPage": "一页搜索结果，顺序与网站搜索页相同",
    "Story": f"列表中的稿件：读者打开之前看到的内容。{SPARSE}",
    "StoryDetail": f"一篇稿件，与网站上的稿件页相同。{SPARSE}",
    "StoryOnPage": f"数字报一版上的稿件，带见报顺序和在版面图片上的位置。{SPARSE}",
    "StoryRef": "这篇更正所更正的稿件",
    "Tag": "标签",
    "Topic": "专题",
    "TopicRef": "专题",
    "Union": "组织树中的一个工会",
    "UnionDetail": "一个工会及其数字（含全部下级工会）",
    "UnionRef": "工会",
    "Withdrawn": "已撤回的稿件：与网站上的稿件页相同，只有标题和撤回时间",
    "Zone": "稿件在版面图片上的位置：图片宽、高的比例（0 到 1），原点在左上角",
}


PAGE_LINKS = {
    "next": "下一页的链接，没有下一页时为 null",
    "previous": "上一页的链接，没有上一页时为 null",
}


def describe_components(result, generator, request, public):
    """A postprocessing hook: each component described in Chinese, from `COMPONENTS`
    (the enums keep the list of their values drf-spectacular writes); the cursor pages'
    links, which DRF describes for OpenAPI 3.0 (`nullable`, an example on another
    site), written as 3.1 says null."""
    for name, component in result["components"]["schemas"].items():
        if "enum" in component:
            continue
        component["description"] = COMPONENTS[name]
        if name.startswith("Paginated"):
            for link, description in PAGE_LINKS.items():
                component["properties"][link] = {
                    "type": ["string", "null"],
                    "format": "uri",
                    "description": description,
                }
    return result


class SchemaView(SpectacularAPIView):
    """The schema as JSON, whatever the Accept header (the API's negotiation takes the
    first renderer)."""

    renderer_classes = [OpenApiJsonRenderer2]


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI on the schema: the page, its files and its start script (`?script`) all
    from this site."""

    url_name = "api:schema"
    title = "工会报内容接口文档"
