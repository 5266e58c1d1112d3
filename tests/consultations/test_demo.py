"""The demo hook of hiệp y and công khai, run after the dossiers demo: Thuế tỉnh answers through Sở Y tế's
leader, Công an tỉnh answered on paper, a posted notice with one handled and one open public comment;
wiped before the dossiers and units go."""

from django.utils import timezone

from tdkt.accounts.enums import Role
from tdkt.dossiers import demo as dossiers_demo
from tdkt.dossiers.consultations import demo
from tdkt.dossiers.consultations.enums import Answer, RequestState
from tdkt.dossiers.consultations.models import ConsultationRequest, ConsultedAgency
from tdkt.dossiers.consultations.queries import inbox_for_agency_user
from tdkt.dossiers.enums import DossierState
from tdkt.dossiers.models import Dossier
from tdkt.dossiers.postings.enums import CommentState, NoticeState
from tdkt.dossiers.postings.models import PublicComment, PublicNotice
from tdkt.orgs.enums import UnitKind
from tests.factories import make_person, make_unit, make_user


def demo_province(world):
    health = make_unit("Sở Y tế", code="P15-SYT")
    commune = make_unit("Xã A Mú Sung", kind=UnitKind.COMMUNE, code="P15-XA01")
    make_user("vanthu.soyte", role=Role.UNIT_CLERK, unit=health)
    leader = make_user("lanhdao.soyte", role=Role.UNIT_LEADER, unit=health)
    make_user("vanthu.xa", role=Role.UNIT_CLERK, unit=commune)
    make_user("lanhdao.xa", role=Role.UNIT_LEADER, unit=commune)  # delegates sending to vanthu.xa
    for index in range(12):
        make_person(f"Người mẫu Sở {index:02d}", unit=health)
        make_person(f"Người mẫu Xã {index:02d}", unit=commune)
    dossiers_demo.load_demo(2026)
    return health, commune, leader


def test_load_and_wipe_demo(world):
    health, commune, leader = demo_province(world)
    message = demo.load_demo(2026)

    dossier = Dossier.objects.get(unit=commune, title__startswith="Đề nghị khen thưởng chuyên đề")
    assert dossier.state == DossierState.PUBLIC_POSTING
    tax = ConsultedAgency.objects.get(name="Thuế tỉnh")
    assert tax.unit == health
    requests = {r.agency.name: r for r in ConsultationRequest.objects.filter(dossier=dossier).select_related("agency")}
    police = requests["Công an tỉnh"]
    assert (police.state, police.answer, police.recorded_on_paper) == (RequestState.ANSWERED, Answer.NO_OBJECTION,
                                                                       True)
    assert requests["Thuế tỉnh"].state == RequestState.SENT
    assert list(inbox_for_agency_user(leader)) == [requests["Thuế tỉnh"]]  # the leader answers in the inbox

    notice = PublicNotice.objects.get()
    assert notice.state == NoticeState.PUBLISHED and notice.published_on == timezone.localdate()
    posted = list(notice.nominations.values_list("award_type__code", "dossier_id"))
    assert posted == [("CSTD_TQ", dossier.pk)]
    comments = list(PublicComment.objects.order_by("id").values_list("nomination_id", "state", "handling_reason"))
    assert comments == [
        (None, CommentState.DISMISSED,
         "Số và ngày quyết định công nhận sáng kiến đã có trong báo cáo thành tích kèm hồ sơ."),
        (notice.nominations.get().pk, CommentState.NEW, "")]
    assert message == (
        f"Hiệp y và công khai: hồ sơ “{dossier.title}” — hiệp y Công an tỉnh (đã trả lời bằng văn bản, không có ý "
        f"kiến), Thuế tỉnh (chờ trả lời đến {requests['Thuế tỉnh'].due_on:%d/%m/%Y}, lanhdao.soyte trả lời trên hệ "
        f"thống); thông báo công khai nhận ý kiến đến hết ngày {notice.ends_on:%d/%m/%Y}, 2 ý kiến của nhân dân "
        "(1 đã xử lý, 1 chưa xử lý).")

    # notice + its m2m row + 2 comments; 2 requests + their 2 m2m rows each; 1 agency unlinked
    assert demo.wipe_demo() == 4 + 6 + 1
    assert not PublicNotice.objects.exists() and not PublicComment.objects.exists()
    assert not ConsultationRequest.objects.exists()
    assert ConsultedAgency.objects.get(name="Thuế tỉnh").unit is None
    assert not health.consulted_agencies.exists()  # the builder can delete the demo unit next
    assert dossiers_demo.wipe_demo() == 8


def test_load_demo_without_a_dossier_in_appraisal_says_so(world):
    assert demo.load_demo(2026) == "Hiệp y và công khai: bỏ qua (chưa có hồ sơ mẫu đang thẩm định)."
    assert demo.wipe_demo() == 0
