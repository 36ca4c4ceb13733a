"""German on the cue path: word order, listeners, names that are also outlets, documents, reported
speech. Sentences written for the tests."""

import attribution
from attribution import german
from attribution.lexicon import for_language


def chains(text, **kwargs):
    return [
        [(s.kind, s.name, s.count) for s in st.chain]
        for st in attribution.read(text, language="de", **kwargs).statements
    ]


def covering(reading, text, words):
    at = text.index(words)
    return [st for st in reading.statements if st.start <= at < st.end]


def test_a_dative_outlet_before_the_verb_is_the_listener_and_the_subject_follows():
    text = "Der Märkischen Zeitung sagte eine Sprecherin: „Wir prüfen den Antrag bis Freitag.“"
    assert chains(text) == [[("outlet", "Märkischen Zeitung", None), ("unnamed", None, 1)]]


def test_a_dative_outlet_after_the_verb_is_the_listener():
    text = "Die Sprecherin sagte der Märkischen Zeitung dazu: „Der Antrag liegt noch nicht vor.“"
    assert chains(text) == [[("outlet", "Märkischen Zeitung", None), ("unnamed", None, 1)]]


def test_the_listener_after_an_inverted_subject_is_cut_from_it():
    text = "Die Gespräche laufen noch, sagte eine mit den Plänen vertraute Person der Nachrichtenagentur Reuters."
    assert chains(text) == [[("outlet", "Reuters", None), ("unnamed", None, 1)]]


def test_the_articles_own_outlet_as_listener_is_dropped():
    text = "Der Märkischen Zeitung sagte eine Sprecherin: „Wir prüfen den Antrag bis Freitag.“"
    assert chains(text, outlet="Märkischen Zeitung") == [[("unnamed", None, 1)]]


def test_a_surname_that_is_an_outlets_name_is_the_person_once_introduced():
    text = (
        "Bundesministerin Anne Spiegel eröffnete am Montag das neue Werk. "
        "„Wir freuen uns über jede neue Stelle“, sagte Spiegel bei der Feier. "
        "Zwar hatte Spiegel gesagt, sie habe den Termin verschoben."
    )
    assert chains(text) == [[("person", "Anne Spiegel", None)], [("person", "Anne Spiegel", None)]]


def test_the_magazine_stays_an_outlet_when_no_person_of_that_name_was_introduced():
    text = "Das Werk schließt im Mai, berichtet der Spiegel."
    assert chains(text) == [[("outlet", "Der Spiegel", None)]]


def test_a_quote_run_goes_to_the_speaker_named_at_its_end():
    text = (
        "Der Konzern plant einen Umbau, berichtete das Handelsblatt.\n\n"
        "«Das Werk bleibt offen. Die Stellen sind sicher. Niemand muss gehen», twitterte Paul Berger."
    )
    reading = attribution.read(text, language="de")
    for words in ("Das Werk bleibt", "Die Stellen", "Niemand muss"):
        (st,) = covering(reading, text, words)
        assert [(s.kind, s.name) for s in st.chain] == [("person", "Paul Berger")]


def test_a_role_compound_is_not_part_of_the_name_and_a_later_surname_is_that_person():
    text = "Apple-Chef Tim Berger sagte, das Telefon komme im Mai. „Das ist sicher“, so Berger."
    assert chains(text) == [[("person", "Tim Berger", None)], [("person", "Tim Berger", None)]]


def test_a_document_carries_its_source():
    text = "„Die Fabrik schließt“, heißt es in einem Bericht der Nachrichtenagentur Reuters."
    assert chains(text) == [[("outlet", "Reuters", None)]]
    text = "Im Handelsblatt-Artikel wird dem Konzern Betrug vorgeworfen."
    assert chains(text) == [[("outlet", "Handelsblatt", None)]]
    text = "Im Artikel von Bloomberg hieß es, die Chips seien versteckt worden."
    assert chains(text) == [[("outlet", "Bloomberg", None)]]


def test_a_capitalised_noun_is_not_a_speech_verb():
    text = "Eine Reihe von kritischen Berichten der Zeitung hat die Aktie belastet."
    assert chains(text) == []


def test_a_verb_after_an_adverbial_first_field_takes_the_subject_after_it():
    text = "Am Dienstag meldete der Hessische Rundfunk die Festnahme."
    ((src,),) = [st.chain for st in attribution.read(text, language="de").statements]
    assert src.kind == "outlet" and src.name == "Hessische Rundfunk"
    assert chains("Dazu erklärte das Ministerium, die Zahlen seien vorläufig.")[0][0][0] == "organisation"


def test_a_coordinated_verb_has_no_subject_of_its_own():
    text = "Vorstand Paul Berger meldete sich am Montag zu Wort und forderte die Zeitung auf, den Text zu löschen."
    assert chains(text) == [[("person", "Paul Berger", None)]]


def test_reported_speech_goes_on_with_the_last_speaker():
    text = (
        "Ein Sprecher der Stadtwerke erklärte, der Strompreis steige im Herbst. "
        "Nun prüfe die Stadt die Verträge. "
        "Die Kunden sollen bereits Briefe erhalten haben."
    )
    reading = attribution.read(text, language="de")
    assert len(reading.statements) == 3
    assert {st.chain[-1].count for st in reading.statements} == {1}


def test_demnach_goes_on_with_the_source_before_it():
    text = (
        "Das Werk schließt im Mai, berichtete das Handelsblatt. "
        "Demnach hat der Konzern die Pläne schon im Januar gefasst."
    )
    assert chains(text) == [[("outlet", "Handelsblatt", None)], [("outlet", "Handelsblatt", None)]]


