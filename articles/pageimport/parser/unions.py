"""Union mentions: every union a report names, known to the tree or not.

A mention is a run of characters ending in a union suffix (…总工会, …工会联合会, …联合工会,
…工会). It is told apart from:
- a facility, when a facility word follows (天桥街道工会服务站, 工会驿站, 职工书屋);
- the word 工会 itself and generic phrases (各级工会, 该公司工会, 基层工会);
- a short form (市总工会, 区总工会, 省总工会): completed from the places the same report
  names (its other unions, "某省某市" places, province names), and resolved to the
  publisher's own union (the index's entry for the short form) only when the report names
  no other place of that level.

Known unions come back by official name; new ones by the fullest name the copy gives, with
a level guessed from the name and a parent from the unions the same report names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from articles.pageimport.parser.shapes import CJK, word_list

_SUFFIX = "(?:工会联合会|联合工会|总工会|工会)"
_CANDIDATE_RE = re.compile(rf"[{CJK}]{{1,30}}?{_SUFFIX}")
# Words after a union name that make it a facility, not the union.
_FACILITY_WORDS = word_list("服务站 驿站 职工书屋 书屋 服务中心 职工之家 活动中心 帮扶中心 服务点")
# Verbs and prepositions that stand before an organisation name inside the same run of
# characters ("记者从丰台区总工会获悉"): the name starts after the last of them.
_CUT_WORDS = word_list(
    "来到 启动 开展 组织 动员 号召 邀请 走访 举办 了解 获悉 牵头 带领 "
    "联合 推动 指导 协助 支持 参加 参与 记者 近日 日前 随后 同时 通过 "
    "依托 成立 建立 召开 表示 介绍 来自 引导 落实 贯彻 学习 携手 会同 "
    "深入 前往 慰问 对接 发挥 以及 作为 其中 此次 当天 今年 进行 主办 承办 "
    "上午 下午 晚上 日电 日讯 报讯 网讯 单位 代表 一年 共建 包联 协办 回顾"
)
_CUT_CHARS = "从在向与和及对由为将把被让给到是的了等据经同、，,；;：:"
_LEADING_MODIFIERS = word_list(
    "各级 全市 全区 全县 所属 直属 下属 上级 相关 全体 广大 各 该 本 其 我"
)
# Words too generic to make a name specific: "区总工会", "各基层工会", "该公司工会".
_GENERIC_WORDS = word_list(
    "北京市 乡镇 街道 基层 企业 公司 单位 社区 园区 楼宇 行业 产业 机关 职工 "
    "中国 全国 北京 区 市 县 镇 乡 村 分 总 家 个 级 省"
)
# A specific union name ends its prefix with a place or an organisation.
_PREFIX_ENDS = (
    "银行",
    "分行",
    "支行",
    "高区",
    *"区县市镇乡道村园司团局厂院校会心站所部队店场社馆处室组段矿港楼宇圈业门委厅省旗",
)
# Short forms: a level word and 总工会 (市总工会), completed from a place of that level.
_LEVEL_WORDS = ("省", "市", "区", "县", "镇", "乡", "街道")
PROVINCES = {
    **{
        p: f"{p}省"
        for p in word_list(
            "河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 "
            "海南 四川 贵州 云南 陕西 甘肃 青海 台湾"
        )
    },
    **{p: f"{p}市" for p in word_list("北京 天津 上海 重庆")},
    "内蒙古": "内蒙古自治区",
    "广西": "广西壮族自治区",
    "西藏": "西藏自治区",
    "宁夏": "宁夏回族自治区",
    "新疆": "新疆维吾尔自治区",
}
_PROVINCE_RE = re.compile("|".join(sorted(PROVINCES, key=len, reverse=True)))
# "青海省西宁市", "天津市河北区": a place inside a place names both.
_COMPOUND_PLACE_RE = re.compile(
    rf"(?:{_PROVINCE_RE.pattern})(?:省|市|自治区)?([{CJK}]{{2,3}}?(?:市|区|县))"
    rf"|([{CJK}]{{2,3}}?市)[{CJK}]{{2,3}}?(?:区|县)"
)

# Levels (unions.vocabulary.UNION_LEVELS), from the most to the least senior.
_RANK = {
    "city": 0,
    "district": 1,
    "street": 2,
    "town": 2,
    "park": 2,
    "industry": 2,
    "community": 3,
    "enterprise": 3,
    "branch": 4,
}
_PARENT_LEVELS = {
    "district": ("city",),
    "street": ("district",),
    "town": ("district",),
    "park": ("district",),
    "community": ("street", "town"),
}


@dataclass
class NewUnion:
    """A union the copy names that the tree does not know yet: a proposal to the editor."""

    name: str
    level: str
    parent: str = ""  # a known union's official name, another new union's name, or ""

    def to_json_dict(self) -> dict:
        return {"name": self.name, "level": self.level, "parent": self.parent or None}


# A city's trade unions: 福州市工业工会, 市教育工会, 市直机关工会.
_TRADE_RE = "(?:工业|教育|卫生|建设|交通|金融|邮政|商贸|农林|能源|机关)(?:系统)?工会$"


def guess_level(name: str) -> str:
    """The level a union's name says it has (unions.vocabulary.UNION_LEVELS)."""
    if re.search("(?:省|自治区|市)总工会$", name):
        return "city"
    if re.search("(?:区|县|旗)总工会$", name):
        return "district"
    if re.search("街道(?:总)?工会$", name):
        return "street"
    if re.search("[镇乡](?:总)?工会$", name):
        return "town"
    if re.search("(?:园区|开发区|工业园|科技园|产业园).*工会联合会$", name):
        return "park"
    if re.search("(?:社区|村).*(?:工会|工会联合会)$", name):
        return "community"
    if re.search("(?:行业|产业|系统).*工会(?:联合会)?$", name) or re.search(_TRADE_RE, name):
        return "industry"
    if name.endswith("分会"):
        return "branch"
    return "enterprise"


