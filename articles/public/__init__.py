"""The readers' site: every page, feed and sitemap anonymous readers reach.

- `views` (stories, topics, straps, tags, the archive, unions), `epaper` (数字报),
  `pagination` (story lists without COUNT), `figures` (what a union's or a topic's
  reported activities add up to);
- `urls` (namespace `articles`), `union_urls` (namespace `unions`), `feeds`, `sitemaps`;
- `templatetags/public_site.py`: Chinese dates and money, share-card URLs, the header.

Every story comes through `Article.objects.published()`, the one visibility rule; union
pages live here too, so `unions` stays the bottom layer and imports nothing of this.
This `__init__` imports nothing: Django imports it while loading apps.
"""
