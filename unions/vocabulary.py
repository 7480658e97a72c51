"""The paper's words, written once: union levels, article kinds, credit roles and the role
words printed in bylines.

Pure Python with no Django import, in the bottom layer, so that every room reads the same
table: the models build their choices from it (`UnionLevel`, `ArticleKind`, `CreditRole`),
the page parser and the import preview read printed role words with it, the byline renderer
prints them with it. `tests/unions/test_vocabulary.py` checks that none of them drifts.
"""

# Union levels (工会组织体系), top of the tree first: value -> name of the level.
UNION_LEVELS: dict[str, str] = {
    "city": "市总工会",
    "district": "区总工会",
    "street": "街道总工会",
    "town": "乡镇总工会",
    "park": "园区工会联合会",
    "industry": "产业（系统）工会",
    "enterprise": "企业工会",
    "branch": "分会",
    "community": "社区联合工会",
}

# Article kinds (体裁): value -> name.
ARTICLE_KINDS: dict[str, str] = {
    "news": "消息",
    "photo": "图片报道",
    "feature": "通讯/特写",
    "brief": "简讯",
    "correction": "更正",
}

# Credit roles (署名角色): value -> name shown to editors.
CREDIT_ROLES: dict[str, str] = {
    "reporter": "记者",
    "correspondent": "通讯员",
    "photographer": "摄影",
    "intern": "实习生",
    "editor": "编辑",
    "other": "其他",
}

# The word a byline prints for a role when the credit carries no label of its own;
# "other" prints the name alone.
DEFAULT_ROLE_WORDS: dict[str, str] = {
    **{role: name for role, name in CREDIT_ROLES.items() if role != "other"},
    "other": "",
}

# Every role word union papers print before names, by role. The page parser reads
# bylines with this table (longest word first) and the import preview reads what an
# editor types with it.
ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "reporter": (
        "记者",
        "本报记者",
        "见习记者",
        "特约记者",
        "首席记者",
        "本报特约记者",
        "本报见习记者",
        "新华社记者",
    ),
    "correspondent": ("通讯员", "特约通讯员", "本报通讯员"),
    "intern": ("实习生", "实习记者", "本报实习生"),
    "photographer": ("摄影", "摄影记者", "文/图", "文／图", "图/文", "图／文"),
    "editor": ("编辑", "责任编辑"),
}
ROLE_OF_WORD: dict[str, str] = {word: role for role, words in ROLE_WORDS.items() for word in words}

# Words a photo credit ends with instead of starting with: 周美玉 摄, 本报记者 周美玉 摄影报道.
PHOTO_CREDIT_ENDINGS: tuple[str, ...] = ("摄影报道", "摄影", "摄")

# Role words that say no more than the role itself: a credit printed with one of these is
# stored without a label, so the byline prints the house form. Anything else (见习记者,
# 特约记者, 首席记者) is kept as printed.
PLAIN_ROLE_WORDS: frozenset[str] = frozenset(
    {*(word for word in DEFAULT_ROLE_WORDS.values() if word), "本报记者", ""}
)


def stored_label(word: str) -> str:
    """The label a credit keeps for a printed role word: "" for a plain one."""
    return "" if word in PLAIN_ROLE_WORDS else word
