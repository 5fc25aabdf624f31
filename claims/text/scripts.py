"""Which writing system a character belongs to: the one definition of a Han character the text logic uses."""

from __future__ import annotations

import re

# The CJK Unified Ideographs with Extension A, the compatibility ideographs, and the supplementary
# ideographic planes (Extensions B and on: rare names, 𠮷).
HAN_CHARACTERS = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
HAN = re.compile(f"[{HAN_CHARACTERS}]")
LATIN = re.compile(r"[A-Za-z]")
# The ideographs full-text search indexes as bigrams: the range the database trigger's regular expression names
# (claims/migrations/0002_postgresql_search.py; tests/test_search_trigger.py holds the two equal).
SEARCH_INDEXED_HAN = "\u3400-\u9fff"
