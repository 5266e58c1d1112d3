"""The history import's initiatives reach the register at its commit (not at the next daily adopt_initiatives),
with their authors in equal shares, and the daily run then adds nothing; a second import of the same file
adds nothing either."""

from django.core.management import call_command

from tdkt.audit.models import AuditEvent
from tdkt.awards.imports.models import BatchState
from tdkt.awards.models import Initiative
from tdkt.initiatives.enums import WorkKind, WorkState
from tdkt.initiatives.models import Work, WorkStateChange
from tests.awards.import_support import INITIATIVE_HEADER, import_all

AN = ["Nguyễn Văn An", "04/03/1985", "Sở Y tế"]  # person_a of the world fixture


def test_imported_initiatives_are_in_the_register_at_commit_and_the_daily_run_adds_nothing(world, capsys):
    specialist = world.users["specialist"]
    rows = [INITIATIVE_HEADER, AN + ["Số hóa hồ sơ bệnh án", 2023, "Cấp tỉnh", "5/QĐ-UBND"],
            ["Lò Văn Nam", "1990", "BVDK", "Số hóa hồ sơ bệnh án", 2023, "Cấp tỉnh", "5/QĐ-UBND"],
            ["Lò Văn Nam", "1990", "BVDK", "Quy trình cấp phát thuốc", 2024, "Cơ sở", "9/QĐ-SYT"]]
    batch = import_all(specialist, world.unit_a, rows, kind="initiatives")
    assert batch.state == BatchState.COMMITTED
    works = list(Work.objects.order_by("title").values_list("title", "kind", "state", "scope", "year",
                                                            "decision_number", "unit__name"))
    assert works == [("Quy trình cấp phát thuốc", WorkKind.INITIATIVE, WorkState.RECOGNISED, "CO_SO", 2024,
                      "9/QĐ-SYT", "Bệnh viện Đa khoa tỉnh"),
                     ("Số hóa hồ sơ bệnh án", WorkKind.INITIATIVE, WorkState.RECOGNISED, "TINH", 2023, "5/QĐ-UBND",
                      "Sở Y tế")]
    digitised = Work.objects.get(title="Số hóa hồ sơ bệnh án")
    assert digitised.record == Initiative.objects.get(title="Số hóa hồ sơ bệnh án")
    assert list(digitised.authors.values_list("person__full_name", "share")) == [
        ("Nguyễn Văn An", 50), ("Lò Văn Nam", 50)]
    assert "lo van nam" in digitised.search_text
    change = WorkStateChange.objects.get(work=digitised)
    assert (change.from_state, change.to_state, change.by_id) == ("", WorkState.RECOGNISED, specialist.pk)
    assert change.reason == f"Đưa vào sổ từ lịch sử khen thưởng (lô nhập lịch sử khen thưởng {batch.pk})."
    assert digitised.state_changed_at is not None
    audit = AuditEvent.objects.get(object_type="initiatives.work", object_id=str(digitised.pk))
    assert (audit.action, audit.actor_id, audit.changes["after"]["record"]) == (
        "create", specialist.pk, digitised.record_id)

    call_command("adopt_initiatives")
    assert capsys.readouterr().out.strip() == "0"
    assert Work.objects.count() == 2 and Initiative.objects.count() == 2

    again = import_all(specialist, world.unit_a, rows, kind="initiatives")
    assert again.state == BatchState.COMMITTED
    assert (Work.objects.count(), Initiative.objects.count()) == (2, 2)
