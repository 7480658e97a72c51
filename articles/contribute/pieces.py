"""A correspondent's pieces as they see them: the newsroom's states in their words.

| the paper's state | the correspondent reads |
|---|---|
| 待审, nobody at the paper saved a change since it was sent | 已收到 |
| 待审 taken up (`workflow.services.taken_up`), 待签发, 已退回, scheduled | 编辑中 |
| published and public | 已采用 (where it was printed, its link, its 考核 points) |
| 未采用 | 未采用, with the editor's reason (the latest 不采用's comment) |
| 草稿 (called back by them) | 已撤回: send again or delete |
| 已撤稿 (published once, taken down by the paper) | 已撤稿 |
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import TextChoices

from articles.models import Article, ArticleStatus
from articles.scoring.awards import points_for
from articles.workflow.models import TransitionAction
from articles.workflow.queries import latest_transition
from articles.workflow.services import taken_up


class PieceState(TextChoices):
    RECEIVED = "received", "已收到"
    EDITING = "editing", "编辑中"
    ADOPTED = "adopted", "已采用"
    DECLINED = "declined", "未采用"
    RECALLED = "recalled", "已撤回"
    WITHDRAWN = "withdrawn", "已撤稿"


# What each state tells the correspondent, under the state's name on the detail page.
EXPLANATIONS = {
    PieceState.RECEIVED: "编辑部已收到稿件，尚未开始处理。现在还可以撤回。",
    PieceState.EDITING: "编辑正在处理这篇稿件，采用后会在这里显示刊登情况。",
    PieceState.ADOPTED: "稿件已采用并发布。",
    PieceState.DECLINED: "这篇稿件未被采用。",
    PieceState.RECALLED: "您已撤回这篇稿件，可以重新投送或删除。",
    PieceState.WITHDRAWN: "这篇稿件发布后已被编辑部撤下。",
}


def state_of(article: Article) -> PieceState:
    """The piece's state in the correspondent's words (one query for a 待审 piece)."""
    status = article.status
    if status == ArticleStatus.REVIEW:
        return PieceState.EDITING if taken_up(article) else PieceState.RECEIVED
    if status == ArticleStatus.PUBLISHED:
        return PieceState.ADOPTED if article.is_public else PieceState.EDITING
    if status == ArticleStatus.DECLINED:
        return PieceState.DECLINED
    if status == ArticleStatus.DRAFT:
        return PieceState.RECALLED
    if status == ArticleStatus.WITHDRAWN:
        return PieceState.WITHDRAWN
    return PieceState.EDITING  # 待签发, 已退回


def pieces_of(user):
    """The correspondent's own pieces, newest first, with what their list prints."""
    return (
        Article.objects.filter(created_by=user)
        .select_related("print_page", "source_union")
        .annotate(**latest_transition("declined", TransitionAction.DECLINE, comment=True))
        .order_by("-created_at", "-pk")
    )


@dataclass
class PieceRow:
    article: Article
    state: PieceState
    points: Decimal | None = None

    @property
    def state_label(self) -> str:
        return self.state.label

    @property
    def reason(self) -> str:
        return getattr(self.article, "declined_comment", None) or ""

    @property
    def printed(self) -> str:
        """Where it was printed: 2024年1月23日 第3版, or ""."""
        page = self.article.print_page
        if page is None:
            return ""
        date = page.edition_date
        return f"{date.year}年{date.month}月{date.day}日 第{page.number}版"


def rows(articles, contributor_id: int | None = None) -> list[PieceRow]:
    """The pieces with their states and, for adopted ones, their 考核 points (the
    correspondent's share, `contributor_id`: their own credit's)."""
    result = [PieceRow(article, state_of(article)) for article in articles]
    adopted = [row.article.pk for row in result if row.state == PieceState.ADOPTED]
    if adopted:
        found = points_for(adopted, contributor_id=contributor_id)
        for row in result:
            row.points = found.get(row.article.pk)
    return result
