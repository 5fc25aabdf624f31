"""Read dates in English and Chinese text, resolving relative ones against the publication date and the
running context of the text.

Absolute: "October 2013", "September 23, 2015", "2013年10月", "二〇二二年十二月一日", 民國 years (113年).
Relative to the publication date: weekdays ("on Monday": the latest Monday on or before it, or the next
one where the clause speaks of the future; 上週二, 下周三), today/yesterday, last/this/next week, month and
year, seasons ("this winter"), halves, quarters and the first months of a year (上半年, 一季度, 前五個月,
頭8個月, 首9月, "the first half of 2024"), ranges (3月至5月, "between 14 and 17 April", "from 2010 to 2012"),
and bare months and days, which take the year (and month) of the text around them.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .scripts import HAN
from .dates import DAY, MONTH as MONTH_PRECISION, YEAR, FuzzyDate
from .normalise import half_width, lower_case
from .patterns import FromHeads

MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december"]
MONTH = r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?"
_MONTH = MONTH
_MONTH2 = MONTH.replace("?P<month>", "?P<month2>")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
CN_WEEKDAYS = "一二三四五六日天"
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 4}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}
CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9, "两": 2, "兩": 2}
FUTURE = FromHeads(r"\b(?:will|shall|to be|is to|are to|expected|plans? to|planned (?:to|for)|scheduled|set to|would|intends?|"
                    r"takes effect|comes? into (?:force|effect)|opens|begins|starts|kicks off|"
                    r"due to (?!the\b|a\b|an\b|its\b|their\b)|"
                    r"threaten(?:s|ed)? to|aims? to|next|coming|upcoming)\b|将|將|拟|擬|预计|預計|准备|準備|"
                    r"即将|即將|将于|將於|将会|將會|会在|會在|会于|會於|押后|押後|須於|须于|須在|须在|预定|預定|预订|计划于|計劃於|计划在|計劃在|下周|下週|明年|下月|下个月|下個月",
                    re.I)

# Past tenses: regular, and the irregular ones news reports use (English; Chinese marks none the same way).
PAST_TENSE = FromHeads(r"\b[a-z]{3,}ed\b|\b(?:taken|given|seen|done|shown|written|stolen|frozen|broken|chosen|"
                        r"driven|begun|drawn|flown|thrown|hidden|"
                        r"cut|took|ran|met|began|sent|held|set|put|hit|made|gave|went|came|led|"
                        r"won|lost|fell|rose|shut|struck|broke|caught|brought|sold|spent|stole|told|paid|froze|seized|"
                        r"drew|fled|found|fought|kept|left|saw|stood|wrote|became|did|said)\b")
# What tells a clause's tense besides its verb: "was tabled", "had targeted"; not a participle after "be" ("will be
# presented") nor an infinitive ("will set up") nor a word that only ends in -ed ("a hundred").
PAST_AUXILIARY = re.compile(r"\b(?:was|were|had)\b")
AFTER_BE = re.compile(r"\b(?:be|being|been|will|would|shall|to|may|can|could|should|must)\s+$")
NOT_PAST = frozenset("hundred indeed need speed feed seed exceed proceed succeed".split())


def _number(value: str) -> int:
    """1-4 digits, or a Chinese numeral up to 9999 (二〇二二, 十二, 二十六)."""
    if value.isdigit():
        return int(value)
    if all(ch in CN_DIGITS for ch in value) and len(value) > 1:
        return int("".join(str(CN_DIGITS[ch]) for ch in value))
    total, digit = 0, None
    for ch in value:
        if ch == "十":
            total += (digit if digit is not None else 1) * 10
            digit = None
        else:
            digit = CN_DIGITS[ch]
    return total + (digit or 0)


def month_number(value: str) -> int:
    """The number of a month written as a name (Sept, march), in digits or in Chinese numerals (十二)."""
    if value.isdigit() or value[0] in CN_DIGITS or value[0] == "十":
        return _number(value)
    return MONTH_NAMES.index(next(m for m in MONTH_NAMES if m.startswith(value.lower()[:3]))) + 1


_Y = r"(?P<year>(?:1[89]|20)\d{2}|[〇零○一二][〇零○一二三四五六七八九]{3})"
_YE = r"(?P<year>(?:1[89]|20)\d{2})"
_Y2 = _Y.replace("year", "year2")
_M = r"(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_M2 = _M.replace("month", "month2")
_D = r"(?P<day>3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])"
_D2 = _D.replace("day", "day2")
_REL_YEAR = r"(?P<rel>去年|今年|明年|前年|本年|同年)"
_ROC = r"(?:民國|民国)?(?P<roc>1[01]\d|9\d|一[〇○零一][〇○零一二三四五六七八九])年(?![来來历歷间間前])"
_CN_PERIOD = (r"(?:(?P<half>上半年|下半年)|(?:第?(?P<quarter>[一二三四1-4])季度?|首季|(?P<q3>前三季))|"
              r"(?:前|头|頭|首)(?P<months>[一二两兩三四五六七八九十]{1,2}|\d{1,2})(?:个|個)?月)")
_EN_HALF = r"(?P<half>first|second)\s+half\s+of\s+"
_EN_QUARTER = r"(?P<quarter>first|second|third|fourth|last)\s+quarter\s+of\s+"
_EN_FIRST = r"the\s+first\s+(?P<months>two|three|four|five|six|seven|eight|nine|ten|eleven|\d{1,2})\s+months\s+of\s+"
_EN_WHICH_YEAR = r"(?:(?P<year>(?:19|20)\d{2})|(?P<rel>this|last|next|the)\s+year)"
_WEEKDAY = r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_WEEKDAY2 = _WEEKDAY.replace("weekday", "weekday2")
_TH = r"(?:st|nd|rd|th)?"
_TIME_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"

# Not inside brackets after a weekday, which only give its days: 上週五至本週二（1月8日至12日）; but 過去十日（11月8日至17日）.
_NOT_AFTER_WEEKDAY = "".join(rf"(?<!{c}[{CN_WEEKDAYS}]\()" for c in "周週期拜")
# Most specific first: where patterns overlap, the one listed first wins.
DATE_PATTERNS = [
    ("day-month-range", re.compile(rf"\b(?:from|between)\s+(?P<day>\d{{1,2}}){_TH}\s+{_MONTH},?\s+(?P<year0>(?:1[89]|20)\d{{2}}),?\s+"
                                   rf"(?:to|and|until|through)\s+(?P<day2>\d{{1,2}}){_TH}\s+{_MONTH2},?\s+{_YE}", re.I)),
    ("day-month-range", re.compile(rf"\b(?:from|between)\s+{_MONTH}\s+(?P<day>\d{{1,2}}){_TH},?\s+(?P<year0>(?:1[89]|20)\d{{2}}),?\s+"
                                   rf"(?:to|and|until|through)\s+{_MONTH2}\s+(?P<day2>\d{{1,2}}){_TH},?\s+{_YE}", re.I)),
    ("day-month-range", re.compile(rf"\b(?:from|between)\s+(?P<day>\d{{1,2}}){_TH}\s+{_MONTH}\s+(?:to|and|until|through)\s+"
                                   rf"(?P<day2>\d{{1,2}}){_TH}\s+{_MONTH2}(?:,?\s+{_YE})?", re.I)),
    # "from February 18 until the end of the month": the days from that one to the month's last
    ("day-to-month-end", re.compile(rf"\bfrom\s+(?:{_MONTH}\s+(?P<day>\d{{1,2}}){_TH}|(?P<day0>\d{{1,2}}){_TH}\s+"
                                    rf"{_MONTH2})(?:,?\s+{_YE})?\s+(?:until|to|through|till)\s+the\s+end\s+of\s+the\s+month",
                                    re.I)),
    ("day-range", re.compile(rf"\bbetween\s+(?P<day>\d{{1,2}}){_TH}\s+and\s+(?P<day2>\d{{1,2}}){_TH}\s+(?:of\s+)?{_MONTH}"
                             rf"(?:,?\s+{_YE})?", re.I)),
    ("day-range", re.compile(rf"\b(?:from\s+)?(?P<day>\d{{1,2}}){_TH}\s*(?:-|–|to|and)\s*(?P<day2>\d{{1,2}}){_TH}\s+(?:of\s+)?"
                             rf"{_MONTH}(?:,?\s+{_YE})?", re.I)),
    ("day-range", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})\s*(?:-|–|to|and)\s*(?P<day2>\d{{1,2}})(?:,?\s+{_YE})?\b", re.I)),
    ("day", re.compile(rf"{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+{_YE}", re.I)),
    ("day", re.compile(rf"(?<!\d)(?P<day>\d{{1,2}}){_TH}\s+(?:of\s+)?{_MONTH},?\s+{_YE}", re.I)),
    ("day-month-range", re.compile(rf"{_NOT_AFTER_WEEKDAY}(?<!\d)(?:(?P<year0>(?:1[89]|20)\d{{2}})年)?{_M}月{_D}[日号號]?(?:至|到|-|–)"
                                   rf"(?:(?P<year>(?:1[89]|20)\d{{2}})年)?{_M2}月{_D2}[日号號]")),
    ("day-range", re.compile(rf"{_NOT_AFTER_WEEKDAY}(?<!\d)(?:{_Y}年)?{_M}月{_D}[日号號]?(?:至|到|-|–){_D2}[日号號]")),
    ("day-range", re.compile(rf"(?:(?<=[本上下]月)|(?<![\d月年(]))(?P<day>\d{{1,2}})日?(?:至|到|-|–)(?P<day2>\d{{1,2}})日")),
    ("day", re.compile(rf"{_Y}年{_M}月{_D}[日号號]")),
    ("roc-day", re.compile(rf"{_ROC}{_M}月{_D}[日号號]")),
    ("month-year-range", re.compile(rf"\b(?:from|between)\s+{_MONTH},?\s+{_YE}\s+(?:to|and|until|through)\s+{_MONTH2},?\s+"
                                    rf"(?P<year2>(?:1[89]|20)\d{{2}})", re.I)),
    ("month-year-range", re.compile(rf"{_Y}年{_M}月(?:至|到|-|–|~){_Y2}年{_M2}月")),
    ("month-year-range", re.compile(rf"{_REL_YEAR}{_M}月(?:至|到|-|–|~)(?P<rel2>去年|今年|明年){_M2}月")),
    ("month-range", re.compile(rf"\b{_MONTH}\s+and\s+{_MONTH2}\b(?!\s+\d)", re.I)),
    ("month-range", re.compile(rf"\b(?:from|between)\s+{_MONTH}\s+(?:to|and|until|through)\s+{_MONTH2}"
                               rf"(?:,?\s+{_Y}|\s+(?:of\s+)?(?P<rel>this|last|next)\s+year)?", re.I)),
    ("month-range", re.compile(rf"(?:{_Y}年|{_REL_YEAR})?{_M}月?(?:展开|展開|开始|開始|起)?(?:至|到|-|–|~){_M2}月(?:[间間底])?")),
    ("year-range", re.compile(r"\b(?:from|between)\s+(?P<year>(?:19|20)\d{2})\s+(?:to|and|until|through)\s+"
                              r"(?P<year2>(?:19|20)\d{2})\b", re.I)),
    ("year-range", re.compile(r"(?P<year>(?:19|20)\d{2})年?(?:至|到|-|–)(?P<year2>(?:19|20)\d{2})年(?:间|間)?")),
    ("month", re.compile(rf"{_MONTH},?\s+(?:of\s+)?{_YE}", re.I)),
    ("month", re.compile(rf"{_Y}年{_M}月")),
    ("month-year-range", re.compile(rf"(?:自|從|从)?{_ROC}{_M}月起?(?:至|到){_ROC.replace('roc', 'roc2')}{_M2}月止?")),
    ("roc-month", re.compile(rf"{_ROC}{_M}月")),
    ("year-period", re.compile(rf"(?:{_Y}年|{_REL_YEAR}|{_ROC})(?:的)?{_CN_PERIOD}")),
    ("year-period", re.compile(rf"\b(?:{_EN_HALF}|{_EN_QUARTER}|{_EN_FIRST}){_EN_WHICH_YEAR}\b", re.I)),
    ("year-period", re.compile(rf"\b(?P<hq>[HQ][1-4])\s+(?P<year>(?:19|20)\d{{2}})\b", re.I)),
    ("period", re.compile(rf"{_CN_PERIOD}")),
    ("period", re.compile(rf"\b(?:{_EN_HALF}|{_EN_QUARTER})(?:the\s+)?year\b", re.I)),
    ("period", re.compile(rf"\b(?P<quarter>first|second|third|fourth)\s+quarter\b", re.I)),
    ("since-month", re.compile(r"(?:自|从|從)\s*(?P<rel>去年|今年)(?P<edge>底|初)(?:起|以来|以來)")),
    ("since-day", re.compile(rf"(?:自|从|從)\s*(?:{_Y}年|{_REL_YEAR})?{_M}月{_D}[日号號](?:起|以来|以來)?")),
    ("since-month", re.compile(rf"(?:自|从|從)\s*(?:{_Y}年|{_REL_YEAR})?{_M}月(?:中|初|底|上旬|中旬|下旬)?(?:起|以来|以來)?")),
    ("rel-year-month", re.compile(rf"{_REL_YEAR}{_M}月(?:{_D}[日号號])?")),
    ("rel-year-month", re.compile(rf"\bin\s+{_MONTH}\s+(?P<rel>last|this|next)\s+year\b", re.I)),
    ("rel-year-month", re.compile(rf"\bin\s+{_MONTH}\s+of\s+(?P<rel>last|this|next)\s+year\b", re.I)),
    ("since-day", re.compile(rf"\bsince\s+(?P<day>\d{{1,2}}){_TH}\s+{_MONTH},?\s+{_YE}\b", re.I)),
    ("since-month", re.compile(rf"\bsince\s+{_MONTH}(?:,?\s+{_YE})?\b", re.I)),
    ("since-year", re.compile(rf"(?:since|自|从|從)\s*{_Y}年?(?:起|以来|以來)?", re.I)),
    ("roc-year", re.compile(rf"{_ROC}")),
    ("year", re.compile(rf"(?:\bin\s+|(?<![\d至到\-–]))(?P<year>(?:19|20)\d{{2}}|[〇零○一二][〇零○一二三四五六七八九]{{3}})年(?![\d至到\-–])")),
    ("year", re.compile(rf"\b(?:in|since|during|by the end of|in early|in late|in mid|mid-|early|late|scheduled for|"
                        rf"planned for|due in|until)\s*-?\s*"
                        rf"(?P<year>(?:19|20)\d{{2}})\b(?![-–/]\d)", re.I)),
    ("same-month-day", re.compile(rf"同月{_D}[日号號]")),
    ("same-day", re.compile(r"\b(?:that|the same) day\b|当天|當天|当日|當日|同日|当晚|當晚", re.I)),
    ("day-before", re.compile(r"\b(?:the day before|the previous day|a day earlier)\b|(?:会|會)?前一[天日]", re.I)),
    ("next-day", re.compile(r"\b(?:the next|the following) day\b|次日|翌日|第二天|隔天|隔日", re.I)),
    ("same-month", re.compile(r"\bthe same month\b|同月", re.I)),
    ("last-month-name", re.compile(rf"\blast\s+{_MONTH}", re.I)),
    ("next-month-name", re.compile(rf"\bnext\s+{_MONTH}", re.I)),
    ("week-range", re.compile(rf"(?P<which>上|本|这|這|下)?(?:个|個)?(?:周|週|星期)(?P<weekday>[{CN_WEEKDAYS}])"
                              rf"(?:[（(]\d{{1,2}}日?[)）])?(?:至|到|-|–|及|和|、)(?P<which2>上|本|这|這|下)?(?:周|週|星期)?"
                              rf"(?P<weekday2>[{CN_WEEKDAYS}])"
                              rf"(?:[（(](?:\d{{1,2}}月)?\d{{1,2}}日?(?:(?:至|到|-|–|及|和|、)(?:\d{{1,2}}月)?\d{{1,2}}日?)?[)）])?")),
    ("week-range", re.compile(rf"\b(?:(?P<which>last|this|next)\s+)?{_WEEKDAY}{_TIME_OF_DAY}\s+(?:and|to|through|-|–)\s+{_WEEKDAY2}\b",
                              re.I)),
    ("cn-week-day", re.compile(rf"(?P<which>上|本|这|這|下)?(?:个|個)?(?:周|週|星期|礼拜|禮拜)(?P<weekday>[{CN_WEEKDAYS}])")),
    ("week-day", re.compile(rf"\b(?:(?P<which>last|this|next)\s+)?{_WEEKDAY}(?:'s)?{_TIME_OF_DAY}\b", re.I)),
    ("relative-day", re.compile(r"\b(?P<rel>today|yesterday|tomorrow|tonight)\b|(?P<cn>今天|今日|今晚|今早|今晨|昨天|昨日|昨晚|昨早|昨晨|明天|明日|明早|前天|前日)"
                                r"(?:[（(](?:\d{1,2}月)?\d{1,2}日?[)）])?", re.I)),
    ("day-noyear", re.compile(r"(?:本月|这个月|這個月)(?P<day>\d{1,2})[日号號]")),
    ("relative-day", re.compile(r"(?P<cn>今|昨|明)[（(](?P<day>\d{1,2})[)）]日")),
    ("relative-week", re.compile(r"\b(?P<rel>last|this|next)\s+week\b|(?P<cn>上周|上週|本周|本週|下周|下週|[上本下这這](?:个|個)?星期)(?![一二三四五六日天])",
                                 re.I)),
    ("relative-month", re.compile(r"\b(?P<rel>last|this|next)\s+month\b|"
                                  rf"(?P<cn>上月|上个月|上個月|本月|这个月|這個月|下月|下个月|下個月)(?:{_D}[日号號](?![至到~\-–]))?", re.I)),
    ("recent", re.compile(r"(?P<cn>(?<![\d一二三四五六七八九十])日前|近日)")),
    ("years-ago", re.compile(r"\b(?P<n>a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) years? ago\b", re.I)),
    ("season", re.compile(r"\b(?:(?P<which>this|last|next|the)\s+)(?P<season>spring|summer|autumn|fall|winter)\b", re.I)),
    ("year-end", re.compile(r"(?P<rel>去年|今年|明年|前年)底")),
    ("relative-year", re.compile(r"\b(?P<rel>last|this|next)\s+year\b|"
                                 r"(?P<cn>去年|今年|明年|前年|年底|年內|年内|年初)(?!\d|[一二三四五六七八九十]月)", re.I)),
    ("month-day-noyear", re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})\b(?!,?\s*\d{{4}})", re.I)),
    ("month-day-noyear", re.compile(rf"(?<!\d)(?P<day>\d{{1,2}}){_TH}\s+(?:of\s+)?{_MONTH}\b(?!,?\s*\d{{4}})", re.I)),
    ("month-day-noyear", re.compile(rf"(?<![\d年])(?<!\d月){_M}月{_D}[日号號]")),
    ("month-noyear", re.compile(rf"\b(?:in|since|during|by|from|until|early|late|mid-|last|(?:scheduled|planned|set|due) for)\s*{_MONTH}\b(?!\s*\d)(?!,?\s*\d{{4}})", re.I)),
    ("month-noyear", re.compile(rf"(?<![\d年至到\-–]){_M}月(?:份|初|中旬|中|下旬|上旬|底)?(?![\d日号號至到\-–])")),
    ("day-noyear", re.compile(rf"(?:本月|这个月|這個月)?(?<![\d月年])(?P<day>\d{{1,2}})[日号號](?![\d])")),
]

# Without one of these there is nothing to look for.
DATE_HINT = re.compile(r"(?:1[89]|20)\d\d|\d\s*[日号號]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|月|年|"
                       r"same month|week|day\b|year|month|yesterday|today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|"
                       r"saturday|sunday|spring|summer|autumn|fall|winter|quarter|half|[HQ][1-4]\b|周|週|星期|礼拜|禮拜|"
                       r"[今昨明前][天日晚早晨]|季|今[（(]", re.I)


ENGLISH_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
CHINESE_DAYS = {"今": 0, "昨": -1, "明": 1, "前": -2}  # by the first character: 今早, 昨晚, 明日, 前天


class DateContext:
    """The running date context of a text: the last year and month that dated something in it, and the
    publication date (an interval: a text dated only "2014" may speak of any month of 2014)."""

    def __init__(self, published: FuzzyDate | None):
        self.published = published.start if published else None
        self.latest = published.end if published else None
        self.day_known = bool(published and published.precision == DAY)
        self.year: int | None = None  # from the text itself
        self.month: int | None = None
        self.month_year: int | None = None  # the year of the last month or day the text named
        self.last: FuzzyDate | None = None
        self.reported_year: int | None = None  # the year a report reviews (see reported_year), for bare months

    def resolve(self, kind: str, parts: dict, future: bool = False, leading: bool = False) -> FuzzyDate | None:
        """The date a phrase denotes; None when it needs a reference the text does not give. May raise
        ValueError for an impossible date (30 February). `leading`: the phrase opens its sentence ("2023年，…",
        "In 2023, …"), so a year it names is the year the sentences after it speak of."""
        result = self._resolve(kind, parts, future)
        if result is not None and leading and kind == "year":
            self.month_year = result.start.year
        relative_period = kind == "year-period" and parts.get("rel")  # 明年第一季 says nothing of the text's year
        if result is not None and kind not in ("relative-year", "since-year", "since-month", "since-day", "year-range") \
                and not relative_period:
            self.year = result.start.year
            self.month = result.start.month if result.precision in (MONTH_PRECISION, DAY) else None
            if self.month is not None:
                self.month_year = self.year
            self.last = result
        return result

    def new_paragraph(self) -> None:
        """A new paragraph: the months it names no longer take their year from the paragraphs before."""
        self.month_year = None
        self.month = None

    def _year_of(self, parts: dict) -> int | None:
        if parts.get("roc"):
            return _number(parts["roc"]) + 1911
        if parts.get("year"):
            return _number(parts["year"])
        rel = (parts.get("rel") or "").lower()
        reference = self.published
        if rel in ("同年", "the"):
            return self.year or (reference.year if reference else None)
        if not rel or reference is None:
            return self.year if rel == "" and self.year else None
        return reference.year + {"去年": -1, "last": -1, "前年": -2, "今年": 0, "本年": 0, "this": 0, "明年": 1,
                                 "next": 1}[rel]

    def _bare_month_year(self, month: int, future: bool) -> int | None:
        """The year of a month named without one: that of the last month or day the text named (a bare year
        is often background: "since reporting began in 2017"), else the latest such month up to the
        publication (the next one for the future); a month before the text's last rolls into the next year
        unless that would pass the publication."""
        if self.month_year is None or (future and self.published is not None):
            if self.latest is None:
                return None
            if self.reported_year is not None and not future:
                return self.reported_year  # "In March" of a report on 2026 published in May 2027
            if future:
                return self.published.year + (month < self.published.month)
            return self.latest.year - (month > self.latest.month)
        year = self.month_year
        if self.month is not None and month < self.month:
            rolled = year + 1
            if future or self.latest is None or date(rolled, month, 1) <= self.latest:
                year = rolled
        if self.published is not None:
            if future and date(year, month, 1) < self.published.replace(day=1):
                year = self.published.year + (month < self.published.month)
            elif not future and date(year, month, 1) > self.latest:
                year = self.latest.year - (month > self.latest.month)
        return year

    def _resolve(self, kind: str, parts: dict, future: bool) -> FuzzyDate | None:
        month = month_number(parts["month"]) if parts.get("month") else None
        reference = self.published
        if kind in ("day", "month", "year", "roc-day", "roc-month", "roc-year"):
            year = self._year_of(parts)
            if kind in ("day", "roc-day"):
                return FuzzyDate.day(year, month, _number(parts["day"]))
            if kind in ("month", "roc-month"):
                return FuzzyDate.month(year, month)
            return FuzzyDate.year(year)
        if kind == "since-day":
            year = self._year_of(parts) if (parts.get("year") or parts.get("rel")) else \
                self._bare_month_year(month, future)
            if year is None:
                return None
            start = date(year, month, _number(parts["day"]))
            last = reference if reference and reference >= start else start
            return FuzzyDate(start, last, DAY)
        if kind == "year-end":  # 去年底: the last month of last year
            year = self._year_of(parts)
            return FuzzyDate.month(year, 12) if year else None
        if kind == "since-month" and parts.get("edge"):  # 自去年底起: from December, 自今年初起: from January
            month = 12 if parts["edge"] == "底" else 1
        if kind == "since-month":
            year = self._year_of(parts) if (parts.get("year") or parts.get("rel")) else \
                self._bare_month_year(month, future)
            if year is None:
                return None
            last = reference if reference and reference >= date(year, month, 1) else date(year, month, 1)
            return FuzzyDate(date(year, month, 1), FuzzyDate.month(last.year, last.month).end, MONTH_PRECISION)
        if kind == "since-year":
            year = _number(parts["year"])
            last = reference.year if reference and reference.year >= year else year
            return FuzzyDate(date(year, 1, 1), date(last, 12, 31), YEAR)
        if kind == "year-range":
            first, last = int(parts["year"]), int(parts["year2"])
            return FuzzyDate(date(first, 1, 1), date(last, 12, 31), YEAR) if first < last else None
        if kind in ("same-day", "next-day", "day-before"):  # the day the text last named, or the one after or before
            if self.last is None or self.last.precision != DAY or self.last.start != self.last.end:
                return None
            day = self.last.start + timedelta(days={"same-day": 0, "next-day": 1, "day-before": -1}[kind])
            return FuzzyDate.day(day.year, day.month, day.day)
        if kind == "same-month":
            if self.last is None or self.last.precision not in (MONTH_PRECISION, DAY):
                return None
            return FuzzyDate.month(self.last.start.year, self.last.start.month)
        if kind == "day-range":
            if month is None:  # 16日至17日: the month of the text, else of publication
                if self.month is None and reference is None:
                    return None
                month = self.month or reference.month
                year = self.year if self.month else reference.year
            else:
                year = self._year_of(parts) if (parts.get("year") or parts.get("rel")) else \
                    self._bare_month_year(month, future)
            if year is None:
                return None
            first, last = _number(parts["day"]), _number(parts["day2"])
            return FuzzyDate(date(year, month, first), date(year, month, last), DAY) if first < last else None
        if kind == "day-to-month-end":
            month = month or month_number(parts["month2"])
            year = self._year_of(parts) if parts.get("year") else self._bare_month_year(month, future)
            if year is None:
                return None
            last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
            first = _number(parts["day"] or parts["day0"])
            return FuzzyDate(date(year, month, first), date(year, month, last), DAY) if first < last else None
        if kind == "day-month-range":
            second = month_number(parts["month2"])
            year = _number(parts["year"]) if parts.get("year") else self._bare_month_year(second, future)
            if year is None:
                return None
            # "from 20 December to 5 January 2025" begins the year before; "from 1 November 2026 to ..." says so
            first_year = _number(parts["year0"]) if parts.get("year0") else year - 1 if month > second else year
            first, last = date(first_year, month, _number(parts["day"])), date(year, second, _number(parts["day2"]))
            return FuzzyDate(first, last, DAY) if first < last else None
        if kind == "month-year-range":
            if parts.get("rel"):  # 去年3月至今年2月
                if reference is None:
                    return None
                shift = {"去年": -1, "今年": 0, "明年": 1, "前年": -2, "本年": 0, "同年": 0}
                parts = {**parts, "year": str(reference.year + shift[parts["rel"]]),
                         "year2": str(reference.year + shift[parts["rel2"]])}
            if parts.get("roc"):  # 自113年6月起至114年3月止
                parts = {**parts, "year": str(_number(parts["roc"]) + 1911), "year2": str(_number(parts["roc2"]) + 1911)}
            first = date(_number(parts["year"]), month, 1)
            last = FuzzyDate.month(_number(parts["year2"]), month_number(parts["month2"])).end
            return FuzzyDate(first, last, MONTH_PRECISION) if first < last else None
        if kind == "month-range":
            second = month_number(parts["month2"])
            year = self._year_of(parts) if (parts.get("year") or parts.get("rel")) else \
                self._bare_month_year(second, future)
            if year is None or month >= second:
                return None
            return FuzzyDate(date(year, month, 1), FuzzyDate.month(year, second).end, MONTH_PRECISION)
        if kind in ("year-period", "period"):
            if parts.get("hq"):
                parts = {**parts, ("half" if parts["hq"][0] in "Hh" else "quarter"): parts["hq"][1]}
            if kind == "year-period":
                year = self._year_of(parts)
                return _period(year, parts) if year else None
            # A half or quarter without a year: that of the last month the text named, else the latest such
            # period begun by publication (the coming one for the future).
            if self.month_year is not None and not (future and reference is not None
                                                    and _period(self.month_year, parts).end < reference):
                return _period(self.month_year, parts)
            if reference is None:
                return None
            period = _period(reference.year, parts)
            if period is not None and not future and period.start > self.latest:
                period = _period(reference.year - 1, parts)
            elif period is not None and future and period.end < reference:
                period = _period(reference.year + 1, parts)
            return period
        if reference is None:
            return None
        if kind == "rel-year-month":
            year = self._year_of(parts)
            if parts.get("day"):
                return FuzzyDate.day(year, month, _number(parts["day"]))
            return FuzzyDate.month(year, month)
        if kind == "last-month-name":
            return FuzzyDate.month(reference.year - (month >= reference.month), month)
        if kind == "next-month-name":
            return FuzzyDate.month(reference.year + (month <= reference.month), month)
        if kind in ("month-noyear", "month-day-noyear"):
            year = self._bare_month_year(month, future)
            if year is None:
                return None
            return FuzzyDate.month(year, month) if kind == "month-noyear" else \
                FuzzyDate.day(year, month, _number(parts["day"]))
        if kind == "relative-year":
            rel = (parts.get("rel") or parts.get("cn")).lower()
            return FuzzyDate.year(reference.year + {"last": -1, "去年": -1, "前年": -2, "next": 1, "明年": 1}.get(rel, 0))
        if kind == "relative-month":
            rel = (parts.get("rel") or parts.get("cn")).lower()
            step = -1 if rel in ("last", "上月", "上个月", "上個月") else 1 if rel in (
                "next", "下月", "下个月", "下個月") else 0
            year, month = divmod(reference.year * 12 + reference.month - 1 + step, 12)
            if parts.get("day"):  # 上月二十七日
                return FuzzyDate.day(year, month + 1, _number(parts["day"]))
            return FuzzyDate.month(year, month + 1)
        if kind == "recent":  # 日前, 近日: days before publication, so its month
            return FuzzyDate.month(reference.year, reference.month)
        if kind == "years-ago":
            n = parts["n"].lower()
            count = int(n) if n.isdigit() else ["a", "one", "two", "three", "four", "five", "six", "seven", "eight",
                                                 "nine", "ten"].index(n) or 1
            return FuzzyDate.year(reference.year - count)
        if kind == "season":
            first, last = SEASONS[parts["season"].lower()]
            which = parts["which"].lower()
            year = reference.year + {"last": -1, "next": 1}.get(which, 0)
            if which == "the" and future and reference.month > last % 12:
                year += 1
            start = date(year, first, 1)
            end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
            return FuzzyDate(start, FuzzyDate.month(end_year, end_month).end, MONTH_PRECISION)
        if not self.day_known:
            return None  # weekdays and "yesterday" need the day of publication
        if kind == "day-noyear":
            day = _number(parts["day"])
            month_start = reference.replace(day=1)
            if day > reference.day and not future:
                month_start = (month_start - timedelta(days=1)).replace(day=1)
            return FuzzyDate.day(month_start.year, month_start.month, day)
        if kind == "relative-day":
            rel = (parts.get("rel") or parts.get("cn") or "今日").lower()
            shift = ENGLISH_DAYS[rel] if rel in ENGLISH_DAYS else CHINESE_DAYS[rel[0]]
            day = reference + timedelta(days=shift)
            return FuzzyDate.day(day.year, day.month, day.day)
        if kind == "relative-week":
            rel = (parts.get("rel") or parts.get("cn")).lower()
            step = -7 if rel == "last" or rel.startswith("上") else 7 if rel == "next" or rel.startswith("下") else 0
            monday = reference - timedelta(days=reference.weekday()) + timedelta(days=step)
            return FuzzyDate(monday, monday + timedelta(days=6), DAY)
        if kind == "same-month-day":
            if self.last is None or self.last.precision not in (MONTH_PRECISION, DAY):
                return None
            return FuzzyDate.day(self.last.start.year, self.last.start.month, _number(parts["day"]))
        if kind == "week-range":  # 本周一至周三, "on Tuesday and Wednesday": the days from the first to the last
            first = self._resolve("cn-week-day" if parts["weekday"] in CN_WEEKDAYS else "week-day", parts, future)
            second = self._resolve("cn-week-day" if parts["weekday"] in CN_WEEKDAYS else "week-day",
                                   {**parts, "weekday": parts["weekday2"], "which": parts.get("which2") or parts.get("which")},
                                   future)  # 上週五至本週二: each day in its own week
            if first is None or second is None or second.start <= first.start:
                return None
            return FuzzyDate(first.start, second.end, DAY)
        if kind in ("week-day", "cn-week-day"):
            weekday = parts["weekday"]
            target = CN_WEEKDAYS.index(weekday) if kind == "cn-week-day" else WEEKDAYS.index(weekday.lower())
            target = min(target, 6)
            which = (parts.get("which") or "").lower()
            monday = reference - timedelta(days=reference.weekday())
            if which in ("上", "last") and kind == "cn-week-day":
                day = monday - timedelta(days=7) + timedelta(days=target)
            elif which in ("下", "next"):
                day = monday + timedelta(days=7 + target)
            elif which in ("本", "这", "這", "this"):
                day = monday + timedelta(days=target)
            else:  # a bare weekday: the latest on or before publication, or the next for the future
                back = (reference.weekday() - target) % 7
                day = reference - timedelta(days=back) if not future else reference + timedelta(
                    days=(target - reference.weekday()) % 7 or 7)
                if which == "last":
                    day = day - timedelta(days=7) if back == 0 else day
            return FuzzyDate.day(day.year, day.month, day.day)
        return None


def _period(year: int, parts: dict) -> FuzzyDate | None:
    """A half, a quarter, or the first months of a year, as months."""
    if parts.get("half"):
        half = parts["half"].lower()
        first = 1 if half in ("上半年", "first", "1") else 7
        return FuzzyDate(date(year, first, 1), FuzzyDate.month(year, first + 5).end, MONTH_PRECISION)
    if parts.get("q3"):
        return FuzzyDate(date(year, 1, 1), date(year, 9, 30), MONTH_PRECISION)
    if parts.get("quarter") is not None or "首季" in (parts.get("_text") or ""):
        quarter = parts.get("quarter")
        quarter = ORDINALS.get(quarter.lower()) if quarter and quarter.isalpha() and quarter.isascii() else \
            _number(quarter) if quarter else 1
        first = 3 * quarter - 2
        return FuzzyDate(date(year, first, 1), FuzzyDate.month(year, first + 2).end, MONTH_PRECISION)
    if parts.get("months"):
        months = parts["months"].lower()
        count = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"].index(months) + 2 \
            if months.isalpha() and months.isascii() else _number(months)
        if not 1 <= count <= 12:
            return None
        return FuzzyDate(date(year, 1, 1), FuzzyDate.month(year, count).end, MONTH_PRECISION)
    return FuzzyDate(date(year, 1, 1), date(year, 3, 31), MONTH_PRECISION)  # 首季: the first quarter


def _script(pattern: re.Pattern) -> str:
    """Which script a pattern can match in: English patterns ignore case, Chinese ones hold Han characters."""
    han = bool(HAN.search(pattern.pattern))
    return "both" if han and pattern.flags & re.I else "zh" if han else "en"


SCRIPTS = [_script(pattern) for _, pattern in DATE_PATTERNS]
# The text is lowered once (positions kept) and matched case-sensitively: faster than re.I.
LOWERED = [re.compile(pattern.pattern.replace("[HQ]", "[hq]")) for _, pattern in DATE_PATTERNS]


def _finditer(pattern: re.Pattern):
    """How to find a pattern's matches: where they begin in a few ways (a word, a digit, 月), by jumping from one
    such beginning to the next (see FromHeads); else by trying every position, as re does."""
    try:
        return FromHeads(pattern).finditer
    except ValueError:
        return pattern.finditer


FINDITER = [_finditer(pattern) for pattern in LOWERED]
# Words without one of which a kind of phrase cannot occur: a cheap test that spares a scan.
NEEDS = {
    "relative-month": ("month", "上月", "本月", "下月", "个月", "個月"),
    "relative-year": ("year", "去年", "今年", "明年", "前年", "年底", "年內", "年内", "年初"),
    "relative-week": ("week", "上周", "上週", "本周", "本週", "下周", "下週", "星期"),
    "relative-day": ("today", "yesterday", "tomorrow", "tonight", "今", "昨", "明天", "明日", "前天", "前日"),
    "week-day": ("day",), "season": ("spring", "summer", "autumn", "fall", "winter"),
    "same-month": ("same month", "同月"), "years-ago": ("ago",), "same-day": ("day", "当", "當", "同日"),
    "next-day": ("day", "次日", "翌日", "第二天", "隔天", "隔日"), "day-before": ("day", "前一"), "week-range": ("day", "周", "週", "星期"),
    "month-year-range": ("from", "between", "至", "到", "-", "–", "~"),
    "month-range": ("from", "between", " and ", "至", "到", "-", "–", "~"),
    "day-range": ("between", "-", "–", "to", "and", "至", "到"), "recent": ("日前", "近日"), "period": ("half", "quarter", "半年", "季", "月"),
    "cn-week-day": ("周", "週", "星期", "礼拜", "禮拜"), "same-month-day": ("同月",), "since-year": ("since", "自", "从", "從"),
    "since-month": ("since", "自", "从", "從"), "since-day": ("since", "自", "从", "從"),
    "day-month-range": ("from", "between", "至", "到", "-", "–"),
    "year-range": ("from", "between", "至", "到", "-", "–"), "last-month-name": ("last",), "next-month-name": ("next",),
}
BOOK_TITLE = re.compile(r"《[^》\n]{1,80}》")
LATIN_LETTERS = re.compile(r"[A-Za-z]{3}")


# Taiwan's official style names the year or month in brackets: 去（114）年, 本（11）月.
NUMBERED = re.compile(r"(?<=[本上下去今明前])\((?:\d{1,3}|[〇一二三四五六七八九十]{1,4})\)(?=[年月])")


def _numbered_year_ormonth_number(text: str) -> tuple[str, dict[int, int]]:
    """The text with each bracketed number moved before its word (去(114)年 -> (114)去年, the same length), so
    that the patterns read 去年; and where each moved word now starts -> where its phrase starts."""
    moved = {}
    for match in reversed(list(NUMBERED.finditer(text))):
        start, end = match.span()
        text = text[:start - 1] + match.group() + text[start - 1] + text[end:]
        moved[end - 1] = start - 1
    return text, moved


# The opening of a report on a year: its title ("ANNUAL REPORT 2026", "...FOR 2027") or first words ("2025年，").
REPORT_TITLE = re.compile(r"\A\W*(?:[^\n]*\n)?(?:[^\n]*\b(?:report|review|assessment|yearbook|年报|年報|报告|報告|年度)\b[^\n]*?"
                          r"(?<!\d)(?P<title>(?:19|20)\d{2})(?!\d)|[^\n]*?(?<!\d)(?P<title2>(?:19|20)\d{2})(?!\d)[^\n]*"
                          r"\b(?:report|review|assessment|yearbook)\b)", re.I)
REPORT_OPENING = re.compile(r"(?:\A|\n)\s*(?:in\s+)?(?P<year>(?:19|20)\d{2})年?\s*[,，]", re.I)


def reported_year(text: str, published: FuzzyDate | None) -> int | None:
    """The year a text reviews, when it is a report on the year before its publication: named in its title line
    or at the head of its first paragraph. Its bare months ("In March") are that year's."""
    if published is None:
        return None
    head = text[:400]
    # Reviews of a year come out in the first half of the next; later, "In 2026, ..." opens a news story.
    match = REPORT_TITLE.match(head) or (REPORT_OPENING.search(head) if published.start.month <= 7 else None)
    year = int(next(group for group in match.groups() if group)) if match else None
    return year if year == published.start.year - 1 else None


