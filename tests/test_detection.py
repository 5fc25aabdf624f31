"""Detection in the database: targets on the seeds, idempotent suggestions, link suggestions."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from claims.models import Claim, ClaimLink
from claims.services.detection import MAX_PER_CLAIM, link_claims, propose_links, suggest_claims
from tests.factories import ActorFactory, ClaimActorFactory, ClaimFactory, DocumentFactory

pytestmark = pytest.mark.django_db


def test_evaluate_without_reviews_says_what_to_do():
    with pytest.raises(CommandError, match="load fixtures/seed_annotations.json"):
        call_command("evaluate_detection", "--seeds")


def test_evaluate_scores_the_corpus_per_language_and_kind(tmp_path):
    (tmp_path / "t.toml").write_text(
        'language = "en"\npublished = "2024-07-11"\ntext = """Police arrested seven suspects on Monday. '
        'About 40 servers went dark."""\n'
        '[[figures]]\nquote = "seven suspects"\nvalue = "7"\nunit = "suspects"\n'
        '[[figures]]\nquote = "About 40 servers"\nvalue = "40"\nhigh = "40"\nunit = "servers"\n'
        '[[events]]\nquote = "Police arrested seven suspects on Monday"\ndate = "2024-07-08"\n', encoding="utf-8")
    out = io.StringIO()
    call_command("evaluate_detection", "--corpus", str(tmp_path), "--misses", stdout=out)
    lines = out.getvalue().splitlines()
    assert "en       event      1     1      1.00   1.00  1.00     -" in lines
    assert "en       figure     2     2      1.00   1.00  0.50  1.00" in lines  # "About" sets no bound
    assert any(line.startswith("wrong en figure: t: 'About 40 servers' read 40/None/None") for line in lines)


def test_evaluate_names_a_bad_corpus_file(tmp_path):
    (tmp_path / "bad.toml").write_text('language = "en"\npublished = "2024"\ntext = "x"\n'
                                       '[[figures]]\nquote = "absent"\nvalue = "1"\n', encoding="utf-8")
    with pytest.raises(CommandError, match="bad.toml: 'absent' does not occur"):
        call_command("evaluate_detection", "--corpus", str(tmp_path))


def _detect(*args):
    out = io.StringIO()
    call_command("detect_claims", *args, no_progress=True, stdout=out)
    return out.getvalue()


def test_detect_claims_is_idempotent_and_respects_rejections_and_annotations():
    text = "In May 2015 the ministry said nearly 47,000 IP addresses were hit; over 10,000 websites were hacked."
    document = DocumentFactory(text=text, languages=["en"])
    start = text.index("over 10,000")
    ClaimFactory(document=document, start=start, end=start + 20, quote=text[start:start + 20], status="reviewed")
    assert "3 claims" in _detect()
    suggested = {c.quote: c for c in Claim.objects.filter(status="suggested")}
    event = "over 10,000 websites were hacked"
    assert set(suggested) == {event, "nearly 47,000 IP addresses",  # not the annotated figure again
                              "In May 2015 the ministry said nearly 47,000 IP addresses were hit"}
    assert suggested["nearly 47,000 IP addresses"].value_high == 47000
    assert suggested["nearly 47,000 IP addresses"].date_iso == "2015-05"  # the period it counts
    assert suggested[event].date_iso == "2015-05"
    assert "0 claims" in _detect()
    Claim.objects.filter(pk=suggested[event].pk).update(status="rejected")
    assert "0 claims" in _detect()
    assert Claim.objects.filter(quote=event).count() == 1
    assert suggested[event].history.latest().history_change_reason == "suggested by detection"


def test_detect_claims_refuses_unknown_documents():
    with pytest.raises(CommandError, match="no document with id 999"):
        _detect("--document", "999")


def test_detect_claims_takes_several_document_ids_after_one_option():
    documents = [DocumentFactory(text=f"Over {n} billion Internet users were counted in 2015.", languages=["en"])
                 for n in (2, 3, 4)]
    assert "2 claims" in _detect("--document", str(documents[0].pk), str(documents[2].pk), "--no-links")
    assert set(Claim.objects.values_list("document_id", flat=True)) == {documents[0].pk, documents[2].pk}
    with pytest.raises(CommandError, match="no document with id 999"):
        _detect("--document", str(documents[1].pk), "999")


