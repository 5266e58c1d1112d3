"""Job kinds registered by the jobs tests, and a switch to take access away from a user."""

from django.core.exceptions import ValidationError

from tdkt.jobs import registry

REVOKED: set[int] = set()  # user ids that lost access to the test jobs' data
CALLS: list[int] = []  # job ids in the order their run() was called
FLAKY_FAILURES: dict[int, int] = {}  # job id -> failures still to come


def can_access(user, params):
    return user.is_authenticated and user.pk not in REVOKED


def run_report(job, progress):
    CALLS.append(job.pk)
    rows = job.params.get("rows", 3)
    progress.set_total(rows)
    path = progress.result_path("bao-cao.csv")
    with path.open("w", encoding="utf-8") as out:
        for number in range(1, rows + 1):
            out.write(f"{number};Nguyễn Văn An\n")
            progress.advance()


def run_refuse(job, progress):
    CALLS.append(job.pk)
    raise ValidationError("Tệp không đúng mẫu: thiếu cột Họ và tên.")


def run_boom(job, progress):
    CALLS.append(job.pk)
    raise RuntimeError("disk on fire")


def run_flaky(job, progress):
    CALLS.append(job.pk)
    progress.set_total(2)
    progress.advance()  # a sign of life before failing: the retry must not depend on the claim's heartbeat
    if FLAKY_FAILURES.get(job.pk, 0) > 0:
        FLAKY_FAILURES[job.pk] -= 1
        raise RuntimeError("connection reset")
    progress.set_link("/awards/")


KINDS = {
    "tests.report": {"title": "Báo cáo thử", "run": run_report, "retry_safe": True},
    "tests.refuse": {"title": "Nhập thử", "run": run_refuse},
    "tests.boom": {"title": "Tác vụ hỏng", "run": run_boom},
    "tests.flaky": {"title": "Tác vụ chập chờn", "run": run_flaky, "retry_safe": True},
    "tests.slow": {"title": "Tác vụ chậm", "run": run_report, "time_limit": 60},
}


def register_test_kinds():
    REVOKED.clear()
    CALLS.clear()
    FLAKY_FAILURES.clear()
    for kind, options in KINDS.items():
        registry.register(kind, can_access=can_access, **options)


def unregister_test_kinds():
    for kind in KINDS:
        registry.unregister(kind)
