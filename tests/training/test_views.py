"""The training pages per persona: the other-unit trainee attack, attendance, results, certificates, the
list's fixed query count and the counts export."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from tdkt.plans.enums import TaskKind
from tdkt.training import services
from tdkt.training.models import Attendance, Trainee, Training
from tests.conftest import client_for
from tests.plans.support import make_plan, make_task
from tests.training.support import DAY1, held_training, make_training


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_clerk_creates_a_class_linked_to_the_plan_task(world):
    task = make_task(make_plan(), "Tập huấn nghiệp vụ TĐKT (02 lớp)", kind=TaskKind.TRAINING)
    response = client_for(world, "clerk_a").post(reverse("training:new"), {
        "topic": "Tập huấn viết báo cáo thành tích", "organiser": world.unit_a.pk, "starts_on": "02/03/2026",
        "ends_on": "03/03/2026", "place": "Hội trường", "lecturers": "ThS. Lê Thị Hoa", "plan_task": task.pk,
        "target_units": [world.unit_a.pk, world.unit_a_child.pk]})
    training = Training.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("training:detail", args=[training.pk])
    assert (training.topic, training.plan_task_id, training.sessions.count()) == (
        "Tập huấn viết báo cáo thành tích", task.pk, 2)
    assert sorted(training.target_units.values_list("pk", flat=True)) == sorted([world.unit_a.pk, world.unit_a_child.pk])


def test_clerk_b_cannot_pick_unit_a_as_organiser(world):
    response = client_for(world, "clerk_b").post(reverse("training:new"), {
        "topic": "Lớp", "organiser": world.unit_a.pk, "starts_on": "02/03/2026", "ends_on": "02/03/2026"})
    assert response.status_code == 200 and Training.objects.count() == 0
    assert "organiser" in response.context["form"].errors


def test_the_attack_a_clerk_posts_another_units_person(world):
    training = make_training(world, by="specialist", organiser=world.home_affairs, targets=[world.unit_a, world.unit_b])
    client = client_for(world, "clerk_a")
    page = client.get(reverse("training:detail", args=[training.pk]))
    assert world.person_b.full_name not in page.content.decode()  # not offered
    response = client.post(reverse("training:trainees_add", args=[training.pk]), {"person": [world.person_b.pk]},
                           follow=True)
    # Refused by the picker's scoped queryset, without naming the person (the service refuses him too).
    assert _messages(response) == ["Người được thêm: người đã chọn không thuộc phạm vi những người bạn được chọn."]
    assert Trainee.objects.count() == 0


def test_a_clerk_of_another_unit_does_not_reach_the_class(world):
    training = make_training(world)
    response = client_for(world, "clerk_b").post(reverse("training:trainees_add", args=[training.pk]),
                                                 {"person": [world.person_b.pk]})
    assert response.status_code == 404 and Trainee.objects.count() == 0


def test_clerk_enrols_and_records_attendance_through_the_pages(world):
    training = make_training(world)
    client = client_for(world, "clerk_a")
    client.post(reverse("training:trainees_add", args=[training.pk]),
                {"person": [world.person_a.pk, world.person_a_child.pk]})
    a, child = Trainee.objects.order_by("id")
    session = training.sessions.get(on=DAY1)
    url = reverse("training:attendance", args=[training.pk, session.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"present": [a.pk]})
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("trainee_id", "present")) == {a.pk: True, child.pk: False}
    detail = client.get(reverse("training:detail", args=[training.pk])).content.decode()
    assert f'data-session="{session.pk}"><td>02/03/2026</td><td>1/2</td>' in detail


def test_clerk_b_sees_only_his_units_trainees_of_a_provincial_class(world):
    training = make_training(world, by="specialist", organiser=world.home_affairs, targets=[world.unit_a, world.unit_b])
    services.enrol(training, [world.person_a, world.person_b], by=world.users["specialist"])
    page = client_for(world, "clerk_b").get(reverse("training:detail", args=[training.pk])).content.decode()
    assert world.person_b.full_name in page and world.person_a.full_name not in page


def test_results_page_records_and_closing_gives_a_certificate_file(world):
    training = held_training(world)
    a, child = training.trainees.order_by("id")
    client = client_for(world, "clerk_a")
    response = client.post(reverse("training:results", args=[training.pk]), {
        f"t{a.pk}-result": "passed", f"t{a.pk}-score": "9.5", f"t{child.pk}-result": "not_passed"})
    assert response.status_code == 302
    response = client.post(reverse("workflow:act", args=["training", training.pk, "close"]))
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.certificate_number == "001/GCN-TH 2026"
    file = client.get(reverse("training:certificate", args=[a.pk]))
    assert file.status_code == 200 and file["Content-Disposition"] == 'attachment; filename="giay-chung-nhan-001-2026.docx"'
    texts = [p.text for p in Document(io.BytesIO(file.content)).paragraphs]
    assert "GIẤY CHỨNG NHẬN" in texts
    assert "Chứng nhận: Ông/Bà Nguyễn Văn An" in texts
    assert ("Đã tham dự lớp Bồi dưỡng nghiệp vụ công tác TĐKT do Sở Y tế tổ chức từ ngày 02/03/2026 đến ngày "
            "03/03/2026 tại Hội trường Sở Nội vụ.") in texts
    assert "Kết quả: Đạt, điểm 9,5." in texts
    assert client.get(reverse("training:certificate", args=[child.pk])).status_code == 404  # not passed: none


def test_a_bad_result_row_is_shown_and_nothing_saved(world):
    training = held_training(world)
    a, child = training.trainees.order_by("id")
    response = client_for(world, "clerk_a").post(reverse("training:results", args=[training.pk]), {
        f"t{a.pk}-result": "passed", f"t{child.pk}-result": ""})
    assert response.status_code == 200
    assert response.context["error"] == "Dòng 2 (Đặng Thị Đào): chọn đạt hoặc không đạt."
    assert list(Trainee.objects.values_list("result", flat=True)) == ["", ""]


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("training:list")).status_code == 200
    return len(captured)


@pytest.mark.parametrize("persona", ["specialist", "clerk_a"])
def test_the_list_has_a_fixed_number_of_queries(world, persona):
    make_training(world, by="specialist", organiser=world.home_affairs, targets=[world.unit_a])
    client = client_for(world, persona)
    client.get(reverse("training:list"))  # its first page marks the session active (a write)
    one = _list_queries(client)
    for n in range(3):
        training = make_training(world, topic=f"Lớp {n}")
        services.enrol(training, [world.person_a], by=world.users["clerk_a"])
    assert _list_queries(client) == one


def test_the_list_of_a_task_shows_classes_held_against_planned(world):
    task = make_task(make_plan(), "Tổ chức các lớp tập huấn về TĐKT theo kế hoạch năm 2026 (06 lớp).",
                     kind=TaskKind.TRAINING)
    held = held_training(world)
    Training.objects.filter(pk=held.pk).update(plan_task=task)
    make_training(world, plan_task=task)
    page = client_for(world, "clerk_a").get(reverse("training:list") + f"?task={task.pk}").content.decode()
    assert '<strong id="held-count">1</strong>' in page and '<strong id="planned-count">6</strong>' in page


def test_counts_export_by_unit(world):
    training = held_training(world)
    services.enrol(training, [world.person_b], by=world.users["specialist"])
    response = client_for(world, "specialist").get(reverse("training:counts_export") + "?year=2026")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = [list(row) for row in book.active.iter_rows(values_only=True)]
    assert rows[1:] == [["TT", "Đơn vị", "Số lớp tổ chức", "Số học viên cử đi", "Số học viên có mặt", "Số học viên đạt"],
                        [1, "Bệnh viện Đa khoa tỉnh", 0, 1, 1, 0],
                        [2, "Sở Giáo dục và Đào tạo", 0, 1, 0, 0],
                        [3, "Sở Y tế", 1, 1, 1, 0],
                        [None, "Tổng cộng", 1, 3, 2, 0]]


def test_counts_page_of_clerk_b_shows_only_his_units(world):
    training = held_training(world)
    services.enrol(training, [world.person_b], by=world.users["specialist"])
    response = client_for(world, "clerk_b").get(reverse("training:counts") + "?year=2026")
    assert [(r.name, r.classes, r.trainees, r.attended) for r in response.context["rows"]] == [
        ("Sở Giáo dục và Đào tạo", 0, 1, 0)]


def test_trainee_list_export_with_attendance_results_and_certificates(world):
    training = held_training(world)
    a, child = training.trainees.order_by("id")
    user = world.users["clerk_a"]
    services.record_results(training, {a.pk: ("passed", 9.5), child.pk: ("not_passed", None)}, by=user)
    services.close_training(training, by=user)
    response = client_for(world, "clerk_a").get(reverse("training:trainees_export", args=[training.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="hoc-vien-lop-{training.pk}.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = [list(row) for row in book.active.iter_rows(values_only=True)]
    assert rows[0] == [f"Danh sách học viên lớp {training.topic}"] + [None] * 6
    assert rows[1][0] == "Thời gian: 02/03/2026 – 03/03/2026; địa điểm: Hội trường Sở Nội vụ"
    expected = sorted([(a.person, [a.person.full_name, a.unit.name, "1/1", "Đạt", 9.5, "001/GCN-TH 2026"]),
                       (child.person, [child.person.full_name, child.unit.name, "1/1", "Không đạt", None, None])],
                      key=lambda pair: (pair[0].name_folded, pair[0].pk))
    assert rows[2:] == [["TT", "Họ và tên", "Đơn vị", "Số ngày có mặt", "Kết quả", "Điểm", "Số giấy chứng nhận"]] + [
        [index, *row] for index, (_person, row) in enumerate(expected, 1)]


def test_trainee_list_export_of_a_provincial_class_keeps_to_the_clerks_units(world):
    training = make_training(world, by="specialist", organiser=world.home_affairs, targets=[world.unit_a, world.unit_b])
    services.enrol(training, [world.person_a, world.person_b], by=world.users["specialist"])
    response = client_for(world, "clerk_b").get(reverse("training:trainees_export", args=[training.pk]))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    names = [row[1] for row in book.active.iter_rows(min_row=4, values_only=True)]
    assert names == [world.person_b.full_name]
