import unittest

from policy import Rule, parse_policy
from rbac import Authorizer

POLICY = """
# documents
role viewer
role editor inherits viewer
role admin inherits editor,auditor
role auditor
allow viewer read docs/*
allow editor  write docs/*
deny editor write docs/legal/*
allow auditor read audit.log
allow admin * *
deny admin delete docs/legal/*
"""


class ParsePolicyTest(unittest.TestCase):
    def test_roles_and_rules_in_order(self):
        policy = parse_policy(POLICY)
        self.assertEqual(policy.roles, {"viewer": [], "editor": ["viewer"], "admin": ["editor", "auditor"], "auditor": []})
        self.assertEqual(policy.rules[0], Rule("allow", "viewer", "read", "docs/*"))
        self.assertEqual(policy.rules[2], Rule("deny", "editor", "write", "docs/legal/*"))
        self.assertEqual(len(policy.rules), 6)

    def test_errors_name_the_line(self):
        cases = {
            "role viewer\nallow viewer read\n": "line 2",
            "role a\nrole a\n": "line 2",
            "\nrole a inherits b\n": "line 2",
            "role a\n\n\nallow ghost read x\n": "line 4",
            "role Admin\n": "line 1",
            "role a\npermit a read x\n": "line 2",
        }
        for text, where in cases.items():
            with self.assertRaises(ValueError, msg=text) as caught:
                parse_policy(text)
            self.assertIn(where, str(caught.exception), text)


class AuthorizerTest(unittest.TestCase):
    def setUp(self):
        self.auth = Authorizer(parse_policy(POLICY))

    def test_direct_and_inherited_permissions(self):
        self.assertTrue(self.auth.is_allowed(["viewer"], "read", "docs/guide.md"))
        self.assertFalse(self.auth.is_allowed(["viewer"], "write", "docs/guide.md"))
        self.assertTrue(self.auth.is_allowed(["editor"], "read", "docs/guide.md"))
        self.assertTrue(self.auth.is_allowed(["editor"], "write", "docs/a/b/c.md"))

    def test_inheritance_is_transitive(self):
        self.assertTrue(self.auth.is_allowed(["admin"], "read", "audit.log"))
        policy = parse_policy("role a\nrole b inherits a\nrole c inherits b\nallow a read x")
        self.assertTrue(Authorizer(policy).is_allowed(["c"], "read", "x"))

    def test_deny_wins(self):
        self.assertFalse(self.auth.is_allowed(["editor"], "write", "docs/legal/terms.md"))
        self.assertTrue(self.auth.is_allowed(["editor"], "read", "docs/legal/terms.md"))
        self.assertFalse(self.auth.is_allowed(["admin"], "write", "docs/legal/terms.md"))
        self.assertFalse(self.auth.is_allowed(["viewer", "admin"], "delete", "docs/legal/x"))
        self.assertTrue(self.auth.is_allowed(["admin"], "delete", "docs/other"))

    def test_resource_patterns(self):
        self.assertFalse(self.auth.is_allowed(["viewer"], "read", "docs"))
        self.assertFalse(self.auth.is_allowed(["viewer"], "read", "docs/"))
        self.assertFalse(self.auth.is_allowed(["viewer"], "read", "docsx/a"))
        self.assertTrue(self.auth.is_allowed(["auditor"], "read", "audit.log"))
        self.assertFalse(self.auth.is_allowed(["auditor"], "read", "audit.log.1"))

    def test_nothing_applies(self):
        self.assertFalse(self.auth.is_allowed([], "read", "docs/a"))
        self.assertFalse(self.auth.is_allowed(["stranger"], "read", "docs/a"))
        self.assertTrue(self.auth.is_allowed(["stranger", "viewer"], "read", "docs/a"))

    def test_cycles_are_refused(self):
        with self.assertRaises(ValueError):
            Authorizer(parse_policy("role a inherits b\nrole b inherits c\nrole c inherits a\n"))
        with self.assertRaises(ValueError):
            Authorizer(parse_policy("role a inherits a\n"))


if __name__ == "__main__":
    unittest.main()
