"""Find and read figures: a stated quantity with the bounds its wording sets and what it counts.

"nearly 47,000 IP addresses" -> 47000, at most 47000, "IP addresses"; "4.86 million" -> 4860000;
"more than 20.000 websites" -> 20000 (a count of things is whole, so the dot separates thousands);
"2.125 percent" -> 0.02125; "seven suspects" -> 7; "a dozen arrests" -> 12; "US$1.2bn" -> 1200000000 USD;
"890万台" -> 8900000; "一五二萬次" -> 1520000; "近三萬名" -> 30000, at most; "二成五" -> 0.25; "百余" -> 100,
at least; "one in five" -> 0.2. Percentages and shares are stored as fractions. Years, dates, times,
durations, ordinals, ranks, enumerations ("三个方面") and numbers in names (4G, G20, hotline 165) are not
figures. This is the one figure reader: detection and the admin's prefill both call it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from . import chinese
from .scripts import HAN
from .datephrases import MONTH
from .currencies import (CN_CURRENCY_AFTER, CN_CURRENCY_BEFORE, CN_CURRENCY_WORDS, CURRENCY_CODES, CURRENCY_SIGN,
                         CURRENCY_SIGNS, CURRENCY_WORDS, currency_of)
from .normalise import half_width, lower_case
from .patterns import AtEnd, FromHeads



def unpadded(value: Decimal, spec: str = "f") -> str:
    """A figure as text without the column's trailing zeros (47000.000000 -> 47000, 0.478000 -> 0.478), never in
    exponent notation; exact, unlike normalize(), which rounds to 28 digits where the column holds 30. The API,
    its exports and the admin all show figures through it."""
    text = format(value, spec)
    return text.rstrip("0").rstrip(".") if "." in text else text


# --- Knowledge ---------------------------------------------------------------------------------------

SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "lakh": 10**5, "lakhs": 10**5,
          "crore": 10**7, "crores": 10**7, "mn": 10**6, "m": 10**6,
          "bn": 10**9, "k": 10**3, "十": 10, "百": 100, "千": 1000, "万": 10**4, "萬": 10**4, "亿": 10**8,
          "億": 10**8}
LOWER_BEFORE = ("no less than", "not less than", "no fewer than", "just over", "well over", "more than", "over", "exceeded", "exceeding", "exceeds", "above", "at least", "upwards of",
                "in excess of", "超过", "超過", "逾", "至少", "最少", "不少于", "不少於", "不低于", "不低於", "突破", "多于", "多於", "超", "破")
UPPER_BEFORE = ("多达", "多達", "不多于", "不多於", "不超过", "不超過", "最高", "至多", "at most", "no more than", "just under", "nearly", "almost", "up to", "under", "less than", "fewer than", "close to", "as many as", "near",
                "at most", "no more than", "近", "将近", "將近", "接近", "不到", "不足", "最多", "逼近")
PLAIN_BEFORE = ("about", "around", "approximately", "roughly", "some", "between", "an estimated", "another", "约", "約", "大约", "大約", "约合", "約合")
LOWER_AFTER = ("有余", "有餘", "有多", "多", "余", "餘", "以上", "+", " or more", " plus", "-plus", "-odd")
UPPER_AFTER = ("以下", "以内", "以內")
PLAIN_AFTER = ("左右", " or so")
BOUND_AFTER = LOWER_AFTER + UPPER_AFTER + PLAIN_AFTER
# Words after a number that make it a length of time, an age or a rank, not a quantity.
TIME_WORDS = re.compile(r"\s*(?:-|‐)?\s*(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|"
                        r"centur(?:y|ies)|year-old|anniversary|am\b|pm\b|a\.m\.|p\.m\.|GMT|UTC)\b|"
                        r"(?:st|nd|rd|th)\b|\s*(?:年|个月|個月|月|日|号|號|天|周|週|星期|小时|小時|分钟|分鐘|秒|时|時|点|點|"
                        r"岁|歲|周年|週年|届|屆|季度|:|：)", re.I)
# Nouns that an enumeration counts ("three aspects", 三个方面): the parts of a plan, not a figure.
ENUMERATED = re.compile(r"\s*(?:类|類|大类|大類|种类|種類|大(?![约約概量幅批型]))|\s*(?:个|個|大|项|項)?(?:方面|领域|領域|原则|原則|支柱|层面|層面|环节|環節|维度|維度|"
                        r"步骤|步驟|阶段|階段|目标|目標|方向|面向)|\s+(?:aspects|areas|pillars|principles|priorities|"
                        r"points|stages|dimensions|fronts|goals|objectives|phases|steps|tracks|rounds?|recommendations|headings)\b")
# A number that names a thing: a hotline, a plan, a code.
NAMING = re.compile(r"\s*(?:热线|熱線|专线|專線|反诈|反詐|打诈|打詐|报案|報案|报警|報警|(?:[a-z-]+ )?(?:hotline|helpline))", re.I)
DIALLED = FromHeads(r"(?:拨打|撥打|致电|致電|热线|熱線|专线|專線|电话|電話|\bcall(?:ing)?|\bdial(?:l?ing)?|\bhotline|\bhelpline|"
                     r"\bphon(?:e|ing)|\btel\.|\btelephone|\bwhatsapp)(?:\s+(?:on|at|number))?[\s,:：]*[“「『\"]?$"
                     # "call Police Scotland on 101", "phone their bank or the police on 10111", "report it to 112"
                     r"|\b(?:call|calling|phone|phoning|ring|contact)\s+[^.;\n]{1,40}?\s+on\s+$|\breport (?:it|them|this) to\s+$",
                     re.I)
QUOTED = re.compile(r"[“「『\"‘]$")
LABEL_BEFORE = FromHeads(r"(?:\b(?:No\.|Nos\.|no\.|number|Articles?|Sections?|Chapters?|Rules?|Level|Tier|Phase|Version|"
                          r"Room|Category|top|Top|ranked|rank|Class|Resolution|Decree|Act)\s*|第|[A-Za-z]-?|[#№])$")
DEFINITE = FromHeads(r"\b(?:the|these|those|both|all|its|their|our|his|her|my|your|whose|which|other|last|"
                      r"first|next|past|previous|coming|few|every|each)\s+$", re.I)
STOP_WORDS = frozenset("""in of to the a an that which who whom were was are is be been being have has had and or
    but nor with from by for as on at across within around through into among per between over under about than
    this these those their its it they them he she we you i his her our your will would shall should can could may
    might must do does did not no so such each every last next year years quarter month months week day days
    while when where since until after before during including involving according said says say told also
    only just more most less fewer some any all both others' if because though although via versus vs
    than up down out off again then once here there why how what ran took made went came got gave left lost
    paid saw sent set put fell rose grew led held met won hit began became brought bought caught chose drew drove fled
    found fought kept knew meant sold spent stood struck thought wrote did""".split())
# A part of a named whole: "of the 14 national police forces", "of its customers"; the counted noun, plural.
PARTITIVE = re.compile(r" of (?:the|its|their|these|those)(?: \d[\d,]*)? ((?:[a-z-]+ ){0,3}?[a-z]+s)\b")
MEASURE = re.compile(r"\s?(?:[KMGTP]bps|[KMGTP]B|terabytes?|gigabytes?|petabytes?|megabytes?|km|kg)(?![A-Za-z])")
NOT_COUNTABLE = frozenset("per percent cent fold".split())

# A number may follow a currency sign of letters with no space (RM1.34 billion, Sh4,500, Dh12.6 million, R612 million).
_AFTER_LETTER_SIGN = "|".join(f"(?<={re.escape(sign)})" for sign in CURRENCY_SIGNS if sign[-1].isalpha())
DIGITS = re.compile(
    rf"(?:(?<![A-Za-z0-9_.])|{_AFTER_LETTER_SIGN}|(?<=[A-Z]{{3}}))(?<!\d,)"
    r"(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,2}(?:,\d{2})+,\d{3}|\d+(?:\.\d+)?)(?![\d])"
    r"(?P<more_before>余|餘|多(?=[万萬亿億]))?"
    r"(?P<scale>\s?(?:thousand|million|billion|trillion|lakhs?|crores?)\b|(?:mn|bn|m|k)\b|[十百千]?[万萬]?[亿億]|[十百千]?[万萬]|千(?![瓦米克卡字兆]))?"
    r"(?P<more>多|余|餘|\+)?"
    r"(?P<percent>\s?(?:%|per ?cent\b)|[个個]?百分[点點]|巴仙|(?P<tenths>成)(?![员員本果功为為立绩績就交])(?P<tenth_digit>\d(?!\d))?)?", re.I)
NUMBER_FINDER = FromHeads(DIGITS)  # from digit to digit: every number begins with one
# Thousands separated by spaces ("612 483"), where the text writes its numbers so (see _Text.spaced).
SPACED = FromHeads(r"(?<![\d,.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])")
CN_NUMBER = FromHeads(rf"(?<![\d.])(?P<number>{chinese.CN_NUMERAL})(?P<tenths>成(?P<tenth>[一二三四五六七八九半])?)?"
                       rf"(?P<more>多|余|餘|来|來)?(?P<scale>(?<=[多余餘来來])[万萬亿億]+)?(?P<percent>%|[个個]?百分[点點])?")
# Arabic digits and Chinese scales mixed: 1万2000, 4万6563, 6亿5170万, 13億5千萬, 7萬6,418.
MIXED = FromHeads(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?[亿億万萬](?:(?:\d[\d,]*|[一二三四五六七八九])[千百]?(?:[余餘多](?=[万萬]))?[亿億万萬]?)+"
                   r"|(?<![\d.,])\d+[亿億](?:\d+|[一二三四五六七八九])[千百]?[万萬]")
SLASH_FRACTION = FromHeads(r"(?<![\d/.])(?P<part>\d{1,2})/(?P<whole>\d{1,3})(?![\d/])")
CN_FRACTION = FromHeads(rf"(?P<whole>{chinese.CN_NUMERAL}|\d+)分之(?P<part>{chinese.CN_NUMERAL}|\d+(?:\.\d+)?)")
CN_HALF = FromHeads(r"(?P<approx>接近|将近|將近|近|逾|超过|超過|过|過|约|約)?(?:一半|(?<=[近逾过過])半[数數]?(?![年月天日]))")
CN_PERCENT = re.compile(rf"百分之(?P<number>\d+(?:\.\d+)?|{chinese.CN_NUMERAL})")
SHARE_WORDS = {"half": Decimal("0.5"), "a third": Decimal(1) / 3, "one third": Decimal(1) / 3,
               "two thirds": Decimal(2) / 3, "two-thirds": Decimal(2) / 3, "a quarter": Decimal("0.25"), "a fourth": Decimal("0.25"),
               "one-fourth": Decimal("0.25"), "one fourth": Decimal("0.25"), "three-fourths": Decimal("0.75"),
               "three fourths": Decimal("0.75"),
               "one quarter": Decimal("0.25"), "three quarters": Decimal("0.75"), "a fifth": Decimal("0.2"),
               "one fifth": Decimal("0.2"), "a tenth": Decimal("0.1"), "one tenth": Decimal("0.1"),
               "two fifths": Decimal("0.4"), "two-fifths": Decimal("0.4"), "three fifths": Decimal("0.6"),
               "three-fifths": Decimal("0.6"), "four fifths": Decimal("0.8"), "four-fifths": Decimal("0.8"),
               "three-quarters": Decimal("0.75")}
# English patterns are matched on the text lowered once (ASCII only, positions kept): faster than re.I.
SHARE = FromHeads(rf"\b(?P<words>{'|'.join(sorted(SHARE_WORDS, key=len, reverse=True))})\b(?P<of>(?=\s+(?:of|the|all)\b))?")
SHARE_BEFORE = re.compile(r"(?:\bby|\bto|nearly|almost|about|close to|around|roughly|over|more than|just under|just over|"
                          r"another|a further)\s+$")
# "one in five", "one victim in every eight"; with a noun before "in", only where no noun follows ("one person
# in two cities" is no share).
ONE_IN = re.compile(r"\b(?P<a>one|two|three|four|five|six|seven|eight|nine|\d{1,2})(?: (?P<noun>[a-z]+))? (?:in|out of)"
                    r"(?: every)? (?P<b>two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|\d{1,3})\b"
                    r"(?![,.]?\d)(?(noun)(?! (?!was|were|is|are|had|have|has|said|reported|of|in|on|at|and|or|to)[a-z]))")
DOZEN = re.compile(r"\b(?:a|one|two|three|half a) dozen\b")
# "thousands of victims", "tens of thousands of", "dozens of": at least the round number named.
VAGUE = FromHeads(r"\b(?P<tens>tens of |hundreds of )?(?P<scale>dozens|hundreds|thousands|millions|billions) of\b")
VAGUE_SCALES = {"dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 10**6, "billions": 10**9,
                "tens of ": 10, "hundreds of ": 100}
# Only the words that can be part of a number go to text2num (it reads them; this only skips the rest).
NUMBER_WORD = FromHeads(
    r"\b(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|"
    r"eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|hundred|thousand|million|billion|trillion|and|a)\b")



@dataclass(frozen=True)
class Figure:
    """A figure found in a text: where, its value with the bounds its wording sets, and what it counts."""

    start: int
    end: int
    value: Decimal
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str = ""


@dataclass
class _Number:
    """A number mention before its context is read: the digits or words, and what they say."""

    start: int
    end: int
    value: Decimal
    percent: bool = False
    share: bool = False
    words: bool = False  # a number in words or Chinese numerals
    chinese: bool = False
    low: bool = False
    high: bool = False
    scaled: bool = False
    has_decimal: bool = False
    to: Decimal | None = None  # the upper end of a range ("6,000 to 9,000")
    tenths: bool = False  # a share in 成, tenths (七成 is 0.7)


def to_decimal(number: str, scale: str | None = None) -> Decimal:
    """'47,000' -> 47000, '4.86' with 'million' -> 4860000."""
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"{number!r} is not a number") from None
    if not scale:
        return value
    scale = scale.strip().lower()
    if scale in SCALES:
        return value * SCALES[scale]
    for part in scale:  # 千万, 百万, 万亿: the scales multiply
        value *= SCALES[part]
    return value


APPROXIMATOR_BEFORE = re.compile(
    rf"(?:{'|'.join(map(re.escape, sorted(LOWER_BEFORE + UPPER_BEFORE + PLAIN_BEFORE, key=len, reverse=True)))})\s?$",
    re.I)
MONTH_BEFORE = FromHeads(rf"\b{MONTH}\s*$", re.I)
MONTH_AFTER = re.compile(rf"\s+{MONTH}\b", re.I)
# What a number's context is tested with, compiled once (each is tried on every number). AtEnd: only where the
# few characters a match can have stand, at the end of what precedes the number.
SIGN_BEFORE = AtEnd(CURRENCY_SIGN)
CN_CURRENCY_JUST_BEFORE = AtEnd(CN_CURRENCY_BEFORE)
APPROXIMATOR_JUST_BEFORE = AtEnd(APPROXIMATOR_BEFORE)
ONE_CAPITAL_BEFORE = AtEnd(r"(?<![A-Za-z])[A-Z]$")
DIGIT_AFTER_SEPARATOR = re.compile(r"[,.]\d")
NAME_WORD_BEFORE = FromHeads(r"(?<=\w )[A-Z][A-Za-z]+ $")
CAMEL_CASE_BEFORE = FromHeads(r"\b[A-Z][a-z]*[A-Z][A-Za-z]* ?$")
ORDINAL_BEFORE = AtEnd(r"第$")
LETTER = re.compile(r"[A-Za-z]")
# An age ("aged 34", 34岁, "34-year-old"), the base of a rate (每萬筆, "per 100,000"), a reading of a bill (三讀) or
# a trial's instance (二审), an academic year (112學年度).
AGE_OR_RATE_BEFORE = FromHeads(r"\baged\s+(?:between\s+|below\s+|under\s+|over\s+|about\s+)?$|\bage(?: of)?\s+$|"
                                r"(?:每|\bper|\bevery)\s?$", re.I)
AGE_READING_OR_SCHOOL_YEAR_AFTER = re.compile(r"\s*(?:岁|歲|-year-old|years? old|学年|學年)|[读讀审審]")
HOUR_BEFORE = AtEnd(r"[时時点點]$")
DECIMAL_ONLY = re.compile(r"\d+\.\d+$")
VERSION_AFTER = re.compile(r"\s?版")
LEADING_ZERO = re.compile(r"0\d{7,}")
PHONE_REST_AFTER = re.compile(r"[ -]\d{2,4}[ -]\d{2,4}")
LINE_START_BEFORE = re.compile(r"(?:^|\n)\s*$")
CAPITAL_AFTER = re.compile(r" [A-Z]")
NAME_COMMA_BEFORE = re.compile(r"\b[A-Z][a-z]+,\s?$")
QUOTE_CLOSED_AFTER = re.compile(r"[^”」』\"’\s]{0,6}[”」』\"’]")
RANGE_OR_TIME_AFTER = re.compile(r"[-–/]\d|\.\d|:\d")
YEAR = re.compile(r"(?:1[5-9]|20)\d{2}")
PHONE = re.compile(r"\d{3,4}(?:[ -]\d{3,4}){1,3}(?!\d)")
PHONE_PART_BEFORE = AtEnd(r"\d{3,4}[ -]$")


# --- Finding -----------------------------------------------------------------------------------------


class _Text:
    """A text prepared once for reading figures: digits normalised, Chinese words segmented on demand."""

    def __init__(self, text: str, currency: str):
        self.raw = text
        self.text = half_width(text)
        self.lowered = lower_case(self.text)
        self.han = bool(HAN.search(self.text))
        self.latin = bool(re.search(r"[a-z]{2}", self.lowered))
        # The text's own convention: groups of three digits after spaces, and no comma ever groups them.
        self.spaced = len(list(SPACED.finditer(self.text))) >= 2 and not re.search(r"\d,\d{3}\b", self.text)
        self.currency = currency
        self._words: chinese.Segmentation | None = None
        self.plain = ""  # the text in Simplified characters, once segmented

    def words_at(self, position: int, limit: int = 4) -> list[tuple[int, int, str]]:
        """The Chinese words from `position` on (start, end, tag); the first may begin before it."""
        if self._words is None:
            self._words = chinese.segment(self.text)
            self.plain = self._words.plain
        first = max(bisect.bisect_right(self._words.starts, position) - 1, 0)
        return list(zip(*(column[first:first + limit] for column in (self._words.starts, self._words.ends,
                                                                      self._words.tags))))


def _numbers(doc: _Text, start: int, end: int) -> list[_Number]:
    text = doc.text
    found: list[_Number] = []
    for match in NUMBER_FINDER.finditer(text, start, end):
        number, scale = match["number"], (match["scale"] or "").strip()
        if scale.lower() in ("m", "k") and not CURRENCY_SIGN.search(text, max(0, match.start() - 5), match.start()):
            scale = ""  # "5m" is five metres unless it is money
        try:
            value = to_decimal(number, scale or None)
        except ValueError:
            continue
        percent = bool(match["percent"])
        if match["more_before"] and not scale:
            mention_end, more = match.end("more_before"), True
        else:
            mention_end = match.end() if scale or match["more"] or percent else match.end("number")
            more = bool(match["more_before"]) or (bool(match["more"]) and mention_end >= match.end("more"))
        if match["tenths"]:
            value, percent = value * 10 + int(match["tenth_digit"] or 0), True  # 7成 is 70 percent, 1成3 13
        found.append(_Number(match.start(), mention_end, value / 100 if percent else value, percent=percent,
                             low=more, scaled=bool(scale),
                             has_decimal="." in number, tenths=bool(match["tenths"])))
    # Groups of three after spaces: the text's convention, or money ("EUR 870 000").
    found += [_Number(m.start(), m.end(), Decimal(re.sub(r"\D", "", m.group()))) for m in SPACED.finditer(text, start, end)
              if doc.spaced or CURRENCY_SIGN.search(text, max(0, m.start() - 5), m.start())]
    if doc.han:
        found += _chinese_numbers(doc, start, end)
    if doc.latin:
        covered = bytearray(len(text) + 1)
        for number in found:
            covered[number.start:number.end] = b"\x01" * (number.end - number.start)
        # "18 billion" was read with its digits; text2num would read "billion" again, alone.
        found += [number for number in _english_words(doc, start, end) if not covered[number.start]]
    return found


def _chinese_numbers(doc: _Text, start: int, end: int) -> list[_Number]:
    """Numbers in Chinese numerals or with Chinese scales: 一五二万, 4万6563, 四分之一, 一半, 百分之十, 七成."""
    text = doc.text
    found: list[_Number] = []
    for match in MIXED.finditer(text, start, end):
        try:
            value = chinese.mixed_number(match.group())
        except ValueError:
            continue
        more = re.match(r"多|余|餘", text[match.end():match.end() + 1])
        inside = any(ch in "多余餘" for ch in match.group())  # 6億3,000餘萬: more than 630 million
        found.append(_Number(match.start(), match.end() + (1 if more else 0), value, scaled=True,
                             low=bool(more) or inside))
    for match in CN_FRACTION.finditer(text, start, end):
        try:
            whole, part = (Decimal(x) if x[0].isdigit() else chinese.chinese_number(x)
                           for x in (match["whole"], match["part"]))
        except (ValueError, InvalidOperation):
            continue
        if whole and part < whole:
            strong = text[match.end():match.end() + 1] in ("强", "強")  # 四分之三强: a little over three quarters
            found.append(_Number(match.start(), match.end() + strong, part / whole, percent=True, share=True,
                                 chinese=True, low=strong))
    for match in SLASH_FRACTION.finditer(text, start, end):
        part, whole = int(match["part"]), int(match["whole"])
        if 0 < part < whole <= 100 and (HAN.match(text, match.end()) or text[max(0, match.start() - 1):match.start()]
                                         in APPROXIMATORS or HAN.match(text, max(0, match.start() - 1))):
            found.append(_Number(match.start(), match.end(), Decimal(part) / whole, percent=True, share=True,
                                 chinese=True))  # 近3/4, 1/4左右, 约1/5 in a Chinese text
    for match in CN_HALF.finditer(text, start, end):
        approx = match["approx"] or ""
        found.append(_Number(match.start(), match.end(), Decimal("0.5"), percent=True, share=True, chinese=True,
                             low=approx in ("逾", "超过", "超過", "过", "過"), high=approx in ("近", "接近", "将近", "將近")))
    for match in CN_PERCENT.finditer(text, start, end):
        number = match["number"]
        try:
            value = Decimal(number) if number[0].isdigit() else chinese.chinese_number(number)
        except (ValueError, InvalidOperation):
            continue
        found.append(_Number(match.start(), match.end(), value / 100, percent=True, chinese=True))
    for match in CN_NUMBER.finditer(text, start, end):
        number = match["number"]
        if text[match.start() - 3:match.start()].endswith(("百分之", "第")):
            continue
        try:
            value = chinese.chinese_number(number)
        except ValueError:
            continue
        if number in chinese.CN_SCALE or number in chinese.CN_UNIT:
            before = text[max(0, match.start() - 2):match.start()]
            counted = number == "十" and chinese.tag(chinese.simplified(text[match.end():match.end() + 1])) in ("q", "n")
            if not match["more"] and not before.endswith(tuple(APPROXIMATORS)) and not counted \
                    and not re.match(r"元|.?(?:左右|以上|以下)", text[match.end():match.end() + 3]):
                continue  # 万象, 千家: a scale alone counts only as 百余, 近百, 百宗左右, 萬元以下; 十 as 十部, 十國
        tenths = bool(match["tenths"])
        if tenths:
            value = chinese.tenths(number, match["tenth"])
        elif match["percent"]:
            value = value / 100
        for scale in match["scale"] or "":  # 四十余万: the scale after 余
            value *= chinese.CN_SCALE[scale]
        mention = _Number(match.start(), match.end(), value, percent=tenths or bool(match["percent"]), words=True,
                          chinese=True, low=bool(match["more"]), tenths=tenths,
                          scaled=bool(set(number + (match["scale"] or "")) & set("万萬亿億")))
        if _chinese_numeral_is_a_number(doc, mention, number):
            found.append(mention)
    return found


APPROXIMATORS = frozenset(w for w in LOWER_BEFORE + UPPER_BEFORE + PLAIN_BEFORE if HAN.match(w)) | {"上", "数", "數"}
# A small numeral before one of these refers to parties already named (两国, 双方, 两岸): no count.
REFERENCED = frozenset("国國岸地方会會军軍院者")
REFERENCE_LIMIT = 4  # 四国 is the four countries of the meeting; 十二國 counts twelve
NOT_NUMERALS = frozenset("十分 万分 千万 万一 一些 一起 一道 一直 一线 之一 一系列 一方面 一体 一致 统一 唯一 一带 一路 百姓 "
                         "万物 千方百计 一旦 一定 一般 一切 一同 一再 一度 一向 一样 一律 一并 一手 一边 一面 一下 一点 一是 "
                         "二是 三是 四是 五是 一流 一批 第一 十足 百倍 两岸 四面八方 一家 一体化 一手 万众 千家万户 五四 八一".split())


def _chinese_numeral_is_a_number(doc: _Text, mention: _Number, number: str) -> bool:
    """A Chinese numeral counts something only when it starts a word of its own (or ends one: 分两|批次), and
    is not one of the words made with numerals (一些, 百姓, 十分, 之一, 万一) or a place's name (四川)."""
    if mention.percent:
        return True
    words = doc.words_at(mention.start, 2)
    if not words:
        return False
    word_start, word_end, tag = words[0]
    word = doc.plain[word_start:word_end]
    following = doc.text[mention.end:mention.end + 1]
    if word_start < mention.start and doc.text[word_start:mention.start] not in APPROXIMATORS \
            and word_end > mention.end and doc.text[mention.start - 1] not in "男女" and following != "倍":
        return False  # inside a word; but 六男|三女 counts twice, and 增加|一倍 is a multiple
    approximated = mention.low or doc.text[max(0, mention.start - 2):mention.start].endswith(tuple(APPROXIMATORS))
    counted_places = word_end == mention.end + 1 and following in REFERENCED  # 八国 is eight countries, not a name
    if (word in NOT_NUMERALS and following != "元" and not approximated) or (
            tag in ("nr", "ns", "nt") and word_start == mention.start and not counted_places) or (
            following in REFERENCED and not approximated and mention.value <= REFERENCE_LIMIT):
        return False  # 千万 is "by all means" but 千万元 money; 两国 the two named
    if mention.value == 0:
        return False  # 零售 is retail
    if mention.value == 1 and not mention.scaled and not mention.low and following not in ("倍", "男", "女"):
        return False  # 一个 is "a", not a count; but 一倍, and 一女 in 兩男一女
    return True


