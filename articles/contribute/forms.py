"""The contribution desk's forms: a new piece, and signing up through an invitation."""

from django import forms
from django.conf import settings
from django.contrib.auth.forms import UserCreationForm
from django.core.exceptions import ValidationError

from articles.contribute.services import Piece
from articles.models import Topic
from articles.pageimport.parser import PageParseError
from articles.pageimport.services import parse_docx, parse_dump
from articles.pageimport.word import DocxError, ParsedDocx, max_docx_bytes
from articles.photos.pipeline import clean_upload

# One piece, not a page: a long feature runs to a few thousand characters.
MAX_PIECE_CHARS = 20_000
MAX_PHOTOS = 9
MAX_CAPTIONS_CHARS = 2_000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one `<input type=file multiple>`: a list, possibly empty."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(one, initial) for one in data if one]
        return [super().clean(data, initial)] if data else []


class FilingForm(forms.Form):
    union = forms.ModelChoiceField(
        label="来稿单位",
        queryset=None,
        empty_label=None,
        help_text="您代表哪个工会投稿；考核积分计入这个工会。",
    )
    topic = forms.ModelChoiceField(
        label="专题",
        queryset=Topic.objects.none(),
        required=False,
        empty_label="（不选）",
    )
    document = forms.FileField(
        label="Word 文件",
        required=False,
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".docx,application/vnd.openxmlformats-officedocument"
                ".wordprocessingml.document"
            }
        ),
        help_text="Word 文档（.docx），文中的图片和图片说明会一并导入。",
    )
    text = forms.CharField(
        label="或者粘贴稿件文字",
        required=False,
        max_length=MAX_PIECE_CHARS,
        strip=True,
        error_messages={
            "max_length": "稿件文字最多 %(limit_value)d 个字符，现在有 %(show_value)d 个。"
        },
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text="第一行写标题，另起一行写正文，每段一行；可以直接从 Word 复制粘贴。"
        "电头和署名照常写，例如：本报讯（通讯员 张三）。",
    )
    photos = MultipleFileField(
        label="照片",
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/avif"}),
        help_text=f"最多 {MAX_PHOTOS} 张；JPEG、PNG、WebP 或 AVIF。"
        f"文件合计不超过 {settings.MAX_REQUEST_BYTES // (1024 * 1024)} MB。",
    )
    captions = forms.CharField(
        label="照片说明",
        required=False,
        max_length=MAX_CAPTIONS_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一条，按照片顺序对应。",
    )

    def __init__(self, *args, correspondent, **kwargs):
        super().__init__(*args, **kwargs)
        self.correspondent = correspondent
        # Only their own unions: a forged id is "not one of the available choices".
        self.fields["union"].queryset = correspondent.unions.order_by("path", "pk")
        self.fields["topic"].queryset = Topic.objects.public().order_by("order", "name")
        self.piece: Piece | None = None
        self.docx: ParsedDocx | None = None

    def clean_document(self):
        upload = self.cleaned_data.get("document")
        if not upload:
            return None
        limit = max_docx_bytes()
        if upload.size > limit:
            raise ValidationError(
                f"Word 文件过大（{upload.size / 1024 / 1024:.1f} MB），"
                f"不能超过 {limit // (1024 * 1024)} MB。请压缩图片或分成几篇上传。"
            )
        try:
            return parse_docx(upload.read())
        except DocxError as exc:
            raise ValidationError(str(exc)) from None

    def clean_photos(self):
        uploads = self.cleaned_data.get("photos") or []
        if len(uploads) > MAX_PHOTOS:
            raise ValidationError(f"一次最多上传 {MAX_PHOTOS} 张照片，您选了 {len(uploads)} 张。")
        cleaned, problems = [], []
        for number, upload in enumerate(uploads, start=1):
            try:
                cleaned.append(clean_upload(upload))
            except ValidationError as exc:
                problems += [f"第 {number} 张（{upload.name[:40]}）：{m}" for m in exc.messages]
        if problems:
            raise ValidationError(problems)
        return cleaned

    def clean_captions(self):
        text = self.cleaned_data.get("captions") or ""
        return [line.strip()[:500] for line in text.splitlines()]

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("text") or ""
        if "text" in self.errors or "document" in self.errors:
            return cleaned
        photos = Piece(
            article=None, photos=cleaned.get("photos") or [], captions=cleaned.get("captions") or []
        )
        if cleaned.get("document") is not None:
            if text:
                self.add_error("text", "请只选一种：上传 Word 文件，或者粘贴文字。")
            else:
                self.docx, self.piece = cleaned["document"], photos
            return cleaned
        if not text:
            self.add_error("text", "请上传 Word 文件，或者粘贴稿件文字（第一行写标题）。")
            return cleaned
        article = self._parse_text(text)
        if article is not None:
            photos.article = article
            self.piece = photos
        return cleaned

    def _parse_text(self, text: str):
        """The pasted piece through the page parser: one report, its headline, dateline,
        credits, paragraphs and the unions it names."""
        try:
            page = parse_dump(text)
        except PageParseError as exc:
            message = str(exc).rstrip("。")
            self.add_error("text", f"{message}。请把标题放在第一行，正文另起一行。")
            return None
        if len(page.articles) != 1:
            self.add_error(
                "text",
                f"这段文字被识别成了 {len(page.articles)} 篇稿件。一次只投一篇；"
                "如果是一篇，请检查正文中的小标题是否以句号结尾，或把小标题并入下一段。",
            )
            return None
        article = page.articles[0]
        if not article.paragraphs:
            self.add_error("text", "没有识别到正文，请在标题下面另起一行写正文。")
            return None
        return article


class SignupForm(UserCreationForm):
    """A new correspondent's account, through an invitation (Django's password checks)."""

    name = forms.CharField(label="姓名", max_length=40, help_text="稿件署名用的真实姓名。")
    phone = forms.CharField(label="手机号", max_length=20, required=False)
    email = forms.EmailField(
        label="电子邮箱", required=False, help_text="可选：稿件被采用或未采用时会发邮件通知您。"
    )

    field_order = ["name", "username", "password1", "password2", "phone", "email"]

    class Meta(UserCreationForm.Meta):
        fields = ["username"]

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        digits = phone.replace("-", "").replace(" ", "")
        if phone and not (digits.isascii() and digits.isdigit() and 7 <= len(digits) <= 15):
            raise ValidationError("请填写正确的手机号，只用数字。")
        return phone
