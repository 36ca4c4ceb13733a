"""The attribution reader on sentences written for the tests (real news is measured in bench/)."""

import pytest

import attribution
from attribution import english, russian

from .blocked import read_blocked


def speakers(text, **kwargs):
    return [
        [(s.kind, s.name, s.count) for s in st.chain] for st in attribution.read(text, **kwargs).statements
    ]


def test_an_intermediary_and_its_origin_outermost_first():
    reading = attribution.read(
        "Reuters reported, citing the Financial Times, that the plant will close in May."
    )
    (statement,) = reading.statements
    assert [s.name for s in statement.chain] == ["Reuters", "Financial Times"]
    assert statement.chain[1].cue == "citing"
    assert reading.rereport_of.name == "Financial Times"  # the origin is the deepest outlet


def test_it_resolves_she_to_the_named_speaker_before():
    text = (
        "Jane Roe, the plant manager, said the plant would close in May. "
        "She added that the workers would be moved to other sites."
    )
    first, second = attribution.read(text, language="en").statements
    assert first.chain[0].name == "Jane Roe" and "manager" in first.chain[0].role
    assert second.chain[0].name == "Jane Roe" and second.chain[0].resolved_from == "She"


def test_the_people_are_the_group_named_before():
    text = (
        "Two people familiar with the plans said the deal was close. "
        "The people said the talks would resume on Monday."
    )
    first, second = attribution.read(text, language="en").statements
    assert (first.chain[0].kind, first.chain[0].count) == ("unnamed", 2)
    assert (second.chain[0].kind, second.chain[0].count) == ("unnamed", 2)
    assert second.chain[0].resolved_from == "The people"


def test_a_sign_off_line_is_not_a_statement():
    text = "The plant will close in May, the company said.\n\nReporting by Anna Smith; Editing by Tom Brown"
    reading = attribution.read(text, language="en")
    assert len(reading.statements) == 1
    assert [text[a:b] for a, b in reading.bylines] == ["Reporting by Anna Smith; Editing by Tom Brown"]


def test_one_quote_over_two_paragraphs_keeps_its_speaker():
    text = '"We will close the plant in May.\n\n"The workers will be moved to other sites," Jane Roe said.'
    reading = attribution.read(text, language="en")
    assert [st.chain[0].name for st in reading.statements] == ["Jane Roe", "Jane Roe"]
    assert reading.statements[0].how == "quote run"


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("Завод закриють у травні, пише FT.", "uk", [("outlet", "Financial Times", None)]),
        (
            "Завод закроют в мае, рассказали три осведомлённых источника Financial Times.",
            "ru",
            [("outlet", "Financial Times", None), ("unnamed", None, 3)],
        ),
        ("据英国《金融时报》报道，工厂将在五月关闭。", "zh", [("outlet", "Financial Times", None)]),
        (
            "Das Werk schließt im Mai, berichtet der Spiegel unter Berufung auf Insider.",
            "de",
            [("outlet", "Der Spiegel", None), ("unnamed", None, None)],
        ),
        ("로이터통신에 따르면 공장은 5월에 문을 닫는다.", "ko", [("outlet", "Reuters", None)]),
    ],
)
def test_cues_in_six_languages(text, language, expected):
    assert speakers(text, language=language)[0] == expected


def test_the_articles_own_outlet_is_not_a_link():
    text = "The bank is in talks to buy a rival, two sources told Reuters."
    assert speakers(text, language="en", outlet="Reuters") == [[("unnamed", None, 2)]]


def test_without_the_parser_it_reads_the_cues_alone():
    """spaCy blocked: the reader says so and still reads the attribution."""
    engine, names, _ = read_blocked(
        "CLAIMTRACKER_NO_SPACY", "The plant will close in May, Jane Roe said.", "en"
    )
    assert (engine, names) == ("cues", ["Jane Roe"])


