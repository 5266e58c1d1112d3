"""Quotas walked (issue 15 §10): a provincial quota for a unit (or a cluster/block) and an award is enforced
and explained at entry (form, list import, change of award), at submission and at appraisal (accept,
change of award, "accept all eligible"). Lines that are rejected, withdrawn or not approved, and the lines
of withdrawn dossiers, never count; at appraisal only the lines accepted, approved or awarded count."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tdkt.dossiers import line_decisions
from tdkt.dossiers.models import Nomination, NominationQuota
from tdkt.dossiers.nominees.importing import import_list
from tdkt.dossiers.nominees.quotas import check_entry, quota_usage
from tdkt.dossiers.nominees.services import add_nomination, update_nomination
from tests.conftest import client_for
from tests.nominees.files import upload, xlsx_bytes
from tests.nominees.helpers import award, make_dossier, make_line, make_people

pytestmark = pytest.mark.django_db

BASIS = "Quyết định 12/QĐ-UBND"
ELIGIBLE = {"verdict": "eligible", "findings": []}


def _unit_quota(world, max_count=1, code="LDTT"):
    return NominationQuota.objects.create(year=2025, award_type=award(code), unit=world.unit_a, max_count=max_count,
                                          legal_basis=BASIS)


def _group_quota(world, max_count=1, code="LDTT"):
    return NominationQuota.objects.create(year=2025, award_type=award(code), group_year=world.group_year,
                                          max_count=max_count)


# owner of the quota: (make the quota, extra fields of the dossiers, owner's name, basis in the message)
OWNERS = {
    "unit": (_unit_quota, {}, "Sở Y tế", f"căn cứ: {BASIS}"),
    "group": (_group_quota, {"group_year": True}, "Khối Văn hóa - Xã hội", "chỉ tiêu chưa ghi căn cứ"),
}


def _dossier(world, owner, **extra):
    fields = {"group_year": world.group_year} if OWNERS[owner][1] else {}
    return make_dossier(world.unit_a, **fields, **extra)


# (state of another line of the same owner and year, state of its dossier) → counts at entry? at appraisal?
OTHER_LINES = [
    ("proposed", "submitted", True, False),
    ("needs_fix", "returned", True, False),
    ("on_hold", "in_appraisal", True, False),
    ("accepted", "in_appraisal", True, True),
    ("approved", "decision_pending", True, True),
    ("awarded", "closed", True, True),
    ("rejected", "in_appraisal", False, False),
    ("withdrawn", "withdrawn", False, False),
    ("not_approved", "decision_pending", False, False),
    ("accepted", "withdrawn", False, False),  # a withdrawn dossier's lines never count
]


@pytest.mark.parametrize("owner", OWNERS)
@pytest.mark.parametrize(("line_state", "dossier_state", "counts_at_entry", "_at_appraisal"), OTHER_LINES)
def test_entry_counts_the_live_lines_of_the_owner(world, owner, line_state, dossier_state, counts_at_entry,
                                                   _at_appraisal):
    make_quota, _fields, name, basis = OWNERS[owner]
    make_quota(world)
    other = _dossier(world, owner, state=dossier_state, title="Hồ sơ đợt 1")
    first, second = make_people(world.unit_a, 2)
    make_line(other, person=first, state=line_state)
    dossier = _dossier(world, owner)
    if not counts_at_entry:
        add_nomination(dossier, by=world.users["clerk_a"], award_type=award("LDTT"), person=second)
        assert Nomination.objects.filter(dossier=dossier).count() == 1
        return
    expected = (f"Vượt chỉ tiêu: “Lao động tiên tiến” của {name} năm 2025 tối đa 1 trường hợp ({basis}); đã có 1 "
                f"trường hợp được tính (trong hồ sơ {other.reference}), thêm 1 trường hợp (Người thử 0001) sẽ "
                f"thành 2.")
    with pytest.raises(ValidationError, match=r"^\['Vượt chỉ tiêu: “Lao động tiên tiến”") as refused:
        add_nomination(dossier, by=world.users["clerk_a"], award_type=award("LDTT"), person=second)
    assert refused.value.messages == [expected]
    assert not Nomination.objects.filter(dossier=dossier).exists()


@pytest.mark.parametrize("owner", OWNERS)
@pytest.mark.parametrize(("line_state", "dossier_state", "_at_entry", "counts_at_appraisal"), OTHER_LINES)
def test_appraisal_counts_the_accepted_lines_of_the_owner(world, owner, line_state, dossier_state, _at_entry,
                                                          counts_at_appraisal):
    make_quota, _fields, name, basis = OWNERS[owner]
    make_quota(world)
    other = _dossier(world, owner, state=dossier_state, title="Hồ sơ đợt 1")
    first, second = make_people(world.unit_a, 2)
    make_line(other, person=first, state=line_state)
    dossier = _dossier(world, owner, state="in_appraisal")
    line = make_line(dossier, person=second, position=3, verdict_at_appraisal=ELIGIBLE)
    if not counts_at_appraisal:
        line_decisions.accept_line(line, by=world.users["clerk_a"])
        assert Nomination.objects.get(pk=line.pk).state == "accepted"
        return
    expected = (f"Vượt chỉ tiêu: “Lao động tiên tiến” của {name} năm 2025 tối đa 1 trường hợp ({basis}); đã chấp "
                f"thuận 1 trường hợp (trong hồ sơ {other.reference}) nên không thể chấp thuận dòng 3 (Người thử "
                f"0001) cho hình thức này.")
    with pytest.raises(ValidationError, match=r"^\['Vượt chỉ tiêu: “Lao động tiên tiến”") as refused:
        line_decisions.accept_line(line, by=world.users["clerk_a"])
    assert refused.value.messages == [expected]
    assert Nomination.objects.get(pk=line.pk).state == "proposed"


def test_a_change_of_award_at_entry_is_refused_beyond_the_quota(world):
    _unit_quota(world, code="CSTD_CS")
    dossier = make_dossier(world.unit_a)
    first, second = make_people(world.unit_a, 2)
    make_line(dossier, person=first, code="CSTD_CS", position=1)
    line = make_line(dossier, person=second, code="LDTT", position=2)
    with pytest.raises(ValidationError, match=r"thêm 1 trường hợp \(dòng 2 \(Người thử 0001\)\) sẽ thành 2\.") as refused:
        update_nomination(line, by=world.users["clerk_a"], award_type=award("CSTD_CS"))
    assert refused.value.messages == [
        f"Vượt chỉ tiêu: “Chiến sĩ thi đua cơ sở” của Sở Y tế năm 2025 tối đa 1 trường hợp (căn cứ: {BASIS}); đã "
        f"có 1 trường hợp được tính (trong hồ sơ {dossier.reference}), thêm 1 trường hợp (dòng 2 (Người thử "
        f"0001)) sẽ thành 2."]
    assert Nomination.objects.get(pk=line.pk).award_type.code == "LDTT"
    update_nomination(line, by=world.users["clerk_a"], position_and_unit="Bác sĩ")  # other changes still pass


def test_a_change_of_award_at_appraisal_is_refused_beyond_the_quota(world):
    _unit_quota(world, code="CSTD_CS")
    dossier = make_dossier(world.unit_a, state="in_appraisal")
    first, second = make_people(world.unit_a, 2)
    make_line(dossier, person=first, code="CSTD_CS", position=1, state="accepted")
    line = make_line(dossier, person=second, code="LDTT", position=2, verdict_at_appraisal=ELIGIBLE)
    with pytest.raises(ValidationError, match=r"không thể chấp thuận dòng 2 \(Người thử 0001\)") as refused:
        line_decisions.change_line_award(line, award("CSTD_CS"), by=world.users["clerk_a"],
                                         reason="Thành tích xuất sắc hơn")
    assert refused.value.messages == [
        f"Vượt chỉ tiêu: “Chiến sĩ thi đua cơ sở” của Sở Y tế năm 2025 tối đa 1 trường hợp (căn cứ: {BASIS}); đã "
        f"chấp thuận 1 trường hợp (trong hồ sơ {dossier.reference}) nên không thể chấp thuận dòng 2 (Người thử "
        f"0001) cho hình thức này."]
    assert Nomination.objects.get(pk=line.pk).state == "proposed"


def test_an_import_beyond_the_quota_is_refused_whole_naming_its_rows(world):
    _unit_quota(world, max_count=2)
    dossier = make_dossier(world.unit_a)
    people = make_people(world.unit_a, 4)
    make_line(make_dossier(world.unit_a, title="Hồ sơ đợt 1"), person=people[0])
    data = xlsx_bytes([[1, "Người thử 0001", "Chuyên viên", "Lao động tiên tiến"],
                       [2, "Người thử 0002", "Chuyên viên", "Lao động tiên tiến"],
                       [3, "Người thử 0003", "Chuyên viên", "Chiến sĩ thi đua cơ sở"]])
    outcome = import_list(dossier, upload(data), by=world.users["clerk_a"])
    assert [str(problem) for problem in outcome.problems] == [
        f"Vượt chỉ tiêu: “Lao động tiên tiến” của Sở Y tế năm 2025 tối đa 2 trường hợp (căn cứ: {BASIS}); đã có 1 "
        f"trường hợp được tính (trong hồ sơ {Nomination.objects.get(person=people[0]).dossier.reference}), thêm 2 "
        f"trường hợp (dòng 5 (Người thử 0001), dòng 6 (Người thử 0002)) sẽ thành 3."]
    assert not outcome.saved
    assert not Nomination.objects.filter(dossier=dossier).exists()


def test_the_lines_panel_shows_the_use_of_each_quota(world):
    _unit_quota(world, max_count=3)
    _unit_quota(world, max_count=1, code="CSTD_CS")
    dossier = make_dossier(world.unit_a)
    people = make_people(world.unit_a, 2)
    make_line(dossier, person=people[0])
    make_line(dossier, person=people[1], state="rejected")
    page = client_for(world, "clerk_a").get(reverse("dossiers:detail", args=[dossier.pk]))
    text = page.content.decode()
    assert "Chiến sĩ thi đua cơ sở (Sở Y tế): đã dùng 0/1" in text
    assert "Lao động tiên tiến (Sở Y tế): đã dùng 1/3" in text


def test_accept_all_eligible_lists_the_lines_beyond_the_quota_and_accepts_up_to_it(world):
    _unit_quota(world, max_count=2)
    earlier = make_dossier(world.unit_a, state="in_appraisal", title="Hồ sơ đợt 1")
    dossier = make_dossier(world.unit_a, state="in_appraisal")
    people = make_people(world.unit_a, 4)
    make_line(earlier, person=people[0], state="accepted")
    lines = [make_line(dossier, person=person, position=index, verdict_at_appraisal=ELIGIBLE)
             for index, person in enumerate(people[1:], start=1)]
    within, beyond = line_decisions.eligible_split(dossier)
    assert within == [lines[0]]
    assert [(line, why) for line, why in beyond] == [
        (line, f"Chỉ tiêu: “Lao động tiên tiến” của Sở Y tế năm 2025 tối đa 2 trường hợp (căn cứ: {BASIS}); với 1 "
               f"trường hợp đã chấp thuận (trong hồ sơ {earlier.reference}) và các dòng trên, dòng {line.position} "
               f"({line.recipient}) để lại chưa xét.") for line in lines[1:]]
    client = client_for(world, "clerk_a")  # the officer receiving the unit's round
    page = client.get(reverse("dossiers:accept_eligible", args=[dossier.pk])).content.decode()
    assert f'id="line-{lines[0].pk}"' in page
    assert f'id="line-{lines[1].pk}"' not in page
    assert f'id="beyond-{lines[1].pk}"' in page and f'id="beyond-{lines[2].pk}"' in page
    # a forged form naming every line: the quota refuses the ones beyond, under lock, one by one
    client.post(reverse("dossiers:accept_eligible", args=[dossier.pk]), {"line": [line.pk for line in lines]})
    assert [Nomination.objects.get(pk=line.pk).state for line in lines] == ["accepted", "proposed", "proposed"]


def test_quota_checks_take_a_fixed_number_of_queries(world, django_assert_num_queries):
    _unit_quota(world, max_count=500)
    _unit_quota(world, max_count=500, code="CSTD_CS")
    dossier = make_dossier(world.unit_a)
    for index, person in enumerate(make_people(world.unit_a, 30)):
        make_line(make_dossier(world.unit_a, title=f"Hồ sơ {index}") if index % 3 else dossier, person=person,
                  code="CSTD_CS" if index % 2 else "LDTT")
    with django_assert_num_queries(2):  # the quotas, the lines counted
        assert [(use.award, use.used) for use in quota_usage(dossier)] == [
            ("Lao động tiên tiến", 15), ("Chiến sĩ thi đua cơ sở", 15)]
    additions = {award("LDTT").pk: ["a"] * 40, award("CSTD_CS").pk: ["b"] * 40}
    with django_assert_num_queries(2):
        check_entry(dossier, additions)
