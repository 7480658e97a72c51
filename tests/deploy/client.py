"""A small HTTP client for driving the local cluster as a browser would: cookies, forms
with their CSRF token, multipart uploads. Standard library only; redirects not followed,
so a test sees every 302."""

import http.client
import re
import secrets
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Browser:
    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/") + "/"
        self.cookies: dict[str, str] = {}

    def request(self, method: str, url: str, body: bytes = b"", headers=None) -> Response:
        parts = urlsplit(urljoin(self.base_url, url))
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if method == "POST":
            # Django checks the Referer on https only; send one as a browser would.
            headers.setdefault("Referer", f"{parts.scheme}://{parts.netloc}{parts.path}")
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        try:
            conn.request(method, target, body=body or None, headers=headers)
            answer = conn.getresponse()
            response = Response(answer.status, answer.headers, answer.read())
        finally:
            conn.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";", 1)[0]
            if "max-age=0" in cookie.lower() or not value.strip('"'):
                self.cookies.pop(name.strip(), None)
            else:
                self.cookies[name.strip()] = value
        return response

    def get(self, url: str, headers=None) -> Response:
        return self.request("GET", url, headers=headers)

    def post(self, url: str, fields: dict, files: dict | None = None) -> Response:
        if files:
            body, content_type = multipart(fields, files)
        else:
            body, content_type = (
                urlencode(list(flat(fields))).encode(),
                "application/x-www-form-urlencoded",
            )
        return self.request("POST", url, body, {"Content-Type": content_type})

    def login(self, username: str, password: str) -> None:
        fields = form_with(self.get("/admin/login/").text, "username")["fields"]
        fields.update(username=username, password=password, next="/admin/")
        response = self.post("/admin/login/", fields)
        assert response.status == 302, f"login as {username} failed: {response.status}"
        assert "sessionid" in self.cookies, self.cookies


def flat(fields: dict):
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            yield name, item


def multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = f"----unionsite{secrets.token_hex(12)}"
    chunks = []
    for name, value in flat(fields):
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        chunks.append(f"{head}{value}\r\n".encode())
    for name, (filename, content, content_type) in files.items():
        chunks.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
            ).encode()
            + content
            + b"\r\n"
        )
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


class _FormParser(HTMLParser):
    """The fields of each <form> as a browser would submit them untouched."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "fields": {}, "files": []})
            return
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind == "file":
                self.forms[-1]["files"].append(name)
            elif kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    fields.setdefault(name, []).append(attrs.get("value", "on"))
            elif kind not in {"submit", "button", "image", "reset"}:
                fields.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "select" and name:
            self._select = name
            fields.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            fields[self._select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            fields[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea][0] += data


def parse_forms(html: str) -> list[dict]:
    parser = _FormParser()
    parser.feed(html)
    for form in parser.forms:
        fields = {
            name: values[0] if len(values) == 1 else values
            for name, values in form["fields"].items()
            if values != []
        }
        # An inline's empty-form template (names with __prefix__) is what its "add
        # another" button copies; a browser submits only the forms on the page.
        form["templates"] = {name: v for name, v in fields.items() if "__prefix__" in name}
        form["fields"] = {name: v for name, v in fields.items() if "__prefix__" not in name}
        form["files"] = [name for name in form["files"] if "__prefix__" not in name]
    return parser.forms


def form_with(html: str, field: str) -> dict:
    """The page's form that has the named field: its fields and its file inputs."""
    for form in parse_forms(html):
        if field in form["fields"] or field in form["files"]:
            return form
    raise AssertionError(f"no form with a field {field!r} on the page")


def links_to(html: str, pattern: str) -> list[str]:
    """Every href/src/srcset URL in the page matching the regular expression."""
    urls = []
    for value in re.findall(r'(?:href|src|srcset|content)="([^"]+)"', html):
        for candidate in value.split(","):
            url = candidate.strip().split(" ")[0]
            if re.search(pattern, url):
                urls.append(url)
    return urls
