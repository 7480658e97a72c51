"""Text helpers shared by both apps: ASCII slugs for Chinese names."""

from django.utils.text import slugify
from pypinyin import lazy_pinyin


def pinyin_slug(text: str, max_length: int = 80) -> str:
    """Readable ASCII slug for a Chinese name: 怀柔区总工会 -> huai-rou-qu-zong-gong-hui.

    Django's slugify() drops Chinese entirely, and a link shared in WeChat with
    percent-encoded hanzi is unreadable, so URLs spell names in pinyin.
    """
    slug = slugify(" ".join(lazy_pinyin(text)))
    return slug[:max_length].rstrip("-")
