"""The national catalogue seeded by migration, name matching, and the catalogue services.

Coefficients are checked against shared/domain/law.md §6 (NĐ 152/2025/NĐ-CP Đ50–55, tagged [V S1]).
"""

from decimal import Decimal

import pytest
from django.db import IntegrityError

from tdkt.audit.models import AuditEvent
from tdkt.awards import enums, services
from tdkt.awards.matching import AwardMatcher, award_name_key, match_award_type
from tdkt.awards.models import AwardAlias, AwardType
from tdkt.eligibility import codes
from tests.awards.support import refusal
from tests.factories import make_award

# --- the seed ---------------------------------------------------------------------------------------------


def test_every_award_code_is_seeded_as_a_national_active_entry(db):
    seeded = dict(AwardType.objects.values_list("code", "is_national"))
    assert sorted(seeded) == sorted(code.value for code in codes.AwardCode)
    assert set(seeded.values()) == {True}
    assert not AwardType.objects.filter(active=False).exists()


def D(text):  # noqa: N802
    return Decimal(text) if text is not None else None


# code: (individual, collective, household), each line of law.md §6 it comes from in the comment.
COEFFICIENTS = {
    "LDTT": ("0.3", None, None),  # | LĐTT / CSTT | 0.3 |
    "CSTT": ("0.3", None, None),  # | LĐTT / CSTT | 0.3 |
    "CSTD_CS": ("1.0", None, None),  # | CSTĐ cơ sở | 1.0 |
    "CSTD_TINH": ("3.0", None, None),  # | CSTĐ bộ/ban/ngành/tỉnh | 3.0 |
    "CSTD_TQ": ("4.5", None, None),  # | CSTĐ toàn quốc | 4.5 |
    "TTLDXS": (None, "1.5", None),  # | TTLĐXS / Đơn vị quyết thắng | 1.5 |
    "DVQT": (None, "1.5", None),
    "TTLDTT": (None, "0.8", None),  # | TTLĐTT / Đơn vị tiên tiến | 0.8 |
    "DVTT": (None, "0.8", None),
    "XA_TIEU_BIEU": (None, "2.0", None),  # | xã, phường, đặc khu tiêu biểu | 2.0 |
    "THON_VH": (None, "1.5", None),  # | thôn, tổ dân phố văn hóa | 1.5 |
    "CO_CP": (None, "12.0", None),  # | Cờ thi đua của Chính phủ | 12.0 |
    "CO_TINH": (None, "8.0", None),  # | Cờ thi đua bộ/ban/ngành/tỉnh | 8.0 |
    "GDVH": (None, None, None),  # | Gia đình văn hóa | – (none listed) |
    "BK_TTG": ("3.5", "7.0", "5.25"),  # | Bằng khen TTg | 3.5 | 7.0 | 5.25 |
    "BK_TINH": ("1.5", "3.0", "2.25"),  # | Bằng khen bộ/ban/ngành/tỉnh | 1.5 | 3.0 | 2.25 |
    "GK": ("0.3", "0.6", "0.45"),  # | Giấy khen (…) | 0.3 | 0.6 | 0.45 |
    "KNC_TINH": ("0.6", None, None),  # | Kỷ niệm chương bộ/tỉnh/organisations | ≤0.6 | – | – |
    "HC_SAO_VANG": ("46.0", "92.0", None),  # | Sao vàng | 46.0 |; collectives ×2
    "HC_HCM": ("30.5", "61.0", None),  # | Hồ Chí Minh | 30.5 |
    "HCDL1": ("15.0", "30.0", None),  # | Độc lập / Quân công hạng Nhất | 15.0 |
    "HCDL2": ("12.5", "25.0", None),
    "HCDL3": ("10.5", "21.0", None),
    "HCQC1": ("15.0", "30.0", None),
    "HCQC2": ("12.5", "25.0", None),
    "HCQC3": ("10.5", "21.0", None),
    "HCLD1": ("9.0", "18.0", None),  # | Lao động / Chiến công / Bảo vệ Tổ quốc hạng Nhất | 9.0 |
    "HCLD2": ("7.5", "15.0", None),  # | same, hạng Nhì; and Đại đoàn kết dân tộc | 7.5 |
    "HCLD3": ("4.5", "9.0", None),  # | same, hạng Ba; and Dũng cảm | 4.5 |
    "HCBVTQ1": ("9.0", "18.0", None),
    "HCBVTQ2": ("7.5", "15.0", None),
    "HCBVTQ3": ("4.5", "9.0", None),
    "HCCC1": ("9.0", "18.0", None),
    "HCCC2": ("7.5", "15.0", None),
    "HCCC3": ("4.5", "9.0", None),
    "HC_DDKDT": ("7.5", "15.0", None),
    "HC_DUNG_CAM": ("4.5", None, None),
    "HC_HUU_NGHI": (None, None, None),  # not in the §6 orders table
    "HC_QKQT": ("1.5", None, None),  # | Huy chương | 1.5 | – | – |
    "HC_VANTQ": ("1.5", None, None),
    "HC_CSVV": ("1.5", None, None),
    "HC_HN": ("1.5", None, None),
    "HC_TNXP": ("1.5", None, None),
    "TINH_ANH_HUNG": (None, None, None),  # not in §6
    "BM_VNAH": ("15.5", None, None),  # BMVNAH 15.5
    "AH_LLVT": ("15.5", "31.0", None),  # AHLLVTND / AHLĐ 15.5 (collective ×2 = 31)
    "AH_LD": ("15.5", "31.0", None),
    "NGND": ("12.5", None, None),  # "…nhân dân" 12.5; "…ưu tú" 9.0
    "NGUT": ("9.0", None, None),
    "TTND": ("12.5", None, None),
    "TTUT": ("9.0", None, None),
    "NSND": ("12.5", None, None),
    "NSUT": ("9.0", None, None),
    "NNND": ("12.5", None, None),
    "NNUT": ("9.0", None, None),
    "GT_HCM": ("270", None, None),  # GTHCM 270; GTNN 170
    "GT_NN": ("170", None, None),
}


