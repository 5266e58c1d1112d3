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


class AuthorityKind(models.TextChoices):
    """Who decides an award (thẩm quyền quyết định khen thưởng), law.md §4.1 after 1/7/2025."""

    STATE_PRESIDENT = "state_president", _("State President")  # Chủ tịch nước (NĐ152 Đ38, 40, 41)
    PRIME_MINISTER = "prime_minister", _("Prime Minister")  # Thủ tướng Chính phủ (NĐ152 Đ36–37, 42)
    PROVINCE_CHAIR = "province_chair", _("Chairman of the provincial People's Committee")  # NĐ152 Đ6.2.b
    AGENCY_HEAD = "agency_head", _("Head of a department, agency or unit")  # Luật Đ80.1
    COMMUNE_CHAIR = "commune_chair", _("Chairman of the commune People's Committee")  # NĐ129 Đ59
    ENTERPRISE_HEAD = "enterprise_head", _("Head of an enterprise or cooperative")  # Luật Đ80.4


# Authorities above the province: the province proposes, they decide (khen cao).
CENTRAL_AUTHORITY_KINDS = frozenset({AuthorityKind.STATE_PRESIDENT, AuthorityKind.PRIME_MINISTER})
# Authorities below the province that run their own rounds (cấp cơ sở).
GRASSROOTS_AUTHORITY_KINDS = frozenset({AuthorityKind.AGENCY_HEAD, AuthorityKind.COMMUNE_CHAIR,
                                        AuthorityKind.ENTERPRISE_HEAD})


class SignerRank(models.TextChoices):
    """The signer's post in the authority on the signing date: it decides the signature block
    (Decree 30/2020 Điều 13; document-format.md)."""

    HEAD = "head", _("Head (signs in his own name)")  # Chủ tịch, Giám đốc
    DEPUTY = "deputy", _("Deputy (signs KT.)")  # Phó Chủ tịch, Phó Giám đốc
    ACTING = "acting", _("Acting head (signs Q.)")  # Quyền Giám đốc
