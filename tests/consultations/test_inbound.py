"""Requests other bodies send the province (hiệp y đến): the declared machine walked by its actors, the due
date in working days over a holiday, the assignee's notification and e-mail, answers all or nothing, the
Decree-30 letter opened with python-docx, the pages as each persona sees them, fixed query counts."""

import io

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from tdkt.awards.models import DisciplineRecord, OpenCase
from tdkt.dossiers.consultations import inbound, inbound_letter, inbound_queries
from tdkt.dossiers.consultations.enums import InboundState, SubjectAnswer
from tdkt.dossiers.consultations.models import ConsultationPolicy, InboundRequest, InboundStateChange, InboundSubject
from tdkt.dossiers.consultations.transitions import INBOUND_MACHINE
from tdkt.notifications.models import Notification, NotificationKind, OutboxMail
from tests.consultations.inbound_support import D, assigned, messy_request_docx, received

S = InboundState


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _answers(request, objection_reason="Đang bị xem xét kỷ luật."):
    subjects = list(request.subjects.order_by("position"))
    answers = {s.pk: (SubjectAnswer.AGREE, "") for s in subjects}
    answers[subjects[1].pk] = (SubjectAnswer.OBJECTION, objection_reason)
    return answers


def _draft(request, user):
    return inbound.draft_answer(request, by=user, answers=_answers(request), letter_issuer="Ủy ban nhân dân tỉnh Lào Cai",
                                signature="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", signer_name="Nguyễn Văn Hùng",
                                recipients="Như trên\nSở Nội vụ\nLưu: VT, NC")


def test_the_machine_walk_received_assigned_answered_sent_with_history(world):
    specialist = world.users["specialist"]
    request = received(world)
    assert (request.state, request.due_on) == (S.RECEIVED, D(2026, 3, 16))
    inbound.assign_inbound(request, by=specialist, assignee=specialist)
    _draft(request, specialist)
    inbound.send_answer(request, by=specialist, letter_number="45/UBND-NV", letter_date=D(2026, 3, 12))
    request.refresh_from_db()
    assert (request.state, request.letter_number, request.letter_date) == (S.SENT, "45/UBND-NV", D(2026, 3, 12))
    changes = [(c.from_state, c.to_state, c.reason) for c in InboundStateChange.objects.filter(request=request)]
    assert changes == [
        ("", S.RECEIVED, "Request 1234/BYT-TĐKT of Bộ Y tế received on 02/03/2026; answer due 16/03/2026."),
        (S.RECEIVED, S.ASSIGNED, "Assigned to chuyenvien."),
        (S.ASSIGNED, S.ANSWERED, "Answers recorded: 2 agreed, 1 objected to."),
        (S.ANSWERED, S.SENT, "Answer letter 45/UBND-NV of 12/03/2026 sent."),
    ]


def test_every_inbound_state_is_reachable_and_the_docs_table_is_current():
    reached, frontier = {INBOUND_MACHINE.initial}, [INBOUND_MACHINE.initial]
    while frontier:
        state = frontier.pop()
        for item in INBOUND_MACHINE.transitions:
            if state in item.sources and item.target not in reached:
                reached.add(item.target)
                frontier.append(item.target)
    assert reached == set(S.values)


def test_only_the_assignee_answers_and_only_the_standing_body_assigns(world):
    from tdkt.accounts.enums import Role
    from tests.factories import make_user

    other = make_user("chuyenvien2", role=Role.PROVINCE_SPECIALIST, unit=world.home_affairs)
    request = received(world, assignee=other)
    assert not INBOUND_MACHINE.may(world.users["specialist"], request, "draft_answer")
    assert INBOUND_MACHINE.may(other, request, "draft_answer")
    assert INBOUND_MACHINE.may(world.users["admin"], request, "draft_answer")
    with pytest.raises(PermissionDenied, match=r"^You may not do this on this consultation request received\.$"):
        _draft(request, world.users["specialist"])
    for persona in ("clerk_a", "council_member", "signer"):
        with pytest.raises(PermissionDenied, match=r"^You may not do this on this consultation request received\.$"):
            inbound.assign_inbound(request, by=world.users[persona], assignee=world.users["specialist"])
    with pytest.raises(ValidationError, match=r"vanthu\.a is not a specialist of the standing body\."):
        inbound.assign_inbound(request, by=world.users["specialist"], assignee=world.users["clerk_a"])


def test_the_due_date_skips_the_30_april_and_1_may_holidays(world):
    request = received(world, received_on=D(2026, 4, 28))
    # 29/4 (1); 30/4, 1/5 holidays and the week-end; 4/5–8/5 (2–6); 11/5–14/5 (7–10).
    assert request.due_on == D(2026, 5, 14)
    policy = ConsultationPolicy.current()
    policy.inbound_answer_working_days = 3
    policy.save()
    assert inbound.inbound_due_on(D(2026, 4, 28)) == D(2026, 5, 5)


