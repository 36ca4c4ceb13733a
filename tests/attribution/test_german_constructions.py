"""German construction checklist: the common ways German news attributes a statement, each in an invented
sentence, with the chain the reader should give it (outermost first; `None`: it attributes nothing).
Entries are (kind, name) or, for sources with no name, (kind, description or role)."""

import pytest

import attribution

P, ORG, OUT, U = "person", "organisation", "outlet", "unnamed"

CONTEXT = "Anna Berg leitet das Werk in Lindau. Der Konzern Nordwerk beschäftigt dort 900 Menschen.\n\n"


def chain_for(text, sentence):
    reading = attribution.read(text, language="de")
    at = text.index(sentence)
    for st in reading.statements:
        if st.start <= at < st.end:
            return [(s.kind, s.name or s.description or s.role or s.phrase) for s in st.chain]
    return None


CASES = [
    # verb second, both orders, tenses, separable verbs
    ("Das Werk bleibt offen, sagte Berg.", [(P, "Anna Berg")]),
    ("Berg sagte, das Werk bleibe offen.", [(P, "Anna Berg")]),
    ("„Das Werk bleibt offen“, sagte Anna Berg am Montag.", [(P, "Anna Berg")]),
    ("»Das Werk bleibt offen«, sagte Anna Berg.", [(P, "Anna Berg")]),
    ("Das Werk bleibe offen, so Berg.", [(P, "Anna Berg")]),
    ("Berg teilte am Montag mit, das Werk bleibe offen.", [(P, "Anna Berg")]),
    ("Am Montag teilte Berg mit, das Werk bleibe offen.", [(P, "Anna Berg")]),
    ("Berg erklärte, das Werk sei sicher.", [(P, "Anna Berg")]),
    ("Berg betonte, niemand verliere seine Stelle.", [(P, "Anna Berg")]),
    ("Berg räumte ein, dass die Zahlen schlecht seien.", [(P, "Anna Berg")]),
    ("Berg wies die Vorwürfe zurück.", [(P, "Anna Berg")]),
    ("Berg dementierte den Bericht.", [(P, "Anna Berg")]),
    ("Berg bestätigte, dass Gespräche laufen.", [(P, "Anna Berg")]),
    # "laut", "zufolge", "nach Angaben", "wie … berichtet"
    ("Laut Berg bleibt das Werk offen.", [(P, "Anna Berg")]),
    ("Berg zufolge bleibt das Werk offen.", [(P, "Anna Berg")]),
    ("Nach Angaben von Berg bleibt das Werk offen.", [(P, "Anna Berg")]),
    ("Wie der Spiegel berichtet, soll das Werk schließen.", [(OUT, "Der Spiegel")]),
    ("Wie der Konzern mitteilte, soll das Werk schließen.", [(ORG, "der Konzern")]),
    ("Das Werk soll schließen, berichtete die Süddeutsche Zeitung.", [(OUT, "Süddeutsche Zeitung")]),
    # citing, listeners
    (
        "Das Werk soll schließen, berichtete Reuters unter Berufung auf Insider.",
        [(OUT, "Reuters"), (U, "Insider")],
    ),
    ("Insidern zufolge soll das Werk schließen.", [(U, "Insidern")]),
    ("„Wir bleiben“, sagte Berg der dpa.", [(OUT, "dpa"), (P, "Anna Berg")]),
    ("Gegenüber dem Spiegel sagte Berg, das Werk bleibe offen.", [(OUT, "Der Spiegel"), (P, "Anna Berg")]),
    (
        "Im Interview mit dem Spiegel sagte Berg, das Werk bleibe offen.",
        [(OUT, "Der Spiegel"), (P, "Anna Berg")],
    ),
    # unnamed sources, spokespeople, institutions
    ("Ein Sprecher des Ministeriums sagte, die Prüfung laufe.", [(U, "Sprecher des Ministeriums")]),
    ("Aus Regierungskreisen hieß es, die Prüfung laufe.", [(U, "Regierungskreisen")]),
    ("In einer Mitteilung des Konzerns heißt es, die Prüfung laufe.", [(ORG, "Konzerns")]),
    ("Ein Sprecher des Konzerns sagte, die Prüfung laufe.", [(U, "Sprecher des Konzerns")]),
    (
        "Das Bundesministerium der Finanzen teilte mit, die Prüfung laufe.",
        [(ORG, "Bundesministerium der Finanzen")],
    ),
    # roles and names
    ("Bundeskanzler Olaf Scholz sagte, die Prüfung laufe.", [(P, "Olaf Scholz")]),
    ("Der Betriebsratschef Jonas Kühn sagte, die Prüfung laufe.", [(P, "Jonas Kühn")]),
    ("Jonas Kühn, der den Betriebsrat leitet, sagte, die Prüfung laufe.", [(P, "Jonas Kühn")]),
    # social media
    ("Berg schrieb auf X, das Werk bleibe offen.", [(P, "Anna Berg")]),
    ("Berg schrieb auf Twitter, das Werk bleibe offen.", [(P, "Anna Berg")]),
    # no statement
    ("Ein Sprecher des Konzerns wollte sich dazu nicht äußern.", None),
    ("Berg sagte nicht, ob das Werk schließt.", None),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:50] for c in CASES])
def test_german_construction(sentence, expected):
    assert chain_for(CONTEXT + sentence, sentence) == expected


def test_konjunktiv_reported_speech_goes_on_with_the_speaker():
    text = (
        CONTEXT
        + "Berg sagte am Montag, das Werk bleibe offen. Es gebe genug Aufträge. Die Stadt plant neue Straßen."
    )
    assert chain_for(text, "Es gebe genug") == [(P, "Anna Berg")]
    assert chain_for(text, "Die Stadt plant") is None
