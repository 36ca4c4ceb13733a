"""Folding and stemming make the forms a reader would call the same word compare equal."""

from textkit.folding import STOPWORDS, content_terms, fold, normalize_name, stem, stopwords, unaccent, words


def test_it_folds_case_compatibility_forms_and_yo():
    assert fold("ЁЛКА") == fold("елка") == "елка"
    assert fold("Ｆｅｒｒｙ") == "ferry"  # full-width letters
    assert fold("Straße") == fold("STRASSE") == "strasse"
    assert fold("") == "" and fold(None) == ""


def test_it_splits_folded_words():
    assert words("Паром, ЁЖ и ferry-2!") == ["паром", "еж", "и", "ferry", "2"]


def test_it_stems_inflected_forms_to_one_stem():
    assert stem("ferries") == stem("ferry")
    assert stem("паромы") == stem("паромом") == stem("парома")
    assert stem("fähren", "de") == stem("fähre", "de")
    assert stem("міністра", "uk") == stem("міністром") == stem("министра")  # Ukrainian via Russian
    assert stem("журналістів") == stem("журналистов")  # ... which meets the Russian stem


def test_it_stems_a_latin_word_in_russian_text_with_the_english_stemmer():
    assert stem("harbours", "ru") == stem("harbours") == stem("harbour")


def test_it_drops_function_words_from_content_terms():
    assert content_terms("The ferries of the island") == [stem("ferries"), stem("island")]
    assert content_terms("Паромы и причалы") == [stem("паромы"), stem("причалы")]
    assert "die" not in content_terms("Die Fähre", "de") and stem("die") in content_terms("to die")
    assert "the" in STOPWORDS and "der" in stopwords("de") and "der" not in STOPWORDS


def test_it_normalises_registry_names_like_sources_did():
    assert normalize_name("  Вестник   ИИ ") == normalize_name("вестник ии") == "вестник ии"
    assert normalize_name("Ｈarbour\tTech\nReview") == "harbour tech review"
    assert normalize_name(None) == ""


def test_it_drops_accents_for_rating_words():
    assert unaccent("Vérifié").casefold() == "verifie"
    assert unaccent("Falso, engañoso") == "Falso, enganoso"
