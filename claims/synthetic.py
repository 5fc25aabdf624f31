"""Realistic synthetic data at scale: factory-boy defines the shapes, PostgreSQL's COPY does the writing.

A document is built together with its claims: each sentence states one figure, event or statement, so
the claims' spans are known as the text is written and every quote equals the text at its span.
"""

from __future__ import annotations

import hashlib
import json
import random
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timezone

import factory

from claims.text.datephrases import MONTH_NAMES
from claims.text.dates import FuzzyDate
from claims.text.spans import context

rng = random.Random(0)
NOW = datetime.now(timezone.utc)
UNITS = ["infected hosts", "websites", "IP addresses", "phishing pages", "netizens", "domain names", "USD",
         "incidents", "servers", "suspects"]
ZH_UNITS = ["台主机", "个网站", "个IP地址", "个钓鱼网站", "名网民", "起案件", "名嫌疑人"]
EVENTS = ["signed a memorandum on cybersecurity", "held a high-level dialogue", "launched a campaign",
          "published a strategy", "opened an Internet forum", "adopted a code of conduct"]
ZH_EVENTS = ["签署网络安全谅解备忘录", "举行高级别对话", "启动专项行动", "发布战略", "召开互联网论坛"]
MONTHS = [name.capitalize() for name in MONTH_NAMES]
APPROXIMATORS = [("nearly ", "high"), ("more than ", "low"), ("over ", "low"), ("", None), ("almost ", "high")]
ZH_APPROXIMATORS = [("近", "high"), ("超过", "low"), ("", None)]


def fuzzy_date() -> FuzzyDate:
    """A date of every precision: a day, a month, a year or a run of years."""
    year = rng.randint(2005, 2024)
    choice = rng.random()
    if choice < 0.3:
        return FuzzyDate.day(year, rng.randint(1, 12), rng.randint(1, 28))
    if choice < 0.7:
        return FuzzyDate.month(year, rng.randint(1, 12))
    if choice < 0.9:
        return FuzzyDate.year(year)
    return FuzzyDate(date(year - rng.randint(1, 4), 1, 1), date(year, 12, 31), "year")


def english_date(fuzzy: FuzzyDate) -> str:
    if fuzzy.precision == "day":
        return f"{MONTHS[fuzzy.start.month - 1]} {fuzzy.start.day}, {fuzzy.start.year}"
    if fuzzy.precision == "month":
        return f"{MONTHS[fuzzy.start.month - 1]} {fuzzy.start.year}"
    return str(fuzzy.start.year) if fuzzy.start.year == fuzzy.end.year else f"{fuzzy.start.year}-{fuzzy.end.year}"


def chinese_date(fuzzy: FuzzyDate) -> str:
    if fuzzy.precision == "day":
        return f"{fuzzy.start.year}年{fuzzy.start.month}月{fuzzy.start.day}日"
    if fuzzy.precision == "month":
        return f"{fuzzy.start.year}年{fuzzy.start.month}月"
    return f"{fuzzy.start.year}年" if fuzzy.start.year == fuzzy.end.year else f"{fuzzy.start.year}年至{fuzzy.end.year}年"


@dataclass
class ClaimSpec:
    """A claim as its sentence was written: where it is and what it states."""

    start: int
    end: int
    kind: str
    language: str
    date: FuzzyDate
    value: int | None = None
    bound: str | None = None
    unit: str = ""
    event_type: str = ""


def sentence(language: str) -> tuple[str, int, int, dict]:
    """One sentence stating a claim: (text, start and end of the claimed phrase in it, the claim's fields)."""
    fuzzy, kind = fuzzy_date(), rng.choices(["figure", "event", "statement"], [6, 3, 1])[0]
    if language == "en":
        when = english_date(fuzzy)
        if kind == "figure":
            approximator, bound = rng.choice(APPROXIMATORS)
            value, unit = rng.randint(1, 99) * 10 ** rng.randint(1, 6), rng.choice(UNITS)
            phrase = f"{approximator}{value:,} {unit}"
            head = f"In {when}, monitoring data showed "
            return head + phrase + " across the region. ", len(head), len(head) + len(phrase), {
                "kind": kind, "value": value, "bound": bound, "unit": unit, "date": fuzzy}
        if kind == "event":
            phrase = f"In {when}, the ministries {rng.choice(EVENTS)}"
            return phrase + ". ", 0, len(phrase), {"kind": kind, "date": fuzzy, "event_type": "cooperation"}
        phrase = "Officials said cooperation is the only solution"
        return phrase + f" ({when}). ", 0, len(phrase), {"kind": kind, "date": fuzzy}
    when = chinese_date(fuzzy)
    if kind == "figure":
        approximator, bound = rng.choice(ZH_APPROXIMATORS)
        value, unit = rng.randint(1, 99) * 10 ** rng.randint(1, 4), rng.choice(ZH_UNITS)
        phrase = f"{approximator}{value}{unit}"
        head = f"{when},监测数据显示有"
        return head + phrase + "受到影响。", len(head), len(head) + len(phrase), {
            "kind": kind, "value": value, "bound": bound, "unit": unit, "date": fuzzy}
    phrase = f"{when},双方{rng.choice(ZH_EVENTS)}"
    return phrase + "。", 0, len(phrase), {"kind": "event" if kind == "event" else "statement", "date": fuzzy,
                                           "event_type": "cooperation"}


