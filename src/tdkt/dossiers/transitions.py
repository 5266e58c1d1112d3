"""The fixed table of dossier transitions: which action moves a dossier from which states to which, and
who performs it. The workflow functions (tdkt.dossiers.workflow) check the same source states, and the
dossier page uses this table to show only the actions allowed to the person looking at it.

Consultation (hiệp y) and public posting (công khai) transitions are owned by their sub-apps and
listed here for the page only."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from tdkt.accounts.enums import PROVINCE_WIDE_ROLES, UNIT_ROLES
from tdkt.accounts.scope import get_scope
from tdkt.dossiers.enums import DossierState as S

UNIT = "unit"  # the submitting unit's clerks and leaders
PROVINCE = "province"  # the standing body's specialists (and the administrator)


@dataclass(frozen=True)
class Transition:
    action: str
    label: object
    sources: frozenset
    target: str | None  # None: the state does not change (assignment) or depends on the dossier (release)
    actor: str


def _t(action, label, sources, target, actor):
    return action, Transition(action, label, frozenset(sources), target, actor)


BEFORE_COUNCIL = {S.DRAFT, S.SUBMITTED, S.RECEIVED, S.RETURNED, S.IN_APPRAISAL, S.CONSULTATION, S.PUBLIC_POSTING,
                  S.READY_FOR_COUNCIL, S.ON_HOLD}
APPRAISAL_STATES = frozenset({S.IN_APPRAISAL, S.CONSULTATION, S.PUBLIC_POSTING})  # line decisions are taken here
HOLDABLE_STATES = frozenset({S.RECEIVED, S.IN_APPRAISAL, S.CONSULTATION, S.PUBLIC_POSTING, S.READY_FOR_COUNCIL})
ASSIGNABLE_STATES = frozenset({S.SUBMITTED, S.RECEIVED, S.IN_APPRAISAL, S.CONSULTATION, S.PUBLIC_POSTING,
                               S.READY_FOR_COUNCIL, S.ON_HOLD})

TRANSITIONS = dict([
    _t("submit", _("Submit"), {S.DRAFT}, S.SUBMITTED, UNIT),
    _t("resubmit", _("Resubmit"), {S.RETURNED}, S.SUBMITTED, UNIT),
    _t("withdraw", _("Withdraw"), BEFORE_COUNCIL, S.WITHDRAWN, UNIT),
    _t("receive", _("Receive"), {S.SUBMITTED}, S.RECEIVED, PROVINCE),
    _t("return_incomplete", _("Return as incomplete"), {S.SUBMITTED, S.RECEIVED}, S.RETURNED, PROVINCE),
    _t("assign", _("Assign a specialist"), ASSIGNABLE_STATES, None, PROVINCE),
    _t("start_appraisal", _("Start appraisal"), {S.RECEIVED}, S.IN_APPRAISAL, PROVINCE),
    _t("return_for_completion", _("Return for completion"), {S.IN_APPRAISAL}, S.RETURNED, PROVINCE),
    _t("put_on_hold", _("Put on hold"), HOLDABLE_STATES, S.ON_HOLD, PROVINCE),
    _t("release_hold", _("Release the hold"), {S.ON_HOLD}, None, PROVINCE),
    _t("mark_ready", _("Ready for the council"), APPRAISAL_STATES, S.READY_FOR_COUNCIL, PROVINCE),
])
# States from which a unit may change its dossier's header, lines and documents.
EDITABLE_BY_UNIT = frozenset({S.DRAFT, S.RETURNED})


def actor_kinds(user, dossier) -> set[str]:
    """Which sides of the table the user acts for on this dossier."""
    scope = get_scope(user)
    kinds = set()
    if scope.roles & PROVINCE_WIDE_ROLES:
        kinds.add(PROVINCE)
    if scope.roles & UNIT_ROLES and dossier.unit_id in scope.writable_unit_ids:
        kinds.add(UNIT)
    return kinds


def allowed_actions(user, dossier) -> list[Transition]:
    """The transitions this user may attempt on this dossier now, in table order."""
    kinds = actor_kinds(user, dossier)
    return [t for t in TRANSITIONS.values() if t.actor in kinds and dossier.state in t.sources]


def may(user, dossier, action: str) -> bool:
    transition = TRANSITIONS[action]
    return transition.actor in actor_kinds(user, dossier) and dossier.state in transition.sources
