"""Demo data: the demo group (the one `truongcum` heads; its head unit is the home commune of `vanthu.xa`)
gets a criteria table and an open year-end round, with some members' self-scores already typed in.

Fixture data inserted directly (no audit rows, no change log); `wipe_demo` removes it before the demo
province goes."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership
from tdkt.movements.scoring.enums import DEFAULT_TIE_BREAKS, CriterionKind, RoundKind
from tdkt.movements.scoring.models import Criterion, ScoreSheet, ScoringRound, ScoringTemplate, SelfScore
from tdkt.orgs.enums import GroupRole
from tdkt.orgs.models import EmulationGroupYear

DEMO_GROUP_CODES = r"^P[0-9]+-"  # demo groups' codes carry the province prefix (tdkt.orgs.demo.groups)
GROUP_HEAD_USERNAME = "truongcum"

# (code, title, max points, kind, evidence required); "1" has sub-criteria.
CRITERIA = [
    ("1", "Công tác chỉ đạo, tổ chức phong trào thi đua", Decimal(30), CriterionKind.NORMAL, False),
    ("1.1", "Ban hành kế hoạch, hướng dẫn tổ chức phong trào thi đua năm", Decimal(10), CriterionKind.NORMAL, True),
    ("1.2", "Tổ chức ký kết giao ước, phát động các đợt thi đua theo chuyên đề", Decimal(10), CriterionKind.NORMAL,
     False),
    ("1.3", "Sơ kết, tổng kết, nhân rộng điển hình tiên tiến", Decimal(10), CriterionKind.NORMAL, False),
    ("2", "Kết quả thực hiện nhiệm vụ chính trị, chỉ tiêu kinh tế - xã hội", Decimal(50), CriterionKind.NORMAL, False),
    ("2.1", "Hoàn thành các chỉ tiêu kinh tế - xã hội được giao", Decimal(25), CriterionKind.NORMAL, True),
    ("2.2", "Cải cách hành chính, chuyển đổi số", Decimal(15), CriterionKind.NORMAL, False),
    ("2.3", "Quốc phòng, an ninh, trật tự an toàn xã hội", Decimal(10), CriterionKind.NORMAL, False),
    ("3", "Công tác khen thưởng", Decimal(20), CriterionKind.NORMAL, False),
    ("3.1", "Hồ sơ khen thưởng đúng quy trình, thời hạn", Decimal(10), CriterionKind.NORMAL, False),
    ("3.2", "Khen thưởng người lao động trực tiếp, cơ sở", Decimal(10), CriterionKind.NORMAL, False),
    ("4", "Điểm thưởng: mô hình mới, cách làm hay được cấp trên ghi nhận", Decimal(5), CriterionKind.BONUS, True),
    ("5", "Điểm trừ: chậm gửi báo cáo, hồ sơ theo yêu cầu", Decimal(5), CriterionKind.PENALTY, False),
]


def _demo_group_year(year: int):
    membership = (Membership.objects.filter(user__username=GROUP_HEAD_USERNAME, role=Role.GROUP_HEAD)
                  .select_related("emulation_group").first())
    if membership is None or membership.emulation_group_id is None:
        return None
    return (EmulationGroupYear.objects.filter(group_id=membership.emulation_group_id, year=year)
            .prefetch_related("memberships__unit").first())


def load_demo(year: int) -> str:
    group_year = _demo_group_year(year)
    if group_year is None:
        return "Chấm điểm thi đua: không thấy cụm, khối của tài khoản truongcum, bỏ qua."
    if ScoringTemplate.objects.filter(group_year=group_year).exists():
        return "Chấm điểm thi đua: cụm, khối mẫu đã có bảng tiêu chí."
    template = ScoringTemplate.objects.create(
        group_year=group_year, title=f"Bảng tiêu chí chấm điểm thi đua {group_year.group.name} năm {year}",
        tie_breaks=list(DEFAULT_TIE_BREAKS))
    parents: dict[str, Criterion] = {}
    for order, (code, title, top, kind, evidence) in enumerate(CRITERIA, 1):
        parent = parents.get(code.rsplit(".", 1)[0]) if "." in code else None
        parents[code] = Criterion.objects.create(template=template, parent=parent, code=code, title=title,
                                                 max_points=top, kind=kind, evidence_required=evidence,
                                                 order=order * 10)
    scoring_round = ScoringRound.objects.create(
        group_year=group_year, template=template, kind=RoundKind.YEAR_END,
        self_scoring_due=datetime.date(year, 11, 30), review_due=datetime.date(year, 12, 5))
    leaves = [c for code, c in parents.items() if not any(other.startswith(code + ".") for other in parents)]
    members = [m for m in group_year.memberships.all() if m.role != GroupRole.HEAD][:3]
    rng = random.Random(f"scoring-demo:{year}")
    scores = []
    for membership in members:  # the head unit (vanthu.xa's commune) is left for the demo user to fill
        sheet = ScoreSheet.objects.create(round=scoring_round, unit=membership.unit)
        for criterion in leaves:
            if criterion.kind == CriterionKind.PENALTY:
                points = -Decimal(rng.choice([0, 0, 1]))
            else:
                points = (criterion.max_points * Decimal(rng.randint(70, 100)) / 100).quantize(Decimal("0.5"))
            scores.append(SelfScore(sheet=sheet, criterion=criterion, points=points, self_points=points,
                                    explanation="Đã thực hiện theo kế hoạch; có báo cáo kèm theo."))
    SelfScore.objects.bulk_create(scores)
    return (f"Chấm điểm thi đua: {group_year.group.name} có bảng {len(CRITERIA)} tiêu chí, đợt tổng kết năm {year} "
            f"đang mở, {len(members)} đơn vị đã tự chấm.")


def wipe_demo() -> int:
    rounds = ScoringRound.objects.filter(group_year__group__code__regex=DEMO_GROUP_CODES)
    deleted = rounds.delete()[0]
    deleted += ScoringTemplate.objects.filter(group_year__group__code__regex=DEMO_GROUP_CODES).delete()[0]
    return deleted