def _english_words(doc: _Text, start: int, end: int) -> list[_Number]:
    """Numbers written in English words, read by text2num ("seven", "twenty-three thousand", "a dozen")."""
    from text_to_num import find_numbers

    text = doc.lowered
    found = [_Number(m.start(), m.end(), Decimal(12 * {"a": 1, "one": 1, "two": 2, "three": 3, "half": 0.5}[
        m.group().split()[0]]).normalize(), words=True) for m in DOZEN.finditer(text, start, end)] \
        if "dozen" in text else []
    for m in VAGUE.finditer(text, start, end) if "s of " in text else ():
        value = VAGUE_SCALES[m["scale"]] * (VAGUE_SCALES[m["tens"]] if m["tens"] else 1)
        found.append(_Number(m.start(), m.end(), Decimal(value), words=True, low=True))
    tokens = [_Token(m) for m in NUMBER_WORD.finditer(text, start, end)]
    if not tokens:
        return found
    for occurrence in find_numbers(tokens, "en", threshold=0):
        if occurrence.is_ordinal:
            continue
        first, last = tokens[occurrence.start], tokens[occurrence.end - 1]
        if any(m.start < last.end + 4 and first.start < m.end for m in found) or occurrence.value == 1:
            continue  # inside a vague plural; "one" is mostly "a"
        found.append(_Number(first.start, last.end, Decimal(str(occurrence.value)).normalize(), words=True))
    return found