def test_a_weak_preterite_is_the_narrators_not_reported_speech():
    text = "Ein Sprecher erklärte, der Preis steige. Die Stadt plante damals einen Neubau."
    assert len(attribution.read(text, language="de").statements) == 1
    assert not german.reports_on("Die große Koalition", 0, len("Die große Koalition"))


def test_reported_speech_opening_a_paragraph_goes_to_the_speaker_named_next():
    text = (
        "Die Firma kündigte Klagen an, berichtete das Handelsblatt.\n\n"
        "Der Bericht sei falsch. «Es gab nie ein Treffen», schrieb Paul Berger."
    )
    reading = attribution.read(text, language="de")
    (st,) = covering(reading, text, "Der Bericht sei")
    assert st.chain[-1].name == "Paul Berger"


def test_people_are_found_by_given_name_or_role():
    lex = for_language("de")
    text = "Die Ministerin Eva Roth und Datenschützer Kaspar trafen Anne Weber; die Sprecherin Antworten gab keine."
    assert [name for _a, _b, name in german.people(text, 0, len(text), lex)] == [
        "Eva Roth",
        "Kaspar",
        "Anne Weber",
    ]


def test_a_group_compound_names_its_organisation():
    text = "Ein Google-Sprecher erklärte, man prüfe die Anordnung."
    ((src,),) = [st.chain for st in attribution.read(text, language="de").statements]
    assert (src.kind, src.count, src.affiliation) == ("unnamed", 1, "Google")


def test_a_subordinate_wie_clause_names_its_subject_after_the_conjunction():
    for text in (
        "Wie die Polizei am Montag mitteilte, wurde der Mann festgenommen.",
        "Der Mann wurde festgenommen, wie die Polizei am Montag mitteilte.",
        "Nach Angaben der Polizei wurde niemand verletzt.",
    ):
        assert chains(text) == [[("organisation", "Polizei", None)]]


def test_a_document_before_zufolge_is_its_sources():
    text = "Einem Bericht der Süddeutschen Zeitung zufolge plant der Konzern Entlassungen."
    assert chains(text) == [[("outlet", "Süddeutschen Zeitung", None)]]


def test_a_name_in_apposition_before_the_verb_is_the_speaker():
    text = "Der Sprecher der Polizei, Hans Meier, sagte, es gebe keine Hinweise."
    assert chains(text) == [[("person", "Hans Meier", None)]]


def test_a_generic_outlet_word_alone_is_no_listener_and_ends_the_subject():
    text = "„Wir sind schockiert“, sagte Bürgermeisterin Petra Roth dem Sender."
    assert chains(text) == [[("person", "Petra Roth", None)]]


def test_unnamed_spokespeople_in_compounds_and_with_their_organisation():
    ((src,),) = [
        st.chain
        for st in attribution.read(
            "Ein Polizeisprecher sagte, der Mann sei gefasst.", language="de"
        ).statements
    ]
    assert (src.kind, src.count) == ("unnamed", 1)
    text = "Ein Sprecher der Staatsanwaltschaft Köln bestätigte den Vorgang."
    ((src,),) = [st.chain for st in attribution.read(text, language="de").statements]
    assert (src.kind, src.affiliation) == ("unnamed", "Staatsanwaltschaft Köln")
    text = "„Das prüfen wir“, sagte ein Sprecher des Konzerns."
    ((src,),) = [st.chain for st in attribution.read(text, language="de").statements]
    assert src.affiliation == ""  # a description, not a name


def test_a_role_without_a_name_is_a_person_not_two_names():
    text = "Der Anwalt des Angeklagten sagte, sein Mandant sei unschuldig."
    ((src,),) = [st.chain for st in attribution.read(text, language="de").statements]
    assert (src.kind, src.name) == ("person", None) and src.role.startswith("Anwalt")


def test_an_object_pronoun_first_puts_the_subject_after_the_verb():
    assert chains("Das sagte Paul Berger der Märkischen Zeitung.") == [
        [("outlet", "Märkischen Zeitung", None), ("person", "Paul Berger", None)]
    ]


def test_a_perfect_tense_subject_after_the_auxiliary_may_be_a_quoted_outlet():
    text = "Zuvor hatte die „Bild“-Zeitung berichtet, dass der Minister zurücktrete."
    assert chains(text) == [[("outlet", "Bild", None)]]


def test_an_adverb_after_a_description_is_no_part_of_the_source():
    text = (
        "Die Rheinische Post berichtete am Montag, das Werk schließe im Mai. "
        "Wie das Blatt weiter berichtet, verlieren 300 Menschen ihre Arbeit."
    )
    first, second = attribution.read(text, language="de").statements
    assert second.chain[0].phrase == "das Blatt"
    assert second.chain[0].name == first.chain[0].name


def test_a_name_after_an_article_is_a_paper_not_a_person():
    (st,) = attribution.read(
        "Die Rheinische Post berichtete, das Werk schließe im Mai.", language="de"
    ).statements
    assert st.chain[0].kind != "person" and st.chain[0].name == "Rheinische Post"
    (st,) = attribution.read(
        "Die Ministerin Anne Spiegel sagte, das Werk schließe im Mai.", language="de"
    ).statements
    assert st.chain[0].kind == "person" and st.chain[0].name == "Anne Spiegel"


def test_nach_phrases_credit_who_holds_the_view():
    assert chains("Nach Auffassung der Landesbehörde verstößt die Praxis gegen das Gesetz.") == [
        [("organisation", "Landesbehörde", None)]
    ]
    assert chains("Nach Worten von Ministerin Anne Spiegel wird das Werk im Mai schließen.") == [
        [("person", "Anne Spiegel", None)]
    ]
