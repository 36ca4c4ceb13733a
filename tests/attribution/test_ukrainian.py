"""The Ukrainian morphology path (pymorphy3 + its Ukrainian dictionary) on sentences written for the tests,
and the cue path it falls back to without the package."""

import pytest

import attribution
from attribution import ukrainian
from attribution.inflection import name_reading, nominative

from .blocked import read_blocked

needs_dictionary = pytest.mark.skipif(
    not ukrainian.available(), reason="pymorphy3 with its Ukrainian dictionary is not installed"
)


def chains(text):
    reading = attribution.read(text, language="uk")
    return [[(s.kind, s.name) for s in st.chain] for st in reading.statements]


def speakers(text):
    return [st.chain[-1].name for st in attribution.read(text, language="uk").statements]


@needs_dictionary
def test_the_engine_names_the_dictionary():
    assert attribution.read("Кремль заявив, що зустрічі не буде.", language="uk").engine.startswith(
        "pymorphy3"
    )


@needs_dictionary
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Згодом Кремль заявив, що зустрічі не буде.", "Кремль"),
        ("Раніше СБУ повідомила про затримання двох агентів.", "СБУ"),
        ("Як Укренерго повідомило, графіки відключень скасовано.", "Укренерго"),
        ("Зеленський у своєму зверненні заявив, що обмін відбудеться.", "Зеленський"),
    ],
)
def test_adverbs_conjunctions_and_prepositional_phrases_are_no_part_of_the_subject(text, name):
    assert speakers(text) == [name]


@needs_dictionary
def test_an_object_before_the_verb_is_not_its_subject():
    """ "Заяву коментує X": the accusative before the verb is what X comments on."""
    assert chains("Заяву коментує Державна митна служба, передає Укрінформ.") == [
        [("outlet", "Укрінформ"), ("organisation", "Державна митна служба")]
    ]


@needs_dictionary
def test_an_outlet_relaying_a_person_after_about_this():
    assert chains("Про це заявив міністр енергетики Андрій Шевчук, передає Укрінформ.") == [
        [("outlet", "Укрінформ"), ("person", "Андрій Шевчук")]
    ]


@needs_dictionary
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("За словами політолога Івана Бердецького, вибори відбудуться восени.", "Іван Бердецький"),
        ("За словами Олени Ковальчук, школа відкриється у вересні.", "Олена Ковальчук"),
    ],
)
def test_names_in_an_oblique_case_are_read_in_the_nominative(text, name):
    assert speakers(text) == [name]


@needs_dictionary
def test_name_reading_agrees_gender_and_case_across_the_words():
    assert name_reading("Юлії Тимошенко", "uk") == ("Юлія Тимошенко", "f", "gent")
    assert name_reading("Петра Мельничука", "uk")[0] == "Петро Мельничук"
    assert name_reading("Андрій Шевчук", "uk") == ("Андрій Шевчук", "m", "nomn")
    assert nominative("Мішеля де Брюне", "uk") == "Мішель де Брюне"


@needs_dictionary
def test_a_description_resolves_to_the_institution_named_before():
    text = "Міністерство фінансів України оприлюднило звіт. У відомстві зазначили, що дефіцит зменшився."
    assert speakers(text) == ["Міністерство фінансів України"]


@needs_dictionary
def test_a_role_noun_resolves_to_the_person_named_before_not_an_outlet():
    text = "Депутат Петро Коваленко виступив у парламенті. Політик наголосив, що закон потрібен."
    assert speakers(text) == ["Петро Коваленко"]


@needs_dictionary
def test_he_is_the_last_man_named_not_the_woman_nor_the_platform():
    text = (
        "Олена Ковальчук привітала рішення. Депутат Петро Коваленко написав у Facebook, що голосуватиме проти. "
        '"Закон шкідливий", – заявив він.'
    )
    assert speakers(text)[-1] == "Петро Коваленко"


@needs_dictionary
def test_a_verb_without_a_subject_speaks_for_the_last_speaker_it_agrees_with():
    text = "Міністерство оборони провело брифінг. Також закликали не поширювати чутки."
    assert speakers(text) == ["Міністерство оборони"]


@needs_dictionary
def test_a_verb_without_a_subject_and_nobody_before_names_nobody():
    assert speakers("Раніше повідомляли, що міст відремонтують до зими.") == []


@needs_dictionary
def test_a_second_verb_of_the_same_subject():
    text = "Петро Коваленко написав у Telegram, що закон ухвалять, та зазначив, що голосуватиме проти."
    assert set(speakers(text)) == {"Петро Коваленко"}


@needs_dictionary
def test_the_first_of_coordinated_subjects():
    text = "Міністерство юстиції та Офіс генпрокурора заявили, що перевірка триває."
    assert speakers(text) == ["Міністерство юстиції"]


@needs_dictionary
def test_a_plural_common_noun_is_an_unnamed_group():
    (chain,) = attribution.read("Виробники зерна сказали, що врожай буде меншим.", language="uk").statements
    assert (chain.speaker.kind, chain.speaker.description) == ("unnamed", "виробники зерна")


@needs_dictionary
def test_a_capitalised_adjective_before_a_common_noun_is_an_institution_not_a_person():
    assert chains("Білий дім заявив, що санкції залишаться.") == [[("organisation", "Білий дім")]]


def test_without_the_dictionary_ukrainian_reads_the_cues_alone():
    """pymorphy3 blocked: the cue path as it was, adverb and all."""
    engine, names, _ = read_blocked(
        "CLAIMTRACKER_NO_PYMORPHY", "Згодом Кремль заявив, що зустрічі не буде.", "uk"
    )
    assert (engine, names) == ("cues", ["Згодом Кремль"])


def test_without_the_dictionary_names_fall_back_to_the_ending_guesses():
    engine, names, _ = read_blocked(
        "CLAIMTRACKER_NO_PYMORPHY",
        "За словами політолога Івана Бердецького, вибори відбудуться восени.",
        "uk",
    )
    assert engine == "cues" and names == ["Іван Бердецького"]


@needs_dictionary
def test_the_dictionary_runs_without_the_parsers_too():
    # corroboration reads coverage with use_parser=False: "Згодом Кремль" is still the Kremlin there
    reading = attribution.read(
        "Згодом Кремль підтвердив, що зустрічі не буде.", language="uk", use_parser=False
    )
    assert reading.engine.startswith("pymorphy3")
    assert [st.chain[-1].name for st in reading.statements] == ["Кремль"]


@pytest.mark.parametrize(
    "language, text",
    [
        ("uk", "Завод закриють у травні, пише Valley Daily з посиланням на трьох обізнаних джерел."),
        ("ru", "Завод закроют в мае, пишет Valley Daily со ссылкой на три источника."),
        ("en", "The plant will close in May, Jane Roe said, citing three people familiar with the plans."),
    ],
)
def test_a_citing_cue_right_after_a_source_is_its_deeper_link(language, text):
    # one statement, the cited group inside whoever cites it (an unknown outlet reads as a name)
    (statement,) = attribution.read(text, language=language).statements
    assert [s.kind for s in statement.chain][-1] == "unnamed" and len(statement.chain) == 2
    assert statement.chain[-1].count == 3
