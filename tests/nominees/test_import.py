"""Importing a nominee list into a dossier: all or nothing, matching, duplicates, new persons, undo."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tdkt.audit.models import AuditEvent
from tdkt.dossiers.models import DossierEvent, Nomination
from tdkt.dossiers.nominees.importing import import_list, import_rows
from tdkt.dossiers.nominees.services import undo_import
from tdkt.people.models import Person
from tests.factories import make_award, make_person, make_rating
from tests.nominees.files import docx_bytes, upload, xlsx_bytes
from tests.nominees.helpers import make_dossier, make_line, make_people

TODAY = datetime.date(2026, 1, 15)


@pytest.fixture
def dossier(world):
    return make_dossier(world.unit_a)


@pytest.fixture
def clerk(world):
    return world.users["clerk_a"]


def problems(outcome):
    return [str(p) for p in outcome.problems]


def test_excel_list_is_imported_with_verdicts(world, dossier, clerk):
    make_person("Trần Thị Bình", unit=world.unit_a_child, birth_year=1990)
    data = xlsx_bytes([[1, "Nguyễn Văn An", "Chuyên viên, Sở Y tế", "Lao động tiên tiến"],
                       [2, "tran thi binh", "Bác sĩ, Bệnh viện", "Chiến sỹ thi đua cơ sở"],
                       [3, "Tập thể Bệnh viện Đa khoa tỉnh", "Sở Y tế", "Tập thể lao động tiên tiến"]])
    outcome = import_list(dossier, upload(data), by=clerk)
    assert problems(outcome) == []
    assert outcome.lines == 3
    lines = list(Nomination.objects.filter(dossier=dossier).select_related("award_type", "person", "unit"))
    assert [(str(line.recipient), line.award_type.code, line.position, line.import_batch) for line in lines] == [
        ("Nguyễn Văn An", "LDTT", 1, outcome.batch), ("Trần Thị Bình", "CSTD_CS", 2, outcome.batch),
        ("Bệnh viện Đa khoa tỉnh", "TTLDTT", 3, outcome.batch)]
    assert lines[0].position_and_unit == "Chuyên viên, Sở Y tế"
    assert all(line.verdict_live and line.verdict_live["award"] == line.award_type.code for line in lines)
    assert AuditEvent.objects.filter(action="import", object_id=str(dossier.pk)).count() == 1
    assert DossierEvent.objects.filter(dossier=dossier, reason__contains=outcome.batch).count() == 1


def test_word_list_with_sections_is_imported(world, dossier, clerk):
    data = docx_bytes([[1, "Bệnh viện Đa khoa tỉnh", "", "Tập thể lao động tiên tiến"],
                       [1, "Nguyễn Văn An", "Chuyên viên", "LĐTT"]], sections={0: "I. TẬP THỂ", 1: "II. CÁ NHÂN"})
    outcome = import_list(dossier, upload(data, "danh-sach.docx"), by=clerk)
    assert problems(outcome) == []
    assert sorted(str(n.recipient) for n in Nomination.objects.filter(dossier=dossier)) == [
        "Bệnh viện Đa khoa tỉnh", "Nguyễn Văn An"]


def test_all_or_nothing_with_precise_messages(world, dossier, clerk):
    """Issue 13: a person not found is no longer an error asking to tick "create all missing"; the row goes to
    the review list, and nothing is saved while a row has a problem or waits for the clerk's choice."""
    data = xlsx_bytes([[1, "Nguyễn Văn An", "Chuyên viên", "Lao động tiên tiến"],
                       [2, "Đặng Thị Đào", "Điều dưỡng", "Bằng khen UBND"],
                       [3, "Lê Văn Xuân", "", "Lao động tiên tiến"]])
    outcome = import_list(dossier, upload(data), by=clerk)
    assert problems(outcome) == [
        "Dòng 6, cột “Hình thức đề nghị”: không nhận ra hình thức “Bằng khen UBND”. "
        "Có phải là: “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh”?",
    ]
    assert [(row.row, row.reason) for row in outcome.review] == [
        (7, "Không có người nào tên này trong Sở Y tế và các đơn vị trực thuộc.")]
    assert not Nomination.objects.filter(dossier=dossier).exists()
    assert not outcome.saved


