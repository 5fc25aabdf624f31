"""Schemathesis hooks for tests/api/test_contract.py: the findings that are the tool's mistake, dropped one kind at a
time. docs/api-contract.md lists each with its reason; everything else fails the run."""

import schemathesis

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# Filters given as a range upside down (date_after later than date_before) are refused by name.
RANGE_LOWS = {"date_after", "value_min", "published_after"}


def _body(response) -> dict:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def tool_mistake(failure, case, response) -> str | None:
    """Why this finding is schemathesis's mistake, or None when it is a real one."""
    if type(failure).__name__ != "RejectedPositiveData":  # ST202: a request the schema allows was refused
        return None
    status = response.status_code
    if status == 412 and case.method in WRITES:
        return "If-Match named a version that is not the current one: which version is current is state, not shape"
    if status == 400 and case.method in WRITES - {"DELETE"}:
        return "a body of the right shape broke a rule across fields or rows (quote = text at the span, unique slug)"
    if status == 400 and case.method == "GET" and set(_body(response)) <= RANGE_LOWS and _body(response):
        return "a range given upside down (date_after later than date_before): a rule across two parameters"
    return None


@schemathesis.hook
def filter_failure(context, failure, case, response):
    return tool_mistake(failure, case, response) is None
