from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tdkt.accounts.enums import Role
from tdkt.accounts.user_rules import grantable_roles
from tdkt.lib.forms import DateInput
from tdkt.orgs.models import Council, EmulationGroup
from tdkt.orgs.pickers import UnitField

ACTIVE_CHOICES = [("", pgettext_lazy("filter", "Active and inactive")), ("yes", pgettext_lazy("account", "Active")),
                  ("no", pgettext_lazy("account", "Inactive"))]


class UserFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=100)
    role = forms.ChoiceField(label=_("Role"), required=False,
                             choices=[("", pgettext_lazy("filter", "All roles")), *Role.choices])
    active = forms.ChoiceField(label=pgettext_lazy("account", "State"), required=False, choices=ACTIVE_CHOICES)


class UserDetailsForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200,
                                help_text=_("Family name first, as on the citizen ID: “Nguyễn Thị Lan”."))
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=20)


class UserCreateForm(UserDetailsForm):
    username = forms.CharField(label=_("User name"), max_length=150,
                               help_text=_("What the person types to sign in, e.g. “vanthu.xaphonghai”."))
    role = forms.ChoiceField(label=_("Role"), required=False)
    unit = UnitField(label=_("Unit"), required=False)
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DateInput())

    field_order = ["full_name", "username", "email", "phone", "role", "unit", "valid_from"]

    def __init__(self, *args, actor, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "—"), *grantable_roles(actor)]
        self.fields["unit"].queryset = units


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))
    unit = UnitField(label=_("Unit"))
    council = forms.ModelChoiceField(label=_("Council"), required=False, queryset=Council.objects.none(),
                                     help_text=_("For council members and secretaries."))
    emulation_group = forms.ModelChoiceField(label=_("Emulation group"), required=False,
                                             queryset=EmulationGroup.objects.none(),
                                             help_text=_("For the head of an emulation group."))
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DateInput(),
                                 help_text=_("Empty: from today."))
    valid_to = forms.DateField(label=_("Valid to"), required=False, widget=DateInput(),
                               help_text=_("Empty: until the role is ended."))

    def __init__(self, *args, actor, units, province_wide, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = grantable_roles(actor)
        self.fields["unit"].queryset = units
        if province_wide:
            self.fields["council"].queryset = Council.objects.order_by("name")
            self.fields["emulation_group"].queryset = EmulationGroup.objects.order_by("name")
        else:  # a leader grants only his clerks' seats: no council, no group
            del self.fields["council"], self.fields["emulation_group"]


class EndMembershipForm(forms.Form):
    on = forms.DateField(label=_("Last day"), required=False, widget=DateInput(),
                         help_text=_("Empty: the role ends now."))
