from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class PersonCategory(models.TextChoices):
    """Category of a person; awards to direct workers, farmers and minorities are tracked."""

    LEADER = "leader", _("Leader or manager")
    CIVIL_SERVANT = "civil_servant", _("Civil servant")
    PUBLIC_EMPLOYEE = "public_employee", _("Public employee")
    WORKER = "worker", _("Direct worker")
    FARMER = "farmer", _("Farmer")
    SOLDIER = "soldier", _("Soldier")
    OTHER = "other", _("Other")


class PersonGroup(models.TextChoices):
    """The five person groups of the statistical forms 0602.N/0603.N (TT 02/2023/TT-BNV; reporting.md).

    Not the registry's PersonCategory: a person's group is suggested from the position and confirmed by an
    officer (tdkt.people.groups). There is no default: an unconfirmed person is "chưa phân loại" (blank)."""

    PROVINCE_LEADER = "province_leader", _("Leader of ministry or province rank and above")
    DEPARTMENT_LEADER = "department_leader", _("Leader of department rank")
    BUSINESS = "business", _("Business person")
    MANAGER = "manager", _("Other manager, deputy head of division and above")
    DIRECT_WORKER = "direct_worker", _("Person who works directly")
