"""The public fact-check pages: published reviews for anyone, without login (server-rendered, no external assets)."""
