"""The workflow in the editors' admin: transition buttons on the article form, the
confirmation page of the steps that cannot be undone by saving (收回, 撤稿), the deletion
rules, 发布更正 from a published story, the history (修改记录) with its side-by-side diff
and restore, preview links, and the audit list."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from articles.models import Article, ArticleKind, ArticleStatus
from articles.safety.admin import SafeChangelistMixin
from articles.safety.keys import integer_key
from articles.workflow import services, snapshots
from articles.workflow.models import Revision, Transition, TransitionAction
from articles.workflow.preview import PREVIEW_DAYS, preview_url
from articles.workflow.services import CONFIRMED, NEEDS_REASON, TRANSITION_FIELD

# Beyond any story's revision count, and within the database's integer range.
MAX_REVISION = 10**9


class WorkflowAdminMixin:
    """For the Article admin: every save keeps a revision, states change only through the
    transitions the user may take, and the history page can compare and restore."""

    # --- who may see and change what -----------------------------------------------------

    def get_queryset(self, request):
        # Reporters list their own copy, editors everyone's: the one ownership rule.
        return super().get_queryset(request).editable_by(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or services.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is not None:
            return services.can_delete(request.user, obj)
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        # Deleting is one story at a time, on its own confirmation page with its title:
        # the list's bulk deletion would reach published stories.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def get_deleted_objects(self, objs, request):
        """What deleting a story takes with it, in words (not "Article_topics object
        (1)"); the workflow's own rows (revisions, transitions, notices) go with the story
        without asking for permissions on them: `can_delete` decided."""
        (article,) = objs
        parts = [
            ("署名", article.credits.count()),
            ("图片", article.photos.count()),
            ("修改记录", article.revisions.count()),
        ]
        listed = [f"稿件：《{article.title}》"] + [
            f"{label} {count} 条" for label, count in parts if count
        ]
        counts = {"稿件": 1, **{label: count for label, count in parts if count}}
        return listed, counts, set(), []

    # --- the change form ------------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The story as stored (a new draft on the add page); None if it does not exist,
        # which the admin answers itself.
        if object_id is None:
            article = Article(status=ArticleStatus.DRAFT, created_by=request.user)
        else:
            article = self.get_object(request, object_id)
        if request.method == "POST":
            self._refuse_forbidden_post(request, article)
        if article is not None:
            extra_context = {**(extra_context or {}), **self._workflow_context(request, article)}
        return super().changeform_view(request, object_id, form_url, extra_context)

    @staticmethod
    def _refuse_forbidden_post(request, article: Article | None) -> None:
        """A post may not set the state itself, nor ask for a transition the user may not
        take, nor take a confirmed one without its confirmation page: all are refused
        before anything is saved."""
        if "status" in request.POST or "published_at" in request.POST:
            raise PermissionDenied("稿件状态只能通过“提交待审”“签发”等按钮更改。")
        action = request.POST.get(TRANSITION_FIELD)
        if action and (
            action in CONFIRMED
            or (
                article is not None
                and action not in services.allowed_actions(article, request.user)
            )
        ):
            raise PermissionDenied("您没有权限对这篇稿件执行这个操作。")

    def _workflow_context(self, request, article: Article) -> dict:
        actions = services.allowed_actions(article, request.user)
        context = {
            # Saved with the form: 提交待审, 审毕送签, 退回修改, 签发, 定时签发, 撤回定时.
            "transitions": [
                (action, TransitionAction(action).label)
                for action in actions
                if action not in CONFIRMED
            ],
            # On a page of their own, asking to confirm: 收回, 撤稿.
            "confirmed_transitions": [
                (
                    action,
                    TransitionAction(action).label,
                    reverse("admin:articles_article_transition", args=[article.pk, action]),
                )
                for action in actions
                if action in CONFIRMED
            ],
            "preview_url": preview_url(article) if article.pk else "",
            "preview_days": PREVIEW_DAYS,
            "workflow_state": self.status_column(article) if article.pk else "草稿（未保存）",
            "correction_url": "",
            # 已退回: the editor's reason in front of the reporter, on the form itself.
            "returned_by": (
                article.transitions.filter(action=TransitionAction.RETURN)
                .select_related("user")
                .order_by("-at", "-id")
                .first()
                if article.status == ArticleStatus.RETURNED
                else None
            ),
        }
        if article.is_public and request.user.has_perm("articles.add_article"):
            add = reverse("admin:articles_article_add")
            context["correction_url"] = f"{add}?corrects={article.pk}"
        return context

    def get_changeform_initial_data(self, request):
        """发布更正 opens a new story tied to the one it corrects, titled 更正：原标题."""
        initial = super().get_changeform_initial_data(request)
        try:
            corrects = integer_key(Article._meta.pk, initial.get("corrects"))
        except (TypeError, ValueError):
            corrects = None
        original = Article.objects.published().filter(pk=corrects).first() if corrects else None
        if original is None:
            initial.pop("corrects", None)
            return initial
        initial.setdefault("title", f"更正：{original.title}"[:200])
        initial.setdefault("kind", ArticleKind.CORRECTION)
        initial.setdefault("column", original.column_id)
        return initial

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        flow = ["transition_comment"]
        if request.user.has_perm(services.PUBLISH):
            flow.insert(0, "publish_at")
        if request.user.has_perm(services.OVERRIDE_COPY_CHECK):
            flow.append("copy_override")
        return [*fieldsets, ("流程", {"fields": flow})]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.copy_user = request.user  # a class made for this request: 签发 asks the copy desk
        return form

    def save_model(self, request, obj, form, change) -> None:
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        """After the credits, photos and links are saved: keep the revision, then take the
        transition the button asked for (its permission was checked before the save)."""
        super().save_related(request, form, formsets, change)
        article = form.instance
        action = request.POST.get(TRANSITION_FIELD) or None
        note = TransitionAction(action).label if action else ("修改" if change else "新建")
        comment = form.cleaned_data.get("transition_comment", "")
        # A note typed on a plain save is kept with its revision; with a transition, with it.
        services.record_revision(
            article, user=request.user, note=note, comment="" if action else comment
        )
        if action:
            services.take_transition(
                article,
                action,
                user=request.user,
                publish_at=form.cleaned_data.get("publish_at"),
                comment=comment,
                copy_override=form.cleaned_data.get("copy_override", ""),
            )

    def response_add(self, request, obj, post_url_continue=None):
        if request.POST.get(TRANSITION_FIELD):
            return self._after_transition(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if request.POST.get(TRANSITION_FIELD):
            return self._after_transition(request, obj)
        return super().response_change(request, obj)

    def _after_transition(self, request, obj):
        label = TransitionAction(request.POST[TRANSITION_FIELD]).label
        messages.success(
            request, f"已保存并{label}：《{obj.title}》，当前状态：{self.status_column(obj)}。"
        )
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))

    # --- history, diff, restore -------------------------------------------------------------

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<path:object_id>/history/<int:number>/restore/",
                self.admin_site.admin_view(require_POST(self.restore_view)),
                name="articles_article_restore",
            ),
            path(
                "<path:object_id>/transition/<str:action>/",
                self.admin_site.admin_view(self.transition_view),
                name="articles_article_transition",
            ),
        ]
        return own + super().get_urls()

    def _article_for(self, request, object_id) -> Article:
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404("没有这篇稿件。")
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def transition_view(self, request, object_id, action: str):
        """收回 and 撤稿: a page naming the story and asking to confirm (with the reason
        where one is needed); the transition is taken on its POST only."""
        article = self._article_for(request, object_id)
        if action not in CONFIRMED:
            raise Http404("没有这个操作。")
        if action not in services.allowed_actions(article, request.user):
            raise PermissionDenied("您没有权限对这篇稿件执行这个操作。")
        label = TransitionAction(action).label
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        comment, error = "", ""
        if request.method == "POST":
            comment = request.POST.get("comment", "")[:200]
            try:
                services.take_transition(article, action, user=request.user, comment=comment)
            except ValidationError as exc:
                error = "；".join(exc.messages)
            else:
                messages.success(
                    request,
                    f"已{label}：《{article.title}》，当前状态：{self.status_column(article)}。",
                )
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "title": f"确认{label}",
            "opts": self.model._meta,
            "original": article,
            "action": action,
            "label": label,
            "reason_required": action in NEEDS_REASON,
            "comment": comment,
            "error": error,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/workflow/confirm_transition.html", context)

    def history_view(self, request, object_id, extra_context=None):
        article = self._article_for(request, object_id)
        revisions = list(
            Revision.objects.filter(article=article)
            .select_related("created_by")
            .defer("data")
            .order_by("-number")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"修改记录：{article.title}",
            "opts": self.model._meta,
            "original": article,
            "revisions": [(r, preview_url(article, r.number)) for r in revisions],
            "transitions": article.transitions.select_related("user").order_by("-at", "-id"),
            "can_restore": services.can_edit(request.user, article),
        }
        return TemplateResponse(request, "admin/workflow/history.html", context)

    def compare_view(self, request, object_id):
        article = self._article_for(request, object_id)
        try:
            numbers = sorted({int(request.GET["a"]), int(request.GET["b"])})
        except (KeyError, ValueError) as exc:
            raise Http404("请选择两稿进行比较。") from exc
        if not all(0 < number < MAX_REVISION for number in numbers):
            raise Http404("请选择存在的两稿进行比较。")
        found = {
            r.number: r
            for r in Revision.objects.filter(article=article, number__in=numbers).select_related(
                "created_by"
            )
        }
        if len(numbers) != 2 or len(found) != 2:
            raise Http404("请选择存在的两稿进行比较。")
        old, new = found[numbers[0]], found[numbers[1]]
        context = {
            **self.admin_site.each_context(request),
            "title": f"修改比较：第{old.number}稿与第{new.number}稿",
            "opts": self.model._meta,
            "original": article,
            "old": old,
            "new": new,
            "diff": snapshots.diff(
                old.data, new.data, thumbs=snapshots.photo_thumbs(old.data, new.data)
            ),
        }
        return TemplateResponse(request, "admin/workflow/compare.html", context)

    def restore_view(self, request, object_id, number: int):
        article = self._article_for(request, object_id)
        revision = get_object_or_404(Revision, article=article, number=number)
        try:
            restored = services.restore_revision(article, revision, user=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, f"已恢复第{number}稿的内容，保存为第{restored.number}稿。")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))


@admin.register(Transition)
class TransitionAdmin(SafeChangelistMixin, admin.ModelAdmin):
    """The audit: every transition and restore, read-only, by user and date."""

    list_display = [
        "at",
        "article_link",
        "action",
        "from_status",
        "to_status",
        "user",
        "comment",
        "override_column",
    ]
    list_filter = [
        ("user", admin.RelatedOnlyFieldListFilter),
        "action",
        ("at", admin.DateFieldListFilter),
    ]
    date_hierarchy = "at"
    list_select_related = ["article", "user"]
    search_fields = ["article__title", "comment", "copy_override"]

    @admin.display(description="稿件", ordering="article__title")
    def article_link(self, obj: Transition) -> str:
        url = reverse("admin:articles_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article.title)

    @admin.display(description="越过校对")
    def override_column(self, obj: Transition) -> str:
        if not obj.copy_override:
            return ""
        return format_html(
            "理由：{}（越过 {} 处错误：{}）",
            obj.copy_override,
            len(obj.overridden_findings),
            "；".join(
                f"“{item['excerpt']}”{item['message']}" for item in obj.overridden_findings[:3]
            ),
        )

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
