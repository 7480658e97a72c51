"""The drop zone's staging endpoint: one photo per request, through the pipeline, stored
with its renditions; the answer is a signed reference the photo form accepts in place of
a file (articles/photos/forms.py). It sits behind `admin.site.admin_view` (urls.py):
anyone but active staff is sent to the admin login.

A staged photo that is never saved with a story stays in storage unreferenced; its
name is random, so nobody can find it.
"""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.views.decorators.http import require_POST

from articles.models import Photo
from articles.photos import renditions, services
from articles.photos.forms import sign_staged
from articles.photos.pipeline import clean_upload


@require_POST
def stage(request):
    if not request.user.has_perm("articles.add_photo"):
        return JsonResponse({"error": "你没有上传图片的权限。"}, status=403)
    files = request.FILES.getlist("file")
    if len(files) != 1:
        return JsonResponse({"error": "每次请求上传一张照片。"}, status=400)
    try:
        clean = clean_upload(files[0])
    except ValidationError as error:
        return JsonResponse({"error": f"{files[0].name}：{error.messages[0]}"}, status=400)
    field = Photo._meta.get_field("image")
    name = default_storage.save(field.generate_filename(None, clean.master.name), clean.master)
    photo = Photo()  # not saved here: the focal point's default, the renditions it needs
    services.prepare(photo, clean)
    return JsonResponse(
        {
            "token": sign_staged(name, clean.size, photo.renditions),
            "thumb": renditions.thumb_url(photo.renditions),
            "filename": files[0].name,
        }
    )
