"""A corpus of bad input against every way in: public URLs, admin and summary parameters,
import texts, form fields and uploads. None may answer 500, and a refused write leaves
every table as it was.

Categories (counts are asserted at the bottom): public path segments, public query
parameters, admin list parameters, admin autocomplete and history parameters, summary
and export parameters, page-import texts, article and activity form fields, uploads,
ids in every admin add page's prefill parameters, forged preview and staging tokens.
"""

import io
import itertools
import time

import pytest
from django.apps import apps
from django.contrib import admin
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from articles.demo.loader import load_demo
from articles.models import Article
from articles.pageimport.forms import STAGED_PDF_SALT
from articles.photos.forms import STAGED_SALT as STAGED_PHOTO_SALT
from articles.workflow import preview

# Hundreds of requests against the demo content.
pytestmark = [pytest.mark.django_db, pytest.mark.slow, pytest.mark.both_databases]

# Values that broke or could break something: NUL and other controls, odd digits,
# overlong and huge numbers, traversal, markup, emoji, wrong encodings.
BAD_VALUES = [
    "%00",
    "a%00b",
    "%01",
    "%7F",
    "%C2%80",
    "%FF",
    "%E4%B8",
    "²",
    "①",
    "٣",
    "-1",
    "0",
    "99999999999999999999999999",
    "1e9",
    "1.5",
    "..%2F..%2Fetc%2Fpasswd",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%F0%9F%98%80",
    "x" * 300,
    "%20",
]
QUERY_VALUES = [*BAD_VALUES, "x" * 3000]
# The admin pages are heavy to render: every other value still covers each kind of trouble.
ADMIN_VALUES = BAD_VALUES[::2]

# Ids a URL may carry that no key can be: past every integer column (2**63 is one past
# bigint, 2**31 past PostgreSQL's integer), negative, not a number, digits that are not
# ASCII (int() takes "٣" and "１２"), a list with one bad key among good ones.
ID_VALUES = [
    "99999999999999999999",
    "9223372036854775808",
    "2147483648",
    "-1",
    "-9223372036854775809",
    "abc",
    "1e5",
    "0x1F",
    "٣",
    "１２",
    "²",
    "1,99999999999999999999,abc",
]

PUBLIC_PATHS = [
    "/articles/{}/",
    "/articles/1/{}/",
    "/topics/{}/",
    "/topics/{}/feed/",
    "/columns/{}/",
    "/tags/{}/",
    "/unions/{}/",
    "/unions/{}/feed/",
    "/archive/{}/01/",
    "/archive/2024/{}/",
    "/epaper/{}/",
    "/epaper/2024-01-23/{}/",
    "/epaper/back-issues/{}/",
    "/sitemap-{}.xml",
    "/preview/{}/",
]
# The readers' integer path segments (<int:…>, which takes any run of ASCII digits) at
# each database integer type's edge: bigint's last and one past, integer's and
# smallint's one past.
INTEGER_EDGES = ["9223372036854775807", "9223372036854775808", "2147483648", "32768", "0"]
PUBLIC_INT_PATHS = [
    "/articles/{}/",
    "/articles/{}/x/",
    "/archive/{}/01/",
    "/archive/2024/{}/",
    "/epaper/back-issues/{}/",
    "/epaper/2024-01-23/{}/",
]
PUBLIC_QUERIES = [
    "/?page={}",
    "/topics/song-wen-nuan/?page={}",
    "/unions/?page={}",
    "/archive/2024/01/?page={}",
    "/sitemap-articles.xml?p={}",
    "/feeds/latest/?{}=1",
]
ADMIN_QUERIES = [
    "/admin/articles/article/?q={}",
    "/admin/articles/article/?status={}",
    "/admin/articles/article/?o={}",
    "/admin/articles/article/?p={}",
    "/admin/articles/article/?published_at__year={}",
    "/admin/articles/article/?topics__id__exact={}",
    "/admin/articles/activity/?q={}",
    "/admin/articles/activity/?start_date__gte={}",
    "/admin/unions/union/?q={}",
    "/admin/workflow/transition/?at__gte={}",
    "/admin/autocomplete/?app_label=articles&model_name=article&field_name=corrects&term={}",
    "/admin/autocomplete/?app_label=articles&model_name=article&field_name=unions&term={}",
    "/admin/autocomplete/?app_label={}&model_name=article&field_name=unions&term=a",
    "/admin/articles/article/1/history/compare/?a=1&b={}",
]
SUMMARY_QUERIES = [
    "/admin/summaries/?union={}",
    "/admin/summaries/?month={}",
    "/admin/summaries/?period=range&start={}&end=2024-01-31",
    "/admin/summaries/?season={}",
    "/admin/summaries/export/?month=2024-01&union={}",
    "/admin/summaries/export/?month=2024-01&format={}",
    "/admin/summaries/export/?month=2024-01&format=csv&list={}",
]

