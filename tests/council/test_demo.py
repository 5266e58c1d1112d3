"""The demo hook: a planned meeting of the council whose secretary is the demo account thuky."""

from tdkt.council import demo
from tdkt.council.enums import MeetingState
from tdkt.council.models import Attendance, Meeting
from tdkt.orgs.enums import CouncilRole
from tests.council.helpers import seat
from tests.factories import make_person, make_user


def test_load_and_wipe_demo(world):
    assert demo.load_demo(2026) == "Phiên họp Hội đồng: bỏ qua (chưa có Hội đồng mẫu với tài khoản thuky)."
    thuky = make_user("thuky", role="council_secretary", unit=world.province, council=world.council)
    seat(world.council, make_person("Lê Thị Thư", unit=world.home_affairs), CouncilRole.SECRETARY, thuky)
    seat(world.council, make_person("Trịnh Văn Chủ", unit=world.province), CouncilRole.CHAIR)
    assert demo.load_demo(2026) == "Phiên họp Hội đồng: Phiên họp lần thứ nhất năm 2026 (2 thành viên, 0 đề nghị)"
    meeting = Meeting.objects.get()
    assert (meeting.state, meeting.date.isoformat(), meeting.created_by) == (MeetingState.PLANNED, "2026-12-22", thuky)
    assert demo.wipe_demo() == 1
    assert not Meeting.objects.exists() and not Attendance.objects.exists()
