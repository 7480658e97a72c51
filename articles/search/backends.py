"""A backend per database behind one interface: write documents, match terms.

Both store the analyzer's pair tokens (`articles.search.analyzer`), so both answer the
same set for the same query:

- PostgreSQL: `tsvector` columns built in Python (positions are the token order; no text
  search configuration touches them) with GIN indexes; a term is a phrase `<->` of its
  pairs. Positions stop at 16,383 and a lexeme keeps at most 256 of them, so a story past
  either limit also keeps its analyzed text, on which its phrase terms are checked.
- SQLite: an FTS5 table with the `ascii` tokenizer (every non-ASCII character is part of
  a token, so hanzi pairs stay whole) over the token strings, kept in step by triggers.

A match is a SQL condition on the article's primary key, so every other filter (the
visibility rule, topics, unions) stays an ordinary queryset. Table and column names in
the SQL are this module's constants and every value is a parameter (hence `noqa: S608`).
"""

import json
from collections import defaultdict

from django.core.exceptions import ImproperlyConfigured

from articles.search.analyzer import Analyzed, Term, analyze, segments
from articles.search.documents import Document

TABLE = "search_searchdocument"
FTS_TABLE = "search_fts"
PG_MAX_POSITION = 16383
PG_MAX_POSITIONS_PER_LEXEME = 256


def _tsvector(analyzed: Analyzed) -> tuple[str, bool]:
    """A tsvector literal for the tokens, and whether phrase positions were lost."""
    positions: dict[str, list[int]] = defaultdict(list)
    for position, token in enumerate(analyzed.grams, start=1):
        positions[token].append(position)
    overflow = len(analyzed.grams) > PG_MAX_POSITION or any(
        len(p) > PG_MAX_POSITIONS_PER_LEXEME for p in positions.values()
    )
    if overflow:
        # What PostgreSQL would keep anyway, said explicitly: positions clamped to the
        # maximum and at most 256 per lexeme.
        for token, found in positions.items():
            kept = dict.fromkeys(min(p, PG_MAX_POSITION) for p in found)
            positions[token] = list(kept)[:PG_MAX_POSITIONS_PER_LEXEME]
    # Tokens are letters, digits and EDGE only: nothing in them needs quoting.
    parts = [f"'{token}':{','.join(map(str, found))}" for token, found in positions.items()]
    parts += [f"'{word}'" for word in analyzed.words if word not in positions]
    return " ".join(parts), overflow


def analyzed_text(texts: list[str]) -> str:
    """Segments joined by newlines: the text phrase terms are checked on (long stories)."""
    return "\n" + "\n".join("".join(units) for t in texts for units in segments(t)) + "\n"


