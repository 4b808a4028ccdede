import hashlib

from rules import parse_condition


def bucket(flag, user_id):
    digest = hashlib.sha256(f"{user_id}".encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 100


class FlagSet:
    def __init__(self, config):
        self._flags = {}
        for name, settings in config.items():
            if "default" not in settings:
                raise ValueError(f"flag {name} has no default")
            rules = [(parse_condition(rule["if"]), rule["serve"]) for rule in settings.get("rules", [])]
            rollout = settings.get("rollout")
            if rollout is not None:
                percent = rollout.get("percent")
                if not isinstance(percent, int) or isinstance(percent, bool) or not 0 <= percent <= 100:
                    raise ValueError(f"flag {name}: percent must be an int from 0 to 100")
            self._flags[name] = (settings.get("enabled", True), settings["default"], rules, rollout)

    def evaluate(self, flag, user):
        enabled, default, rules, rollout = self._flags[flag]
        if not enabled:
            return default
        for condition, variant in rules:
            if condition.matches(user):
                return variant
        if rollout is not None and "id" in user and bucket(flag, user["id"]) < rollout["percent"]:
            return rollout["serve"]
        return default
