"""Punctuation in the house forms (GB/T 15834 as union papers print it): full-width marks
in Chinese text, quotes and brackets in pairs, no doubled marks, the ellipsis …… and the
dash ——.

Half-width marks stay where they belong: inside numbers (1.2亿, 1,030 is the number
check's), times (9:30, also the number check's), Latin words and addresses.
"""

import re
from collections.abc import Iterator

from articles.copydesk.checks.text import is_hanzi, paragraphs
from articles.copydesk.findings import ERROR, WARNING, Finding

CHECK = "punctuation"

# Half-width marks and their full-width forms in Chinese text.
FULL_WIDTH = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# Opening and closing marks that go in pairs (a paragraph's own pairs).
PAIRS = {"“": "”", "‘": "’", "（": "）", "《": "》", "【": "】", "「": "」", "『": "』"}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}

# Marks that are never doubled (……, —— and ？！ are forms of their own).
_DOUBLED = re.compile(r"([，。、；：])[，。、；：]+|([！？])\2+")
# Ellipses written any other way than ……: three or more dots, 。。。, a single …, ···.
_ELLIPSIS = re.compile(r"\.{3,}|。{3,}|(?<!…)…(?!…)|…{3,}|[·•]{3,}|．{3,}")
# Dashes: -- and －－, or a single — between hanzi (a range 1—3 keeps its single dash).
_DASH = re.compile(r"-{2,}|－{2,}|—{3,}|(?<=[\u4e00-\u9fff])—(?=[\u4e00-\u9fff“])")
_HALF_WIDTH = re.compile(r"[,;:?!()]")
# A full stop typed as a Latin dot after a hanzi, at a sentence's end.
_DOT = re.compile(r"(?<=[\u4e00-\u9fff”）])\.(?!\d)(?=$|[\u4e00-\u9fff“（])", re.MULTILINE)
# A URL or e-mail address keeps its own marks.
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+", re.ASCII)


def check(text: str, rules=None) -> list[Finding]:
    found: list[Finding] = []
    for offset, line in paragraphs(text):
        found.extend(f.shifted(offset) for f in _line(line))
    found.extend(_pairs(text))
    return found


def _line(line: str) -> Iterator[Finding]:
    addresses = [match.span() for match in _ADDRESS.finditer(line)]

    def in_address(position: int) -> bool:
        return any(start <= position < end for start, end in addresses)

    yield from _half_width(line, in_address)
    yield from _straight_quotes(line, in_address)
    for match in _DOUBLED.finditer(line):
        if in_address(match.start()):
            continue
        level = WARNING if match.group(2) else ERROR
        yield Finding(
            CHECK,
            level,
            match.start(),
            match.end(),
            f"标点重复：{match.group()}。",
            match.group()[0],
        )
    for match in _ELLIPSIS.finditer(line):
        if in_address(match.start()):
            continue
        yield Finding(CHECK, ERROR, match.start(), match.end(), "省略号应写作 ……（两个 …）。", "……")
    for match in _DASH.finditer(line):
        if in_address(match.start()):
            continue
        yield Finding(
            CHECK, WARNING, match.start(), match.end(), "破折号应写作 ——（两个 —）。", "——"
        )
    for match in _DOT.finditer(line):
        if in_address(match.start()):
            continue
        yield Finding(
            CHECK, ERROR, match.start(), match.end(), "中文句末的半角 . 应改为全角句号 。", "。"
        )