def test_dry_run_saves_nothing():
    DocumentFactory(text="Over 3 billion Internet users were counted in 2015.", languages=["en"])
    assert "dry run" in _detect("--dry-run")
    assert not Claim.objects.exists()


def figure(document, value, low=None, high=None, unit="infected hosts", period=("2014-01-01", "2014-12-31")):
    return ClaimFactory(document=document, value=value, value_low=low, value_high=high, unit=unit,
                        date_start=period[0], date_end=period[1], date_precision="year")


def test_links_corroborate_or_conflict_only_over_overlapping_periods():
    a, b, c = DocumentFactory(), DocumentFactory(), DocumentFactory()
    nearly = figure(a, 47000, high=47000)
    agrees = figure(b, 46000)
    conflicts = figure(c, 90000, low=90000)
    other_period = figure(c, 5, unit="infected host", period=("2011-01-01", "2011-12-31"))
    proposals = {frozenset((p.a.pk, p.b.pk)): p for p in propose_links(link_claims(Claim.objects.all()))}
    assert proposals[frozenset((nearly.pk, agrees.pk))].relation == "corroborates"
    assert proposals[frozenset((nearly.pk, conflicts.pk))].relation == "conflicts"
    assert "disagree" in proposals[frozenset((nearly.pk, conflicts.pk))].note
    assert not any(other_period.pk in pair for pair in proposals)  # different periods: not compared


def test_link_suggestions_are_bounded_per_claim_and_best_first():
    documents = DocumentFactory.create_batch(30)
    target = figure(documents[0], 1000)
    others = [figure(document, 1000 + 10 * i) for i, document in enumerate(documents[1:], start=1)]
    proposals = propose_links(link_claims(Claim.objects.all()))
    per_claim = {}
    for p in proposals:
        for pk in (p.a.pk, p.b.pk):
            per_claim[pk] = per_claim.get(pk, 0) + 1
    assert max(per_claim.values()) <= MAX_PER_CLAIM
    assert len(proposals) < 30 * 29 // 2  # never all pairs
    mine = [p for p in proposals if target.pk in (p.a.pk, p.b.pk)]
    partners = {p.b.pk if p.a.pk == target.pk else p.a.pk for p in mine}
    assert partners and partners <= {c.pk for c in others[:MAX_PER_CLAIM]}  # the nearest values first


def test_links_for_one_document_compare_its_claims_with_the_rest_only():
    a, b, c = DocumentFactory(), DocumentFactory(), DocumentFactory()
    mine = figure(a, 47000, high=47000)
    agrees = figure(b, 46000)
    figure(c, 46500)  # agrees with b too, but neither is in the document asked for
    _detect("--document", str(a.pk))
    pairs = {frozenset((link.from_claim_id, link.to_claim_id)) for link in ClaimLink.objects.all()}
    assert frozenset((mine.pk, agrees.pk)) in pairs
    assert all(mine.pk in pair for pair in pairs)


def test_one_failing_document_is_reported_and_the_others_are_kept(monkeypatch):
    import claims.text.detect as detect_module

    good = DocumentFactory(text="In May 2015 police arrested more than 300 suspects.", languages=["en"])
    bad = DocumentFactory(text="This text breaks the detector.", languages=["en"])
    real = detect_module.detect

    def flaky(text, *args, **kwargs):
        if "breaks" in text:
            raise ArithmeticError("28 decimal places")
        return real(text, *args, **kwargs)

    monkeypatch.setattr(detect_module, "detect", flaky)
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 of 2 documents failed"):
        call_command("detect_claims", no_progress=True, stdout=io.StringIO(), stderr=err)
    assert f"document {bad.pk}: ArithmeticError: 28 decimal places" in err.getvalue()
    assert Claim.objects.filter(document=good, kind="figure").exists()
    assert not Claim.objects.filter(document=bad).exists()


