"""Schemathesis hooks for tests/api/test_contract.py: the findings that are the tool's mistake, dropped one kind at a
time (docs/api-contract.md lists each with its reason; everything else fails the run), and the one value the tool
cannot know, the current version of a row, supplied."""

import os
import re

import schemathesis

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# What a body of the right shape can still break, by the messages the API gives: each a rule about other rows or
# other fields, which JSON Schema cannot state. A 400 with any other message is a real finding.
RULES = re.compile("|".join([
    # a reference to a row that is not there
    r"does not exist\.", r"No actor with id or slug",
    # uniqueness: of a slug, a span, a link, a text, a URL
    r"already exists\.", r"must make a unique set\.", r"already linked as", r"This text is already document",
    r"the text differs from document #\d+ of the same file name or URL",
    # a claim's fields together: the quote is the text at the span, only figures have values, bounds in order
    r"The quote does not match the text", r"The span ", r"Only figures have a value\.", r"The lower bound is above",
    r"The value lies outside its bounds\.", r"cannot be linked to itself\.",
    r"an interval needs two ends of the same precision, in order",  # "2014/2011": its two ends in order
    r"Constraint .* is violated\.",  # the database constraint behind one of these, named with it
    r"Not a URL\.",  # Django's URL validator: a host name with a dot, a scheme of http(s) or ftp(s)
    r"Ensure that there are no more than \d+ (digits in total|decimal places)\.",  # a float's binary digits
]))
# A field the request did not send, found blank (a claim's quote when a new span holds no text): across fields.
UNSENT_BLANK = "This field cannot be blank."
# Filters given as a range upside down (date_after later than date_before) are refused by name.
RANGE_LOWS = {"date_after", "value_min", "published_after"}
ETAG = re.compile(r'"[0-9a-f]{32}"')


def _body(response) -> dict:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _messages(value):
    """Every message of a DRF error body, however nested."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _messages(item)
    elif isinstance(value, list):
        for item in value:
            yield from _messages(item)


def tool_mistake(failure, case, response) -> str | None:
    """Why this finding is schemathesis's mistake, or None when it is a real one."""
    kind, status = type(failure).__name__, response.status_code
    if kind == "MissingHeaderNotRejected" and status == 428 and failure.header_name == "If-Match":
        # ST203: a write without its required If-Match
        return "428 Precondition Required is the status RFC 6585 defines for exactly this; the tool expects a 4xx list"
    if kind == "AcceptedNegativeData" and status == 412 and case.method in WRITES:
        # ST201: an invalid request with an If-Match that is not current
        return "412 refused it: RFC 9110 (13.2.1) evaluates If-Match before the body is processed"
    if kind != "RejectedPositiveData" or status != 400:  # ST202: a request the schema allows was refused
        return None
    body = _body(response)
    if case.method == "GET" and body and set(body) <= RANGE_LOWS:
        return "a range given upside down (date_after later than date_before): a rule across two parameters"
    if case.method == "GET" and set(body) == {"cursor"}:
        return "a cursor is opaque: only one the API gave names a row and the ordering, which no pattern can state"
    sent = case.body if isinstance(case.body, dict) else {}
    messages = [message for field, errors in body.items() for message in _messages(errors)
                if not (message == UNSENT_BLANK and field not in sent)]
    if case.method in WRITES and all(RULES.search(message) for message in messages):
        return "a body of the right shape broke a rule across fields or rows (quote = text at the span, unique slug)"
    return None


@schemathesis.hook
def filter_failure(context, failure, case, response):
    reason = tool_mistake(failure, case, response)
    if reason and os.environ.get("CLAIMTRACK_DROPPED_LOG"):
        with open(os.environ["CLAIMTRACK_DROPPED_LOG"], "a", encoding="utf-8") as log:
            log.write(f"{type(failure).__name__} {response.status_code}: {reason}\n")
    return reason is None


@schemathesis.hook
def map_case(context, case):
    """A write names the current version: an ETag the tool read (stateful links carry those) or *; a made-up one
    would only ever meet 412, and the write itself (its body, valid or not) would go untested. Only where the
    headers are what the tool means to make invalid does its If-Match stay as drawn."""
    if_match = case.headers.get("If-Match") if case.headers else None
    meta = case.meta
    header_mutated = meta is not None and any(location.name == "HEADER" and component.mode.is_negative
                                               for location, component in meta.components.items())
    if if_match is not None and not header_mutated and not ETAG.fullmatch(if_match):
        case.headers["If-Match"] = "*"
    return case
