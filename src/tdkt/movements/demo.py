"""Demo data of the movements app: the province's yearly movement with its milestones, the year's call for
registrations, registrations of the demo home group's members, that group's covenant and the mid-term review (an award
round, tdkt.movements.reviews). Called by the
demo builder (seed_demo) once the province, its groups and the demo accounts exist; rows are inserted
directly (seed_demo writes one summary audit row), so it stays fast.

The movement's name follows the Lào Cai seed plan (shared/seeds/000_df9e745214f7c20f.txt, part II:
"thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội, đảm bảo quốc phòng - an ninh năm 2026").
The dates are demo dates, not the province's."""

from __future__ import annotations

import datetime

from django.utils import timezone

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership, User
from tdkt.awards.models import AwardType
from tdkt.dossiers.models import DossierCall
from tdkt.movements.enums import MilestoneKind, RegistrationState, ReviewKind
from tdkt.movements.models import (
    Covenant,
    CovenantTarget,
    Milestone,
    Movement,
    MovementPhase,
    Registration,
    RegistrationCall,
    RegistrationItem,
)
from tdkt.movements.models_reviews import MovementReview
from tdkt.movements.reviews import open_review
from tdkt.orgs.models import EmulationGroupYear

CODE_PREFIX = "DEMO-"
SPECIALIST = "chuyenvien"
GROUP_HEAD = "truongcum"


def _award_types():
    return {a.code: a for a in AwardType.objects.filter(code__in=("LDTT", "CSTD_CS", "TTLDXS", "TTLDTT", "CO_TINH"))}


def load_demo(year: int) -> str:
    specialist = User.objects.filter(username=SPECIALIST).first()
    head_membership = (Membership.objects.filter(user__username=GROUP_HEAD, role=Role.GROUP_HEAD)
                       .select_related("emulation_group").first())
    standing = Membership.objects.filter(user__username=SPECIALIST).values_list("unit_id", flat=True).first()
    movement = Movement.objects.create(
        code=f"{CODE_PREFIX}TD-{year}", level="province", kind="regular", authority="Chủ tịch UBND tỉnh",
        name=(f"Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội, đảm bảo quốc phòng - an ninh năm "
              f"{year}"),
        start_date=datetime.date(year, 1, 1), end_date=datetime.date(year, 12, 31), standing_unit_id=standing,
        objectives="Hoàn thành toàn diện các chỉ tiêu phát triển kinh tế - xã hội của tỉnh trong năm.",
        criteria="Theo bảng tiêu chí chấm điểm thi đua của cụm, khối.", created_by=specialist,
        source_note="Kế hoạch mẫu 000 (Lào Cai, năm 2026), mục II. Ngày tháng là dữ liệu mẫu.")
    MovementPhase.objects.create(movement=movement, name=f"Năm {year}", start_date=movement.start_date,
                                 end_date=movement.end_date)
    Milestone.objects.bulk_create([
        Milestone(movement=movement, kind=MilestoneKind.LAUNCH, on=datetime.date(year, 2, 10),
                  note="Hội nghị phát động và ký kết giao ước thi đua"),
        Milestone(movement=movement, kind=MilestoneKind.FINAL_REVIEW, on=datetime.date(year, 12, 10),
                  note="Tổng kết, cụm, khối gửi hồ sơ đề nghị khen thưởng"),
    ])
    if specialist is not None:  # the mid-term review is an award round with its own milestone (reviews.py)
        open_review(movement, by=specialist, kind=ReviewKind.MIDTERM, held_on=datetime.date(year, 7, 15),
                    cut_off=datetime.date(year, 7, 5), note="Sơ kết 6 tháng, chấm điểm giữa năm của cụm, khối")
    RegistrationCall.objects.create(year=year, due_on=datetime.date(year, 1, 31), created_by=specialist,
                                    note="Các đơn vị gửi đăng ký thi đua về Sở Nội vụ.")
    if head_membership is None:
        return "Phong trào mẫu: 1 phong trào, 3 mốc; không thấy tài khoản trưởng cụm nên bỏ qua đăng ký, giao ước."
    group_year = (EmulationGroupYear.objects.filter(group=head_membership.emulation_group, year=year)
                  .prefetch_related("memberships__unit").first())
    members = sorted(group_year.memberships.all(), key=lambda m: m.pk) if group_year else []
    awards = _award_types()
    now = timezone.now()
    registrations = []
    for index, membership in enumerate(members[:4]):
        submitted = index < 3
        registrations.append(Registration(
            unit=membership.unit, year=year, created_by=specialist,
            collective_award=awards.get("TTLDXS" if index % 2 == 0 else "TTLDTT"),
            targets="Hoàn thành 100% chỉ tiêu kinh tế - xã hội được giao; không có cán bộ vi phạm kỷ luật.",
            state=RegistrationState.SUBMITTED if submitted else RegistrationState.DRAFT,
            submitted_at=now if submitted else None, submitted_by=specialist if submitted else None))
    Registration.objects.bulk_create(registrations)
    items = []
    for index, registration in enumerate(registrations):
        items.append(RegistrationItem(registration=registration, award_type=awards["LDTT"], count=20 + 5 * index))
        items.append(RegistrationItem(registration=registration, award_type=awards["CSTD_CS"], count=2 + index))
    RegistrationItem.objects.bulk_create(items)
    if group_year is not None:
        covenant = Covenant.objects.create(
            group_year=group_year, signed_on=datetime.date(year, 2, 10), host_unit=group_year.head,
            created_by=specialist,
            content=(f"Các đơn vị thành viên {group_year.group.name} thống nhất ký kết giao ước thi đua năm {year}: "
                     "thực hiện thắng lợi các chỉ tiêu được giao, tham gia đầy đủ các hoạt động của cụm."))
        CovenantTarget.objects.bulk_create([
            CovenantTarget(covenant=covenant, unit=m.unit,
                           targets="Thu ngân sách đạt 100% dự toán; 100% hồ sơ thủ tục hành chính giải quyết đúng hạn.")
            for m in members])
    return (f"Phong trào mẫu năm {year}: 1 phong trào, 3 mốc, {len(registrations)} đăng ký thi đua, "
            f"giao ước của {group_year.group.name if group_year else '—'}.")


def wipe_demo() -> int:
    demo_users = User.objects.filter(username__in=(SPECIALIST, GROUP_HEAD, "vanthu.xa", "vanthu.soyte"))
    count = 0
    count += CovenantTarget.objects.filter(covenant__created_by__in=demo_users).delete()[0]
    count += Covenant.objects.filter(created_by__in=demo_users).delete()[0]
    registrations = Registration.objects.filter(created_by__in=demo_users)
    count += RegistrationItem.objects.filter(registration__in=registrations).delete()[0]
    count += registrations.delete()[0]
    count += RegistrationCall.objects.filter(created_by__in=demo_users).delete()[0]
    reviews = MovementReview.objects.filter(movement__code__startswith=CODE_PREFIX)
    calls = [review.call_id for review in reviews]
    count += reviews.delete()[0]
    count += DossierCall.objects.filter(pk__in=calls).delete()[0]
    count += Movement.objects.filter(code__startswith=CODE_PREFIX).delete()[0]
    return count
