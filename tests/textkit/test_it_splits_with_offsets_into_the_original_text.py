"""Sentences are offsets into the text as given: cutting them out gives the text back, never a rewrite."""

from textkit.sentences import Sentence, sentence_spans, split_sentences

TEXT = (
    "  The harbour reopened on Monday.  Ferries ran late!\r\n"
    "\n"
    "Did the council agree? It did not.\n"
    "Паром опоздал на час. Пассажиры ждали на причале.\n"
    "渡轮晚点了。乘客们在码头等候！明天会好吗？\n"
    "여객선이 한 시간 늦었다. 승객들은 부두에서 기다렸다.\n"
)


def test_it_returns_spans_that_cut_the_sentences_out_of_the_original_text():
    sentences = split_sentences(TEXT)
    assert [s.text(TEXT) for s in sentences] == [
        "The harbour reopened on Monday.",
        "Ferries ran late!",
        "Did the council agree?",
        "It did not.",
        "Паром опоздал на час.",
        "Пассажиры ждали на причале.",
        "渡轮晚点了。",
        "乘客们在码头等候！",
        "明天会好吗？",
        "여객선이 한 시간 늦었다.",
        "승객들은 부두에서 기다렸다.",
    ]
    for s in sentences:
        assert TEXT[s.start : s.end] == s.text(TEXT) == s.span.of(TEXT)
        assert s.text(TEXT) == s.text(TEXT).strip()


def test_it_numbers_paragraphs_and_lets_a_line_break_end_a_sentence():
    text = "Heading without a full stop\nThe first paragraph. It has two sentences.\n\nThe second."
    sentences = split_sentences(text)
    assert [(s.text(text), s.paragraph) for s in sentences] == [
        ("Heading without a full stop", 0),
        ("The first paragraph.", 1),
        ("It has two sentences.", 1),
        ("The second.", 2),
    ]


def test_it_keeps_a_hard_wrapped_sentence_whole_across_the_line_break():
    text = "The ferry company said the delay was\ncaused by fog. Service resumed."
    assert [s.text(text) for s in split_sentences(text)] == [
        "The ferry company said the delay was\ncaused by fog.",
        "Service resumed.",
    ]


def test_it_gives_corroboration_plain_offset_pairs():
    spans = sentence_spans(TEXT)
    assert spans == [(s.start, s.end) for s in split_sentences(TEXT)]
    assert all(isinstance(a, int) and isinstance(b, int) for a, b in spans)


def test_it_returns_nothing_for_blank_text():
    assert split_sentences("") == [] and split_sentences(" \n\n\t ") == []
    assert sentence_spans("") == []


def test_it_does_not_end_a_sentence_before_a_lower_case_word():
    text = "He shouted Yahoo! and left. Prices rose ca. 5 percent."
    assert [s.text(text) for s in split_sentences(text)] == [
        "He shouted Yahoo! and left.",
        "Prices rose ca. 5 percent.",
    ]
    assert isinstance(split_sentences(text)[0], Sentence)
