"""Every body the API answers with, errors included, so that the schema describes each.

URLs are absolute (the host the request came to, as the site's share links are), times
are Beijing time in ISO 8601 to the second (2024-01-23T06:00:00+08:00, as the site's
`<time>` elements print them), texts are as readers see them on the site.

Nothing here reads the database: the views load what is printed (`queries.py`).
"""

from rest_framework import serializers
from taggit.models import Tag

from articles.models import (
    CROSSHEAD,
    PARAGRAPH,
    Article,
    Column,
    PageFile,
    PageZone,
    Photo,
    PrintPage,
    Topic,
)
from articles.photos import renditions
from unions.models import Union

# --- Fields ----------------------------------------------------------------------------


def absolute(request, url: str) -> str:
    """A path on this site (or a media URL, absolute already on an object store) as an
    absolute URL."""
    return request.build_absolute_uri(url)


class AbsoluteURLField(serializers.URLField):
    """A path on this site as an absolute URL."""

    def to_representation(self, value):
        return absolute(self.context["request"], value)


class LocalTimeField(serializers.DateTimeField):
    """Beijing time to the second: 2024-01-23T06:00:00+08:00."""

    def to_representation(self, value):
        return super().to_representation(value.replace(microsecond=0) if value else value)


# --- Photos and page images --------------------------------------------------------------


class RenditionSerializer(serializers.Serializer):
    width = serializers.IntegerField(help_text="像素宽度")
    height = serializers.IntegerField(help_text="像素高度")
    url = serializers.URLField()


class RenditionSetSerializer(serializers.Serializer):
    """A picture's renditions by format, narrowest first, read from its manifest
    (`Photo.renditions`, `PageFile.renditions`: articles/photos/renditions.py). No
    renditions made yet: empty lists."""

    avif = RenditionSerializer(many=True)
    webp = RenditionSerializer(many=True)
    jpg = RenditionSerializer(many=True)

    def to_representation(self, manifest):
        request = self.context["request"]
        widths = manifest.get("widths", []) if manifest else []
        return {
            ext: [
                {
                    "width": width,
                    "height": height,
                    "url": absolute(
                        request, renditions.url(renditions.width_name(manifest, width, ext))
                    ),
                }
                for width, height in widths
            ]
            for ext in renditions.FORMATS
        }


class PhotoAltField(serializers.CharField):
    """The alt text a page gives the photo: its own, else its caption."""

    def to_representation(self, photo):
        return photo.alt_text or photo.caption


class PhotoSrcField(serializers.URLField):
    """The JPEG a page's `<img src>` carries: the widest up to 640 px; the stored photo
    itself when no renditions were made (restored from an old revision)."""

    WIDTH = 640

    def to_representation(self, photo):
        request = self.context["request"]
        manifest = photo.renditions
        if not manifest:
            return absolute(request, photo.image.url) if photo.image else None
        width = [w for w, _ in manifest["widths"] if w <= self.WIDTH][-1]
        return absolute(request, renditions.url(renditions.width_name(manifest, width, "jpg")))


class OgImageField(serializers.URLField):
    """The 1200×630 share picture cropped around the focal point (WeChat's cards)."""

    def to_representation(self, manifest):
        if not manifest or "og" not in manifest:
            return None
        return absolute(self.context["request"], renditions.url(renditions.og_name(manifest)))


class FocalPointSerializer(serializers.Serializer):
    x = serializers.IntegerField(source="focal_x", help_text="横向位置，图片宽度的百分比")
    y = serializers.IntegerField(source="focal_y", help_text="纵向位置，图片高度的百分比")


class PhotoSerializer(serializers.ModelSerializer):
    alt_text = PhotoAltField(source="*")
    focal_point = FocalPointSerializer(source="*")
    src = PhotoSrcField(source="*", allow_null=True)
    og_image = OgImageField(source="renditions", allow_null=True)
    renditions = RenditionSetSerializer()

    class Meta:
        model = Photo
        fields = (
            "caption",
            "credit",
            "alt_text",
            "width",
            "height",
            "focal_point",
            "src",
            "og_image",
            "renditions",
        )
        read_only_fields = fields


def page_file_of(page: PrintPage) -> PageFile | None:
    """The page's PDF and image, joined to the page (`select_related("file")`)."""
    try:
        return page.file
    except PageFile.DoesNotExist:
        return None


class PageImageSerializer(serializers.Serializer):
    """The printed page's image, rendered from its PDF by the page import."""

    width = serializers.IntegerField(help_text="原图像素宽度")
    height = serializers.IntegerField(help_text="原图像素高度")
    renditions = RenditionSetSerializer()

    def get_attribute(self, page):
        page_file = page_file_of(page)
        return page_file.renditions if page_file is not None and page_file.renditions else None

    def to_representation(self, manifest):
        width, height = manifest["size"]
        rendered = RenditionSetSerializer(context=self.context).to_representation(manifest)
        return {"width": width, "height": height, "renditions": rendered}


