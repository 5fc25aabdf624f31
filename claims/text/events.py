"""Find events: clauses that report something happening (an arrest, a meeting held, an MoU signed, a report
released), dated by a date phrase of their own or of their sentence; and the period each figure refers to.

A date phrase alone is no event: "In 2023, CERT handled 4,210 incidents" dates a figure. A dateline
("SINGAPORE, Aug 28 (Reuters) -", 新华社北京5月20日电) or a date standing alone on a line is the
publication date, not an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import FuzzyDate
from .datephrases import DateContext, dates_in, is_future

# Verbs that report an occurrence (not a statistic: "handled", "recorded", "received" date figures).
EVENT_VERBS = re.compile(
    r"\b(?:arrest(?:s|ed|ing)?|detain(?:s|ed)?|seiz(?:e|es|ed)|sign(?:s|ed|ing)?|held|hold(?:s|ing)?|host(?:s|ed)?|"
    r"launch(?:es|ed)?|releas(?:e|es|ed)|publish(?:es|ed)?|announc(?:e|es|ed)|open(?:s|ed)?|beg(?:an|in|ins)|"
    r"start(?:s|ed)|met|meets?|agree(?:s|d)?|attack(?:ed)?|hit|struck|detect(?:ed)?|discover(?:ed)?|"
    r"issu(?:e|es|ed)|pass(?:ed)?|introduc(?:e|es|ed)|adopt(?:s|ed)?|take(?:s)? effect|took effect|"
    r"(?:come|came|comes|enter(?:ed|s)?) into force|raid(?:s|ed)?|dismantl(?:e|es|ed)|disrupt(?:s|ed)?|"
    r"t(?:ook|ake|akes) down|shut(?:s)? down|charg(?:e|es|ed)|sentenc(?:e|es|ed)|convict(?:s|ed)?|"
    r"extradit(?:e|es|ed)|visit(?:s|ed)?|attend(?:s|ed)?|convene(?:s|d)?|set up|deploy(?:s|ed)?|"
    r"exchang(?:e|es|ed)|ran|carr(?:y|ies|ied) out|conduct(?:s|ed)?|breach(?:es|ed)?|leak(?:s|ed)?|stole|"
    r"hack(?:s|ed)?|compromised|present(?:s|ed)?|unveil(?:s|ed)?|establish(?:es|ed)?|founded|appoint(?:s|ed)?|"
    r"approv(?:e|es|ed)|enact(?:s|ed)?|ratif(?:y|ies|ied)|implement(?:s|ed)?|froze|freez(?:e|es)|"
    r"restor(?:e|es|ed)|brought back|threaten(?:s|ed)?|investigat(?:e|es|ed)|sent|send(?:s)?|roll(?:s|ed)? out|"
    r"took place|take place|happened|occurred|peak(?:s|ed)|join(?:s|ed)|conclud(?:e|es|ed)|wrapped up|"
    r"kick(?:s|ed)? off|inaugurat(?:e|es|ed)|summon(?:s|ed)?|signed|expel(?:s|led)?|ban(?:s|ned)?|"
    r"block(?:ed)?|suspend(?:s|ed)?|indict(?:s|ed)?|plead(?:s|ed)?|pleaded|fined|jailed|captured|rescued|"
    r"intercepted|searched|identified|traced|shut|closed|filed|submitted|completed|finished|organi[sz]ed|"
    r"target(?:s|ed)|paraly[sz](?:e|es|ed)|crippl(?:e|es|ed)|knock(?:s|ed)? (?:out|offline)|encrypt(?:s|ed)|"
    r"disclos(?:e|es|ed)|promulgat(?:e|es|ed)|reach(?:es|ed)? (?:a |an )?(?:consensus|agreement|deal)|"
    r"co-?hosted|co-?chaired|chaired|opened an investigation|warned of|reported (?:a|an|the)|went live|"
    r"went into effect|exercise[sd]?|drill(?:s|ed)?|trained)\b|"
    r"拘捕|逮捕|抓获|抓獲|抓捕|捣毁|搗毀|破获|破獲|查获|查獲|检获|檢獲|截获|截獲|签署|簽署|签订|簽訂|簽定|签约|簽約|举行|舉行|"
    r"召开|召開|举办|舉辦|发布|發布|發佈|公布|公佈|启动|啟動|开展|開展|出席|访问|訪問|到访|到訪|通过|通過|实施|實施|施行|"
    r"生效|移送|押解|遭受|遭到|攻击|攻擊|上线|上線|成立|设立|設立|设置|設置|开幕|開幕|闭幕|閉幕|会晤|會晤|会见|會見|宣布|"
    r"宣佈|发出|發出|提出|进行|進行|部署|采取|採取|执行|執行|侦破|偵破|打掉|关停|關停|下架|冻结|凍結|判处|判處|起诉|起訴|"
    r"参与|參與|参加|參加|率团|率團|抵达|抵達|发生|發生|爆发|爆發|入侵|瘫痪|癱瘓|破坏|破壞|窃取|竊取|泄露|洩露|外泄|外洩|"
    r"侵入|勒索|通报|通報|约谈|約談|处罚|處罰|罚款|罰款|关闭|關閉|封堵|拦截|攔截|遣返|引渡|移交|查处|查處|查办|查辦|"
    r"开通|開通|推出|上路|启用|啟用|颁布|頒布|頒佈|修订|修訂|印发|印發|出台|召集|邀集|主持|主办|主辦|承办|承辦|"
    r"发表|發表|披露|交换意见|交換意見|达成|達成|签发|簽發|审议|審議|表决|表決|批准|核准|举报|舉報|立案|搜查|突击|突擊|围捕|圍捕|收网|收網|落网|落網|"
    r"被捕|被截获|被截獲|被拘|扣押|查扣|检控|檢控|提控|演练|演練|演习|演習|培训|培訓|赴|访华|訪華|访台|訪台|参访|參訪|"
    r"受到|完成|建立|创建|創建|组建|組建|揭牌|挂牌|掛牌", re.I)
CLAUSE_BREAK = re.compile(r"[;；，：]\s*|,(?!\d{3})\s*|:(?!\d)\s*|\s+(?:and|but|while|after|before|when)\s+|(?<![合])[并並](?![且不])")
SENTENCE_BREAK = re.compile(r"(?<=[!?。！？])\s*|(?<=\.)\s+(?=[A-Z\"“(\u3400-\u9fff\d])|\n+")
DATELINE = re.compile(r"^[\s\S]{0,80}?(?:\((?:Reuters|AP|AFP|Xinhua|Kyodo|Yonhap|PTI|dpa|Bernama|ANI|CNA|IANS|"
                      r"UNI|Bloomberg)\)|\s[-–—]{1,2}\s|\d{1,2}日(?:电|電|讯|訊))", re.I)


PUBLICATION_WORDS = re.compile(r"^\s*(?:published|updated|posted|first published|last updated|date|dated|"
                               r"发布时间|發布時間|发布日期|發布日期|日期|更新)\s*[:：]?\s*", re.I)


@dataclass(frozen=True)
class DatedPhrase:
    """A date phrase of the text, resolved."""

    start: int
    end: int
    date: FuzzyDate


@dataclass(frozen=True)
class Event:
    """A clause reporting an event, and its date."""

    start: int
    end: int
    date: FuzzyDate
    note: str = ""


def _spans(pattern: re.Pattern, text: str, start: int, end: int,
           keep: list[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The pieces of text[start:end] between matches of `pattern`, never breaking inside a `keep` span."""
    spans, position = [], start
    for match in pattern.finditer(text, start, end):
        if any(a < match.start() < b for a, b in keep):
            continue
        if match.start() > position:
            spans.append((position, match.start()))
        position = max(position, match.end())
    if position < end:
        spans.append((position, end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n\"“”'‘’(（)）「」『』-–—":
        start += 1
    while end > start and text[end - 1] in " \t\n.。\"“”'‘’(（)）「」『』-–—":
        end -= 1
    return start, end


def _publication_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The dateline at the top, and any line that holds nothing but a date (a signature's date)."""
    spans = []
    dateline = DATELINE.match(text, start, min(end, start + 160))
    if dateline and start == _first_line_start(text, start):
        spans.append((dateline.start(), dateline.end()))
    for line_start, line_end in _spans(re.compile(r"\n"), text, start, end):
        line = PUBLICATION_WORDS.sub("", text[line_start:line_end]).strip()
        if line and len(line) <= 40:
            phrases = dates_in(line)
            if phrases and sum(e - s for _, s, e, _ in phrases) >= len(re.sub(r"[\s,，.。()（）]", "", line)) - 4:
                spans.append((line_start, line_end))
    return spans


def _first_line_start(text: str, start: int) -> int:
    stripped = len(text[start:]) - len(text[start:].lstrip())
    return start + 0 if stripped == 0 else start


def find_events(text: str, ranges: list[tuple[int, int]], published: FuzzyDate | None
                ) -> tuple[list[Event], list[DatedPhrase]]:
    """The events in the given ranges, and every resolved date phrase (to date the figures with)."""
    events: list[Event] = []
    phrases: list[DatedPhrase] = []
    for range_start, range_end in ranges:
        context = DateContext(published)
        skip = _publication_lines(text, range_start, range_end)
        previous = None  # (end of the last sentence with a dated event, its date)
        for sentence_start, sentence_end in _spans(SENTENCE_BREAK, text, range_start, range_end):
            sentence = text[sentence_start:sentence_end]
            found = dates_in(sentence)
            clauses = _spans(CLAUSE_BREAK, text, sentence_start, sentence_end,
                             [(sentence_start + s, sentence_start + e) for _, s, e, _ in found])
            dated: list[DatedPhrase] = []
            for kind, s, e, parts in found:
                s, e = sentence_start + s, sentence_start + e
                clause = next(((a, b) for a, b in clauses if a <= s < b), (s, e))
                try:
                    resolved = context.resolve(kind, parts, is_future(text[clause[0]:max(clause[1], e)]))
                except (ValueError, KeyError, StopIteration, OverflowError):
                    continue
                if resolved is not None and not any(a <= s and e <= b for a, b in skip):
                    dated.append(DatedPhrase(s, e, resolved))
            phrases += dated
            carried = not dated and previous is not None and "\n" not in text[previous[0]:sentence_start]
            if not dated and not carried:
                previous = None
                continue
            if carried:  # "Europol set up a command post": the occurrence the sentence before dated goes on
                dated = [previous[1]]
            for clause_start, clause_end in clauses:
                verb = EVENT_VERBS.search(text, clause_start, clause_end)
                if not verb:
                    continue
                own = [d for d in dated if clause_start <= d.start < clause_end]
                before = [d for d in dated if d.end <= clause_start]
                after = [d for d in dated if d.start >= clause_end]
                finest = min(own, key=lambda d: d.date.end - d.date.start) if own else None
                when = finest or (before[-1] if before else after[0] if after else None)
                if when is None:
                    continue
                start, end = _trim(text, clause_start, clause_end)
                if start >= end:
                    continue
                note = "" if own else "Dated by the date phrase of its sentence." if not carried else \
                    "Dated by the sentence before it."
                events.append(Event(start, end, when.date, note))
                if not carried:
                    previous = (sentence_end, when)
    return events, phrases


def date_of(position: int, end: int, phrases: list[DatedPhrase], sentences: list[tuple[int, int]]
            ) -> FuzzyDate | None:
    """The period a figure at `position` refers to: the date phrase before it in its sentence, else the
    first one after it."""
    sentence = next(((s, e) for s, e in sentences if s <= position < e), None)
    if sentence is None:
        return None
    inside = [p for p in phrases if sentence[0] <= p.start < sentence[1] and not (position <= p.start < end)]
    before = [p for p in inside if p.end <= position]
    after = [p for p in inside if p.start >= end]
    right_after = [p for p in after if p.start - end <= 4]  # "3,900 in 2022"
    chosen = right_after[0] if right_after else before[-1] if before else after[0] if after else None
    return chosen.date if chosen else None


def sentence_spans(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [span for start, end in ranges for span in _spans(SENTENCE_BREAK, text, start, end)]
