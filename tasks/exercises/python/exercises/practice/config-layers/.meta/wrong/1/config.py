import re

_MISSING = object()
_REFERENCE = re.compile(r"\$\$\{|\$\{([^}]*)\}")


class ConfigError(Exception):
    pass


def merge(base, override):
    result = dict(base)
    for key, value in override.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


class Config:
    def __init__(self, *layers):
        self._data = {}
        for layer in layers:
            self._data = merge(self._data, layer)

    def _lookup(self, path):
        node = self._data
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                return _MISSING
            node = node[part]
        return node

    def get(self, path, default=_MISSING):
        value = self._lookup(path)
        if value is _MISSING:
            if default is _MISSING:
                raise KeyError(path)
            return default
        return self._resolve(value, (path,))

    def _resolve(self, value, seen):
        if isinstance(value, dict):
            return {key: self._resolve(item, seen) for key, item in value.items()}
        if not isinstance(value, str):
            return value
        whole = re.fullmatch(r"\$\{([^}]*)\}", value)
        if whole:
            return self._reference(whole.group(1), seen)

        def replace(match):
            if match.group(0) == "$${":
                return "${"
            found = self._reference(match.group(1), seen)
            return ("true" if found else "false") if isinstance(found, bool) else str(found)

        return _REFERENCE.sub(replace, value)

    def _reference(self, path, seen):
        if path in seen:
            raise ConfigError(f"reference cycle: {' -> '.join(seen + (path,))}")
        value = self._lookup(path)
        if value is _MISSING:
            raise ConfigError(f"reference to missing {path}")
        if isinstance(value, dict):
            raise ConfigError(f"reference to section {path}")
        return self._resolve(value, seen + (path,))
