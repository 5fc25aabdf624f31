"""Find a scraped page's main text: mark page chrome (share buttons, comment forms, footers, bylines)
and blocks the page repeats, so that editors and detection can skip them. The text itself is untouched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A line that is chrome on its own, in any site's words: breadcrumbs, bylines and tags, sharing, page
# controls, footers, and the comment forms of blog software.
CHROME_LINE = re.compile(
    r"""^(
        当前位置|您的位置|位置[:：]|首页\s*[>›»]|home\s*[>›»]                          # breadcrumbs
      | 责任编辑|编辑[:：]|作者[:：]|来源[:：]|本文摘自|本文来源|关键字[:：]|关键词[:：]|标签[:：]   # bylines, tags
      | 分享|回到顶部|返回顶部|打印本页|关闭窗口|上一篇|下一篇
      | 关于我们|联系我们|.*版权所有|.*ICP备|.*公网安备
      | posted\ on|updated\ on|updated:|published:|posted:|share\ this|tags?:|filed\ under|\(?editor:
      | add\ your\ comment|leave\ a\ (reply|comment)|related\ (articles|posts|news|stories)
      | you\ are\ commenting|fill\ in\ your\ details|log\ (in|out)\b|notify\ me|connecting\ to
      | \S+\ (logo|photo|picture|avatar)$|copyright|©|all\ rights\ reserved|\(for\ the\ latest\ .*\ follow
    )""",
    re.IGNORECASE | re.VERBOSE,
)
SOCIAL = re.compile(r"facebook|twitter|weibo|微博|微信|wechat|google\s*plus|google\+|instagram|youtube|linkedin",
                    re.IGNORECASE)
SCAN_TO_SHARE = re.compile(r"扫一扫|扫码|scan (?:the )?qr", re.IGNORECASE)
# A line that starts the comment section or the footer: everything after it is chrome.
TAIL_START = re.compile(
    r"^(leave a (reply|comment)|one thought on|\d+ thoughts? on|add your comment|comments?$|发表评论|网友评论|相关阅读)",
    re.IGNORECASE,
)
# A link-like line: a few words, no sentence punctuation, no figure ("Most Viewed", "电子周刊", "prev next", "^",
# "Like this:"); a headline-like one: a dozen words at most, not ended as a sentence is.
LINK_LIKE = re.compile(r"^(?:[^\s.。!?！？,，;；:：\d]{1,12}|[A-Za-z'’&^|-]+(?: [A-Za-z'’&^|-]+){0,3})(?::|：|\.\.\.|…)?$")
HEADLINE_LIKE = re.compile(r"^(?=[^,，(（]*$)(?:[^.。!?！？]{1,40}|(?:\S+ ){0,11}\S+)(?<![.。!?！？\"”])$")
SENTENCE_END = re.compile(r"[.。!?！？][\"”’)）]?$")
TIMESTAMP = re.compile(r"\d{1,2}:\d{2}")
MIN_DUPLICATE_CHARS = 20


@dataclass
class Line:
    """One line of the text, by code-point offsets; `key` is its whitespace-folded content."""

    start: int
    end: int
    key: str
    chrome: bool = False
    duplicate_of: int | None = None  # start offset of the earlier copy, for lines long enough to count
    repeated: bool = False  # the same text stood on an earlier line (however short)


@dataclass
class Layout:
    """Where the main text is, and which blocks repeat earlier ones: lists of [start, end] and
    [start, end, start_of_original], in code points."""

    main_ranges: list[list[int]] = field(default_factory=list)
    duplicate_ranges: list[list[int]] = field(default_factory=list)

    def main_text(self, text: str) -> str:
        """The main text's ranges joined by blank lines (for language detection and the like)."""
        return "\n\n".join(text[s:e] for s, e in self.main_ranges)


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with their offsets, stripped of surrounding white space."""
    lines = []
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        start = match.start() + lead
        lines.append(Line(start, start + len(stripped), re.sub(r"\s+", " ", stripped)))
    return lines


def is_chrome(key: str) -> bool:
    """A line that is page furniture rather than the document's own text."""
    if CHROME_LINE.match(key):
        return True
    # Sharing buttons name two networks on a short line or a line that is no sentence; a paragraph may name them too.
    if (len(SOCIAL.findall(key)) >= 2 and (len(key) <= 80 or not SENTENCE_END.search(key))) \
            or (len(key) <= 80 and SCAN_TO_SHARE.search(key)):
        return True
    # A short line that is a date stamp with a time ("(People's Daily Online) 06:05, September 26, 2015").
    return len(key) <= 80 and bool(TIMESTAMP.search(key)) and bool(re.search(r"\d{4}", key))


def analyse(text: str) -> Layout:
    """Mark chrome and repeated lines, and return the main-text ranges and the duplicated blocks."""
    lines = split_lines(text)
    in_tail = False
    seen: dict[str, int] = {}
    for line in lines:
        in_tail = in_tail or bool(TAIL_START.match(line.key))
        line.chrome = in_tail or is_chrome(line.key)
        line.repeated = line.key in seen
        if line.repeated and len(line.key) >= MIN_DUPLICATE_CHARS:
            line.duplicate_of = seen[line.key]
        seen.setdefault(line.key, line.start)
    # Runs of two or more link-like lines are menus, widgets and footers, whatever their words; after the
    # article's first sentence, so are runs of headlines (lists of related stories) and such lines next to
    # chrome. Before it, a short line next to chrome alone may be the title, and stays.
    body = next((i for i, line in enumerate(lines) if SENTENCE_END.search(line.key) and len(line.key) > 40), len(lines))
    for i, line in enumerate(lines):
        likes = (LINK_LIKE,) if i < body else (LINK_LIKE, HEADLINE_LIKE)
        neighbours = lines[max(0, i - 1):i] + lines[i + 1:i + 2]
        if any(like.match(line.key) for like in likes) and any(
                (n.chrome and i > body) or any(like.match(n.key) for like in likes) for n in neighbours):
            line.chrome = True

    layout = Layout()
    # Duplicated blocks: runs that start at a repeated line and go on through repeated lines, long or short.
    block: list[int] | None = None
    for line in lines:
        if line.duplicate_of is not None and block is None:
            block = [line.start, line.end, line.duplicate_of]
        elif block is not None and line.repeated:
            block[1] = line.end
        elif block is not None:
            layout.duplicate_ranges.append(block)
            block = None
    if block is not None:
        layout.duplicate_ranges.append(block)

    def duplicated(line: Line) -> bool:
        return any(s <= line.start < e for s, e, _ in layout.duplicate_ranges)

    current: list[int] | None = None
    for line in lines:
        if line.chrome or duplicated(line):
            if current is not None:
                layout.main_ranges.append(current)
                current = None
        elif current is None:
            current = [line.start, line.end]
        else:
            current[1] = line.end
    if current is not None:
        layout.main_ranges.append(current)
    if not layout.main_ranges and lines:  # nothing but chrome: keep the whole text rather than nothing
        layout.main_ranges.append([lines[0].start, lines[-1].end])
    return layout