class PostgresBackend:
    vendor = "postgresql"

    def create_schema(self, cursor) -> None:
        cursor.execute(
            f"ALTER TABLE {TABLE} ALTER COLUMN head TYPE tsvector USING head::tsvector,"
            " ALTER COLUMN doc TYPE tsvector USING doc::tsvector"
        )
        self._create_indexes(cursor)

    @staticmethod
    def _create_indexes(cursor) -> None:
        # The queries of articles.search.query: `doc @@ q` finds, `head @@ q` ranks.
        # fastupdate off: a GIN pending list makes the planner cost the index so high that
        # it scans (and detoasts) every document instead: 90 ms where the index takes 2.
        for column in ("doc", "head"):
            # More pairs in the statistics: without them a pair in 1% of the stories is
            # guessed at a third of that, and the planner walks the date index instead.
            cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN {column} SET STATISTICS 1000")
            cursor.execute(
                f"CREATE INDEX search_{column}_gin ON {TABLE}"
                f" USING gin ({column}) WITH (fastupdate = off)"
            )

    @staticmethod
    def _drop_indexes(cursor) -> None:
        for column in ("doc", "head"):
            cursor.execute(f"DROP INDEX IF EXISTS search_{column}_gin")

    def keep_inline(self, cursor) -> None:
        # A story's tsvectors stay in its row (a few KB; they barely compress) rather than
        # in TOAST: checking one story then reads one page instead of a TOAST index and
        # its chunks, 3-4 times faster, and the results page checks stories one by one
        # (articles.search.query). Rows already written move on their next write or the
        # next `rebuild_search_index`.
        cursor.execute(
            f"ALTER TABLE {TABLE} SET (toast_tuple_target = 8160),"
            " ALTER COLUMN head SET STORAGE MAIN, ALTER COLUMN doc SET STORAGE MAIN"
        )

    def undo_inline(self, cursor) -> None:
        cursor.execute(
            f"ALTER TABLE {TABLE} RESET (toast_tuple_target),"
            " ALTER COLUMN head SET STORAGE EXTENDED, ALTER COLUMN doc SET STORAGE EXTENDED"
        )

    def start_rebuild(self, cursor) -> None:
        # Loading without the indexes and building them once at the end is several
        # times faster than updating them row by row.
        self._drop_indexes(cursor)
        cursor.execute(f"TRUNCATE {TABLE}")

    def finish_rebuild(self, cursor) -> None:
        # The foreign key is checked at commit; CREATE INDEX refuses to run while those
        # checks are pending, so they run now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        self._create_indexes(cursor)
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(f"ANALYZE {TABLE}")

    def drop_schema(self, cursor) -> None:
        self._drop_indexes(cursor)
        cursor.execute(
            f"ALTER TABLE {TABLE} ALTER COLUMN head TYPE text, ALTER COLUMN doc TYPE text"
        )

    def write(self, cursor, documents: list[Document]) -> None:
        rows = []
        for document in documents:
            head, _ = _tsvector(analyze(document.head))
            doc, overflow = _tsvector(analyze(document.texts))
            long_text = analyzed_text(document.texts) if overflow else ""
            rows.append((document.article_id, head, doc, long_text))
        cursor.executemany(
            f"INSERT INTO {TABLE} (article_id, head, doc, long_text)"  # noqa: S608
            " VALUES (%s, %s::tsvector, %s::tsvector, %s)"
            " ON CONFLICT (article_id) DO UPDATE SET head = EXCLUDED.head,"
            " doc = EXCLUDED.doc, long_text = EXCLUDED.long_text",
            rows,
        )

    @staticmethod
    def _term_query(term: Term) -> str:
        if term.single is not None:
            # A word is its own token; a lone hanzi starts the pair of every place it
            # stands (the next unit or the segment's end): a prefix match.
            return f"'{term.single}'" if term.is_word else f"'{term.single}':*"
        return "(" + " <-> ".join(f"'{token}'" for token in term.tokens) + ")"

    @staticmethod
    def _regex(term: Term) -> str:
        text = "\n".join("".join(units) for units in term.segments)
        before = "(?<![0-9a-z])" if text[0].isascii() else ""
        after = "(?![0-9a-z])" if text[-1].isascii() else ""
        return before + text + after

    def _condition(self, terms: list[Term], *, head_only: bool) -> tuple[str, list]:
        """A condition on a row of the document table: it holds every term."""
        column = "head" if head_only else "doc"
        query = " & ".join(self._term_query(term) for term in terms)
        phrases = [term for term in terms if len(term.tokens) > 1]
        if not phrases or head_only:
            # A headline stack is far too short to lose phrase positions.
            return f"{column} @@ %s::tsquery", [query]
        # Every pair anywhere (one GIN lookup), then the phrase: from the positions, or
        # for a story past the position limits from its analyzed text.
        loose = " & ".join(
            " & ".join(f"'{token}'" for token in term.tokens) or self._term_query(term)
            for term in terms
        )
        checks = " AND ".join("long_text ~ %s" for _ in phrases)
        condition = f"doc @@ %s::tsquery AND (doc @@ %s::tsquery OR (long_text <> '' AND {checks}))"
        return condition, [loose, query, *(self._regex(term) for term in phrases)]

    def match(self, id_column: str, terms: list[Term], *, head_only: bool) -> tuple[str, list]:
        condition, params = self._condition(terms, head_only=head_only)
        sql = f"SELECT article_id FROM {TABLE} WHERE {condition}"  # noqa: S608
        return f"{id_column} IN ({sql})", params

    def hit_ids(self, cursor, terms: list[Term], *, head_only: bool, limit: int) -> list[int]:
        """Up to `limit` stories holding every term, in no order: one GIN lookup."""
        condition, params = self._condition(terms, head_only=head_only)
        cursor.execute(
            f"SELECT article_id FROM {TABLE} WHERE {condition} LIMIT %s",  # noqa: S608
            [*params, limit],
        )
        return [row[0] for row in cursor.fetchall()]

    def hits_among(self, cursor, ids: list[int], terms: list[Term]) -> dict[int, bool]:
        """Which of these stories hold every term: id → whether in the headline stack.

        Each story is checked on its own row, found by its primary key: the conditions
        are in the select list, where the planner cannot turn them into a GIN lookup of
        every story holding the pairs (it guesses phrases far too rare)."""
        anywhere, params = self._condition(terms, head_only=False)
        in_head, head_params = self._condition(terms, head_only=True)
        cursor.execute(
            f"SELECT article_id, {anywhere}, {in_head} FROM {TABLE}"  # noqa: S608
            " WHERE article_id = ANY(%s)",
            [*params, *head_params, list(ids)],
        )
        return {pk: bool(head) for pk, hit, head in cursor.fetchall() if hit}

    @staticmethod
    def id_in(id_column: str, ids: list[int]) -> tuple[str, list]:
        """`id_column` is one of `ids`: one array parameter, however many ids."""
        return f"{id_column} = ANY(%s)", [list(ids)]

    def size_bytes(self, cursor) -> int:
        cursor.execute(f"SELECT pg_total_relation_size('{TABLE}')")
        return cursor.fetchone()[0]


