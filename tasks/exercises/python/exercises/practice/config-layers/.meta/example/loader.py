import re


def _value(text):
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        return text[1:-1]
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    if re.fullmatch(r"-?[0-9]+", text):
        return int(text)
    return text


def parse_env(lines, prefix):
    result = {}
    for raw in lines:
        line = raw.strip()
        if line == "" or line.startswith("#"):
            continue
        if "=" not in line:
            raise ValueError(f"not an assignment: {raw!r}")
        name, value = (part.strip() for part in line.split("=", 1))
        if not name.startswith(prefix):
            continue
        path = [part.lower() for part in name[len(prefix):].split("__")]
        if any(part == "" for part in path):
            raise ValueError(f"empty name part in {name}")
        node = result
        for part in path[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                raise ValueError(f"{name} needs a section where a value was set")
            node = child
        if isinstance(node.get(path[-1]), dict):
            raise ValueError(f"{name} sets a value where a section was set")
        node[path[-1]] = _value(value)
    return result
