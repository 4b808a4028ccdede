import re
from dataclasses import dataclass, field

NAME = r"[a-z][a-z0-9_-]*"
_ROLE = re.compile(rf"role +({NAME})(?: +inherits +({NAME}(?: *, *{NAME})*))?")
_RULE = re.compile(rf"(allow|deny) +({NAME}) +({NAME}|\*) +(\S+)")


@dataclass(frozen=True)
class Rule:
    effect: str
    role: str
    action: str
    resource: str


@dataclass
class Policy:
    roles: dict = field(default_factory=dict)
    rules: list = field(default_factory=list)


def parse_policy(text):
    policy = Policy()
    uses = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line == "" or line.startswith("#"):
            continue
        role = _ROLE.fullmatch(line)
        rule = _RULE.fullmatch(line)
        if role:
            name, parents = role.group(1), role.group(2)
            if name in policy.roles:
                raise ValueError(f"line {number}: role {name} is declared twice")
            policy.roles[name] = [p.strip() for p in parents.split(",")] if parents else []
            uses.extend((number, parent) for parent in policy.roles[name])
        elif rule:
            policy.rules.append(Rule(*rule.groups()))
            uses.append((number, rule.group(2)))
        else:
            raise ValueError(f"line {number}: not a statement: {line!r}")
    for number, name in uses:
        if name not in policy.roles:
            raise ValueError(f"line {number}: unknown role {name}")
    return policy