def test_same_person_twice_names_both_rows(world, dossier, clerk):
    data = xlsx_bytes([[1, "Nguyễn Văn An", "", "Lao động tiên tiến"],
                       [2, "Đặng Thị Đào", "", "Lao động tiên tiến"],
                       [3, "NGUYỄN VĂN AN", "", "Chiến sĩ thi đua cơ sở"]])
    outcome = import_list(dossier, upload(data), by=clerk)
    assert problems(outcome) == [
        "Dòng 7, cột “Họ và tên”: “NGUYỄN VĂN AN” có tên hai lần trong danh sách (dòng 5 và dòng 7)."]
    assert not Nomination.objects.exists()


def test_person_already_in_the_dossier_is_refused(world, dossier, clerk):
    make_line(dossier, person=world.person_a)
    outcome = import_rows(dossier, [(1, ["Họ và tên", "Hình thức đề nghị"]), (2, ["Nguyễn Văn An", "LĐTT"])],
                          by=clerk)
    assert problems(outcome) == ["Dòng 2, cột “Họ và tên”: “Nguyễn Văn An” đã có trong danh sách của hồ sơ này."]


def test_ambiguous_person_goes_to_review_with_the_candidates(world, dossier, clerk):
    """Issue 13: two candidates are no longer an error; the row is shown with both (unit, birth date)."""
    other = make_person("Nguyễn Văn An", unit=world.unit_a_child, birth_date=datetime.date(1990, 5, 6))
    header = (1, ["Họ và tên", "Năm sinh", "Hình thức đề nghị"])
    outcome = import_rows(dossier, [header, (2, ["Nguyễn Văn An", "", "LĐTT"])], by=clerk)
    assert problems(outcome) == [] and outcome.needs_review
    [row] = outcome.review
    assert row.reason == "Có 2 người tên này trong Sở Y tế và các đơn vị trực thuộc; hãy chọn đúng người."
    assert [(c["name"], c["unit"], c["birth"]) for c in row.candidates] == [
        ("Nguyễn Văn An", "Sở Y tế", "04/03/1985"), ("Nguyễn Văn An", "Bệnh viện Đa khoa tỉnh", "06/05/1990")]
    # The clerk's choice for the row links it.
    outcome = import_rows(dossier, [header, (2, ["Nguyễn Văn An", "", "LĐTT"])], by=clerk,
                          choices={2: f"link:{other.pk}"})
    assert outcome.ok and Nomination.objects.get(dossier=dossier).person == other
    Nomination.objects.all().delete()
    # The year of birth tells them apart.
    outcome = import_rows(dossier, [header, (2, ["Nguyễn Văn An", "1990", "LĐTT"])], by=clerk)
    assert problems(outcome) == []
    assert Nomination.objects.get(dossier=dossier).person.birth_year == 1990


def test_citizen_id_decides(world, dossier, clerk):
    header = (1, ["Họ và tên", "Số CCCD", "Hình thức đề nghị"])
    outcome = import_rows(dossier, [header, (2, ["Nguyễn Văn An", "010090001234", "LĐTT"])], by=clerk)
    assert problems(outcome) == []
    Nomination.objects.all().delete()
    outcome = import_rows(dossier, [header, (2, ["Trần Văn Khác", "010090001234", "LĐTT"])], by=clerk)
    assert problems(outcome) == [
        "Dòng 2, cột “Số CCCD”: số CCCD này là của “Nguyễn Văn An”, không phải của “Trần Văn Khác”."]


def test_person_of_another_unit_is_never_linked_and_shown_only_to_who_may_read_it(world, dossier, clerk):
    rows = [(1, ["Họ và tên", "Hình thức đề nghị"]), (2, ["Giàng A Páo", "LĐTT"])]
    outcome = import_rows(dossier, rows, by=clerk)
    assert outcome.problems == []
    [row] = outcome.review
    assert row.reason == "Không có người nào tên này trong Sở Y tế và các đơn vị trực thuộc."
    assert row.candidates == []  # the clerk may not read the other unit's people
    outcome = import_rows(dossier, rows, by=world.users["specialist"])
    [row] = outcome.review
    assert row.reason.startswith("Không có người nào tên này trong Sở Y tế")
    assert [(c["name"], c["unit"], c["linkable"]) for c in row.candidates] == [
        ("Giàng A Páo", "Sở Giáo dục và Đào tạo", False)]
    outcome = import_rows(dossier, rows, by=world.users["specialist"], choices={2: f"link:{row.candidates[0]['pk']}"})
    assert outcome.needs_review and not Nomination.objects.exists()


