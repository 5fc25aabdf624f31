"""Page layout on pages written for these tests, in other sites' words than the seeds': chrome is found by
general rules (bylines, sharing, comment forms, footers, runs of link-like lines), not by one site's text."""

from pathlib import Path

import pytest

from claims.text.layout import analyse

PAGES = Path(__file__).parent / "pages"


def main_lines_of(text: str) -> list[str]:
    layout = analyse(text)
    return [line.strip() for s, e in layout.main_ranges for line in text[s:e].splitlines() if line.strip()]


def main_lines(name: str) -> list[str]:
    return main_lines_of((PAGES / name).read_text(encoding="utf-8"))


def test_a_blog_post_keeps_its_title_and_paragraphs_and_drops_menus_sharing_and_comments():
    assert main_lines("blog_post.txt") == [
        "Regional CERTs agree on a shared incident format",  # the byline under it is chrome, its date metadata
        "Delegates from nine national response teams met in Kuala Lumpur this week and agreed to exchange "
        "incident reports in one common format from July.",
        "The teams said they handled more than 12,000 incidents between them last year, and that about a third "
        "of those crossed a border.",
    ]


def test_a_news_portal_page_keeps_its_article_and_drops_breadcrumbs_sharing_and_footer():
    assert main_lines("portal_article.txt") == [
        "东盟网络安全合作中心举办第三期培训班",
        "字号：大 中 小",
        "本网南宁6月12日讯 东盟网络安全合作中心第三期技术培训班11日在南宁开班，来自8个国家的60余名学员参加。",
        "据介绍，培训中心自成立以来已累计培训学员500余人次。",
    ]


@pytest.mark.parametrize("line", ["Most Viewed", "电子周刊", "prev next"])
def test_a_lone_short_line_in_an_article_is_kept(line):
    text = f"Title\n\nA first paragraph that says something.\n\n{line}\n\nA second paragraph that says more."
    assert line in "".join(text[s:e] for s, e in analyse(text).main_ranges)


def test_a_paragraph_that_names_social_networks_is_text_and_a_share_bar_is_chrome():
    paragraph = ("Social media dominated: 21,904 reports concerned hacked or fake accounts on Facebook, WhatsApp, "
                 "TikTok and Instagram.")
    text = f"Title\n\n{paragraph}\n\nShare on Facebook | Twitter | LinkedIn\n\nThe team handled 73 defacements."
    assert main_lines_of(text) == ["Title", paragraph, "The team handled 73 defacements."]
