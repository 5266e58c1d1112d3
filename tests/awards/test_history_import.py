"""History import: every bad input of the issue gets its precise message and nothing is committed;
persons are matched (exact, doubtful → review, new) and never merged silently; commit is all or
nothing; re-importing the same file adds nothing; long files run as a background task with progress."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test.utils import override_settings
from django.utils import translation

from tdkt.audit.models import AuditEvent
from tdkt.awards.imports import services
from tdkt.awards.imports.models import BatchState, ImportBatch, ImportMapping, RowStatus
from tdkt.awards.models import AwardRecord, Initiative, Rating
from tdkt.jobs.models import Job
from tdkt.people.models import Person
from tests.awards.import_support import (
    AWARD_HEADER,
    FIELD_LABEL,
    INITIATIVE_HEADER,
    RATING_HEADER,
    check,
    csv_bytes,
    import_all,
    row,
    row_statuses,
    upload,
    uploaded,
    xlsx_bytes,
)
from tests.awards.support import THIS_YEAR
from tests.factories import make_person, make_rating

d = datetime.date


@pytest.fixture
def specialist(world):
    return world.users["specialist"]


def refused_file(user, unit, data: bytes, name="file.xlsx", kind="awards") -> list[str]:
    with pytest.raises(ValidationError, match=r"^\{'file': \[") as caught:  # callers compare the messages
        services.create_batch(by=user, kind=kind, unit=unit, uploaded=uploaded(data, name), field_label=FIELD_LABEL)
    return caught.value.message_dict["file"]


def counts():
    return Person.objects.count(), AwardRecord.objects.count(), Rating.objects.count(), Initiative.objects.count()


AN = ["Nguyễn Văn An", "04/03/1985", "Sở Y tế"]  # person_a of the world fixture


# --- bad files: refused at upload, with the exact Vietnamese message ------------------------------------------


class _HugeUpload:
    """An upload whose size is over the limit: refused before a byte is read."""

    name = "lich-su.xlsx"
    size = 50 * 1024 * 1024

    def read(self, *args):
        raise AssertionError("a file over the limit must not be read")


def test_a_50_mb_spreadsheet_is_refused_before_it_is_read(world, specialist):
    with translation.override("vi"), pytest.raises(ValidationError, match=r"^\{'file': \['Tệp: tệp có dung lượng 50,0 MB, vượt quá giới hạn 20 MB\.'\]\}$") as caught:
        services.create_batch(by=specialist, kind="awards", unit=world.unit_a, uploaded=_HugeUpload(),
                              field_label=FIELD_LABEL)
    assert caught.value.message_dict["file"] == ["Tệp: tệp có dung lượng 50,0 MB, vượt quá giới hạn 20 MB."]
    assert not ImportBatch.objects.exists()


def test_formulas_are_refused_with_the_cell(world, specialist):
    rows = [AWARD_HEADER, AN + ["LĐTT", 2024, "1/QĐ", "10/01/2025"], AN + ["CSTĐCS", "=2020+4", "2/QĐ", "10/01/2025"]]
    with translation.override("vi"):
        assert refused_file(specialist, world.unit_a, xlsx_bytes(rows)) == ["Ô E3 chứa công thức; hãy dán giá trị"]
    data = xlsx_bytes([AWARD_HEADER, AN + ["LĐTT", 2024, "1/QĐ", "10/01/2025"], AN + ["LĐTT", 2023, "1/QĐ", "=C5"]])
    with translation.override("vi"):
        assert refused_file(specialist, world.unit_a, data) == ["Ô G3 chứa công thức; hãy dán giá trị"]
    with translation.override("vi"):
        assert refused_file(specialist, world.unit_a, csv_bytes([AWARD_HEADER, ["=HYPERLINK(1)"]]), "f.csv") == [
            "Ô A2 chứa công thức; hãy dán giá trị"]


def test_merged_cells_are_refused(world, specialist):
    rows = [AWARD_HEADER, AN + ["LĐTT", 2024, "1/QĐ", "10/01/2025"]]
    with translation.override("vi"):
        assert refused_file(specialist, world.unit_a, xlsx_bytes(rows, merge="D1:E1")) == [
            "Các ô D1:E1 của dòng tiêu đề bị gộp; hãy bỏ gộp ô để mỗi cột có tiêu đề riêng"]
        assert refused_file(specialist, world.unit_a, xlsx_bytes(rows + [["", "", "", "LĐTT"]], merge="A2:A3")) == [
            "Các ô A2:A3 bị gộp; hãy bỏ gộp ô và điền giá trị cho từng dòng"]


def test_a_merged_title_above_the_header_is_fine(world, specialist):
    rows = [AWARD_HEADER, AN + ["LĐTT", 2024, "1/QĐ", "10/01/2025"]]
    batch = upload(specialist, world.unit_a, rows, title="DANH SÁCH KHEN THƯỞNG NĂM 2024", merge="A1:G1")
    assert (batch.header_row, batch.header[:2], batch.total_rows) == (2, ["Họ và tên", "Ngày sinh"], 1)


def test_wrong_encodings_are_refused(world, specialist):
    rows = [AWARD_HEADER, ["Nguyễn Văn An", "04/03/1985", "Sở Y tế", "Lao động tiên tiến", "2024"]]
    with translation.override("vi"):
        assert refused_file(specialist, world.unit_a, csv_bytes(rows, encoding="cp1258", errors="replace"), "f.csv") == [
            "Tệp: tệp văn bản không được mã hóa UTF-8 (byte không hợp lệ ở vị trí 4). Hãy lưu lại với định dạng "
            "“CSV UTF-8”."]
        assert refused_file(specialist, world.unit_a, csv_bytes(rows, encoding="utf-16"), "f.csv") == [
            "Tệp: tệp văn bản được mã hóa UTF-16. Hãy lưu lại dưới dạng “CSV UTF-8”."]


def test_empty_and_unreadable_files_are_refused(world, specialist):
    with translation.override("vi"):
        assert refused_file(specialist, world.unit_a, xlsx_bytes([AWARD_HEADER])) == [
            "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."]
        assert refused_file(specialist, world.unit_a, xlsx_bytes([])) == ["Tệp không có dòng dữ liệu nào."]
        broken = xlsx_bytes([AWARD_HEADER, AN])[:3000]
        assert refused_file(specialist, world.unit_a, broken) != []


def test_a_clerk_cannot_import_for_another_unit(world):
    with pytest.raises(ValidationError, match=r"^\{'unit': \['You may not import the history of “Sở Y tế”\.'\]\}$") as caught:
        upload(world.users["clerk_b"], world.unit_a, [AWARD_HEADER, AN + ["LĐTT", 2024]])
    assert caught.value.message_dict == {"unit": ["You may not import the history of “Sở Y tế”."]}


# --- columns: guessed from the headings, remembered by header signature -------------------------------------------


def test_columns_are_guessed_from_vietnamese_headings(world, specialist):
    header = ["STT", "Họ tên", "Năm sinh", "Đơn vị công tác", "Hình thức khen thưởng", "Năm", "Số QĐ", "Ngày QĐ",
              "Cơ quan ban hành"]
    batch = upload(specialist, world.unit_a, [header, [1, "Nguyễn Văn An", 1985, "SYT", "GK", 2024, "1", "", "Sở"]])
    assert batch.mapping == {"full_name": 1, "birth": 2, "unit": 3, "award": 4, "year": 5, "decision_number": 6,
                             "decision_date": 7, "decision_issuer": 8}


def test_a_mapping_is_remembered_for_the_same_headings(world, specialist):
    header = ["Cán bộ", "Sinh", "Khen", "Năm"]
    batch = upload(specialist, world.unit_a, [header, ["Nguyễn Văn An", "1985", "LĐTT", 2024]])
    assert batch.mapping == {"year": 3}
    services.map_columns(batch, {"full_name": 0, "birth": 1, "award": 2, "year": 3}, by=specialist)
    assert ImportMapping.objects.count() == 1
    again = upload(specialist, world.unit_a, [header, ["Trần Văn Bình", "1990", "LĐTT", 2023]])
    assert again.mapping == {"full_name": 0, "birth": 1, "award": 2, "year": 3}


def test_a_mapping_without_required_columns_is_refused(world, specialist):
    batch = upload(specialist, world.unit_a, [["Họ và tên", "Năm"], ["Nguyễn Văn An", 2024]])
    with translation.override("vi"), pytest.raises(ValidationError, match=r"^\['Hãy chọn cột “Danh hiệu hoặc hình thức”\.', 'Cột “Họ và tên” được chọn cho cả “Họ và tên” và “Năm lập thành tích”\.'\]$") as caught:
        services.map_columns(batch, {"full_name": 0, "year": 0}, by=specialist)
    assert caught.value.messages == ["Hãy chọn cột “Danh hiệu hoặc hình thức”.",
                                     "Cột “Họ và tên” được chọn cho cả “Họ và tên” và “Năm lập thành tích”."]


# --- rows: precise messages, nothing committed ------------------------------------------------------------


def messages_of(batch, number):
    return row(batch, number).messages


def test_bad_rows_get_precise_messages_in_vietnamese(world, specialist):
    rows = [
        AWARD_HEADER,
        AN + ["Lao động tiên tiến", THIS_YEAR + 1, "1/QĐ", ""],
        AN + ["Chiến sĩ thi đua xuất sắc nhất", 2024, "2/QĐ", ""],
        AN + ["LĐTT", 2023, "3/QĐ", "32/13/2024"],
        ["", "", "Sở Y tế", "LĐTT", 2024, "4/QĐ", ""],
        ["Trần Văn Bình", "", "Sở Không Có", "LĐTT", 2024, "5/QĐ", ""],
        ["Trần Văn Bình", "", "SYT", "Tập thể lao động tiên tiến", 2024, "6/QĐ", ""],
        AN + ["LĐTT", 2022, "7/QĐ", "10/01/2021"],
        AN + ["LĐTT", "", "8/QĐ", ""],
    ]
    with translation.override("vi"):
        batch = check(specialist, world.unit_a, rows)
        assert batch.state == BatchState.VALIDATED
        assert messages_of(batch, 2) == [f"Cột “Năm”: năm {THIS_YEAR + 1} ở tương lai."]
        assert messages_of(batch, 3)[0].startswith(
            "Cột “Danh hiệu”: “Chiến sĩ thi đua xuất sắc nhất” không phải danh hiệu hay hình thức khen thưởng đã biết")
        assert messages_of(batch, 4) == ["Cột “Ngày quyết định”: “32/13/2024” không phải là ngày (ngày/tháng/năm)."]
        assert messages_of(batch, 5) == ["Cột “Họ và tên” để trống."]
        assert messages_of(batch, 6) == [
            "Cột “Đơn vị”: không tìm thấy đơn vị “Sở Không Có” (ghi tên hoặc mã đơn vị)."]
        assert messages_of(batch, 7) == ["“Tập thể lao động tiên tiến” không dùng để tặng cá nhân."]
        assert messages_of(batch, 8) == ["Ngày quyết định trước năm lập thành tích 2022."]
        assert messages_of(batch, 9) == ["Nhập năm lập thành tích, năm học hoặc thời gian lập thành tích."]
    before = counts()
    with pytest.raises(ValidationError, match=r"^\['Correct the 8 rows with errors and upload the file again; nothing has been imported\.'\]$") as caught:
        services.start_commit(batch, by=specialist)
    assert caught.value.messages == [
        "Correct the 8 rows with errors and upload the file again; nothing has been imported."]
    assert counts() == before


def test_units_outside_the_clerks_scope_are_row_errors(world):
    clerk = world.users["clerk_a"]
    rows = [RATING_HEADER, ["Giàng A Páo", "", "Sở Giáo dục và Đào tạo", 2024, "HTTNV"],
            ["Đặng Thị Đào", "", "BVDK", 2024, "HTTNV"]]
    with translation.override("vi"):
        batch = check(clerk, world.unit_a, rows, kind="ratings")
    assert messages_of(batch, 2) == [
        "Cột “Đơn vị”: “Sở Giáo dục và Đào tạo” nằm ngoài các đơn vị bạn được nhập dữ liệu."]
    assert row(batch, 3).status == RowStatus.REVIEW  # a sub-unit of unit A: in scope (no birth date to compare)


def test_ratings_twice_for_a_year_in_the_file_or_in_the_database(world, specialist):
    make_rating(person=world.person_a, year=2022, level="HTTNV")
    rows = [RATING_HEADER,
            ["Nguyễn Văn An", "1985", "SYT", 2023, "HTXSNV"],
            ["Nguyễn Văn An", "1985", "SYT", 2023, "Hoàn thành tốt nhiệm vụ"],
            ["Nguyễn Văn An", "1985", "SYT", 2022, "Hoàn thành xuất sắc nhiệm vụ"],
            ["Nguyễn Văn An", "1985", "SYT", 2021, "Giỏi"]]
    with translation.override("vi"):
        batch = check(specialist, world.unit_a, rows, kind="ratings")
        assert messages_of(batch, 3) == ["Xếp loại năm 2023 của người này đã có ở dòng 2."]
        assert messages_of(batch, 4) == ["Xếp loại năm 2022 của Nguyễn Văn An đã được ghi nhận."]
        assert messages_of(batch, 5) == [
            "Cột “Xếp loại”: “Giỏi” không phải mức xếp loại (HTXSNV, HTTNV, HTNV, KHTNV)."]
    assert row_statuses(batch)[0] == (2, RowStatus.READY)


def test_an_initiative_claimed_twice(world, specialist):
    rows = [INITIATIVE_HEADER,
            AN + ["Số hóa hồ sơ bệnh án", 2023, "Cơ sở", "5/QĐ"],
            AN + ["Số hóa  hồ sơ bệnh án", 2023, "cơ sở", "5/QĐ"],
            ["Lò Văn Nam", "1990", "BVDK", "Số hóa hồ sơ bệnh án", 2023, "Tỉnh", "9/QĐ"],
            ["Lò Văn Nam", "1990", "BVDK", "Phần mềm trực", 2024, "Cấp tỉnh", ""]]
    with translation.override("vi"):
        batch = check(specialist, world.unit_a, rows, kind="initiatives")
        assert messages_of(batch, 3) == [
            "Sáng kiến “Số hóa hồ sơ bệnh án” đã được kê khai cho người này ở dòng 2."]
        assert messages_of(batch, 4) == [
            "Sáng kiến “Số hóa hồ sơ bệnh án” (2023) đã có ở dòng 2 với phạm vi hoặc quyết định khác."]
    assert row(batch, 5).status == RowStatus.READY


def test_initiatives_with_several_authors_become_one_initiative(world, specialist):
    rows = [INITIATIVE_HEADER, AN + ["Số hóa hồ sơ", 2023, "Cơ sở", "5/QĐ"],
            ["Lò Văn Nam", "1990", "BVDK", "Số hóa hồ sơ", 2023, "Cơ sở", "5/QĐ"]]
    batch = import_all(specialist, world.unit_a, rows, kind="initiatives")
    assert batch.state == BatchState.COMMITTED
    initiative = Initiative.objects.get()
    assert sorted(initiative.authors.values_list("full_name", flat=True)) == ["Lò Văn Nam", "Nguyễn Văn An"]
    assert initiative.scope == "CO_SO"


# --- person matching ---------------------------------------------------------------------------------------


def test_exact_matches_and_new_persons(world, specialist):
    rows = [AWARD_HEADER,
            ["Nguyễn Văn An", "04/03/1985", "Sở Y tế", "LĐTT", 2023, "1/QĐ", ""],  # same date of birth
            ["NGUYEN VAN AN", "1985", "SYT", "CSTĐCS", 2023, "2/QĐ", ""],  # same year, folded name
            ["Nguyễn Văn An", "05/03/1985", "Sở Y tế", "LĐTT", 2024, "3/QĐ", ""],  # another An: new
            ["Lò Thị Mai", "1990", "Sở Y tế", "LĐTT", 2023, "4/QĐ", ""],
            ["Lò Thị Mai", "1990", "Sở Y tế", "LĐTT", 2024, "5/QĐ", ""]]
    batch = check(specialist, world.unit_a, rows)
    assert row_statuses(batch) == [(n, RowStatus.READY) for n in range(2, 7)]
    assert [row(batch, n).match_person_id for n in (2, 3, 4, 5)] == [world.person_a.pk, world.person_a.pk, None, None]
    before = Person.objects.count()
    batch = services.start_commit(batch, by=specialist)
    assert batch.state == BatchState.COMMITTED, batch.error
    assert Person.objects.count() == before + 2  # the other An, and Mai once for her two rows
    assert batch.counts == {"matched": 2, "created": 3}
    mai = Person.objects.get(name_folded="lo thi mai")
    assert (mai.birth_year, mai.unit, mai.award_records.count()) == (1990, world.unit_a, 2)
    assert {r.source for r in AwardRecord.objects.all()} == {"imported"}


def test_doubtful_matches_wait_for_review_and_are_never_merged(world, specialist):
    make_person("Nguyễn Văn An", unit=world.unit_a, birth_year=1985)  # a second An of 1985 in unit A
    make_person("Giàng A Páo", unit=world.unit_b, birth_year=1970)
    rows = [AWARD_HEADER,
            ["Nguyễn Văn An", "1985", "SYT", "LĐTT", 2023, "1/QĐ", ""],  # two candidates
            ["Nguyễn Văn An", "1985", "SYT", "CSTĐCS", 2023, "2/QĐ", ""],  # same person key: decided together
            ["Đặng Thị Đào", "", "BVDK", "LĐTT", 2023, "3/QĐ", ""]]  # same name, no birth to compare
    with translation.override("vi"):
        batch = check(specialist, world.unit_a, rows)
        assert messages_of(batch, 2) == [
            "Chưa chắc chắn: có 2 người tên “Nguyễn Văn An” ở Sở Y tế; hãy chọn một người hoặc tạo cá nhân mới."]
        assert messages_of(batch, 4) == [
            "Chưa chắc chắn: không so được ngày sinh của “Đặng Thị Đào” ở Bệnh viện Đa khoa tỉnh; hãy chọn người đó "
            "hoặc tạo cá nhân mới."]
    assert batch.counts == {"review": 3}
    with pytest.raises(ValidationError, match=r"^\['Decide the 3 rows waiting for review first\.'\]$") as caught:
        services.start_commit(batch, by=specialist)
    assert caught.value.messages == ["Decide the 3 rows waiting for review first."]
    with pytest.raises(ValidationError, match=r"^\['Choose one of the persons proposed for this row\.'\]$"):
        services.resolve_row(row(batch, 2), by=specialist, person_id=world.person_b.pk)  # not proposed
    assert services.resolve_row(row(batch, 2), by=specialist, person_id=world.person_a.pk) == 2
    assert services.resolve_row(row(batch, 4), by=specialist, person_id=None) == 1
    assert AuditEvent.objects.filter(object_type="awards.importbatch", changes__has_key="review").count() == 2
    persons_before = Person.objects.count()
    batch = services.start_commit(batch, by=specialist)
    assert batch.state == BatchState.COMMITTED, batch.error
    assert world.person_a.award_records.count() == 2
    assert Person.objects.count() == persons_before + 1  # a new Đào; the existing Đào is untouched
    assert world.person_a_child.award_records.count() == 0
    assert Person.objects.filter(merged_into__isnull=False).count() == 0


# --- commit: all or nothing, idempotent, audited -----------------------------------------------------------


def test_a_conflict_at_commit_time_rolls_everything_back(world, specialist):
    rows = [RATING_HEADER, ["Nguyễn Văn An", "1985", "SYT", 2023, "HTTNV"], ["Lò Văn Nam", "1991", "SYT", 2023, "HTNV"]]
    batch = check(specialist, world.unit_a, rows, kind="ratings")
    assert batch.counts == {"ready": 2}
    make_rating(person=world.person_a, year=2023, level="HTXSNV")  # recorded meanwhile, differently
    before = counts()
    with translation.override("vi"):
        batch = services.start_commit(batch, by=specialist)
    assert batch.state == BatchState.FAILED
    assert batch.error == ("Nhập dữ liệu không thành công, không có dữ liệu nào được lưu: Dòng 2: Xếp loại năm 2023 "
                           "của Nguyễn Văn An đã được ghi nhận.")
    assert counts() == before
    assert not Person.objects.filter(full_name="Lò Văn Nam").exists()


def test_re_importing_the_same_file_adds_nothing(world, specialist):
    rows = [AWARD_HEADER, AN + ["LĐTT", 2023, "1/QĐ", "10/01/2024"], ["Lò Thị Mai", "1990", "SYT", "LĐTT", 2023, "1/QĐ", ""]]
    data = xlsx_bytes(rows)  # the same file, byte for byte
    first = import_all(specialist, world.unit_a, rows, data=data)
    assert first.state == BatchState.COMMITTED
    after_first = counts()
    second = check(specialist, world.unit_a, rows, data=data)
    assert second.sha256 == first.sha256 and services.previous_imports(second).get() == first
    assert row_statuses(second) == [(2, RowStatus.EXISTS), (3, RowStatus.EXISTS)]
    second = services.start_commit(second, by=specialist)
    assert second.state == BatchState.COMMITTED
    assert second.counts == {"skipped": 2}
    assert counts() == after_first
    event = AuditEvent.objects.filter(object_type="awards.importbatch", action="import", object_id=str(second.pk)).get()
    assert (event.changes["records_created"], event.changes["persons_created"]) == (0, 0)


def test_every_state_change_is_audited(world, specialist):
    batch = import_all(specialist, world.unit_a, [AWARD_HEADER, AN + ["LĐTT", 2023, "1/QĐ", ""]])
    events = list(AuditEvent.objects.filter(object_type="awards.importbatch", object_id=str(batch.pk))
                  .order_by("id").values_list("action", "changes"))
    # upload, mapping, then one row per transition (issue 11: the primitive audits each; starting the check and
    # the commit were not audited before), and the commit's own row with its counts
    assert [action for action, _changes in events] == ["create", "update", "update", "update", "update", "update",
                                                       "import"]
    assert [changes.get("state") for _action, changes in events] == [
        None, None, ["draft", "validating"], ["validating", "validated"], ["validated", "committing"],
        ["committing", "committed"], None]


def test_a_long_file_runs_in_the_background_with_progress(world, specialist, django_capture_on_commit_callbacks):
    rows = [RATING_HEADER] + [[f"Người Thử {n}", 1980 + n % 30, "SYT", 2024, "HTTNV"] for n in range(2100)]
    batch = upload(specialist, world.unit_a, rows, kind="ratings", fmt="csv")
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.map_columns(batch, batch.mapping, by=specialist)
    assert batch.state == BatchState.VALIDATING  # handed to the task; ImmediateBackend runs it on commit
    batch.refresh_from_db()
    assert (batch.state, batch.rows_done, batch.total_rows) == (BatchState.VALIDATED, 2100, 2100)
    with django_capture_on_commit_callbacks(execute=True):
        batch = services.start_commit(batch, by=specialist)
    assert batch.state == BatchState.COMMITTING
    batch.refresh_from_db()
    assert (batch.state, batch.rows_done, batch.total_rows, batch.progress_percent) == (
        BatchState.COMMITTED, 2100, 2100, 100)
    assert Rating.objects.count() == 2100
    assert list(Job.objects.order_by("id").values_list("kind", "state", "progress_done", "progress_total",
                                                       "result_link")) == [
        ("awards.import_validate", "succeeded", 2100, 2100, f"/awards/imports/{batch.pk}/"),
        ("awards.import_commit", "succeeded", 2100, 2100, f"/awards/imports/{batch.pk}/")]


@override_settings(UPLOAD_MAX_BYTES=1024 * 1024)
def test_the_size_limit_comes_from_the_settings(world, specialist):
    data = csv_bytes([RATING_HEADER]) + b"x" * (1024 * 1024 + 200 * 1024)
    with translation.override("vi"):
        assert refused_file(specialist, world.unit_a, data, "f.csv", kind="ratings") == [
            "Tệp: tệp có dung lượng 1,2 MB, vượt quá giới hạn 1 MB."]