class SqliteBackend:
    vendor = "sqlite"

    def create_schema(self, cursor) -> None:
        cursor.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(head, doc, content='{TABLE}',"
            " content_rowid='article_id', tokenize='ascii')"
        )
        self._create_triggers(cursor)

    @staticmethod
    def _create_triggers(cursor) -> None:
        # External content: the FTS index follows every write to the document table.
        cursor.execute(
            f"CREATE TRIGGER search_fts_insert AFTER INSERT ON {TABLE} BEGIN"  # noqa: S608
            f" INSERT INTO {FTS_TABLE}(rowid, head, doc)"
            " VALUES (new.article_id, new.head, new.doc); END"
        )
        cursor.execute(
            f"CREATE TRIGGER search_fts_delete AFTER DELETE ON {TABLE} BEGIN"  # noqa: S608
            f" INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, head, doc)"
            " VALUES ('delete', old.article_id, old.head, old.doc); END"
        )
        cursor.execute(
            f"CREATE TRIGGER search_fts_update AFTER UPDATE ON {TABLE} BEGIN"  # noqa: S608
            f" INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, head, doc)"
            " VALUES ('delete', old.article_id, old.head, old.doc);"
            f" INSERT INTO {FTS_TABLE}(rowid, head, doc)"
            " VALUES (new.article_id, new.head, new.doc); END"
        )

    @staticmethod
    def _drop_triggers(cursor) -> None:
        for trigger in ("insert", "delete", "update"):
            cursor.execute(f"DROP TRIGGER IF EXISTS search_fts_{trigger}")

    def keep_inline(self, cursor) -> None:
        pass  # FTS5 keeps its own index; nothing is checked row by row

    def undo_inline(self, cursor) -> None:
        pass

    def drop_schema(self, cursor) -> None:
        self._drop_triggers(cursor)
        cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")

    @staticmethod
    def _tokens(analyzed: Analyzed) -> str:
        # Words after every pair: phrases are pairs only, so they never span a word.
        return " ".join([*analyzed.grams, *analyzed.words])

    def write(self, cursor, documents: list[Document]) -> None:
        rows = [
            (
                document.article_id,
                self._tokens(analyze(document.head)),
                self._tokens(analyze(document.texts)),
            )
            for document in documents
        ]
        cursor.executemany(
            f"INSERT INTO {TABLE} (article_id, head, doc, long_text) VALUES (%s, %s, %s, '')"  # noqa: S608
            " ON CONFLICT (article_id) DO UPDATE SET head = excluded.head, doc = excluded.doc",
            rows,
        )

    def start_rebuild(self, cursor) -> None:
        # Rows go in without the triggers; the FTS index is built from them once at the end.
        self._drop_triggers(cursor)
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")  # noqa: S608

    def finish_rebuild(self, cursor) -> None:
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")  # noqa: S608
        self._create_triggers(cursor)

    @staticmethod
    def _term_query(term: Term) -> str:
        if term.single is not None:
            return f'"{term.single}"' if term.is_word else f'"{term.single}"*'
        return '"' + " ".join(term.tokens) + '"'

    def _query(self, terms: list[Term], *, head_only: bool) -> str:
        column = "head" if head_only else "doc"
        return f"{column} : (" + " AND ".join(self._term_query(term) for term in terms) + ")"

    def match(self, id_column: str, terms: list[Term], *, head_only: bool) -> tuple[str, list]:
        sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
        return f"{id_column} IN ({sql})", [self._query(terms, head_only=head_only)]

    def hit_ids(self, cursor, terms: list[Term], *, head_only: bool, limit: int) -> list[int]:
        cursor.execute(
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s",  # noqa: S608
            [self._query(terms, head_only=head_only), limit],
        )
        return [row[0] for row in cursor.fetchall()]

    def hits_among(self, cursor, ids: list[int], terms: list[Term]) -> dict[int, bool]:
        # FTS5 seeks a range of rowids in its lists (0.3 ms for the newest 250 stories at
        # 100k) where a list of rowids makes it read each list whole (30-150 ms). The
        # range may hold other stories too: only the asked ones are kept.
        span = [min(ids), max(ids)]
        cursor.execute(
            f"SELECT rowid, 0 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
            " AND rowid BETWEEN %s AND %s"
            f" UNION ALL SELECT rowid, 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
            " AND rowid BETWEEN %s AND %s",
            [
                self._query(terms, head_only=False),
                *span,
                self._query(terms, head_only=True),
                *span,
            ],
        )
        asked = set(ids)
        rows = cursor.fetchall()
        heads = {pk for pk, in_head in rows if in_head}
        return {pk: pk in heads for pk, in_head in rows if not in_head and pk in asked}

    @staticmethod
    def id_in(id_column: str, ids: list[int]) -> tuple[str, list]:
        sql = f"{id_column} IN (SELECT value FROM json_each(%s))"  # noqa: S608
        return sql, [json.dumps(list(ids))]

    def size_bytes(self, cursor) -> int:
        try:
            cursor.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name = %s OR name LIKE %s",
                [TABLE, f"{FTS_TABLE}%"],
            )
        except Exception:
            return 0
        return cursor.fetchone()[0] or 0


BACKENDS = {"postgresql": PostgresBackend(), "sqlite": SqliteBackend()}


def backend_for(connection):
    try:
        return BACKENDS[connection.vendor]
    except KeyError:
        raise ImproperlyConfigured(
            f"search has no backend for {connection.vendor}; use PostgreSQL or SQLite"
        ) from None