def test_persons_created_only_by_the_clerks_choice_for_the_row(world, dossier, clerk):
    """Issue 13: "create all missing" is gone; a person is created per row, by choice, gender and unit from the
    file; a row without a birth date creates a person whose birth year is unknown, and its verdict says so."""
    header = (1, ["Họ và tên", "Năm sinh", "Giới tính", "Chức vụ, đơn vị", "Hình thức đề nghị"])
    rows = [header, (2, ["Lê Văn Xuân", "1988", "Nam", "Bác sĩ, Bệnh viện Đa khoa tỉnh", "LĐTT"]),
            (3, ["Bà Phạm Thu Hà", "", "", "Chuyên viên", "LĐTT"]), (4, ["Ông Cao Văn Bỏ", "1970", "", "", "LĐTT"])]
    outcome = import_rows(dossier, rows, by=clerk)
    assert [row.row for row in outcome.review] == [2, 3, 4]
    outcome = import_rows(dossier, rows, by=clerk, choices={2: "create", 3: "create"})
    assert outcome.needs_review and not Person.objects.filter(name_folded="le van xuan").exists()
    outcome = import_rows(dossier, rows, by=clerk, choices={2: "create", 3: "create", 4: "drop"})
    assert (outcome.lines, outcome.persons_created) == (2, 2)
    xuan, ha = Person.objects.get(full_name="Lê Văn Xuân"), Person.objects.get(full_name="Phạm Thu Hà")
    assert (xuan.unit, xuan.birth_year, xuan.gender, xuan.name_folded) == (world.unit_a_child, 1988, "male",
                                                                          "le van xuan")
    assert (ha.unit, ha.birth_year, ha.gender) == (world.unit_a, None, "female")
    assert not Person.objects.filter(name_folded="cao van bo").exists()
    verdict = Nomination.objects.get(person=ha).verdict_live
    assert "năm sinh chưa rõ" in " ".join(f["message"] for f in verdict["findings"] if not f["passed"]).lower()
    verdict = Nomination.objects.get(person=xuan).verdict_live
    assert "birth_year_unknown" not in [f["code"] for f in verdict["findings"]]


def test_honorifics_link_the_registered_person_and_never_create_one(world, dossier, clerk):
    rows = [(1, ["Họ và tên", "Hình thức đề nghị"]), (2, ["Ông Nguyễn Văn An", "LĐTT"]), (3, ["Bà  ĐẶNG THỊ ĐÀO", "LĐTT"])]
    before = Person.objects.count()
    outcome = import_rows(dossier, rows, by=clerk)
    assert outcome.ok and outcome.persons_created == 0 and Person.objects.count() == before
    assert sorted(n.person_id for n in Nomination.objects.filter(dossier=dossier)) == sorted(
        [world.person_a.pk, world.person_a_child.pk])


def test_retried_commit_adds_nothing(world, dossier, clerk):
    rows = [(1, ["Họ và tên", "Hình thức đề nghị"]), (2, ["Lê Văn Mới", "LĐTT"])]
    first = import_rows(dossier, rows, by=clerk, choices={2: "create"}, batch="202601150900-aaaaaaaa")
    again = import_rows(dossier, rows, by=clerk, choices={2: "create"}, batch="202601150900-aaaaaaaa")
    assert (first.lines, first.persons_created) == (1, 1)
    assert (again.lines, again.persons_created, again.repeated) == (1, 0, True)
    assert Nomination.objects.filter(dossier=dossier).count() == 1
    assert Person.objects.filter(full_name="Lê Văn Mới").count() == 1


def test_two_rows_for_one_person_and_a_name_that_is_only_an_honorific(world, dossier, clerk):
    rows = [(1, ["Họ và tên", "Hình thức đề nghị"]), (2, ["Ông Nguyễn Văn An", "LĐTT"]),
            (3, ["Đ/c NGUYỄN VĂN AN", "CSTĐCS"]), (4, ["Bà", "LĐTT"])]
    outcome = import_rows(dossier, rows, by=clerk)
    assert problems(outcome) == [
        "Dòng 3, cột “Họ và tên”: “NGUYỄN VĂN AN” có tên hai lần trong danh sách (dòng 2 và dòng 3).",
        "Dòng 4, cột “Họ và tên”: “Bà” chỉ là cách xưng hô hoặc học hàm, học vị; hãy ghi đầy đủ họ và tên."]


