"""Sessions in the cache and the database, which keep working while the cache is down.

Django's `cached_db` store reads a session from the cache and writes it through to the
database, but lets the cache's connection error through when it loads a session the
cache does not hold, checks whether a new key is taken, or deletes a session: with Redis
stopped, every admin request and every login answered 500 although every session was in
the database. This store asks the database alone whenever the cache raises, with a
warning in the log, and tries the cache again at the next call, so it is used again by
itself once it is back (a Redis that restarted empty is filled again as editors come
back: the next read of each session copies it from the database).

What the cache missed while it was unreachable is not replayed: a session that was
changed or deleted (a logout) while Redis was cut off but kept its data comes back from
Redis as it was when Redis is reachable again. A Redis restart loses the keys and cannot
do that; after a network split, flush Redis (docs/deployment.md).

The site runs under WSGI; the async methods are Django's own.
"""

import logging

from django.contrib.sessions.backends import cached_db, db

logger = logging.getLogger("unionsite.sessions")


class SessionStore(cached_db.SessionStore):
    def _cache_failed(self, action: str, exc: Exception) -> None:
        logger.warning(
            "session cache unreachable (%s), using the database: %s: %s",
            action,
            type(exc).__name__,
            exc,
        )

    def load(self):
        try:
            data = self._cache.get(self.cache_key)
        except Exception as exc:  # any cache backend's error: the database has the session
            self._cache_failed("read", exc)
            return self._load_from_database(keep_in_cache=False)
        if data is None:
            return self._load_from_database(keep_in_cache=True)
        return data

    def _load_from_database(self, *, keep_in_cache: bool) -> dict:
        row = self._get_session_from_db()
        if row is None:
            return {}
        data = self.decode(row.session_data)
        if keep_in_cache:
            try:
                age = self.get_expiry_age(expiry=row.expire_date)
                self._cache.set(self.cache_key, data, age)
            except Exception as exc:
                self._cache_failed("write", exc)
        return data

    def exists(self, session_key):
        if not session_key:
            return False
        try:
            if (self.cache_key_prefix + session_key) in self._cache:
                return True
        except Exception as exc:
            self._cache_failed("read", exc)
        return db.SessionStore.exists(self, session_key)

    def save(self, must_create=False):
        # The database first, as Django's store does; the cache's failure is a warning.
        db.SessionStore.save(self, must_create)
        try:
            self._cache.set(self.cache_key, self._session, self.get_expiry_age())
        except Exception as exc:
            self._cache_failed("write", exc)

    def delete(self, session_key=None):
        db.SessionStore.delete(self, session_key)
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except Exception as exc:
            self._cache_failed("delete", exc)
