import json
import re

_CONDITION = re.compile(r"\s*([A-Za-z_.][A-Za-z0-9_.]*)\s+(==|!=|<=|>=|<|>|not\s+in|in)\s+(.+?)\s*")


def _number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class Condition:
    def __init__(self, attribute, operator, value):
        self.attribute = attribute
        self.operator = operator
        self.value = value

    def matches(self, user):
        if self.attribute not in user:
            return self.operator in ("!=", "not in")
        actual, value, op = user[self.attribute], self.value, self.operator
        if op == "==":
            return actual == value
        if op == "!=":
            return actual != value
        if op == "in":
            return actual in value
        if op == "not in":
            return actual not in value
        if not (_number(actual) and _number(value)):
            return False
        return {"<": actual < value, "<=": actual <= value, ">": actual > value, ">=": actual >= value}[op]


def parse_condition(text):
    match = _CONDITION.fullmatch(text)
    if not match:
        raise ValueError(f"not a condition: {text!r}")
    attribute, operator, literal = match.groups()
    operator = " ".join(operator.split())
    try:
        value = json.loads(literal)
    except json.JSONDecodeError as error:
        raise ValueError(f"bad value {literal!r}") from error
    if isinstance(value, dict) or value is None:
        raise ValueError(f"bad value {literal!r}")
    if (operator in ("in", "not in")) != isinstance(value, list):
        raise ValueError(f"{operator} needs {'a' if operator in ('in', 'not in') else 'no'} list")
    return Condition(attribute, operator, value)