def _half_width(line: str, in_address) -> Iterator[Finding]:
    for match in _HALF_WIDTH.finditer(line):
        mark, at = match.group(), match.start()
        if in_address(at):
            continue
        before = line[at - 1] if at else ""
        after = line[at + 1] if at + 1 < len(line) else ""
        if mark in ",:" and before.isdigit() and after.isdigit():
            continue  # 1,030 and 9:30: the number check's
        if mark == "(":
            chinese = is_hanzi(before) or _opens_chinese(line, at)
        elif mark == ")":
            chinese = is_hanzi(after) or _closes_chinese(line, at)
        else:
            chinese = is_hanzi(before) or (before in "”）" and before != "") or is_hanzi(after)
        if chinese:
            yield Finding(
                CHECK,
                ERROR,
                at,
                at + 1,
                f"中文里的半角 {mark} 应改为全角 {FULL_WIDTH[mark]} 。",
                FULL_WIDTH[mark],
            )


def _opens_chinese(line: str, at: int) -> bool:
    """A ( whose bracketed text is Chinese: (记者 王伟)."""
    close = line.find(")", at)
    inside = line[at + 1 : close if close != -1 else at + 20]
    return any(is_hanzi(char) for char in inside)


def _closes_chinese(line: str, at: int) -> bool:
    open_ = line.rfind("(", 0, at)
    inside = line[open_ + 1 if open_ != -1 else max(0, at - 20) : at]
    return any(is_hanzi(char) for char in inside)


def _straight_quotes(line: str, in_address) -> Iterator[Finding]:
    """Straight quotes " and ' in Chinese text become “ ” and ‘ ’, opening and closing
    in turn within the paragraph. The quote closing one opened in Chinese text is Chinese
    too, whatever stands beside it: 说:"看书了,真好!" ends in ! and the paragraph."""
    for mark, (opening, closing) in (('"', ("“", "”")), ("'", ("‘", "’"))):
        count = 0
        for match in re.finditer(re.escape(mark), line):
            at = match.start()
            if in_address(at):
                continue
            before = line[at - 1] if at else ""
            after = line[at + 1] if at + 1 < len(line) else ""
            if mark == "'" and before.isascii() and before.isalpha():
                continue  # don't, 90's
            opens = count % 2 == 0
            chinese = is_hanzi(before) or is_hanzi(after) or _quotes_chinese(line, at, mark)
            if opens and not chinese:
                continue
            replacement = opening if opens else closing
            count += 1
            yield Finding(
                CHECK,
                ERROR,
                at,
                at + 1,
                f"中文里的引号应写作 {opening} {closing}，不用直引号 {mark}。",
                replacement,
            )


def _quotes_chinese(line: str, at: int, mark: str) -> bool:
    other = line.find(mark, at + 1)
    inside = line[at + 1 : other] if other != -1 else line[at + 1 : at + 10]
    return any(is_hanzi(char) for char in inside)


def _pairs(text: str) -> Iterator[Finding]:
    """Quotes and brackets in pairs.

    A mark left open at a paragraph's end is carried on: a quotation running over several
    paragraphs opens each of them and closes only at its end (GB/T 15834), so a paragraph
    that starts with the same mark takes over from it; a paragraph broken inside a
    sentence closes it in the next one. What is still open at the end is reported.
    """
    stack: list[tuple[str, int]] = []
    for offset, line in paragraphs(text):
        if line and stack and stack[-1][0] == line[0] and line[0] in "“‘":
            stack.pop()
        for at, char in enumerate(line, start=offset):
            if char in PAIRS:
                stack.append((char, at))
            elif char in CLOSERS:
                if any(opened == CLOSERS[char] for opened, _ in stack):
                    # Inner marks left open on the way to this one's partner are reported.
                    while stack[-1][0] != CLOSERS[char]:
                        yield _unclosed(*stack.pop())
                    stack.pop()
                else:
                    yield Finding(
                        CHECK,
                        ERROR,
                        at,
                        at + 1,
                        f"这里的 {char} 前面没有与之成对的 {CLOSERS[char]}。",
                    )
    for opened, at in stack:
        yield _unclosed(opened, at)


def _unclosed(opened: str, at: int) -> Finding:
    return Finding(
        CHECK, ERROR, at, at + 1, f"这里的 {opened} 后面没有与之成对的 {PAIRS[opened]}。"
    )
