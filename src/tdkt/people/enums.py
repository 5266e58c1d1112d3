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
