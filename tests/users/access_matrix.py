"""Persona-matrix rows of the users screen (tdkt.users): the standing body manages accounts; clerks and council
members are refused by role before any account is looked up; the anonymous are sent to sign in."""


def _account_of_clerk_a(world):
    return world.users["clerk_a"]


def _membership_of_clerk_a(world):
    return world.users["clerk_a"].memberships.get()


def _action_on_clerk_a(world):
    return {"pk": world.users["clerk_a"].pk, "action": "deactivate"}


OBJECTS = {"account_of_clerk_a": _account_of_clerk_a, "membership_of_clerk_a": _membership_of_clerk_a,
           "action_on_clerk_a": _action_on_clerk_a}

MATRIX = [
    ("users:list", None, [200, 403, 403, 403, 302]),
    ("users:export", None, [200, 403, 403, 403, 302]),
    ("users:create", None, [200, 403, 403, 403, 302]),
    ("users:detail", "account_of_clerk_a", [200, 403, 403, 403, 302]),
    ("users:edit", "account_of_clerk_a", [200, 403, 403, 403, 302]),
    ("users:membership_add", "account_of_clerk_a", [200, 403, 403, 403, 302]),
    ("users:membership_end", "membership_of_clerk_a", [200, 403, 403, 403, 302]),
    ("users:action", "action_on_clerk_a", [200, 403, 403, 403, 302]),
]
