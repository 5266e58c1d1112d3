"""Persona matrix rows of the api app (collected by tests/test_access_map.py).

Session personas get 401 from token-protected operations: the API never accepts a browser session.
POST-only operations answer a GET with 405 before authentication (nothing is revealed either way)."""

_ANY = {"pk": 1}  # refused before any object is looked up

MATRIX = [
    ("api:openapi-json", None, [200, 200, 200, 200, 200]),
    ("api:openapi-view", None, [200, 200, 200, 200, 200]),
    ("api:api-root", None, [404, 404, 404, 404, 404]),
    ("api:me", None, [401, 401, 401, 401, 401]),
    ("api:list_dossiers", None, [401, 401, 401, 401, 401]),
    ("api:create_dossier", None, [401, 401, 401, 401, 401]),  # same path as the list (GET lists, POST creates)
    ("api:dossier_detail", "api_pk", [401, 401, 401, 401, 401]),
    ("api:download_document", "api_pk", [401, 401, 401, 401, 401]),
    ("api:delete_line", "api_pk", [405, 405, 405, 405, 405]),
    ("api:inbox", None, [401, 401, 401, 401, 401]),
    ("api:list_units", None, [401, 401, 401, 401, 401]),
    ("api:unit_detail", "api_pk", [401, 401, 401, 401, 401]),
    ("api:list_persons", None, [401, 401, 401, 401, 401]),
    ("api:person_detail", "api_pk", [401, 401, 401, 401, 401]),
    ("api:list_awards", None, [401, 401, 401, 401, 401]),
    ("api:verify_certificate", "api_code", [401, 401, 401, 401, 401]),
    ("api:list_decisions", None, [401, 401, 401, 401, 401]),
    ("api:decision_detail", "api_pk", [401, 401, 401, 401, 401]),
    ("api:download_signed_decision", "api_pk", [401, 401, 401, 401, 401]),
    ("api:statistics_forms", None, [401, 401, 401, 401, 401]),
    ("api:statistics_form", "api_form", [401, 401, 401, 401, 401]),
] + [(f"api:{name}", "api_pk", [405, 405, 405, 405, 405]) for name in (
    "add_line", "import_lines", "upload_document", "submit", "resubmit", "withdraw", "receive", "return_incomplete",
    "assign", "start_appraisal", "return_for_completion", "hold", "release", "ready_for_council", "accept",
    "change_award", "reject", "hold_line", "release_line", "send", "answer", "publish")]
OBJECTS = {"api_pk": lambda world: _ANY, "api_code": lambda world: {"code": "K7QF2M9X"},
           "api_form": lambda world: {"form": "0603"}}
