"""Precision checklist: sentences that look like attributions but credit nobody (or someone else), in
English, German, Russian and Ukrainian news, each invented, with what the reader must make of it: `None`
(no statement) or the chain of the one statement, outermost first, as (kind, name).

Withheld speech ("declined to comment", "lehnte eine Stellungnahme ab", "от комментариев отказались"),
speech still to come ("will announce on Monday", "объявит в понедельник"), hearsay with no source
("is said to be", "soll … haben", "якобы", "нібито": the outlet's own, no statement under the labelling
rules), questions and orders received ("was asked whether", "were told to leave"), idioms ("that said",
"said goodbye", "schreibt Verluste", "говорит о многом"), titles and "so-called", plans and schedules
("according to plan", "wie geplant", "по плану", "за планом"), rumours. A few controls (a progressive,
"went on to say", "не раз заявлял", "neither confirmed nor denied") must still read as statements.

Each row: (sentence, expected, whether the cue path alone must also get it right). On the cue path the
English names stay as written ("Roe"), so there the test checks only statement or none.
"""

import pytest

import attribution
from attribution import english, russian, ukrainian

from .blocked import chains_blocked

CONTEXT = {
    "en": "Jane Roe is the mayor of Springfield. Acme Corp. runs the mill in town.\n\n",
    "de": "Anna Berg leitet das Werk in Lindau. Der Konzern Nordwerk beschäftigt dort 900 Menschen.\n\n",
    "ru": "Олег Тарасов руководит заводом в Твери. Компания «Север» владеет заводом.\n\n",
    "uk": "Олег Тарасенко керує заводом у Рівному. Компанія «Північ» володіє заводом.\n\n",
}

EN = [
    # controls: what the filters must leave alone (progressive, 'went on to', 'would later')
    ("Roe is saying the mill will close.", [("person", "Jane Roe")], True),
    ("Roe went on to say the mill would close.", [("person", "Jane Roe")], True),
    ("Roe would later say that the mill was doomed.", [("person", "Jane Roe")], True),
    ("A spokesperson for Acme declined to comment on the report.", None, True),
    ("Acme declined to say how many jobs would go.", None, True),
    ("Roe did not respond to a request for comment on Tuesday.", None, True),
    ("Acme could not be reached for comment.", None, True),
    ("Roe did not immediately return a call seeking comment.", None, True),
    ("Acme did not immediately respond to emailed questions.", None, True),
    ("Roe is expected to announce the closure on Monday.", None, True),
    ("Roe will say on Monday whether the mill will close.", None, True),
    ("Roe will tell the council next week that the mill must close.", None, True),
    ("Roe is set to unveil the plan next week.", None, True),
    ("Roe plans to announce her decision on Friday.", None, True),
    ("The mill is said to be losing money.", None, True),
    ("The mill is reportedly losing money.", None, True),
    ("Roe reportedly plans to sell the mill.", None, True),
    ("Roe is thought to have sold her shares.", None, True),
    ("Roe is understood to have sold her shares last year.", None, True),
    ("Roe, it is said, once owned the mill.", None, True),
    ("It is believed that the mill will close.", None, True),
    ("There are rumours that the mill will close.", None, True),
    ("Rumors that Acme will sell the mill have spread across town.", None, True),
    ("Roe was asked whether the mill would close.", None, True),
    ("Reporters asked Roe whether the mill would close.", None, True),
    ("Asked whether the mill would close, Roe declined to comment.", None, True),
    ("Roe was told to leave the building.", None, True),
    ("The workers were told to go home early.", None, True),
    ("The so-called rescue plan has cost the town millions.", None, True),
    ("Roe’s new book, “Telling the Truth,” comes out in May.", None, True),
    ("The song “She Said” topped the charts last year.", None, True),
    ("The film “Say Nothing” won an award in Berlin.", None, True),
    ("Roe said goodbye to the workers on Friday.", None, True),
    ("The closure says a lot about the town’s economy.", None, True),
    ("The work is going according to plan.", None, True),
    ("The bus left on time, according to schedule.", None, True),
    ("That said, the mill is still losing money.", None, True),
    ("Needless to say, the workers are worried.", None, True),
    ("Truth be told, nobody expected the vote.", None, True),
    ("Roe told the story of her grandfather at the mill.", None, True),
    ("Roe refused to answer questions from reporters.", None, True),
    ("Roe spoke at the mill on Monday.", None, True),
    ("Roe did not confirm or deny the report.", [("person", "Jane Roe")], False),
]

DE = [
    ("Berg sprach von einem Erfolg.", [("person", "Anna Berg")], True),
    ("Ein Sprecher des Konzerns lehnte eine Stellungnahme ab.", None, True),
    ("Nordwerk war für eine Stellungnahme nicht zu erreichen.", None, True),
    ("Berg ließ eine Anfrage unbeantwortet.", None, True),
    ("Auf Anfrage äußerte sich der Konzern nicht.", None, True),
    ("Berg wollte sich zu den Vorwürfen nicht äußern.", None, True),
    ("Berg gab keinen Kommentar ab.", None, True),
    ("Berg soll das Geld angenommen haben.", None, True),
    ("Das Werk schreibt angeblich Verluste.", None, True),
    ("Berg will am Montag ihre Pläne vorstellen.", None, True),
    ("Berg wird am Montag eine Erklärung abgeben.", None, True),
    ("Die Arbeiten laufen wie geplant.", None, True),
    ("Der Bau verläuft nach Plan.", None, True),
    ("Die sogenannte Reform kostet Millionen.", None, True),
    ("Der Film „Sag nichts“ gewann einen Preis.", None, True),
    ("Berg wurde gefragt, ob das Werk schließt.", None, True),
    ("Die Arbeiter wurden aufgefordert, das Werk zu verlassen.", None, True),
    ("Berg verabschiedete sich von den Arbeitern.", None, True),
    ("Das sagt viel über die Lage im Werk aus.", None, True),
    ("Gerüchten zufolge schließt das Werk.", None, True),
    ("Man geht davon aus, dass das Werk schließt.", None, True),
    ("Berg sprach am Montag in Lindau.", None, True),
    ("Berg hat den Bericht weder bestätigt noch dementiert.", [("person", "Anna Berg")], True),
]