IMPORT_TEXTS = [
    "",
    "   \n\n  ",
    "\x00\x01\x02 binary",
    "工会" * 10,
    "标题\n本报讯（记者 " + "王" * 80 + "）近日，工会开展活动。",
    "标题\n本报讯（记者 王伟）" + "近日，工会开展活动。" * 3000,
    "\n".join(f"标题{n}\n本报讯（记者 王伟）近日，工会开展活动。" for n in range(200)),
    "<script>alert(1)</script>\n本报讯（记者 王伟）近日。",
    "😀" * 100,
    '=HYPERLINK("http://x")\n本报讯（记者 王伟）近日，工会开展活动。',
]
ARTICLE_FIELDS = [
    {"title": ""},
    {"title": "x" * 500},
    {"title": "a\x00b"},
    {"kicker": "k" * 300},
    {"kind": "nonsense"},
    {"slug": "不是slug"},
    {"print_order": "-5"},
    {"print_order": "99999999999999999999"},
    {"column": "99999999"},
    {"topics": "abc"},
    {"unions": "²"},
    {"corrects": "-1"},
    {"corrects": "9223372036854775808"},
    {"column": "99999999999999999999"},
    {"print_page": "2147483648"},
    {"topics": "99999999999999999999"},
    {"unions": "١٢"},
    {"publish_at_0": "2024-13-45", "_transition": "schedule"},
    {"tags": "x" * 5000},
    {"credits-TOTAL_FORMS": "99999999"},
    {"credits-TOTAL_FORMS": "abc"},
    {"version": "-1"},
    {"version": "abc"},
    {"status": "published"},
    {"_transition": "nonsense"},
]
ACTIVITY_FIELDS = [
    {"relief_money": "-1"},
    {"relief_money": "1e400"},
    {"relief_money": "NaN"},
    {"beneficiaries": "99999999999999"},
    {"start_date": "2024-02-30"},
    {"end_date": "2023-01-01"},
    {"union": "999999999"},
    {"union": "99999999999999999999"},
    {"articles": "9223372036854775808"},
    {"kind": "x"},
    {"gift_lines-TOTAL_FORMS": "1", "gift_lines-0-item": "", "gift_lines-0-quantity": "-3"},
    {"title": "t" * 400},
]


def admin_prefills() -> list[tuple[str, dict]]:
    """Each registered admin's add page with each of its ForeignKey and ManyToMany fields
    pre-filled with each bad id. Read from the registry: a new admin is covered without
    a line here."""
    requests = []
    for model in admin.site._registry:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        names = [
            field.name
            for field in opts.get_fields()
            if field.concrete and (field.many_to_one or field.many_to_many)
        ]
        requests += [(url, {name: value}) for name in names for value in ID_VALUES]
    return requests


