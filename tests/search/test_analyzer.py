from articles.search.analyzer import EDGE, analyze, normalize, parse_query, segments


def test_full_and_half_width_forms_read_alike():
    assert normalize("ＡＰＰ１２３５１") == normalize("APP12351") == "app12351"


def test_hanzi_are_units_and_latin_and_digit_runs_are_words():
    assert segments("拨打12351热线，下载APP") == [
        ["拨", "打", "12351", "热", "线"],
        ["下", "载", "app"],
    ]


def test_the_index_stores_overlapping_pairs_with_segment_edges_and_every_word():
    analyzed = analyze(["送温暖，APP"])
    assert analyzed.grams == [EDGE + "送", "送温", "温暖", "暖" + EDGE, EDGE + "app", "app" + EDGE]
    assert analyzed.words == ["app"]


def test_spaces_separate_terms_and_quotes_hold_a_phrase():
    terms = parse_query('工会  "送温暖 活动" ＡＰＰ')
    assert [t.display for t in terms] == ["工会", "送温暖 活动", "app"]
    assert terms[1].tokens == ["送温", "温暖", "暖" + EDGE, EDGE + "活", "活动"]


def test_punctuation_emoji_and_control_characters_make_no_terms():
    assert parse_query("，。！😀\x00\x07 “” ") == []


def test_a_long_query_is_cut():
    assert len(parse_query("工" * 500)[0].segments[0]) == 100
