"""A unit's own council (Hội đồng TĐKT cơ sở, issue 16 item 2): its secretary prepares its meetings, whose
agenda holds only the lines sent to its unit's own authority; a seat on it reads that unit's rounds, not the
province's; the province's specialists prepare only the province's councils."""

import pytest
from django.http import Http404
from django.urls import reverse

from tdkt.accounts.enums import Role
from tdkt.accounts.scope import get_scope
from tdkt.council import queries
from tdkt.council.services import meetings
from tdkt.dossiers.models import Dossier
from tdkt.dossiers.queries import get_dossier_for_user
from tdkt.orgs.enums import CouncilLevel, CouncilRole
from tests.council.helpers import MEETING_DATE, make_board, ready_dossier, seat
from tests.factories import make_authority, make_council, make_person, make_user


@pytest.fixture
def unit_council(world):
    council = make_council(world.unit_a, name="Hội đồng Thi đua - Khen thưởng Sở Y tế", level=CouncilLevel.UNIT)
    secretary = make_user("tk.syt", role=Role.COUNCIL_SECRETARY, unit=world.unit_a, council=council)
    member = make_user("uv.syt", role=Role.COUNCIL_MEMBER, unit=world.unit_a, council=council)
    seat(council, make_person("Hoàng Văn Chủ", unit=world.unit_a), CouncilRole.CHAIR)
    seat(council, make_person("Vũ Thị Thư", unit=world.unit_a), CouncilRole.SECRETARY, secretary)
    seat(council, make_person("Phạm Văn Viên", unit=world.unit_a), CouncilRole.MEMBER, member)
    return council, secretary, member


def _to_unit(dossier, unit):
    authority = make_authority(unit, symbol="QĐ-SYT")
    Dossier.objects.filter(pk=dossier.pk).update(receiving_authority=authority, authority=authority.kind)
    return dossier


def test_a_unit_councils_agenda_holds_only_its_own_authoritys_lines(world, unit_council):
    council, secretary, _member = unit_council
    make_board(world)
    unit_round = _to_unit(ready_dossier(world.unit_a_child, (world.person_a_child, "LDTT", {})), world.unit_a)
    province = ready_dossier(world.unit_a, (world.person_a, "BK_TINH", {}), title="Hồ sơ đề nghị Bằng khen")
    unit_meeting = meetings.create_meeting(council, date=MEETING_DATE, place="Sở Y tế", by=secretary)
    assert meetings.build_agenda(unit_meeting, by=secretary, today=MEETING_DATE).count == 1
    assert [item.nomination.dossier_id for item in unit_meeting.items.all()] == [unit_round.pk]
    province_meeting = meetings.create_meeting(world.council, date=MEETING_DATE, place="UBND tỉnh",
                                               by=world.users["specialist"])
    meetings.build_agenda(province_meeting, by=world.users["specialist"], today=MEETING_DATE)
    assert [item.nomination.dossier_id for item in province_meeting.items.all()] == [province.pk]


def test_a_seat_on_a_unit_council_reads_that_units_rounds_only(world, unit_council):
    _council, secretary, member = unit_council
    other = ready_dossier(world.unit_b, (world.person_b, "LDTT", {}), title="Hồ sơ của Sở Giáo dục")
    own = ready_dossier(world.unit_a_child, (world.person_a_child, "LDTT", {}))
    for user in (secretary, member):
        scope = get_scope(user)
        assert (scope.read_all, world.unit_a_child.pk in scope.readable_unit_ids) == (False, True)
        assert get_dossier_for_user(user, own.pk) == own
        with pytest.raises(Http404, match=r"^$"):
            get_dossier_for_user(user, other.pk)
    assert get_scope(world.users["council_member"]).read_all is True  # the province's council reads all


def test_who_prepares_a_unit_councils_meetings(world, unit_council):
    council, secretary, member = unit_council
    specialist = world.users["specialist"]
    assert list(queries.councils_for_manager(secretary)) == [council]
    assert list(queries.councils_for_manager(specialist)) == [world.council]
    assert [queries.can_manage(user, council) for user in (secretary, member, specialist)] == [True, False, False]


def test_unit_council_pages_per_persona(world, unit_council):
    from django.test import Client

    council, secretary, _member = unit_council
    meeting = meetings.create_meeting(council, date=MEETING_DATE, place="Sở Y tế", by=secretary)
    url = reverse("council:meeting", args=[meeting.pk])
    clients = {}
    for name, user in (("secretary", secretary), ("specialist", world.users["specialist"]),
                       ("clerk_b", world.users["clerk_b"])):
        clients[name] = Client()
        clients[name].force_login(user)
    assert [clients[name].get(url).status_code for name in ("secretary", "specialist", "clerk_b")] == [200, 200, 403]
    listed = clients["secretary"].get(reverse("council:meetings"))
    assert [row.pk for row in listed.context["meetings"]] == [meeting.pk]