def test_the_assignee_is_notified_in_the_app_and_by_mail_through_the_outbox(world, settings):
    settings.SITE_URL = "https://tdkt.laocai.gov.vn"
    specialist = world.users["specialist"]
    specialist.email = "chuyenvien@laocai.gov.vn"
    specialist.save()
    request = assigned(world)
    note = Notification.objects.get(user=specialist)
    assert note.url == f"/consultations/received/{request.pk}/"
    assert note.text == ("You are responsible for answering the consultation request 1234/BYT-TĐKT of Bộ Y tế "
                         "(hiệp y khen thưởng Huân chương Lao động); answer due 16/03/2026.")
    mail = OutboxMail.objects.get(user=specialist)
    assert (mail.kind, mail.to, mail.link) == (NotificationKind.INBOUND_CONSULTATION, "chuyenvien@laocai.gov.vn",
                                               f"https://tdkt.laocai.gov.vn/consultations/received/{request.pk}/")


def test_names_are_linked_when_certain_else_kept_as_written(world):
    request = received(world)
    rows = list(request.subjects.order_by("position").values_list("written_name", "written_unit", "kind", "person_id",
                                                                  "unit_id"))
    assert rows == [("Nguyễn Văn An", "Giám đốc Sở Y tế", "individual", world.person_a.pk, None),
                    ("Lò Thị Mai", "Phó Trưởng phòng, Sở Y tế", "individual", None, None),
                    ("Sở Y tế", "", "collective", None, world.unit_a.pk)]


def test_bad_input_names_each_field_and_saves_nothing(world):
    with pytest.raises(ValidationError, match=r"Give the body that sent the request\.") as caught:
        inbound.record_inbound(by=world.users["specialist"], requesting_body="", reference_number="",
                               reference_date=D(2026, 3, 5), subject="", received_on=D(2026, 3, 4),
                               subjects_text="Ông\n", file_token="../../etc/passwd", file_name="x.docx")
    assert caught.value.message_dict == {
        "requesting_body": ["Give the body that sent the request."],
        "reference_number": ["Give the number of their document, e.g. 123/SYT-TCCB."],
        "subject": ["Give the subject of the request (V/v …)."],
        "received_on": ["The request cannot be received before its date 05/03/2026."],
        "subjects": ["Line 1: give the name of the person or collective."],
        "document": ["The uploaded file is no longer available: upload it again."],
    }
    assert not InboundRequest.objects.exists()


def test_an_objection_needs_its_reason_and_nothing_is_half_saved(world):
    request = assigned(world)
    answers = _answers(request, objection_reason="  ")
    with pytest.raises(ValidationError, match=r"2\. Lò Thị Mai: give the reason for the objection\."):
        inbound.draft_answer(request, by=world.users["specialist"], answers=answers, letter_issuer="UBND tỉnh Lào Cai")
    assert set(InboundSubject.objects.values_list("answer", flat=True)) == {""}
    request.refresh_from_db()
    assert request.state == S.ASSIGNED


def test_two_clicks_on_sent_give_one_change_and_one_refusal(world):
    request = assigned(world)
    _draft(request, world.users["specialist"])
    stale = InboundRequest.objects.get(pk=request.pk)
    inbound.send_answer(request, by=world.users["specialist"], letter_number="45/UBND-NV", letter_date=D(2026, 3, 12))
    with pytest.raises(ValidationError, match=r"Someone else has just changed this consultation request\."):
        inbound.send_answer(stale, by=world.users["specialist"], letter_number="46/UBND-NV",
                            letter_date=D(2026, 3, 12))
    assert InboundStateChange.objects.filter(request=request, to_state=S.SENT).count() == 1


