"""The contribution desk's writes: making correspondents (by an editor, or through an
invitation), filing a piece, and what a correspondent may do with it afterwards.

A filed piece is a story like any other: created by the correspondent, credited to their
`Contributor` as 通讯员, its 来稿单位 the union they filed for, its first revision kept,
then sent to the editors' 待审 queue through the workflow's `submit`. Calling it back,
sending it again and deleting a called-back draft go through the workflow's rules too.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles.contribute.models import Correspondent, Invitation
from articles.models import Article, ArticleStatus, Contributor, Credit, CreditRole, Photo, Topic
from articles.pageimport.parser import ParsedArticle
from articles.pageimport.services import body_of, title_for_untitled
from articles.photos import renditions
from articles.photos.pipeline import CleanPhoto
from articles.photos.services import store as store_photo
from articles.workflow import services as workflow
from articles.workflow.models import TransitionAction
from articles.workflow.roles import CORRESPONDENT
from unions.models import Union
from unions.vocabulary import stored_label

# --- Who is a correspondent -------------------------------------------------------------------


def correspondent_of(user) -> Correspondent | None:
    """The user's active correspondent record, if they are one (in the 通讯员 group too)."""
    if not user.is_authenticated or not user.is_active:
        return None
    found = (
        Correspondent.objects.filter(user=user, active=True).select_related("contributor").first()
    )
    if found is None or not user.groups.filter(name=CORRESPONDENT).exists():
        return None
    return found


@transaction.atomic
def create_correspondent(
    *,
    username: str,
    password: str | None,
    name: str,
    unions: list[Union],
    phone: str = "",
    email: str = "",
    note: str = "",
) -> Correspondent:
    """A login in the 通讯员 group (never staff), the `Contributor` their pieces are
    credited to (in their first union) and the correspondent record. `password` None:
    an unusable one (the editor lets them set it, or sends an invitation instead)."""
    if not unions:
        raise ValidationError({"unions": "请至少选择一个工会。"})
    users = get_user_model().objects
    if users.filter(username=username).exists():
        raise ValidationError({"username": "这个用户名已被使用，请换一个。"})
    user = users.create_user(username=username, password=password, email=email or "")
    # person_name() reads family + given for a Chinese name: the whole name as given.
    user.first_name = name
    user.is_staff = False
    user.save(update_fields=["first_name", "is_staff"])
    user.groups.add(Group.objects.get(name=CORRESPONDENT))
    contributor = Contributor.objects.create(name=name, union=unions[0], note="通讯员")
    correspondent = Correspondent.objects.create(
        user=user, contributor=contributor, phone=phone, note=note
    )
    correspondent.unions.set(unions)
    return correspondent


@transaction.atomic
def accept_invitation(
    invitation: Invitation,
    *,
    username: str,
    password: str,
    name: str,
    phone: str = "",
    email: str = "",
) -> Correspondent:
    """Sign up through an invitation, once: the row is locked, so two posts of the same
    link make one correspondent and the second is refused."""
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_usable:
        raise ValidationError("这个邀请链接已失效（已使用或已过期），请向编辑部索取新的链接。")
    correspondent = create_correspondent(
        username=username,
        password=password,
        name=name,
        unions=list(locked.unions.order_by("pk")),
        phone=phone,
        email=email,
        note=f"通过邀请注册（{locked}）",
    )
    locked.used_by = correspondent
    locked.used_at = timezone.now()
    locked.save(update_fields=["used_by", "used_at"])
    return correspondent


# --- Filing a piece ---------------------------------------------------------------------------


@dataclass
class Piece:
    """What a correspondent sends: the story as the Word reader or the text parser read
    it (the parser's result shape), and the photos already through the photo pipeline."""

    article: ParsedArticle
    photos: list[CleanPhoto] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)


def may_file_for(correspondent: Correspondent, union: Union | None) -> bool:
    return union is not None and correspondent.unions.filter(pk=union.pk).exists()


