from dataclasses import dataclass, field


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
    pass