def test_the_letter_is_a_decree_30_cong_van_with_each_subject_and_answer(world):
    request = assigned(world)
    _draft(request, world.users["specialist"])
    request.refresh_from_db()
    document = docx.Document(io.BytesIO(inbound_letter.letter_docx(request, list(inbound_queries.subjects_of(request)))))
    header, table, signature = document.tables
    assert [c.text for c in header.rows[0].cells] == ["ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\n",
                                                      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"]
    assert [c.text for c in header.rows[1].cells] == ["Số:      /UBND-NV\nV/v hiệp y khen thưởng",
                                                      "Lào Cai, ngày     tháng     năm 2026"]
    texts = [p.text for p in document.paragraphs if p.text]
    assert texts == [
        "Kính gửi: Bộ Y tế.",
        "Ủy ban nhân dân tỉnh Lào Cai nhận được Văn bản số 1234/BYT-TĐKT ngày 02/03/2026 của Bộ Y tế về việc hiệp y "
        "khen thưởng Huân chương Lao động. Sau khi xem xét, Ủy ban nhân dân tỉnh Lào Cai có ý kiến hiệp y như sau:",
        "Ủy ban nhân dân tỉnh Lào Cai trả lời để Bộ Y tế biết, tổng hợp./.",
    ]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["TT", "Tên cá nhân, tập thể", "Chức vụ, đơn vị", "Ý kiến hiệp y"],
        ["1", "Nguyễn Văn An", "Giám đốc Sở Y tế", "Nhất trí"],
        ["2", "Lò Thị Mai", "Phó Trưởng phòng, Sở Y tế", "Không nhất trí. Lý do: Đang bị xem xét kỷ luật."],
        ["3", "Tập thể Sở Y tế", "", "Nhất trí"],
    ]
    left, right = signature.rows[0].cells
    assert left.text == "Nơi nhận:\n- Như trên;\n- Sở Nội vụ;\n- Lưu: VT, NC."
    assert right.text == "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n\n\nNguyễn Văn Hùng"


def test_the_specialist_sees_what_the_system_records_with_a_fixed_number_of_queries(world, django_assert_num_queries):
    DisciplineRecord.objects.create(person=world.person_a, level="khien_trach", start=D(2025, 6, 1),
                                    end=D(2026, 6, 1))
    OpenCase.objects.create(unit=world.unit_a, kind="complaint", opened_on=D(2026, 1, 5), reference="Đơn số 7")
    request = received(world)
    with django_assert_num_queries(12):  # the subjects, then load_histories' fixed set and the catalogue's names
        rows = inbound_queries.subject_rows(request, today=D(2026, 3, 5))
    assert [(r.knowledge.discipline, r.knowledge.open_cases) if r.knowledge else None for r in rows] == [
        (["Reprimand: 01/06/2025 – 01/06/2026"], []), None, ([], ["Complaint or denunciation (05/01/2026) Đơn số 7"])]


@pytest.mark.parametrize("count", [1, 4])
def test_the_queue_runs_a_fixed_number_of_queries_and_highlights_the_overdue(world, as_persona,
                                                                           django_assert_num_queries, count):
    for index in range(count):
        received(world, received_on=D(2026, 3, 2 + index))
    client = as_persona("specialist")
    client.get(reverse("consultations:inbound_queue"))
    with django_assert_num_queries(6):
        page = client.get(reverse("consultations:inbound_queue")).content.decode()
    assert page.count('data-inbound="') == count
    assert page.count('<tr class="overdue"') == count  # due in March 2026, long past


def test_the_queue_filters(world, as_persona):
    late = received(world)
    mine = assigned(world)
    inbound.draft_answer(mine, by=world.users["specialist"], answers=_answers(mine), letter_issuer="UBND tỉnh Lào Cai")
    inbound.send_answer(mine, by=world.users["specialist"], letter_number="1/UBND-NV", letter_date=D(2026, 3, 3))
    client = as_persona("specialist")

    def shown(**params):
        page = client.get(reverse("consultations:inbound_queue"), params).content.decode()
        return sorted(int(pk) for pk in __import__("re").findall(r'data-inbound="(\d+)"', page))

    assert shown() == [late.pk]
    assert shown(show="all") == sorted([late.pk, mine.pk])
    assert shown(show="mine") == []
    assert shown(show="overdue") == [late.pk]
    assert shown(show="all", q="khong co") == []