def dates_in(text: str) -> list[tuple[str, int, int, dict]]:
    """Date phrases in a text, by position; where patterns overlap, the more specific (listed first) wins."""
    if not DATE_HINT.search(text):
        return []
    run = {"both", *(["zh"] if HAN.search(text) else []), *(["en"] if LATIN_LETTERS.search(text) else [])}
    taken = bytearray(len(text) + 1)
    hits: list[tuple[int, int, str, dict]] = []
    lowered, moved = _numbered_year_ormonth_number(lower_case(half_width(text)))
    for (kind, _), finditer, script in zip(DATE_PATTERNS, FINDITER, SCRIPTS):
        if script not in run or (kind in NEEDS and not any(word in lowered for word in NEEDS[kind])):
            continue
        for match in finditer(lowered):
            start, end = match.span()
            start = moved.get(start, start)
            if start < end and not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                hits.append((start, end, kind, {**match.groupdict(), "_text": match.group()}))
    titles = [(m.start(), m.end()) for m in BOOK_TITLE.finditer(text)]
    return [(kind, s, e, parts) for s, e, kind, parts in sorted(hits)
            if not any(a <= s and e <= b for a, b in titles)]  # 《2026—2028年合作纲要》 names a plan


def is_future(clause: str) -> bool:
    """Whether a clause speaks of what is still to come ("will be held", 将于, 预计)."""
    return bool(FUTURE.search(clause))