class _Token:
    """A word as text2num's find_numbers wants it."""

    __slots__ = ("word", "start", "end")

    def __init__(self, match: re.Match):
        self.word, self.start, self.end = match.group(), match.start(), match.end()

    def text(self) -> str:
        return self.word

    def nt_separated(self, previous) -> bool:
        return self.start - previous.end != 1  # words of one number stand a space apart

    def not_a_number_part(self) -> bool:
        return False


def _find(doc: _Text, start: int, end: int, small: bool, dates: bytearray | None) -> list[Figure]:
    text = doc.text
    figures: list[Figure] = []
    lowered = doc.lowered
    shares = []
    if " in " in lowered or " out of " in lowered:
        for match in ONE_IN.finditer(lowered, start, end):
            a, b = (_small_number(x) for x in (match["a"], match["b"]))
            if a and b and a < b:
                shares.append((match.start(), match.end(), Decimal(a) / Decimal(b)))
    if any(word in lowered for word in ("half", "third", "quarter", "fourth", "fifth", "tenth")):
        for match in SHARE.finditer(lowered, start, end):
            if re.search(r"(?:first|second|other|latter|former)\s+$", lowered[max(0, match.start() - 8):match.start()]):
                continue  # "the first half of 2024" is a period
            if match["of"] is None and not SHARE_BEFORE.search(lowered, max(0, match.start() - 14), match.start()):
                continue  # "half an hour": a share is of something, or by or to it
            shares.append((match.start(), match.end(), SHARE_WORDS[match["words"]]))
    for share_start, share_end, share in shares:
        approximator = APPROXIMATOR_BEFORE.search(lowered, max(0, share_start - 14), share_start)
        word = approximator.group().strip() if approximator else ""
        figures.append(Figure(approximator.start() if approximator else share_start, share_end, share,
                              low=share if word in LOWER_BEFORE else None, high=share if word in UPPER_BEFORE else None,
                              unit="share"))
    taken = bytearray(len(text) + 1)
    for figure in figures:
        taken[figure.start:figure.end] = b"\x01" * (figure.end - figure.start)
    for number in _ranges(text, sorted(_numbers(doc, start, end), key=lambda n: (n.start, -n.end))):
        if any(taken[number.start:number.end]) or (dates and dates[number.start]):
            continue
        figure = _read(doc, number, small)
        if figure is not None:
            figures.append(figure)
            taken[figure.start:figure.end] = b"\x01" * (figure.end - figure.start)
    return figures


