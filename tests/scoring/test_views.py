"""Screens: the sheet's autosave and evidence upload, the review panel's adjustment, the unit's answer, the
leaderboard, exports reopened, what each persona sees, and a fixed number of queries per page."""

import io
import re
from decimal import Decimal

import docx
import openpyxl
from django.urls import reverse

from tdkt.movements.scoring import participation, services, sheets
from tdkt.movements.scoring.enums import RoundState
from tdkt.movements.scoring.models import ScoreAdjustment, SelfScore
from tdkt.orgs.models import EmulationGroupMembership
from tests.conftest import client_for
from tests.factories import make_unit
from tests.scoring.support import (
    count_as_submitted_and_reviewed,
    criterion,
    make_round,
    pdf_upload,
    submit_and_review_all,
)


def _sheet_url(scoring_round, unit, name="scoring:sheet"):
    return reverse(name, kwargs={"pk": scoring_round.pk, "unit_id": unit.pk})


def test_autosave_saves_one_field_and_returns_the_running_total(world):
    scoring_round = make_round(world)
    client = client_for(world, "clerk_b")
    url = _sheet_url(scoring_round, world.unit_b, "scoring:sheet_save")
    response = client.post(url, {"criterion": criterion(scoring_round, "1.2").pk, "field": "points", "value": "15,5"})
    assert response.status_code == 200
    assert response.json()["total"] == "15,5"
    response = client.post(url, {"criterion": criterion(scoring_round, "3").pk, "field": "points", "value": "-2"})
    assert response.json()["total"] == "13,5"
    response = client.post(url, {"criterion": criterion(scoring_round, "1.1").pk, "field": "points", "value": "11"})
    assert (response.status_code, response.json()) == (400, {"ok": False, "error":
                                                              "Tiêu chí 1.1: 11 điểm vượt quá điểm tối đa 10."})
    response = client.post(url, {"criterion": criterion(scoring_round, "1.2").pk, "field": "explanation",
                                 "value": "Tổ chức 4 đợt"})
    assert response.json()["ok"] is True
    assert SelfScore.objects.get(criterion__code="1.2").explanation == "Tổ chức 4 đợt"


def test_the_sheet_shows_scores_maximum_and_total(world):
    scoring_round = make_round(world)
    sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "1.2"), by=world.users["clerk_b"],
                           points=Decimal("12.5"))
    page = client_for(world, "clerk_b").get(_sheet_url(scoring_round, world.unit_b)).content.decode()
    assert 'id="sc-total">12,5<' in page
    assert 'value="12,5"' in page and "tối đa 20" in page and "trừ tối đa -5" in page


def test_another_unit_sheet_is_not_found(world):
    scoring_round = make_round(world)
    assert client_for(world, "clerk_b").get(_sheet_url(scoring_round, world.unit_a)).status_code == 404
    response = client_for(world, "clerk_b").post(_sheet_url(scoring_round, world.unit_a, "scoring:sheet_save"),
                                                 {"criterion": criterion(scoring_round, "1.2").pk, "field": "points",
                                                  "value": "3"})
    assert response.status_code == 404
    outsider = make_unit("Sở Tài chính")
    assert client_for(world, "clerk_b").get(_sheet_url(scoring_round, outsider)).status_code == 404


def test_the_head_reads_a_member_sheet_but_cannot_fill_it(world):
    scoring_round = make_round(world)
    services.change_round_state(scoring_round, RoundState.UNDER_REVIEW, by=world.users["clerk_a"])
    client = client_for(world, "clerk_a")
    page = client.get(_sheet_url(scoring_round, world.unit_b)).content.decode()
    assert 'data-field="points"' not in page
    response = client.post(_sheet_url(scoring_round, world.unit_b, "scoring:sheet_save"),
                           {"criterion": criterion(scoring_round, "1.2").pk, "field": "points", "value": "3"})
    assert (response.status_code, response.json()["error"]) == (
        403, "Bạn không thuộc Sở Giáo dục và Đào tạo: mỗi đơn vị chỉ tự chấm điểm của mình.")


