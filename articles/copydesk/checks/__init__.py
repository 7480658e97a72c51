"""One module per check, each a function `check(text, rules) -> Iterable[Finding]` over a
whole text (paragraphs one a line); `articles.copydesk.engine` runs them in order."""