@pytest.mark.skipif(not english.available(), reason="spaCy's English pipeline is not installed")
def test_the_parser_path_names_its_model():
    assert attribution.read("Jane Roe said the plant would close.", language="en").engine.startswith("spacy")


def test_without_natasha_russian_reads_the_cues_alone():
    engine, names, _ = read_blocked(
        "CLAIMTRACKER_NO_NATASHA", "Завод закроют в мае, заявил директор завода Иван Петров.", "ru"
    )
    assert (engine, names) == ("cues", ["Иван Петров"])


@pytest.mark.skipif(not russian.available(), reason="natasha is not installed")
def test_the_russian_parser_names_the_speaker_in_the_nominative():
    reading = attribution.read(
        "Директор завода Иван Петров заявил, что завод закроют в мае. По словам Ивана Петрова, рабочих переведут.",
        language="ru",
    )
    assert reading.engine.startswith("natasha")
    assert [st.chain[-1].name for st in reading.statements] == ["Иван Петров", "Иван Петров"]


# Re-report detection at the article level, and the press in general.


def test_a_source_line_names_the_origin_of_the_page():
    text = (
        "Джерело: Bloomberg\n\n"
        "Компанія Northwind розірвала угоду про продаж свого підрозділу. Сторони не коментують рішення."
    )
    reading = attribution.read(text, language="uk")
    assert reading.rereport_of is not None and reading.rereport_of.name == "Bloomberg"
    assert reading.rereport_cue.lower() == "джерело"


def test_an_outlet_reported_in_the_lede_after_a_companys_own_statement_is_not_the_origin():
    # The company's own statement opens the story; the outlet's report is one attribution among several.
    text = (
        "Northwind Logistics said on Tuesday it held early talks with Harbor Freight, denying a report "
        "that a deal was close.\n\n"
        "The two companies could sign as early as this month, Bloomberg reported.\n\n"
        '"We can confirm early talks," Northwind said in a statement. Harbor Freight said it does not '
        "comment on market rumours. Northwind added that no decision had been taken."
    )
    reading = attribution.read(text, language="en")
    assert reading.rereport_of is None


def test_an_outlet_credited_with_the_first_statement_in_the_second_paragraph_is_the_origin():
    text = (
        "Служба безопасности требует от банков хранить переписку клиентов. Речь идёт и о приложениях.\n\n"
        "Как пишет РБК, к 2027 году банки должны установить новое оборудование. "
        "Производители оборудования сказали, что сроки нереальны."
    )
    reading = attribution.read(text, language="ru")
    assert reading.rereport_of is not None and reading.rereport_of.name in {"RBC", "РБК"}


def test_a_sentence_that_only_says_who_quotes_the_speaker_makes_the_outlet_the_origin():
    text = (
        "Правительство готовит список товаров, запрещённых к вывозу. Об этом заявил вице-премьер "
        "Иван Сидоренко. Его цитирует РИА Новости.\n\n"
        "По словам Сидоренко, список будет готов к лету."
    )
    reading = attribution.read(text, language="ru")
    assert reading.rereport_of is not None and reading.rereport_of.name in {"RIA Novosti", "РИА Новости"}
    assert reading.rereport_cue == "цитирует"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Some local media reported that the plant would close in May.", "en"),
        ("СМИ сообщили, что завод закроют в мае.", "ru"),
        ("Ранее ЗМІ повідомили, що завод закриють у травні.", "uk"),
        ("일부 언론들은 공장이 5월에 문을 닫는다고 보도했다.", "ko"),
    ],
)
def test_the_press_in_general_is_a_nameless_group_and_never_the_origin(text, language):
    reading = attribution.read(text, language=language)
    (statement,) = reading.statements
    assert [s.kind for s in statement.chain] == ["unnamed"]
    assert reading.rereport_of is None


def test_a_report_from_a_name_makes_the_name_an_outlet():
    (statement,) = attribution.read(
        "The plant will close in May, says a report from Valley Ledger.", language="en", use_parser=False
    ).statements
    assert [(s.kind, s.name) for s in statement.chain] == [("outlet", "Valley Ledger")]


