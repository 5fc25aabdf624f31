"""export_corpus and import_corpus: a backup restores into an empty database exactly, row for row."""

import io
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

from claims.models import REVIEW_CODENAME, Actor, Claim
from claims.services.claims import claim_update
from claims.services.corpus import CorpusError, corpus_export, corpus_import, corpus_models
from tests.factories import (
    ActorAliasFactory, ActorFactory, ClaimActorFactory, ClaimFactory, ClaimLinkFactory, DocumentFactory, UserFactory,
)

pytestmark = pytest.mark.django_db


def snapshot() -> dict:
    """Every row of every corpus table, and each user's groups."""
    rows = {model._meta.label_lower: list(model._default_manager.order_by("pk").values())
            for model in corpus_models()}
    users = corpus_models()[0].objects.all()
    rows["groups"] = {user.pk: sorted(user.groups.values_list("name", flat=True)) for user in users}
    rows["permissions"] = {user.pk: sorted(user.user_permissions.values_list("codename", flat=True)) for user in users}
    return rows


def empty_database():
    """Delete every corpus row: the live tables first, then the history their deletion just wrote."""
    models = corpus_models()
    history = [model for model in models if model._meta.model_name.startswith("historical")]
    for model in [m for m in reversed(models) if m not in history] + history:
        if model is Actor:
            model.objects.update(parent=None)
        model._default_manager.all().delete()


@pytest.fixture
def corpus():
    editor = UserFactory(username="editor")
    editor.groups.add(Group.objects.get(name="editors"))
    editor.user_permissions.add(Permission.objects.get(codename=REVIEW_CODENAME))
    Token.objects.create(user=editor)
    parent = ActorFactory(name="Ministry")
    child = ActorFactory(name="Bureau", parent=parent)
    ActorAliasFactory(actor=child, name="局")
    figure = ClaimFactory(document=DocumentFactory(languages=["en", "zh-Hans"]), paraphrase="近 4.7 万")
    event = ClaimFactory(event=True, created_by=editor)
    ClaimActorFactory(claim=figure, actor=child, role="claimant")
    ClaimLinkFactory(from_claim=figure, to_claim=event, relation="corroborates", created_by=editor)
    claim_update(claim=figure, user=editor, note="checked against the ministry's report")  # history with a user
    return figure


def test_round_trip_restores_every_row_and_history(corpus):
    before = snapshot()
    assert before["claims.historicalclaim"] and before["authtoken.token"]
    backup = io.StringIO()
    exported = corpus_export(backup)
    assert exported.counts["claims.claim"] == 2
    empty_database()
    assert not Claim.objects.exists()

    restored = corpus_import(io.StringIO(backup.getvalue()))
    assert restored.counts == exported.counts
    assert snapshot() == before
    new = ClaimFactory()  # sequences moved past the restored ids
    assert new.pk > max(row["id"] for row in before["claims.claim"])


def test_commands_round_trip_through_a_file(corpus, tmp_path):
    before = snapshot()
    target = tmp_path / "backup.jsonl"
    call_command("export_corpus", str(target), no_progress=True, stderr=io.StringIO())
    header = json.loads(target.read_text(encoding="utf-8").splitlines()[0])
    assert header["format"] == "claimtrack-corpus"
    empty_database()
    out = io.StringIO()
    call_command("import_corpus", str(target), no_progress=True, stdout=out)
    assert "Restored" in out.getvalue() and snapshot() == before


def test_restore_refuses_a_database_with_rows(corpus):
    backup = io.StringIO()
    corpus_export(backup)
    with pytest.raises(CorpusError, match="already holds rows"):
        corpus_import(io.StringIO(backup.getvalue()))


def test_a_damaged_file_restores_nothing(corpus, tmp_path):
    backup = io.StringIO()
    corpus_export(backup)
    lines = backup.getvalue().splitlines()
    claim_line = next(i for i, line in enumerate(lines) if '"claims.claim"' in line)
    damaged = tmp_path / "damaged.jsonl"
    damaged.write_text("\n".join(lines[:claim_line] + ['{"model": "claims.claim", "pk": 1, "fields": {'] +
                                 lines[claim_line:]), encoding="utf-8")
    empty_database()
    with pytest.raises(CommandError, match=r"damaged.jsonl: line \d+: .*nothing was restored"):
        call_command("import_corpus", str(damaged), no_progress=True)
    assert not any(model._default_manager.exists() for model in corpus_models())


@pytest.mark.parametrize("content, message", [
    ("", "not a claimtrack corpus file"),
    ("id,quote\n1,x\n", "not a claimtrack corpus file"),
    ('{"format": "claimtrack-corpus", "version": 9}\n', "version 9 is not supported"),
    ('{"format": "claimtrack-corpus", "version": 1}\n{"model": "auth.permission", "pk": 1, "fields": {}}\n',
     "unexpected model"),
])
def test_bad_files_are_one_line_errors(tmp_path, content, message):
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("import_corpus", str(path), no_progress=True)


def test_a_missing_file_is_a_one_line_error(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_corpus", str(tmp_path / "nope.jsonl"), no_progress=True)
