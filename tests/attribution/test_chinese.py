"""The Chinese word path (jieba) on sentences written for the tests, and the fallback without jieba."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import attribution
from attribution import chinese

from .blocked import read_blocked

needs_jieba = pytest.mark.skipif(not chinese.available(), reason="jieba is not installed")


def chains(text, **kwargs):
    reading = attribution.read(text, language="zh", **kwargs)
    return [[(s.kind, s.name, s.role, s.affiliation) for s in st.chain] for st in reading.statements]


@needs_jieba
def test_the_engine_names_jieba():
    assert attribution.read("王大明表示，工廠將在五月關閉。", language="zh").engine.startswith("jieba")


@needs_jieba
def test_a_person_with_role_and_affiliation_not_the_time_words_after():
    (chain,) = chains("經濟部次長王大明日前受訪時表示，工廠將在五月關閉。")
    assert chain == [("person", "王大明", "次長", "經濟部")]


@needs_jieba
def test_simplified_script_too():
    (chain,) = chains("经济部发言人王大明今天表示，工厂将在五月关闭。")
    assert chain == [("person", "王大明", "发言人", "经济部")]


@needs_jieba
def test_the_latin_name_in_brackets_is_the_name():
    (chain,) = chains("交通部發言人史密斯(John Smith)說，新線路明年通車。")
    assert chain[0][:3] == ("person", "John Smith", "發言人")


@needs_jieba
def test_after_ju_the_outlet_and_the_sources_it_cites():
    reading = attribution.read("據《路透社》引述知情人士的報導，這家工廠將在五月關閉。", language="zh")
    (st,) = reading.statements
    assert [(s.kind, s.name) for s in st.chain] == [("outlet", "Reuters"), ("unnamed", None)]
    assert st.chain[1].description == "知情人士"


@needs_jieba
def test_sources_who_told_an_outlet_are_its_sources():
    (chain,) = chains("三名知情人士向《彭博社》指出，談判已經停止。")
    assert [c[:2] for c in chain] == [("outlet", "Bloomberg"), ("unnamed", None)]
    st = attribution.read("三名知情人士向《彭博社》指出，談判已經停止。", language="zh").statements[0]
    assert st.chain[1].count == 3


@needs_jieba
def test_a_dateline_and_a_byline_are_not_sources():
    text = "（本報記者李小華台北5日電）金融時報報導，這家工廠將關閉。\n\n記者李小華／台北報導"
    assert [[c[:2] for c in ch] for ch in chains(text)] == [[("outlet", "Financial Times")]]


@needs_jieba
def test_generic_media_are_an_unnamed_group_but_a_named_outlet_after_them_is_that_outlet():
    reading = attribution.read("外媒報導，工廠將在五月關閉。", language="zh")
    (st,) = reading.statements
    assert st.chain[0].kind == "unnamed" and st.chain[0].name is None
    assert reading.rereport_of is None  # no outlet named "外媒"
    (chain,) = chains("英國媒體金融時報報導，工廠將在五月關閉。")
    assert [c[:2] for c in chain] == [("outlet", "Financial Times")]


@needs_jieba
def test_the_report_as_a_noun_refers_back_to_the_outlet():
    text = "金融時報報導，工廠將在五月關閉。報導指，約有三百名員工受影響。"
    first, second = attribution.read(text, language="zh").statements
    assert second.chain[0].name == "Financial Times" and second.chain[0].resolved_from == "報導"


@needs_jieba
def test_a_pronoun_resolves_to_the_speaker_before():
    text = "經濟部長王大明表示，工廠將在五月關閉。他說，員工將被調往其他工廠。"
    first, second = attribution.read(text, language="zh").statements
    assert second.chain[0].name == "王大明" and second.chain[0].resolved_from == "他"


@needs_jieba
def test_a_clause_without_a_subject_borrows_the_one_before():
    (chain,) = chains("市長陳大同在記者會上回答提問，指出新線路明年通車。")
    assert chain[0][:3] == ("person", "陳大同", "市長")


@needs_jieba
def test_a_report_noun_and_a_refusal_are_not_cues():
    assert chains("在相關報導中，公司拒絕發表聲明。") == []


def test_without_jieba_chinese_reads_the_cues_alone():
    """jieba blocked: the reader says so and still reads the attribution by characters."""
    engine, names, stderr = read_blocked("CLAIMTRACKER_NO_JIEBA", "據路透社報道，工廠將在五月關閉。", "zh")
    assert (engine, names) == ("cues", ["Reuters"])
    assert "jieba" not in stderr.lower()


@needs_jieba
def test_jieba_loads_quietly_and_caches_outside_the_working_directory(tmp_path):
    code = (
        "import attribution; r = attribution.read('王大明表示，工廠將關閉。', language='zh'); print(r.engine)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2])),
    )
    assert out.stdout.startswith("jieba")
    assert "prefix dict" not in out.stderr and list(tmp_path.iterdir()) == []


@needs_jieba
def test_a_name_after_a_role_is_a_person_even_when_jieba_tags_it_a_place():
    text = "俄羅斯總統普京(Vladimir Putin)週三說，談判沒有進展。他補充說，會繼續談判。"
    first, second = attribution.read(text, language="zh").statements
    assert (first.chain[0].kind, first.chain[0].name, first.chain[0].role) == (
        "person",
        "Vladimir Putin",
        "總統",
    )
    assert second.chain[0].name == "Vladimir Putin"


@needs_jieba
def test_the_companys_spokesman_is_a_role_at_the_company_named_before():
    text = "蘋果公司在聲明中表示，新產品將延後推出。該公司發言人表示，不予置評。"
    first, second = attribution.read(text, language="zh").statements
    assert (first.chain[0].kind, first.chain[0].name) == ("organisation", "蘋果公司")
    assert (second.chain[0].kind, second.chain[0].role, second.chain[0].affiliation) == (
        "person",
        "發言人",
        "蘋果公司",
    )


@needs_jieba
def test_a_relative_clause_belongs_to_the_group_and_its_verb_is_not_a_cue():
    reading = attribution.read("一位不愿透露姓名的官员说，谈判已经破裂。", language="zh")
    (st,) = reading.statements
    assert (st.chain[0].kind, st.chain[0].count, st.cue) == ("unnamed", 1, "说")
    assert st.chain[0].description == "不愿透露姓名的官员"


@needs_jieba
def test_an_outlet_citing_the_police_and_media_words_glued_to_the_cue():
    (chain,) = chains("法新社援引警方的话报道说，三人受伤。")
    assert [c[:2] for c in chain] == [("outlet", "Agence France-Presse"), ("organisation", "警方")]
    text = "美国媒体报道称，总统将访问日本。报道还称，访问为期三天。"
    statements = attribution.read(text, language="zh").statements
    assert [st.chain[0].kind for st in statements] == ["unnamed", "unnamed"]
    assert statements[-1].chain[0].resolved_from == "报道"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("柯大哲表示，工廠將關閉。", ("person", "柯大哲")),  # a name jieba may cut in two
        ("衛福部表示，工廠將關閉。", ("organisation", "衛福部")),  # tagged a person, named like a ministry
        ("王大明並稱，工廠將關閉。", ("person", "王大明")),  # 並稱 is 並 + the cue
        ("王大明對記者說，工廠將關閉。", ("person", "王大明")),  # the listener is not the source
        ("王大明說會繼續談判。", ("person", "王大明")),  # 說 before 會 is still a cue
    ],
)
@needs_jieba
def test_names_and_cues_jieba_gets_wrong_on_its_own(text, expected):
    (chain,) = chains(text)
    assert chain[-1][:2] == expected


@needs_jieba
def test_a_speakers_paragraph_goes_on_with_their_words_but_not_into_the_next_paragraph():
    text = "市長陳大同表示，新線路明年通車。票價將維持不變。\n\n工程在去年開工。"
    reading = attribution.read(text, language="zh")
    assert [(st.chain[-1].name, st.how) for st in reading.statements] == [
        ("陳大同", "jieba"),
        ("陳大同", "same paragraph"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("華星電子14日下午發布公告表示，公司將回購股份。", ("organisation", "華星電子")),
        ("华星电子14日晚间公告称，公司将回购股份。", ("organisation", "华星电子")),
        ("9月18日上午，王大明在記者會上表示，工廠將關閉。", ("person", "王大明")),
        ("２０２４年３月，市政府發布通知表示，地鐵將停運。", ("organisation", "市政府")),
        ("去年12月底，林小青曾表示，工厂不会关闭。", ("person", "林小青")),
    ],
)
@needs_jieba
def test_a_date_or_a_time_is_never_the_source_and_the_subject_before_it_is(text, expected):
    (chain,) = chains(text)
    assert chain[-1][:2] == expected


@needs_jieba
def test_numbers_alone_are_no_source():
    # no subject at all: the clause has only a date and a place
    assert chains("3月5日上午在北京表示，工廠將關閉。") == []


@needs_jieba
def test_an_outlet_before_a_date_and_its_sources_after_ju():
    (chain,) = chains("《彭博》11日披露，據知情人士透露，談判已經停止。")
    assert [c[:2] for c in chain] == [("outlet", "Bloomberg"), ("unnamed", None)]


@needs_jieba
def test_the_paper_refers_back_to_the_outlet_whose_report_is_discussed():
    text = "據英國《金融時報》報道，這家工廠將關閉。該報指出，約三百名員工受影響。"
    first, second = attribution.read(text, language="zh").statements
    assert second.chain[0].name == "Financial Times" and second.chain[0].resolved_from == "該報"


@needs_jieba
def test_a_role_and_a_name_are_a_person_of_the_company_named_before_the_role():
    (chain,) = chains("華星電子董事會秘書盧大同告訴記者，公司將回購股份。")
    assert chain == [("person", "盧大同", "董事會秘書", "華星電子")]
    (chain,) = chains("外交部新闻发言人刘某称，中方坚决反对。")
    assert chain == [("person", "刘某", "新闻发言人", "外交部")]


@needs_jieba
def test_qi_and_ta_are_the_last_person_who_spoke_not_the_outlet_in_between():
    text = "市長陳大同表示，新線路明年通車。\n\n路透社報導，工程延誤半年。\n\n其表示，票價不會上漲。她說，車站將增加。"
    names = [st.chain[-1].name for st in attribution.read(text, language="zh").statements]
    assert names == ["陳大同", "Reuters", "陳大同", "陳大同"]


@pytest.mark.parametrize(
    "text",
    ["市場傳聞稱，這家公司將被收購。", "有消息称，这家公司将被收购。", "坊间传言指，这家公司将被收购。"],
)
@needs_jieba
def test_a_rumour_with_no_source_is_no_statement(text):
    assert chains(text) == []


@needs_jieba
def test_a_rumour_does_not_go_on_with_the_speaker_before():
    text = "王大明表示，工廠將關閉。市場傳聞稱，這家公司將被收購。"
    assert [st.how for st in attribution.read(text, language="zh").statements] == ["jieba"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("证监会发布公告表示，将加强监管。", ("organisation", "证监会")),
        ("證監會發布公告表示，將加強監管。", ("organisation", "證監會")),
        ("警方通报称，一名男子被拘留。", ("organisation", "警方")),
        ("人民银行发文称，将下调准备金率。", ("organisation", "人民银行")),
    ],
)
@needs_jieba
def test_a_body_publishing_a_notice_is_the_source_not_the_notice(text, expected):
    (chain,) = chains(text)
    assert chain[-1][:2] == expected


@needs_jieba
def test_the_notice_alone_is_the_body_that_spoke_before():
    text = "華星電子表示，將擴大投資。\n\n公告稱，公司將回購股份。"
    statements = attribution.read(text, language="zh").statements
    assert [st.chain[-1].name for st in statements] == ["華星電子", "華星電子"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "新华社北京3月5日电（记者张小明）国家统计局5日发布数据称，产量增长。",
            ("organisation", "国家统计局"),
        ),
        ("本报讯（记者 李小华）昨日，市卫健委通报称，新增病例3例。", ("organisation", "市卫健委")),
        ("华星电子方面表示，公司经营正常。", ("organisation", "华星电子")),
        ("据新华社消息，台风将在明天登陆。", ("outlet", "Xinhua")),
        # the gazetteer knows 央视 (China Central Television): its news brand is the broadcaster
        ("据央视新闻报道，台风将在明天登陆。", ("outlet", "China Central Television")),
        ("记者从市交通局获悉，地铁三号线将于年底通车。", ("organisation", "市交通局")),
    ],
)
@needs_jieba
def test_wire_datelines_and_the_words_around_a_body(text, expected):
    (chain,) = chains(text)
    assert chain[-1][:2] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("行政院長陳大同今天表示，將提高基本工資。", ("person", "陳大同", "院長", "行政院")),
        ("台北市長陳大同表示，將提高基本工資。", ("person", "陳大同", "市長", "台北市")),
        ("國民黨立委林大明今天質詢時指出，預算不足。", ("person", "林大明", "立委", "國民黨")),
        ("總統府發言人林小青晚間發布新聞稿表示，總統將出訪。", ("person", "林小青", "發言人", "總統府")),
    ],
)
@needs_jieba
def test_the_body_a_head_leads_shares_the_roles_first_character(text, expected):
    (chain,) = chains(text)
    assert chain[-1] == expected


@needs_jieba
def test_reports_no_one_names_are_not_the_outlet_credited_before():
    text = "路透社報導，工廠將擴建。\n\n有報導指，這家工廠將關閉。"
    statements = attribution.read(text, language="zh").statements
    assert [(st.chain[-1].kind, st.chain[-1].name) for st in statements] == [
        ("outlet", "Reuters"),
        ("unnamed", None),
    ]


def test_without_jieba_dates_notices_roles_and_hearsay():
    """The cue path: the body before a date and a notice, the name after a role, no source for hearsay."""
    text = "华星电子14日下午发布公告表示，公司将回购股份。公司发言人刘明称，新产品将推迟上市。市场传闻称，这家公司将被收购。"
    engine, names, _ = read_blocked("CLAIMTRACKER_NO_JIEBA", text, "zh")
    assert (engine, names) == ("cues", ["华星电子", "刘明"])


@pytest.mark.skipif(not chinese.available(), reason="jieba is not installed")
def test_word_segmentation_runs_without_the_parsers_too():
    # corroboration reads coverage with use_parser=False: the words stay whole there as well
    reading = attribution.read("据英国《金融时报》报道，该公司计划裁员。", language="zh", use_parser=False)
    assert reading.engine.startswith("jieba")
