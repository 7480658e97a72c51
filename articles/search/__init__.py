"""Full-text search for readers and editors: one analyzer in Python (`analyzer`), a backend
per database (`backends`: a bigram tsvector with GIN on PostgreSQL, FTS5 on SQLite), the
document of a story (`documents`), the index writes (`index`, called by the workflow's
services), queries with ranking and paging (`query`), highlighting (`highlight`) and the
readers' page `/search/` (`views`).

Exactness: a term matches a story when its letters and digits occur consecutively in the
story's analyzed text, hanzi one by one, Latin and digit runs as whole words (`APP` does
not match `APPLE`, `123` does not match `12351`), punctuation and spaces as breaks. For
terms of two or more units the index answers exactly that (tests/search/test_exactness.py);
a one-hanzi term takes a slower prefix path over the same index.
"""