@pytest.mark.parametrize(
    ("text", "chain"),
    [
        (
            "Energy Minister Karl Obermann said the country would cut exports by half, Reuters reported.",
            [("outlet", "Reuters"), ("person", "Karl Obermann")],
        ),
        (
            "The plant will close in May, two people familiar with the plans said, the Financial Times reported.",
            [("outlet", "Financial Times"), ("unnamed", None)],
        ),
    ],
)
def test_an_outlet_closing_the_sentence_wraps_the_speaker_inside(text, chain):
    (statement,) = attribution.read(text, language="en").statements
    assert [(s.kind, s.name) for s in statement.chain] == chain


def test_sources_closing_the_sentence_still_take_it_from_a_speech_verb_inside():
    (statement,) = attribution.read(
        "Founder Ivan Petrov voiced doubts about the plan at the meeting, two sources added.", language="en"
    ).statements
    assert [(s.kind, s.count) for s in statement.chain] == [("unnamed", 2)]


def test_an_outlet_cited_by_the_reporting_outlet_is_the_deeper_link_and_the_origin():
    text = (
        "Завод закроют в мае. Об этом заявил директор завода Иван Сидоренко, сообщает «Вечерний курьер» "
        "со ссылкой на Reuters."
    )
    reading = attribution.read(text, language="ru")
    chains = [[s.name for s in st.chain] for st in reading.statements]
    assert ["Вечерний курьер", "Reuters", "Иван Сидоренко"] in chains
    assert not any(c == ["Reuters"] for c in chains)
    assert reading.rereport_of.name == "Reuters"


@pytest.mark.parametrize("use_parser", [True, False])
def test_russian_according_to_him_is_the_speaker_named_before(use_parser):
    text = "Вице-премьер Иван Сидоренко заявил, что список готов. По его словам, в него войдут удобрения."
    reading = attribution.read(text, language="ru", use_parser=use_parser)
    assert [[s.name for s in st.chain] for st in reading.statements][-1][-1].endswith("Сидоренко")
    assert reading.statements[-1].cue == "По его словам"


def test_ukrainian_a_ministry_speaks_in_the_neuter_and_in_the_agency():
    text = (
        "Міністерство оборони України повідомило про нові поставки. "
        "У відомстві зазначили, що перевіряють інформацію. За її словами, все гаразд."
    )
    chains = [[(s.kind, s.name) for s in st.chain] for st in attribution.read(text, language="uk").statements]
    assert chains[:2] == [[("organisation", "Міністерство оборони України")]] * 2


def test_a_subject_before_its_verb_keeps_its_nominative_name():
    (statement,) = attribution.read(
        "Міністр Олена Коваль заявила, що список готовий.", language="uk"
    ).statements
    assert statement.chain[0].name == "Олена Коваль"


def test_about_this_is_never_a_source():
    reading = attribution.read("Завод закроют в мае. Об этом заявил директор Иван Сидоренко.", language="ru")
    names = {s.name for st in reading.statements for s in st.chain}
    assert names == {"Иван Сидоренко"}


def test_a_possessive_name_is_not_the_speaker_of_the_apposition():
    (statement,) = attribution.read(
        "Mr. Fox’s successor, Felipe Calderón, expressed similar concerns about the wall.", language="en"
    ).statements
    assert statement.chain[-1].name == "Felipe Calderón"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Elizabeth Lauten, the communications director for Rep. Stephen Fincher, wrote that the "
            "teenagers should show class.",
            "Elizabeth Lauten",
        ),
        ("A spokesman for Sen. John Smith, Mark Jones, said the bill would pass.", "Mark Jones"),
        ("Trump adviser Kellyanne Conway said the plan was ready.", "Kellyanne Conway"),
    ],
)
def test_which_of_several_people_a_source_phrase_names(text, speaker):
    (statement,) = attribution.read(text, language="en").statements
    assert statement.chain[-1].name == speaker


