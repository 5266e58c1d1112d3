"""The snapshot frozen at signing: what the decision and each line said, read by the decision page and the
portal afterwards; renaming the award, the unit or the authority later changes nothing issued. On PostgreSQL
(as the application role) and SQLite the database refuses to change a snapshot once signed."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from tdkt.awards.models import AwardType
from tdkt.decisions import services
from tdkt.decisions.models import Decision
from tdkt.orgs.enums import SignerRank
from tdkt.orgs.models import IssuingAuthority, SignerPost, Unit
from tests.conftest import client_for
from tests.decisions.support import SIGNED_ON, approved, cite_proposal, make_authority, make_dossier, pdf_bytes


@pytest.fixture
def published(world):
    authority = make_authority(parent_name="")
    SignerPost.objects.create(authority=authority, user=world.users["signer"], full_name="Hồ Đức Phớc",
                              rank=SignerRank.HEAD, title="CHỦ TỊCH", valid_from=datetime.date(2021, 1, 1))
    dossier = make_dossier(world.unit_a)
    nominations = [approved(dossier, person=world.person_a, position=1),
                   approved(dossier, unit=world.unit_a_child, position=2)]
    (decision,) = services.draft_decisions(nominations, by=world.users["specialist"], authority=authority)
    services.approve_for_signing(cite_proposal(decision), by=world.users["signer"])
    services.sign_decision(decision, by=world.users["specialist"], signed_pdf=pdf_bytes(), signed_on=SIGNED_ON)
    services.publish_decision(decision, by=world.users["specialist"])
    return Decision.objects.get(pk=decision.pk)


def test_signing_freezes_the_decision_and_its_lines(world, published):
    assert published.snapshot == {
        "authority": {"name": "Ủy ban nhân dân tỉnh Lào Cai", "symbol": "QĐ-UBND", "parent_name": "",
                      "place": "Lào Cai", "decider_title": "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
                      "head_title": "CHỦ TỊCH"},
        "signature": {"lines": ["CHỦ TỊCH"], "name": "Hồ Đức Phớc"},
        "award": {"name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "short_name": "Bằng khen tỉnh",
                  "level": "province", "category": "form"},
        "basis": "merit",
        "proposal": {"reference": "45/TTr-SNV", "date": "2026-07-01"},
    }
    person_line, unit_line = published.lines.order_by("sort_order")
    assert person_line.snapshot == {
        "display_name": "Nguyễn Văn An", "position_and_unit": "Sở Y tế", "person_category": "civil_servant",
        "person_position": "", "person_group": "", "enterprise": False, "recipient_kind": "individual",
        "unit_name": "Sở Y tế", "award_name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "award_short_name": "Bằng khen tỉnh"}
    assert (unit_line.snapshot["recipient_kind"], unit_line.snapshot["unit_name"],
            unit_line.snapshot["person_category"], unit_line.snapshot["enterprise"]) == (
        "collective", "Bệnh viện Đa khoa tỉnh", "", False)


def test_renaming_later_does_not_change_the_issued_pages(world, published):
    AwardType.objects.filter(code="BK_TINH").update(name="Bằng khen (tên mới)", short_name="BK mới")
    Unit.objects.filter(pk=world.unit_a_child.pk).update(name="Bệnh viện tên mới")
    IssuingAuthority.objects.filter(pk=published.authority_id).update(name="Tên cơ quan mới")
    SignerPost.objects.filter(authority=published.authority_id).update(full_name="Người khác")
    portal = client_for(world, "clerk_b").get(reverse("portal:decision", args=[published.pk])).content.decode()
    assert "Ủy ban nhân dân tỉnh Lào Cai" in portal and "Bằng khen tỉnh" in portal
    assert "Tên cơ quan mới" not in portal and "BK mới" not in portal
    assert "CHỦ TỊCH — Hồ Đức Phớc" in portal and "Người khác" not in portal
    page = client_for(world, "specialist").get(reverse("decisions:detail", args=[published.pk]))
    text = page.content.decode()
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in text and "Bằng khen (tên mới)" not in text
    assert "CHỦ TỊCH — Hồ Đức Phớc" in text and "Người khác" not in text
    assert "Tên cơ quan mới" not in text


@pytest.mark.parametrize(("sql", "refusal"), [
    ("UPDATE decisions_decision SET snapshot = '{{}}' WHERE id = {decision}", r"^a signed decision is immutable"),
    ("UPDATE decisions_decision SET signer_post_id = NULL WHERE id = {decision}", r"^a signed decision is immutable"),
    ("UPDATE decisions_decisionline SET snapshot = '{{}}' WHERE id = {line}",
     r"^the lines of a signed decision are immutable"),
])
def test_the_database_refuses_to_change_a_snapshot(published, sql, refusal):
    """As the application role on PostgreSQL (tests/db_roles.py), as any connection on SQLite."""
    line = published.lines.order_by("id").values_list("id", flat=True).first()
    with pytest.raises(DatabaseError, match=refusal), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql.format(decision=published.pk, line=line))
    assert Decision.objects.get(pk=published.pk).snapshot == published.snapshot


def test_signing_freezes_the_statistical_group_and_the_enterprise_flag_into_the_history(world):
    """Issue 18: the history row keeps the group and the enterprise flag the decision was signed with; a later
    change of the person's group or the unit's kind does not touch it."""
    from tdkt.awards.models import AwardRecord
    from tdkt.orgs.enums import UnitKind
    from tdkt.people.groups import confirm_group

    confirm_group([world.person_a], "direct_worker", by=world.users["specialist"])
    Unit.objects.filter(pk=world.unit_a_child.pk).update(kind=UnitKind.ENTERPRISE)
    decision = published.__wrapped__(world)
    confirm_group([world.person_a], "manager", by=world.users["specialist"])
    Unit.objects.filter(pk=world.unit_a_child.pk).update(kind=UnitKind.PUBLIC_SERVICE)
    person_record = AwardRecord.objects.get(person=world.person_a, decision_number=decision.number_text)
    unit_record = AwardRecord.objects.get(unit=world.unit_a_child, decision_number=decision.number_text)
    assert (person_record.person_group, person_record.is_enterprise) == ("direct_worker", False)
    assert (unit_record.person_group, unit_record.is_enterprise) == ("", True)
    assert [line.snapshot["person_group"] for line in decision.lines.order_by("sort_order")] == ["direct_worker", ""]