LEGAL_RANGE_END = re.compile(r"(?:[万萬亿億]?元|港元|美元|倍)?以下")
CHANGE_FROM = re.compile(r"\b(?:rose|rising|rises|risen|fell|falling|falls|fallen|increased|increasing|grew|growing|"
                         r"climbed|dropped|declined|decreased|jumped|soared|surged|went up|went down|up|down)\s+"
                         r"from\s+\D{0,4}$", re.I)
RANGE_JOIN = re.compile(r"(?:[万萬亿億]?元|港元|美元|倍)?\s?(?:to|-|–|—|至|到|~|and|以上)\s?"
                        rf"(?:{'|'.join(map(re.escape, sorted(CURRENCY_SIGNS, key=len, reverse=True)))}|"
                        rf"(?:{'|'.join(CURRENCY_CODES)})\s)?\s?")


def _ranges(text: str, numbers: list[_Number]) -> list[_Number]:
    """Join "6,000 to 9,000", "between 3 and 5 million", "3至5万" into one mention from the first to the second."""
    joined: list[_Number] = []
    skip = set()
    for i, a in enumerate(numbers):
        if i in skip:
            continue
        b = numbers[i + 1] if i + 1 < len(numbers) else None
        join = b and RANGE_JOIN.fullmatch(text, a.end, b.start)
        lead = text[max(0, a.start - 14):a.start]
        if join and "and" in join.group() and not re.search(r"between\s+\D{0,4}$", lead, re.I):
            join = None
        if join and CHANGE_FROM.search(text, max(0, a.start - 30), a.start):
            join = None  # "rose from 41 to 79": two figures, not a range
        if join and "以上" in join.group() and not LEGAL_RANGE_END.match(text, b.end):
            join = None  # 五十万元以上五百万元以下 is a range; 五十万元以上 alone a lower bound
        # "5 to 10 per cent", 六至七成: the first number is a share said once, at the end
        value = a.value / (10 if b.tenths else 100) if b and b.percent and not a.percent else a.value
        if join and b.value > value and not _year_like(text, a) and not _year_like(text, b) \
                and a.words == b.words and (not a.percent or b.percent):
            if b.scaled and not a.scaled and "元" not in join.group():  # "3 to 5 million", 三至五萬: the scale
                # is said once (but 5,000元到80万元 says each amount whole)
                if b.words:
                    for ch in reversed(text[b.start:b.end]):
                        if ch not in chinese.CN_SCALE:
                            break
                        value *= chinese.CN_SCALE[ch]
                else:
                    value = a.value * (b.value / Decimal(re.sub(r"[^\d.]", "", text[b.start:b.end]) or 1))
            if value < b.value:  # scaled, "2-1.2bn" would run from 2bn down to 1.2bn: no range
                joined.append(_Number(a.start, b.end, value, percent=b.percent, words=a.words, chinese=a.chinese,
                                      scaled=a.scaled or b.scaled, to=b.value))
                skip.add(i + 1)
                continue
        joined.append(a)
    return joined