def test_the_coefficient_table_covers_every_code():
    assert sorted(COEFFICIENTS) == sorted(code.value for code in codes.AwardCode)


@pytest.mark.parametrize("code", sorted(COEFFICIENTS))
def test_bonus_coefficients_are_those_of_law_md_section_6(db, code):
    award_type = AwardType.objects.get(code=code)
    expected = tuple(D(value) for value in COEFFICIENTS[code])
    assert (award_type.bonus_individual, award_type.bonus_collective, award_type.bonus_household) == expected


def test_the_coefficients_named_in_the_brief_are_exact(db):
    values = {t.code: (t.bonus_individual, t.bonus_collective, t.bonus_household) for t in AwardType.objects.all()}
    assert values["LDTT"][0] == Decimal("0.3")
    assert values["CSTD_CS"][0] == Decimal("1.0")
    assert values["CSTD_TINH"][0] == Decimal("3.0")
    assert values["CSTD_TQ"][0] == Decimal("4.5")
    assert values["CO_CP"][1] == Decimal("12.0")
    assert values["CO_TINH"][1] == Decimal("8.0")
    assert values["TTLDXS"][1] == Decimal("1.5")
    assert values["TTLDTT"][1] == Decimal("0.8")
    assert values["BK_TINH"] == (Decimal("1.5"), Decimal("3.0"), Decimal("2.25"))
    assert values["BK_TTG"] == (Decimal("3.5"), Decimal("7.0"), Decimal("5.25"))
    assert values["GK"] == (Decimal("0.3"), Decimal("0.6"), Decimal("0.45"))


def test_only_the_commemorative_medal_coefficient_is_a_maximum(db):
    assert list(AwardType.objects.filter(bonus_is_ceiling=True).values_list("code", flat=True)) == ["KNC_TINH"]


def test_vote_thresholds_follow_decree_152_article_33_5(db):
    thresholds = dict(AwardType.objects.exclude(vote_threshold_percent=None).values_list("code", "vote_threshold_percent"))
    assert thresholds == {"CSTD_TQ": 90, "TINH_ANH_HUNG": 90, "AH_LLVT": 90, "AH_LD": 90, "CO_CP": 80}
    voted_by_province_rule = AwardType.objects.filter(requires_council_vote=True, vote_threshold_percent=None)
    assert sorted(voted_by_province_rule.values_list("code", flat=True)) == ["CO_TINH", "CSTD_CS", "CSTD_TINH"]


