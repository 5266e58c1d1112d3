"""Demo data: a planned meeting of the demo province's council, prepared by its secretary (thuky), with
the agenda built from whatever the dossiers demo left ready for the council (possibly nothing)."""

import datetime

from tdkt.council.models import Meeting
from tdkt.council.services import meetings
from tdkt.orgs.enums import CouncilRole
from tdkt.orgs.models import Council

SECRETARY = "thuky"
DEMO_USERNAMES = ("uyvien", "thuky", "chutich")


def _demo_council():
    return Council.objects.filter(members__user__username=SECRETARY, members__role=CouncilRole.SECRETARY).first()


def load_demo(year: int) -> str:
    council = _demo_council()
    if council is None:
        return "Phiên họp Hội đồng: bỏ qua (chưa có Hội đồng mẫu với tài khoản thuky)."
    secretary = council.members.get(user__username=SECRETARY, role=CouncilRole.SECRETARY).user
    meeting = meetings.create_meeting(council, date=datetime.date(year, 12, 22),
                                      place="Hội trường tầng 3, trụ sở Ủy ban nhân dân tỉnh", by=secretary)
    built = meetings.build_agenda(meeting, by=secretary)
    left_off = f", {len(built.left_off)} chưa đủ thời gian công khai" if built.left_off else ""
    return f"Phiên họp Hội đồng: {meeting} ({meeting.attendances.count()} thành viên, {built.count} đề nghị{left_off})"


def wipe_demo() -> int:
    councils = Council.objects.filter(members__user__username__in=DEMO_USERNAMES).distinct()
    return Meeting.objects.filter(council__in=councils).delete()[1].get(Meeting._meta.label, 0)
