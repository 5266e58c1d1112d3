"""A scoring set-up over the world fixture: the block "Khối Văn hóa - Xã hội" (head unit_a, member unit_b)
gets a template (1 heading with 1.1 and 1.2, bonus 2, penalty 3) and an open year-end round."""

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tdkt.accounts.enums import Role
from tdkt.accounts.models import Membership
from tdkt.movements.scoring import services, sheets
from tdkt.movements.scoring.enums import CriterionKind, RoundKind
from tdkt.movements.scoring.models import Criterion, ScoreSheet

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(name="minh-chung.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def png_upload(name="anh.png"):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def exe_upload(name="minh-chung.pdf"):
    return SimpleUploadedFile(name, b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" * 20,
                              content_type="application/pdf")


def make_template(world, *, tie_breaks=None):
    specialist = world.users["specialist"]
    template = services.create_template(world.group_year, by=specialist, title="Bảng tiêu chí khối VHXH 2026",
                                        tie_breaks=tie_breaks)
    heading = services.add_criterion(template, by=specialist, code="1", title="Công tác chỉ đạo, điều hành",
                                     max_points=Decimal(30))
    services.add_criterion(template, by=specialist, code="1.1", title="Ban hành kế hoạch thi đua", parent=heading,
                           max_points=Decimal(10), evidence_required=True)
    services.add_criterion(template, by=specialist, code="1.2", title="Tổ chức phong trào thi đua", parent=heading,
                           max_points=Decimal(20))
    services.add_criterion(template, by=specialist, code="2", title="Điểm thưởng: mô hình mới",
                           max_points=Decimal(5), kind=CriterionKind.BONUS)
    services.add_criterion(template, by=specialist, code="3", title="Điểm trừ: chậm báo cáo",
                           max_points=Decimal(5), kind=CriterionKind.PENALTY)
    return template


def make_round(world, *, tie_breaks=None, kind=RoundKind.YEAR_END):
    template = make_template(world, tie_breaks=tie_breaks)
    return services.open_round(template, by=world.users["specialist"], kind=kind)


def criterion(scoring_round, code) -> Criterion:
    return Criterion.objects.get(template=scoring_round.template, code=code)


def make_group_head_also(world):
    """clerk_a (head unit) also holds the GROUP_HEAD role of the group: the dossier core requires the
    proposer to read the member units (see the report on integration)."""
    Membership.objects.create(user=world.users["clerk_a"], role=Role.GROUP_HEAD, unit=world.unit_a,
                              emulation_group=world.group_year.group)
    user = world.users["clerk_a"]
    for attr in ("_tdkt_scope", "_scoring_group_heads"):
        if hasattr(user, attr):
            delattr(user, attr)
    return user


def submit_and_review_all(world, scoring_round, points=None):
    """Both members (unit_a the head, unit_b) score 1.1 = 0 and 1.2 (10 and 12 by default) and submit while the
    round is open; their sheets are then marked reviewed (as the review would), so the ranking may be published."""
    points = points or {world.unit_a: 10, world.unit_b: 12}
    for unit, user in ((world.unit_a, world.users["clerk_a"]), (world.unit_b, world.users["clerk_b"])):
        if unit not in points:
            continue
        sheets.save_self_score(scoring_round, unit, criterion(scoring_round, "1.1"), by=user, points=Decimal(0))
        sheets.save_self_score(scoring_round, unit, criterion(scoring_round, "1.2"), by=user,
                               points=Decimal(points[unit]))
        sheets.submit_sheet(scoring_round, unit, by=user)
    ScoreSheet.objects.filter(round=scoring_round).update(reviewed_at=timezone.now(),
                                                          reviewed_by=world.users["specialist"])


def count_as_submitted_and_reviewed(world, scoring_round):
    """The sheets already filled (with or without their required evidence) counted as submitted and reviewed:
    for tests of the totals and the proposals, not of the submission."""
    now = timezone.now()
    ScoreSheet.objects.filter(round=scoring_round).update(submitted_at=now, submitted_by=world.users["clerk_b"],
                                                          reviewed_at=now, reviewed_by=world.users["specialist"])
