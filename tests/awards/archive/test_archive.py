"""The archive wizard's services and screens: reading a batch (a bad file fails alone), re-upload adds
nothing, matching among the unit's persons (doubtful → settled), commit refused while doubtful, commit twice
adds nothing, the history's scan link and the searchable PDF; query counts of the review list."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from tdkt.awards.archive.commit import start_commit
from tdkt.awards.archive.models import ArchivedDocument, ArchivedLine, ArchiveState, DocumentStatus, LineStatus
from tdkt.awards.archive.reading import create_batch, read_batch
from tdkt.awards.archive.services import settle_line
from tdkt.awards.enums import AwardSource
from tdkt.awards.models import AwardRecord, AwardType
from tdkt.people.models import Person
from tests.awards.archive.support import decision_docx, decision_pdf, stored_read_batch, uploaded
from tests.factories import make_person


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def bk():
    return AwardType.objects.get(code="BK_TINH")


def test_a_batch_is_read_matched_and_a_bad_file_fails_alone(world):
    clerk = world.users["clerk_a"]
    make_person("Lò Văn Bình", unit=world.unit_a_child)
    make_person("Lò Văn Bình", unit=world.unit_a)  # two of that name in unit A and its sub-units
    good = decision_docx(rows=[("Nguyễn Văn An", "Sở Y tế"), ("Ông Lò Văn Bình", "Bệnh viện Đa khoa tỉnh"),
                               ("Đặng Thị Đào", "Bệnh viện Đa khoa tỉnh")])
    report = create_batch(by=clerk, unit=world.unit_a, files=[
        uploaded(good, "qd-125.docx"), uploaded(b"%PDF-1.4\n%garbage\n1 0 obj <<>>\n", "hong.pdf")])
    assert report.skipped == [] and report.batch.total == 2
    batch = read_batch(report.batch, by=clerk)
    assert batch.state == ArchiveState.READ and batch.done == 2
    good_doc, bad_doc = ArchivedDocument.objects.filter(batch=batch).order_by("position")
    assert (bad_doc.status, good_doc.status) == (DocumentStatus.FAILED, DocumentStatus.READ)
    assert bad_doc.error == "hong.pdf: Tệp PDF bị hỏng, không đọc được (PdfStreamError)."
    assert (good_doc.number, good_doc.date, good_doc.year) == ("125/QĐ-UBND", datetime.date(2025, 3, 12), 2025)
    lines = [(line.line, line.name, line.status, line.person_id, line.award_type_id)
             for line in ArchivedLine.objects.filter(document=good_doc).order_by("line")]
    assert lines == [(10, "Nguyễn Văn An", "linked", world.person_a.pk, bk().pk),
                     (11, "Lò Văn Bình", "doubtful", None, bk().pk),
                     (12, "Đặng Thị Đào", "linked", world.person_a_child.pk, bk().pk)]
    doubtful = ArchivedLine.objects.get(document=good_doc, line=11)
    assert doubtful.message == ("Có 2 người tên “Lò Văn Bình” trong Sở Y tế và các đơn vị trực thuộc; hãy chọn "
                                "đúng người.")


def test_the_same_file_again_adds_nothing(world):
    clerk = world.users["clerk_a"]
    data = decision_docx()
    first = create_batch(by=clerk, unit=world.unit_a, files=[uploaded(data, "qd.docx")]).batch
    again = create_batch(by=world.users["specialist"], unit=world.unit_a, files=[uploaded(data, "qd-ban-sao.docx")])
    assert again.batch is None
    assert again.skipped == [f"qd-ban-sao.docx: đã có trong kho lưu trữ (lô {first.pk})."]
    assert ArchivedDocument.objects.count() == 1


def test_another_unit_may_not_be_archived_by_a_clerk(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Sở Giáo dục và Đào tạo"):
        create_batch(by=world.users["clerk_a"], unit=world.unit_b, files=[uploaded(decision_docx(), "qd.docx")])


def _read_with_doubtful(world):
    clerk = world.users["clerk_a"]
    other = make_person("Lò Văn Bình", unit=world.unit_a_child)
    chosen = make_person("Lò Văn Bình", unit=world.unit_a)
    batch = read_batch(create_batch(by=clerk, unit=world.unit_a, files=[uploaded(decision_docx(rows=[
        ("Nguyễn Văn An", "Sở Y tế"), ("Lò Văn Bình", "Sở Y tế"), ("Hà Thị Mới", "Sở Y tế")]), "qd.docx")]).batch,
        by=clerk)
    return clerk, batch, chosen, other


def test_commit_is_refused_while_a_line_is_doubtful_naming_document_and_line(world):
    clerk, batch, _chosen, _other = _read_with_doubtful(world)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="cần xác định") as refused:
        start_commit(batch, by=clerk)
    assert refused.value.messages == ["qd.docx, dòng 11 (Lò Văn Bình): kết quả đối chiếu chưa chắc chắn, cần xác định",
                                      "qd.docx, dòng 12 (Hà Thị Mới): kết quả đối chiếu chưa chắc chắn, cần xác định"]
    assert AwardRecord.objects.filter(source=AwardSource.IMPORTED).count() == 0


def test_settled_lines_are_recorded_once_even_when_committed_twice(world):
    clerk, batch, chosen, _other = _read_with_doubtful(world)
    document = batch.documents.get()
    settle_line(document.lines.get(line=11), by=clerk, choice=f"link:{chosen.pk}")
    settle_line(document.lines.get(line=12), by=clerk, choice="create")
    persons_before = Person.objects.count()
    batch = start_commit(batch, by=clerk)
    assert batch.state == ArchiveState.COMMITTED
    records = list(AwardRecord.objects.filter(archived_document=document).order_by("person__full_name").values_list(
        "person__full_name", "person_id", "award_type_id", "year", "decision_number", "decision_date", "source"))
    created = Person.objects.get(full_name="Hà Thị Mới")
    assert records == [
        ("Hà Thị Mới", created.pk, bk().pk, 2025, "125/QĐ-UBND", datetime.date(2025, 3, 12), "imported"),
        ("Lò Văn Bình", chosen.pk, bk().pk, 2025, "125/QĐ-UBND", datetime.date(2025, 3, 12), "imported"),
        ("Nguyễn Văn An", world.person_a.pk, bk().pk, 2025, "125/QĐ-UBND", datetime.date(2025, 3, 12), "imported")]
    assert Person.objects.count() == persons_before + 1 and created.unit_id == world.unit_a.pk
    assert ArchivedDocument.objects.get(pk=document.pk).status == DocumentStatus.COMMITTED
    # Committing again: refused by the state, and a second scan of the same decision adds nothing either.
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Đã ghi"):
        start_commit(batch, by=clerk)
    second = stored_read_batch(clerk, world.unit_a, pdf=decision_pdf(), number="125/QĐ-UBND", year=2025, lines=[
        ("Nguyễn Văn An", LineStatus.LINKED, world.person_a, bk(), "")])
    second = start_commit(second, by=clerk)
    assert second.state == ArchiveState.COMMITTED
    assert AwardRecord.objects.filter(person=world.person_a, decision_number="125/QĐ-UBND").count() == 1


def test_the_history_links_the_scan_and_the_download_has_a_text_layer(world, as_persona):
    clerk = world.users["clerk_a"]
    batch = stored_read_batch(clerk, world.unit_a, pdf=decision_pdf(), lines=[
        ("Nguyễn Văn An", LineStatus.LINKED, world.person_a, bk(), "")])
    assert start_commit(batch, by=clerk).state == ArchiveState.COMMITTED
    document = batch.documents.get()
    page = as_persona("clerk_a").get(reverse("people:detail", args=[world.person_a.pk])).content.decode()
    link = reverse("awards:archive_scan", args=[document.pk])
    assert f'<a class="scan-link" href="{link}">Bản quét</a>' in page
    response = as_persona("clerk_a").get(link)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
    assert "Số: 126/QĐ-UBND" in text
    assert as_persona("clerk_b").get(link).status_code == 404


def test_the_page_image_is_rendered_and_cached(world, as_persona, settings):
    from pathlib import Path

    batch = stored_read_batch(world.users["clerk_a"], world.unit_a, pdf=decision_pdf())
    document = batch.documents.get()
    response = as_persona("clerk_a").get(reverse("awards:archive_page", args=[document.pk, 1]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    assert (Path(settings.MEDIA_ROOT) / "archive" / "pages" / f"{document.sha256}-1.png").is_file()
    assert as_persona("clerk_a").get(reverse("awards:archive_page", args=[document.pk, 2])).status_code == 404


def test_upload_through_the_screen_queues_one_job(world, as_persona, django_capture_on_commit_callbacks):
    from tdkt.jobs.models import Job

    client = as_persona("clerk_a")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("awards:archive_upload"), {"unit": world.unit_a.pk, "files": [
            uploaded(decision_docx(), "qd-1.docx"), uploaded(decision_docx(number="7/QĐ-UBND"), "qd-2.docx")]})
    batch = world.unit_a and ArchivedDocument.objects.get(original_name="qd-1.docx").batch
    assert response.status_code == 302 and response["Location"] == reverse("awards:archive_detail", args=[batch.pk])
    assert Job.objects.filter(kind="awards.archive_read").count() == 1
    batch.refresh_from_db()
    assert (batch.state, batch.done, batch.counts) == (ArchiveState.READ, 2, {"read": 2})
    page = client.get(response["Location"]).content.decode()
    assert "125/QĐ-UBND" in page and "7/QĐ-UBND" in page


def test_a_line_is_settled_through_the_review_screen(world, as_persona):
    clerk, batch, chosen, _other = _read_with_doubtful(world)
    line = batch.documents.get().lines.get(line=11)
    response = as_persona("clerk_a").post(reverse("awards:archive_line", args=[line.pk]),
                                          {"choice": f"link:{chosen.pk}"})
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.status, line.person_id, line.choice) == (LineStatus.LINKED, chosen.pk, "link")
    assert as_persona("clerk_b").post(reverse("awards:archive_line", args=[line.pk]),
                                      {"choice": "drop"}).status_code == 404


def _queries_of_review(client, document) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("awards:archive_document", args=[document.pk])).status_code == 200
    return len(queries)


def test_the_review_list_takes_as_many_queries_for_one_line_as_for_three(world, as_persona):
    clerk = world.users["clerk_a"]
    one = stored_read_batch(clerk, world.unit_a, pdf=decision_pdf(number="1/QĐ-UBND"), number="1/QĐ-UBND", lines=[
        ("Nguyễn Văn An", LineStatus.LINKED, world.person_a, bk(), "")]).documents.get()
    three = stored_read_batch(clerk, world.unit_a, pdf=decision_pdf(number="3/QĐ-UBND"), number="3/QĐ-UBND", lines=[
        ("Nguyễn Văn An", LineStatus.LINKED, world.person_a, bk(), ""),
        ("Đặng Thị Đào", LineStatus.LINKED, world.person_a_child, bk(), ""),
        ("Người Mới", LineStatus.DOUBTFUL, None, bk(), "1990")]).documents.get()
    client = as_persona("clerk_a")
    _queries_of_review(client, one)  # warm the session and the caches
    assert _queries_of_review(client, one) == _queries_of_review(client, three)


def test_the_issuing_authority_is_matched_by_its_name_else_by_its_symbol(world):
    from tdkt.awards.archive.matching import match_authority
    from tdkt.orgs.enums import AuthorityKind
    from tests.factories import make_authority

    province = make_authority(world.province, kind=AuthorityKind.PROVINCE_CHAIR, symbol="QĐ-UBND")
    health = make_authority(world.unit_a, symbol="QĐ-SYT")
    assert match_authority("ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "125/QĐ-UBND") == province
    assert match_authority("SỞ Y TẾ (chữ mờ)", "5/QĐ-SYT") == health
    assert match_authority("", "5/QĐ-KHAC") is None


def test_an_unknown_award_is_a_line_error_the_officer_can_name(world):
    clerk = world.users["clerk_a"]
    data = decision_docx(rows=[("Nguyễn Văn An", "Sở Y tế")])
    batch = read_batch(create_batch(by=clerk, unit=world.unit_a, files=[uploaded(data, "qd.docx")]).batch, by=clerk)
    line = batch.documents.get().lines.get()
    line.award_type, line.award_text = None, "Huy chương Vì sự nghiệp Thử"
    line.status, line.message = LineStatus.ERROR, "Dòng 10: “Huy chương Vì sự nghiệp Thử” không phải danh hiệu."  # not a state: a line's outcome
    line.save()
    from tdkt.awards.archive.commit import problems

    assert problems(batch) == ["qd.docx, dòng 10 (Nguyễn Văn An): Dòng 10: “Huy chương Vì sự nghiệp Thử” không phải "
                               "danh hiệu."]
    line = settle_line(line, by=clerk, choice=f"award:{bk().pk}")
    assert (line.status, line.person_id, line.award_type_id) == (LineStatus.LINKED, world.person_a.pk, bk().pk)
    assert problems(batch) == []
