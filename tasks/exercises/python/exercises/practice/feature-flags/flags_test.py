import unittest

from flags import FlagSet, bucket
from rules import parse_condition


class ConditionTest(unittest.TestCase):
    def test_equality_and_inequality(self):
        self.assertTrue(parse_condition('plan == "pro"').matches({"plan": "pro"}))
        self.assertFalse(parse_condition('plan == "pro"').matches({"plan": "free"}))
        self.assertTrue(parse_condition('plan != "pro"').matches({"plan": "free"}))
        self.assertFalse(parse_condition('age == "30"').matches({"age": 30}))
        self.assertTrue(parse_condition("beta == true").matches({"beta": True}))

    def test_missing_attributes_never_match(self):
        for text in ['plan == "pro"', 'plan != "pro"', 'plan in ["pro"]', 'plan not in ["pro"]', "seats > 1"]:
            self.assertFalse(parse_condition(text).matches({}), text)

    def test_ordering_only_between_numbers(self):
        self.assertTrue(parse_condition("seats >= 10").matches({"seats": 10}))
        self.assertTrue(parse_condition("score < 0.5").matches({"score": 0.25}))
        self.assertFalse(parse_condition("seats > 1").matches({"seats": "5"}))
        self.assertFalse(parse_condition("seats > 0").matches({"seats": True}))

    def test_membership(self):
        condition = parse_condition('country in ["DE", "FR"]')
        self.assertTrue(condition.matches({"country": "FR"}))
        self.assertFalse(condition.matches({"country": "US"}))
        self.assertTrue(parse_condition('country   not in   ["DE"]').matches({"country": "US"}))
        self.assertTrue(parse_condition("org.size in [1, 2, 3]").matches({"org.size": 2}))

    def test_malformed_conditions(self):
        for text in ["plan", 'plan = "pro"', "plan == pro", 'plan in "pro"', "seats > [1]", '1plan == "x"', 'plan == "pro" extra', "plan == {}"]:
            with self.assertRaises(ValueError, msg=text):
                parse_condition(text)


CONFIG = {
    "new-checkout": {
        "default": "off",
        "rules": [
            {"if": 'country in ["DE", "FR"]', "serve": "on"},
            {"if": 'plan == "enterprise"', "serve": "legacy"},
        ],
        "rollout": {"percent": 40, "serve": "on"},
    },
    "dark-mode": {"default": "light", "rollout": {"percent": 20, "serve": "dark"}},
    "killed": {"enabled": False, "default": "off", "rules": [{"if": 'plan == "pro"', "serve": "on"}]},
}


class FlagSetTest(unittest.TestCase):
    def setUp(self):
        self.flags = FlagSet(CONFIG)

    def test_bucket_is_stable_and_per_flag(self):
        self.assertEqual(bucket("new-checkout", "u1"), 16)
        self.assertEqual(bucket("dark-mode", "u1"), 86)
        self.assertEqual(bucket("new-checkout", "bob"), 40)

    def test_first_matching_rule_wins(self):
        self.assertEqual(self.flags.evaluate("new-checkout", {"id": "u2", "country": "DE", "plan": "enterprise"}), "on")
        self.assertEqual(self.flags.evaluate("new-checkout", {"id": "u2", "plan": "enterprise"}), "legacy")

    def test_rollout_below_the_percentage(self):
        self.assertEqual(self.flags.evaluate("new-checkout", {"id": "u1"}), "on")
        self.assertEqual(self.flags.evaluate("new-checkout", {"id": "u2"}), "off")
        self.assertEqual(self.flags.evaluate("new-checkout", {"id": "bob"}), "off")
        self.assertEqual(self.flags.evaluate("dark-mode", {"id": "u7"}), "dark")
        self.assertEqual(self.flags.evaluate("dark-mode", {"id": "u1"}), "light")
        self.assertEqual(self.flags.evaluate("dark-mode", {"country": "DE"}), "light")

    def test_disabled_flags_serve_the_default(self):
        self.assertEqual(self.flags.evaluate("killed", {"plan": "pro"}), "off")

    def test_unknown_flag(self):
        with self.assertRaises(KeyError):
            self.flags.evaluate("nope", {"id": "u1"})

    def test_bad_config_is_refused_up_front(self):
        for config in [
            {"f": {"rules": []}},
            {"f": {"default": "off", "rules": [{"if": "plan ~ 1", "serve": "on"}]}},
            {"f": {"default": "off", "rollout": {"percent": 101, "serve": "on"}}},
            {"f": {"default": "off", "rollout": {"percent": 12.5, "serve": "on"}}},
        ]:
            with self.assertRaises(ValueError, msg=config):
                FlagSet(config)


if __name__ == "__main__":
    unittest.main()
