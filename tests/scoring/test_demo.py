"""The demo hook: a template and an open year-end round for the group `truongcum` heads, and a clean wipe."""

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership
from tdkt.movements.scoring import demo
from tdkt.movements.scoring.models import ScoringRound, ScoringTemplate, SelfScore
from tdkt.orgs.models import EmulationGroupMembership
from tests.factories import make_group_year, make_unit, make_user


def test_load_and_wipe_demo(db):
    home = make_unit("Xã Bát Xát", code="P10-XA-01")
    members = [make_unit(f"Xã thành viên {i}", code=f"P10-XA-1{i}") for i in range(4)]
    group_year = make_group_year("Cụm thi đua số 1", head=home, members=members)
    group_year.group.code = "P10-CUM-01"
    group_year.group.save()
    make_user("truongcum", role=Role.GROUP_HEAD, unit=home, emulation_group=group_year.group)
    message = demo.load_demo(2026)
    assert message == ("Chấm điểm thi đua: Cụm thi đua số 1 có bảng 13 tiêu chí, đợt tổng kết năm 2026 đang mở, "
                       "3 đơn vị đã tự chấm.")
    scoring_round = ScoringRound.objects.get()
    assert (scoring_round.kind, scoring_round.state) == ("year_end", "open")
    assert SelfScore.objects.count() == 3 * 10
    assert not SelfScore.objects.filter(sheet__unit=home).exists()
    assert demo.load_demo(2026) == "Chấm điểm thi đua: cụm, khối mẫu đã có bảng tiêu chí."
    assert demo.wipe_demo() > 0
    assert not ScoringTemplate.objects.exists() and not SelfScore.objects.exists()
    assert EmulationGroupMembership.objects.count() == 5 and Membership.objects.count() == 1
