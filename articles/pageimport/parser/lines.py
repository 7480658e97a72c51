"""Line preparation: refuse what is not a page dump, drop the e-paper's chrome, mend
datelines the print column broke."""

from __future__ import annotations

import re

from articles.pageimport.parser.results import PageParseError
from articles.pageimport.parser.shapes import CONTROL_RE, DATELINE_RE, visible_length

# E-paper chrome: a line made only of these tokens is dropped.
_CHROME_TOKEN_RE = re.compile(
    r"""(?x)^(?:
      第\d{1,3}版(?:[:：]\S{0,10})?
    | [（(]?(?:上接|下转|接|转)第?\d{1,3}版[）)]?
    | \d{0,3}(?:上一版|下一版|上一篇|下一篇|上一期|下一期)\d{0,3}
    | 版面导航|版面概览|返回目录|返回首页|
      放大|缩小|默认|PDF下载|下载PDF|打印|[|｜/]
    | \d{4}年\d{1,2}月\d{1,2}日 | (?:星期|周)[一二三四五六日天] | \d{4}[-./]\d{1,2}[-./]\d{1,2}
    | 第\d{1,5}期 | 第\d{1,3}页 | [-—－]?\d{1,3}[-—－]?
    )$"""
)
_CHROME_HEAD_RE = re.compile(r"^[（(]?(?:上接|接)第?\s*\d{1,3}\s*版[）)]?")
_CHROME_TAIL_RE = re.compile(r"[（(]?(?:下转|转)第?\s*\d{1,3}\s*版[）)]?$")


def check_text(text: str) -> None:
    if not isinstance(text, str):
        raise PageParseError("页面内容必须是文本")
    if not text.strip():
        raise PageParseError("页面文本为空")
    if "\x00" in text:
        raise PageParseError("页面文本含有空字符（NUL），看起来是二进制文件而不是文本")
    controls = len(CONTROL_RE.findall(text))
    if controls > 10 or controls * 20 > len(text):
        raise PageParseError(f"页面文本含有{controls}个控制字符，看起来是二进制文件而不是文本")


def prepare_lines(text: str) -> tuple[list[str], set[str], list[str]]:
    """Non-blank lines with e-paper chrome removed; the chrome goes to `dropped`.

    Also returns the lines that ended in a jump note ("（下转第2版）"): their paragraph goes
    on on another page, so they are body text however short they are.
    """
    lines: list[str] = []
    jumped: set[str] = set()
    dropped: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if _is_chrome_line(line):
            dropped.append(line)
            continue
        # "上接第1版" / "（下转第2版）" glued to a line of body text.
        for pattern in (_CHROME_HEAD_RE, _CHROME_TAIL_RE):
            match = pattern.search(line)
            if match and match.group().strip():
                dropped.append(match.group())
                line = (line[: match.start()] + line[match.end() :]).strip()
                if line and pattern is _CHROME_TAIL_RE:
                    jumped.add(line)
        if line:
            lines.append(line)
    return _mend_broken_datelines(lines), jumped, dropped


def _mend_broken_datelines(lines: list[str]) -> list[str]:
    """Re-join a dateline the print column broke: '本' + '报讯（记者 崔欣）…', or
    '本报讯（记者' + '崔欣）…'. Elsewhere a break is mended while paragraphs are built."""
    mended: list[str] = []
    for line in lines:
        previous = mended[-1] if mended else ""
        head = DATELINE_RE.match(previous)
        across = DATELINE_RE.match(previous + line)
        word_broken = (
            bool(previous and across)
            and not head
            and across.end() > len(previous)
            and not DATELINE_RE.match(line)  # "标题" + "临汾新闻网讯（…": whole already
        )
        bracket_open = bool(head) and re.fullmatch(r"\s*[（(][^（）()]*", previous[head.end() :])
        if word_broken or bracket_open:
            mended[-1] = previous + line
        else:
            mended.append(line)
    return mended


def _is_chrome_line(line: str) -> bool:
    if re.match(r"第\s*\d{1,3}\s*版", line) and visible_length(line) <= 24:
        return True  # "第3版 工会新闻": the page label with its section name
    if re.fullmatch(r"[-—－]\s*\d{1,3}\s*[-—－]", line):
        return True  # "- 3 -": a page number
    return all(_CHROME_TOKEN_RE.match(token) for token in line.split())