def _norm(name: str) -> str:
    return name.replace("总工会", "工会").replace("联合工会", "工会")


def _is_abbreviation(short: str, full: str) -> bool:
    """沈铁局工会 of 沈阳铁路局工会, 高区总工会 of 威海高区总工会, 汉寿总工会 of 汉寿县总工会."""
    short_core, full_core = _norm(short), _norm(full)
    if short_core == full_core or len(short_core) >= len(full_core):
        return short_core == full_core
    if full_core.endswith(short_core):
        return True
    if short_core[0] != full_core[0] or not short_core.endswith("工会"):
        return False
    chars = iter(full_core)
    return all(ch in chars for ch in short_core)


class UnionMatcher:
    """Find known unions (longest name first) and the unions the tree does not know."""

    def __init__(self, union_names: Mapping[str, str]) -> None:
        self.full_name = {k.strip(): v.strip() for k, v in union_names.items() if k.strip()}
        # Names by their first two characters, longest first: a page of text against a
        # city's thousands of names looks at a handful of names per position.
        self.by_start: dict[str, list[str]] = {}
        for name in sorted(self.full_name, key=len, reverse=True):
            if len(name) >= 2 and not _is_generic_short_form(name):
                self.by_start.setdefault(name[:2], []).append(name)
        known = set(self.full_name) | set(self.full_name.values())
        # One string to search: a new name inside any known name ("怀柔区工会" inside
        # "怀柔区总工会") is a variant, and one substring search beats thousands.
        self.known_norms = "\n".join(_norm(n) for n in known)

    def find(self, text: str) -> tuple[list[str], list[NewUnion]]:
        """The unions a report names, in order of first mention, and the new ones."""
        mentions: list[tuple[int, str, bool]] = []  # (position, name, known)
        masked = []
        i = 0
        while i < len(text):
            candidates = self.by_start.get(text[i : i + 2], ())
            name = next((n for n in candidates if text.startswith(n, i)), "")
            if name:
                mentions.append((i, self.full_name[name], True))
                # Masked, so the rest is not read again; the same length keeps positions.
                masked.append("|" * len(name))
                i += len(name)
            else:
                masked.append(text[i])
                i += 1
        masked_text = "".join(masked)
        shorts: list[tuple[int, str]] = []
        for match in _CANDIDATE_RE.finditer(masked_text):
            if masked_text.startswith(_FACILITY_WORDS, match.end()):
                continue
            kind, name = self._read_candidate(match.group())
            if kind == "full":
                mentions.append((match.end() - len(name), name, False))
            elif kind == "short":
                shorts.append((match.end() - len(name), name))
        mentions.sort()
        places = _places(text, [m[1] for m in mentions])
        for position, short in shorts:
            resolved = self._complete(short, places, mentions)
            if resolved:
                mentions.append((position, *resolved))
        mentions.sort()
        return self._merge(mentions)

    def _read_candidate(self, candidate: str) -> tuple[str, str]:
        """('full', name), ('short', '市总工会') or ('', '') for generic words."""
        suffix = re.search(f"{_SUFFIX}$", candidate).group()
        prefix = candidate[: -len(suffix)]
        cut = max(
            [prefix.rfind(w) + len(w) for w in _CUT_WORDS if w in prefix]
            + [prefix.rfind(ch) + 1 for ch in _CUT_CHARS if ch in prefix]
            + [0]
        )
        prefix = prefix[cut:]
        stripped = True
        while stripped:
            stripped = False
            for word in _LEADING_MODIFIERS:
                if prefix.startswith(word) and len(prefix) > len(word):
                    prefix, stripped = prefix[len(word) :], True
        if prefix in _LEVEL_WORDS and suffix == "总工会":
            return "short", prefix + suffix
        if not _is_specific(prefix) or not prefix.endswith(_PREFIX_ENDS):
            return "", ""
        return "full", prefix + suffix

    def _complete(
        self, short: str, places: list[str], mentions: list[tuple[int, str, bool]]
    ) -> tuple[str, bool] | None:
        """市总工会 -> 西宁市总工会 when the report names 西宁市; else the publisher's own."""
        level_word = short[: -len("总工会")]
        same_level = [p for p in places if p.endswith(level_word)]
        if same_level:
            name = same_level[0] + "总工会"
            for _, mentioned, known in mentions:
                if mentioned == name or _is_abbreviation(name, mentioned):
                    return mentioned, known
            if name in self.full_name:
                return self.full_name[name], True
            return name, False
        # No place of that level: the publisher's own union, if the index knows the short
        # form and the report names no other city or province.
        own = self.full_name.get(short)
        if own is None:
            return None
        own_places = set(_NAME_PLACES_RE.match(own).groups())
        elsewhere = [
            p for p in places if p.endswith(("省", "市", "自治区")) and p not in own_places
        ]
        return None if elsewhere else (own, True)

    def _merge(self, mentions: list[tuple[int, str, bool]]) -> tuple[list[str], list[NewUnion]]:
        known_names = [name for _, name, known in mentions if known]
        new_names: list[str] = []
        for _, name, known in mentions:
            if known or name in new_names:
                continue
            if _norm(name) in self.known_norms:
                continue  # "怀柔区工会" beside the known "怀柔区总工会"
            if any(_is_abbreviation(name, other) for other in known_names):
                continue
            new_names.append(name)
        # A short new name stands for a fuller one the same report gives.
        fullest = {
            name: next((o for o in new_names if o != name and _is_abbreviation(name, o)), name)
            for name in new_names
        }
        unions: list[str] = []
        for _, name, known in mentions:
            if not known:
                if name not in fullest:
                    continue
                name = fullest[name]
            if name not in unions:
                unions.append(name)
        new = [NewUnion(name, guess_level(name)) for name in unions if name in fullest.values()]
        for union in new:
            union.parent = _guess_parent(union, unions, new)
        return unions, new


