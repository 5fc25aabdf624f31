"""Whatever the text, detect() returns candidates that the Claim model accepts (property-based)."""

from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.text.dates import interval_problem
from claims.text.detect import detect

# Pieces that real texts put next to each other, so that random joins reach the detector's rules.
PIECES = [
    "about 950 in 2022", "2.125 percent", "one in five", "more than 20.000 websites", "US$1.2bn", "nearly half of",
    "seven suspects", "a dozen arrests", "the two countries", "twenty-three thousand", "on Monday", "last year",
    "from 2010 to 2012", "14 March 2024", "Between 3 and 21 May", "99999999999999999999999999999 million",
    "0.0000000001 percent", "1e400", "超过3,500起网络诈骗案", "1.2亿元", "一五二万次", "二〇八名", "近三万", "九％",
    "二成五", "七成", "近百家", "百余名", "三个方面", "去年上半年", "今年前五个月", "3月至5月", "2024年5月20日",
    "頭8個月", "首9月", "新臺幣5,000萬元", "逾1.5萬筆", "四分之一", "上週二", "一一三年", "十四五", "第三届", "4G",
    "百分之四十七點八", "１２３４５起", "九九九九九九九九九九九九九九九九九九九九九九九九九九九九亿亿亿",
    "0 in 0", "1 in 0", "99 out of 100", "12月31日", "2月30日", "13月", "February 30, 2023", "on Sunday",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet=st.sampled_from(
    list("0123456789.,%％ -–/年月日万萬亿億多余近逾超过約约第个個名起宗元成 onein thefivemillio\n;；。，")), max_size=12),
    st.text(max_size=8)), max_size=12).map(" ".join)
published = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
LIMIT = Decimal(10) ** 24


def _fits(value: Decimal | None) -> bool:
    return value is None or (abs(value) < LIMIT and value.as_tuple().exponent >= -6)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, published=published,
       languages=st.sampled_from([["en"], ["zh-Hans"], ["zh-Hant"], ["en", "zh-Hans"]]))
def test_every_candidate_is_one_the_model_accepts(text, published, languages):
    for candidate in detect(text, languages, published):
        assert 0 <= candidate.start < candidate.end <= len(text)
        assert candidate.quote == text[candidate.start:candidate.end]
        assert candidate.kind in ("figure", "event")
        assert len(candidate.unit) <= 200
        for value in (candidate.value, candidate.value_low, candidate.value_high):
            assert _fits(value), (candidate.quote, value)
        if candidate.kind == "figure":
            assert candidate.value is not None and candidate.date is None or candidate.date is not None
            low, value, high = candidate.value_low, candidate.value, candidate.value_high
            assert low is None or low <= value
            assert high is None or value <= high
        else:
            assert candidate.value is None and candidate.value_low is None and candidate.value_high is None
        if candidate.date is not None:
            assert interval_problem(candidate.date.start, candidate.date.end, candidate.date.precision) is None


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300))
def test_any_unicode_text_is_read_without_error(text):
    for candidate in detect(text, ["en", "zh-Hant"], date(2024, 5, 20)):
        assert candidate.quote == text[candidate.start:candidate.end]
