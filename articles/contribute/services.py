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
from articles.pageimport.parser import ParsedArticle, ParsedCredit
from articles.pageimport.services import body_of, save_docx, title_for_untitled
from articles.pageimport.word import ParsedDocx
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
    # The paper may have credited them before they had an account: the same name in one
    # of their unions, not yet anyone's, is them.
    contributor = (
        Contributor.objects.filter(name=name, union__in=unions, correspondent__isnull=True)
        .order_by("pk")
        .first()
    ) or Contributor.objects.create(name=name, union=unions[0], note="通讯员")
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
    """What a correspondent sends: the pasted story as the text parser read it (the
    parser's result shape; None beside a Word file, which `file_docx` takes), and the
    photos uploaded with it, already through the photo pipeline."""

    article: ParsedArticle | None
    photos: list[CleanPhoto] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)


def may_file_for(correspondent: Correspondent, union: Union | None) -> bool:
    return union is not None and correspondent.unions.filter(pk=union.pk).exists()


def _check_filing(correspondent: Correspondent, union: Union | None) -> None:
    if not correspondent.active:
        raise PermissionDenied("您的通讯员账号已停用，不能投稿。")
    if not may_file_for(correspondent, union):
        raise ValidationError({"union": "您只能代表自己所在的工会投稿。"})


def _topics(topic: Topic | None, items: list[ParsedArticle]) -> list[Topic]:
    """The topic they chose, else those the parser suggested from the text."""
    if topic is not None:
        return [topic]
    return list(Topic.objects.filter(slug__in={s for item in items for s in item.topics}))


def _unions(union: Union, items: list[ParsedArticle]) -> list[Union]:
    """The union they filed for, and the known unions the copy names."""
    named = {name for item in items for name in item.unions}
    return [union, *Union.objects.filter(name__in=named).exclude(pk=union.pk)]


def file_piece(
    *,
    correspondent: Correspondent,
    union: Union,
    topic: Topic | None,
    piece: Piece,
) -> Article:
    """Create the pasted piece as the correspondent's story and send it to 待审. All or
    nothing: on any failure no row stays and the photo files written are deleted."""
    written: list[str] = []
    try:
        return _file_piece(correspondent, union, topic, piece, written)
    except BaseException:
        renditions.delete(written)
        raise


@transaction.atomic
def _file_piece(correspondent, union, topic, piece: Piece, written: list[str]) -> Article:
    _check_filing(correspondent, union)
    user = correspondent.user
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
    article.unions.set(_unions(union, [item]))
    article.topics.set(_topics(topic, [item]))
    _add_photos(article, piece, written)
    workflow.record_revision(article, user=user, note="通讯员投稿")
    workflow.submit(article, user=user)
    return article


def _add_photos(article: Article, piece: Piece, written: list[str], start: int = 0) -> None:
    for number, clean in enumerate(piece.photos):
        caption = piece.captions[number] if number < len(piece.captions) else ""
        photo = Photo(article=article, order=start + number, caption=caption)
        store_photo(photo, clean)
        written += [photo.image.name, *renditions.all_names(photo.renditions)]


def file_docx(
    *,
    correspondent: Correspondent,
    union: Union,
    topic: Topic | None,
    parsed: ParsedDocx,
    extra: Piece | None = None,
) -> list[Article]:
    """Create the Word file's stories (the page import's `save_docx`: credits, photos
    with captions, first revision) as the correspondent's, credited to them, and send
    each to 待审. Photos uploaded beside the file (`extra`) join its first story.

    `save_docx` commits on its own (its photo files are no transaction's); if anything
    after it fails, its stories are deleted again, with their photos' files.
    """
    _check_filing(correspondent, union)
    user, own = correspondent.user, correspondent.contributor
    items = parsed.page.articles
    for item in items:
        if own.name not in {credit.name for credit in item.credits}:
            item.credits.append(
                ParsedCredit(role=CreditRole.CORRESPONDENT, name=own.name, label="通讯员")
            )
    articles = save_docx(
        parsed,
        user=user,
        source_union=union,
        topics=_topics(topic, items),
        unions=_unions(union, items),
    )
    written: list[str] = []
    try:
        with transaction.atomic():
            for position, article in enumerate(articles):
                changed = _credit_own(article, own)
                if position == 0 and extra is not None and extra.photos:
                    _add_photos(article, extra, written, start=article.photos.count())
                    changed = True
                if changed:
                    workflow.record_revision(article, user=user, note="通讯员投稿")
                workflow.submit(article, user=user)
    except BaseException:
        renditions.delete(written)
        for article in articles:
            article.delete()  # the photo desk's cleanup deletes their files
        raise
    return articles


def _credit_own(article: Article, own: Contributor) -> bool:
    """Their name in the credits is their own contributor (the import takes the oldest
    contributor of a name); True if a credit had to be changed."""
    others = list(
        Credit.objects.filter(article=article, contributor__name=own.name).exclude(contributor=own)
    )
    for credit in others:
        if Credit.objects.filter(article=article, contributor=own, role=credit.role).exists():
            credit.delete()
        else:
            credit.contributor = own
            credit.save(update_fields=["contributor"])
    return bool(others)


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
