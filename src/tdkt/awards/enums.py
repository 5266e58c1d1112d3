"""Choice sets of the award registry. Values are the stable codes of tdkt.eligibility.codes
(tests/awards/test_catalogue.py checks that they stay identical)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tdkt.eligibility import codes


class AwardCategory(models.TextChoices):
    TITLE = "title", _("Emulation title")  # danh hiệu thi đua
    FORM = "form", _("Form of commendation")  # hình thức khen thưởng


class AwardLevel(models.TextChoices):
    STATE = "state", _("State level")  # cấp Nhà nước
    PROVINCE = "province", _("Ministry or province level")  # cấp bộ, ban, ngành, tỉnh
    GRASSROOTS = "grassroots", _("Grassroots level")  # cấp cơ sở (units, communes)


# The level as a report's table heading writes it: document text, so always Vietnamese.
AWARD_LEVEL_HEADING = {AwardLevel.STATE: "Khen thưởng cấp Nhà nước", AwardLevel.PROVINCE: "Khen thưởng cấp tỉnh",
                       AwardLevel.GRASSROOTS: "Khen thưởng cấp cơ sở"}


class RecipientKind(models.TextChoices):
    INDIVIDUAL = codes.Recipient.INDIVIDUAL, _("individual")
    COLLECTIVE = codes.Recipient.COLLECTIVE, _("collective")
    HOUSEHOLD = codes.Recipient.HOUSEHOLD, _("household")


class AwardBasis(models.TextChoices):
    """Kind of commendation (loại hình khen thưởng, Luật Đ8)."""

    MERIT = codes.Basis.MERIT, _("Merit and achievements")
    THEMATIC = codes.Basis.THEMATIC, _("Campaign or thematic movement")
    ADHOC = codes.Basis.ADHOC, _("Ad-hoc achievement")
    DEDICATION = codes.Basis.DEDICATION, _("Process of dedication")
    SENIORITY = codes.Basis.SENIORITY, _("Length of service")
    FOREIGN = codes.Basis.FOREIGN, _("Foreign relations")
    RESISTANCE = codes.Basis.RESISTANCE, _("Resistance")


class AwardSource(models.TextChoices):
    ISSUED_HERE = "issued_here", _("Decided in the system")
    IMPORTED = "imported", _("Imported from the archive")
    EXTERNAL = "external", _("Decided by another authority")


class RatingLevel(models.TextChoices):
    """Yearly rating of task completion (xếp loại mức độ hoàn thành nhiệm vụ)."""

    HTXSNV = codes.RatingLevel.HTXSNV, _("Completed tasks excellently (HTXSNV)")
    HTTNV = codes.RatingLevel.HTTNV, _("Completed tasks well (HTTNV)")
    HTNV = codes.RatingLevel.HTNV, _("Completed tasks (HTNV)")
    KHTNV = codes.RatingLevel.KHTNV, _("Did not complete tasks (KHTNV)")


class InitiativeScope(models.TextChoices):
    """Recognised scope of effect of an initiative (phạm vi ảnh hưởng)."""

    CO_SO = codes.InitiativeScope.CO_SO, _("Grassroots")
    TINH = codes.InitiativeScope.TINH, _("Province-wide")
    TOAN_QUOC = codes.InitiativeScope.TOAN_QUOC, _("Nationwide")


class DisciplineLevel(models.TextChoices):
    """Disciplinary measure (hình thức kỷ luật), lightest first."""

    KHIEN_TRACH = codes.DisciplineLevel.KHIEN_TRACH, _("Reprimand")
    CANH_CAO = codes.DisciplineLevel.CANH_CAO, _("Warning")
    HA_BAC = codes.DisciplineLevel.HA_BAC, _("Salary downgrade")
    CACH_CHUC = codes.DisciplineLevel.CACH_CHUC, _("Dismissal from post")
    BUOC_THOI_VIEC = codes.DisciplineLevel.BUOC_THOI_VIEC, _("Forced resignation")


class CaseKind(models.TextChoices):
    """A matter under examination that freezes proposals (NĐ152 Đ4.4)."""

    COMPLAINT = "complaint", _("Complaint or denunciation")
    INSPECTION = "inspection", _("Inspection")
    INVESTIGATION = "investigation", _("Investigation")


# Named groups used by the history loader and the engine's members statistics.
COMPLETED_TASK_LEVELS = frozenset({RatingLevel.HTXSNV, RatingLevel.HTTNV, RatingLevel.HTNV})
WARNING_OR_ABOVE = frozenset(level for level in DisciplineLevel if level != DisciplineLevel.KHIEN_TRACH)


class AliasKind(models.TextChoices):
    """Where a matching name of an award type comes from."""

    NAME = "name", _("Official name")
    SHORT_NAME = "short_name", _("Short name")
    CODE = "code", _("Code")
    ALIAS = "alias", _("Other name")
