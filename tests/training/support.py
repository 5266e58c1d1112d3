"""Classes of the training register built through the domain functions, as the pages build them."""

import datetime

from tdkt.training import services

DAY1, DAY2 = datetime.date(2026, 3, 2), datetime.date(2026, 3, 3)


def make_training(world, *, by="clerk_a", organiser=None, targets=(), topic="Bồi dưỡng nghiệp vụ công tác TĐKT",
                  starts_on=DAY1, ends_on=DAY2, plan_task=None, **extra):
    return services.create_training(
        by=world.users[by], organiser=organiser or world.unit_a, target_units=list(targets), plan_task=plan_task,
        topic=topic, starts_on=starts_on, ends_on=ends_on, place=extra.pop("place", "Hội trường Sở Nội vụ"),
        lecturers=extra.pop("lecturers", "TS. Trần Văn Giảng — Ban Thi đua - Khen thưởng Trung ương"), **extra)


def held_training(world, persons=None, *, by="clerk_a"):
    """A class of unit A with its trainees, the first day's attendance recorded (all present), held."""
    training = make_training(world, by=by)
    user = world.users[by]
    services.enrol(training, persons or [world.person_a, world.person_a_child], by=user)
    trainees = list(training.trainees.order_by("id"))
    services.record_attendance(training.sessions.get(on=DAY1), [t.pk for t in trainees], by=user)
    services.TRAINING_MACHINE.perform(training, "hold", by=user)
    training.refresh_from_db()
    return training
