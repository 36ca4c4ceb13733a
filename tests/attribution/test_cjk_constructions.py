"""Construction checklist for Chinese (simplified and traditional) and Korean news attribution.

Each row is one construction a news text in the language commonly uses to credit a statement, with a
sentence written for this test (no text from any article) and the chain the reader should give: one list
per statement, each link (kind, name, count), outermost first. Names the reader cannot know are written
as the text gives them; a person known only by role has no name; an unnamed group has its count.
"""

import pytest

import attribution
from attribution import chinese

from .blocked import triples_blocked

needs_jieba = pytest.mark.skipif(not chinese.available(), reason="jieba is not installed")

OUT, P, G, U = "outlet", "person", "organisation", "unnamed"

# (construction, text, expected chains)
ZH = [
    ("X表示", "王建国表示，新工厂将于明年投产。", [[(P, "王建国", None)]]),
    ("X称", "李明称，双方的谈判仍在进行。", [[(P, "李明", None)]]),
    ("role X指出", "财政部长张伟指出，今年的赤字将会缩小。", [[(P, "张伟", None)]]),
    ("X说", "陈志强说，他不会辞去职务。", [[(P, "陈志强", None)]]),
    ("a count of officials 透露", "一名官员透露，这项计划已被推迟。", [[(U, None, 1)]]),
    ("X强调", "刘芳强调，公司今年不会裁员。", [[(P, "刘芳", None)]]),
    ("X坦言", "赵磊坦言，市场的压力确实很大。", [[(P, "赵磊", None)]]),
    ("body 回应称", "卫生部回应称，疫苗的供应十分充足。", [[(G, "卫生部", None)]]),
    ("X否认", "孙丽否认，她曾经收受任何礼金。", [[(P, "孙丽", None)]]),
    ("police 证实", "警方证实，两名嫌犯已被拘留。", [[(G, "警方", None)]]),
    ("据X报道", "据新华社报道，这座大桥已经正式通车。", [[(OUT, "Xinhua", None)]]),
    ("据X消息", "据路透社消息，该协议将于下周签署。", [[(OUT, "Reuters", None)]]),
    (
        "X援引Y报道",
        "彭博社援引知情人士报道，该公司正在考虑出售部分业务。",
        [[(OUT, "Bloomberg", None), (U, None, None)]],
    ),
    (
        "X引述Y称",
        "美联社引述一名警方官员称，嫌犯已经落网。",
        [[(OUT, "Associated Press", None), (U, None, 1)]],
    ),
    ("X报道指", "纽约时报报道指，白宫正在审查这项计划。", [[(OUT, "The New York Times", None)]]),
    ("据悉 (no source)", "据悉，新政策将于七月开始实施。", []),
    ("消息人士称", "消息人士称，双方已经达成初步协议。", [[(U, None, None)]]),
    ("知情人士透露", "知情人士透露，该公司将更换首席执行官。", [[(U, None, None)]]),
    ("一位不愿具名的官员说", "一位不愿具名的官员说，总统将于下个月出访。", [[(U, None, 1)]]),
    (
        "X发言人Y在例行记者会上表示",
        "外交部发言人王明在例行记者会上表示，中方反对任何形式的单边制裁。",
        [[(P, "王明", None)]],
    ),
    ("X在声明中说", "交通部在声明中说，事故的原因正在调查之中。", [[(G, "交通部", None)]]),
    ("X在微博上发文称", "张小红在微博上发文称，她从未签署过那份合同。", [[(P, "张小红", None)]]),
    ("X在社交媒体上发文称", "陈建华在社交媒体上发文称，比赛将如期举行。", [[(P, "陈建华", None)]]),
    (
        "X接受Y采访时表示",
        "黄志明接受新华社采访时表示，经济将会稳步复苏。",
        [[(OUT, "Xinhua", None), (P, "黄志明", None)]],
    ),
    (
        "X对Y记者表示",
        "周平对路透社记者表示，工厂下个月将恢复生产。",
        [[(OUT, "Reuters", None), (P, "周平", None)]],
    ),
    ("Y记者从X获悉", "本报记者从市教育局获悉，新学期将推迟两周开学。", [[(G, "市教育局", None)]]),
    ("X回应称", "小米公司回应称，网上流传的消息并不属实。", [[(G, "小米公司", None)]]),
    ("X驳斥", "吴大伟驳斥称，这些指控毫无根据。", [[(P, "吴大伟", None)]]),
    ("X坦承", "林美玲坦承，她当时犯了一个错误。", [[(P, "林美玲", None)]]),
    ("外交部发言人 (role only)", "外交部发言人表示，中方希望各方保持克制。", [[(P, None, None)]]),
    ("中央社報導", "中央社報導，颱風將於明天清晨登陸。", [[(OUT, "中央社", None)]]),
    (
        "表示 after 今(18)日",
        "行政院發言人陳宗翰今(18)日表示，政府將提高育兒補助。",
        [[(P, "陳宗翰", None)]],
    ),
    ("報導指出", "自由時報報導指出，該案已經進入司法程序。", [[(OUT, "自由時報", None)]]),
    (
        "X引述Y指出",
        "聯合報引述消息人士指出，新內閣名單將於週五公布。",
        [[(OUT, "聯合報", None), (U, None, None)]],
    ),
    ("據了解 (no source)", "據了解，該計畫已經獲得批准。", []),
    ("據X報導 (traditional)", "據中央社報導，新的捷運路線明年通車。", [[(OUT, "中央社", None)]]),
    (
        "他 points back",
        "王建国表示，新工厂将于明年投产。他还说，工厂将雇用五百人。",
        [[(P, "王建国", None)], [(P, "王建国", None)]],
    ),
    (
        "她 points back",
        "林美玲坦承，她当时犯了错误。她强调，今后会更加谨慎。",
        [[(P, "林美玲", None)], [(P, "林美玲", None)]],
    ),
    (
        "该报 points back",
        "华尔街日报报道，这家公司计划裁员。该报还称，裁员将从明年开始。",
        [[(OUT, "The Wall Street Journal", None)], [(OUT, "The Wall Street Journal", None)]],
    ),
    (
        "N名知情人士告诉X",
        "两名知情人士告诉路透社，这笔交易可能在本月完成。",
        [[(OUT, "Reuters", None), (U, None, 2)]],
    ),
    ("X在一份声明中表示", "三星电子在一份声明中表示，新芯片将于年底量产。", [[(G, "三星电子", None)]]),
    ("company 发言人 name", "台积电发言人孙又文表示，公司的订单依然稳定。", [[(P, "孙又文", None)]]),
    ("「…」X說", "「我們不會退讓，」陳大同說。", [[(P, "陳大同", None)]]),
    ("country role name 周三表示", "美国总统拜登周三表示，他将签署这项法案。", [[(P, "拜登", None)]]),
    (
        "X在接受Y专访时说",
        "李国华在接受彭博社专访时说，公司将扩大在欧洲的投资。",
        [[(OUT, "Bloomberg", None), (P, "李国华", None)]],
    ),
    (
        "X表示 after a clause",
        "谈到油价时，刘伟表示，价格明年可能回落。",
        [[(P, "刘伟", None)]],
    ),
    (
        "据X援引Y报道",
        "据法新社援引当地官员报道，洪水已造成十人死亡。",
        [[(OUT, "Agence France-Presse", None), (U, None, None)]],
    ),
]