def test_evidence_upload_and_download(world):
    scoring_round = make_round(world)
    client = client_for(world, "clerk_b")
    c11 = criterion(scoring_round, "1.1")
    response = client.post(_sheet_url(scoring_round, world.unit_b, "scoring:evidence_upload"),
                           {"criterion": c11.pk, "evidence": pdf_upload("ke-hoach.pdf")})
    assert response.status_code == 302
    score = SelfScore.objects.get(criterion=c11)
    assert (score.evidence_name, score.evidence_mime) == ("ke-hoach.pdf", "application/pdf")
    services.change_round_state(scoring_round, RoundState.UNDER_REVIEW, by=world.users["clerk_a"])
    download = client_for(world, "clerk_a").get(reverse("scoring:evidence", kwargs={"pk": score.pk}))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_adjust_then_answer_through_the_screens(world):
    scoring_round = make_round(world)
    sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "1.2"), by=world.users["clerk_b"],
                           points=Decimal(18))
    services.change_round_state(scoring_round, RoundState.UNDER_REVIEW, by=world.users["clerk_a"])
    head = client_for(world, "clerk_a")
    response = head.post(reverse("scoring:adjust", kwargs={"pk": scoring_round.pk}), {
        "unit": world.unit_b.pk, "criterion": criterion(scoring_round, "1.2").pk, "points": "16",
        "reason": "Thiếu minh chứng đợt 4"})
    assert response.status_code == 302
    adjustment = ScoreAdjustment.objects.get()
    page = client_for(world, "clerk_b").get(_sheet_url(scoring_round, world.unit_b)).content.decode()
    assert "18 → 16. Lý do: Thiếu minh chứng đợt 4" in page
    answer_url = reverse("scoring:answer", kwargs={"pk": adjustment.pk})
    assert client_for(world, "clerk_b").post(answer_url, {"answer": "Đơn vị thống nhất"}).status_code == 302
    again = client_for(world, "clerk_b").post(answer_url, {"answer": "Xin bổ sung"})
    assert "Đơn vị đã trả lời điều chỉnh này (chỉ được trả lời một lần)." in again.content.decode()
    adjustment.refresh_from_db()
    assert adjustment.unit_answer == "Đơn vị thống nhất"


def test_members_see_the_leaderboard_only_once_published(world):
    scoring_round = make_round(world)
    url = reverse("scoring:leaderboard", kwargs={"pk": scoring_round.pk})
    assert "sau khi Trưởng cụm, khối công bố" in client_for(world, "clerk_b").get(url).content.decode()
    assert "<svg" in client_for(world, "clerk_a").get(url).content.decode()
    submit_and_review_all(world, scoring_round)
    services.change_round_state(scoring_round, RoundState.UNDER_REVIEW, by=world.users["clerk_a"])
    services.publish_round(scoring_round, by=world.users["clerk_a"])
    page = client_for(world, "clerk_b").get(url).content.decode()
    assert "<svg" in page and 'id="sc-ranking"' in page


def _grow(world, scoring_round, extra_units: int, extra_criteria: int):
    for index in range(extra_units):
        EmulationGroupMembership.objects.create(group_year=world.group_year, unit=make_unit(f"Xã {index}"))
    for index in range(extra_criteria):
        services.add_criterion(scoring_round.template, by=world.users["specialist"], code=f"9.{index}",
                               title="Tiêu chí thêm", max_points=Decimal(2))