def test_upload_prefills_then_records_with_the_file_kept_privately(world, as_persona, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = as_persona("specialist")
    url = reverse("consultations:inbound_create")
    letter = messy_request_docx()  # python-docx stamps the time: build the bytes once
    page = client.post(url, {"read": "1", "document": SimpleUploadedFile("215-SYT.docx", letter)})
    form = page.context["form"]
    assert (form.initial["reference_number"], form.initial["requesting_body"]) == ("215/SYT-TCCB", "SỞ Y TẾ TỈNH YÊN BÁI")
    assert form.initial["subjects"].splitlines()[:2] == ["Nguyễn Văn An | Giám đốc Sở Y tế",
                                                         "Đặng Thị Đào | Trưởng khoa Nội, Bệnh viện Đa khoa tỉnh"]
    data = {**{k: v for k, v in form.initial.items() if v is not None}, "reference_date": "05/03/2026",
            "received_on": "06/03/2026", "assignee": str(world.users["specialist"].pk), "save": "1"}
    response = client.post(url, data)
    request = InboundRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("consultations:inbound_detail",
                                                                           kwargs={"pk": request.pk})
    assert (request.state, request.file_name, request.subjects.count()) == (S.ASSIGNED, "215-SYT.docx", 5)
    assert request.file.name.startswith("inbound/") and (tmp_path / request.file.name).read_bytes() == letter
    download = client.get(reverse("consultations:inbound_file", kwargs={"pk": request.pk}))
    assert b"".join(download.streaming_content) == letter


def test_the_answer_page_records_then_the_letter_downloads(world, as_persona):
    request = assigned(world)
    subjects = list(request.subjects.order_by("position"))
    client = as_persona("specialist")
    url = reverse("consultations:inbound_answer", kwargs={"pk": request.pk})
    data = {f"answer_{s.pk}": "agree" for s in subjects} | {"letter_issuer": "Ủy ban nhân dân tỉnh Lào Cai",
                                                            "recipients": "Như trên\nLưu: VT"}
    data[f"answer_{subjects[2].pk}"] = "objection"
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "3. Sở Y tế: give the reason for the objection." in refused.content.decode()
    data[f"reason_{subjects[2].pk}"] = "Đơn vị có khiếu nại chưa giải quyết xong."
    assert client.post(url, data).status_code == 302
    letter = client.get(reverse("consultations:inbound_letter", kwargs={"pk": request.pk}))
    assert letter["Content-Type"] == inbound_letter.DOCX_TYPE
    table = docx.Document(io.BytesIO(letter.content)).tables[1]
    assert table.rows[3].cells[3].text == "Không nhất trí. Lý do: Đơn vị có khiếu nại chưa giải quyết xong."


@pytest.mark.parametrize("persona", ["clerk_a", "clerk_b", "council_member"])
def test_every_page_is_a_404_to_unit_users_and_council_members(world, as_persona, persona):
    request = assigned(world)
    _draft(request, world.users["specialist"])
    client = as_persona(persona)
    for name in ("inbound_detail", "inbound_answer", "inbound_letter", "inbound_file"):
        assert client.get(reverse(f"consultations:{name}", kwargs={"pk": request.pk})).status_code == 404
    for name in ("inbound_queue", "inbound_create"):
        assert client.get(reverse(f"consultations:{name}")).status_code == 404
    assert client.post(reverse("consultations:inbound_detail", kwargs={"pk": request.pk}),
                       {"action": "send", "letter_number": "9/X", "letter_date": "03/03/2026"}).status_code == 404


def test_the_pages_are_vietnamese(world, as_persona):
    client = as_persona("specialist")
    with translation.override("vi"):  # the history keeps its reasons in the language they were written in
        request = assigned(world)
        _draft(request, world.users["specialist"])
        for url in (reverse("consultations:inbound_queue"), reverse("consultations:inbound_create"),
                    reverse("consultations:inbound_detail", kwargs={"pk": request.pk}),
                    reverse("consultations:inbound_answer", kwargs={"pk": request.pk})):
            page = client.get(url, HTTP_ACCEPT_LANGUAGE="vi").content.decode()
            for english in ("Consultation", "Record", "Answer", "Requesting", "working day", "Subject"):
                assert english not in page, (url, english)


def test_the_provinces_leaders_read_but_do_not_record(world, as_persona):
    request = assigned(world)
    client = as_persona("signer")
    assert client.get(reverse("consultations:inbound_queue")).status_code == 200
    assert client.get(reverse("consultations:inbound_detail", kwargs={"pk": request.pk})).status_code == 200
    assert client.get(reverse("consultations:inbound_create")).status_code == 404
    assert client.get(reverse("consultations:inbound_answer", kwargs={"pk": request.pk})).status_code == 404


def test_the_daily_reminders_remind_the_assignee_of_a_request_due_soon(world, mailoutbox):
    from tdkt.dossiers.reminders import send_dossier_reminders

    request = assigned(world)  # due 16/03/2026
    other = received(world, received_on=D(2026, 3, 5))  # due 19/03/2026, nobody assigned: every specialist
    assert send_dossier_reminders(today=D(2026, 3, 11)).items == 0
    result = send_dossier_reminders(today=D(2026, 3, 12))
    assert result.items == 1
    note = Notification.objects.get(key__startswith="inbound-due:")
    assert (note.user, note.url) == (world.users["specialist"], f"/consultations/received/{request.pk}/")
    assert note.text == "Văn bản đề nghị hiệp y số 1234/BYT-TĐKT của Bộ Y tế: còn 2 ngày làm việc (hạn 16/03/2026)."
    send_dossier_reminders(today=D(2026, 3, 17))
    assert Notification.objects.filter(key__startswith=f"inbound-due:{other.pk}:").count() == 1
