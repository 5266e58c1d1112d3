"""Duplicate-person review: likely duplicates in the user's scope; the merge moves every related row
(found through Person._meta.related_objects), keeps the duplicate marked as merged, refuses different
citizen IDs and contradictions, and is audited."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from tdkt.audit.models import AuditEvent
from tdkt.awards.models import AwardRecord, OpenCase
from tdkt.orgs.enums import CouncilRole
from tdkt.orgs.models import CouncilMember
from tdkt.people.duplicates import duplicate_groups, merge_persons
from tdkt.people.models import Person
from tdkt.people.queries import search_people
from tests.awards.import_support import RATING_HEADER, check
from tests.factories import make_award, make_discipline, make_initiative, make_person, make_rating
from tests.integration.support import signed_decision

d = datetime.date


@pytest.fixture
def specialist(world):
    return world.users["specialist"]


@pytest.fixture
def twin(world):
    """A second record of person_a (Nguyễn Văn An, 04/03/1985), typed without accents and date."""
    return make_person("Nguyen Van An", unit=world.unit_a_child, birth_year=1985, position="Bác sĩ")


def test_likely_duplicates_are_grouped_by_folded_name_and_birth_year(world, specialist, twin):
    make_person("Nguyễn Văn An", unit=world.unit_a, birth_date=d(1985, 9, 9))  # another An: other date, same year
    make_person("Nguyễn Văn An", unit=world.unit_b, birth_year=1990)
    groups = duplicate_groups(specialist)
    assert [[p.pk for p in group] for group in groups] == [
        [world.person_a.pk, twin.pk, Person.objects.get(birth_date=d(1985, 9, 9)).pk]]
    assert duplicate_groups(world.users["clerk_b"]) == []


def test_persons_with_different_full_dates_are_not_duplicates(world, specialist):
    make_person("Nguyễn Văn An", unit=world.unit_a, birth_date=d(1985, 9, 9))
    assert duplicate_groups(specialist) == []


def test_the_duplicate_list_uses_a_fixed_number_of_queries(world, as_persona, twin):
    client = as_persona("specialist")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("people:duplicates")).status_code == 200
        return len(captured)

    client.get(reverse("people:duplicates"))  # its first page marks the session active (a write)
    few = queries()
    for n in range(5):
        make_person(f"Lê Văn Bảy {n}", unit=world.unit_a, birth_year=1970)
        make_person(f"Le Van Bay {n}", unit=world.unit_b, birth_year=1970)
    assert queries() == few


def test_a_merge_moves_every_record_and_is_audited(world, specialist, twin):
    make_award(person=twin, code="LDTT", year=2022, decision_number="7/QĐ")
    make_rating(person=twin, year=2022, level="HTTNV")
    initiative = make_initiative(twin, title="Phần mềm trực")
    make_discipline(twin, start=d(2019, 1, 1), end=d(2019, 12, 31))
    OpenCase.objects.create(person=twin, kind="complaint", opened_on=d(2026, 1, 5))
    CouncilMember.objects.create(council=world.council, person=twin, role=CouncilRole.MEMBER, term_start=d(2025, 7, 1))
    batch = check(specialist, world.unit_a, [RATING_HEADER, ["Nguyen Van An", "1985", "BVDK", 2023, "HTTNV"]],
                  kind="ratings")
    assert batch.rows.get().match_person == twin
    changes = merge_persons(twin, world.person_a, by=specialist)
    assert changes["moved"] == {
        "awards.awardrecord": 1, "awards.rating": 1, "awards.initiative": 1, "awards.disciplinerecord": 1,
        "awards.opencase": 1, "orgs.councilmember": 1, "awards.importrow": 1}
    a = world.person_a
    assert (a.award_records.count(), a.ratings.count(), a.discipline_records.count(), a.open_cases.count()) == (1, 1, 1, 1)
    assert list(initiative.authors.all()) == [a]
    assert CouncilMember.objects.get().person == a
    twin.refresh_from_db()
    assert twin.merged_into == a  # kept, marked
    assert not twin.award_records.exists()
    event = AuditEvent.objects.get(action="merge", object_type="people.person")
    assert event.object_id == str(a.pk) and event.actor == specialist
    assert event.changes["merged"] == {"id": twin.pk, "name": "Nguyen Van An"}
    assert event.changes["moved"] == changes["moved"]


def test_merged_persons_are_hidden_from_lists_and_searches(world, specialist, twin):
    merge_persons(twin, world.person_a, by=specialist)
    assert list(search_people(specialist, "nguyen van an")) == [world.person_a]
    assert duplicate_groups(specialist) == []


def test_blanks_of_the_kept_person_are_filled_from_the_duplicate(world, specialist, twin):
    merge_persons(world.person_a, twin, by=specialist)
    twin.refresh_from_db()
    assert (twin.national_id, twin.birth_date, twin.position) == ("010090001234", d(1985, 3, 4), "Bác sĩ")
    assert Person.objects.get(pk=world.person_a.pk).national_id is None
    event = AuditEvent.objects.get(action="merge")
    assert event.changes["filled"]["national_id"] == "***"


def test_identical_records_stay_with_the_merged_person_and_contradictions_refuse(world, specialist, twin):
    make_rating(person=world.person_a, year=2021, level="HTTNV")
    make_rating(person=twin, year=2021, level="HTTNV")  # the same fact typed twice
    make_initiative(world.person_a, twin, title="Sổ tay điện tử")  # co-authors already
    changes = merge_persons(twin, world.person_a, by=specialist)
    assert changes["left_identical"] == {"awards.rating": 1, "awards.initiative": 1}
    assert world.person_a.ratings.count() == 1 and twin.ratings.count() == 1  # nothing deleted but the link

    other = make_person("Nguyễn Văn An", unit=world.unit_a, birth_year=1985)
    make_rating(person=other, year=2021, level="HTXSNV")
    with translation.override("vi"), pytest.raises(ValidationError, match=r"^\['Hai người có bản ghi mâu thuẫn nhau \(xếp loại hằng năm: 2021: HTXSNV — Nguyễn Văn An\); hãy sửa trước khi gộp\.'\]$") as caught:
        merge_persons(other, world.person_a, by=specialist)
    assert caught.value.messages == [
        "Hai người có bản ghi mâu thuẫn nhau (xếp loại hằng năm: 2021: HTXSNV — Nguyễn Văn An); hãy sửa trước khi gộp."]
    assert other.ratings.count() == 1 and Person.objects.get(pk=other.pk).merged_into is None


def test_different_citizen_ids_refuse_the_merge(world, specialist):
    other = make_person("Nguyễn Văn An", unit=world.unit_a, birth_year=1985, national_id="010090009999")
    make_rating(person=other, year=2020)
    with translation.override("vi"), pytest.raises(ValidationError, match=r"^\['Hai người có số CCCD khác nhau: không phải cùng một người\.'\]$") as caught:
        merge_persons(other, world.person_a, by=specialist)
    assert caught.value.messages == ["Hai người có số CCCD khác nhau: không phải cùng một người."]
    assert other.ratings.count() == 1
    assert not AuditEvent.objects.filter(action="merge").exists()


def test_merging_into_oneself_or_twice_is_refused(world, specialist, twin):
    with translation.override("en"):
        with pytest.raises(ValidationError, match=r"^\['A person cannot be merged into themselves\.'\]$") as caught:
            merge_persons(twin, twin, by=specialist)
        assert caught.value.messages == ["A person cannot be merged into themselves."]
        merge_persons(twin, world.person_a, by=specialist)
        with pytest.raises(ValidationError, match=r"^\['“Nguyen Van An” has already been merged into another person\.'\]$") as caught:
            merge_persons(twin, world.person_a, by=specialist)
        assert caught.value.messages == ["“Nguyen Van An” has already been merged into another person."]


def test_the_merge_page_for_the_specialist(world, as_persona, twin):
    client = as_persona("specialist")
    page = client.get(reverse("people:merge", args=[twin.pk]))
    assert [p.pk for p in page.context["form"].fields["kept"].queryset] == [world.person_a.pk]
    response = client.post(reverse("people:merge", args=[twin.pk]), {"kept": world.person_a.pk})
    assert response.status_code == 302 and response["Location"] == reverse("people:detail", args=[world.person_a.pk])
    assert Person.objects.get(pk=twin.pk).merged_into_id == world.person_a.pk
    assert as_persona("clerk_a").post(reverse("people:merge", args=[twin.pk]), {"kept": world.person_a.pk}) \
        .status_code == 403



# --- a person named in a signed decision (its lines and award records are immutable: decisions 0006) -------

def test_a_person_named_in_a_signed_decision_is_kept_never_merged_away(world, specialist, twin):
    decision = signed_decision(world)  # names person_a (Nguyễn Văn An) and person_a_child
    with translation.override("vi"), pytest.raises(ValidationError, match="có tên trong quyết định đã ký") as refused:
        merge_persons(world.person_a, twin, by=specialist)
    assert refused.value.messages == [
        f"“Nguyễn Văn An” có tên trong quyết định đã ký ({decision.number_text}), không thể thay đổi: hãy giữ hồ sơ "
        "này và gộp “Nguyen Van An” vào hồ sơ này."]
    assert Person.objects.get(pk=world.person_a.pk).merged_into_id is None  # nothing moved
    changes = merge_persons(twin, world.person_a, by=specialist)  # the other way round
    assert changes["merged"] == {"id": twin.pk, "name": "Nguyen Van An"}
    assert Person.objects.get(pk=twin.pk).merged_into_id == world.person_a.pk


def test_two_persons_both_named_in_signed_decisions_are_not_merged(world, specialist):
    signed_decision(world)  # names person_a and person_a_child
    with translation.override("vi"), pytest.raises(ValidationError, match="đều có tên trong quyết định đã ký"):
        merge_persons(world.person_a_child, world.person_a, by=specialist)


def test_moved_records_are_seen_by_the_apis_incremental_sync(world, specialist, twin):
    """A bulk update() skips auto_now: the merge moves `updated_at` itself, so `?updated_since=` finds the
    records that changed hands (docs/api.md)."""
    moved = make_award(person=twin, code="LDTT", year=2022, decision_number="7/QĐ")
    AwardRecord.objects.filter(pk=moved.pk).update(updated_at=timezone.now() - datetime.timedelta(days=30))
    before_merge = timezone.now()
    merge_persons(twin, world.person_a, by=specialist)
    moved = AwardRecord.objects.get(pk=moved.pk)
    assert (moved.person_id, moved.updated_at >= before_merge) == (world.person_a.pk, True)
