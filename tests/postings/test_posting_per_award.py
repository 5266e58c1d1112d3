"""Public posting per award (issue 15 §7): the catalogue says, for each award, whether its nominees are posted
and for how many working days. National defaults (law.md §4.3): CSTĐ toàn quốc, Huân chương and danh hiệu vinh
dự nhà nước are posted ≥ 10 working days before the council (NĐ152 Đ44.2; Luật Đ84.5); the province's own
awards (Bằng khen tỉnh, CSTĐ tỉnh) only when its regulation says so (Hà Nội: 7 working days, law.md §4.3)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from tdkt.awards.models import AwardType
from tdkt.awards.services import update_award_type
from tdkt.dossiers.postings import services
from tests.consultations.support import dossier_with_two_lines

pytestmark = pytest.mark.django_db
D = datetime.date
MONDAY = D(2026, 3, 2)


@pytest.mark.parametrize(("provincial", "posted", "ends_on"), [
    # national default only: CSTĐTQ 10 wd (NĐ152 Đ44.2), the Bằng khen tỉnh is not posted
    ({}, ["CSTD_TQ"], D(2026, 3, 16)),
    # the province posts its Bằng khen for 7 wd: both posted, the notice runs the longer, 10 wd
    ({"requires_public_posting": True, "posting_working_days": 7}, ["CSTD_TQ", "BK_TINH"], D(2026, 3, 16)),
    # posted with the province's own setting (PostingPolicy, 10 wd)
    ({"requires_public_posting": True}, ["CSTD_TQ", "BK_TINH"], D(2026, 3, 16)),
    # the province's regulation asks 15 wd for its own award: no nominee is posted for less
    ({"requires_public_posting": True, "posting_working_days": 15}, ["CSTD_TQ", "BK_TINH"], D(2026, 3, 23)),
])
def test_the_catalogue_decides_who_is_posted_and_for_how_long(world, provincial, posted, ends_on):
    if provincial:
        update_award_type(AwardType.objects.get(code="BK_TINH"), by=world.users["admin"], **provincial)
    dossier, _first, _second = dossier_with_two_lines(world)
    notice = services.publish_notice(dossier, by=world.users["specialist"], published_on=MONDAY)
    assert [line.award_type.code for line in notice.nominations.order_by("position")] == posted
    assert notice.ends_on == ends_on


@pytest.mark.parametrize(("code", "changes", "field", "message"), [
    ("BK_TINH", {"posting_working_days": 7},
     "posting_working_days", "Chỉ đặt thời hạn công khai cho hình thức có công khai danh sách đề nghị."),
    ("BK_TINH", {"requires_public_posting": True, "posting_working_days": 0},
     "posting_working_days", "Thời hạn công khai từ 1 đến 60 ngày làm việc."),
    ("CSTD_TQ", {"posting_working_days": 7}, "posting_working_days",
     "Danh sách đề nghị “Chiến sĩ thi đua toàn quốc” phải công khai ít nhất 10 ngày làm việc "
     "(Nghị định 152/2025/NĐ-CP, Điều 44 khoản 2)."),
])
def test_a_posting_period_the_law_does_not_allow_is_refused(world, code, changes, field, message):
    award = AwardType.objects.get(code=code)
    with pytest.raises(ValidationError, match="ngày làm việc|công khai") as refused:
        update_award_type(award, by=world.users["admin"], **changes)
    assert refused.value.message_dict == {field: [message]}
    assert AwardType.objects.get(code=code).posting_working_days is None
