def parse_env(lines, prefix):
    pass