def _year_like(text: str, number: _Number) -> bool:
    return bool(YEAR.fullmatch(text, number.start, number.end))


def _small_number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "twenty": 20, "hundred": 100}.get(word.lower())


def _read(doc: _Text, number: _Number, small: bool) -> Figure | None:
    """The figure a number mention states, with its approximator, currency and unit; None if it is none."""
    text = doc.text
    before, after = text[max(0, number.start - 30):number.start], text[number.end:number.end + 16]
    sign = SIGN_BEFORE.search(before)
    if _not_a_quantity(text, number, before, after, sign):
        return None
    start, low, high = number.start, number.low, number.high
    currency = ""
    if sign:
        currency, start = currency_of(sign.group()), number.start - len(sign.group())
        before = before[:len(before) - len(sign.group())]
    cn_currency = CN_CURRENCY_JUST_BEFORE.search(before)
    if cn_currency:
        currency, start = CURRENCY_WORDS[cn_currency.group().strip()], start - len(cn_currency.group())
        before = before[:len(before) - len(cn_currency.group())]
    approximator = APPROXIMATOR_JUST_BEFORE.search(before)
    if approximator and (approximator.start() == 0 or not before[approximator.start() - 1].isalpha()
                         or HAN.match(approximator.group())):
        word = approximator.group().strip().lower()
        low, high = low or word in LOWER_BEFORE, high or word in UPPER_BEFORE
        start -= len(approximator.group())
        named = CN_CURRENCY_BEFORE.search(before, 0, approximator.start())  # 新台幣近40億元
        if named and not currency:
            currency, start = CURRENCY_WORDS[named.group().strip()], start - len(named.group())
    elif DEFINITE.search(before) and (number.words or (number.value < 100 and not number.scaled
                                                           and not number.percent and not sign)):
        return None  # "the two countries", "the 10 member states", "both sides": a reference, not a count
    value, end = number.value, number.end
    if number.percent:
        unit, money = "percent", ""
    elif number.chinese or HAN.match(after[:1] or "a") or (number.scaled and HAN.match(text[number.end - 1])):
        unit, end, money = _chinese_unit(doc, number, end)
    else:
        unit, word_end, money = _english_unit(text, end)
        end = word_end if money or not currency else end  # "$1,286,400 meant": the sign says what is counted
    if unit in ("percent", "per cent") and number.words and not number.percent:
        value, unit = value / 100, "percent"  # "less than five percent"
    elif unit in NOT_COUNTABLE and not number.percent:
        return None
    english_unit = not money and not HAN.match(unit or "a")
    if unit and not number.percent and (TIME_WORDS.fullmatch(" " + unit.split()[-1].lstrip("个個")) or (
            english_unit and TIME_WORDS.match(text, end)) or re.fullmatch(r"[A-Z]{4,}", unit.split()[0])):
        return None  # "five business days"; a vanity number ("1300 CYBER"); but 23支|及點數, 5,000元|時
    currency = money or currency
    if currency:
        if money == "CNY?":
            currency = doc.currency
        unit = currency
    named = not unit and number.words and re.match(r" of (?:them|these|those|whom|which)\b", text[end:end + 12])
    of_the = not unit and number.words and (low or high or value > 1) and PARTITIVE.match(text, end)
    if of_the and not re.search(r"(?:^|\s)(?:most|least|[a-z]+est)\s", of_the.group(1) + " "):
        unit = of_the.group(1)  # "Eleven of the 14 countries", "at least seven of the groups": a part, counted
    if not named and not number.percent and not currency and not unit and not small:  # "Three of them" counts
        if number.words or (value < 10 and not low and not high and not number.scaled):
            return None  # a bare small number, or a number word with nothing counted, says too little
    if (not number.percent and not number.scaled and not currency and number.has_decimal and unit
            and re.fullmatch(r"\d{1,3}\.\d{3}", text[number.start:number.end])):
        value = to_decimal(text[number.start:number.end].replace(".", ""))  # "20.000 websites": whole things
    tail = text[end:end + 8]
    for word in BOUND_AFTER if tail.startswith(BOUND_AFTER) else ():  # most numbers have no bound after them
        if unit and unit != "倍" and not currency and word in ("多", "余", "餘"):
            continue  # 876宗多: 多 begins the next word; the bound comes before the classifier (876多宗)
        if tail.startswith(word) and not (number.percent and word == "+"):
            low, high = low or word in LOWER_AFTER, high or word in UPPER_AFTER
            end += len(word)
            if word in ("-plus", "-odd", " or so") and not unit:
                unit, end, _ = _english_unit(text, end)  # "7,000-plus scam websites", "2,300-odd websites"
            break
    if number.to is not None:
        return Figure(start, end, value, value, number.to, unit)
    return Figure(start, end, value, value if low else None, value if high else None, unit)


