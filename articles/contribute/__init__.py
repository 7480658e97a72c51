"""The correspondents' contribution desk (投稿) at /contribute/."""