def test_sheet_and_leaderboard_take_a_fixed_number_of_queries(world, django_assert_num_queries):
    scoring_round = make_round(world)
    counts = []
    for extra_units, extra_criteria in ((0, 0), (3, 5)):
        _grow(world, scoring_round, extra_units, extra_criteria)
        for unit in [world.unit_b]:
            for code in ("1.1", "1.2", "2"):
                sheets.save_self_score(scoring_round, unit, criterion(scoring_round, code), by=world.users["clerk_b"],
                                       points=Decimal(1))
        client = client_for(world, "clerk_b")
        head = client_for(world, "clerk_a")
        sheet_url = _sheet_url(scoring_round, world.unit_b)
        board_url = reverse("scoring:leaderboard", kwargs={"pk": scoring_round.pk})
        client.get(sheet_url)
        head.get(board_url)  # warm the session
        with django_assert_num_queries(13) as sheet_queries:
            assert client.get(sheet_url).status_code == 200
        with django_assert_num_queries(11) as board_queries:
            assert head.get(board_url).status_code == 200
        counts.append((len(sheet_queries.captured_queries), len(board_queries.captured_queries)))
    assert counts[0] == counts[1]


def test_minutes_and_scores_export_reopen(world):
    scoring_round = make_round(world)
    sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "1.2"), by=world.users["clerk_b"],
                           points=Decimal(18))
    count_as_submitted_and_reviewed(world, scoring_round)
    participation.mark_absent(scoring_round, world.unit_a, by=world.users["specialist"], reason="Không tham gia")
    services.change_round_state(scoring_round, RoundState.UNDER_REVIEW, by=world.users["clerk_a"])
    sheets.adjust_score(scoring_round, world.unit_b, criterion(scoring_round, "1.2"), by=world.users["clerk_a"],
                        points=Decimal(16), reason="Thiếu minh chứng")
    services.publish_round(scoring_round, by=world.users["clerk_a"])
    client = client_for(world, "specialist")
    word = docx.Document(io.BytesIO(client.get(reverse("scoring:minutes", kwargs={"pk": scoring_round.pk})).content))
    text = "\n".join(p.text for p in word.paragraphs)
    assert "BIÊN BẢN" in text and "Họp tổng kết công tác thi đua năm 2026 của Khối Văn hóa - Xã hội" in text
    assert "I. THÀNH PHẦN THAM DỰ" in text and "IV. ĐỀ NGHỊ KHEN THƯỞNG" in text
    ranking = word.tables[2]
    assert [c.text for c in ranking.rows[1].cells] == ["1", "Sở Giáo dục và Đào tạo", "16", "0", "0"]
    response = client.get(reverse("scoring:export", kwargs={"pk": scoring_round.pk}))
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames == ["Điểm", "Xếp hạng", "Điều chỉnh"]
    rows = list(book["Điểm"].iter_rows(values_only=True))
    assert rows[1] == ("Mã", "Tiêu chí", "Loại", "Điểm tối đa", "Hệ số", "Sở Y tế", "Sở Giáo dục và Đào tạo")
    assert rows[4][:2] == ("1.2", "   Tổ chức phong trào thi đua") and rows[4][5:] == (None, 16)
    assert list(book["Điều chỉnh"].iter_rows(values_only=True))[1][:5] == (
        "Sở Giáo dục và Đào tạo", "1.2", 18, 16, "Thiếu minh chứng")


def test_the_specialist_builds_a_template_and_opens_a_round(world):
    client = client_for(world, "specialist")
    response = client.post(reverse("scoring:template_create", kwargs={"pk": world.group_year.pk}), {
        "title": "Bảng tiêu chí 2026", "flag_quota": 1, "merit_count": 2, "tie_breaks": "more_bonus\ncriterion:1"})
    template = world.group_year.scoring_template
    assert response.status_code == 302 and template.tie_breaks == ["more_bonus", "criterion:1"]
    response = client.post(reverse("scoring:template", kwargs={"pk": template.pk}), {
        "code": "1", "title": "Công tác tuyên truyền", "max_points": "10", "kind": "normal", "weight": "1"})
    assert response.status_code == 302
    response = client.post(reverse("scoring:template", kwargs={"pk": template.pk}), {
        "code": "1", "title": "Trùng mã", "max_points": "10", "kind": "normal", "weight": "1"})
    assert "Mã 1 đã được dùng trong bảng tiêu chí này." in response.content.decode()
    response = client.post(reverse("scoring:round_create", kwargs={"pk": template.pk}), {
        "kind": "year_end", "self_scoring_due": "30/11/2026", "review_due": "05/12/2026"})
    assert response.status_code == 302
    assert template.rounds.get().self_scoring_due.isoformat() == "2026-11-30"