def test_translations_pair_in_text_order_and_same_events_need_a_specific_actor():
    text = "In October 2015 A was signed. In October 2015 B was held. 2015年10月签署甲。2015年10月举行乙。"
    document = DocumentFactory(text=text, languages=["en", "zh-Hans"])
    assert suggest_claims(document) == 4
    english = Claim.objects.filter(language="en").order_by("start")
    chinese = Claim.objects.exclude(language="en").order_by("start")
    pairs = {(p.a.pk, p.b.pk) for p in propose_links(link_claims(Claim.objects.all())) if p.relation == "translation"}
    assert pairs == {(english[0].pk, chinese[0].pk), (english[1].pk, chinese[1].pk)}

    forum = ActorFactory(kind="event_series", name="Forum", slug="forum")
    one, two = ClaimFactory(event=True), ClaimFactory(event=True)
    ClaimActorFactory(claim=one, actor=forum), ClaimActorFactory(claim=two, actor=forum)
    _detect("--document", str(one.document_id))
    [link] = ClaimLink.objects.filter(relation="same_event", status="suggested")
    assert {link.from_claim_id, link.to_claim_id} == {one.pk, two.pk} and "Forum" in link.note


def test_suggestions_show_in_the_api_and_the_admin_queue(client_as):
    from django.test import Client
    from django.urls import reverse

    from tests.admin.helpers import staff

    DocumentFactory(text="In March 2016 regulators published a report on nearly 9,000 phishing sites.",
                    languages=["en"])
    _detect()
    api = client_as("fact-checkers").get("/api/claims/?status=suggested").json()["results"]
    assert {row["quote"] for row in api} == {"In March 2016 regulators published a report on nearly 9,000 phishing sites",
                                             "nearly 9,000 phishing sites"}
    admin = Client()
    admin.force_login(staff("editors"))
    page = admin.get(reverse("admin:claims_suggestedclaim_changelist")).content.decode()
    assert "nearly 9,000 phishing sites" in page


def test_suggested_claims_get_the_actors_their_sentences_name_in_either_script():
    police = ActorFactory(kind="government_body", name="Hong Kong Police Force", slug="hkpf")
    police.aliases.create(name="香港警务处", language="zh-Hans")
    singapore = ActorFactory(kind="government_body", name="Singapore Police Force", slug="spf")
    singapore.aliases.create(name="新加坡警察部队", language="zh-Hans")
    text = ("香港警務處表示，與新加坡警察部隊昨日簽署合作備忘錄。今年首9個月共攔截約23億港元騙款。\n\n"
            "The Hong Kong Police Force said it arrested 312 people on Monday.")
    document = DocumentFactory(text=text, languages=["zh-Hant", "en"], published_start=date(2024, 10, 15),
                               published_end=date(2024, 10, 15), published_precision="day")
    suggest_claims(document)
    signed = Claim.objects.get(kind="event", quote__contains="簽署")
    assert {(ca.actor.slug, ca.role) for ca in signed.claim_actors.all()} == {("hkpf", "claimant"),
                                                                          ("spf", "participant")}
    money = Claim.objects.get(kind="figure", unit="HKD")
    assert not money.claim_actors.exists()  # its sentence names no one
    arrested = Claim.objects.get(kind="event", quote__contains="arrested")
    assert {(ca.actor.slug, ca.role) for ca in arrested.claim_actors.all()} == {("hkpf", "claimant")}
    assert arrested.claim_actors.get().history.latest().history_change_reason == "suggested by detection"


def test_same_event_links_are_suggested_between_suggestions():
    forum = ActorFactory(kind="event_series", name="Wuzhen Summit", slug="wuzhen")
    forum.aliases.create(name="乌镇峰会", language="zh-Hans")
    day = {"published_start": date(2024, 11, 21), "published_end": date(2024, 11, 21), "published_precision": "day"}
    english = DocumentFactory(text="The Wuzhen Summit opened on Wednesday with 1,500 guests.", languages=["en"], **day)
    chinese = DocumentFactory(text="乌镇峰会20日开幕。", languages=["zh-Hans"], **day)
    suggest_claims(english), suggest_claims(chinese)
    _detect("--document", str(english.pk))
    [link] = ClaimLink.objects.filter(relation="same_event")
    assert {link.from_claim.document_id, link.to_claim.document_id} == {english.pk, chinese.pk}
    assert "Wuzhen Summit" in link.note
