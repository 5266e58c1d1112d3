"""Building draft decisions from approved nominations: grouping, titles, legal bases, lines and bonuses.

One decision per (award type, kind of commendation, achievement year). The wording is document text,
so always Vietnamese."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Q

from tdkt.awards.enums import AwardCategory, RecipientKind
from tdkt.awards.models import AwardRecord
from tdkt.decisions import documents
from tdkt.decisions.enums import LineGroup, LineKind
from tdkt.decisions.models import BaseSalary, LegalBasisTemplate
from tdkt.decisions.money import base_salary_on, bonus_amount

# NĐ152 Đ49 (law.md §6): several titles in the same period → only the highest is paid.
HIGHEST_TITLE_NOTE = "Chỉ thưởng danh hiệu cao nhất trong cùng thời gian (NĐ 152/2025/NĐ-CP Điều 49)"

DEFAULT_LEGAL_BASES = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025",
    "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
    "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về phân cấp, "
    "phân quyền trong lĩnh vực thi đua, khen thưởng, quy định chi tiết và hướng dẫn thi hành một số điều "
    "của Luật Thi đua, khen thưởng",
]
DEFAULT_EXECUTION = ("Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Nội vụ, Giám đốc Sở Tài chính, "
                     "Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể, cá nhân có tên tại Điều 1 "
                     "chịu trách nhiệm thi hành Quyết định này")
DEFAULT_RECIPIENTS = ["Như Điều 3", "Sở Tài chính", "Lưu: VT, SNV"]
DEFAULT_PROPOSAL = "Theo đề nghị của Giám đốc Sở Nội vụ"


def group_of(recipient_kind: str) -> str:
    return {RecipientKind.INDIVIDUAL: LineGroup.INDIVIDUAL, RecipientKind.COLLECTIVE: LineGroup.COLLECTIVE,
            RecipientKind.HOUSEHOLD: LineGroup.HOUSEHOLD}[recipient_kind]


def recipient_kind_of(obj) -> str:
    """Individual, collective or household, from a nomination or a decision line."""
    if obj.person_id:
        return RecipientKind.INDIVIDUAL
    return RecipientKind.COLLECTIVE if obj.unit_id else RecipientKind.HOUSEHOLD


def decision_title(award_type) -> str:
    """Trích yếu: "Về việc tặng Bằng khen của Chủ tịch …", "Về việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh"."""
    name = award_type.name
    if award_type.category == AwardCategory.TITLE and not name.startswith("Cờ"):
        return f"Về việc tặng danh hiệu “{name}”"
    return f"Về việc tặng {name}"


award_phrase = documents.award_phrase


def legal_bases_for(authority, award_type, basis) -> list[str]:
    """Lines of the most specific template (authority, award, basis), else the national default."""
    candidates = LegalBasisTemplate.objects.filter(
        Q(authority=authority) | Q(authority__isnull=True),
        Q(award_type=award_type) | Q(award_type__isnull=True),
        Q(basis=basis) | Q(basis=""))

    def specificity(template):
        return (template.award_type_id is not None, template.basis != "", template.authority_id is not None,
                template.pk)

    best = max(candidates, key=specificity, default=None)
    return list(best.lines) if best else list(DEFAULT_LEGAL_BASES)


def salary_table() -> list[tuple[datetime.date, int]]:
    return list(BaseSalary.objects.values_list("effective_from", "amount"))


def display_name(nomination) -> str:
    if nomination.person_id:
        person = nomination.person
        title = {"male": "Ông", "female": "Bà"}.get(person.gender, "")
        return f"{title} {person.full_name}".strip()
    if nomination.unit_id:
        return nomination.unit.name
    return f"Hộ gia đình {nomination.household.head_name}"


def position_and_unit(nomination) -> str:
    if nomination.position_and_unit:
        return nomination.position_and_unit
    if nomination.person_id:
        person = nomination.person
        return ", ".join(part for part in (person.position, person.unit.name if person.unit_id else "") if part)
    if nomination.unit_id and nomination.unit.parent_id:
        return nomination.unit.parent.name
    if nomination.household_id:
        household = nomination.household
        return ", ".join(part for part in (household.village, household.unit.name) if part)
    return ""


def group_key(nomination) -> tuple:
    dossier = nomination.dossier
    year = dossier.year or (dossier.period_to.year if dossier.period_to else None) or dossier.created_at.year
    return (nomination.award_type_id, nomination.basis, year)


def line_values(nomination, *, sort_order: int) -> dict:
    kind = recipient_kind_of(nomination)
    award = nomination.award_type
    return {
        "nomination": nomination, "person_id": nomination.person_id, "unit_id": nomination.unit_id,
        "household_id": nomination.household_id, "group": group_of(kind), "display_name": display_name(nomination),
        "position_and_unit": position_and_unit(nomination)[:500], "owner_unit_id": nomination.dossier.unit_id,
        "award_type": award, "coefficient": award.bonus_for(kind), "sort_order": sort_order,
    }


def _title_rank(award_type, kind) -> tuple:
    return (award_type.bonus_for(kind) or 0, award_type.sort_order)


def apply_amounts(lines: list, day: datetime.date, *, salaries=None, year: int | None = None) -> None:
    """Set `amount` and `amount_note` on unsaved or saved lines for a decision dated `day`.

    The highest-title rule (NĐ152 Đ49) is applied where the data allows it: an individual's title
    line pays nothing when the same recipient holds, for the same achievement year, a higher title in
    the history (AwardRecord) or on another line given here. Titles of different years are each paid.
    A lower title already paid earlier is not clawed back here (the finance office settles the
    difference); forms are always paid (Đ49: several forms for different achievements are each paid)."""
    base = base_salary_on(day, salaries if salaries is not None else salary_table())
    best: dict[tuple, tuple] = {}
    title_lines = [line for line in lines if line.award_type.category == AwardCategory.TITLE]
    if year is not None and title_lines:
        for line in title_lines:
            kind = recipient_kind_of(line)
            key = (kind, line.person_id or line.unit_id or line.household_id)
            best[key] = max(best.get(key, (0, 0)), _title_rank(line.award_type, kind))
        people = [line.person_id for line in title_lines if line.person_id]
        units = [line.unit_id for line in title_lines if line.unit_id]
        history = AwardRecord.objects.filter(Q(person_id__in=people) | Q(unit_id__in=units), year=year,
                                             award_type__category=AwardCategory.TITLE).select_related("award_type")
        for record in history:
            kind = RecipientKind.INDIVIDUAL if record.person_id else RecipientKind.COLLECTIVE
            key = (kind, record.person_id or record.unit_id)
            best[key] = max(best.get(key, (0, 0)), _title_rank(record.award_type, kind))
    for line in lines:
        if getattr(line, "kind", LineKind.AWARD) == LineKind.CONTEST_PRIZE:
            continue  # its amount is the one the officer typed, not a coefficient's
        line.amount = bonus_amount(line.coefficient, base or 0)
        line.amount_note = ""
        if line.award_type.category == AwardCategory.TITLE and best:
            kind = recipient_kind_of(line)
            key = (kind, line.person_id or line.unit_id or line.household_id)
            if best.get(key, (0, 0)) > _title_rank(line.award_type, kind):
                line.amount = 0
                line.amount_note = HIGHEST_TITLE_NOTE
        if base is None and line.coefficient:
            line.amount_note = "Chưa có mức lương cơ sở áp dụng cho ngày quyết định"


def group_nominations(nominations) -> dict[tuple, list]:
    groups: dict[tuple, list] = defaultdict(list)
    for nomination in nominations:
        groups[group_key(nomination)].append(nomination)
    return groups
