from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """Roles a user holds through a membership (vai trò)."""

    SYSTEM_ADMIN = "system_admin", _("System administrator")
    PROVINCE_SPECIALIST = "province_specialist", _("Province specialist (standing body)")
    UNIT_CLERK = "unit_clerk", _("Unit clerk")
    UNIT_LEADER = "unit_leader", _("Unit leader")
    COUNCIL_MEMBER = "council_member", _("Council member")
    COUNCIL_SECRETARY = "council_secretary", _("Council secretary")
    SIGNER = "signer", _("Signer (chairman / vice-chairman)")
    GROUP_HEAD = "group_head", _("Emulation group head")


# Named groups reused by scoping and rules.
PROVINCE_WIDE_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.PROVINCE_SPECIALIST})
READ_ALL_ROLES = PROVINCE_WIDE_ROLES | {Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY, Role.SIGNER}
UNIT_ROLES = frozenset({Role.UNIT_CLERK, Role.UNIT_LEADER})
# Roles that must use a second factor (TOTP) to sign in.
SECOND_FACTOR_REQUIRED_ROLES = frozenset({Role.SYSTEM_ADMIN, Role.SIGNER})
# Roles that may see full citizen IDs and birth dates of people in their scope.
PERSONAL_DATA_ROLES = PROVINCE_WIDE_ROLES | UNIT_ROLES