# Left: "告訴路透社" puts no outlet outside its sources (in the outlet's own story, which the reader is
# not always told, that would make the story a re-report of itself).
ZH_LEFT = {"N名知情人士告诉X"}
# The cue path (jieba blocked) reads the same constructions by characters: all rows but these.
ZH_CUE_PATH_LEFT = ZH_LEFT | {"Y记者从X获悉"}

KO = [
    ('X는 "…"고 말했다', '김철수 장관은 "경제가 회복되고 있다"고 말했다.', [[(P, "김철수", None)]]),
    ("X는 …라고 밝혔다", "박영희 대변인은 정부가 곧 대책을 내놓을 것이라고 밝혔다.", [[(P, "박영희", None)]]),
    ("X는 …고 전했다", "이민호 대표는 공장이 다음 달 문을 연다고 전했다.", [[(P, "이민호", None)]]),
    ("X는 …고 강조했다", "최지훈 의원은 개혁이 시급하다고 강조했다.", [[(P, "최지훈", None)]]),
    ("X는 …고 설명했다", "한국은행은 물가 상승세가 둔화하고 있다고 설명했다.", [[(G, "한국은행", None)]]),
    (
        "surname + role later, 덧붙였다",
        "최지훈 의원은 개혁이 시급하다고 강조했다. 최 의원은 법안을 다음 주에 낼 것이라고 덧붙였다.",
        [[(P, "최지훈", None)], [(P, "최지훈", None)]],
    ),
    (
        "…며 부인했다",
        '한동수 회장은 "전혀 사실이 아니다"며 의혹을 부인했다.',
        [[(P, "한동수", None)]],
    ),
    ("X에 따르면", "로이터통신에 따르면 이 공장은 5월에 문을 닫는다.", [[(OUT, "Reuters", None)]]),
    ("…고 X가 보도했다", "공장이 다음 달 폐쇄된다고 연합뉴스가 13일 보도했다.", [[(OUT, "Yonhap", None)]]),
    (
        "X는 Y를 인용해 보도했다",
        "블룸버그통신은 소식통을 인용해 두 회사가 합병을 논의하고 있다고 보도했다.",
        [[(OUT, "Bloomberg", None), (U, None, 1)]],
    ),
    ("X 관계자는", '삼성전자 관계자는 "신제품은 내년에 나온다"고 말했다.', [[(U, None, 1)]]),
    (
        "익명을 요구한 고위 당국자",
        "익명을 요구한 한 고위 당국자는 회담이 연기될 수 있다고 말했다.",
        [[(U, None, 1)]],
    ),
    (
        "X 대변인은 브리핑에서",
        "외교부 대변인은 정례 브리핑에서 정부가 상황을 주시하고 있다고 밝혔다.",
        [[(P, None, None)]],
    ),
    ("X는 성명을 통해", "국방부는 성명을 통해 훈련이 예정대로 진행된다고 밝혔다.", [[(G, "국방부", None)]]),
    (
        "X는 페이스북에 글을 올려",
        "이준호 의원은 페이스북에 글을 올려 정부의 결정이 잘못됐다고 주장했다.",
        [[(P, "이준호", None)]],
    ),
    (
        "X는 Y와의 인터뷰에서",
        "김영수 교수는 연합뉴스와의 인터뷰에서 금리가 더 오를 것이라고 말했다.",
        [[(OUT, "Yonhap", None), (P, "김영수", None)]],
    ),
    (
        "X는 기자들과 만나",
        "윤석진 시장은 이날 기자들과 만나 새 다리를 내년에 착공한다고 말했다.",
        [[(P, "윤석진", None)]],
    ),
    ('"…"라고 말했다', '정민수 감독은 "우리는 절대 포기하지 않는다"라고 말했다.', [[(P, "정민수", None)]]),
    ("…고 주장했다", "야당은 예산안이 부실하게 짜였다고 주장했다.", [[(G, "야당", None)]]),
    (
        "이 관계자는 points back",
        '현대차 관계자는 "생산에는 문제가 없다"고 말했다. 이 관계자는 "다음 달 공장을 다시 돌린다"고 덧붙였다.',
        [[(U, None, 1)], [(U, None, 1)]],
    ),
    (
        "그는 points back",
        "김철수 장관은 경제가 회복되고 있다고 말했다. 그는 수출이 늘고 있다고 덧붙였다.",
        [[(P, "김철수", None)], [(P, "김철수", None)]],
    ),
    (
        "그녀는 points back",
        "이수진 대표는 회사가 흑자로 돌아섰다고 밝혔다. 그녀는 내년에 직원을 더 뽑겠다고 말했다.",
        [[(P, "이수진", None)], [(P, "이수진", None)]],
    ),
    (
        "Y가 …고 말했다고 X가 보도했다",
        "김영수 장관이 회담이 연기됐다고 말했다고 로이터통신이 보도했다.",
        [[(OUT, "Reuters", None), (P, "김영수", None)]],
    ),
    (
        "Y는 …고 말했다고 X가 전했다",
        "박지민 대변인은 협상이 끝났다고 말했다고 AP통신이 전했다.",
        [[(OUT, "Associated Press", None), (P, "박지민", None)]],
    ),
    (
        'X는 "…고 Y가 말했다"고 보도했다',
        '한국일보는 "회담이 연기됐다고 익명을 요구한 한 당국자가 말했다"고 보도했다.',
        [[(OUT, "한국일보", None), (U, None, 1)]],
    ),
    (
        "an outlet's report in the complement is what the claim is about",
        "뉴욕타임스가 회담 내용을 잘못 보도했다고 국무부가 밝혔다.",
        [[(G, "국무부", None)]],
    ),
    (
        "X에 따르면 Y는 …고 말했다",
        "로이터통신에 따르면 김영수 장관은 회담이 연기됐다고 말했다.",
        [[(OUT, "Reuters", None), (P, "김영수", None)]],
    ),
    (
        "복수의 소식통에 따르면",
        "복수의 소식통에 따르면 두 나라는 다음 달 정상회담을 연다.",
        [[(U, None, None)]],
    ),
    (
        "…고 AP통신이 보도했다",
        "지진으로 다리가 무너졌다고 AP통신이 보도했다.",
        [[(OUT, "Associated Press", None)]],
    ),
    ("전문가들은 …고 지적했다", "전문가들은 금리 인상이 늦었다고 지적했다.", [[(U, None, None)]]),
    (
        "'…'고 그는 말했다",
        '김철수 장관은 경제가 회복되고 있다고 말했다. "수출이 늘고 있다"고 그는 말했다.',
        [[(P, "김철수", None)], [(P, "김철수", None)]],
    ),
    (
        "X는 Y에 …고 말했다 (told an outlet)",
        "김영수 교수는 연합뉴스에 금리가 더 오를 것이라고 말했다.",
        [[(OUT, "Yonhap", None), (P, "김영수", None)]],
    ),
    (
        "X 보고서에 따르면",
        "한국은행 보고서에 따르면 올해 성장률은 2%에 그친다.",
        [[(G, "한국은행", None)]],
    ),
    (
        "X 고위 관계자는 기자들에게",
        "미 국방부 고위 관계자는 기자들에게 훈련이 연기됐다고 말했다.",
        [[(U, None, 1)]],
    ),
]


def _chains(text, language):
    return [
        [(s.kind, s.name, s.count) for s in st.chain]
        for st in attribution.read(text, language=language).statements
    ]


@needs_jieba
@pytest.mark.parametrize(
    "what,text,expected",
    [
        pytest.param(*row, marks=pytest.mark.xfail(strict=True, reason="left")) if row[0] in ZH_LEFT else row
        for row in ZH
    ],
    ids=[row[0] for row in ZH],
)
def test_chinese_construction(what, text, expected):
    assert _chains(text, "zh") == expected


@pytest.mark.parametrize("what,text,expected", KO, ids=[row[0] for row in KO])
def test_korean_construction(what, text, expected):
    assert _chains(text, "ko") == expected


def test_chinese_constructions_without_jieba():
    """jieba blocked: the cue path still gets the plain constructions, and reads every row without failing."""
    texts = [row[1] for row in ZH]
    got = triples_blocked("CLAIMTRACKER_NO_JIEBA", texts, "zh")
    wrong = []
    for (what, _text, expected), chains in zip(ZH, got, strict=True):
        if what not in ZH_CUE_PATH_LEFT and chains != expected:
            wrong.append((what, chains, expected))
    assert wrong == []