class PagePdfField(serializers.URLField):
    """The printed page's PDF, when the page was imported from one."""

    def get_attribute(self, page):
        page_file = page_file_of(page)
        return page_file.pdf.url if page_file is not None and page_file.pdf else None

    def to_representation(self, url):
        return absolute(self.context["request"], url)


# --- What a story names ----------------------------------------------------------------


class ColumnRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Column
        fields = ("id", "name")
        read_only_fields = fields


class UnionRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Union
        fields = ("id", "name")
        read_only_fields = fields


class TopicRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ("id", "slug", "name")
        read_only_fields = fields


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ("slug", "name")
        read_only_fields = fields


class PrintPageRefSerializer(serializers.ModelSerializer):
    """The page a story was printed on: 2024年1月23日 第3版 工会新闻."""

    url = AbsoluteURLField(source="get_absolute_url", help_text="数字报上这一版的网址")

    class Meta:
        model = PrintPage
        fields = ("edition_date", "number", "name", "url")
        read_only_fields = fields


# --- Stories ---------------------------------------------------------------------------

# Where the request's `?fields=` reach the story serializers (and no other).
STORY_FIELDS = "story_fields"


class SparseFieldsMixin:
    """Prints only the fields the request asked for (`context[STORY_FIELDS]`, checked
    against `Meta.fields` by the view), or all of them."""

    def get_fields(self):
        fields = super().get_fields()
        wanted = self.context.get(STORY_FIELDS)
        if wanted is None:
            return fields
        return {name: field for name, field in fields.items() if name in wanted}


BLOCK_TYPES = {PARAGRAPH: "paragraph", CROSSHEAD: "crosshead"}


class BlockSerializer(serializers.Serializer):
    """One block of the body (`Article.blocks`): a paragraph or a crosshead (小标题)."""

    type = serializers.ChoiceField(choices=list(BLOCK_TYPES.values()))
    text = serializers.CharField()

    def to_representation(self, block):
        kind, text = block
        return {"type": BLOCK_TYPES[kind], "text": text}


class StoryRefSerializer(serializers.ModelSerializer):
    """A story named by another: the story a correction corrects."""

    url = AbsoluteURLField(source="get_absolute_url")
    published_at = LocalTimeField()

    class Meta:
        model = Article
        fields = ("id", "url", "title", "published_at")
        read_only_fields = fields


class CorrectionSerializer(serializers.ModelSerializer):
    """A published correction of the story, as its notice on the story page."""

    url = AbsoluteURLField(source="get_absolute_url")
    kind_name = serializers.CharField(source="get_kind_display")
    summary = serializers.CharField()
    published_at = LocalTimeField()

    class Meta:
        model = Article
        fields = ("id", "url", "kind", "kind_name", "title", "summary", "published_at")
        read_only_fields = fields


class StorySerializer(SparseFieldsMixin, serializers.ModelSerializer):
    """A story in a list: what a reader sees of it before opening it."""

    url = AbsoluteURLField(source="get_absolute_url", help_text="网站上的稿件网址")
    kind_name = serializers.CharField(source="get_kind_display")
    column = ColumnRefSerializer(allow_null=True)
    byline = serializers.CharField(help_text="见报署名，如 本报讯（记者 边磊 通讯员 蔡洪玉）")
    summary = serializers.CharField(help_text="摘要；没有摘要时取正文开头")
    published_at = LocalTimeField()
    print_page = PrintPageRefSerializer(allow_null=True)
    photos = PhotoSerializer(many=True)
    unions = UnionRefSerializer(many=True)
    topics = TopicRefSerializer(many=True)
    tags = TagSerializer(many=True)

    class Meta:
        model = Article
        fields = (
            "id",
            "url",
            "kicker",
            "title",
            "subtitle",
            "kind",
            "kind_name",
            "column",
            "byline",
            "summary",
            "published_at",
            "print_page",
            "photos",
            "unions",
            "topics",
            "tags",
        )
        read_only_fields = fields


class StoryDetailSerializer(StorySerializer):
    """A story as its page shows it."""

    paragraphs = BlockSerializer(many=True, source="blocks", help_text="正文：段落与小标题")
    corrections = CorrectionSerializer(
        many=True, source="published_corrections", help_text="这篇稿件已发布的更正"
    )
    corrects = StoryRefSerializer(allow_null=True, help_text="这篇更正所更正的稿件")

    class Meta(StorySerializer.Meta):
        fields = (
            *StorySerializer.Meta.fields,
            "dateline",
            "lead",
            "paragraphs",
            "corrections",
            "corrects",
        )
        read_only_fields = fields


