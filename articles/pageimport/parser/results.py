"""What the parser gives back: the page, its reports and their credits."""

from __future__ import annotations

from dataclasses import dataclass, field

# A report that receives more than one strap shows them joined by this.
COLUMN_SEPARATOR = " / "


class PageParseError(ValueError):
    """The text is not a page dump the parser can read (message in Chinese)."""


@dataclass
class ParsedCredit:
    role: str  # one of ROLES
    name: str  # padding removed: "王 伟" -> "王伟"
    label: str = ""  # the printed role word: "记者", "见习记者", "本报记者", ""


@dataclass
class ParsedArticle:
    kind: str = "news"
    column: str = ""
    kicker: str = ""
    title: str = ""
    subtitle: str = ""
    dateline: str = ""
    credits: list[ParsedCredit] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    unions: list[str] = field(default_factory=list)
    union_suggestions: list[str] = field(default_factory=list)  # the new unions' names
    new_unions: list = field(default_factory=list)  # NewUnion proposals for the tree
    union_mentions: list[str] = field(default_factory=list)  # known and new, as named
    topics: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Bookkeeping so nothing printed is lost: the credit fragments exactly as printed
    # ("（记者 边磊 通讯员 蔡洪玉）", "本报记者 周美玉 摄影报道") and the dash removed from
    # the subtitle.
    credit_text: list[str] = field(default_factory=list)
    subtitle_mark: str = ""
    # A brief in a row of briefs (简讯) shows the row's strap, printed once over the first.
    column_inherited: bool = False
    # From a page PDF: where the report stands, its blocks as fractions of the page's
    # width and height, origin top-left: [[x0, y0, x1, y1], ...].
    zones: list[list[float]] = field(default_factory=list)
    # From a page PDF: the indices of the paragraphs its layout set as crossheads (小标题:
    # one line, in type a little bigger than the body's, between paragraphs). A dump
    # has no type sizes: its crossheads stay paragraphs, for the editor to mark. The
    # import writes these with the body's crosshead mark (`services.body_of`).
    crossheads: list[int] = field(default_factory=list)


@dataclass
class ParsedPage:
    banner: str | None
    articles: list[ParsedArticle]
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # From a page PDF: its size in points, [width, height]; None for a dump.
    page_size_pt: list[float] | None = None

    def to_json_dict(self, *, with_new_unions: bool = False) -> dict:
        """The import JSON. `with_new_unions` adds each report's proposed new unions
        (`new_unions`: name, level, parent), as `import_page --json` prints it."""
        data = self._json_dict()
        if self.page_size_pt is not None:
            data["page_size_pt"] = list(self.page_size_pt)
            for item, article in zip(data["articles"], self.articles, strict=True):
                item["zones"] = [list(zone) for zone in article.zones]
                item["crossheads"] = list(article.crossheads)
        if with_new_unions:
            for item, article in zip(data["articles"], self.articles, strict=True):
                # Known unions by official name, new ones by the fullest name the copy gives.
                item["unions"] = list(article.union_mentions or article.unions)
                item["new_unions"] = [union.to_json_dict() for union in article.new_unions]
        return data

    def _json_dict(self) -> dict:
        article_warnings = [
            f"{a.title or '（无标题）'}：{w}" for a in self.articles for w in a.warnings
        ]
        return {
            "banner": self.banner,
            "articles": [
                {
                    "kind": a.kind,
                    "column": a.column,
                    "kicker": a.kicker,
                    "title": a.title,
                    "subtitle": a.subtitle,
                    "credits": [{"role": c.role, "name": c.name} for c in a.credits],
                    "paragraphs": list(a.paragraphs),
                    "unions": list(a.unions),
                    "topics": list(a.topics),
                }
                for a in self.articles
            ],
            "warnings": [*self.warnings, *article_warnings],
        }

    def consumed_text(self) -> list[str]:
        """Every input fragment in the form it was consumed (each strap once).

        The multiset of non-whitespace characters over these fragments equals that of the
        input text: the property tests check it.
        """
        fragments = [self.banner or ""]
        for a in self.articles:
            if a.column and not a.column_inherited:
                fragments += a.column.split(COLUMN_SEPARATOR)
            fragments += [a.kicker, a.title, a.subtitle_mark + a.subtitle, a.dateline]
            fragments += a.credit_text + a.paragraphs
        fragments += self.dropped
        return [f for f in fragments if f]
