"""The admin's photo form: a new file goes through the pipeline here, or arrives already
through it from the drop zone's staging endpoint (a signed reference to the stored
master and its renditions)."""

from django import forms
from django.core import signing
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from articles.models import Photo
from articles.photos import services
from articles.photos.pipeline import ACCEPTED, clean_upload

STAGED_SALT = "articles.photos.staged"
STAGED_MAX_AGE = 2 * 24 * 3600  # an editor may drop photos today and save tomorrow
ACCEPT = ",".join(f"image/{fmt.lower()}" for fmt in ACCEPTED)  # image/jpeg,image/png,…


def sign_staged(name: str, size: tuple[int, int], manifest: dict) -> str:
    return signing.dumps(
        {"name": name, "w": size[0], "h": size[1], "r": manifest}, salt=STAGED_SALT, compress=True
    )


def unsign_staged(token: str) -> dict:
    """What `sign_staged` signed; signing.BadSignature if forged, expired, or signed
    with a value of another shape (checked all the same: never a 500)."""
    staged = signing.loads(token, salt=STAGED_SALT, max_age=STAGED_MAX_AGE)
    shaped = (
        isinstance(staged, dict)
        and isinstance(staged.get("name"), str)
        and all(type(staged.get(side)) is int and staged[side] > 0 for side in ("w", "h"))
        and isinstance(staged.get("r"), dict)
    )
    if not shaped:
        raise signing.BadSignature("staged photo token of another shape")
    return staged


class PhotoInlineForm(forms.ModelForm):
    # A plain file field: Django's ImageField would decode the file before our checks
    # of size, type and pixels (articles/photos/pipeline.py) could refuse it.
    image = forms.FileField(
        label="图片",
        required=False,
        widget=forms.FileInput(attrs={"accept": ACCEPT}),
        help_text="JPEG、PNG、WebP 或 AVIF；保存时自动转正、去除拍摄地点等元数据。",
    )
    staged = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Photo
        fields = ["image", "caption", "credit", "alt_text", "order", "focal_x", "focal_y"]
        widgets = {
            "caption": forms.Textarea(attrs={"rows": 3, "cols": 40}),
            "order": forms.NumberInput(attrs={"min": 0, "style": "width: 4em"}),
            "focal_x": forms.NumberInput(attrs={"min": 0, "max": 100, "style": "width: 4em"}),
            "focal_y": forms.NumberInput(attrs={"min": 0, "max": 100, "style": "width: 4em"}),
        }

    # The file posted with this form, through the pipeline (None: none, or staged).
    new_photo = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out of a post (a script, an old form): the focal point stays where it is.
        for name in ("focal_x", "focal_y"):
            self.fields[name].required = False

    def clean_focal_x(self):
        return self._focal("focal_x")

    def clean_focal_y(self):
        return self._focal("focal_y")

    def _focal(self, name):
        value = self.cleaned_data.get(name)
        return getattr(self.instance, name) if value is None else value

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if isinstance(upload, UploadedFile):
            self.new_photo = clean_upload(upload)
            return self.new_photo.master
        return upload

    def clean_staged(self):
        token = self.cleaned_data.get("staged")
        if not token:
            return None
        try:
            staged = unsign_staged(token)
        except signing.BadSignature:
            raise forms.ValidationError("上传凭据无效或已过期，请重新上传这张照片。") from None
        # A token posted twice (two tabs, a resent form) would give two rows one set of
        # renditions, and deleting either row would take the other's pictures.
        if Photo.objects.filter(image=staged["name"]).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("这张照片已经保存过了，请刷新页面。")
        return staged

    def clean(self):
        cleaned = super().clean()
        staged = cleaned.get("staged")
        if staged and self.new_photo is None and "image" not in self.errors:
            # The staged master stands in for a file in this post; the model's own
            # validation (required, size) must see it.
            self.instance.width, self.instance.height = staged["w"], staged["h"]
            self.instance.image = staged["name"]
            self.instance.renditions = staged["r"]
        if not self.instance.image and "image" not in self.errors and not cleaned.get("image"):
            self.add_error("image", "请选择要上传的照片。")
        return cleaned

    @transaction.atomic
    def save(self, commit=True):
        photo = super().save(commit=False)
        services.prepare(photo, self.new_photo)
        if commit:
            photo.save()
            self._save_m2m()
        return photo
