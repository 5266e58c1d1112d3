"""send_movement_reminders: milestones and registration deadlines, by e-mail and in-app, each once."""

import datetime

from django.core.management import call_command

from tdkt.accounts.enums import Role
from tdkt.movements.enums import MilestoneKind, TargetScope
from tdkt.movements.models import Milestone, MovementParticipant, MovementReminder
from tdkt.movements.registrations import save_registration, set_registration_call, submit_registration
from tdkt.movements.reminders import send_movement_reminders
from tdkt.notifications.models import Notification
from tests.factories import make_user
from tests.movements.support import make_movement

TODAY = datetime.date(2026, 6, 25)


def _with_emails(world):
    for name in ("clerk_a", "clerk_b", "specialist"):
        user = world.users[name]
        user.email = f"{user.username}@example.invalid"
        user.save(update_fields=["email"])


def test_milestone_reminded_once_to_participants(world, mailoutbox):
    _with_emails(world)
    movement = make_movement(target_scope=TargetScope.UNITS)
    MovementParticipant.objects.create(movement=movement, unit=world.unit_b)
    milestone = Milestone.objects.create(movement=movement, kind=MilestoneKind.MIDTERM_REVIEW,
                                         on=datetime.date(2026, 6, 30), note="Hội nghị sơ kết")
    Milestone.objects.create(movement=movement, kind=MilestoneKind.FINAL_REVIEW, on=datetime.date(2026, 12, 20))
    first = send_movement_reminders(today=TODAY)
    assert (first.milestones, first.mails, first.notifications) == (1, 1, 1)
    assert mailoutbox[0].to == ["vanthu.b@example.invalid"]
    assert "30/06/2026" in mailoutbox[0].body
    assert list(Notification.objects.values_list("user__username", "key")) == [
        ("vanthu.b", f"movement-milestone:{milestone.pk}")]
    second = send_movement_reminders(today=TODAY)
    assert (second.milestones, second.mails, second.notifications) == (0, 0, 0)
    assert len(mailoutbox) == 1
    milestone.refresh_from_db()
    assert milestone.reminder_sent


def test_movement_of_everyone_reminds_the_province_specialists(world, mailoutbox):
    _with_emails(world)
    movement = make_movement()
    Milestone.objects.create(movement=movement, kind=MilestoneKind.LAUNCH, on=datetime.date(2026, 6, 26))
    send_movement_reminders(today=TODAY)
    assert mailoutbox[0].to == ["chuyenvien@example.invalid"]


def test_registration_due_soon_then_missing_each_once(world, mailoutbox):
    _with_emails(world)
    specialist = world.users["specialist"]
    set_registration_call(by=specialist, year=2026, due_on=datetime.date(2026, 6, 30))
    registration = save_registration(by=world.users["clerk_a"], unit=world.unit_a, year=2026)
    submit_registration(registration, by=world.users["clerk_a"], today=TODAY)  # unit A is done: only unit B is reminded
    result = send_movement_reminders(today=TODAY)
    assert (result.registration_reminders, [m.to for m in mailoutbox]) == (1, [["vanthu.b@example.invalid"]])
    assert send_movement_reminders(today=TODAY).registration_reminders == 0
    later = send_movement_reminders(today=datetime.date(2026, 7, 2))
    assert later.registration_reminders == 1
    assert sorted(MovementReminder.objects.values_list("kind", flat=True)) == [
        "registration_due_soon", "registration_missing"]
    assert send_movement_reminders(today=datetime.date(2026, 7, 3)).registration_reminders == 0
    assert len(mailoutbox) == 2


def test_unit_without_users_is_reminded_once_someone_is_added(world, mailoutbox):
    set_registration_call(by=world.users["specialist"], year=2026, due_on=datetime.date(2026, 6, 30))
    world.users["clerk_b"].memberships.all().delete()
    world.users["clerk_a"].memberships.all().delete()
    assert send_movement_reminders(today=TODAY).registration_reminders == 0
    make_user("vanthu.b2", role=Role.UNIT_CLERK, unit=world.unit_b)
    assert send_movement_reminders(today=TODAY).registration_reminders == 1


def test_command_runs(world, capsys):
    call_command("send_movement_reminders", "--today", "2026-06-25")
    assert "milestones=0" in capsys.readouterr().out
