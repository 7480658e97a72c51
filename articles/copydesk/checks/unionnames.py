"""Union names against the union tree: short forms (市总, 区总, 全总) offered their full
name, doubled suffixes (总工会工会), and names the tree does not know (西城区天桥总工会).

Only names that start with a place the tree knows (西城区, 天桥街道, 庙城镇) and end in the
suffix of a union the federation keeps (总工会, 工会联合会, 联合工会, 工会委员会) are
checked for being unknown: an enterprise's union the paper names for the first time, or
another city's federation, is news, not a mistake.
"""

import difflib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from articles.copydesk.findings import ERROR, WARNING, Finding

CHECK = "union_names"

# Suffixes of the unions the federation's tree holds in full.
KEPT_SUFFIXES = ("总工会", "工会联合会", "联合工会", "工会委员会")
_KEPT = re.compile("|".join(KEPT_SUFFIXES))
_PLACE_END = re.compile(r"(?:市|区|县|街道|镇|乡|园区|园)")
# Places too general to start a name on their own.
_GENERAL_PLACES = frozenset({"社区", "园区", "小区", "街道", "城区", "园", "市", "区", "县"})
_DOUBLED = re.compile(r"(总工会|工会)(?:工会)+")
# A short form: 市总, 区总, 县总, followed by what follows a union's name in a sentence.
_SHORT = re.compile(
    r"(?<![全各])(?P<level>[市区县])总"
    r"(?=[，。、；：）”\s]|$|党组|主席|副主席|领导|机关|相关|负责|和|与|及|在|将|为|向|对|以|联合|"
    r"组织|开展|举办|启动|工作|的|下属|直属|各|宣教|基层部|权益|办公|帮扶|于|还|也|已|主办|召开|"
    r"印发|出台|近日|日前|今年|女职工|经审|书记)"
)
_ALL_CHINA = re.compile(
    r"全总(?=[，。、；：）”\s]|$|党组|主席|副主席|领导|机关|书记|和|与|在|将|的|印发)"
)
ALL_CHINA_NAME = "中华全国总工会"
_CLAUSE_STOP = re.compile(r"[，。、；：！？（）“”《》\s]")
MAX_NAME = 30
# Between a place and a union's suffix, what makes two names or a sentence of it:
# 北京市总领导和西城区总工会.
_NOT_ONE_NAME = re.compile(r"总|工会|和|与|及|的|在|向|对|为|将")


@dataclass(frozen=True)
class UnionDirectory:
    """The names the union tree knows: full names, short names and aliases."""

    names: frozenset[str] = frozenset()  # every name a union goes by
    full_names: tuple[str, ...] = ()  # the full names, longest first
    city_name: str = ""  # the city federation's full name, when the tree has one
    places: tuple[str, ...] = field(default=())  # longest first

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str, Iterable[str], str]]) -> "UnionDirectory":
        """From (name, short name, aliases, level) of every union."""
        names: set[str] = set()
        full: list[str] = []
        places: set[str] = set()
        city = []
        for name, short_name, aliases, level in rows:
            full.append(name)
            if level == "city":
                city.append(name)
            for known in (name, short_name, *aliases):
                if known:
                    names.add(known)
                    places.update(_places(known))
        return cls(
            names=frozenset(names),
            full_names=tuple(sorted(full, key=len, reverse=True)),
            city_name=city[0] if len(city) == 1 else "",
            places=tuple(sorted(places, key=len, reverse=True)),
        )

    @cached_property
    def place_pattern(self) -> re.Pattern:
        return re.compile("|".join(re.escape(place) for place in self.places))

    def knows(self, name: str) -> bool:
        """A name of the tree, one without the district in front (天桥街道总工会), or one
        with more places in front (北京市西城区总工会)."""
        if name in self.names or any(known.endswith(name) for known in self.names):
            return True
        return any(
            name.endswith(known) and self._only_places(name[: -len(known)]) for known in self.names
        )

    def _only_places(self, text: str) -> bool:
        while text:
            place = next((p for p in self.places if text.startswith(p)), None)
            if place is None:
                return False
            text = text[len(place) :]
        return True


def _places(name: str) -> set[str]:
    """The place words in a union's name: 西城区天桥街道总工会 → 西城区, 天桥街道 and
    西城区天桥街道."""
    ends = [0] + [match.end() for match in _PLACE_END.finditer(name)]
    found = set()
    for i, start in enumerate(ends):
        for end in ends[i + 1 :]:
            place = name[start:end]
            if place not in _GENERAL_PLACES and len(place) >= 2:
                found.add(place)
    return found


def check(text: str, rules) -> list[Finding]:
    directory: UnionDirectory = rules.directory
    found = list(_doubled(text))
    found.extend(_short_forms(text, directory))
    if directory.places:
        found.extend(_unknown(text, directory))
    return found


def _doubled(text: str) -> Iterator[Finding]:
    for match in _DOUBLED.finditer(text):
        yield Finding(
            CHECK,
            ERROR,
            *match.span(),
            f"工会名称重复了“工会”：应为“{match.group(1)}”。",
            match.group(1),
        )


def _short_forms(text: str, directory: UnionDirectory) -> Iterator[Finding]:
    for match in _SHORT.finditer(text):
        at = match.start()  # the 市, 区 or 县
        for name in directory.full_names:
            place = name.removesuffix("总工会")
            if place != name and place.endswith(match["level"]) and text.endswith(place, 0, at + 1):
                start = at + 1 - len(place)
                yield Finding(
                    CHECK,
                    WARNING,
                    start,
                    match.end(),
                    f"“{text[start : match.end()]}”是简称，见报用全称“{name}”。",
                    name,
                )
                break
        else:
            if match["level"] == "市" and directory.city_name:
                yield Finding(
                    CHECK,
                    WARNING,
                    at,
                    match.end(),
                    f"“市总”是简称，见报用全称“{directory.city_name}”。",
                    directory.city_name,
                )
            else:
                yield Finding(
                    CHECK,
                    WARNING,
                    at,
                    match.end(),
                    f"“{match.group()}”是简称，见报用全称（如“某某{match['level']}总工会”）。",
                )
    for match in _ALL_CHINA.finditer(text):
        yield Finding(
            CHECK,
            WARNING,
            *match.span(),
            f"“全总”是简称，见报用全称“{ALL_CHINA_NAME}”。",
            ALL_CHINA_NAME,
        )


def _unknown(text: str, directory: UnionDirectory) -> Iterator[Finding]:
    position = 0
    pattern = directory.place_pattern
    while match := pattern.search(text, position):
        start = match.start()
        clause_end = _CLAUSE_STOP.search(text, start)
        limit = min(clause_end.start() if clause_end else len(text), start + MAX_NAME)
        suffix = _KEPT.search(text, match.end(), limit)
        if suffix is None:
            position = match.end()
            continue
        name = text[start : suffix.end()]
        if _NOT_ONE_NAME.search(text, match.end(), suffix.start()):
            position = match.end()
            continue
        if not directory.knows(name):
            close = difflib.get_close_matches(name, directory.full_names, n=1, cutoff=0.85)
            hint = f"，是否是“{close[0]}”？" if close else "。请核对名称，或先在工会名录中添加。"
            yield Finding(
                CHECK,
                WARNING,
                start,
                suffix.end(),
                f"工会名录中没有“{name}”{hint}",
                close[0] if close else None,
            )
        position = suffix.end()