def test_recipient_kinds_categories_and_levels_of_key_entries(db):
    def facts(code):
        t = AwardType.objects.get(code=code)
        return t.recipient_kinds, t.category, t.level

    assert facts("LDTT") == (["individual"], "title", "grassroots")
    assert facts("CSTD_TQ") == (["individual"], "title", "state")
    assert facts("TTLDTT") == (["collective"], "title", "grassroots")
    assert facts("CO_TINH") == (["collective"], "title", "province")
    assert facts("GDVH") == (["household"], "title", "grassroots")
    assert facts("BK_TINH") == (["individual", "collective", "household"], "form", "province")
    assert facts("HCLD3") == (["individual", "collective"], "form", "state")


def test_titles_are_merit_only_and_public_posting_covers_orders_and_state_titles(db):
    assert AwardType.objects.get(code="CSTD_CS").bases == ["merit"]
    assert AwardType.objects.get(code="BK_TINH").bases == ["merit", "thematic", "adhoc", "foreign"]
    posted = set(AwardType.objects.filter(requires_public_posting=True).values_list("code", flat=True))
    orders = {c.value for c in codes.AwardCode if c.value.startswith(("HCDL", "HCQC", "HCLD", "HCBVTQ", "HCCC"))}
    assert orders <= posted
    assert {"CSTD_TQ", "HC_TNXP", "HC_SAO_VANG", "AH_LD", "NGUT"} <= posted
    assert not {"LDTT", "CSTD_CS", "BK_TINH", "GK", "CO_CP"} & posted


def test_choice_values_are_the_stable_codes_of_the_engine():
    assert enums.RatingLevel.values == [level.value for level in codes.RatingLevel]
    assert enums.InitiativeScope.values == [scope.value for scope in codes.InitiativeScope]
    assert enums.DisciplineLevel.values == [level.value for level in codes.DisciplineLevel]
    assert enums.AwardBasis.values == [basis.value for basis in codes.Basis]
    assert enums.RecipientKind.values == [kind.value for kind in codes.Recipient]


def test_every_seeded_name_points_at_exactly_one_type(db):
    keys = list(AwardAlias.objects.values_list("key", flat=True))
    assert len(keys) == len(set(keys))
    for award_type in AwardType.objects.all():
        assert match_award_type(award_type.name) == award_type
        assert match_award_type(award_type.code) == award_type


# --- matching names ---------------------------------------------------------------------------------------

MATCHES = [
    ("Chiến sĩ thi đua cơ sở", "CSTD_CS"),
    ("Chiến sỹ thi đua cơ sở", "CSTD_CS"),
    ("CSTĐCS", "CSTD_CS"),
    ("CSTĐ CS", "CSTD_CS"),
    ("cstdcs", "CSTD_CS"),
    ("chiến sĩ thi đua cấp cơ sở", "CSTD_CS"),
    ("  CHIẾN SĨ THI ĐUA CƠ SỞ  ", "CSTD_CS"),
    ("Danh hiệu Chiến sĩ thi đua cơ sở", "CSTD_CS"),
    ("CSTĐ cơ sở", "CSTD_CS"),
    ("LĐTT", "LDTT"),
    ("Lao động tiên tiến", "LDTT"),
    ("lao dong tien tien", "LDTT"),
    ("Danh hiệu “Lao động tiên tiến”", "LDTT"),
    ("Chiến sĩ thi đua cấp tỉnh", "CSTD_TINH"),
    ("Chiến sỹ thi đua tỉnh", "CSTD_TINH"),
    ("CSTĐ tỉnh", "CSTD_TINH"),
    ("Chiến sĩ thi đua bộ, ban, ngành, tỉnh", "CSTD_TINH"),
    ("Chiến sĩ thi đua toàn quốc", "CSTD_TQ"),
    ("Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH"),
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "BK_TINH"),
    ("Bằng khen của Chủ tịch UBND tỉnh Lào Cai", "BK_TINH"),
    ("Bằng khen UBND tỉnh", "BK_TINH"),
    ("Bằng khen cấp tỉnh", "BK_TINH"),
    ("BK tỉnh", "BK_TINH"),
    ("Bằng khen của Thủ tướng Chính phủ", "BK_TTG"),
    ("Bằng khen Thủ tướng", "BK_TTG"),
    ("BK TTg", "BK_TTG"),
    ("Giấy khen", "GK"),
    ("Giấy khen của Giám đốc Sở Y tế", "GK"),
    ("Giấy khen của Chủ tịch UBND xã Bản Lầu", "GK"),
    ("Cờ thi đua của UBND tỉnh", "CO_TINH"),
    ("Cờ thi đua của Chính phủ", "CO_CP"),
    ("Tập thể lao động xuất sắc", "TTLDXS"),
    ("TTLĐTT", "TTLDTT"),
    ("Gia đình văn hoá", "GDVH"),
    ("Thôn văn hóa", "THON_VH"),
    ("Huân chương Lao động hạng Ba", "HCLD3"),
    ("Huân chương Lao động hạng III", "HCLD3"),
    ("HC Lao động hạng 3", "HCLD3"),
    ("HCLĐ hạng Nhì", "HCLD2"),
    ("Huân chương Độc lập hạng I", "HCDL1"),
    ("Huy chương Hữu nghị", "HC_HN"),
    ("Huân chương Hữu nghị", "HC_HUU_NGHI"),
    ("Nhà giáo ưu tú", "NGUT"),
]


