"""What a token may do (its scopes), and which scopes a user's roles allow.

A token's scopes narrow what its user may do; they never widen it: every endpoint still fetches through the
user's scope (tdkt.accounts.scope), so a `read:persons` token of a unit clerk reads that unit's people only.
The roles → scopes table is ours (no legal text sets it): the standing body and the administrator get every
scope; unit officers read and write their dossiers; council members and signers read."""

from django.utils.translation import gettext_lazy as _

from tdkt.accounts.enums import PERSONAL_DATA_ROLES, PROVINCE_WIDE_ROLES, UNIT_ROLES, Role

READ_UNITS = "read:units"
READ_PERSONS = "read:persons"
READ_AWARDS = "read:awards"
READ_DECISIONS = "read:decisions"
READ_DOSSIERS = "read:dossiers"
READ_STATISTICS = "read:statistics"
WRITE_DOSSIERS = "write:dossiers"
WRITE_CONSULTATIONS = "write:consultations"
WRITE_DECISIONS = "write:decisions"
WRITE_WORKFLOW = "write:workflow"

SCOPES = {
    READ_UNITS: _("Read units and their administrative codes"),
    READ_PERSONS: _("Read persons (personal data only within the user's scope)"),
    READ_AWARDS: _("Read award records and certificate verification"),
    READ_DECISIONS: _("Read issued decisions, their lines and documents"),
    READ_DOSSIERS: _("Read nomination dossiers"),
    READ_STATISTICS: _("Read the statutory statistical forms of the user's units"),
    WRITE_DOSSIERS: _("Create and change nomination dossiers and their lines"),
    WRITE_CONSULTATIONS: _("Send and answer consultations, publish public notices"),
    WRITE_DECISIONS: _("Take the actions of decisions"),
    WRITE_WORKFLOW: _("Take the actions of the other workflows (plans, movements, council…)"),
}
READ_SCOPES = frozenset(scope for scope in SCOPES if scope.startswith("read:"))

# Workflow actions (/api/v1/{machine}/{pk}/actions): the scope each machine's actions need.
MACHINE_SCOPES = {
    "dossier": WRITE_DOSSIERS, "nomination": WRITE_DOSSIERS,
    "consultation_request": WRITE_CONSULTATIONS, "inbound_consultation": WRITE_CONSULTATIONS,
    "public_notice": WRITE_CONSULTATIONS, "decision": WRITE_DECISIONS,
}


def machine_scope(machine_name: str) -> str:
    return MACHINE_SCOPES.get(machine_name, WRITE_WORKFLOW)


def allowed_scopes(roles) -> frozenset:
    """Every scope the roles allow (a token can hold no other)."""
    roles = frozenset(roles)
    if roles & PROVINCE_WIDE_ROLES:
        return frozenset(SCOPES)
    # read:statistics as the forms' screens: every member reads the forms of the own units (404 for another's).
    allowed = {READ_UNITS, READ_AWARDS, READ_DECISIONS, READ_DOSSIERS, READ_STATISTICS} if roles else set()
    if roles & PERSONAL_DATA_ROLES:
        allowed.add(READ_PERSONS)
    if roles & UNIT_ROLES:
        # a unit's dossiers, its own rounds and decisions; a consulted agency answers through its unit's officers
        allowed |= {WRITE_DOSSIERS, WRITE_CONSULTATIONS, WRITE_DECISIONS, WRITE_WORKFLOW}
    if roles & {Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY, Role.SIGNER, Role.GROUP_HEAD}:
        allowed.add(WRITE_WORKFLOW)  # ballots, meetings, a group's scoring
    if Role.SIGNER in roles:
        allowed.add(WRITE_DECISIONS)
    return frozenset(allowed)


def default_scopes(roles) -> frozenset:
    """What `create_api_token` grants without --scope: the read scopes the roles allow."""
    return allowed_scopes(roles) & READ_SCOPES