def _not_a_quantity(text: str, number: _Number, before: str, after: str, sign: re.Match | None) -> bool:
    """Years, dates, times, durations, ordinals, ranks, enumerations and numbers in names. `sign` is the
    currency sign that ends `before`, if one does."""
    mention = text[number.start:number.end]
    labelled = not number.words and not sign  # RM1.34 billion is money, not a label
    if ONE_CAPITAL_BEFORE.search(before) and not number.scaled and not DIGIT_AFTER_SEPARATOR.search(mention):
        return True  # a one-letter sign before a small bare number is a name: "the R2 motorway", not two rand
    if labelled and not number.percent and NAME_WORD_BEFORE.search(before) \
            and not APPROXIMATOR_JUST_BEFORE.search(before):
        return True  # a number in a name: "Operation Endgame 2", "Article 5"
    if labelled and CAMEL_CASE_BEFORE.search(before):
        return True  # a version or a name: "LockBit 3.0", "GovCERT 2"
    if labelled and (LABEL_BEFORE.search(before) or before.endswith(("-", "–", "/", "#", "."))):
        return True
    if number.words and ORDINAL_BEFORE.search(before):
        return True
    if LETTER.match(after) and not number.words and not number.scaled and not number.percent \
            and not MEASURE.match(after):
        return True  # 4G, 5th
    if not number.percent and TIME_WORDS.match(after) and not number.scaled:
        return True
    if ENUMERATED.match(after) or NAMING.match(text, number.end) \
            or (not number.scaled and DIALLED.search(text, max(0, number.start - 60), number.start)):
        return True
    if AGE_OR_RATE_BEFORE.search(before) or AGE_READING_OR_SCHOOL_YEAR_AFTER.match(after):
        return True
    if HOUR_BEFORE.search(before) and after.startswith("分"):
        return True  # 10時05分: a time
    if before.endswith("前") and after.startswith(("位", "名")):
        return True  # 排名前三位: a rank
    if not number.words and DECIMAL_ONLY.match(mention) and VERSION_AFTER.match(after):
        return True  # 3.0版: a version
    if not number.words and (LEADING_ZERO.fullmatch(mention) or before.endswith("+")
                             or PHONE_REST_AFTER.match(after)):
        return True  # a phone number
    if not number.words and number.has_decimal and LINE_START_BEFORE.search(before) and CAPITAL_AFTER.match(after):
        return True  # a section number: "4.1 Cyber threat detections"
    if not number.words and after.startswith(",") and number.value < 120 and NAME_COMMA_BEFORE.search(before):
        return True  # an age: "Ionescu, 34, was arrested"
    if QUOTED.search(before) and QUOTE_CLOSED_AFTER.match(after):
        return True  # a number in a quoted name: “两卡”, 「斷網2024」
    if not number.words and not number.percent and not number.scaled:
        if RANGE_OR_TIME_AFTER.match(after):
            return True  # a range's first year, a date, a time, a version
        if MONTH_BEFORE.search(before) or MONTH_AFTER.match(after):
            return True  # the day of a date ("September 23", "29 May")
        if YEAR.fullmatch(mention):
            return True  # a year
        if " " not in mention and (PHONE.match(text[number.start:number.end + 15])
                                   or PHONE_PART_BEFORE.search(before)):
            return True  # a phone number
    return False


