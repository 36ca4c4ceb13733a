"""Track records: what became of the claims each source originated or passed on, and the suggested
reliability (Admiralty A–F) that follows from it by a stated rule. Reads only; nothing here writes.
"""