class ExpiredSigner(signing.TimestampSigner):
    """Signs as if a month ago: past every token's max_age."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 31 * 24 * 3600)


def forged_tokens(good: str, salt: str, other_salt: str) -> list[str]:
    """Tokens no one was given: garbage, a good one cut or with its signature changed,
    one signed for another purpose, one expired."""
    tampered = good[:-1] + ("A" if good[-1] != "A" else "B")
    payload = signing.loads(good, salt=salt)
    return [
        "abc",
        "x" * 300,
        "..%2F..%2Fetc%2Fpasswd",
        good[:-5],
        tampered,
        good.replace(":", "!", 1),
        signing.dumps(payload, salt=other_salt, compress=True),
        ExpiredSigner(salt=salt).sign_object(payload, compress=True),
    ]


FORGED_TOKENS = 8


def misshapen_tokens(salt: str, payloads: list) -> list[str]:
    """Well signed, but not the shape the code signs: what a broken or older version of
    the code could have signed (or anyone holding the key)."""
    return [signing.dumps(payload, salt=salt, compress=True) for payload in payloads]


# A preview names a story ("a") and maybe a revision ("r"); {"a": 0} stands in for the
# demo story's key, put in by the test.
PREVIEW_PAYLOADS = [
    {"a": 0, "r": None},
    {"a": 0, "r": "abc"},
    {"a": 0, "r": 10**20},
    {"a": 0, "r": 2**31},
    {"a": 0, "r": -1},
    {"a": 0, "r": 1.5},
    {"a": 0, "r": [1]},
    {"a": 0, "r": True},
    {"a": 10**20},
    {"a": "٣"},
    {"a": None},
    {},
    [1, 2],
    "abc",
    None,
]
# A staged PDF is its sha256; a staged photo its master's name, size and renditions.
STAGED_PDF_PAYLOADS = ["0" * 64, "g" * 64, "../" * 22, "", 5, None, ["a"] * 64, {}]
STAGED_PHOTO_PAYLOADS = [
    {"name": "photos/none.jpg", "w": 8, "h": 6, "r": {}},
    {"name": 5, "w": 8, "h": 6, "r": {}},
    {"name": "photos/none.jpg", "w": "abc", "h": 10**20, "r": "x"},
    {"name": "photos/none.jpg"},
    {},
    [],
    "photos/none.jpg",
    None,
]


def png(size=(8, 6)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size).save(buffer, "PNG")
    return buffer.getvalue()


UPLOADS = [
    ("a.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg"),
    ("a.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>', "image/svg+xml"),
    ("a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image/png"),
    ("../../etc/passwd.png", png(), "image/png"),
    ("a.exe", b"MZ" + b"\x00" * 100, "application/octet-stream"),
    ("空.png", b"", "image/png"),
]


def row_counts() -> dict[str, int]:
    # Sessions and django-axes' login records are written by the requests themselves.
    skip = {"sessions", "axes", "admin"}
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.managed and model._meta.app_label not in skip
    }


@pytest.fixture
def demo(db):
    load_demo()


@pytest.fixture
def admin_client(demo, superuser):
    client = Client()
    client.force_login(superuser)
    return client


def expand(patterns, values):
    return [pattern.format(value) for pattern, value in itertools.product(patterns, values)]


def assert_no_500(client, method, url, **kwargs):
    """No 500, and a refused post (anything but a redirect after a save) wrote nothing.
    Reads are compared once per batch by the tests that send them."""
    before = row_counts() if method == "post" else None
    response = getattr(client, method)(url, **kwargs)
    assert response.status_code < 500, f"{method.upper()} {url}: {response.status_code}"
    if before is not None and response.status_code != 302:
        assert row_counts() == before, f"{method.upper()} {url} wrote rows"
    return response


def test_public_urls(demo):
    client = Client(raise_request_exception=False)
    urls = expand(PUBLIC_PATHS, BAD_VALUES) + expand(PUBLIC_QUERIES, QUERY_VALUES)
    urls += expand(PUBLIC_INT_PATHS, INTEGER_EDGES)
    before = row_counts()
    statuses = {assert_no_500(client, "get", url).status_code for url in urls}
    assert statuses <= {200, 301, 302, 400, 404, 410}
    assert row_counts() == before
    assert len(urls) >= 300


def test_admin_and_summary_parameters(admin_client):
    admin_client.raise_request_exception = False
    urls = expand(ADMIN_QUERIES, ADMIN_VALUES) + expand(SUMMARY_QUERIES, ADMIN_VALUES)
    before = row_counts()
    for url in urls:
        assert_no_500(admin_client, "get", url)
    assert row_counts() == before
    assert len(urls) >= 200


def import_form(text: str) -> dict:
    return {"text": text, "edition_date": "2024-02-01", "page_number": "4", "page_name": ""}


def test_import_texts_and_files(admin_client):
    admin_client.raise_request_exception = False
    url = "/admin/articles/pageimport/add/"
    before = row_counts()
    for text in IMPORT_TEXTS:
        assert_no_500(admin_client, "post", url, data=import_form(text))
        assert_no_500(admin_client, "post", url, data={**import_form(text), "confirm": "1"})
    for name, content, kind in UPLOADS:
        upload = SimpleUploadedFile(name, content, kind)
        assert_no_500(admin_client, "post", url, data={**import_form(""), "file": upload})
    assert row_counts() == before  # not one of these imports was a page to save


def article_form(**changes) -> dict:
    return {
        "title": "测试稿件",
        "kind": "news",
        "dateline": "本报讯",
        "body": "第一段。",
        "credits-TOTAL_FORMS": "0",
        "credits-INITIAL_FORMS": "0",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
        **changes,
    }


def test_form_fields_and_uploads(admin_client):
    admin_client.raise_request_exception = False
    article = Article.objects.first()
    change = f"/admin/articles/article/{article.pk}/change/"
    for fields in ARTICLE_FIELDS:
        assert_no_500(
            admin_client, "post", "/admin/articles/article/add/", data=article_form(**fields)
        )
        data = article_form(**{"version": article.version, **fields})
        assert_no_500(admin_client, "post", change, data=data)
    for fields in ACTIVITY_FIELDS:
        data = {
            "title": "活动",
            "union": "1",
            "kind": "gifts",
            "start_date": "2024-01-22",
            "gift_lines-TOTAL_FORMS": "0",
            "gift_lines-INITIAL_FORMS": "0",
            **fields,
        }
        assert_no_500(admin_client, "post", "/admin/articles/activity/add/", data=data)
    for name, content, kind in UPLOADS:
        data = article_form(
            **{
                "photos-TOTAL_FORMS": "1",
                "photos-0-image": SimpleUploadedFile(name, content, kind),
                "photos-0-order": "0",
            }
        )
        assert_no_500(admin_client, "post", "/admin/articles/article/add/", data=data)


def test_ids_in_every_admin_add_pages_prefill(admin_client):
    admin_client.raise_request_exception = False
    requests = admin_prefills()
    before = row_counts()
    statuses = set()
    for url, query in requests:
        statuses.add(assert_no_500(admin_client, "get", url, data=query).status_code)
    # 403: the admins no one adds to by hand (transitions, login records).
    assert statuses <= {200, 403}
    assert row_counts() == before
    assert {"/admin/articles/article/add/", "/admin/unions/union/add/"} <= {u for u, _ in requests}


def test_forged_preview_tokens(demo):
    client = Client(raise_request_exception=False)
    story = Article.objects.first()
    payloads = [
        {**payload, "a": story.pk}
        if isinstance(payload, dict) and payload.get("a") == 0
        else payload
        for payload in PREVIEW_PAYLOADS
    ]
    good = signing.dumps(payloads[0], salt=preview.SALT, compress=True)
    assert client.get(f"/preview/{good}/").status_code == 200
    tokens = forged_tokens(good, preview.SALT, STAGED_PDF_SALT)
    tokens += misshapen_tokens(preview.SALT, payloads[1:])
    before = row_counts()
    for token in tokens:
        response = assert_no_500(client, "get", f"/preview/{token}/")
        assert response.status_code == 404, token
    assert row_counts() == before


def post_staged_pdf(client, token: str) -> None:
    """The import screen's preview and its confirm, each carrying the token: the form
    comes back with its error (and no text to import) and nothing is saved."""
    url = "/admin/articles/pageimport/add/"
    data = {**import_form(""), "staged_pdf": token}
    assert assert_no_500(client, "post", url, data=data).status_code == 200, token
    data["confirm"] = "1"
    assert assert_no_500(client, "post", url, data=data).status_code == 200, token


def post_staged_photo(client, token: str) -> None:
    """A new story whose one photo row carries the drop zone's token."""
    data = article_form(
        **{"photos-TOTAL_FORMS": "1", "photos-0-staged": token, "photos-0-order": "0"}
    )
    response = assert_no_500(client, "post", "/admin/articles/article/add/", data=data)
    assert response.status_code == 200, token