def _is_specific(prefix: str) -> bool:
    """'新市镇' names a place; '乡镇街道', '该公司', '基层' do not."""
    specific = prefix
    for word in _GENERIC_WORDS:
        if len(word) > 1:
            specific = specific.replace(word, "")
    if specific[-1:] in _GENERIC_WORDS:
        specific = specific[:-1]
    return len(specific) >= 2 and not all(ch in _GENERIC_WORDS for ch in specific)


def _is_generic_short_form(name: str) -> bool:
    """'市总工会', '区总工会': a short form that needs a place before it can be trusted."""
    return name.endswith("总工会") and name[: -len("总工会")] in _LEVEL_WORDS


# The places a union's name starts with: 青海省 西宁市 城东区, 西城区 天桥街道.
_NAME_PLACES_RE = re.compile(
    rf"^(?P<province>[{CJK}]{{2,3}}?(?:省|自治区))?(?P<city>[{CJK}]{{2,4}}?市)?"
    rf"(?P<district>[{CJK}]{{2,4}}?(?:区|县|旗))?(?P<street>[{CJK}]{{2,4}}?(?:镇|乡|街道))?"
)


def _places(text: str, union_names: list[str]) -> list[str]:
    """Places the report names, most specific source first: the places its unions' names
    start with, places inside places ("青海省西宁市"), provinces."""
    places: list[str] = []
    for name in union_names:
        match = _NAME_PLACES_RE.match(name)
        places += [place for place in match.groups() if place]
    for match in _COMPOUND_PLACE_RE.finditer(text):
        places.append(match.group(1) or match.group(2))
    for match in _PROVINCE_RE.finditer(text):
        places.append(PROVINCES[match.group()])
    return list(dict.fromkeys(p for p in places if p))


def _guess_parent(union: NewUnion, unions: list[str], new: list[NewUnion]) -> str:
    """The union above a new one, when the copy supports it: a union of the same report
    whose place the new name contains, or the nearest one named before it at the level
    just above."""
    levels = {u.name: u.level for u in new}
    rank = _RANK[union.level]
    for other in unions:
        if other == union.name:
            continue
        place = re.sub(f"{_SUFFIX}$", "", other)
        other_level = levels.get(other) or guess_level(other)
        if len(place) >= 2 and place in union.name and _RANK[other_level] < rank:
            return other
    wanted = _PARENT_LEVELS.get(union.level, ())
    before = unions[: unions.index(union.name)]
    for other in reversed(before):
        if (levels.get(other) or guess_level(other)) in wanted:
            return other
    return ""
