"""Full-text search: English stems, Chinese bigrams in either script, on PostgreSQL; LIKE on SQLite."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from claims.models import Claim
from tests.factories import ClaimFactory, DocumentFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent


def claim_with(quote, paraphrase="", language="en"):
    text = f"Before. {quote} After."
    document = DocumentFactory(text=text, languages=[language])
    start = text.index(quote)
    return ClaimFactory(document=document, start=start, end=start + len(quote), quote=quote, paraphrase=paraphrase,
                        language=language)


@pytest.fixture
def search(client_as):
    client = client_as("fact-checkers")

    def ids(q, endpoint="claims"):
        response = client.get(f"/api/{endpoint}/", {"q": q})
        assert response.status_code == 200, response.json()
        return sorted(row["id"] for row in response.json()["results"])

    return ids


def test_english_is_stemmed(search):
    hosts = claim_with("nearly 47,000 IP addresses abroad controlled computers")
    claim_with("the dialogue mechanism")
    assert search("address") == [hosts.pk]
    assert search("controlling computer") == [hosts.pk]
    assert search('"dialogue mechanism" -address') != [hosts.pk]


def test_simplified_query_finds_traditional_text_and_the_reverse(search):
    traditional = claim_with("網絡安全國際合作已成大趨勢", language="zh-Hant")
    simplified = claim_with("中国加强国际合作维护网络安全", language="zh-Hans")
    claim_with("互联网治理", language="zh-Hans")
    assert search("网络安全") == sorted([traditional.pk, simplified.pk])
    assert search("網絡安全") == sorted([traditional.pk, simplified.pk])
    assert search("国际合作") == sorted([traditional.pk, simplified.pk])
    assert search("安全合作") == []  # bigrams must be adjacent, not scattered


def test_chinese_paraphrase_and_mixed_queries(search):
    claim = claim_with("890万台主机", paraphrase="8.9 million infected hosts", language="zh-Hans")
    assert search("infected host") == [claim.pk]
    assert search("主机 infected") == [claim.pk]
    assert search("主机 websites") == []


def test_vector_follows_edits(search):
    claim = claim_with("nearly 47,000 IP addresses")
    Claim.objects.filter(pk=claim.pk).update(paraphrase="servers abroad")
    assert search("server") == [claim.pk]


def test_document_search(search):
    doc = DocumentFactory(title="網絡安全", text="近年來,世界各國已深刻認識到共同應對網絡安全威脅的重要性")
    DocumentFactory(title="Other", text="Nothing relevant here at all.")
    assert search("网络安全威胁", endpoint="documents") == [doc.pk]


def test_sqlite_falls_back_to_contains_in_both_scripts(tmp_path):
    script = (
        "from claims.models import Claim\n"
        "from claims.search import search_claims\n"
        "from tests.factories import ClaimFactory, DocumentFactory\n"
        "d = DocumentFactory(text='前 網絡安全 後', languages=['zh-Hant'])\n"
        "ClaimFactory(document=d, start=2, end=6, quote='網絡安全', language='zh-Hant')\n"
        "print(search_claims(Claim.objects.all(), '网络安全').count(), search_claims(Claim.objects.all(), 'x').count())\n"
    )
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
           "DJANGO_SETTINGS_MODULE": "config.settings.local"}
    run = lambda *args: subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env,  # noqa: E731
                                       capture_output=True, text=True, timeout=120)
    assert run("migrate", "-v0").returncode == 0
    result = run("shell", "-c", script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == ["1", "0"]
