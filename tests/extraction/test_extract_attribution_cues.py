"""Attribution cues one at a time, in Russian and English, on sentences written for the test."""

import pytest

from extraction.proposer import extract


def links(text, **kwargs):
    claims = extract(text, **kwargs).claims
    assert claims, "no claim proposed"
    return [(m.kind, m.name or None, m.count) for m in claims[0].links]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Завод остановят в мае, отметили два источника.", [("unnamed", None, 2)]),
        ("По словам двух источников, завод остановят в мае.", [("unnamed", None, 2)]),
        ("Завод остановят в мае, сообщили трое собеседников.", [("unnamed", None, 3)]),
        (
            "Завод остановят в мае, рассказали три осведомлённых источника Financial Times.",
            [("outlet", "Financial Times", None), ("unnamed", None, 3)],
        ),
        ("The plant will close in May, three people familiar with the matter said.", [("unnamed", None, 3)]),
        ("The plant will close in May, according to two of the people.", [("unnamed", None, 2)]),
        ("The plant will close in May, 4 sources said.", [("unnamed", None, 4)]),
    ],
)
def test_it_counts_unnamed_sources_in_words_and_digits(text, expected):
    assert links(text) == expected


def test_it_resolves_the_newspaper_to_the_outlet_named_before():
    text = (
        "Завод закроют в мае. Об этом пишет газета «Вечерний курьер» со ссылкой на источники.\n\n"
        "По данным издания, рабочих переведут на другие предприятия."
    )
    second = extract(text).claims[1]
    assert [(m.kind, m.name) for m in second.links] == [("outlet", "Вечерний курьер")]


def test_it_resolves_the_paper_in_english():
    text = (
        "The plant will close in May, the Northern Courier reported, citing people familiar with the plans.\n\n"
        "Workers will be moved to other sites, the paper said."
    )
    second = extract(text).claims[1]
    assert [(m.kind, m.name) for m in second.links] == [("outlet", "Northern Courier")]


@pytest.mark.parametrize(
    "text, quote",
    [
        ("«Мы закроем завод в мае», — сказал директор завода Иван Петров.", "Мы закроем завод в мае"),
        (
            '"We will close the plant in May," said Jane Roe, the plant manager.',
            "We will close the plant in May",
        ),
        ("„Мы закроем завод в мае“, — сказал директор завода Иван Петров.", "Мы закроем завод в мае"),
    ],
)
def test_it_keeps_the_direct_quote_in_any_quote_marks(text, quote):
    claim = extract(text).claims[0]
    assert claim.links[-1].kind == "person" and claim.links[-1].quote == quote
    assert claim.text.startswith(quote)


def test_it_gives_he_to_the_person_quoted_before():
    text = "Директор завода Иван Петров заявил, что завод закроют в мае.\n\n«Это вынужденная мера», — добавил он."
    second = extract(text).claims[1]
    assert second.links[-1].name == "Иван Петров"


def test_it_strips_the_attribution_from_the_claim_text_and_span():
    text = "По данным агентства Bloomberg, завод закроют в мае."
    claim = extract(text).claims[0]
    assert claim.text == "Завод закроют в мае."
    assert text[claim.start : claim.end] == "завод закроют в мае"


def test_it_takes_the_outlet_from_a_wire_dateline_and_drops_told_us():
    text = "LONDON, June 12 (Reuters) - The bank is in talks to buy a rival, two sources told Reuters."
    claim = extract(text).claims[0]
    assert [(m.kind, m.count) for m in claim.links] == [("unnamed", 2)]


def test_it_classifies_opinions_and_predictions():
    kinds = [
        c.kind
        for c in extract(
            "По мнению аналитика Ивана Петрова, рынок перегрет.\n\n"
            "Analysts at Foo Research expect prices will fall next year."
        ).claims
    ]
    assert kinds == ["opinion", "prediction"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Переговоры зашли в тупик, как стало известно «Коммерсанту».", [("outlet", "Коммерсантъ", None)]),
        (
            "Два сотрудника сети на условиях анонимности рассказали «Ведомостям», что проверка длилась год.",
            [("outlet", "Ведомости", None), ("unnamed", None, 2)],
        ),
        ("Зима в регионе, по прогнозу синоптиков, будет холоднее обычного.", [("unnamed", None, None)]),
        (
            "Представитель TSMC отказался от подробностей, отметив, что компания «оценивает варианты».",
            [("person", None, None)],
        ),
        (
            "The ceasefire was first proposed by Turkey in March, as first reported by Al-Monitor.",
            [("outlet", "Al-Monitor", None)],
        ),
        (
            # one unnamed source known by role, speaking for Orion (news-dev's labelling rule for groups)
            "A spokesperson for Orion said the company had no plans for further layoffs.",
            [("unnamed", None, 1)],
        ),
        (
            'In a televised address, President Elena Moravec said: "This is a first step, not a peace deal."',
            [("person", "Elena Moravec", None)],
        ),
    ],
)
def test_it_reads_more_attribution_styles(text, expected):
    assert links(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "По словам источника РИА Новости в отрасли, отзыв затронет 400 тысяч упаковок.",
            [("outlet", "РИА Новости", None), ("unnamed", None, 1)],
        ),
    ],
)
def test_it_reads_sources_of_outlets_documents_and_polls(text, expected):
    assert links(text) == expected


def test_it_gives_no_speaker_to_a_passive_expected():
    assert extract("The Federal Reserve is expected to cut rates in June.").claims[0].links == []
