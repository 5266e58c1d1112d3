from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tdkt.lib.forms import EARLIEST_YEAR
from tdkt.lib.vntext import fold, normalize
from tdkt.people.enums import Gender, PersonCategory, PersonGroup
from tdkt.people.validators import validate_national_id, validate_national_id_matches_birth


class NationalIdField(models.CharField):
    """CharField without the generic length validator: validate_national_id gives the precise message."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators[:] = [v for v in self.validators if not isinstance(v, MaxLengthValidator)]


class Person(models.Model):
    """A person who can be nominated or awarded (cá nhân)."""

    full_name = models.CharField(_("full name"), max_length=200)
    # Lower-case, diacritic-free copy used for search: "Nguyễn Văn Đạt" -> "nguyen van dat".
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    ethnicity = models.CharField(_("ethnicity"), max_length=50, blank=True)
    position = models.CharField(_("position"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="people"
    )
    category = models.CharField(_("category"), max_length=20, choices=PersonCategory.choices)
    national_id = NationalIdField(
        _("citizen ID"), max_length=16, null=True, blank=True, unique=True, validators=[validate_national_id]
    )
    # The statistical person group (tdkt.people.groups): blank until an officer confirms it; never defaulted.
    statistical_group = models.CharField(_("statistical group"), max_length=20, choices=PersonGroup.choices,
                                         blank=True)
    group_confirmed_at = models.DateTimeField(_("group confirmed at"), null=True, blank=True, editable=False)
    group_confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("group confirmed by"), null=True,
                                           blank=True, editable=False, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # For incremental sync through the API (/api/v1/persons?updated_since=…); queryset.update() does not touch it.
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, null=True)
    # Set when this row was found to be a duplicate and merged (tdkt.people.duplicates.merge_persons):
    # its records moved to that person; the row is kept for the audit trail and hidden from lists.
    merged_into = models.ForeignKey(
        "self", verbose_name=_("merged into"), null=True, blank=True, editable=False,
        on_delete=models.PROTECT, related_name="merged_persons",
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name_folded", "id"]
        indexes = [models.Index(fields=["updated_at", "id"], name="person_updated")]
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True) | Q(birth_year__gte=1900), name="person_birth_year_sane"
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        # Derived columns only: no workflow here.
        self.full_name = normalize(self.full_name)
        self.name_folded = fold(self.full_name)
        if self.birth_date:
            self.birth_year = self.birth_date.year
        if self.national_id == "":
            self.national_id = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "full_name" in update_fields:
            kwargs["update_fields"] = set(update_fields) | {"name_folded"}
        super().save(*args, **kwargs)

    def clean(self):
        today = timezone.localdate()
        if self.birth_date and self.birth_date.year < EARLIEST_YEAR:
            raise ValidationError({"birth_date": _("The date of birth must be in %(year)d or later.") % {
                "year": EARLIEST_YEAR}})
        if self.birth_year and self.birth_year < EARLIEST_YEAR:
            raise ValidationError({"birth_year": _("The year of birth must be %(year)d or later.") % {
                "year": EARLIEST_YEAR}})
        if self.birth_date and self.birth_date > today:
            raise ValidationError({"birth_date": _("The date of birth cannot be in the future.")})
        if self.birth_year and self.birth_year > today.year:
            raise ValidationError({"birth_year": _("The year of birth cannot be in the future.")})
        if self.birth_date and self.birth_year and self.birth_date.year != self.birth_year:
            raise ValidationError({"birth_year": _("The year of birth does not match the date of birth.")})

    def check_national_id_against_birth(self) -> None:
        """The year of birth the citizen ID states is the person's, when both are known. Called where an officer
        types or imports them (PersonForm, the people import), who can correct either value; not in clean(), so
        rows stored before this check are not refused on an unrelated change made by a service."""
        if self.national_id:
            try:
                validate_national_id_matches_birth(self.national_id, self.birth_year or (
                    self.birth_date.year if self.birth_date else None))
            except ValidationError as exc:
                raise ValidationError({"national_id": exc.messages}) from exc


class Household(models.Model):
    """A household that can receive "Gia đình văn hóa" (hộ gia đình)."""

    head_name = models.CharField(_("head of household"), max_length=200)
    name_folded = models.CharField(max_length=200, editable=False, db_index=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    village = models.CharField(_("village / residential group"), max_length=120, blank=True)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("commune or ward"), on_delete=models.PROTECT, related_name="households"
    )

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["name_folded", "id"]

    def __str__(self):
        return _("Household of %(name)s") % {"name": self.head_name}

    def save(self, *args, **kwargs):
        self.head_name = normalize(self.head_name)
        self.name_folded = fold(self.head_name)
        super().save(*args, **kwargs)
