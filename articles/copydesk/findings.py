"""What a check finds in a text, and the figures read from it: plain data, no Django.

Offsets are in characters of the text that was checked (a story's field, or a whole file
for `check_copy`), `end` exclusive, so `text[start:end]` is what the finding is about and
`replacement`, when there is one, is what the one-click fix puts there instead.
"""

from dataclasses import asdict, dataclass

ERROR, WARNING = "error", "warning"
LEVEL_NAMES = {ERROR: "错误", WARNING: "提示"}


@dataclass(frozen=True)
class Finding:
    check: str  # dateline, punctuation, dates, numbers, union_names, terms
    level: str  # ERROR blocks 签发 (unless overridden with a reason); WARNING does not
    start: int
    end: int
    message: str  # in Chinese, for the editor
    replacement: str | None = None  # the house form, when the check can say it

    def as_json(self) -> dict:
        return asdict(self)

    def shifted(self, offset: int) -> "Finding":
        """The same finding in a text that holds this one at `offset`."""
        return Finding(
            self.check,
            self.level,
            self.start + offset,
            self.end + offset,
            self.message,
            self.replacement,
        )


@dataclass(frozen=True)
class Figure:
    """An amount or a count as printed (5万余元), read into a number."""

    text: str  # as printed: 5万余元
    start: int
    end: int
    value: int | float  # 50000
    unit: str  # 元, 名, 册, 元/人
    qualifier: str  # 余, 多, 近, 约 … or ""
    sentence: str  # the sentence it stands in, for the editor to judge

    def as_json(self, *, sentence: bool = False) -> dict:
        data = asdict(self)
        if not sentence:
            del data["sentence"]
        return data
