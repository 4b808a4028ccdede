import copy
import unittest

from config import Config, ConfigError, merge
from loader import parse_env


class ParseEnvTest(unittest.TestCase):
    def test_nested_names_and_typed_values(self):
        lines = [
            "APP_DB__HOST=db.internal",
            "APP_DB__PORT = 5432",
            "APP_DEBUG=TRUE",
            "APP_OFFSET=-3",
            'APP_TOKEN="0042"',
            "APP_RATIO=1.5",
            "HOME=/root",
            "",
            "  # a comment",
        ]
        self.assertEqual(
            parse_env(lines, "APP_"),
            {"db": {"host": "db.internal", "port": 5432}, "debug": True, "offset": -3, "token": "0042", "ratio": "1.5"},
        )

    def test_later_lines_win_and_values_keep_equals_signs(self):
        self.assertEqual(parse_env(["APP_URL=a", "APP_URL=postgres://u@h/db?x=1"], "APP_"), {"url": "postgres://u@h/db?x=1"})

    def test_malformed_lines(self):
        for lines in [["APP_DEBUG"], ["APP_DB____HOST=x"], ["APP_DB=x", "APP_DB__HOST=y"], ["APP_DB__HOST=y", "APP_DB=x"]]:
            with self.assertRaises(ValueError, msg=lines):
                parse_env(lines, "APP_")


class MergeTest(unittest.TestCase):
    def test_deep_merge_without_touching_the_inputs(self):
        base = {"db": {"host": "localhost", "port": 5432}, "debug": False, "tags": ["a"]}
        override = {"db": {"host": "db.internal"}, "tags": ["b"], "extra": {"x": 1}}
        before = (copy.deepcopy(base), copy.deepcopy(override))
        self.assertEqual(merge(base, override), {"db": {"host": "db.internal", "port": 5432}, "debug": False, "tags": ["b"], "extra": {"x": 1}})
        self.assertEqual((base, override), before)

    def test_none_removes_and_values_replace_sections(self):
        self.assertEqual(merge({"a": 1, "b": {"c": 2, "d": 3}}, {"a": None, "b": {"d": None}, "z": None}), {"b": {"c": 2}})
        self.assertEqual(merge({"a": {"x": 1}}, {"a": 5}), {"a": 5})
        self.assertEqual(merge({"a": 5}, {"a": {"x": 1}}), {"a": {"x": 1}})


class ConfigTest(unittest.TestCase):
    def setUp(self):
        defaults = {"db": {"host": "localhost", "port": 5432, "name": "app"}, "log": {"level": "info"}}
        env = parse_env(["APP_DB__HOST=db.internal", "APP_DB__URL=postgres://${db.host}:${db.port}/${db.name}", "APP_PORT=${db.port}"], "APP_")
        self.config = Config(defaults, {"log": {"file": "/var/log/${db.name}.log", "debug": "verbose=${feature.on}"}, "feature": {"on": False}}, env)

    def test_layers_and_defaults(self):
        self.assertEqual(self.config.get("db.host"), "db.internal")
        self.assertEqual(self.config.get("log.level"), "info")
        self.assertEqual(self.config.get("db.missing", "fallback"), "fallback")
        self.assertIsNone(self.config.get("db.missing", None))
        with self.assertRaises(KeyError):
            self.config.get("db.host.deeper")

    def test_references(self):
        self.assertEqual(self.config.get("db.url"), "postgres://db.internal:5432/app")
        self.assertEqual(self.config.get("port"), 5432)
        self.assertEqual(self.config.get("log.debug"), "verbose=false")
        self.assertEqual(self.config.get("log")["file"], "/var/log/app.log")

    def test_escapes_and_chains(self):
        config = Config({"a": "$${not.a.ref}", "b": "${c}", "c": "${d}", "d": "end"})
        self.assertEqual(config.get("a"), "${not.a.ref}")
        self.assertEqual(config.get("b"), "end")

    def test_bad_references(self):
        config = Config({"loop": {"a": "${loop.b}", "b": "x${loop.a}"}, "self": "${self}", "missing": "${nope}", "section": "${loop}"})
        for path in ["loop.a", "self", "missing", "section"]:
            with self.assertRaises(ConfigError, msg=path):
                config.get(path)


if __name__ == "__main__":
    unittest.main()
