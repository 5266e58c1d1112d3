"""What the training pages show, read in a fixed number of queries (the views stay short)."""

from django.conf import settings
from django.db.models import Count, Q

from tdkt.accounts.scope import get_scope
from tdkt.people.queries import people_for_user
from tdkt.training import queries, rules
from tdkt.training.enums import OPEN_STATES
from tdkt.training.forms import ResultRowForm, TraineesForm
from tdkt.training.models import Attendance
from tdkt.training.transitions import TRAINING_MACHINE


def trainees_form(user, training, data=None):
    """The add-trainees form: a person picker over the persons the user may enrol (tdkt.training.rules.can_enrol:
    a unit clerk his own units' persons, the standing body anyone), found by search, with no cap: any person
    of a 100,000-person registry is one search away. Those already enrolled are refused by the service, named."""
    scope = get_scope(user)
    people = people_for_user(user)
    units = [] if scope.write_all else sorted(scope.writable_unit_ids)
    if not scope.write_all:
        people = people.filter(unit_id__in=units)
    return TraineesForm(data, people=people, unit_ids=units)


def trainee_rows(user, training) -> list:
    """(trainee, days present) for the trainees the user may see, in name order (two queries)."""
    trainees = list(queries.visible_trainees(user, training))
    present = dict(Attendance.objects.filter(trainee__training=training, present=True)
                   .values("trainee_id").annotate(n=Count("id")).values_list("trainee_id", "n"))
    return [(trainee, present.get(trainee.pk, 0)) for trainee in trainees]


def detail_context(user, training) -> dict:
    sessions = list(training.sessions.annotate(
        present=Count("attendance", filter=Q(attendance__present=True)), marked=Count("attendance")))
    manage = rules.can_manage(user, training)
    return {
        "training": training,
        "target_units": list(training.target_units.order_by("name")),
        "trainees": trainee_rows(user, training),
        "sessions": sessions,
        "recorded_days": sum(1 for session in sessions if session.recorded_at),
        "can_manage": manage,
        "is_open": training.state in OPEN_STATES,
        "trainees_form": trainees_form(user, training) if training.state in OPEN_STATES and get_scope(user).has_role(
            *rules.EDITORS) else None,
        "progress": queries.task_progress(training.plan_task) if training.plan_task_id else None,
        "certificates_on": settings.TRAINING_CERTIFICATES,
        "history": [(change, TRAINING_MACHINE.state_label(change.to_state))
                    for change in training.state_changes.select_related("by")],
    }


def attendance_context(training, session, error) -> dict:
    marked = dict(session.attendance.values_list("trainee_id", "present"))
    trainees = list(training.trainees.select_related("person", "unit").order_by("person__name_folded", "id"))
    return {"training": training, "session": session, "error": error,
            "rows": [(trainee, marked.get(trainee.pk, not session.recorded_at)) for trainee in trainees]}


def result_forms(training, data):
    """One small form per trainee (prefix: the trainee's id); returns ([(trainee, form)], all valid)."""
    trainees = list(training.trainees.select_related("person", "unit").order_by("person__name_folded", "id"))
    rows = [(trainee, ResultRowForm(data, prefix=f"t{trainee.pk}",
                                    initial={"result": trainee.result, "score": trainee.score}))
            for trainee in trainees]
    return rows, data is not None and all(form.is_valid() for _trainee, form in rows)


def counted_units(user):
    """The units whose counts the user may see: None (all) for province-wide readers."""
    scope = get_scope(user)
    return None if scope.read_all else scope.readable_unit_ids
