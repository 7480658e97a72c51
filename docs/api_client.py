"""An example client of the content API: the latest 送温暖 stories of one district, each
with its first photo's 640-px WebP. Python's standard library only.

    python docs/api_client.py https://news.example.cn 西城区
    python docs/api_client.py http://127.0.0.1:8000 7 --limit 5
    python docs/api_client.py http://127.0.0.1:8000 昌平区总工会 --topic song-wen-nuan

The district is a union's id or its name (西城区, 西城区总工会), looked up in the union
tree (`/api/v1/unions/`). The stories are the union's and its subtree's (streets, towns,
enterprises), filed under the topic or one of its sub-topics, newest first.
"""

import argparse
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

WEBP_WIDTH = 640


class ApiError(Exception):
    pass


def get_json(base_url: str, path: str, **params) -> dict | list:
    if not base_url.startswith(("http://", "https://")):
        raise ApiError(f"网站地址应以 http:// 或 https:// 开头：{base_url}")
    url = f"{base_url.rstrip('/')}{path}"
    if params:
        url += "?" + urllib.parse.urlencode(params)
    # http(s) only, checked above.
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            return json.load(response)
    except urllib.error.HTTPError as error:
        # Every error of the API is {"detail": "…"} (a 429 says how long to wait).
        try:
            detail = json.load(error)["detail"]
        except (ValueError, KeyError, TypeError):
            detail = error.reason
        raise ApiError(f"{error.code}：{detail}") from None


def find_union(unions: list[dict], wanted: str) -> dict:
    """By id, else by full name or short name, else the highest union whose name begins
    with what was typed (西城区 → 西城区总工会)."""
    if wanted.isdigit():
        matches = [u for u in unions if u["id"] == int(wanted)]
    else:
        matches = [u for u in unions if wanted in (u["name"], u["short_name"])]
        if not matches:
            # The highest in the tree: 西城区 is 西城区总工会, not 西城区天桥街道总工会.
            matches = [u for u in unions if u["name"].startswith(wanted)]
            top = min((u["depth"] for u in matches), default=0)
            matches = [u for u in matches if u["depth"] == top]
    if len(matches) != 1:
        names = "、".join(u["name"] for u in matches[:10]) or "没有"
        raise ApiError(f"“{wanted}”对应的工会：{names}。请给出全称或编号。")
    return matches[0]


def webp_url(photo: dict, width: int = WEBP_WIDTH) -> str | None:
    """The WebP rendition `width` px wide, else the widest narrower one, else the
    narrowest there is (a small photo has no 640)."""
    webp = photo["renditions"]["webp"]
    if not webp:
        return None
    narrower = [r for r in webp if r["width"] <= width]
    return (narrower[-1] if narrower else webp[0])["url"]


def latest_stories(base_url: str, district: str, topic: str, limit: int) -> tuple[dict, list]:
    union = find_union(get_json(base_url, "/api/v1/unions/"), district)
    page = get_json(
        base_url,
        "/api/v1/stories/",
        union=union["id"],
        topic=topic,
        page_size=limit,
        fields="title,published_at,url,photos",
    )
    return union, page["results"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="列出某区最新的送温暖稿件及首张图片的 640 像素 WebP。"
    )
    parser.add_argument("base_url", help="网站地址，如 https://news.example.cn")
    parser.add_argument("district", help="工会编号或名称，如 西城区")
    parser.add_argument("--topic", default="song-wen-nuan", help="专题的 slug（默认：送温暖）")
    parser.add_argument("--limit", type=int, default=10, help="最多几篇（1–100）")
    args = parser.parse_args(argv)
    try:
        union, stories = latest_stories(args.base_url, args.district, args.topic, args.limit)
    except (ApiError, urllib.error.URLError) as error:
        print(f"出错了：{error}", file=sys.stderr)
        return 1
    print(f"{union['name']}（编号 {union['id']}）最新的稿件 {len(stories)} 篇：")
    for story in stories:
        first = story["photos"][0] if story["photos"] else None
        picture = (webp_url(first) if first else None) or "（无图片）"
        print()
        print(f"{story['published_at'][:10]}  {story['title']}")
        print(f"  {story['url']}")
        print(f"  WebP {WEBP_WIDTH}：{picture}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
