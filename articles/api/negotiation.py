"""JSON for every request, whatever its Accept header says."""

from rest_framework.negotiation import BaseContentNegotiation


class JSONOnly(BaseContentNegotiation):
    """The API answers JSON only, and the page cache keeps one copy per URL: a request
    asking for something else gets the JSON anyway, not a 406 (DRF's documented
    "ignore the client" negotiation)."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return (renderers[0], renderers[0].media_type)