def test_unknown_collective_and_award_not_for_individuals(world, dossier, clerk):
    rows = [(1, ["Họ và tên", "Hình thức đề nghị"]), (2, ["Tập thể Phòng Không Có", "Tập thể lao động tiên tiến"]),
            (3, ["Nguyễn Văn An", "Tập thể lao động tiên tiến"])]
    outcome = import_rows(dossier, rows, by=clerk)
    assert problems(outcome) == [
        "Dòng 2, cột “Họ và tên”: không có đơn vị nào tên “Phòng Không Có” thuộc Sở Y tế.",
        "Dòng 3, cột “Hình thức đề nghị”: “Tập thể lao động tiên tiến” không xét tặng cho cá nhân."]


def test_nominee_already_holding_the_award_is_imported_and_flagged_ineligible(world, dossier, clerk):
    """Decision: the list is accepted, the line is shown ineligible with the engine's reason (the unit may
    remove it or explain); the workflow freezes the verdict at submission."""
    make_rating(person=world.person_a, year=2025, level="HTTNV")
    make_award(person=world.person_a, code="LDTT", year=2025)
    outcome = import_rows(dossier, [(1, ["Họ và tên", "Hình thức đề nghị"]), (2, ["Nguyễn Văn An", "LĐTT"])],
                          by=clerk, today=TODAY)
    assert problems(outcome) == []
    verdict = Nomination.objects.get(dossier=dossier).verdict_live
    assert verdict["verdict"] == "ineligible"
    assert [f["code"] for f in verdict["findings"] if not f["passed"]] == ["already_awarded"]


def test_bad_files_are_refused_with_a_message(world, dossier, clerk):
    outcome = import_list(dossier, upload(b"MZ\x90\x00 not a list", "danh-sach.xlsx"), by=clerk)
    assert problems(outcome) == ["Tệp danh sách: không nhận loại tệp này. Chấp nhận: Excel (.xlsx), Word (.docx), PDF "
                                 "có lớp chữ, văn bản (.txt, .md, .html)."]
    outcome = import_list(dossier, upload(b"", "danh-sach.xlsx"), by=clerk)
    assert problems(outcome) == ["Tệp danh sách: tệp rỗng."]


def test_import_refused_outside_draft_and_for_another_unit(world, dossier):
    rows = [(1, ["Họ và tên", "Hình thức đề nghị"]), (2, ["Nguyễn Văn An", "LĐTT"])]
    with pytest.raises(ValidationError, match=r"^\['Bạn\ không\ có\ quyền\ sửa\ danh\ sách\ đề\ nghị\ của\ hồ\ sơ\ thuộc\ “Sở\ Y\ tế”\.'\]$"):
        import_rows(dossier, rows, by=world.users["clerk_b"])
    dossier.state = "submitted"
    dossier.save()
    with pytest.raises(ValidationError, match=r"^\['Chỉ\ sửa\ được\ danh\ sách\ đề\ nghị\ khi\ hồ\ sơ\ đang\ là\ bản\ nháp\ hoặc\ bị\ trả\ lại\ để\ bổ\ sung;\ hồ\ sơ\ hiện\ ở\ trạng\ thái\ “Đã\ gửi”\.'\]$") as error:
        import_rows(dossier, rows, by=world.users["clerk_a"])
    assert error.value.messages == ["Chỉ sửa được danh sách đề nghị khi hồ sơ đang là bản nháp hoặc bị trả lại để "
                                    "bổ sung; hồ sơ hiện ở trạng thái “Đã gửi”."]


def test_undo_import_removes_its_lines_only(world, dossier, clerk):
    make_line(dossier, person=world.person_a_child)
    outcome = import_rows(dossier, [(1, ["Họ và tên", "Hình thức đề nghị"]), (2, ["Nguyễn Văn An", "LĐTT"])],
                          by=clerk)
    undone = undo_import(dossier, outcome.batch, by=clerk)
    assert (undone.lines, undone.persons_removed, undone.persons_kept) == (1, [], [])
    assert [str(n.recipient) for n in Nomination.objects.filter(dossier=dossier)] == ["Đặng Thị Đào"]
    assert Person.objects.filter(pk=world.person_a.pk).exists()
    with pytest.raises(ValidationError, match=r"^\['Lượt\ nhập\ này\ không\ còn\ dòng\ nào\ để\ hoàn\ tác\.'\]$"):
        undo_import(dossier, outcome.batch, by=clerk)


