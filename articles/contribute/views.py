"""The contribution desk at /contribute/: a correspondent's pieces, a new piece, one piece,
calling one back; the login page; signing up through an invitation.

Anonymous visitors are sent to the desk's own login page; a logged-in user who is not an
active correspondent gets a polite 403. A correspondent sees only their own pieces:
another story's id answers 404, as if it did not exist.
"""

import functools

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import LoginView, redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from articles.contribute import pieces, services
from articles.contribute.forms import FilingForm, SignupForm
from articles.contribute.models import Invitation
from articles.models import Article
from articles.pageimport.word import DocxError

PIECES_PER_PAGE = 20


def correspondent_required(view):
    """Anonymous → the desk's login page; not an active correspondent → a polite 403.
    The view gets the correspondent as `request.correspondent`."""

    @functools.wraps(view)
    @never_cache
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("contribute:login"))
        correspondent = services.correspondent_of(request.user)
        if correspondent is None:
            return render(request, "contribute/forbidden.html", status=403)
        request.correspondent = correspondent
        return view(request, *args, **kwargs)

    return wrapped


class DeskLoginView(LoginView):
    template_name = "contribute/login.html"
    redirect_authenticated_user = True
    next_page = reverse_lazy("contribute:pieces")


@correspondent_required
def piece_list(request):
    page = Paginator(pieces.pieces_of(request.user), PIECES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "contribute/piece_list.html",
        {
            "page_obj": page,
            "rows": pieces.rows(page.object_list, request.correspondent.contributor_id),
        },
    )


@correspondent_required
def new_piece(request):
    correspondent = request.correspondent
    if request.method == "POST":
        form = FilingForm(request.POST, request.FILES, correspondent=correspondent)
        if form.is_valid():
            try:
                filed = _file(form, correspondent)
            except (ValidationError, DocxError) as exc:
                _errors_onto(form, exc)
            except IntegrityError:
                form.add_error(None, "保存时出现冲突，请稍后再试。")
            else:
                titles = "、".join(f"《{article.title}》" for article in filed)
                messages.success(request, f"已投稿：{titles}，编辑部会尽快处理。")
                for warning in _warnings(form):
                    messages.warning(request, warning)
                if len(filed) > 1:
                    return redirect("contribute:pieces")
                return redirect("contribute:piece", pk=filed[0].pk)
    else:
        form = FilingForm(correspondent=correspondent)
    return render(request, "contribute/new_piece.html", {"form": form})


def _file(form: FilingForm, correspondent) -> list[Article]:
    where = {
        "correspondent": correspondent,
        "union": form.cleaned_data["union"],
        "topic": form.cleaned_data["topic"],
    }
    if form.docx is not None:
        return services.file_docx(parsed=form.docx, extra=form.piece, **where)
    return [services.file_piece(piece=form.piece, **where)]


def _warnings(form: FilingForm) -> list[str]:
    """What the Word reader left out (a photo it refused, a text box), for the sender."""
    if form.docx is None:
        return []
    page = form.docx.page
    return [*page.warnings, *(w for item in page.articles for w in item.warnings)][:10]


def _errors_onto(form, exc) -> None:
    if isinstance(exc, DocxError):
        form.add_error("document", str(exc))
    elif hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _own_piece(request, pk) -> Article:
    """One of the correspondent's pieces; anyone else's story is 404."""
    return get_object_or_404(pieces.pieces_of(request.user), pk=pk)


@correspondent_required
def piece_detail(request, pk: int):
    article = _own_piece(request, pk)
    row = pieces.rows([article], request.correspondent.contributor_id)[0]
    return render(
        request,
        "contribute/piece_detail.html",
        {
            "row": row,
            "article": article,
            "explanation": pieces.EXPLANATIONS[row.state],
            "photos": article.photos.all(),
            "credits": article.credits.select_related("contributor"),
            "may_recall": row.state == pieces.PieceState.RECEIVED,
            "is_recalled": row.state == pieces.PieceState.RECALLED,
        },
    )


@require_POST
@correspondent_required
def recall_piece(request, pk: int):
    article = _own_piece(request, pk)
    try:
        services.recall_piece(article, user=request.user)
    except (ValidationError, PermissionDenied):
        messages.error(request, services.RECALL_REFUSED)
    else:
        messages.success(request, f"已撤回：《{article.title}》。可以重新投送或删除。")
    return redirect("contribute:piece", pk=article.pk)


@require_POST
@correspondent_required
def resend_piece(request, pk: int):
    article = _own_piece(request, pk)
    try:
        services.resend_piece(article, user=request.user)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, f"已重新投送：《{article.title}》。")
    return redirect("contribute:piece", pk=article.pk)


@require_POST
@correspondent_required
def delete_piece(request, pk: int):
    article = _own_piece(request, pk)
    title = article.title
    try:
        services.delete_piece(article, user=request.user)
    except (ValidationError, PermissionDenied):
        messages.error(request, "只有已撤回的稿件可以删除。")
        return redirect("contribute:piece", pk=article.pk)
    messages.success(request, f"已删除：《{title}》。")
    return redirect("contribute:pieces")


@never_cache
def accept_invitation(request, token: str):
    invitation = Invitation.objects.usable().filter(token=token).first()
    if invitation is None:
        return render(request, "contribute/invitation_invalid.html", status=404)
    if request.method == "POST":
        form = SignupForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                correspondent = services.accept_invitation(
                    invitation,
                    username=data["username"],
                    password=data["password1"],
                    name=data["name"],
                    phone=data["phone"],
                    email=data["email"],
                )
            except ValidationError as exc:
                _errors_onto(form, exc)
            except IntegrityError:  # the same username taken a moment ago
                form.add_error("username", "这个用户名已被使用，请换一个。")
            else:
                login(
                    request,
                    correspondent.user,
                    backend="articles.safety.auth.NoDemoPasswordBackend",
                )
                messages.success(request, "注册成功，欢迎您！现在就可以投稿了。")
                return redirect("contribute:pieces")
    else:
        form = SignupForm()
    unions = invitation.unions.order_by("path")
    return render(request, "contribute/signup.html", {"form": form, "unions": unions})
