"""The demo hook: dossiers of the demo clerks in several states, and their removal with the files."""

import pytest

from tdkt.accounts.enums import Role
from tdkt.dossiers import demo
from tdkt.dossiers.models import Dossier, DossierDocument, DossierEvent, SendingDelegation
from tests.factories import make_person, make_unit, make_user

pytestmark = pytest.mark.django_db


def test_load_and_wipe_demo(world):
    unit = make_unit("Sở Y tế (mẫu)", code="P15-SYT")
    make_user("vanthu.soyte", role=Role.UNIT_CLERK, unit=unit)
    make_user("lanhdao.soyte", role=Role.UNIT_LEADER, unit=unit)
    commune = make_unit("Xã mẫu", code="P15-XA")
    make_user("vanthu.xa", role=Role.UNIT_CLERK, unit=commune)
    make_user("lanhdao.xa", role=Role.UNIT_LEADER, unit=commune, full_name="Chủ tịch xã mẫu")
    for index in range(12):
        make_person(f"Người mẫu {index:02d}", unit=unit)
        make_person(f"Người xã {index:02d}", unit=commune)
    message = demo.load_demo(2026)
    states = dict(Dossier.objects.filter(unit=unit).values_list("title", "state"))
    assert sorted(states.values()) == ["draft", "ready_for_council", "returned", "submitted"]
    assert message == ("Hồ sơ đề nghị: 8 hồ sơ mẫu (Dự thảo, Sẵn sàng trình Hội đồng, Trả lại để bổ sung, "
                       "Đang thẩm định, Đã gửi).")
    # the leader sends Sở Y tế's; the commune's clerk sends under the leader's delegation, on its behalf
    assert set(DossierEvent.objects.filter(dossier__unit=unit, to_state="submitted").values_list(
        "by__username", flat=True)) == {"lanhdao.soyte"}
    sent = DossierEvent.objects.filter(dossier__unit=commune, to_state="submitted")
    assert {(event.by.username, event.extra["on_behalf_of"]) for event in sent} == {("vanthu.xa", "Chủ tịch xã mẫu")}
    assert SendingDelegation.objects.get().clerk.username == "vanthu.xa"
    files = list(DossierDocument.objects.filter(dossier__unit=unit))  # the commune's are alike
    assert len(files) == 4 * 2 + 2 + 2 + 3 + 3
    storage = files[0].file.storage
    assert demo.wipe_demo() == 8
    assert not Dossier.objects.filter(unit=unit).exists()
    assert not SendingDelegation.objects.exists()
    assert not storage.exists(files[0].file.name)


def test_load_demo_without_accounts_says_so(db):
    assert demo.load_demo(2026) == ("Hồ sơ đề nghị: bỏ qua (chưa có tài khoản mẫu chuyenvien, vanthu.soyte, "
                                    "vanthu.xa).")
