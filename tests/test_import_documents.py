"""`import_documents`: encodings, formats, manifests, idempotency, --update, and every bad input."""

import io
import json
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from claims.models import Claim, Document, Source
from claims.services.catalog import source_save
from claims.services.claims import claim_create

pytestmark = pytest.mark.django_db

SEEDS = settings.CLAIMTRACK_SEEDS_DIR
SIMPLIFIED = "中国加强国际合作维护网络安全。去年12月,中国出台首部《国家网络空间安全战略》。" * 3
TRADITIONAL = "近年來,世界各國已深刻認識到共同應對網絡安全威脅的重要性,網絡安全國際合作已成大趨勢。" * 3
ENGLISH = ("A survey last year indicates there are nearly 47,000 IP addresses abroad controlled almost "
           "8.9 million computers in China as trojan or corpse servers.\n")


def run_import(*args, **options):
    """Run the command; return (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        options.setdefault("no_progress", True)
        call_command("import_documents", *map(str, args), stdout=out, stderr=err, **options)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def assert_no_traceback(*outputs):
    for output in outputs:
        assert "Traceback" not in output


# --- The seeds --------------------------------------------------------------------------------------


def test_seeds_import_with_their_manifest_and_twice_leaves_five_dated_documents():
    code, out, err = run_import(SEEDS)
    assert code == 0, err
    assert "5 imported, 0 unchanged, 0 updated, 0 failed" in out
    code, out, err = run_import(SEEDS)
    assert code == 0, err
    assert "0 imported, 5 unchanged, 0 updated, 0 failed" in out
    assert Document.objects.count() == 5
    assert not Document.objects.filter(published_start__isnull=True).exists()
    for path in sorted(SEEDS.glob("*.txt")):
        assert Document.objects.get(filename=path.name).text == path.read_bytes().decode("utf-8")


def test_seed_metadata_comes_from_the_manifest():
    run_import(SEEDS)
    docs = {d.filename[:3]: d for d in Document.objects.select_related("source", "republished_from")}
    assert docs["000"].languages == ["en", "zh-Hant"]
    assert (docs["000"].published_start, docs["000"].published_precision) == (date(2015, 12, 1), "month")
    assert docs["001"].source.slug == "d1net" and docs["001"].republished_from.slug == "cri-online"
    assert docs["001"].byline == "兰旻 胡逸静"
    assert (docs["001"].published_start, docs["001"].published_precision) == (date(2017, 11, 7), "day")
    assert docs["002"].published_start == date(2012, 5, 31)
    assert docs["003"].source.slug == "peoples-daily-online"
    assert docs["003"].republished_from.slug == "peoples-daily"
    assert (docs["004"].published_start, docs["004"].published_end, docs["004"].published_precision) == (
        date(2014, 1, 1), date(2014, 12, 31), "year")
    assert docs["004"].republished_from.slug == "sohu"
    assert Source.objects.count() == 8


def test_seed_chrome_and_duplicated_article_are_recorded_not_removed():
    run_import(SEEDS)
    doc = Document.objects.get(filename__startswith="001")
    assert len(doc.duplicate_ranges) == 1
    start, end, original = doc.duplicate_ranges[0]
    copy = doc.text[start:end]
    assert copy.startswith('中国加强国际合作维护网络安全 打造安全清朗的"第五空间"')
    assert doc.text[original:original + 20] == copy[:20]
    main_text = "".join(doc.text[s:e] for s, e in doc.main_ranges)
    assert "当前位置" not in main_text and "版权所有" not in main_text and "扫一扫" not in main_text
    assert "去年12月" in main_text
    assert all(e <= start for s, e in doc.main_ranges)  # nothing of the second copy is main text

    blog = Document.objects.get(filename__startswith="004")
    blog_main = "".join(blog.text[s:e] for s, e in blog.main_ranges)
    assert "Thank you all!" in blog_main
    assert "Leave a Reply" not in blog_main and "You are commenting using" not in blog_main


# --- Encodings and formats --------------------------------------------------------------------------


@pytest.mark.parametrize("encoding, text, language", [
    ("utf-8", SIMPLIFIED, "zh-Hans"),
    ("utf-8-sig", SIMPLIFIED, "zh-Hans"),
    ("utf-16", TRADITIONAL, "zh-Hant"),
    ("utf-16-be-bom", ENGLISH, "en"),
    ("gb18030", SIMPLIFIED, "zh-Hans"),
    ("gbk", SIMPLIFIED, "zh-Hans"),
    ("big5", TRADITIONAL, "zh-Hant"),
])
def test_encodings_are_decoded_and_stored_verbatim(tmp_path, encoding, text, language):
    path = tmp_path / f"doc-{encoding}.txt"
    if encoding == "utf-16-be-bom":
        path.write_bytes(b"\xfe\xff" + text.encode("utf-16-be"))
    else:
        path.write_bytes(text.encode(encoding))
    code, out, err = run_import(path)
    assert code == 0, err
    doc = Document.objects.get()
    assert doc.text == text
    assert doc.languages == [language]


def test_html_is_turned_into_text_with_its_title(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html><html><head><title>Int&#39;l co-op</title><script>var x=1;</script></head>"
                    "<body><nav>Home</nav><h1>Heading</h1><p>Nearly 47,000 IP addresses.</p>"
                    "<p>Over 10,000 websites&nbsp;abroad.</p></body></html>", encoding="utf-8")
    assert run_import(page)[0] == 0
    doc = Document.objects.get()
    assert doc.title == "Int'l co-op"
    assert "Nearly 47,000 IP addresses.\n" in doc.text and "Over 10,000 websites abroad." in doc.text
    assert "var x" not in doc.text


def test_json_lines_batch_with_metadata_and_a_bad_line(tmp_path):
    batch = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": ENGLISH, "title": "Survey", "source": "Xinhua", "published": "2012-05",
                    "languages": ["en"], "url": "https://example.org/survey"}),
        '{"text": "broken',
        json.dumps({"text": TRADITIONAL, "filename": "trad.txt"}),
        json.dumps({"text": ENGLISH + "again", "titel": "typo"}),
        json.dumps(["not", "an", "object"]),
        "",
    ]
    batch.write_text("\n".join(lines), encoding="utf-8")
    code, out, err = run_import(batch)
    assert code == 1
    assert "2 imported, 0 unchanged, 0 updated, 3 failed" in out
    assert f"{batch}:2: invalid JSON" in err
    assert f"{batch}:4: unknown field 'titel'" in err
    assert f"{batch}:5: each line must be a JSON object" in err
    survey = Document.objects.get(title="Survey")
    assert survey.source.name == "Xinhua" and survey.published_precision == "month"
    assert survey.filename == "batch.jsonl#1"
    assert Document.objects.get(filename="trad.txt").languages == ["zh-Hant"]
    assert_no_traceback(out, err)


# --- Detection without a manifest -------------------------------------------------------------------


def test_without_manifest_title_languages_and_date_are_detected(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Facebook Twitter 新浪微博 google plus Instagram YouTube\n\nCommentary: a title\n\n"
        "(People's Daily Online)    06:05, September 26, 2015\n\n" + ENGLISH * 3, encoding="utf-8")
    (tmp_path / "b.txt").write_text("当前位置:安全行业动态 → 正文\n\n标题\n\n" + SIMPLIFIED, encoding="utf-8")
    assert run_import(tmp_path)[0] == 0
    a, b = Document.objects.get(filename="a.txt"), Document.objects.get(filename="b.txt")
    assert a.title == "Commentary: a title" and a.languages == ["en"]
    assert (a.published_start, a.published_precision) == (date(2015, 9, 26), "day")
    assert b.title == "标题" and b.languages == ["zh-Hans"]
    assert (b.published_start, b.published_precision) == (None, "")


def test_options_override_manifest_and_detection(tmp_path):
    (tmp_path / "a.txt").write_text("Updated: 2012-05-31 18:59\n\n" + ENGLISH, encoding="utf-8")
    (tmp_path / "manifest.toml").write_text('[[documents]]\nfile = "a.txt"\ntitle = "From manifest"\n'
                                            'published = "2013"\n', encoding="utf-8")
    code, out, err = run_import(tmp_path, title="From option", published="2019-08", language="en,zh-Hans",
                                source="Sohu")
    assert code == 0, err
    doc = Document.objects.get()
    assert doc.title == "From option"
    assert (doc.published_start, doc.published_end, doc.published_precision) == (
        date(2019, 8, 1), date(2019, 8, 31), "month")
    assert doc.languages == ["en", "zh-Hans"] and doc.source.slug == "sohu"


def test_manifest_overrides_detection(tmp_path):
    (tmp_path / "a.txt").write_text("Updated: 2012-05-31 18:59\n\n" + ENGLISH, encoding="utf-8")
    (tmp_path / "manifest.toml").write_text('[[documents]]\nfile = "a.txt"\npublished = "2013"\n', encoding="utf-8")
    run_import(tmp_path / "a.txt")  # a single file picks up its folder's manifest too
    assert Document.objects.get().published_precision == "year"


# --- Bad input --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, content, reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\n\t ", "empty file"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)), "binary file"),
    ("latin1.txt", "Caf\xe9 au lait, \xe0 la fran\xe7aise: d\xe9j\xe0 vu.".encode("latin-1"), "undecodable bytes"),
    ("bad16.txt", b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8", "undecodable bytes"),
])
def test_bad_files_fail_with_one_line_and_the_rest_still_imports(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "good.txt").write_text(ENGLISH, encoding="utf-8")
    code, out, err = run_import(tmp_path)
    assert code == 1
    assert "1 imported, 0 unchanged, 0 updated, 1 failed" in out
    [line] = err.strip().splitlines()
    assert name in line and reason in line
    assert Document.objects.get().filename == "good.txt"


def test_file_over_the_size_limit_is_refused(tmp_path, settings):
    settings.CLAIMTRACK_IMPORT_MAX_BYTES = 1000
    (tmp_path / "big.txt").write_text("x" * 1001, encoding="utf-8")
    code, out, err = run_import(tmp_path / "big.txt")
    assert code == 1 and "1,001 bytes, over the 1,000-byte limit" in err
    assert not Document.objects.exists()


def test_unreadable_paths_are_named(tmp_path, monkeypatch):
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "locked.txt").write_text(ENGLISH, encoding="utf-8")
    real_read_bytes = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, out, err = run_import(tmp_path / "missing.txt", tmp_path / "dangling.txt", tmp_path / "locked.txt")
    assert code == 1
    assert "missing.txt: no such file or folder" in err
    assert "dangling.txt: broken link" in err
    assert "locked.txt: cannot read: Permission denied" in err
    assert_no_traceback(out, err)


def test_malformed_manifest_is_named_and_its_folder_is_not_imported_with_wrong_metadata(tmp_path):
    bad, good = tmp_path / "bad", tmp_path / "good"
    bad.mkdir(), good.mkdir()
    (bad / "manifest.toml").write_text('[[documents]]\nfile = "a.txt"\npublished = "May 2019"\n', encoding="utf-8")
    (bad / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (good / "b.txt").write_text(ENGLISH + "b", encoding="utf-8")
    code, out, err = run_import(tmp_path)
    assert code == 1
    assert f"{bad / 'manifest.toml'}: manifest document 1: published: 'May 2019' is not a date" in err
    assert "a.txt: not imported: its manifest" in err
    assert list(Document.objects.values_list("filename", flat=True)) == ["good/b.txt"]


@pytest.mark.parametrize("manifest, message", [
    ("[[documents]\n", "malformed manifest"),
    ('[[documents]]\nfile = "a.txt"\nlanguage = "en"\n', "unknown field 'language'"),
    ('[[documents]]\nfile = "a.txt"\nsource = "nobody"\n', "source 'nobody' is not a source slug"),
    ('[[sources]]\nslug = ["x"]\nname = "X"\n', "needs a slug and a name"),
])
def test_manifest_mistakes_are_explained(tmp_path, manifest, message):
    (tmp_path / "manifest.toml").write_text(manifest, encoding="utf-8")
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    code, out, err = run_import(tmp_path)
    assert code == 1 and message in err
    assert not Document.objects.exists()
    assert_no_traceback(err)


def test_a_source_the_manifest_cannot_save_refuses_only_the_documents_that_name_it(tmp_path):
    (tmp_path / "manifest.toml").write_text(
        '[[sources]]\nslug = "good"\nname = "Good"\n\n'
        f'[[sources]]\nslug = "long"\nname = "{"x" * 201}"\n\n'
        '[[sources]]\nslug = "odd"\nname = "Odd"\nkind = "tabloid"\n\n'
        '[[documents]]\nfile = "a.txt"\nsource = "long"\n\n'
        '[[documents]]\nfile = "b.txt"\nsource = "good"\ntitle = "B, as the manifest says"\npublished = "2013"\n\n'
        '[[documents]]\nfile = "c.txt"\ntitle = "C, as the manifest says"\n', encoding="utf-8")
    for name in "abc":
        (tmp_path / f"{name}.txt").write_text(ENGLISH + name, encoding="utf-8")
    code, out, err = run_import(tmp_path)
    assert code == 1
    manifest = tmp_path / "manifest.toml"
    assert err.splitlines() == [
        f"FAILED {manifest}: manifest source 2: 'long' not saved: name: Ensure this value has at most 200 characters "
        "(it has 201).",
        f"FAILED {manifest}: manifest source 3: 'odd' not saved: kind: Value 'tabloid' is not a valid choice.",
        f"FAILED {tmp_path / 'a.txt'}: not imported: its manifest source 'long' was not saved",
    ]
    assert "2 imported, 0 unchanged, 0 updated, 3 failed" in out
    docs = {d.filename: d for d in Document.objects.select_related("source")}
    assert set(docs) == {"b.txt", "c.txt"}
    assert (docs["b.txt"].title, docs["b.txt"].source.slug, docs["b.txt"].published_start) == (
        "B, as the manifest says", "good", date(2013, 1, 1))
    assert docs["c.txt"].title == "C, as the manifest says"
    assert list(Source.objects.values_list("slug", flat=True)) == ["good"]


def test_a_manifest_adds_its_sources_and_changes_known_ones_only_with_update(tmp_path):
    (tmp_path / "manifest.toml").write_text('[[sources]]\nslug = "xinhua"\nname = "Xinhua"\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    run_import(tmp_path)
    source = Source.objects.get(slug="xinhua")
    assert source.history.get().history_change_reason == "imported"
    source_save(source=source, name="Xinhua News Agency", reason="edited in the admin")
    run_import(tmp_path)
    source.refresh_from_db()
    assert source.name == "Xinhua News Agency" and source.history.count() == 2
    run_import(tmp_path, update=True)
    source.refresh_from_db()
    assert source.name == "Xinhua" and source.history.latest().history_change_reason == "imported"


@pytest.mark.parametrize("options, message", [
    ({"published": "2019-02-30"}, "not a valid date"),
    ({"published": "yesterday"}, "is not a date"),
    ({"language": "fr"}, "unknown language 'fr'"),
    ({"manifest": "/nonexistent/manifest.toml"}, "no such file"),
])
def test_bad_options_are_one_line_errors(options, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_documents", str(SEEDS), **options)


# --- Idempotency, --update and --dry-run ------------------------------------------------------------


def test_same_text_under_another_name_is_unchanged(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "copy.txt").write_text(ENGLISH, encoding="utf-8")
    code, out, _ = run_import(tmp_path)
    assert code == 0 and "1 imported, 1 unchanged" in out
    assert Document.objects.count() == 1


def test_changed_text_is_refused_without_update_and_reanchors_claims_with_it(tmp_path):
    path = tmp_path / "a.txt"
    old = "Intro.\n\nNearly 47,000 IP addresses abroad. Over 10,000 websites. Three dialogues were held.\n"
    path.write_text(old, encoding="utf-8")
    run_import(path)
    doc = Document.objects.get()
    kept = claim_create(document=doc, start=old.index("Nearly"), end=old.index(" IP"), kind="figure")
    lost = claim_create(document=doc, start=old.index("Three"), end=old.index(" dialogues"), kind="figure")

    new = "A new first paragraph.\n\n" + old.replace("Three dialogues were held.", "Talks went on.")
    path.write_text(new, encoding="utf-8")
    code, out, err = run_import(path)
    assert code == 1 and f"differs from document #{doc.pk}" in err and "--update" in err
    assert Document.objects.get().text == old

    code, out, err = run_import(path, update=True)
    assert code == 0, err
    assert "0 imported, 0 unchanged, 1 updated" in out
    assert f"claims #{lost.pk} could not be re-anchored" in err
    doc.refresh_from_db()
    assert doc.text == new and Document.objects.count() == 1
    kept.refresh_from_db()
    assert new[kept.start:kept.end] == kept.quote == "Nearly 47,000" and not kept.detached
    lost.refresh_from_db()
    assert lost.detached and lost.quote == "Three"
    assert Claim.objects.count() == 2


def test_update_refreshes_metadata_of_unchanged_text(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH, encoding="utf-8")
    run_import(tmp_path)
    code, out, _ = run_import(tmp_path, update=True, title="Better title")
    assert "1 updated" in out
    assert Document.objects.get().title == "Better title"


def test_dry_run_saves_nothing(tmp_path):
    code, out, err = run_import(SEEDS, dry_run=True, source="Brand new outlet")
    assert code == 0, err
    assert "5 imported" in out and "dry run: nothing saved" in out
    assert not Document.objects.exists() and not Source.objects.exists()


def test_folders_are_read_recursively_and_other_file_types_skipped(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\x00\x00")
    (tmp_path / ".hidden.txt").write_text(ENGLISH + "hidden", encoding="utf-8")
    code, out, _ = run_import(tmp_path)
    assert code == 0 and "1 imported" in out


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize("stdout, no_progress, shown", [
    (FakeTerminal, False, True),
    (FakeTerminal, True, False),
    (io.StringIO, False, False),
])
def test_progress_bar_only_on_a_terminal(capsys, stdout, no_progress, shown):
    call_command("import_documents", str(SEEDS), stdout=stdout(), no_progress=no_progress)
    assert ("importing: 100%" in capsys.readouterr().err) is shown


def test_files_of_the_same_name_in_different_folders_are_different_documents(tmp_path):
    for folder in ("site-a", "site-b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.txt").write_text(f"{ENGLISH} from {folder}", encoding="utf-8")
    code, out, err = run_import(tmp_path)
    assert code == 0, err
    assert sorted(Document.objects.values_list("filename", flat=True)) == ["site-a/index.txt", "site-b/index.txt"]
