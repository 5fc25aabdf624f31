"""Find events: clauses that report something happening (an arrest, a meeting held, an MoU signed, a report
released), dated by a date phrase of their own or of their sentence; and the period each figure refers to.

A date phrase alone is no event: "In 2023, CERT handled 4,210 incidents" dates a figure. A dateline
("SINGAPORE, Aug 28 (Reuters) -", 新华社北京5月20日电) or a date standing alone on a line is the
publication date, not an event.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .dates import FuzzyDate
from .datephrases import PAST_TENSE, DateContext, dates_in, is_future, is_future_at, reported_year
from .chinese import segment
from .scripts import HAN, HAN_CHARACTERS
from .normalise import half_width
from .patterns import FromHeads
from .phrases import PhraseMatcher, fold

# Verbs that report an occurrence (not a statistic: "handled", "recorded", "received" date figures), in
# their forms; Chinese in either script (matching folds Traditional to Simplified).
EVENT_VERBS_EN = """
runs | run | meet | took action | take action | appear | appears | appeared | elect | elects | elected | closes | closed |
scheduled | planned | due to be held | is to be held | will be held | due to host | amended | amend | amends |
adopt | adopted | adopts | agree | agreed | agrees | announce | announced | announces | appoint | appointed |
appoints | approve | approved | approves | arrest | arrested | arresting | arrests | attack | attacked |
attend | attended | attends | ban | banned | bans | began | begin | begins | block | blocked | breach |
breached | breaches | brought back | came into force | captured | carried out | carries out | carry out |
chaired | charge | charged | charges | closed | co-chaired | co-hosted | come into force | comes into force |
completed | compromised | conclude | concluded | concludes | conduct | conducted | conducts | convene |
convened | convenes | convict | convicted | convicts | cripple | crippled | cripples | deploy | deployed |
deploys | detain | detained | detains | detect | detected | disclose | disclosed | discloses | discover |
discovered | dismantle | dismantled | dismantles | disrupt | disrupted | disrupts | drill | drilled | drills |
enact | enacted | enacts | encrypted | encrypts | enter into force | entered into force | enters into force |
establish | established | establishes | exchange | exchanged | exchanges | exercised | exercises | expel |
expelled | expels | extradite | extradited | extradites | filed | fined | finished | founded | freeze |
freezes | froze | hack | hacked | hacks | happened | held | hit | hold | holding | holds | host | hosted |
hosts | identified | implement | implemented | implements | inaugurate | inaugurated | inaugurates | indict |
indicted | indicts | intercepted | introduce | introduced | introduces | investigate | investigated |
investigates | issue | issued | issues | jailed | joined | joins | kick off | kicked off | kicks off | knock
offline | knock out | knocked offline | knocked out | knocks offline | knocks out | launch | launched |
launches | leak | leaked | leaks | meets | met | occurred | open | opened | opened an investigation | opens |
organised | organized | paralyse | paralysed | paralyses | paralyze | paralyzed | paralyzes | pass | passed |
peaked | peaks | plead | pleaded | pleads | present | presented | presents | promulgate | promulgated |
promulgates | publish | published | publishes | raid | raided | raids | ran | ratified | ratifies | ratify |
reach a consensus | reach a deal | reach agreement | reach an agreement | reach an
consensus | reach consensus | reach deal | reached a consensus | reached
a deal | reached agreement | reached an agreement | reached consensus
| reached deal | reaches a consensus | reaches a deal | reaches agreement | reaches an
agreement | reaches consensus | reaches deal | release | released |
releases | reported a | reported an | reported the | rescued | restore | restored | restores | roll out |
rolled out | rolls out | searched | seize | seized | seizes | send | sends | sent | sentence | sentenced |
sentences | set up | shut | shut down | shuts down | sign | signed | signing | signs | started | starts |
stole | struck | submitted | summon | summoned | summons | suspend | suspended | suspends | take down | take
effect | take place | takes down | takes effect | targeted | targets | threaten | threatened | threatens |
took down | took effect | took place | traced | trained | unveil | unveiled | unveils | visit | visited |
visits | warned of | went into effect | went live | wrapped up
"""
EVENT_VERBS_ZH = """
宣判 起出 修正 修法 公告 刊宪 刊憲 判决 判決 定罪 羁押 羈押 续签 續簽 提堂 首读 首讀 二读 二讀 三读 三讀
侦查终结 偵查終結 提起公诉 提起公訴 扣得 圆满结束 圓滿結束 再讯 再訊
下线 下線 返港 返台 抵港
中断 中斷 商定 议定 議定 处以 處以
展开 展開 登场 登場 开放 開放 建置 报警 報警 报案 報案 接到报警 接獲報案 启用 上路
拘捕 逮捕 抓获 抓獲 抓捕 捣毁 搗毀 破获 破獲 查获 查獲 检获 檢獲 截获 截獲 签署 簽署 签订 簽訂 簽定 签约 簽約 举行 舉行 召开 召開 举办 舉辦 发布 發布 發佈 公布 公佈 启动 啟動 开展 開展
出席 访问 訪問 到访 到訪 通过 通過 实施 實施 施行 生效 移送 押解 遭受 遭到 攻击 攻擊 上线 上線 成立 设立 設立 设置 設置 开幕 開幕 闭幕 閉幕 会晤 會晤 会见 會見 宣布 宣佈 发出 發出 提出
进行 進行 部署 采取 採取 执行 執行 侦破 偵破 打掉 关停 關停 下架 冻结 凍結 判处 判處 起诉 起訴 参与 參與 参加 參加 率团 率團 抵达 抵達 发生 發生 爆发 爆發 入侵 瘫痪 癱瘓 破坏 破壞 窃取
竊取 泄露 洩露 外泄 外洩 侵入 勒索 通报 通報 约谈 約談 处罚 處罰 罚款 罰款 关闭 關閉 封堵 拦截 攔截 遣返 引渡 移交 查处 查處 查办 查辦 开通 開通 推出 上路 启用 啟用 颁布 頒布 頒佈 修订
修訂 印发 印發 出台 召集 邀集 主持 主办 主辦 承办 承辦 发表 發表 披露 交换意见 交換意見 达成 達成 签发 簽發 审议 審議 表决 表決 批准 核准 举报 舉報 立案 搜查 突击 突擊 围捕 圍捕 收网
收網 落网 落網 被捕 被截获 被截獲 被拘 扣押 查扣 检控 檢控 提控 演练 演練 演习 演習 培训 培訓 赴 访华 訪華 访台 訪台 参访 參訪 受到 完成 建立 创建 創建 组建 組建 揭牌 挂牌 掛牌
"""
EVENT_VERBS = PhraseMatcher((verb, True) for verb in
                            [*(" ".join(v.split()) for v in EVENT_VERBS_EN.split("|")), *EVENT_VERBS_ZH.split()])
CLAUSE_BREAK = FromHeads(r"[;；，：]\s*|,(?!\d{3})\s*|:(?!\d)\s*|(?<![合])[并並](?![且不])|"
                          r"\s+(?:while|when|after|before)\s+(?!(?:the|a|an|its|their|his|her|this|that|these|those)\b|\d)|\s+(?:and|but)\s+(?=(?:also\s+|then\s+|later\s+)?(?:[a-z]{3,}ed|took|ran|met|began|sent|"
                          r"held|set|seized|froze|cut|made|gave|won|lost|struck|shut|will|have|has|had|that|publish|hold|sign|launch|"
                          r"release|open|host|present|introduce|take|appoint|deploy|arrest|seize|report|meet|review|start|begin)\b)")
LINE_BREAK = re.compile(r"\n")
# A sentence that goes on about the occurrence the sentence before dated.
BACK_REFERENCE = re.compile(r"\s*(?:(?:during|at|in|on the sidelines of|after|following|before)\s+(?:the|this|that)\s+"
                            r"(?:\w+\s+)?(?:dialogue|meeting|talks|visit|operation|forum|conference|summit|exercise|"
                            r"raids?|sessions?|days?|events?|ceremony|drills?|drives?|search(?:es)?|crackdown|sweep)\b|签约仪式|簽約儀式|签字仪式|仪式上|儀式上|"
                            r"[^\s，,。]{0,8}(?:仪式|儀式)后|[^\s，,。]{0,8}(?:仪式|儀式)後|[^\s，,。]{1,6}(?:期间|期間)[，,]|"
                            r"(?:开幕式|開幕式|闭幕式|閉幕式)上|(?:会议|會議|对话|對話|会谈|會談|会晤|會晤|行动|行動|活动|活動)?"
                            r"(?:期间|期間|中|上|结束后|結束後)[，,]|此次|这次|這次|"
                            r"会上|會上|当天|當天|同日|當日|当日)", re.I)
# The day of the reported operation named inside a clause: "set up a command post on the action day".
OCCURRENCE_DAY = re.compile(r"\b(?:on|during|for) the (?:action|operational|raid) (?:days?|weeks?)\b|行动当天|行動當天|行动日|行動日",
                            re.I)
# A run of days from a dated day: 起一連三日, 起连续5天, "for three days".
DAY_RUN = re.compile(r"(?:[（(]\d{1,2}日?[)）])?\s*(?:起|开始|開始)?[^，。,;；]{0,6}?(?:一连|一連|连续|連續)(?P<days>[二两兩三四五六七八九十]|\d{1,2})(?:日|天)|"
                     r"\s*(?:,\s*)?for (?P<en>two|three|four|five|six|seven|\d) (?:consecutive )?days")
SENTENCE_BREAK = re.compile(rf"(?<=[!?。！？])\s*|(?<=\.)\s+(?=[A-Z\"“(\d{HAN_CHARACTERS}])|\n+")
DATELINE = re.compile(r"^[\s\S]{0,80}?(?:\((?:Reuters|AP|AFP|Xinhua|Kyodo|Yonhap|PTI|dpa|Bernama|ANI|CNA|IANS|"
                      r"UNI|Bloomberg)\)|\s[-–—]{1,2}\s|\d{1,2}日(?:电|電|讯|訊|消息))", re.I)
PUBLICATION_WORDS = re.compile(r"^\s*(?:published|updated|posted|first published|last updated|date|dated|"
                               r"发布时间|發布時間|发布日期|發布日期|日期|更新)\s*[:：]?\s*", re.I)


@dataclass(frozen=True)
class DatedPhrase:
    """A date phrase of the text, resolved; `since` for "since 2019", 自去年10月起 (an ongoing span)."""

    start: int
    end: int
    date: FuzzyDate
    since: bool = False

    @property
    def start_date(self) -> FuzzyDate:
        """When what the phrase dates happened: for "since X", X (the span goes on to the figure's period)."""
        if not self.since:
            return self.date
        first = self.date.start
        if self.date.precision == "day":
            return FuzzyDate.day(first.year, first.month, first.day)
        return FuzzyDate.year(first.year) if self.date.precision == "year" else FuzzyDate.month(first.year, first.month)


@dataclass(frozen=True)
class Event:
    """A clause reporting an event, and its date."""

    start: int
    end: int
    date: FuzzyDate
    note: str = ""


def _spans(pattern: re.Pattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of text[start:end] between matches of `pattern`."""
    spans, position = [], start
    for match in pattern.finditer(text, start, end):
        if match.start() > position:
            spans.append((position, match.start()))
        position = max(position, match.end())
    if position < end:
        spans.append((position, end))
    return spans


def _with_verbless_joined(text: str, clauses: list[tuple[int, int]], has_verb) -> list[tuple[int, int]]:
    """English clauses with no verb of their own joined to the clause before, when only a comma parts them
    ("picked up in drives in Dhaka, Gazipur and Faridpur on Sunday": the places are a list, the date is the
    verb's)."""
    joined: list[tuple[int, int]] = []
    for start, end in clauses:
        if joined and not has_verb(start, end) and text[joined[-1][1]:start].strip() == "," \
                and not HAN.search(text, start, end):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _clauses(start: int, end: int, breaks: list[tuple[int, int]], keep: list[tuple[int, int]]
             ) -> list[tuple[int, int]]:
    """The clauses of the sentence text[start:end], given its clause breaks, never breaking inside `keep`."""
    spans, position = [], start
    for break_start, break_end in breaks:
        if break_end > end or any(a < break_start < b for a, b in keep):
            continue
        if break_start > position:
            spans.append((position, break_start))
        position = max(position, break_end)
    if position < end:
        spans.append((position, end))
    return spans


def _verbs(text: str) -> list[int]:
    """Where the verbs that report an occurrence stand. A Chinese one must begin or end a word (segmented with
    the word dictionary: 全面实施) and not be the stem of a noun made with one more character (发布会, 开幕式)."""
    hits = EVENT_VERBS.find(fold(text))
    if not any(HAN.match(text, start) for start, _, _ in hits):
        return [start for start, _, _ in hits]
    words = segment(text)
    found = []
    for start, end, _ in hits:
        if HAN.match(text, start):
            word = words.starting(start)
            if word is None:
                if words.ends_at(end):
                    found.append(start)  # 全面实施: the verb ends a word
                continue
            if words.ends[word] == end + 1 and words.tags[word].startswith("n"):
                continue
        found.append(start)
    return found


def _any_within(positions: list[int], start: int, end: int) -> bool:
    index = bisect_left(positions, start)
    return index < len(positions) and positions[index] < end


# Verbs that say or count rather than report an occurrence, and participles that are adjectives.
NOT_OCCURRENCES_EN = frozenset("""said stated added noted reported recorded registered logged handled received counted
    totalled totaled reached accounted increased decreased rose fell dropped climbed jumped declined doubled
    related based named alleged suspected infected affected linked compared estimated expected believed
    called asked used needed involved concerned connected dedicated limited unrecorded unreported ranked
    listed located headquartered""".split())
NOT_OCCURRENCES_ZH = frozenset("""是 有 为 為 表示 说 說 称 稱 指出 认为 認為 介绍 介紹 显示 顯示 增加 减少 減少 下降 上升 增长 增長 占 佔
    达 達 达到 達到 共 累计 累計 处理 處理 受理 接获 接獲 录得 錄得 涉及 包括 成为 成為 要 会 會 能 可 将 將 需要 需 应 應
    希望 呼吁 呼籲 强调 強調 透露 提醒 了解 獲悉 获悉 看到 认识 知道 称为 稱為 位于 位於 来自 來自 据 據 按 令 使 让 讓""".split())


# A Chinese report dates a statement to its day (警方今日（22日）表示, 昨（19）日證實): a press act, an event.
SAYING_ZH = re.compile(r"表示|证实|證實|获悉|獲悉|透露|指出")


def _says_on_a_day(text: str, start: int, end: int, own: list[DatedPhrase]) -> bool:
    return bool(own) and own[0].date.precision == "day" and SAYING_ZH.search(text, start, end) is not None


def _other_verbs(text: str) -> list[int]:
    """Where other verbs stand: English words in -ed, Chinese words the dictionary tags as verbs, but for the
    verbs of saying and of statistics."""
    found = [m.start() for m in PAST_TENSE.finditer(text) if m.group() not in NOT_OCCURRENCES_EN]
    if HAN.search(text):
        words = segment(text)
        found += [start for word, start, tag in zip(words.words, words.starts, words.tags)
                  if tag in ("v", "vd", "vi") and word not in NOT_OCCURRENCES_ZH]
    return sorted(found)


def _appositions(dated: list[DatedPhrase]) -> list[DatedPhrase]:
    """"last week, on December 10", "本月（5月）": a phrase next to one whose date it narrows gives both the
    narrower date."""
    result = list(dated)
    for i in range(len(result) - 1):
        a, b = result[i], result[i + 1]
        if b.start - a.end <= 6:
            if b.start - a.end <= 2 and a.date.precision == b.date.precision == "day" and a.date != b.date:
                result[i] = DatedPhrase(a.start, a.end, b.date, b.since)  # "Tuesday 23 November": the day named
            elif a.date.start <= b.date.start and b.date.end <= a.date.end:
                result[i] = DatedPhrase(a.start, a.end, b.date, b.since)
            elif b.date.start <= a.date.start and a.date.end <= b.date.end:
                result[i + 1] = DatedPhrase(b.start, b.end, a.date, a.since)
    return result


# What may stand with a date alone in its clause: "On Monday, ...", "In early March, ...".
LEAD_WORDS = re.compile(r"\s*(?:(?:on|in|at|by|from|during|since|until|early|late|mid|around|between|and|then)\s*)*$",
                        re.I)


def _is_alone(text: str, start: int, end: int, phrase: DatedPhrase) -> bool:
    """Whether the clause text[start:end] holds nothing but the date phrase (and a preposition before it)."""
    return phrase.start >= start and end - phrase.end <= 2 and (
        phrase.start - start <= 2 or LEAD_WORDS.match(text, start, phrase.start) is not None)


def _run_length(days: str) -> int:
    words = {"二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "two": 2, "three": 3,
             "four": 4, "five": 5, "six": 6, "seven": 7}
    return int(days) if days.isdigit() else words[days]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " \t\n\"“”'‘’(（)）「」『』-–—":
        start += 1
    while end > start and text[end - 1] in " \t\n.。\"“”'‘’(（)）「」『』-–—":
        end -= 1
    return start, end


def _publication_lines(text: str, start: int, end: int, phrases: list[tuple[int, int]], first: bool
                       ) -> list[tuple[int, int]]:
    """The dateline at the top of the text, and any line that holds nothing but a date (a signature's date),
    given the date phrases of text[start:end]."""
    spans = []
    dateline = DATELINE.match(text, start, min(end, start + 160)) if first else None
    if dateline:
        spans.append((dateline.start(), dateline.end()))
    for line_start, line_end in _spans(LINE_BREAK, text, start, end):
        if line_end - line_start > 60:
            continue
        line = PUBLICATION_WORDS.sub("", text[line_start:line_end]).strip()
        inside = [(s, e) for s, e in phrases if line_start <= s and e <= line_end]
        dated = sum(e - s for s, e in inside)
        placed = inside and re.fullmatch(r"[A-Z][\w .'-]{0,24},\s*", text[line_start:inside[-1][0]]) \
            and not text[inside[-1][1]:line_end].strip()  # "The Hague, 12 June 2025"
        if line and len(line) <= 40 and dated and not re.search(r"[。！？!?]$", line) \
                and (placed or dated >= len(re.sub(r"[\s,，.。()（）]", "", line)) - 4):
            spans.append((line_start, line_end))
    return spans


def _sentence_dates(text: str, context: DateContext, found: list, clauses: list[tuple[int, int]],
                    sentence_start: int, skip: list[tuple[int, int]]) -> list[DatedPhrase]:
    """The date phrases of a sentence resolved in text order, but for datelines and signature dates."""
    dated = []
    for kind, s, e, parts in found:
        clause = next(((a, b) for a, b in clauses if a <= s < b), (s, e))
        # A date alone in its clause speaks of the tense of the clause after it ("12月，將合辦…").
        following = next((b for a, b in clauses if a >= clause[1]), clause[1])
        alone = clause[1] - clause[0] - (e - s) <= 2
        try:
            resolved = context.resolve(kind, parts, is_future_at(text[clause[0]:following if alone else max(clause[1], e)],
                                                                 s - clause[0]),
                                       leading=s - sentence_start <= 3)
        except (ValueError, KeyError, StopIteration, OverflowError):
            continue
        if resolved is None or any(a <= s and e <= b for a, b in skip):
            continue
        run = DAY_RUN.match(text, e)
        if run and resolved.precision == "day":  # 上週二起一連三日: three days from that Tuesday
            days = _run_length(run["days"] or run["en"])
            resolved = FuzzyDate(resolved.start, resolved.start + timedelta(days=days - 1), "day")
        dated.append(DatedPhrase(s, e, resolved, since=kind.startswith("since")))
    return dated


# A date that dates a statement, not what it reports: "police said on Friday", "INTERPOL said today".
STATEMENT_DATE = re.compile(r"\b(?:said|says|announced|told (?:\w+ ){0,2}|confirmed|stated|added|revealed|disclosed|"
                            r"declared|reported)\s+(?:on\s+|late\s+on\s+|early\s+on\s+)?$", re.I)
POSSESSIVE = re.compile(r"['’]s\b")
# What has happened, told in the perfect: "have arrested", "had detained", "has taken down".
PERFECT = re.compile(r"\b(?:have|has|had)\s+(?:also\s+|now\s+|so far\s+)?(?:been\s+)?[a-z]+(?:ed|en|wn|t)\b")


def _occurrence_after(text: str, sentences: list[tuple[int, int]], number: int, phrases: list[DatedPhrase],
                      until: date | None) -> DatedPhrase | None:
    """The date of what a lead reports, as the two sentences after it give it: their first day or month phrase
    that is no "since", no statement's day ("said on Tuesday") and ends by `until`."""
    end, window = sentences[number][1], sentences[min(number + 2, len(sentences) - 1)][1]
    return next((d for d in phrases if end <= d.start < window and not d.since and d.date.precision != "year"
                 and (until is None or d.date.end <= until)
                 and not STATEMENT_DATE.search(text, max(0, d.start - 40), d.start)), None)


def _reported_lead_date(text: str, sentences: list[tuple[int, int]], number: int, dated: list[DatedPhrase],
                        phrases: list[DatedPhrase]) -> DatedPhrase | None:
    """A lead that reports in the perfect what was done, dated only by the day it was told ("Police have
    arrested 57 people, officials said on Tuesday"), takes the date of the occurrence the next sentences give
    ("The raids, carried out from Nov. 9 to 15, ..."), up to the statement's day."""
    sentence = sentences[number]
    if not dated or not PERFECT.search(text, *sentence):
        return None
    if not all(STATEMENT_DATE.search(text, max(sentence[0], d.start - 40), d.start) for d in dated):
        return None
    return _occurrence_after(text, sentences, number, phrases, max(d.date.end for d in dated))


def _undated_lead(text: str, sentences: list[tuple[int, int]], number: int, phrases: list[DatedPhrase],
                  published: FuzzyDate | None) -> list[Event]:
    """The event of a lead that tells in the perfect what was done and names no date ("Four people have been
    arrested and charged ..."), dated by the occurrence the next two sentences give up to publication."""
    occurred = _occurrence_after(text, sentences, number, phrases, published.end if published else None)
    start, end = _trim(text, *sentences[number])
    if occurred is None or start >= end:
        return []
    return [Event(start, end, occurred.start_date, "Dated by the sentences after it.")]


def _clause_date(dated: list[DatedPhrase], own: list[DatedPhrase], clause_start: int, clause_end: int,
                 lead: DatedPhrase | None, refers_back: bool, names_the_day: bool = False) -> DatedPhrase | None:
    """The date of a clause: the finest of its own, else its sentence's before it; a sentence about the reported
    occurrence ("During the dialogue, ... signed") takes the occurrence's; else its sentence's after it."""
    if own:
        return min(own, key=lambda d: d.date.end - d.date.start)
    if lead is not None and names_the_day:
        return lead
    before = [d for d in dated if d.end <= clause_start]
    if before:
        return before[-1]
    if lead is not None and refers_back:
        return lead
    after = [d for d in dated if d.start >= clause_end]
    return after[0] if after else None


def find_events(text: str, ranges: list[tuple[int, int]], published: FuzzyDate | None
                ) -> tuple[list[Event], list[DatedPhrase], list[tuple[int, int]], list[tuple[int, int]]]:
    """The events in the given ranges, every resolved date phrase (to date the figures with), where every
    date phrase stands, resolved or not (去（114）年 with no publication date to read it by is still no figure),
    and the sentences of the ranges (sentence_spans)."""
    events: list[Event] = []
    phrases: list[DatedPhrase] = []
    spans: list[tuple[int, int]] = []
    all_sentences: list[tuple[int, int]] = []
    for range_start, range_end in ranges:
        context = DateContext(published)
        context.reported_year = reported_year(text[range_start:range_end], published)
        previous = None  # (end of the last sentence with a dated event, its date)
        lead = None  # the date of the first event: the occurrence the text reports
        # Date phrases are read once for the whole range (a regex call per sentence costs more than the
        # matching), then taken sentence by sentence in text order, as the running context needs.
        in_range = [(kind, range_start + s, range_start + e, parts)
                    for kind, s, e, parts in dates_in(text[range_start:range_end])]
        spans += [(s, e) for _, s, e, _ in in_range]
        skip = _publication_lines(text, range_start, range_end, [(s, e) for _, s, e, _ in in_range],
                                  first=range_start == ranges[0][0])
        starts = [s for _, s, _, _ in in_range]
        breaks = [(m.start(), m.end()) for m in CLAUSE_BREAK.finditer(text, range_start, range_end)]
        break_starts = [b for b, _ in breaks]
        # In the form the figure reader segments too: one segmentation of the text serves both.
        section = half_width(text[range_start:range_end])
        verbs = _verbs(section)
        other_verbs = _other_verbs(section)
        last_end = range_start
        sentences = _spans(SENTENCE_BREAK, text, range_start, range_end)
        all_sentences += sentences
        lead_sentence = None  # (its index, its first event, its dated phrases)
        undated_lead = None  # the index of a first sentence that tells in the perfect what was done, undated
        for number, (sentence_start, sentence_end) in enumerate(sentences):
            if "\n" in text[last_end:sentence_start]:
                context.new_paragraph()
            last_end = sentence_end
            found = in_range[bisect_left(starts, sentence_start):bisect_left(starts, sentence_end)]
            clauses = _clauses(sentence_start, sentence_end, breaks[bisect_left(break_starts, sentence_start):
                                                                     bisect_left(break_starts, sentence_end)],
                               [(s, e) for _, s, e, _ in found])
            clauses = _with_verbless_joined(text, clauses, lambda a, b: _any_within(verbs, a - range_start, b - range_start)
                                            or _any_within(other_verbs, a - range_start, b - range_start))
            dated = _appositions(_sentence_dates(text, context, found, clauses, sentence_start, skip))
            phrases += dated
            carried = not dated and previous is not None and "\n" not in text[previous[0]:sentence_start]
            refers_back = BACK_REFERENCE.match(text, sentence_start, sentence_end) is not None
            referring = not dated and lead is not None and (
                refers_back or OCCURRENCE_DAY.search(text, sentence_start, sentence_end) is not None)
            if not dated and not carried and not referring:
                if lead is None and undated_lead is None and PERFECT.search(text, sentence_start, sentence_end) \
                        and _any_within(verbs, sentence_start - range_start, sentence_end - range_start):
                    undated_lead = number  # "Four people have been arrested and charged ...": dated further on
                previous = None
                continue
            if referring:  # "During the action day, ...": the occurrence the text reports
                dated, carried = [DatedPhrase(range_start, range_start, lead.date)], True
            elif carried:  # "Europol set up a command post": the occurrence the sentence before dated goes on
                dated = [previous[1]]
            # The clauses after one that holds nothing but a date ("今年2月，…", "On Monday, …") are dated by it.
            date_alone = [any(_is_alone(text, a, b, d) for d in dated) for a, b in clauses]
            for index, (clause_start, clause_end) in enumerate(clauses):
                own = [d for d in dated if clause_start <= d.start < clause_end]
                # "Today's agreement builds on the summit hosted in March 2024": a possessive date names a thing.
                own = [d for d in own if not POSSESSIVE.match(text, d.end)] or own
                opened = any(date_alone[:index])
                # An occurrence verb; or, in a clause with a date of its own, any verb in the past tense or that
                # the dictionary calls one, but for the verbs of saying and of statistics, or a plan ("is
                # scheduled for October", "will testify on 19 October"), or a Chinese statement made on a given day.
                if not _any_within(verbs, clause_start - range_start, clause_end - range_start) and not (
                        (own or opened) and (_any_within(other_verbs, clause_start - range_start, clause_end - range_start)
                                             or is_future(text[clause_start:clause_end])
                                             or _says_on_a_day(text, clause_start, clause_end, own))):
                    continue
                when = _clause_date(dated, own, clause_start, clause_end, lead, refers_back,
                                    OCCURRENCE_DAY.search(text, clause_start, clause_end) is not None)
                if when is None:
                    continue
                # A clause that runs on from the dateline ("Nov 17 (Reuters) - Thai police have ...") starts after it.
                start, end = _trim(text, max([clause_start] + [b for a, b in skip if a <= clause_start < b]), clause_end)
                if start >= end:
                    continue
                note = "" if own else "Dated by the date phrase of its sentence." if not carried else \
                    "Dated by the sentence before it."
                events.append(Event(start, end, when.start_date, note))
                if not carried:
                    previous = (sentence_end, when)
                    if lead is None:
                        lead_sentence = (number, len(events) - 1, dated)
                    lead = lead or when
        if undated_lead is not None:
            events += _undated_lead(text, sentences, undated_lead, phrases, published)
        elif lead_sentence is not None:
            number, first, dated = lead_sentence
            occurred = _reported_lead_date(text, sentences, number, dated, phrases)
            if occurred is not None:
                for index in range(first, len(events)):
                    if events[index].start >= sentences[number][1]:
                        break
                    events[index] = Event(events[index].start, events[index].end, occurred.start_date,
                                          "Dated by the sentences after it (its own date is when it was told).")
    return events, phrases, spans, all_sentences


def date_of(position: int, end: int, phrases: list[DatedPhrase], sentences: list[tuple[int, int]]
            ) -> FuzzyDate | None:
    """The period a figure at `position` refers to: the date phrase before it in its sentence, else the
    first one after it."""
    index = bisect_right(sentences, (position, float("inf"))) - 1
    if index < 0 or not sentences[index][0] <= position < sentences[index][1]:
        return None
    sentence = sentences[index]
    first = bisect_left(phrases, sentence[0], key=lambda p: p.start)
    last = bisect_left(phrases, sentence[1], key=lambda p: p.start)
    inside = [p for p in phrases[first:last] if not (position <= p.start < end)]
    before = [p for p in inside if p.end <= position]
    after = [p for p in inside if p.start >= end]
    right_after = [p for p in after if p.start - end <= 4]  # "3,900 in 2022"
    chosen = right_after[0] if right_after else before[-1] if before else after[0] if after else None
    return chosen.date if chosen else None


def sentence_spans(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return [span for start, end in ranges for span in _spans(SENTENCE_BREAK, text, start, end)]
