"""Persona matrix rows of the training register (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
A class organised by unit A for unit A only: its clerk and the province read it; unit B's clerk gets 404;
council members read all but change nothing."""

from tdkt.training import services
from tests.training.support import DAY1, held_training, make_training


def _training_of_unit_a(world):
    return make_training(world)


def _session_of_unit_a(world):
    training = make_training(world)
    return {"pk": training.pk, "session_pk": training.sessions.get(on=DAY1).pk}


def _certified_trainee_of_unit_a(world):
    training = held_training(world, [world.person_a])
    user = world.users["clerk_a"]
    trainee = training.trainees.get()
    services.record_results(training, {trainee.pk: ("passed", None)}, by=user)
    services.close_training(training, by=user)
    return trainee


MATRIX = [
    ("training:list", None, [200, 200, 200, 200, 302]),
    ("training:new", None, [200, 200, 200, 403, 302]),
    ("training:counts", None, [200, 200, 200, 200, 302]),
    ("training:counts_export", None, [200, 200, 200, 200, 302]),
    ("training:detail", "training_of_unit_a", [200, 200, 404, 200, 302]),
    ("training:trainees_export", "training_of_unit_a", [200, 200, 404, 200, 302]),
    ("training:trainees_add", "training_of_unit_a", [405, 405, 405, 403, 302]),
    ("training:attendance", "session_of_unit_a", [200, 200, 404, 403, 302]),
    ("training:results", "training_of_unit_a", [200, 200, 404, 403, 302]),
    ("training:trainee_remove", "missing_trainee", [405, 405, 405, 403, 302]),
    ("training:certificate", "certified_trainee_of_unit_a", [200, 200, 404, 200, 302]),
]

OBJECTS = {
    "training_of_unit_a": _training_of_unit_a,
    "session_of_unit_a": _session_of_unit_a,
    "certified_trainee_of_unit_a": _certified_trainee_of_unit_a,
    "missing_trainee": lambda world: {"pk": 987654},  # POST only: the method is refused before the lookup
}