def test_a_quote_cut_after_its_exclamation_takes_the_short_attribution_after_it():
    text = (
        "Ms. Alvarez spoke first.\n\n"
        "“We will not pay for such a wall!” Mr. Calderón told Valley Radio. “And it is useless.”"
    )
    reading = attribution.read(text, language="en")
    quoted = next(st for st in reading.statements if text[st.start : st.end].startswith("“We will"))
    assert [s.name for s in quoted.chain] == ["Valley Radio", "Calderón"]


# Korean: particles mark the speaker; names are not capitalised.


def test_korean_the_topic_outside_the_quote_speaks_and_is_named_later_by_surname():
    text = (
        '그러나 청와대 정연국 대변인은 "사실과 다르다"고 말했다. '
        '정 대변인은 "제재가 더 강해질 것"이라고 말했다.'
    )
    chains = [
        [(s.kind, s.name, s.role) for s in st.chain]
        for st in attribution.read(text, language="ko").statements
    ]
    assert chains == [[("person", "정연국", "대변인")]] * 2


def test_korean_the_main_clause_after_the_complement_names_the_speaker():
    text = "트럼프 대통령이 김정은 위원장과 좋은 관계를 갖게 될 것이라고 말한 걸 신문이 잘못 보도했다고 백악관이 13일 밝혔다."
    (statement,) = attribution.read(text, language="ko").statements
    assert statement.chain[-1].name == "백악관"


def test_korean_an_adnominal_verb_is_no_topic():
    text = '외교안보 문제를 다루는 이 당국자는 "회의에서 평가를 했다"고 전했다.'
    (statement,) = attribution.read(text, language="ko").statements
    assert [s.kind for s in statement.chain] == ["unnamed"]


def test_a_definite_description_of_a_source_points_back_to_the_person_named():
    text = (
        "Foreign Ministry Spokeswoman Maria Lindqvist said on Sunday that the office failed to confirm it. "
        "According to the Swedish diplomat, the employees passed the question to London. "
        "What is going on there is absurd, she stressed."
    )
    chains = [[(s.kind, s.name) for s in st.chain] for st in attribution.read(text, language="en").statements]
    assert chains == [[("person", "Maria Lindqvist")]] * 3


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Виробники обладнання сказали журналістам РБК, що бачать інтерес.", "uk"),
        ("Two executives told reporters from Reuters that the plan was dead.", "en"),
    ],
)
def test_told_the_journalists_of_an_outlet_puts_the_outlet_outside(text, language):
    (statement,) = attribution.read(text, language=language).statements
    assert statement.chain[0].kind == "outlet" and statement.chain[0].name in {"РБК", "RBC", "Reuters"}
    assert len(statement.chain) == 2


def test_a_report_from_an_outlet_opening_the_story_makes_it_a_re_report():
    # The outlet's report speaks ("says a report from …"), so it is the origin even when the story
    # goes on with the executive's own words.
    text = (
        "Acme chief executive Jane Roe confirmed the layoffs in a memo to staff, says a report from "
        "Valley Daily.\n\nRoe said the cuts would stay below a few hundred jobs per site.\n\n"
        "She said the company needed to invest in new areas.\n\nShe added that the plan was final."
    )
    reading = attribution.read(text, language="en")
    assert reading.rereport_of is not None and reading.rereport_of.name == "Valley Daily"


def test_a_speaker_at_an_outlet_with_little_backing_is_not_the_origin():
    text = (
        "Acme chief executive Jane Roe told Valley Daily the layoffs were confirmed.\n\n"
        "Roe said the cuts would stay below a few hundred jobs per site.\n\n"
        "She said the company needed to invest in new areas.\n\nShe added that the plan was final."
    )
    assert attribution.read(text, language="en").rereport_of is None