ENGLISH_WORD = re.compile(r"( ?)((?:[A-Z]\.){2,}|[A-Za-z][A-Za-z'’-]*)")


def _english_unit(text: str, end: int) -> tuple[str, int, str]:
    """The counted noun after a number (up to three words, stopping at function words, verbs in -ed or -ing
    after the first word, adverbs, a plural noun and punctuation); money words give their currency."""
    words: list[str] = []
    position = end
    for match in ENGLISH_WORD.finditer(text, end, end + 60):
        if match.start() != position or (not match.group(1) and words):
            break
        word = match.group(2)
        lower = word.lower()
        acronym = word.isupper() and len(word) > 1
        if lower in CURRENCY_WORDS:
            return CURRENCY_WORDS[lower], match.end(), CURRENCY_WORDS[lower]
        if (lower in STOP_WORDS and not acronym) or len(words) == 3 or lower.endswith("ly") \
                or (words and lower.endswith(("ed", "ing"))) \
                or (words and word[0].isupper() and not words[-1][0].isupper()):
            break
        words.append(word.rstrip("'’"))
        position = match.end()
        if lower.endswith("s") and not lower.endswith("ss") and not acronym and lower not in ("its", "this"):
            break  # a plural noun ends the counted phrase ("4,200 phishing websites")
    unit = " ".join(words)
    return (unit if any(w[0].isupper() for w in words) else unit.lower()), position, ""


