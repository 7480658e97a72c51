"""The paper's words are written once (unions/vocabulary.py); nothing may drift from them."""

from articles.bylines import BylineCredit, render_byline
from articles.models import ArticleKind, CreditRole
from articles.pageimport.forms import LABEL_ROLES
from articles.pageimport.parser import KINDS, ROLES, parse_page
from unions import vocabulary
from unions.models import UnionLevel


def test_model_choices_are_the_vocabulary():
    assert dict(UnionLevel.choices) == vocabulary.UNION_LEVELS
    assert dict(ArticleKind.choices) == vocabulary.ARTICLE_KINDS
    assert dict(CreditRole.choices) == vocabulary.CREDIT_ROLES


def test_the_parser_knows_exactly_the_models_kinds_and_roles():
    assert set(KINDS) == set(ArticleKind.values)
    assert set(ROLES) == set(CreditRole.values)


def test_every_printed_role_word_maps_to_a_model_role():
    assert set(vocabulary.ROLE_OF_WORD.values()) <= set(CreditRole.values)
    assert set(LABEL_ROLES.values()) <= set(CreditRole.values)
    assert set(vocabulary.DEFAULT_ROLE_WORDS) == set(CreditRole.values)


def test_the_import_preview_reads_every_word_the_parser_reads():
    assert set(vocabulary.ROLE_OF_WORD) <= set(LABEL_ROLES)
    for word, role in vocabulary.ROLE_OF_WORD.items():
        assert LABEL_ROLES[word] == role


def test_the_parser_reads_every_role_word_of_the_vocabulary():
    for word, role in vocabulary.ROLE_OF_WORD.items():
        if role == "photographer":
            continue  # photo words stand in photo credits, checked below
        page = parse_page(f"测试标题\n本报讯（{word} 王伟）近日，工会开展活动。")
        credit = page.articles[0].credits[0]
        assert (credit.role, credit.name, credit.label) == (role, "王伟", word)


def test_photo_credit_endings_are_read_as_photo_credits():
    for ending in vocabulary.PHOTO_CREDIT_ENDINGS:
        page = parse_page(f"温暖礼包送到家\n近日，工会开展走访慰问活动。\n本报记者 周美玉 {ending}")
        assert page.articles[0].credits[0].role == "photographer", ending


def test_bylines_print_the_default_role_words():
    for role, word in vocabulary.DEFAULT_ROLE_WORDS.items():
        if role == "editor":
            continue  # editors are printed as 责任编辑 at the end, not in the byline
        byline = render_byline("news", "本报讯", [BylineCredit(role=role, name="王伟")])
        assert byline == f"本报讯（{word + ' ' if word else ''}王伟）"