@pytest.mark.parametrize(("text", "code"), MATCHES)
def test_award_names_are_matched_tolerantly(db, text, code):
    assert match_award_type(text).code == code


@pytest.mark.parametrize("text", [
    "", "   ", None, "Bằng khen", "Bằng khen của Bộ trưởng Bộ Y tế", "Cờ thi đua của Bộ Công an",
    "Chiến sĩ thi đua", "Huân chương Lao động", "Kỷ niệm chương vì sự nghiệp giáo dục",
])
def test_unknown_or_ambiguous_names_do_not_match(db, text):
    assert match_award_type(text) is None


def test_a_matcher_matches_many_names_with_two_queries(db, django_assert_num_queries):
    with django_assert_num_queries(2):
        matcher = AwardMatcher()
        results = [matcher.match(text) for text, _code in MATCHES * 50]
    assert [award.code for award in results[:len(MATCHES)]] == [code for _text, code in MATCHES]
    assert matcher.match("Bằng khen của Bộ trưởng") is None


def test_a_matcher_suggests_close_names_for_a_misspelling(db):
    assert [t.code for t in AwardMatcher().suggest("Chien si thi dua co so nam")][:1] == ["CSTD_CS"]


def test_the_matching_key_unifies_spellings():
    assert award_name_key("Chiến sỹ thi đua cấp cơ sở") == award_name_key("chiến sĩ thi đua cơ sở") == "chiensithiduacoso"
    assert award_name_key("HCLĐ hạng III") == award_name_key("HCLĐ hạng 3") == "hcldhangba"


# --- catalogue services -----------------------------------------------------------------------------------


def province_type(**overrides):
    fields = {
        "code": "CONG_DAN_UU_TU", "name": "Công dân ưu tú", "short_name": "", "category": "title",
        "for_individual": True, "for_collective": False, "for_household": False, "level": "province",
        "deciding_authority": "Chủ tịch UBND tỉnh", "bases": ["merit"], "requires_council_vote": True,
        "vote_threshold_percent": 90, "legal_basis": "Quyết định của UBND tỉnh",
    }
    fields.update(overrides)
    return fields


def test_a_province_adds_its_own_title_matched_by_its_aliases_and_audited(world):
    admin = world.users["admin"]
    created = services.create_award_type(by=admin, aliases=["Công dân tiêu biểu của tỉnh"], **province_type(code="cong_dan_uu_tu"))
    assert (created.code, created.is_national, created.active) == ("CONG_DAN_UU_TU", False, True)
    assert match_award_type("cong dan uu tu") == created
    assert match_award_type("Công dân tiêu biểu của tỉnh") == created
    event = AuditEvent.objects.get(object_type="awards.awardtype", action="create")
    assert event.changes["after"]["code"] == "CONG_DAN_UU_TU"
    assert event.changes["after"]["aliases"] == ["Công dân tiêu biểu của tỉnh"]