def file_piece(
    *,
    correspondent: Correspondent,
    union: Union,
    topic: Topic | None,
    piece: Piece,
) -> Article:
    """Create the piece as the correspondent's story and send it to 待审. All or nothing:
    on any failure no row stays and the photo files written are deleted again."""
    written: list[str] = []
    try:
        return _file_piece(correspondent, union, topic, piece, written)
    except BaseException:
        renditions.delete(written)
        raise


@transaction.atomic
def _file_piece(correspondent, union, topic, piece: Piece, written: list[str]) -> Article:
    user = correspondent.user
    if not correspondent.active:
        raise PermissionDenied("您的通讯员账号已停用，不能投稿。")
    if not may_file_for(correspondent, union):
        raise ValidationError({"union": "您只能代表自己所在的工会投稿。"})
    item = piece.article
    article = Article(
        kicker=item.kicker,
        title=item.title or title_for_untitled(item),
        subtitle=item.subtitle,
        kind=item.kind,
        dateline=item.dateline,
        body=body_of(item),
        status=ArticleStatus.DRAFT,
        source_union=union,
        created_by=user,
    )
    article.full_clean()
    article.save()
    _credit(article, correspondent, item)
    known = Union.objects.filter(name__in=item.unions).exclude(pk=union.pk)
    article.unions.set([union, *known])
    if topic is not None:
        article.topics.set([topic])
    for order, clean in enumerate(piece.photos):
        caption = piece.captions[order] if order < len(piece.captions) else ""
        photo = store_photo(Photo(article=article, order=order, caption=caption), clean)
        written += [photo.image.name, *renditions.all_names(photo.renditions)]
    workflow.record_revision(article, user=user, note="通讯员投稿")
    workflow.submit(article, user=user)
    return article


def _credit(article: Article, correspondent: Correspondent, item: ParsedArticle) -> None:
    """The credits the copy names, with the correspondent as 通讯员 among them: their
    own name in the copy is their contributor; added at the end if the copy left it out."""
    own = correspondent.contributor
    credited_self = False
    for order, credit in enumerate(item.credits):
        if credit.name == own.name:
            contributor, credited_self = own, True
        else:
            contributor = Contributor.objects.filter(name=credit.name).order_by("pk").first()
            if contributor is None:
                contributor = Contributor.objects.create(name=credit.name)
        Credit.objects.get_or_create(
            article=article,
            contributor=contributor,
            role=credit.role,
            defaults={"label": stored_label(credit.label), "order": order},
        )
    if not credited_self:
        Credit.objects.create(
            article=article,
            contributor=own,
            role=CreditRole.CORRESPONDENT,
            order=len(item.credits),
        )


# --- After sending ----------------------------------------------------------------------------

RECALL_REFUSED = "编辑已经开始处理这篇稿件，不能再撤回。如需修改，请直接联系编辑部。"


def recall_piece(article: Article, *, user) -> None:
    """撤回: the workflow's 收回, while nobody at the paper has taken the piece up."""
    if TransitionAction.RECALL not in workflow.allowed_actions(article, user):
        raise ValidationError(RECALL_REFUSED)
    workflow.recall(article, user=user, comment="通讯员撤回")


def resend_piece(article: Article, *, user) -> None:
    """Send a called-back piece again (the workflow's 提交待审)."""
    if TransitionAction.SUBMIT not in workflow.allowed_actions(article, user):
        raise ValidationError("这篇稿件现在不能重新投送。")
    workflow.submit(article, user=user, comment="通讯员重新投送")


def delete_piece(article: Article, *, user) -> None:
    """Delete a called-back draft (the workflow's `can_delete`: their own draft only)."""
    if article.status != ArticleStatus.DRAFT or not workflow.can_delete(user, article):
        raise ValidationError("只有已撤回的稿件可以删除。")
    article.delete()
