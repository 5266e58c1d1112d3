"""The demo hook: dossiers of the demo clerks in several states, and their removal with the files."""

import pytest

from tdkt.accounts.enums import Role
from tdkt.dossiers import demo
from tdkt.dossiers.models import Dossier, DossierDocument
from tests.factories import make_person, make_unit, make_user

pytestmark = pytest.mark.django_db


def test_load_and_wipe_demo(world):
    unit = make_unit("Sở Y tế (mẫu)", code="P15-SYT")
    make_user("vanthu.soyte", role=Role.UNIT_CLERK, unit=unit)
    for index in range(12):
        make_person(f"Người mẫu {index:02d}", unit=unit)
    message = demo.load_demo(2026)
    states = dict(Dossier.objects.filter(unit=unit).values_list("title", "state"))
    assert sorted(states.values()) == ["draft", "ready_for_council", "returned", "submitted"]
    assert message == ("Hồ sơ đề nghị: 4 hồ sơ mẫu (Dự thảo, Sẵn sàng trình Hội đồng, Trả lại để bổ sung, "
                       "Đã gửi).")
    files = list(DossierDocument.objects.filter(dossier__unit=unit))
    assert len(files) == 4 * 2 + 2 + 2 + 3 + 3
    storage = files[0].file.storage
    assert demo.wipe_demo() == 4
    assert not Dossier.objects.filter(unit=unit).exists()
    assert not storage.exists(files[0].file.name)


def test_load_demo_without_accounts_says_so(db):
    assert demo.load_demo(2026) == ("Hồ sơ đề nghị: bỏ qua (chưa có tài khoản mẫu chuyenvien, vanthu.soyte, "
                                    "vanthu.xa).")
