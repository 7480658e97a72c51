"""The readers' site: every page, feed and sitemap anonymous readers reach.

- `views` (stories, topics, straps, tags, the archive, unions), `epaper` (数字报),
  `pagination` (story lists without COUNT), `figures` (what a union's or a topic's
  reported activities add up to);
- `urls` (namespace `articles`), `union_urls` (namespace `unions`), `feeds`, `sitemaps`;
- `templatetags/public_site.py`: the story lists' kept entries and the figures block
  (what every room prints, dates and money, is the base library `site`);
- `context_processors.navigation`: the header's featured topics, read only when printed.

Every story comes through `Article.objects.published()`, the one visibility rule; union
pages live here too, so `unions` stays the bottom layer and imports nothing of this.
This `__init__` imports nothing: Django imports it while loading apps.
"""