def _chinese_unit(doc: _Text, number: _Number, end: int) -> tuple[str, int, str]:
    """The classifier or measure word after a number and the counted noun that directly follows it, cut at
    word boundaries (亿元, 宗, 起网络诈骗案, 万次, 个网站, 港元)."""
    text = doc.text
    for word in CN_CURRENCY_WORDS:
        if text.startswith(word, end):
            stop = end + len(word)
            return CURRENCY_WORDS[word], stop + (text[stop] == "元" and 1 if stop < len(text) else 0), \
                CURRENCY_WORDS[word]
    for scale in ("亿元", "億元", "万元", "萬元", "元"):
        if text.startswith(scale, end):
            if scale != "元":
                return "", end, ""  # the scale was not read with the number: not expected
            named = CN_CURRENCY_AFTER.match(text, end + 1)  # 32億元人民幣
            if named:
                return CURRENCY_WORDS[named.group()], named.end(), CURRENCY_WORDS[named.group()]
            return "CNY", end + 1, "CNY?"
    if text[end:end + 1] in ("多", "余", "餘", "来", "來") and not number.low:
        end += 1
    words = doc.words_at(end, 4)
    parts: list[str] = []
    position = end
    for word_start, word_end, tag in words:
        if word_end <= end:
            continue
        piece = text[max(word_start, end):word_end]
        if not HAN.match(piece) or (parts and tag not in ("n", "nz", "vn", "ng", "nt", "b", "")) \
                or (parts and piece[0] in chinese.CN_NUMERAL_CHARS):
            break
        if not parts and piece[0] in "男女" and len(piece) > 1 and piece[1] in chinese.CN_NUMERAL_CHARS:
            piece, word_end = piece[0], max(word_start, end) + 1  # 六男|三女: the next count begins
        if not parts and word_start < end and tag in ("m", "l", "i", "mq"):
            # 万次, 近百名, 两千人: the number was read from the word; what is left of it is the classifier.
            piece = text[end:min(word_end, end + 2)]
            if piece[-1:] in chinese.CN_NUMERAL_CHARS:
                piece = piece[:1]  # 两男|一女
            word_end = end + len(piece)
        if not parts and piece[0] in "的是在和与與及等或至到之年月日个个" and len(piece) == 1 and piece not in "个":
            break
        if not parts and tag in ("v", "p", "c", "u", "r", "a") and len(piece) > 1:
            if chinese.tag(doc.plain[max(word_start, end)]) != "q":
                break
            piece, word_end = piece[0], word_start + 1 if word_start >= end else end + 1  # 16名|为: 名 counts
            parts.append(piece)
            position = word_end
            break
        parts.append(piece)
        position = word_end
        if len("".join(parts)) >= 6 or len(parts) >= 3:
            break
        if len(parts) == 1 and (len(piece) > 1 or chinese.tag(doc.plain[position - 1]) == "n"):
            break  # the counted noun itself (6人, 3500网站), no classifier before a noun
    unit = "".join(parts)
    if parts and text.startswith("元", position) and chinese.tag(doc.plain[position - len(parts[-1]):position]) == "ns":
        unit, position = unit + "元", position + 1  # 斐济元: a country's currency that has no code here
    latin = re.match(r"[A-Za-z]+", text[position:position + 12]) if len(parts) == 1 else None
    if latin and len(parts[0]) == 1:  # 21款App: the counted thing written in Latin letters
        unit, position = unit + latin.group(), position + latin.end()
    return unit, position, ""


# --- Entry points ------------------------------------------------------------------------------------


def find_figures(text: str, ranges: list[tuple[int, int]] | None = None, currency: str = "CNY",
                 small: bool = False, dates: bytearray | None = None) -> list[Figure]:
    """The figures in the given ranges of `text` (all of it by default), in text order, none overlapping.
    `currency` is what a bare 元 means in this text; `small` keeps bare small numbers (for a selected phrase);
    `dates` marks the characters of date phrases, whose numbers (the day in 今（20）日) are no figures."""
    doc = _Text(text, currency)
    found: list[Figure] = []
    for start, end in ranges or [(0, len(text))]:
        found += _find(doc, start, end, small, dates)
    kept: list[Figure] = []
    for figure in sorted(found, key=lambda f: (f.start, -(f.end - f.start))):
        if kept and figure.start < kept[-1].end:
            continue
        kept.append(figure)
    return kept


def parse_figure(phrase: str) -> Figure | None:
    """The first figure in `phrase` with its bounds and unit, or None."""
    found = find_figures(phrase, small=True)
    return found[0] if found else None
