"""The emulation registration's state machine (tdkt.workflow): draft → submitted → signed, declared once here.

A unit's clerks and leaders (and the province-wide writers) submit their unit's registration (with the reason
when it is late); the unit's leader signs it, and only then does it count. The domain functions are
tdkt.movements.registrations.submit_registration and sign_registration."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.scope import get_scope
from tdkt.movements.enums import RegistrationState
from tdkt.movements.models import Registration, RegistrationStateChange
from tdkt.movements.queries import get_registration_for_user
from tdkt.movements.registration_rules import is_leader_of
from tdkt.workflow.machine import StateMachine, transition

S = RegistrationState


def writes_for_unit(user, registration) -> bool:
    return get_scope(user).can_write_unit(registration.unit_id)


def leads_unit(user, registration) -> bool:
    return is_leader_of(user, registration.unit_id)


def _agenda_registrations(user):
    """The home's registrations: those of the units the user is a clerk or leader of (the standing body may
    submit for a unit, but nothing waits for it there)."""
    return (Registration.objects.select_related("unit", "movement")
            .filter(unit_id__in=get_scope(user).writable_unit_ids).order_by("pk"))


def _get_for_user(user, pk, write=True):
    return get_registration_for_user(user, pk, write=write)


REGISTRATION_MACHINE = StateMachine(
    name="registration",
    label=_("emulation registration"),
    model=Registration,
    states=RegistrationState,
    history_model=RegistrationStateChange,
    history_owner="registration",
    actors={"unit": writes_for_unit, "leader": leads_unit},
    initial=S.DRAFT,
    get_for_user=_get_for_user,
    # the home's agenda: the predicates read the unit only (asked once per unit)
    visible_to=lambda user: _agenda_registrations(user),
    url_of=lambda registration: reverse("movements:registration", args=[registration.pk]),
    title_of=lambda registration: f"{registration.year} — {registration.movement or _('year-round emulation')}",
    agenda_key=lambda registration: registration.unit_id,
    unit_of=lambda registration: registration.unit.name,
    audit_exclude=frozenset({"submitted_by", "submitted_at", "signed_by", "signed_at"}),
    raced_message=_("This registration has already been submitted."),
    docs="movements.md",
    transitions=[
        transition("submit", _("Submit the registration"), {S.DRAFT}, S.SUBMITTED, "unit",
                   form_url="movements:registration_submit",
                   description=_("Sent to the standing body; it can no longer be changed. A registration sent "
                                 "after the due date records its delay in working days and needs a reason.")),
        transition("sign", _("Sign the registration"), {S.SUBMITTED}, S.SIGNED, "leader",
                   form_url="movements:registration_sign",
                   description=_("The unit's leader confirms the registration; only a signed registration "
                                 "counts.")),
    ],
)

# The domain functions of these transitions (@...implements) register when their module is loaded; it imports
# this one, so it comes last, once the machines are declared (tdkt.workflow autodiscovers `transitions`).
from tdkt.movements import registrations  # noqa: E402, F401
