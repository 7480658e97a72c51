"""Suggestions from the copy: the unions a report names and the topics it belongs to."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from articles.pageimport.parser.results import ParsedArticle
from articles.pageimport.parser.shapes import CJK, word_list

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

# Union names: suggestion candidates end in one of these (longest first).
_UNION_CANDIDATE_RE = re.compile(rf"[{CJK}]{{2,30}}?(?:工会联合会|联合工会|总工会|工会)")
# Verbs and prepositions that stand before an organisation name inside the same run of
# characters ("记者从丰台区总工会获悉"): the name starts after the last of them.
_UNION_CUT_WORDS = word_list(
    "来到 启动 开展 组织 动员 号召 邀请 走访 举办 了解 获悉 牵头 带领 "
    "联合 推动 指导 协助 支持 参加 参与 记者 近日 日前 随后 同时 通过 "
    "依托 成立 建立 召开 表示 介绍 来自 引导 落实 贯彻 学习 携手 会同 "
    "深入 前往 慰问 对接 发挥 以及 作为 其中 此次 当天 今年 进行"
)
_UNION_CUT_CHARS = "从在向与和及对由为将把被让给到是的了等据经同"
_UNION_LEADING_MODIFIERS = word_list(
    "各级 全市 全区 所属 直属 下属 上级 相关 全体 广大 各 该 本 其"
)
# Words too generic to make a name specific: "区总工会", "各基层工会", "该公司工会".
_UNION_GENERIC_WORDS = word_list(
    "北京市 乡镇 街道 基层 企业 公司 单位 社区 园区 行业 产业 机关 职工 "
    "中国 全国 北京 区 市 县 镇 乡 村 分 总 家 个 级"
)
# A specific union name ends its prefix with a place or an organisation.
_UNION_PREFIX_ENDS = (
    "银行",
    "分行",
    "支行",
    *"区县市镇乡道村园司团局厂院校会心站所部队店场社馆处室组段矿港楼宇圈业门委厅",
)


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


def _union_norm(name: str) -> str:
    return name.replace("总工会", "工会").replace("联合工会", "工会")


class UnionMatcher:
    """Find known unions (longest name first) and suggest union-like names not known."""

    def __init__(self, union_names: Mapping[str, str]) -> None:
        self.full_name = {k.strip(): v.strip() for k, v in union_names.items() if k.strip()}
        self.by_first: dict[str, list[str]] = {}
        for name in sorted(self.full_name, key=len, reverse=True):
            self.by_first.setdefault(name[0], []).append(name)
        known = set(self.full_name) | set(self.full_name.values())
        self.known_norms = [_union_norm(n) for n in known]

    def find(self, text: str) -> tuple[list[str], list[str]]:
        unions: list[str] = []
        masked = []
        i = 0
        while i < len(text):
            name = next((n for n in self.by_first.get(text[i], ()) if text.startswith(n, i)), "")
            if name:
                if self.full_name[name] not in unions:
                    unions.append(self.full_name[name])
                masked.append("|")  # breaks the run so the rest is not suggested again
                i += len(name)
            else:
                masked.append(text[i])
                i += 1
        suggestions: list[str] = []
        for match in _UNION_CANDIDATE_RE.finditer("".join(masked)):
            name = self._trim_candidate(match.group())
            if name and name not in suggestions:
                suggestions.append(name)
        return unions, suggestions

    def _trim_candidate(self, candidate: str) -> str:
        suffix = re.search("(?:工会联合会|联合工会|总工会|工会)$", candidate).group()
        prefix = candidate[: -len(suffix)]
        cut = max(
            [prefix.rfind(w) + len(w) for w in _UNION_CUT_WORDS if w in prefix]
            + [prefix.rfind(ch) + 1 for ch in _UNION_CUT_CHARS if ch in prefix]
            + [0]
        )
        prefix = prefix[cut:]
        stripped = True
        while stripped:
            stripped = False
            for word in _UNION_LEADING_MODIFIERS:
                if prefix.startswith(word):
                    prefix, stripped = prefix[len(word) :], True
        specific = prefix
        for word in _UNION_GENERIC_WORDS:
            specific = specific.replace(word, "")
        if len(specific) < 2 or not prefix.endswith(_UNION_PREFIX_ENDS):
            return ""
        name = prefix + suffix
        # "怀柔区工会" next to the known "怀柔区总工会" is the same union, not a new one.
        if any(_union_norm(name) in known for known in self.known_norms):
            return ""
        return name
