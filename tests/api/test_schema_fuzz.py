"""The read endpoints against their own OpenAPI schema, on the running test server (pytest-django's
live_server), with schemathesis' engine (as its command line runs it): generated requests, valid and invalid,
must never answer 5xx, and every answer must match the status codes, content types and bodies the schema
declares.

Bounded by schemathesis' own configuration (a few examples per operation, fixed seed), so it runs inside
`make test`."""

import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, from_schema
from schemathesis.engine.events import FatalError, NonFatalError, ScenarioFinished

from tests.api.support import token
from tests.certificates.support import issued_decision
from tests.factories import make_award

READ_PATHS = r"^/api/v1/(units|persons|awards|decisions|certificates|statistics/forms)(/\{[a-z_]+\})?$"
EXAMPLES_PER_OPERATION = 6
CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance",
          "response_schema_conformance")


def _config(raw_token: str) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict({
        "seed": 19,
        "headers": {"Authorization": f"Bearer {raw_token}"},
        "generation": {"max-examples": EXAMPLES_PER_OPERATION},
        "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
        "checks": {"enabled": False} | {name: {"enabled": True} for name in CHECKS},
    })


def _problems(events) -> list[str]:
    problems = []
    for event in events:
        if isinstance(event, ScenarioFinished) and event.status in (Status.FAILURE, Status.ERROR):
            failed = sorted({f"{check.name}: {check.failure_info.failure.title if check.failure_info else ''}"
                             for checks in event.recorder.checks.values() for check in checks
                             if check.status == Status.FAILURE})
            problems.append(f"{event.recorder.label} {event.status}: {failed}")
        elif isinstance(event, NonFatalError):
            problems.append(f"{event.label}: {event.value!r}")
        elif isinstance(event, FatalError):
            problems.append(repr(event.exception))
    return problems


def test_read_endpoints_keep_their_schema(live_server, world):
    make_award(person=world.person_a, year=2024)
    issued_decision(world)
    raw = token(world, "specialist", "read:units", "read:persons", "read:awards", "read:decisions",
                "read:statistics", rate_limit=100_000)
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json", config=_config(raw))
    schema = schema.include(method="GET", path_regex=READ_PATHS)
    events = list(from_schema(schema).execute())
    labels = {event.recorder.label for event in events if isinstance(event, ScenarioFinished)}
    assert {"GET /api/v1/units", "GET /api/v1/persons/{pk}", "GET /api/v1/certificates/{code}",
            "GET /api/v1/statistics/forms", "GET /api/v1/statistics/forms/{form}"} <= labels
    assert _problems(events) == []
