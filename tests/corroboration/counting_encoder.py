class CountingEncoder:
    """The real encoder, counting the texts it is asked to encode (to prove what is not encoded again)."""

    def __init__(self, real):
        self.real, self.name, self.version = real, real.name, real.version
        self.query_texts = self.passage_texts = 0

    def queries(self, texts):
        self.query_texts += len(texts)
        return self.real.queries(texts)

    def passages(self, texts):
        self.passage_texts += len(texts)
        return self.real.passages(texts)