def is_future_at(clause: str, position: int) -> bool:
    """Whether what the clause dates at `position` is still to come: the last tense word before it decides
    ("was tabled in June and is expected to be debated next month": June is past); with none before it, the
    whole clause ("In May the two sides will meet")."""
    before = clause[:position]
    future = [m.end() for m in FUTURE.finditer(before)]
    past = [m.end() for m in PAST_AUXILIARY.finditer(before)] + [
        m.end() for m in PAST_TENSE.finditer(before)
        if m.group() not in NOT_PAST and not AFTER_BE.search(before, 0, m.start())]
    if not future and not past:
        return is_future(clause)
    return bool(future) and (not past or future[-1] >= max(past))


def parse_date_phrase(phrase: str, reference: date | None = None) -> FuzzyDate | None:
    """The first date in `phrase` (absolute, or relative to `reference`), or None; a bare year counts."""
    context = DateContext(FuzzyDate.day(reference.year, reference.month, reference.day) if reference else None)
    future = is_future(phrase)
    for kind, _, _, parts in dates_in(phrase):
        try:
            resolved = context.resolve(kind, parts, future)
        except (ValueError, KeyError, StopIteration, OverflowError):
            continue
        if resolved is not None:
            return resolved
    bare_year = re.search(r"(?<![\d.,])((?:1[89]|20)\d{2})(?![\d.,%])", phrase)
    return FuzzyDate.year(int(bare_year.group(1))) if bare_year else None