class SourceRow(factory.DictFactory):
    """A publisher."""

    name = factory.Sequence(lambda n: f"Synthetic outlet {n}")
    kind = factory.LazyFunction(lambda: rng.choice(["state_media", "news_site", "ministry", "blog"]))
    country = factory.LazyFunction(lambda: rng.choice(["CN", "US", "GB", "RU", "JP"]))


class ActorRow(factory.DictFactory):
    """A person, organisation or state, with a Chinese alias."""

    name = factory.Sequence(lambda n: f"Synthetic actor {n}")
    kind = factory.LazyFunction(lambda: rng.choice(["person", "organisation", "government_body", "state"]))
    country = factory.LazyFunction(lambda: rng.choice(["CN", "US", "GB", "RU", "JP", ""]))
    alias = factory.Sequence(lambda n: f"合成行为者{n}")


class DocumentRow(factory.DictFactory):
    """A document and the claims its sentences state."""

    class Params:
        sentences = 10

    language = factory.LazyFunction(lambda: rng.choices(["en", "zh-Hans", "zh-Hant"], [6, 3, 1])[0])
    published = factory.LazyFunction(fuzzy_date)
    title = factory.Sequence(lambda n: f"Synthetic report {n}")

    @factory.lazy_attribute
    def body(self):
        """(text, [ClaimSpec]): the sentences, and where each states its claim."""
        parts, specs, length = [f"{self.title}\n\n"], [], len(self.title) + 2
        for _ in range(self.sentences):
            text, start, end, fields = sentence("en" if self.language == "en" else "zh")
            specs.append(ClaimSpec(length + start, length + end, language=self.language, **fields))
            parts.append(text)
            length += len(text)
        return "".join(parts), specs


# the fields of the rows document_rows and claim_row make, in order
DOCUMENT_ROW_FIELDS = ("id", "created_at", "updated_at", "title", "source", "republished_from", "url", "byline",
                       "published_start", "published_end", "published_precision", "languages", "text", "content_hash",
                       "filename", "main_ranges", "duplicate_ranges", "imported_at")
CLAIM_ROW_FIELDS = ("id", "created_at", "updated_at", "document", "start", "end", "quote", "prefix", "suffix", "kind",
                    "status", "verdict", "language", "paraphrase", "note", "detached", "value", "value_low",
                    "value_high", "unit", "date_start", "date_end", "date_precision", "event_type", "place",
                    "created_by", "updated_by")


def document_rows(first_id: int, sources: list[int], claim_counts: list[int], token: str):
    """COPY rows for documents with the given numbers of claims, each with its text and claim specs."""
    for i, count in enumerate(claim_counts):
        doc = DocumentRow.build(sentences=count, title=f"Synthetic report {token}-{first_id + i}")
        text, specs = doc["body"]
        published = doc["published"]
        row = (first_id + i, NOW, NOW, doc["title"], rng.choice(sources), None, "", "", published.start,
               published.end, published.precision, json.dumps([doc["language"]]), text,
               hashlib.sha256(text.encode()).hexdigest(), f"synthetic/{token}/{first_id + i}.txt",
               json.dumps([[0, len(text)]]), "[]", NOW)
        yield row, text, specs


def claim_row(claim_id: int, document_id: int, text: str, spec: ClaimSpec) -> tuple:
    """A COPY row for a claim: the values of CLAIM_ROW_FIELDS."""
    prefix, suffix = context(text, spec.start, spec.end)
    value = low = high = None
    if spec.kind == "figure":
        value = spec.value
        low = value if spec.bound == "low" else None
        high = value if spec.bound == "high" else None
    status = rng.choices(["reviewed", "draft", "suggested", "disputed", "rejected"], [5, 3, 2, 1, 1])[0]
    verdict = rng.choice(["true", "mostly_true", "mixed", "false", ""]) if status == "reviewed" else ""
    return (claim_id, NOW, NOW, document_id, spec.start, spec.end, text[spec.start:spec.end], prefix, suffix,
            spec.kind, status, verdict, spec.language, "", "", False, value, low, high, spec.unit,
            spec.date.start, spec.date.end, spec.date.precision, spec.event_type, "", None, None)


def new_token() -> str:
    """A short random tag that keeps the rows of one run apart from every other run's (slugs, hashes)."""
    return secrets.token_hex(3)
