"""A run without a sentence end longer than MAX_SENTENCE_CHARS comes back in marked pieces."""

from textkit.sentences import MAX_SENTENCE_CHARS, split_sentences


def test_it_keeps_the_old_limit():
    assert MAX_SENTENCE_CHARS == 1_500


def test_it_cuts_a_run_without_punctuation_at_spaces_and_marks_the_pieces():
    text = "Short one. " + " ".join(f"Cell{i}" for i in range(1_000)) + "\nAfter."
    sentences = split_sentences(text)
    assert sentences[0].text(text) == "Short one." and not sentences[0].capped
    assert sentences[-1].text(text) == "After." and not sentences[-1].capped
    pieces = sentences[1:-1]
    assert len(pieces) > 1 and all(s.capped for s in pieces)
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in pieces)
    assert all(s.text(text).split()[0].startswith("Cell") for s in pieces)  # cut between words
    assert " ".join(s.text(text) for s in pieces) == text[pieces[0].start : pieces[-1].end]


def test_it_cuts_a_long_quote_at_its_own_sentence_ends_first():
    inner = " ".join(f"Sentence number {i} of the statement goes on." for i in range(60))
    text = f"«{inner}», — said the harbour master."
    sentences = split_sentences(text)
    assert len(sentences) > 1 and all(s.capped for s in sentences)
    assert all(s.text(text).endswith((".", "master.")) for s in sentences)


def test_it_keeps_a_long_run_whole_when_asked():
    text = " ".join(["word"] * 1_000)
    (sentence,) = split_sentences(text, max_chars=None)
    assert (sentence.start, sentence.end, sentence.capped) == (0, len(text), False)
