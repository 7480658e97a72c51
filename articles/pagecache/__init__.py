"""The readers' page cache: every public page, feed and sitemap kept whole for anonymous
readers, in Redis when REDIS_URL is set (a per-process cache otherwise), and never stale.

- `tags`: which kinds of content each page shows (stories, unions, topics, columns,
  printed pages, figures), and a version per kind kept in the cache;
- `middleware`: serves a page under a key made of its URL and the versions of its kinds,
  clamps its lifetime to the next scheduled publication, answers conditional requests
  with 304, and steps aside for logged-in editors, previews and a cache that is down;
- `invalidation`: after a committed write, the kinds it touches get a new version, on
  every app server sharing the cache.
- `schedule`: the one lifetime rule: nothing kept outlives the next scheduled publication,
  and what is kept carries its end, read against the clock (`timezone.now()`);
- `rollups` and `fragments`: for pages the cache does not hold, figures and tree parts
  kept under the same versions, and rendered story-list entries kept under what they print;
- `proxy`: a committed write has nginx fetch the front page again (`PROXY_PURGE_URLS`).

This `__init__` imports nothing: Django imports it while loading apps.
"""
