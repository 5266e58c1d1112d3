"""Movement, registration, covenant and group pages as each persona sees them; query counts of lists."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from tdkt.dossiers.models import Dossier
from tdkt.movements.enums import RegistrationState
from tdkt.movements.models import Covenant, Milestone, Movement, Registration
from tdkt.orgs.enums import GroupRole
from tdkt.orgs.models import EmulationGroupMembership, EmulationGroupYear
from tests.conftest import client_for
from tests.factories import award_type, make_group_year, make_unit
from tests.movements.support import make_movement, pdf_upload, xlsx_upload


def test_national_movements_are_seeded(db):
    names = dict(Movement.objects.filter(level="national").values_list("code", "name"))
    assert names["TW-CDS"] == ("Cả nước thi đua đổi mới sáng tạo, chuyển đổi số, góp phần đưa đất nước vươn mình "
                               "bước vào kỷ nguyên giàu mạnh và thịnh vượng")
    assert names["TW-HATANG"] == ("Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, "
                                  "chống lãng phí")
    assert len(names) == 8
    learning = Movement.objects.get(code="TW-XHHT")
    assert (learning.start_date, learning.end_date) == (datetime.date(2023, 1, 1), datetime.date(2030, 12, 31))
    assert [p.name for p in learning.phases.all()] == ["Giai đoạn 2023 - 2030"]


def test_specialist_creates_a_movement_for_chosen_units(world):
    client = client_for(world, "specialist")
    response = client.post(reverse("movements:create"), {
        "name": "Thi đua chuyển đổi số tỉnh", "code": "cds-tinh", "level": "province", "authority": "Chủ tịch UBND tỉnh",
        "kind": "thematic", "start_date": "01/03/2026", "end_date": "31/12/2030", "target_scope": "units",
        "units": [world.unit_a.pk, world.unit_b.pk]})
    movement = Movement.objects.get(code="CDS-TINH")
    assert response.status_code == 302
    assert sorted(p.unit.code for p in movement.participants.all()) == ["SGDDT", "SYT"]
    page = client.get(reverse("movements:detail", kwargs={"pk": movement.pk}))
    assert "Thi đua chuyển đổi số tỉnh" in page.content.decode()


def test_targeting_units_without_units_is_refused(world):
    response = client_for(world, "specialist").post(reverse("movements:create"), {
        "name": "X", "level": "province", "kind": "thematic", "start_date": "01/03/2026", "target_scope": "units"})
    assert response.status_code == 200
    assert response.context["form"].errors["units"]
    assert not Movement.objects.filter(name="X").exists()


def test_document_upload_refuses_a_non_pdf(world):
    movement = make_movement()
    client = client_for(world, "specialist")
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("ke-hoach.pdf", b"MZ\x90\x00 not a document")
    response = client.post(reverse("movements:document_add", kwargs={"pk": movement.pk}),
                           {"kind": "launch_plan", "title": "Kế hoạch", "file": bad})
    assert response.status_code == 200 and response.context["form"].errors["file"]
    response = client.post(reverse("movements:document_add", kwargs={"pk": movement.pk}),
                           {"kind": "launch_plan", "title": "Kế hoạch", "file": pdf_upload()})
    assert response.status_code == 302
    document = movement.documents.get()
    body = b"".join(client_for(world, "clerk_b").get(reverse("movements:document_file", kwargs={"pk": document.pk}))
                    .streaming_content)
    assert body.startswith(b"%PDF")


def test_milestone_outside_the_period_is_refused(world):
    movement = make_movement()
    response = client_for(world, "specialist").post(reverse("movements:milestone_add", kwargs={"pk": movement.pk}),
                                                    {"kind": "midterm_review", "on": "01/07/2027"})
    assert response.context["form"].errors["on"]
    assert Milestone.objects.count() == 0


def test_movement_page_lists_only_the_users_dossiers(world):
    movement = make_movement()
    Dossier.objects.create(unit=world.unit_a, title="Hồ sơ sơ kết của Sở Y tế", movement=movement, year=2026)
    Dossier.objects.create(unit=world.unit_b, title="Hồ sơ sơ kết của Sở Giáo dục", movement=movement, year=2026)
    url = reverse("movements:detail", kwargs={"pk": movement.pk})
    mine = [d.title for d in client_for(world, "clerk_a").get(url).context["dossiers"]]
    everything = [d.title for d in client_for(world, "specialist").get(url).context["dossiers"]]
    assert mine == ["Hồ sơ sơ kết của Sở Y tế"]
    assert sorted(everything) == ["Hồ sơ sơ kết của Sở Giáo dục", "Hồ sơ sơ kết của Sở Y tế"]


@pytest.mark.parametrize("count", [1, 3])
def test_movement_list_queries_are_fixed(world, django_assert_num_queries, count):
    for i in range(count):
        movement = make_movement(f"Phong trào {i}")
        Milestone.objects.create(movement=movement, kind="launch", on=datetime.date(2026, 2, 1))
    client = client_for(world, "clerk_a")
    client.get(reverse("movements:list"))
    with django_assert_num_queries(6):  # session, user, scope (3), page chrome, the list itself
        response = client.get(reverse("movements:list") + "?year=2026")
    assert len(response.context["page"].items) == count + 8  # the 8 seeded national movements run in 2026


@pytest.mark.parametrize("count", [1, 3])
def test_registration_list_queries_are_fixed(world, django_assert_num_queries, count):
    for i in range(count):
        Registration.objects.create(unit=make_unit(f"Đơn vị {i}"), year=2026)
    client = client_for(world, "specialist")
    client.get(reverse("movements:registrations"))
    with django_assert_num_queries(5):
        response = client.get(reverse("movements:registrations") + "?year=2026")
    assert len(response.context["registrations"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_covenant_list_queries_are_fixed(world, django_assert_num_queries, count):
    for i in range(count):
        make_group_year(f"Cụm {i}", head=make_unit(), members=[make_unit()])
    client = client_for(world, "specialist")
    client.get(reverse("movements:covenants") + "?year=2026")
    with django_assert_num_queries(7):
        response = client.get(reverse("movements:covenants") + "?year=2026")
    assert len(response.context["rows"]) == count + 1


def test_clerk_registers_imports_and_submits(world):
    client = client_for(world, "clerk_a")
    response = client.post(reverse("movements:registration_create"), {
        "unit": world.unit_a.pk, "year": 2026, "collective_award": award_type("TTLDXS").pk,
        f"count_{award_type('LDTT').pk}": 30, "targets": "Chỉ tiêu"})
    registration = Registration.objects.get(unit=world.unit_a)
    assert response.status_code == 302
    assert [(i.award_type.code, i.count) for i in registration.items.all()] == [("LDTT", 30)]
    # the clerk cannot choose unit B in the form: it is not in the choices
    response = client.post(reverse("movements:registration_create"), {"unit": world.unit_b.pk, "year": 2026})
    assert "unit" in response.context["form"].errors
    upload = xlsx_upload([["Mã đơn vị", "Lao động tiên tiến"], ["SYT", 45]])
    response = client.post(reverse("movements:registration_import"), {"year": 2026, "file": upload})
    assert response.status_code == 302
    assert [(i.award_type.code, i.count) for i in registration.items.all()] == [("LDTT", 45)]
    client.post(reverse("movements:registration_submit", kwargs={"pk": registration.pk}))
    registration.refresh_from_db()
    assert registration.state == RegistrationState.SUBMITTED


def test_import_page_shows_row_errors(world):
    upload = xlsx_upload([["Mã đơn vị", "Lao động tiên tiến"], ["SYT", -1]])
    response = client_for(world, "clerk_a").post(reverse("movements:registration_import"),
                                                 {"year": 2026, "file": upload})
    assert response.status_code == 200
    assert len(response.context["report"].errors) == 1
    assert response.context["report"].errors[0].startswith("Dòng 2")


def test_import_page_refuses_a_pdf(world):
    response = client_for(world, "clerk_a").post(reverse("movements:registration_import"),
                                                 {"year": 2026, "file": pdf_upload("dang-ky.xlsx")})
    assert response.context["form"].errors["file"]


def test_template_lists_the_clerks_units(world):
    response = client_for(world, "clerk_a").get(reverse("movements:registration_template"))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["BVDK", "SYT"]


def test_comparison_export_opens(world):
    response = client_for(world, "specialist").get(reverse("movements:comparison_xlsx") + "?year=2026")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet["A1"].value == "Đăng ký, đề nghị và khen thưởng năm 2026"


def test_head_clerk_edits_the_covenant_member_reads_it(world):
    url = reverse("movements:covenant_edit", kwargs={"pk": world.group_year.pk})
    response = client_for(world, "clerk_a").post(url, {
        "signed_on": "05/03/2026", "content": "Giao ước", f"target_{world.unit_b.pk}": "Mục tiêu của Sở GD"})
    assert response.status_code == 302
    covenant = Covenant.objects.get(group_year=world.group_year)
    assert covenant.host_unit == world.unit_a and covenant.signed_on == datetime.date(2026, 3, 5)
    page = client_for(world, "clerk_b").get(reverse("movements:covenant", kwargs={"pk": world.group_year.pk}))
    assert "Mục tiêu của Sở GD" in page.content.decode()
    assert client_for(world, "clerk_b").post(url, {"content": "x"}).status_code == 403


def test_group_head_account_edits_its_groups_covenant(world):
    from tdkt.accounts.enums import Role
    from tests.factories import make_user

    head = make_user("truongcum", role=Role.GROUP_HEAD, unit=world.unit_b, emulation_group=world.group_year.group)
    client = client_for(world, "anonymous")
    client.force_login(head)
    url = reverse("movements:covenant_edit", kwargs={"pk": world.group_year.pk})
    assert client.get(url).status_code == 200
    other = make_group_year("Cụm khác", head=make_unit(), members=[make_unit()])
    assert client.get(reverse("movements:covenant_edit", kwargs={"pk": other.pk})).status_code == 404


def test_rotation_page_refuses_without_deputy_then_rotates(world):
    client = client_for(world, "specialist")
    url = reverse("movements:group_rotate", kwargs={"pk": world.group_year.pk})
    page = client.get(url)
    assert "problem" in page.context and page.context["problem"]
    response = client.post(url, {"next_year": 2027})
    assert response.status_code == 200 and response.context["form"].errors
    EmulationGroupMembership.objects.filter(group_year=world.group_year, unit=world.unit_b).update(role=GroupRole.DEPUTY)
    response = client.post(url, {"next_year": 2027})
    assert response.status_code == 302
    following = EmulationGroupYear.objects.get(group=world.group_year.group, year=2027)
    assert following.head == world.unit_b and following.deputy == world.unit_a


def test_unit_history_page(world):
    response = client_for(world, "clerk_a").get(reverse("movements:unit_history", kwargs={"pk": world.unit_a.pk}))
    assert [(row.year, row.role) for row in response.context["rows"]] == [(2026, GroupRole.HEAD)]


@pytest.mark.parametrize("count", [1, 3])
def test_movement_page_queries_are_fixed(world, django_assert_num_queries, count):
    from tdkt.movements.models import MovementParticipant, MovementPhase

    movement = make_movement(target_scope="units")
    for i in range(count):
        Milestone.objects.create(movement=movement, kind="other", on=datetime.date(2026, 3, i + 1))
        MovementPhase.objects.create(movement=movement, name=f"Đợt {i}", start_date=datetime.date(2026, 1, 1),
                                     end_date=datetime.date(2026, 6, 30))
        MovementParticipant.objects.create(movement=movement, unit=make_unit())
        Dossier.objects.create(unit=world.unit_a, title=f"Hồ sơ {i}", movement=movement, year=2026)
        Registration.objects.create(unit=make_unit(), year=2026, movement=movement)
    client = client_for(world, "specialist")
    url = reverse("movements:detail", kwargs={"pk": movement.pk})
    client.get(url)
    with django_assert_num_queries(14):  # + figures (2), awards (1), reviews (1)
        response = client.get(url)
    assert len(response.context["dossiers"]) == count
    assert response.context["registration_summary"] == {"draft": count, "submitted": 0}


def test_registration_list_shows_people_registered(world):
    from tdkt.movements.registrations import save_registration

    save_registration(by=world.users["clerk_a"], unit=world.unit_a, year=2026,
                      items={award_type("LDTT"): 30, award_type("CSTD_CS"): 4})
    response = client_for(world, "clerk_a").get(reverse("movements:registrations") + "?year=2026")
    assert [(r.unit.code, r.item_total) for r in response.context["registrations"]] == [("SYT", 34)]


def test_comparison_for_one_unit(world):
    from tdkt.movements.registrations import save_registration

    save_registration(by=world.users["specialist"], unit=world.unit_a, year=2026, items={award_type("LDTT"): 3})
    save_registration(by=world.users["specialist"], unit=world.unit_b, year=2026, items={award_type("LDTT"): 5})
    from django.utils import timezone

    now = timezone.now()  # only registrations signed by the unit's leader count
    Registration.objects.update(state=RegistrationState.SIGNED, submitted_at=now, signed_at=now)
    client = client_for(world, "specialist")
    everything = client.get(reverse("movements:comparison") + "?year=2026").context["rows"]
    one = client.get(reverse("movements:comparison") + f"?year=2026&unit={world.unit_b.pk}").context["rows"]
    assert [r.unit.code for r in everything] == ["SGDDT", "SYT"]
    assert [(r.unit.code, r.lines[0].registered) for r in one] == [("SGDDT", 5)]
    # The unit picker: a name typed without JavaScript filters the same way; an unknown one is said, unfiltered.
    typed = client.get(reverse("movements:comparison"), {"year": 2026, "unit_q": "Sở Giáo dục và Đào tạo"})
    assert [(r.unit.code, r.lines[0].registered) for r in typed.context["rows"]] == [("SGDDT", 5)]
    unknown = client.get(reverse("movements:comparison"), {"year": 2026, "unit_q": "Sở Không Có"})
    assert [r.unit.code for r in unknown.context["rows"]] == ["SGDDT", "SYT"]
    assert ("Đơn vị: không có đơn vị nào tên “Sở Không Có” trong các đơn vị ông/bà được chọn ở đây."
            in unknown.content.decode())
