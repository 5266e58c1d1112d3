from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    """Kinds of units that take part in emulation work (loại đơn vị)."""

    PEOPLES_COMMITTEE = "peoples_committee", _("Provincial People's Committee")
    DEPARTMENT = "department", _("Department or agency")
    MASS_ORGANISATION = "mass_organisation", _("Mass organisation")
    COMMUNE = "commune", _("Commune, ward or special zone")
    PUBLIC_SERVICE = "public_service", _("Public service unit")
    SCHOOL = "school", _("School")
    ENTERPRISE = "enterprise", _("Enterprise")
    CENTRAL_AGENCY = "central_agency", _("Central agency based in the province")
    SUBDIVISION = "subdivision", _("Internal division")


class SuccessionKind(models.TextChoices):
    MERGE = "merge", _("Merged")
    SPLIT = "split", _("Split")


class GroupKind(models.TextChoices):
    """Cụm thi đua (by geography) or khối thi đua (by function)."""

    CLUSTER = "cluster", _("Emulation cluster")
    BLOCK = "block", _("Emulation block")


class GroupRole(models.TextChoices):
    HEAD = "head", _("Head unit")
    DEPUTY = "deputy", _("Deputy head unit")
    MEMBER = "member", _("Member")


class CouncilLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    UNIT = "unit", _("Unit")


class CouncilRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice-chair")
    STANDING_MEMBER = "standing_member", _("Standing member")
    MEMBER = "member", _("Member")
    SECRETARY = "secretary", _("Secretary")
