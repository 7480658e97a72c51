"""The demo content: the real printed page of 2024年1月23日 第3版 (`seed/`), loaded through
the page import like an editor's, with the unions, topics and figures a dump cannot give
(`loader`); `load_demo` and `demo_admin` are its commands. Used by the quick start and by
tests; nothing else imports it."""
