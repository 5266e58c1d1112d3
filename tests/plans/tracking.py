"""A small tracked plan over the `world` units, shared by the tracking tests.

Dates: the overdue task's due date (28/02/2026) is in the past whenever the tests run; the tasks that must
not be overdue are due in 2099.
"""

import datetime
from dataclasses import dataclass

from tdkt.plans.enums import TaskState
from tests.plans.support import make_plan, make_task

FAR = 2099


@dataclass
class Tracked:
    plan: object
    done: object  # Q1, lead unit A (coordinating: Sở Nội vụ), done
    overdue: object  # Q1, lead unit A, due 28/02/2026, not started
    training: object  # Q2, lead unit B, in progress
    july_report: object  # M07 → Q3 column, lead Sở Nội vụ, coordinating unit B
    monthly: object  # MONTHLY → year-round column, lead not in the registry, coordinating unit A


def tracked_plan(world) -> Tracked:
    plan = make_plan()
    done = make_task(plan, "Hội nghị tổng kết công tác thi đua năm 2025", number="1", lead=[world.unit_a],
                     coordinating=[world.home_affairs], state=TaskState.DONE, completed_on=datetime.date(2026, 3, 20))
    overdue = make_task(plan, "Kiểm tra công tác thi đua tại các bệnh viện", number="2", lead=[world.unit_a],
                        due=datetime.date(2026, 2, 28), due_text="Tháng 2/2026")
    training = make_task(plan, "Tập huấn nghiệp vụ thi đua cho trường học", period="Q2", number="1",
                         lead=[world.unit_b], due=datetime.date(FAR, 6, 30), state=TaskState.IN_PROGRESS)
    july_report = make_task(plan, "Báo cáo sơ kết 6 tháng", period="M07", number="1", lead=[world.home_affairs],
                            coordinating=[world.unit_b], due=datetime.date(FAR, 7, 31), due_text="Tháng 7/2026")
    monthly = make_task(plan, "Cung cấp tin bài về điển hình tiên tiến", period="MONTHLY", number=None,
                        lead=["Hội đồng TĐKT tỉnh"], coordinating=[world.unit_a], recurrence="monthly",
                        due_text="Hàng tháng")
    return Tracked(plan, done, overdue, training, july_report, monthly)
