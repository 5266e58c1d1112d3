"""Archived decisions recognising initiatives: the authors are the lines, grouped by initiative, matched and
settled as award lines are; the commit writes each initiative once — a history record for its authors and a
recognised register entry with the written shares (else equal ones) — all or nothing, and a second scan of
the same decision adds nothing. A scope that cannot be read, or an initiative without a readable author,
stops the commit with a Vietnamese message naming the document and the line. Fixed queries per commit."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tdkt.audit.models import AuditEvent
from tdkt.awards.archive.commit import problems, start_commit
from tdkt.awards.archive.models import ArchivedLine, ArchiveState, LineStatus
from tdkt.awards.archive.reading import create_batch, read_batch
from tdkt.awards.archive.services import settle_line, update_header
from tdkt.awards.models import AwardRecord, Initiative
from tdkt.initiatives.enums import WorkState
from tdkt.initiatives.models import Work
from tests.awards.archive.support import uploaded
from tests.documents.initiative_decisions import ROWS, initiative_docx
from tests.factories import make_person


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def _read(world, data: bytes, name="qd-sang-kien.docx"):
    clerk = world.users["clerk_a"]
    batch = read_batch(create_batch(by=clerk, unit=world.unit_a, files=[uploaded(data, name)]).batch, by=clerk)
    return clerk, batch, batch.documents.get()


def _create_the_unknown(document, clerk) -> None:
    for line in document.lines.filter(status=LineStatus.DOUBTFUL):
        settle_line(line, by=clerk, choice="create")


def test_a_recognition_decision_is_read_into_author_lines_and_recorded_once(world, as_persona):
    clerk, batch, document = _read(world, initiative_docx())
    assert (document.recognises_initiatives, document.scope, document.number, document.date, document.year) == (
        True, "TINH", "1520/QĐ-UBND", datetime.date(2025, 11, 20), 2025)
    lines = list(document.lines.order_by("initiative", "pk").values_list(
        "initiative", "name", "position", "unit_text", "share", "status", "person_id"))
    assert lines == [
        (0, "Nguyễn Văn An", "Trưởng phòng Nội vụ", "", 60, "linked", world.person_a.pk),
        (0, "Trần Thị Bình", "Chuyên viên", "Sở Y tế", 40, "doubtful", None),
        (1, "Lê Văn Cường", "Giáo viên", "Trường THCS Lê Lợi", None, "doubtful", None),
        (1, "Phạm Thị Dung", "Giáo viên", "Trường THCS Lê Lợi", None, "doubtful", None),
        (2, "Hoàng Văn Em", "Phó Chánh", "Văn phòng UBND huyện", None, "doubtful", None),
        (2, "Vũ Thị Giang", "Chuyên viên", "Văn phòng UBND huyện", None, "doubtful", None)]
    assert document.lines.get(name="Trần Thị Bình").message == (
        "Chưa có ai tên “Trần Thị Bình” trong Sở Y tế và các đơn vị trực thuộc; hãy tạo người mới hoặc bỏ dòng này.")

    page = as_persona("clerk_a").get(reverse("awards:archive_document", args=[document.pk])).content.decode()
    assert "Các sáng kiến và tác giả" in page and "Tỷ lệ đóng góp" in page
    assert "Sáng kiến 1: “Ứng dụng phần mềm quản lý hồ sơ thi đua trên nền tảng số”" in page
    assert "<td>60%" in page and "Phạm vi ảnh hưởng" in page

    _create_the_unknown(document, clerk)
    batch = start_commit(batch, by=clerk)
    assert batch.state == ArchiveState.COMMITTED
    records = {r.title: r for r in Initiative.objects.filter(archived_document=document)}
    assert sorted(records) == sorted(row[1] for row in ROWS if row[1])
    first = records[ROWS[0][1]]
    assert (first.year, first.scope, first.decision_number, first.decision_date, first.recognised_by) == (
        2025, "TINH", "1520/QĐ-UBND", datetime.date(2025, 11, 20), "ỦY BAN NHÂN DÂN TỈNH LÀO CAI")
    assert sorted(first.authors.values_list("full_name", flat=True)) == ["Nguyễn Văn An", "Trần Thị Bình"]
    assert world.person_a.initiatives.get() == first  # what eligibility reads
    works = {w.title: w for w in Work.objects.filter(record__archived_document=document)}
    assert {title: (w.state, w.scope, w.kind, w.decision_number, w.year, w.field) for title, w in works.items()} == {
        ROWS[0][1]: (WorkState.RECOGNISED, "TINH", "initiative", "1520/QĐ-UBND", 2025, "Quản lý nhà nước"),
        ROWS[1][1]: (WorkState.RECOGNISED, "TINH", "initiative", "1520/QĐ-UBND", 2025, "Giáo dục"),
        ROWS[2][1]: (WorkState.RECOGNISED, "TINH", "initiative", "1520/QĐ-UBND", 2025, "Cải cách hành chính")}
    shares = {title: list(w.authors.values_list("person__full_name", "share")) for title, w in works.items()}
    assert shares == {ROWS[0][1]: [("Nguyễn Văn An", 60), ("Trần Thị Bình", 40)],  # as written
                      ROWS[1][1]: [("Lê Văn Cường", 50), ("Phạm Thị Dung", 50)],  # none written: equal
                      ROWS[2][1]: [("Hoàng Văn Em", 50), ("Vũ Thị Giang", 50)]}
    assert works[ROWS[0][1]].unit_id == world.unit_a.pk and AwardRecord.objects.count() == 0
    audit = AuditEvent.objects.filter(object_type="awards.archivebatch", object_id=str(batch.pk), action="import").get()
    assert (audit.changes["initiatives"], audit.changes["initiatives_already"], audit.changes["persons"]) == (3, 0, 5)

    # A second scan of the same decision (another file, the same number and titles) adds nothing.
    _clerk, again, document2 = _read(world, initiative_docx(article="Điều 1. Công nhận sáng kiến cấp tỉnh năm "
                                                                    "2025 (danh sách kèm theo)."), "ban-sao.docx")
    for line in document2.lines.filter(status=LineStatus.DOUBTFUL):
        settle_line(line, by=clerk, choice=f"link:{line.candidates[0]['pk']}")
    assert start_commit(again, by=clerk).state == ArchiveState.COMMITTED
    assert (Initiative.objects.count(), Work.objects.count()) == (3, 3)
    audit = AuditEvent.objects.filter(object_type="awards.archivebatch", object_id=str(again.pk), action="import").get()
    assert (audit.changes["initiatives"], audit.changes["initiatives_already"]) == (0, 3)


def test_a_decision_without_a_readable_scope_waits_for_the_officer(world):
    clerk, batch, document = _read(world, initiative_docx(
        title="Về việc công nhận sáng kiến năm 2025",
        article="Điều 1. Công nhận 03 sáng kiến năm 2025 (có danh sách kèm theo)."))
    assert document.recognises_initiatives and document.scope == ""
    assert "Không đọc được phạm vi ảnh hưởng của sáng kiến" in str(document.reading["warnings"])
    _create_the_unknown(document, clerk)
    assert problems(batch) == ["qd-sang-kien.docx: không đọc được phạm vi ảnh hưởng của các sáng kiến được công nhận; "
                               "hãy chọn phạm vi trong phần thông tin quyết định."]
    with pytest.raises(ValidationError, match="phạm vi ảnh hưởng"):
        start_commit(batch, by=clerk)
    assert Initiative.objects.count() == Work.objects.count() == 0
    update_header(document, by=clerk, number=document.number, date=document.date,
                  issuing_authority=document.issuing_authority, year=document.year, scope="CO_SO")
    assert start_commit(batch, by=clerk).state == ArchiveState.COMMITTED
    assert set(Work.objects.values_list("scope", flat=True)) == set(Initiative.objects.values_list("scope", flat=True)) \
        == {"CO_SO"}


def test_an_initiative_without_a_readable_author_is_named_and_can_be_dropped(world):
    rows = [ROWS[0], ("2", "Giải pháp tiết kiệm điện năng", "", "", "Năng lượng"), ROWS[2]]
    clerk, batch, document = _read(world, initiative_docx(rows=rows))
    error = document.lines.get(initiative=1)
    assert (error.status, error.name, error.initiative_title) == (LineStatus.ERROR, "", "Giải pháp tiết kiệm điện năng")
    _create_the_unknown(document, clerk)
    assert problems(batch) == [
        f"qd-sang-kien.docx, dòng {error.line} (Giải pháp tiết kiệm điện năng): Dòng {error.line}: không đọc được "
        "tác giả nào của sáng kiến “Giải pháp tiết kiệm điện năng”; hãy bỏ dòng này hoặc sửa văn bản rồi tải lên lại."]
    with pytest.raises(ValidationError, match="Cannot|không"):
        settle_line(error, by=clerk, choice="create")
    settle_line(error, by=clerk, choice="drop")
    assert start_commit(batch, by=clerk).state == ArchiveState.COMMITTED
    assert sorted(Work.objects.values_list("title", flat=True)) == sorted([ROWS[0][1], ROWS[2][1]])


def test_shares_that_do_not_add_up_stop_the_commit(world):
    rows = [("1", "Sổ tay nghiệp vụ thi đua", "Nguyễn Văn An (70%); Đặng Thị Đào (20%)", "", "")]
    clerk, batch, document = _read(world, initiative_docx(rows=rows, article="Điều 1. Công nhận sáng kiến cấp tỉnh."))
    assert list(document.lines.values_list("status", flat=True)) == ["linked", "linked"]
    line = document.lines.first().line
    with pytest.raises(ValidationError, match="cộng lại được 90%"):
        start_commit(batch, by=clerk)
    assert problems(batch) == [
        f"qd-sang-kien.docx, dòng {line} (“Sổ tay nghiệp vụ thi đua”): tỷ lệ đóng góp ghi trong văn bản cộng lại được "
        "90% hoặc thiếu ở một số tác giả; hãy bỏ dòng của người không phải tác giả, hoặc sửa văn bản."]
    assert Work.objects.count() == 0


def _authors_known(world, count: int, given: str):
    rows = []
    for index in range(count):
        first, second = f"Lê {given} Tác{chr(65 + index)}", f"Hà {given} Giả{chr(65 + index)}"
        make_person(first, unit=world.unit_a)
        make_person(second, unit=world.unit_a)
        rows.append((str(index + 1), f"Sáng kiến số {index + 1} về cải cách", f"{first}\n{second}", "", ""))
    return rows


def test_the_commit_takes_as_many_queries_for_two_initiatives_as_for_five(world):
    counts = []
    for number, count, given in (("11/QĐ-UBND", 2, "Minh"), ("12/QĐ-UBND", 5, "Lan")):
        clerk, batch, document = _read(world, initiative_docx(number=number, rows=_authors_known(world, count, given),
                                                              article="Điều 1. Công nhận sáng kiến cấp tỉnh."),
                                       f"qd-{count}.docx")
        assert set(document.lines.values_list("status", flat=True)) == {"linked"}
        with CaptureQueriesContext(connection) as queries:
            assert start_commit(batch, by=clerk).state == ArchiveState.COMMITTED
        counts.append(len(queries))
    assert Work.objects.count() == 7 and ArchivedLine.objects.count() == 14
    assert counts[0] == counts[1]
