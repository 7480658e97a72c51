"""Suggestions from the copy: the topics a report belongs to (unions: see `unions`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from articles.pageimport.parser.results import ParsedArticle
from articles.pageimport.parser.shapes import word_list

# Topic slug -> keywords. A headline hit weighs HEADLINE_WEIGHT body hits.
DEFAULT_TOPIC_KEYWORDS: dict[str, tuple[str, ...]] = {
    "song-wen-nuan": word_list(
        "送温暖 慰问 走访慰问 慰问金 慰问品 温暖礼包 两节 困难职工 帮扶 春送岗位 冬送温暖"
    ),
    "xue-xi-xing-zu-zhi": word_list("职工书屋 学习型 读书 书香"),
    "zhi-gong-shu-wu": word_list("职工书屋"),
    "xue-xi-xing-qi-ye": word_list("学习型企业"),
    "xue-xi-xing-ban-zu": word_list("学习型班组"),
    "qin-zi-huo-dong": word_list("亲子"),
    "ji-ceng-jian-she": word_list("大抓基层 基层工会建设 基层建设 建家建站 职工之家 建会入会"),
    "wei-quan": word_list("维权 劳动争议 欠薪 法律援助 法律服务"),
    "lao-mo-gong-jiang": word_list("劳模 工匠"),
}
HEADLINE_WEIGHT = 3
TOPIC_MIN_SCORE = 3  # one headline hit, or three body hits


def suggest_topics(article: ParsedArticle, keywords: Mapping[str, Sequence[str]]) -> list[str]:
    """Slugs whose keywords clearly occur: a headline hit, or several body hits."""
    headline = " ".join([article.column, article.kicker, article.title, article.subtitle])
    body = "\n".join(article.paragraphs)
    scores = {}
    for slug, words in keywords.items():
        score = sum(HEADLINE_WEIGHT * headline.count(w) + body.count(w) for w in words if w)
        if score >= TOPIC_MIN_SCORE:
            scores[slug] = score
    return sorted(scores, key=lambda slug: -scores[slug])
