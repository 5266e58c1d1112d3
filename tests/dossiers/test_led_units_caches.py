"""The two per-request caches of the units a user leads (dossier approvals, registration signing) do not collide.

Found by the benchmarks' load test: a page that asked the registration rule first and then the dossier
rule on the same user object answered 500 ("'frozenset' object is not subscriptable")."""

import pytest

from tdkt.accounts.enums import Role
from tdkt.dossiers import delegations
from tdkt.movements import registration_rules
from tests.factories import make_unit, make_user


@pytest.mark.django_db
@pytest.mark.parametrize("first", ["registration", "dossiers"])
def test_both_caches_on_one_user_object(first):
    unit = make_unit("Sở Y tế", code="SYT")
    leader = make_user("lanhdao.syt", role=Role.UNIT_LEADER, unit=unit)
    if first == "registration":
        assert registration_rules.led_unit_ids(leader) == frozenset({unit.pk})
        assert delegations.led_unit_ids(leader) == {unit.pk}
    else:
        assert delegations.led_unit_ids(leader) == {unit.pk}
        assert registration_rules.led_unit_ids(leader) == frozenset({unit.pk})
    assert delegations.leads_unit(leader, unit.pk) is True
    assert registration_rules.is_leader_of(leader, unit.pk) is True
