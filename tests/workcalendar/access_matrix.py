"""Persona matrix rows of the workcalendar app (collected by tests/test_access_map.py).

MATRIX rows: (url name, object key or None, [specialist, clerk_a, clerk_b, council_member, anonymous]).
OBJECTS: object key -> factory(world) returning the object (its pk is the URL kwarg) or a kwargs dict."""

import datetime


def _province_day(world):
    from tdkt.workcalendar.enums import ProvinceDayKind
    from tdkt.workcalendar.models import ProvinceDay

    return ProvinceDay.objects.create(date=datetime.date(2026, 9, 4), kind=ProvinceDayKind.DAY_OFF,
                                      name="Nghỉ bù Quốc khánh của tỉnh")


def _step_limit(world):
    from tdkt.workcalendar.models import StepLimit

    return StepLimit.objects.get(step="in_appraisal")  # seeded by migration


def _dossier_call(world):
    from tdkt.dossiers.models import DossierCall

    return DossierCall.objects.create(name="Tổng kết năm 2026", year=2026, kind="year_end",
                                      cut_off=datetime.date(2026, 12, 10))


# Everyone signed in reads the calendar, the limits and the calls; only specialists change them.
# Removing a day and opening/closing a call are POST only (405 on GET once access is granted).
MATRIX = [
    ("workcalendar:year", None, [200, 200, 200, 200, 302]),
    ("workcalendar:day_add", None, [200, 403, 403, 403, 302]),
    ("workcalendar:day_remove", "province_day", [405, 403, 403, 403, 302]),
    ("workcalendar:limits", None, [200, 200, 200, 200, 302]),
    ("workcalendar:limit_edit", "step_limit", [200, 403, 403, 403, 302]),
    ("dossier_calls:calls", None, [200, 200, 200, 200, 302]),
    ("dossier_calls:call_create", None, [200, 403, 403, 403, 302]),
    ("dossier_calls:call_edit", "dossier_call", [200, 403, 403, 403, 302]),
    ("dossier_calls:call_set_open", "dossier_call", [405, 403, 403, 403, 302]),
    ("dossier_calls:overdue", None, [200, 403, 403, 403, 302]),
]
OBJECTS = {"province_day": _province_day, "step_limit": _step_limit, "dossier_call": _dossier_call}
