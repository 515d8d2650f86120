"""Answers over the provincial reports: parse, chunk, embed, store, retrieve, answer."""
