"""Award names as units write them in their lists, matched through the catalogue's aliases (table-driven)."""

import pytest

from tdkt.awards.matching import AwardMatcher
from tdkt.dossiers.nominees.matching import Resolver
from tdkt.dossiers.nominees.parsing import parse_list
from tests.nominees.helpers import make_dossier


@pytest.mark.parametrize(("written", "code"), [
    ("Lao động tiên tiến", "LDTT"),
    ("LĐTT", "LDTT"),
    ("lao dong tien tien", "LDTT"),
    ("Chiến sỹ thi đua cơ sở", "CSTD_CS"),
    ("CSTĐCS", "CSTD_CS"),
    ("Chiến sĩ thi đua cấp cơ sở", "CSTD_CS"),
    ("Danh hiệu Chiến sĩ thi đua cấp tỉnh", "CSTD_TINH"),
    ("Bằng khen của Chủ tịch UBND tỉnh", "BK_TINH"),
    ("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Lào Cai", "BK_TINH"),
    ("Bằng khen của Thủ tướng Chính phủ", "BK_TTG"),
    ("Tập thể lao động xuất sắc", "TTLDXS"),
    ("Cờ thi đua của UBND tỉnh", "CO_TINH"),
    ("Giấy khen của Giám đốc Sở Y tế", "GK"),
    ("Bằng khen UBND", None),
    ("Huân chương", None),
    ("", None),
])
def test_award_names(db, written, code):
    found = AwardMatcher().match(written)
    assert (found.code if found else None) == code


def test_unknown_award_suggests_the_closest(world):
    dossier = make_dossier(world.unit_a)
    parsed = parse_list([(1, ["Họ và tên", "Hình thức đề nghị"]), (2, ["Nguyễn Văn An", "Chiến sĩ thi đa cơ sở"])])
    resolver = Resolver(dossier, parsed)
    assert resolver.resolve() == []
    assert [str(p) for p in resolver.problems] == [
        "Dòng 2, cột “Hình thức đề nghị”: không nhận ra hình thức “Chiến sĩ thi đa cơ sở”. "
        "Có phải là: “Chiến sĩ thi đua cơ sở”, “Chiến sĩ thi đua toàn quốc”?"]
