"""gzip for the content API's answers, outside the page cache so that kept answers are
compressed too (JSON shrinks about five times: the demo's story list 12.4 → 2.5 KB, an
e-paper page 15.4 → 3.0 KB, bench/api.py).

nginx in front (deploy/nginx.conf.template) gzips application/json as well, but not
every deployment has it, and an app server answering directly (the bench, a load
balancer straight to gunicorn) would send full-size JSON; nginx leaves an answer that
is already compressed alone. Only /api/ paths: the readers' HTML pages stay as they are
(nginx compresses them), so nothing changes for them here.

Django's GZipMiddleware weakens a strong ETag (`W/"…"`) when it compresses; the page
cache compares If-None-Match weakly, so such a client still gets its 304. That 304 gets
the same weak ETag and every API answer `Vary: Accept-Encoding`, compressed or not (too
short, a 304), so no cache in between hands a compressed body to a client that cannot
read it. No secret is ever in an answer (no session, no CSRF token): BREACH has nothing
to find.
"""

from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_vary_headers

from articles.api.limits import is_api


class ApiGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if not is_api(request):
            return response
        response = super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        etag = response.get("ETag", "")
        accepts_gzip = re_accepts_gzip.search(request.headers.get("Accept-Encoding", ""))
        if response.status_code == 304 and accepts_gzip and etag.startswith('"'):
            # The ETag the full answer carried, compressed.
            response["ETag"] = "W/" + etag
        return response
