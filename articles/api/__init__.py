"""The content API (`/api/v1/`): published stories, unions, topics, the e-paper and the
site's search as JSON, read-only, for the federation's app and WeChat.

- `params.py`: reading query parameters and path segments, a Chinese 400 or 404 for a
  bad one;
- `queries.py`: the stories a request asks for (the list's filters, what is loaded for
  the fields asked), a union's figures, a withdrawn story's notice;
- `serializers.py`: every response body;
- `pagination.py`: cursors for the story and edition lists;
- `negotiation.py`: JSON whatever the Accept header says;
- `views.py`, `urls.py`: the endpoints (namespace `api`).

What readers may see is decided where the readers' site decides it: stories through
`Article.objects.published()`, topics through `Topic.objects.public()`, printed pages
through `PrintPage.objects.public()`, figures through `Activity.objects.reported()`.
Responses are kept by the readers' page cache (`articles.pagecache.tags.PAGE_KINDS`
lists the endpoints' URL names), with its ETags and lifetimes.
"""