def test_forged_staging_tokens(admin_client):
    admin_client.raise_request_exception = False
    pdf = signing.dumps(STAGED_PDF_PAYLOADS[0], salt=STAGED_PDF_SALT)
    for token in forged_tokens(pdf, STAGED_PDF_SALT, preview.SALT):
        post_staged_pdf(admin_client, token)
    photo = signing.dumps(STAGED_PHOTO_PAYLOADS[0], salt=STAGED_PHOTO_SALT, compress=True)
    for token in forged_tokens(photo, STAGED_PHOTO_SALT, preview.SALT):
        post_staged_photo(admin_client, token)


# A well-signed token carrying a value of another shape (only a holder of SECRET_KEY
# can make one) is refused like a forged one: the page import and the photo desk check
# what they read.
def test_misshapen_staged_pdf_tokens(admin_client):
    admin_client.raise_request_exception = False
    for token in misshapen_tokens(STAGED_PDF_SALT, STAGED_PDF_PAYLOADS[1:]):
        post_staged_pdf(admin_client, token)


def test_misshapen_staged_photo_tokens(admin_client):
    admin_client.raise_request_exception = False
    for token in misshapen_tokens(STAGED_PHOTO_SALT, STAGED_PHOTO_PAYLOADS[1:]):
        post_staged_photo(admin_client, token)