@pytest.mark.parametrize(("overrides", "expected"), [
    ({"code": "công dân"}, {"code": ["Write the code in capital letters, digits and “_”, starting with a letter, "
                                     "e.g. CONG_DAN_UU_TU."]}),
    ({"code": "ldtt"}, {"code": ["The code “LDTT” is already used by “Lao động tiên tiến”."]}),
    ({"for_individual": False}, {"for_individual": ["Choose at least one kind of recipient."]}),
    ({"bases": []}, {"bases": ["Choose at least one kind of commendation."]}),
    ({"bases": ["merit", "bribe"]}, {"bases": ["Unknown kind of commendation “bribe”."]}),
    ({"requires_council_vote": False},
     {"vote_threshold_percent": ["A vote threshold is set only for awards that require a council vote."]}),
    ({"vote_threshold_percent": 40}, {"vote_threshold_percent": ["Ensure this value is greater than or equal to 50."]}),
    ({"name": "Chiến sỹ thi đua cấp cơ sở"},
     {"name": ["The name “Chiến sỹ thi đua cấp cơ sở” already refers to “Chiến sĩ thi đua cơ sở”."]}),
])
def test_bad_award_types_are_refused_with_a_message_on_the_field(world, overrides, expected):
    before = AwardType.objects.count()
    assert refusal(lambda: services.create_award_type(by=world.users["admin"], **province_type(**overrides))) == expected
    assert AwardType.objects.count() == before


def test_an_alias_taken_by_another_type_is_refused(world):
    assert refusal(lambda: services.create_award_type(by=world.users["admin"], aliases=["CSTĐCS"], **province_type())) == {
        "aliases": ["The name “CSTĐCS” already refers to “Chiến sĩ thi đua cơ sở”."]}
    assert not AwardType.objects.filter(code="CONG_DAN_UU_TU").exists()


def test_a_national_code_cannot_change_but_the_entry_can_be_deactivated(world):
    ldtt = AwardType.objects.get(code="LDTT")
    assert refusal(lambda: services.update_award_type(ldtt, by=world.users["admin"], code="LAO_DONG_TIEN_TIEN")) == {
        "code": ["The code of a national award type cannot be changed."]}
    services.update_award_type(ldtt, by=world.users["admin"], active=False)
    ldtt.refresh_from_db()
    assert (ldtt.code, ldtt.active) == ("LDTT", False)
    assert AuditEvent.objects.get(object_type="awards.awardtype", action="update").changes == {"active": [True, False]}


def test_a_provincial_code_is_fixed_once_awards_use_it(world):
    admin = world.users["admin"]
    created = services.create_award_type(by=admin, **province_type())
    renamed = services.update_award_type(created, by=admin, code="CONG_DAN_TIEU_BIEU")
    assert renamed.code == "CONG_DAN_TIEU_BIEU"
    assert match_award_type("CONG_DAN_TIEU_BIEU") == renamed
    make_award(person=world.person_a, code="CONG_DAN_TIEU_BIEU", year=2025)
    assert refusal(lambda: services.update_award_type(renamed, by=admin, code="CDUT")) == {
        "code": ["The code cannot be changed: awards of this type have been recorded."]}


def test_changing_aliases_is_audited_with_before_and_after(world):
    admin = world.users["admin"]
    created = services.create_award_type(by=admin, aliases=["CDƯT"], **province_type())
    services.update_award_type(created, by=admin, aliases=["CDƯT", "Công dân ưu tú tỉnh"])
    event = AuditEvent.objects.get(object_type="awards.awardtype", action="update")
    assert event.changes == {"aliases": [["CDƯT"], ["CDƯT", "Công dân ưu tú tỉnh"]]}
    # The code CONG_DAN_UU_TU has the same matching key as the name: one row serves both.
    assert sorted(AwardAlias.objects.filter(award_type=created).values_list("kind", "text")) == [
        ("alias", "CDƯT"), ("alias", "Công dân ưu tú tỉnh"), ("name", "Công dân ưu tú")]


def test_the_database_refuses_a_type_without_recipient_kind(db):
    with pytest.raises(IntegrityError, match=r"(?s)^(CHECK constraint failed: award_type_has_recipient_kind|new row for relation .* violates check constraint .*)$"):
        AwardType.objects.create(code="X_TEST", name="Thử", category="title", level="grassroots", bases=["merit"])


def test_seeded_types_are_protected_from_deletion_once_used(world):
    make_award(person=world.person_a, code="LDTT")
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError, match='^\\("Cannot delete some instances of model \'AwardType\' because they are referenced through protected foreign keys: \'AwardRecord\\.award_type\'\\.", \\{<AwardRecord: Lao động tiên tiến 2024 — Nguyễn Văn An>\\}\\)$'):
        AwardType.objects.get(code="LDTT").delete()

