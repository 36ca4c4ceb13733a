"""Django-free text handling shared by ingestion, extraction and corroboration.

- `textkit.sentences`: paragraphs, sentences and quotes as character offsets into the text as given
  (`split_sentences`, `sentence_spans`, `quote_spans`, `MAX_SENTENCE_CHARS`).
- `textkit.language`: the language of a text as a short code (`detect`), py3langid over a fixed set of
  languages with a letter-script answer for text too short to classify.
- `textkit.charset`: bytes to text (`decode`, `decode_detail`, `charset_of`, `declared_charset`,
  `xml_as_utf8`).
- `textkit.folding`: matching forms (`fold`, `unaccent`, `words`, `stem`, `content_terms`,
  `STOPWORDS`, `stopwords`, `normalize_name`).
- `textkit.quantities`: numbers and dates stated in a text (`numbers`, `dates`).
- `textkit.due`: the day a prediction falls due from phrases like "by the end of 2025", "в мае",
  "next quarter", relative to a reference day (`due_date`; English, Russian, Ukrainian, German).

Nothing here imports Django, so benchmarks and scripts can use it without settings.
"""