def test_the_corpus_has_three_hundred_requests_and_more():
    counts = {
        "public path segments": len(PUBLIC_PATHS) * len(BAD_VALUES),
        "public query parameters": len(PUBLIC_QUERIES) * len(QUERY_VALUES),
        "public integer edges": len(PUBLIC_INT_PATHS) * len(INTEGER_EDGES),
        "admin parameters": len(ADMIN_QUERIES) * len(ADMIN_VALUES),
        "summary and export parameters": len(SUMMARY_QUERIES) * len(ADMIN_VALUES),
        "page-import texts and files": 2 * len(IMPORT_TEXTS) + len(UPLOADS),
        "form fields": 2 * len(ARTICLE_FIELDS) + len(ACTIVITY_FIELDS),
        "photo uploads": len(UPLOADS),
        "ids in admin prefills": len(admin_prefills()),
        "forged preview tokens": FORGED_TOKENS + len(PREVIEW_PAYLOADS) - 1,
        "forged staging tokens": 3 * FORGED_TOKENS,
        "misshapen staging tokens": 2 * (len(STAGED_PDF_PAYLOADS) - 1)
        + len(STAGED_PHOTO_PAYLOADS)
        - 1,
    }
    assert counts["ids in admin prefills"] >= 200, counts
    assert sum(counts.values()) >= 600, counts
