from django.shortcuts import render

from tdkt.accounts.access import signed_in
from tdkt.accounts.enums import PROVINCE_WIDE_ROLES
from tdkt.accounts.scope import get_scope


@signed_in
def index(request):
    """The reports hub: every report this officer may produce, for the province or for the own unit."""
    scope = get_scope(request.user)
    return render(request, "reports/index.html", {"province_wide": scope.has_role(*PROVINCE_WIDE_ROLES),
                                                  "home_unit_ids": sorted(scope.home_unit_ids)})