RU = [
    ("Олег Тарасов не раз заявлял, что завод не закроют.", [("person", "Олег Тарасов")], True),
    ("В компании от комментариев отказались.", None, True),
    ("Олег Тарасов отказался от комментариев.", None, True),
    ("В министерстве не ответили на запрос редакции.", None, True),
    ("Связаться с Олегом Тарасовым не удалось.", None, True),
    ("Работы идут по плану.", None, True),
    ("Строительство завершится по графику.", None, True),
    ("Тарасов якобы получил взятку.", None, True),
    ("Ходят слухи, что завод закроют.", None, True),
    ("По слухам, завод закроют.", None, True),
    ("Тарасов, как ожидается, объявит об отставке в понедельник.", None, True),
    ("Тарасов выступит с заявлением в понедельник.", None, True),
    ("Так называемая реформа обошлась в миллионы.", None, True),
    ("Фильм «Говори» получил премию.", None, True),
    ("Тарасова спросили, закроют ли завод.", None, True),
    ("Рабочим велели покинуть завод.", None, True),
    ("Тарасов попрощался с коллегами.", None, True),
    ("Это говорит о многом.", None, True),
    ("Считается, что завод закроют.", None, True),
    ("Говорят, что завод закроют.", None, True),
    ("Как и планировалось, завод открылся в мае.", None, True),
    ("Тарасов не сказал, закроют ли завод.", None, True),
    ("В пресс-службе не смогли прокомментировать ситуацию.", None, True),
]

UK = [
    ("Олег Тарасенко не раз заявляв, що завод не закриють.", [("person", "Олег Тарасенко")], True),
    ("У компанії відмовилися від коментарів.", None, True),
    ("Олег Тарасенко відмовився коментувати ситуацію.", None, True),
    ("У міністерстві не відповіли на запит редакції.", None, True),
    ("Зв'язатися з Олегом Тарасенком не вдалося.", None, True),
    ("Роботи йдуть за планом.", None, True),
    ("Будівництво завершать за графіком.", None, True),
    ("Тарасенко нібито отримав хабар.", None, True),
    ("Ходять чутки, що завод закриють.", None, True),
    ("За чутками, завод закриють.", None, True),
    ("Тарасенко, як очікується, оголосить про відставку в понеділок.", None, True),
    ("Так звана реформа коштувала мільйони.", None, True),
    ("Фільм «Говори» отримав премію.", None, True),
    ("Тарасенка запитали, чи закриють завод.", None, True),
    ("Робітникам наказали залишити завод.", None, True),
    ("Тарасенко попрощався з колегами.", None, True),
    ("Це говорить про багато що.", None, True),
    ("Вважається, що завод закриють.", None, True),
    ("Кажуть, що завод закриють.", None, True),
    ("Як і планувалося, завод відкрили у травні.", None, True),
    ("Олег Тарасенко не підтвердив, але й не спростував ці дані.", [("person", "Олег Тарасенко")], True),
]


TABLES = {"en": EN, "de": DE, "ru": RU, "uk": UK}
NEEDS = {
    "en": (english.available, "spaCy en_core_web_sm is not installed"),
    "de": (lambda: True, ""),
    "ru": (russian.available, "natasha is not installed"),
    "uk": (ukrainian.available, "pymorphy3 with its Ukrainian dictionary is not installed"),
}
ROWS = [(lang, *row) for lang, table in TABLES.items() for row in table]


def chains(text, language):
    reading = attribution.read(text, language=language)
    return [
        [(s.kind, s.name or s.description or s.role or s.phrase) for s in st.chain]
        for st in reading.statements
    ]


def test_the_contexts_attribute_nothing():
    for lang, context in CONTEXT.items():
        assert chains(context, lang) == []


@pytest.mark.parametrize(
    ("lang", "sentence", "expected", "cues"), ROWS, ids=[f"{r[0]}:{r[1][:45]}" for r in ROWS]
)
def test_precision_construction(lang, sentence, expected, cues):
    available, reason = NEEDS[lang]
    if not available():
        pytest.skip(reason)
    assert chains(CONTEXT[lang] + sentence, lang) == ([] if expected is None else [expected])


def test_the_cue_path_alone_says_nothing_where_nothing_was_said():
    rows = [r for r in ROWS if r[3]]
    got = chains_blocked(
        ("CLAIMTRACKER_NO_SPACY", "CLAIMTRACKER_NO_NATASHA", "CLAIMTRACKER_NO_PYMORPHY"),
        [(CONTEXT[lang] + sentence, lang) for lang, sentence, _e, _c in rows],
    )
    wrong = [
        (sentence, g)
        for (_lang, sentence, expected, _c), g in zip(rows, got, strict=True)
        if (len(g) != 0) != (expected is not None)
    ]
    assert len(rows) >= 100
    assert wrong == []
