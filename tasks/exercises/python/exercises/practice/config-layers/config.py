_MISSING = object()


class ConfigError(Exception):
    pass


def merge(base, override):
    pass


class Config:
    def __init__(self, *layers):
        pass

    def get(self, path, default=_MISSING):
        pass
