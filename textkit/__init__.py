"""Django-free text handling shared by ingestion, extraction and corroboration.

- `textkit.sentences`: paragraphs, sentences and quotes as character offsets into the text as given
  (`split_sentences`, `sentence_spans`, `quote_spans`, `MAX_SENTENCE_CHARS`).

Nothing here imports Django, so benchmarks and scripts can use it without settings.
"""