class ZoneSerializer(serializers.ModelSerializer):
    """Where a story stands on the page image: fractions of its width and height, origin
    top left."""

    class Meta:
        model = PageZone
        fields = ("x0", "y0", "x1", "y1")
        read_only_fields = fields


class StoryOnPageSerializer(StorySerializer):
    """A story on its printed page, with its place in print order and on the image."""

    zones = ZoneSerializer(many=True, source="page_zones")

    class Meta(StorySerializer.Meta):
        fields = (*StorySerializer.Meta.fields, "print_order", "zones")
        read_only_fields = fields


class WithdrawnSerializer(serializers.Serializer):
    """The 410 of a withdrawn story: what its page says, not the newsroom's reason."""

    detail = serializers.CharField()
    title = serializers.CharField()
    withdrawn_at = LocalTimeField()


class ErrorSerializer(serializers.Serializer):
    """Every error's body (400, 404, 405, …): a message in Chinese."""

    detail = serializers.CharField()


# --- Search ----------------------------------------------------------------------------


class SearchPageSerializer(serializers.Serializer):
    """A page of the site's search results, in the order `/search/` shows them."""

    query = serializers.CharField()
    count = serializers.IntegerField(help_text="结果数，至多数到 200")
    count_capped = serializers.BooleanField(help_text="结果多于 200 条")
    page = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = StorySerializer(many=True)


# --- Unions and topics -------------------------------------------------------------------


class UnionSerializer(serializers.ModelSerializer):
    level_name = serializers.CharField(source="get_level_display")
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    depth = serializers.IntegerField(help_text="在组织树中的层数，市总工会为 1")
    url = AbsoluteURLField(source="get_absolute_url")

    class Meta:
        model = Union
        fields = (
            "id",
            "name",
            "short_name",
            "slug",
            "level",
            "level_name",
            "parent",
            "depth",
            "url",
        )
        read_only_fields = fields


class KindCountSerializer(serializers.Serializer):
    kind = serializers.CharField()
    name = serializers.CharField()
    activities = serializers.IntegerField()


class GiftSerializer(serializers.Serializer):
    item = serializers.CharField()
    unit = serializers.CharField()
    quantity = serializers.IntegerField(allow_null=True, help_text="未见报时为空")
    approximate = serializers.BooleanField(help_text="含“余”：数量是下限")
    printed = serializers.CharField(help_text="见报写法，如 1030份、70余册")


class FiguresSerializer(serializers.Serializer):
    """What reported activities add up to, as the union's page prints them: a figure no
    report gave is null, never 0."""

    activities = serializers.IntegerField()
    beneficiaries = serializers.IntegerField(allow_null=True)
    relief_money = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    unions_reached = serializers.IntegerField(allow_null=True)
    by_kind = KindCountSerializer(many=True)
    gifts = GiftSerializer(many=True)


class UnionDetailSerializer(UnionSerializer):
    figures = FiguresSerializer(source="reported_figures")

    class Meta(UnionSerializer.Meta):
        fields = (*UnionSerializer.Meta.fields, "description", "figures")
        read_only_fields = fields


class TopicSerializer(serializers.ModelSerializer):
    parent = serializers.IntegerField(source="parent_id", allow_null=True)
    description = serializers.CharField(source="intro")
    featured = serializers.BooleanField(source="is_featured", help_text="首页专栏")
    url = AbsoluteURLField(source="get_absolute_url")

    class Meta:
        model = Topic
        fields = ("id", "slug", "name", "parent", "description", "featured", "url")
        read_only_fields = fields


# --- The e-paper -----------------------------------------------------------------------


class PageRefSerializer(serializers.ModelSerializer):
    url = AbsoluteURLField(source="get_absolute_url")

    class Meta:
        model = PrintPage
        fields = ("number", "name", "url")
        read_only_fields = fields


class EditionSerializer(serializers.Serializer):
    date = serializers.DateField()
    pages = PageRefSerializer(many=True)


class EpaperPageSerializer(serializers.ModelSerializer):
    url = AbsoluteURLField(source="get_absolute_url")
    image = PageImageSerializer(source="*", allow_null=True)
    pdf = PagePdfField(source="*", allow_null=True)

    class Meta:
        model = PrintPage
        fields = ("edition_date", "number", "name", "banner", "url", "image", "pdf")
        read_only_fields = fields


class EditionDetailSerializer(serializers.Serializer):
    date = serializers.DateField()
    pages = EpaperPageSerializer(many=True)


class EpaperPageDetailSerializer(serializers.Serializer):
    page = EpaperPageSerializer()
    stories = StoryOnPageSerializer(many=True, help_text="按见报顺序")