@pytest.mark.parametrize(
    "second",
    [
        "Как уточняет издание, речь идет о 500 сотрудниках.",
        "Газета уточняет, что речь идет о 500 сотрудниках.",
        "Издание не исключает, что речь идет о 500 сотрудниках.",
    ],
)
def test_russian_present_tense_verbs_credit_the_outlet_named_before(second):
    text = "Газета «Вечерний курьер» сообщила, что завод сократит штат. " + second
    chains = speakers(text, language="ru")
    assert len(chains) == 2 and chains[1] == chains[0]


@pytest.mark.skipif(not english.available(), reason="spaCy's English pipeline is not installed")
def test_an_outlet_reporting_what_a_person_said_nests_the_person_inside():
    text = "The Valley Daily reported that Mayor Jane Roe said the bridge would reopen in May."
    assert speakers(text, language="en") == [[("outlet", "Valley Daily", None), ("person", "Jane Roe", None)]]
    # a person's "said" keeps what another said inside it as the first speaker's statement
    text = "Mayor Jane Roe said the council had claimed the bridge was safe."
    assert speakers(text, language="en") == [[("person", "Jane Roe", None)]]


def test_russian_imperfective_past_groups_and_descriptions_of_journalists():
    assert speakers("Участники рынка рассказывали, что завод продадут.", language="ru") == [
        [("unnamed", None, None)]
    ]
    text = (
        "О продаже завода сообщила журналистка Анна Петрова. По информации журналистки, сделку объявят в мае."
    )
    # "О продаже завода" is what was said about, never a second source
    assert speakers(text, language="ru") == [
        [("person", "Анна Петрова", None)],
        [("person", "Анна Петрова", None)],
    ]


def test_korean_interview_with_an_outlet_puts_the_outlet_outside_the_speaker():
    text = '김철수 사장은 연합뉴스와의 인터뷰에서 "공장은 5월에 문을 닫는다"고 말했다.'
    assert speakers(text, language="ko") == [[("outlet", "Yonhap", None), ("person", "김철수", None)]]
    text = (
        "월스트리트저널은 11일 공장이 문을 닫는다고 보도했다. "
        '김철수 사장은 이 신문과의 인터뷰에서 "공장은 5월에 문을 닫는다"고 말했다.'
    )
    assert speakers(text, language="ko")[1] == [
        ("outlet", "The Wall Street Journal", None),
        ("person", "김철수", None),
    ]
    # a time word before the quote is no listener
    assert speakers('김철수 사장은 5월에 "공장은 문을 닫는다"고 말했다.', language="ko") == [
        [("person", "김철수", None)]
    ]


def test_a_story_opening_with_a_denial_of_a_report_is_a_reaction_not_a_re_report():
    text = (
        "Acme has denied a report that it plans to close its Leeds plant.\n\n"
        "The Valley Daily reported on Friday that the plant would shut in May. "
        "Two people familiar with the plans said the decision was taken in March.\n\n"
        "Acme spokeswoman Jane Roe said the company had no such plans.\n\n"
        "Roe said the plant had a full order book.\n\nShe added that hiring would continue."
    )
    assert attribution.read(text, language="en").rereport_of is None


def test_a_story_opening_with_the_report_stays_a_re_report_when_denials_follow():
    text = (
        "The Valley Daily reported on Friday that Acme would close its Leeds plant in May.\n\n"
        "Acme denied the report.\n\nAcme spokeswoman Jane Roe said the company had no such plans.\n\n"
        "Roe said the plant had a full order book.\n\nShe added that hiring would continue."
    )
    reading = attribution.read(text, language="en")
    assert reading.rereport_of is not None and reading.rereport_of.name == "Valley Daily"


@pytest.mark.parametrize("use_parser", [True, False])
def test_a_person_named_after_their_outlet_is_the_person_at_the_outlet(use_parser):
    text = "Владелец издательского дома «Коммерсант» Алишер Усманов подтвердил, что продает газету."
    (st,) = attribution.read(text, language="ru", use_parser=use_parser).statements
    (src,) = st.chain
    assert (src.kind, src.name, src.affiliation) == ("person", "Алишер Усманов", "Коммерсантъ")