def test_province_overview_shows_every_group(world):
    make_round(world)
    page = client_for(world, "council_member").get(reverse("scoring:overview") + "?year=2026").content.decode()
    assert "Khối Văn hóa - Xã hội" in page and 'id="sc-cap"' in page


def test_overview_takes_a_fixed_number_of_queries(world, django_assert_num_queries):
    from tdkt.movements.scoring.enums import RoundKind
    from tests.factories import make_group_year

    make_round(world)
    client = client_for(world, "specialist")
    url = reverse("scoring:overview") + "?year=2026"
    client.get(url)
    counts = []
    for index in range(2):
        with django_assert_num_queries(10) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured.captured_queries))
        for extra in range(3):  # three more groups, each with its template, round and scores
            head = make_unit(f"Xã dẫn đầu {index}-{extra}")
            group_year = make_group_year(f"Cụm {index}-{extra}", head=head, members=[make_unit(f"Xã {index}-{extra}")])
            template = services.create_template(group_year, by=world.users["specialist"], title="Bảng")
            services.add_criterion(template, by=world.users["specialist"], code="1", title="Tiêu chí",
                                   max_points=Decimal(10))
            services.open_round(template, by=world.users["specialist"], kind=RoundKind.YEAR_END)
    assert counts[0] == counts[1]


ID_LIST = re.compile(r"\bIN \((?!SELECT)", re.IGNORECASE)


def test_year_pages_send_no_id_list_and_take_fixed_queries(world):
    """The scoring index and the province overview filter by the year through joins and subqueries: no IN (…)
    list of ids that grows with the province's groups and units (issue 23), and a fixed number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tdkt.movements.scoring.enums import RoundKind
    from tests.factories import make_group_year

    make_round(world)
    client = client_for(world, "specialist")
    urls = [reverse("scoring:index") + "?year=2026", reverse("scoring:overview") + "?year=2026"]
    for url in urls:
        client.get(url)  # warm the session
    counts = []
    for index in range(2):
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured.captured_queries))
            assert [q["sql"] for q in captured.captured_queries if ID_LIST.search(q["sql"])] == []
        for extra in range(3):  # three more groups, each with its template and round
            head = make_unit(f"Xã đứng đầu {index}-{extra}")
            group_year = make_group_year(f"Khối {index}-{extra}", head=head, members=[make_unit(f"Phường {index}-{extra}")])
            template = services.create_template(group_year, by=world.users["specialist"], title="Bảng")
            services.add_criterion(template, by=world.users["specialist"], code="1", title="Tiêu chí",
                                   max_points=Decimal(10))
            services.open_round(template, by=world.users["specialist"], kind=RoundKind.YEAR_END)
    assert counts[:2] == counts[2:]
    index_page = client.get(urls[0]).content.decode()
    assert [index_page.count(f"Khối {i}-{e}") for i in range(2) for e in range(3)] == [1] * 6
    assert index_page.count('href="/scoring/rounds/') == 7


def test_review_panel_shows_blank_cells_and_totals(world):
    scoring_round = make_round(world)
    sheets.save_self_score(scoring_round, world.unit_b, criterion(scoring_round, "1.2"), by=world.users["clerk_b"],
                           points=Decimal("12.5"))
    services.change_round_state(scoring_round, RoundState.UNDER_REVIEW, by=world.users["clerk_a"])
    page = client_for(world, "clerk_a").get(reverse("scoring:review", kwargs={"pk": scoring_round.pk}))
    assert page.status_code == 200
    assert "<td>12,5</td>" in page.content.decode() and "<td>—</td>" in page.content.decode()