def test_undo_removes_the_persons_the_import_created_unless_something_refers_to_them(world, dossier, clerk):
    rows = [(1, ["Họ và tên", "Năm sinh", "Hình thức đề nghị"]), (2, ["Lê Văn Mới", "1980", "LĐTT"]),
            (3, ["Trần Thị Giữ", "1981", "LĐTT"])]
    outcome = import_rows(dossier, rows, by=clerk, choices={2: "create", 3: "create"})
    kept = Person.objects.get(full_name="Trần Thị Giữ")
    make_rating(person=kept, year=2025, level="HTTNV")  # recorded meanwhile
    undone = undo_import(dossier, outcome.batch, by=clerk)
    assert undone.lines == 2 and undone.persons_removed == ["Lê Văn Mới"]
    assert [name for name, _why in undone.persons_kept] == ["Trần Thị Giữ"]
    assert not Person.objects.filter(full_name="Lê Văn Mới").exists() and Person.objects.filter(pk=kept.pk).exists()


@pytest.mark.parametrize("count", [5, 40])
def test_import_queries_do_not_grow_with_the_lines(world, dossier, clerk, count, django_assert_num_queries):
    people = make_people(world.unit_a, count)
    rows = [(1, ["Họ và tên", "Hình thức đề nghị"])] + [(i + 2, [p.full_name, "LĐTT"]) for i, p in enumerate(people)]
    with django_assert_num_queries(FIXED_IMPORT_QUERIES):
        outcome = import_rows(dossier, rows, by=clerk, today=TODAY)
    assert outcome.lines == count


# scope, tree, catalogue, persons, units, lines, batch check and lock, the quotas (locked), engine, audit, the
# idempotency record (tdkt.jobs.idempotency): never per line
FIXED_IMPORT_QUERIES = 30


@pytest.mark.parametrize("count", [1, 30])
def test_review_queries_do_not_grow_with_the_rows(world, dossier, clerk, count, django_assert_num_queries):
    rows = [(1, ["Họ và tên", "Năm sinh", "Hình thức đề nghị"])] + [
        (i + 2, [f"Ông Người Chưa Có {i:03d}", "", "LĐTT"]) for i in range(count)]
    with django_assert_num_queries(FIXED_REVIEW_QUERIES):
        outcome = import_rows(dossier, rows, by=clerk, today=TODAY)
    assert outcome.needs_review and len(outcome.review) == count


FIXED_REVIEW_QUERIES = 12  # scope, tree, catalogue, persons here and elsewhere, units, lines: never per row

PREFIXES = ["", "Ông ", "Bà ", "Đ/c ", "Đồng chí ", "TS.", "PGS.TS. ", "ThS. BS. ", "Đại tá ", "Chị "]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(prefix=st.sampled_from(PREFIXES), case=st.sampled_from(["as is", "upper", "lower"]),
       spaces=st.sampled_from([" ", "  ", "\u00a0"]), nfd=st.booleans())
def test_linking_never_creates_a_person_when_an_exact_match_exists(world, dossier, clerk, prefix, case, spaces,
                                                                   nfd):
    import unicodedata

    name = {"as is": "Nguyễn Văn An", "upper": "NGUYỄN VĂN AN", "lower": "nguyễn văn an"}[case].replace(" ", spaces)
    written = unicodedata.normalize("NFD", prefix + name) if nfd else prefix + name
    before = Person.objects.count()
    outcome = import_rows(dossier, [(1, ["Họ và tên", "Năm sinh", "Hình thức đề nghị"]),
                                    (2, [written, "1985", "LĐTT"])], by=clerk, today=TODAY)
    try:
        assert outcome.ok and outcome.persons_created == 0 and Person.objects.count() == before
        assert Nomination.objects.get(dossier=dossier).person_id == world.person_a.pk
    finally:
        Nomination.objects.filter(dossier=dossier).delete()
