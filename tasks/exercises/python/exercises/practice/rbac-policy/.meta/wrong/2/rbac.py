class Authorizer:
    def __init__(self, policy):
        self._policy = policy
        self._ancestors = {}
        for role in policy.roles:
            self._ancestors[role] = self._collect(role, ())

    def _collect(self, role, path):
        if role in path:
            raise ValueError(f"inheritance cycle: {' -> '.join(path + (role,))}")
        found = {role}
        for parent in self._policy.roles[role]:
            found |= self._collect(parent, path + (role,))
        return found

    @staticmethod
    def _matches(pattern, resource):
        if pattern == "*":
            return True
        if pattern.endswith("/*"):
            return resource.startswith(pattern[:-2])
        return pattern == resource

    def is_allowed(self, roles, action, resource):
        held = set()
        for role in roles:
            held |= self._ancestors.get(role, set())
        applying = [
            rule.effect
            for rule in self._policy.rules
            if rule.role in held and rule.action in ("*", action) and self._matches(rule.resource, resource)
        ]
        return "deny" not in applying and "allow" in applying
