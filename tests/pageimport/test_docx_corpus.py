"""Word files made from the import corpus's real reports (tests/pageimport/make_docx.py)
import with the fields the corpus's expected JSON holds, in every layout."""

import pytest

from articles.pageimport.word import read_docx
from tests.pageimport.make_docx import CAPTIONS, build_docx, corpus_files

FILES = corpus_files()
FIELDS = ("kind", "column", "kicker", "title", "subtitle", "dateline", "paragraphs")
LAYOUTS = {
    "dateline-in-text": {},
    "dateline-apart": {"dateline_apart": True},
    "without-photos": {"photos": False},
}


def fields_of(article) -> dict:
    found = {name: getattr(article, name) for name in FIELDS}
    found["credits"] = [{"role": c.role, "name": c.name} for c in article.credits]
    return found


def expected_fields(report: dict) -> dict:
    return {name: report[name] for name in (*FIELDS, "credits")}


def test_the_word_files_cover_every_report_of_the_corpus_and_the_seed_page():
    assert sum(len(f.expected) for f in FILES) >= 37
    assert any(f.expected[0]["kicker"] for f in FILES)
    assert any(f.expected[0]["subtitle"] for f in FILES)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@pytest.mark.parametrize("corpus", FILES, ids=[f.name for f in FILES])
def test_a_word_file_of_a_report_imports_with_the_corpus_fields(corpus, layout):
    parsed = read_docx(build_docx(corpus.stories, **LAYOUTS[layout]))
    assert [fields_of(a) for a in parsed.page.articles] == [
        expected_fields(report) for report in corpus.expected
    ]


@pytest.mark.parametrize(
    "corpus", [f for f in FILES if not f.stories[0].brief_strap], ids=lambda f: f.name
)
def test_each_photo_comes_with_its_caption_and_credit_out_of_the_text(corpus):
    parsed = read_docx(build_docx(corpus.stories))
    (photos,) = parsed.photos
    assert [(p.caption, p.credit) for p in photos] == [
        ("图为活动现场。", "通讯员 王芳 摄"),
        ("工会工作人员与职工交流。", ""),
    ]
    assert all(p.data.startswith(b"\xff\xd8") and p.name.endswith(".jpg") for p in photos)
    text = "".join(parsed.page.articles[0].paragraphs)
    assert not any(caption in text for caption, _ in CAPTIONS)


def reports_of_page(stem: str):
    return [f for f in FILES if f.name.startswith(stem) and not f.stories[0].brief_strap]


@pytest.mark.parametrize("page_breaks", [True, False], ids=["page-breaks", "headlines-only"])
@pytest.mark.parametrize("stem", ["000_", "201_", "202_", "203_"])
def test_a_file_of_several_stories_gives_each_its_own_fields_and_photos(stem, page_breaks):
    files = reports_of_page(stem)
    stories = [story for f in files for story in f.stories]
    parsed = read_docx(build_docx(stories, page_breaks=page_breaks))
    assert [fields_of(a) for a in parsed.page.articles] == [
        expected_fields(report) for f in files for report in f.expected
    ]
    assert [len(photos) for photos in parsed.photos] == [2] * len(files)


def test_the_json_is_the_page_imports_with_each_storys_dateline_and_photos():
    corpus = next(
        f for f in FILES if f.expected[0]["title"] == "建工一建工会以职工书屋为平台打造学习型企业"
    )
    data = read_docx(build_docx(corpus.stories)).to_json_dict()
    assert set(data) == {"banner", "articles", "warnings"}
    (story,) = data["articles"]
    assert story["title"] == corpus.expected[0]["title"]
    assert story["dateline"] == "本报讯"
    assert story["credits"] == [
        {"role": "reporter", "name": "边磊"},
        {"role": "correspondent", "name": "蔡洪玉"},
    ]
    assert [(p["caption"], p["credit"]) for p in story["photos"]] == list(CAPTIONS)
    assert all(p["bytes"] > 0 and p["name"] for p in story["photos"])


def test_the_sample_files_are_what_the_script_makes_and_name_their_source():
    import docx

    from tests.pageimport.make_docx import SAMPLE_REPORTS, SAMPLES, write_samples

    before = {name: (SAMPLES / name).read_bytes() for name in SAMPLE_REPORTS}
    write_samples()
    for name, (title, source, _) in SAMPLE_REPORTS.items():
        data = (SAMPLES / name).read_bytes()
        assert data == before[name], f"{name} differs from what make_docx.py makes"
        assert source in docx.Document(str(SAMPLES / name)).core_properties.comments
        parsed = read_docx(data)
        assert [a.title for a in parsed.page.articles] == [title]
        assert [len(p) for p in parsed.photos] == [2]
