"""The emulation registration's state machine (tdkt.workflow): draft → submitted, declared once here.

A unit's clerks and leaders (and the province-wide writers) submit their unit's registration; the domain
function is tdkt.movements.registrations.submit_registration."""

from django.utils.translation import gettext_lazy as _

from tdkt.accounts.scope import get_scope
from tdkt.movements.enums import RegistrationState
from tdkt.movements.models import Registration, RegistrationStateChange
from tdkt.movements.queries import get_registration_for_user
from tdkt.workflow.machine import StateMachine, transition

S = RegistrationState


def writes_for_unit(user, registration) -> bool:
    return get_scope(user).can_write_unit(registration.unit_id)


def _get_for_user(user, pk, write=True):
    return get_registration_for_user(user, pk, write=write)


REGISTRATION_MACHINE = StateMachine(
    name="registration",
    label=_("emulation registration"),
    model=Registration,
    states=RegistrationState,
    history_model=RegistrationStateChange,
    history_owner="registration",
    actors={"unit": writes_for_unit},
    initial=S.DRAFT,
    get_for_user=_get_for_user,
    audit_exclude=frozenset({"submitted_by", "submitted_at"}),
    raced_message=_("This registration has already been submitted."),
    docs="movements.md",
    transitions=[
        transition("submit", _("Submit the registration"), {S.DRAFT}, S.SUBMITTED, "unit",
                   form_url="movements:registration_submit",
                   description=_("Sent to the standing body; it can no longer be changed.")),
    ],
)

# The domain functions of these transitions (@...implements) register when their module is loaded; it imports
# this one, so it comes last, once the machines are declared (tdkt.workflow autodiscovers `transitions`).
from tdkt.movements import registrations  # noqa: E402, F401
