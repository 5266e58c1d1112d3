"""The training register's domain functions: trainees, attendance, results, states, certificates, plan tasks."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from tdkt.audit.models import AuditEvent
from tdkt.plans.enums import TaskKind
from tdkt.training import services
from tdkt.training.enums import TrainingState
from tdkt.training.models import Attendance, Trainee, TrainingStateChange
from tdkt.training.queries import task_progress
from tests.factories import make_person
from tests.plans.support import make_plan, make_task
from tests.training.support import DAY1, DAY2, held_training, make_training

SEED_TASK = "Tổ chức các lớp tập huấn về TĐKT theo kế hoạch năm 2026 (06 lớp)."


def test_a_class_gets_one_attendance_sheet_per_day(world):
    training = make_training(world, starts_on=DAY1, ends_on=DAY1 + datetime.timedelta(days=2))
    assert [s.on for s in training.sessions.all()] == [DAY1, DAY2, DAY1 + datetime.timedelta(days=2)]
    assert training.state == TrainingState.PLANNED
    assert AuditEvent.objects.filter(object_id=str(training.pk), action="create").count() == 1


def test_dates_out_of_order_are_refused_naming_both(world):
    with pytest.raises(ValidationError, match="02/03/2026.*03/03/2026"):
        make_training(world, starts_on=DAY2, ends_on=DAY1)


def test_a_clerk_cannot_organise_for_another_unit(world):
    with pytest.raises(ValidationError, match="không được tổ chức lớp cho đơn vị này"):
        make_training(world, organiser=world.unit_b)


def test_a_clerk_adds_a_person_of_another_unit_refused_and_nothing_saved(world):
    training = make_training(world, targets=[world.unit_a, world.unit_b])
    with pytest.raises(PermissionDenied, match="Bạn chỉ được thêm người thuộc đơn vị của mình vào lớp."):
        services.enrol(training, [world.person_a, world.person_b], by=world.users["clerk_a"])
    assert Trainee.objects.count() == 0


def test_a_target_units_clerk_adds_his_own_people_to_the_provincial_class(world):
    training = make_training(world, by="specialist", organiser=world.home_affairs, targets=[world.unit_a, world.unit_b])
    added = services.enrol(training, [world.person_b], by=world.users["clerk_b"])
    assert [(t.person_id, t.unit_id) for t in added] == [(world.person_b.pk, world.unit_b.pk)]
    with pytest.raises(PermissionDenied, match="thuộc đơn vị của mình"):
        services.enrol(training, [world.person_a], by=world.users["clerk_b"])


def test_a_person_enrolled_twice_is_refused_by_name(world):
    training = make_training(world)
    services.enrol(training, [world.person_a], by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match="Dòng 1: Nguyễn Văn An đã là học viên của lớp này."):
        services.enrol(training, [world.person_a], by=world.users["clerk_a"])


def test_attendance_marks_the_ticked_present_and_the_others_absent(world):
    training = make_training(world)
    a, child = services.enrol(training, [world.person_a, world.person_a_child], by=world.users["clerk_a"])
    session = training.sessions.get(on=DAY1)
    services.record_attendance(session, [a.pk], by=world.users["clerk_a"])
    assert dict(Attendance.objects.values_list("trainee_id", "present")) == {a.pk: True, child.pk: False}
    services.record_attendance(session, [a.pk, child.pk], by=world.users["clerk_a"])  # corrected: replaced
    assert dict(Attendance.objects.values_list("trainee_id", "present")) == {a.pk: True, child.pk: True}
    session.refresh_from_db()
    assert session.recorded_by == world.users["clerk_a"]


def test_attendance_of_a_day_to_come_is_refused(world):
    training = make_training(world)
    services.enrol(training, [world.person_a], by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match="Ngày 03/03/2026 chưa đến."):
        services.record_attendance(training.sessions.get(on=DAY2), [], by=world.users["clerk_a"],
                                   today=DAY1)


def test_attendance_of_a_stranger_is_refused(world):
    training = make_training(world)
    services.enrol(training, [world.person_a], by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match="Không phải học viên của lớp này: 987654."):
        services.record_attendance(training.sessions.get(on=DAY1), [987654], by=world.users["clerk_a"])
    assert Attendance.objects.count() == 0


def test_only_the_organiser_records_attendance(world):
    training = make_training(world, by="specialist", organiser=world.home_affairs, targets=[world.unit_b])
    services.enrol(training, [world.person_b], by=world.users["clerk_b"])
    with pytest.raises(PermissionDenied, match="Chỉ cán bộ của đơn vị tổ chức"):
        services.record_attendance(training.sessions.get(on=DAY1), [], by=world.users["clerk_b"])


def test_a_class_is_held_only_with_an_attendance_sheet(world):
    training = make_training(world)
    with pytest.raises(ValidationError, match="Hãy ghi điểm danh ít nhất một ngày trước."):
        services.TRAINING_MACHINE.perform(training, "hold", by=world.users["clerk_a"])


def test_closing_needs_every_result_then_numbers_the_passed(world):
    training = held_training(world)
    a, child = training.trainees.order_by("id")
    user = world.users["clerk_a"]
    with pytest.raises(ValidationError, match=r"còn thiếu 2"):
        services.close_training(training, by=user)
    services.record_results(training, {a.pk: ("passed", 8.5), child.pk: ("not_passed", None)}, by=user)
    services.close_training(training, by=user)
    training.refresh_from_db()
    assert training.state == TrainingState.CLOSED
    a.refresh_from_db()
    child.refresh_from_db()
    assert (a.certificate_number, child.certificate_number) == ("001/GCN-TH 2026", "")
    change = TrainingStateChange.objects.get(training=training, to_state="closed")
    assert change.extra == {"certificates_issued": 1}


def test_certificate_numbers_run_on_across_classes_of_the_year(world):
    user = world.users["clerk_a"]
    for _round in range(2):
        training = held_training(world, [world.person_a])
        trainee = training.trainees.get()
        services.record_results(training, {trainee.pk: ("passed", None)}, by=user)
        services.close_training(training, by=user)
    assert list(Trainee.objects.order_by("id").values_list("certificate_number", flat=True)) == [
        "001/GCN-TH 2026", "002/GCN-TH 2026"]


@override_settings(TRAINING_CERTIFICATES=False)
def test_no_certificate_when_the_province_issues_none(world):
    training = held_training(world, [world.person_a])
    trainee = training.trainees.get()
    services.record_results(training, {trainee.pk: ("passed", None)}, by=world.users["clerk_a"])
    services.close_training(training, by=world.users["clerk_a"])
    trainee.refresh_from_db()
    assert (trainee.certificate_number, trainee.certificate_seq) == ("", None)


def test_a_bad_score_is_refused_naming_the_row_and_nothing_saved(world):
    training = held_training(world)
    a, child = training.trainees.order_by("id")
    with pytest.raises(ValidationError, match="Dòng 2 \\(Đặng Thị Đào\\): điểm phải từ 0 đến 100."):
        services.record_results(training, {a.pk: ("passed", 9), child.pk: ("passed", 101)}, by=world.users["clerk_a"])
    assert list(Trainee.objects.values_list("result", flat=True)) == ["", ""]


def test_a_closed_class_takes_no_more_trainees(world):
    training = held_training(world, [world.person_a])
    trainee = training.trainees.get()
    services.record_results(training, {trainee.pk: ("passed", None)}, by=world.users["clerk_a"])
    services.close_training(training, by=world.users["clerk_a"])
    with pytest.raises(ValidationError, match="Lớp đã kết thúc: không thể thay đổi nữa."):
        services.enrol(training, [world.person_a_child], by=world.users["clerk_a"])


def test_cancelling_needs_a_reason(world):
    training = make_training(world)
    with pytest.raises(ValidationError, match="Hãy ghi lý do"):
        services.TRAINING_MACHINE.perform(training, "cancel", by=world.users["clerk_a"])
    services.TRAINING_MACHINE.perform(training, "cancel", by=world.users["clerk_a"], reason="Hoãn do bão")
    training.refresh_from_db()
    assert training.state == TrainingState.CANCELLED


def test_a_task_of_six_classes_links_six_and_counts_the_held(world):
    task = make_task(make_plan(), SEED_TASK, kind=TaskKind.TRAINING, lead=[world.home_affairs])
    classes = [make_training(world, by="specialist", organiser=world.home_affairs, plan_task=task,
                             topic=f"Lớp {n}") for n in range(1, 7)]
    with pytest.raises(ValidationError, match="Nhiệm vụ của kế hoạch dự kiến 6 lớp và đã có 6 lớp gắn với nhiệm vụ."):
        make_training(world, by="specialist", organiser=world.home_affairs, plan_task=task, topic="Lớp 7")
    person = make_person("Lò Văn Minh", unit=world.home_affairs)
    user = world.users["specialist"]
    for training in classes[:4]:
        services.enrol(training, [person], by=user)
        services.record_attendance(training.sessions.get(on=DAY1), [training.trainees.get().pk], by=user)
        services.TRAINING_MACHINE.perform(training, "hold", by=user)
    progress = task_progress(task)
    assert (progress.planned, progress.held, progress.linked) == (6, 4, 6)
    services.TRAINING_MACHINE.perform(classes[5], "cancel", by=user, reason="Gộp với lớp 5")
    make_training(world, by="specialist", organiser=world.home_affairs, plan_task=task, topic="Lớp thay thế")
    assert task_progress(task).linked == 7


def test_only_a_training_task_is_linked(world):
    task = make_task(make_plan(), "Họp Hội đồng TĐKT tỉnh", kind=TaskKind.COUNCIL_MEETING)
    with pytest.raises(ValidationError, match="không phải nhiệm vụ tập huấn"):
        make_training(world, by="specialist", organiser=world.home_affairs, plan_task=task)
