"""Importing a nominee list into a dossier: all or nothing, matching, duplicates, new persons, undo."""

import datetime

import pytest
from django.core.exceptions import ValidationError

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
    data = xlsx_bytes([[1, "Nguyễn Văn An", "Chuyên viên", "Lao động tiên tiến"],
                       [2, "Đặng Thị Đào", "Điều dưỡng", "Bằng khen UBND"],
                       [3, "Lê Văn Xuân", "", "Lao động tiên tiến"]])
    outcome = import_list(dossier, upload(data), by=clerk)
    assert problems(outcome) == [
        "Dòng 6, cột “Hình thức đề nghị”: không nhận ra hình thức “Bằng khen UBND”. "
        "Có phải là: “Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh”?",
        "Dòng 7, cột “Họ và tên”: không tìm thấy người tên “Lê Văn Xuân” thuộc Sở Y tế và các đơn vị trực thuộc. "
        "Hãy thêm người này vào cơ sở dữ liệu, hoặc chọn “Tạo mới những người chưa có trong cơ sở dữ liệu” và ghi "
        "năm sinh.",
    ]
    assert not Nomination.objects.filter(dossier=dossier).exists()


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


def test_ambiguous_person_names_the_candidates(world, dossier, clerk):
    make_person("Nguyễn Văn An", unit=world.unit_a_child, birth_date=datetime.date(1990, 5, 6))
    header = (1, ["Họ và tên", "Năm sinh", "Hình thức đề nghị"])
    outcome = import_rows(dossier, [header, (2, ["Nguyễn Văn An", "", "LĐTT"])], by=clerk)
    assert problems(outcome) == [
        "Dòng 2, cột “Họ và tên”: có 2 người trùng với “Nguyễn Văn An”: Nguyễn Văn An (04/03/1985, Sở Y tế); "
        "Nguyễn Văn An (06/05/1990, Bệnh viện Đa khoa tỉnh). Hãy ghi thêm năm sinh hoặc số CCCD để phân biệt."]
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


def test_person_of_another_unit_is_not_found(world, dossier, clerk):
    outcome = import_rows(dossier, [(1, ["Họ và tên", "Hình thức đề nghị"]), (2, ["Giàng A Páo", "LĐTT"])], by=clerk)
    assert len(outcome.problems) == 1
    assert "không tìm thấy người tên “Giàng A Páo” thuộc Sở Y tế" in problems(outcome)[0]


def test_missing_persons_created_when_opted_in(world, dossier, clerk):
    header = (1, ["Họ và tên", "Năm sinh", "Giới tính", "Hình thức đề nghị"])
    rows = [header, (2, ["Lê Văn Xuân", "1988", "Nam", "LĐTT"]), (3, ["Phạm Thu", "", "Nữ", "LĐTT"])]
    outcome = import_rows(dossier, rows, by=clerk, create_missing=True)
    assert problems(outcome) == [
        "Dòng 3, cột “Năm sinh”: “Phạm Thu” chưa có trong cơ sở dữ liệu; cần ghi năm sinh để tạo mới."]
    assert not Person.objects.filter(full_name="Lê Văn Xuân").exists()
    outcome = import_rows(dossier, rows[:2], by=clerk, create_missing=True)
    assert (outcome.lines, outcome.persons_created) == (1, 1)
    person = Person.objects.get(full_name="Lê Văn Xuân")
    assert (person.unit, person.birth_year, person.gender, person.name_folded) == (world.unit_a, 1988, "male",
                                                                                  "le van xuan")


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
    assert problems(outcome) == ["Tệp danh sách: không chấp nhận loại tệp này. Chỉ chấp nhận: DOCX, XLSX."]
    outcome = import_list(dossier, upload(b"", "danh-sach.xlsx"), by=clerk)
    assert problems(outcome) == ["Tệp danh sách: tệp rỗng."]


def test_import_refused_outside_draft_and_for_another_unit(world, dossier):
    rows = [(1, ["Họ và tên", "Hình thức đề nghị"]), (2, ["Nguyễn Văn An", "LĐTT"])]
    with pytest.raises(ValidationError):
        import_rows(dossier, rows, by=world.users["clerk_b"])
    dossier.state = "submitted"
    dossier.save()
    with pytest.raises(ValidationError) as error:
        import_rows(dossier, rows, by=world.users["clerk_a"])
    assert error.value.messages == ["Chỉ sửa được danh sách đề nghị khi hồ sơ đang là bản nháp hoặc bị trả lại để "
                                    "bổ sung; hồ sơ hiện ở trạng thái “Đã gửi”."]


def test_undo_import_removes_its_lines_only(world, dossier, clerk):
    make_line(dossier, person=world.person_a_child)
    outcome = import_rows(dossier, [(1, ["Họ và tên", "Hình thức đề nghị"]), (2, ["Nguyễn Văn An", "LĐTT"])],
                          by=clerk)
    assert undo_import(dossier, outcome.batch, by=clerk) == 1
    assert [str(n.recipient) for n in Nomination.objects.filter(dossier=dossier)] == ["Đặng Thị Đào"]
    with pytest.raises(ValidationError):
        undo_import(dossier, outcome.batch, by=clerk)


@pytest.mark.parametrize("count", [5, 40])
def test_import_queries_do_not_grow_with_the_lines(world, dossier, clerk, count, django_assert_num_queries):
    people = make_people(world.unit_a, count)
    rows = [(1, ["Họ và tên", "Hình thức đề nghị"])] + [(i + 2, [p.full_name, "LĐTT"]) for i, p in enumerate(people)]
    with django_assert_num_queries(FIXED_IMPORT_QUERIES):
        outcome = import_rows(dossier, rows, by=clerk, today=TODAY)
    assert outcome.lines == count


FIXED_IMPORT_QUERIES = 25  # scope, tree, catalogue, persons, lines, engine, audit: never per line
