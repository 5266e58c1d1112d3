from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tdkt.accounts.enums import Role
from tdkt.lib.names import display_name, vietnamese_order


class User(AbstractUser):
    """A person who signs in (người dùng). What they may do comes from their memberships."""

    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    # Set when someone else chose the password (a new account, a reset): the holder must replace it before
    # anything else (SecondFactorMiddleware sends every page to the password change until then).
    must_change_password = models.BooleanField(_("must change the password"), default=False)
    totp_secret = models.CharField(_("TOTP secret"), max_length=64, blank=True)
    totp_confirmed_at = models.DateTimeField(_("second factor confirmed at"), null=True, blank=True)
    # Time step of the last accepted code: a code is accepted once (no replay within its window).
    totp_last_step = models.BigIntegerField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return display_name(self)

    def get_full_name(self):
        # Django's composes "first last" (Western order: "Thu Lan Nguyễn"); ours is the recorded full name or
        # the family name first (tdkt.lib.names).
        return self.full_name or vietnamese_order(self.last_name, self.first_name)

    @property
    def has_second_factor(self) -> bool:
        return bool(self.totp_secret and self.totp_confirmed_at)


class Membership(models.Model):
    """A role a user holds in a unit, a council or an emulation group (phân quyền)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    council = models.ForeignKey(
        "orgs.Council", verbose_name=_("council"), null=True, blank=True, on_delete=models.PROTECT
    )
    emulation_group = models.ForeignKey(
        "orgs.EmulationGroup", verbose_name=_("emulation group"), null=True, blank=True,
        on_delete=models.PROTECT,
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "unit"], name="membership_unique_role_unit"),
            models.CheckConstraint(
                condition=~Q(role=Role.GROUP_HEAD) | Q(emulation_group__isnull=False),
                name="membership_group_head_has_group",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.unit}"
