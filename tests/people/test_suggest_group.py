"""suggest_group: a table of position titles as officers write them (honorifics, capitals, no diacritics), and
any text at all never makes it fail."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.lib.vntext import fold
from tdkt.people.enums import PersonCategory, PersonGroup
from tdkt.people.groups import suggest_group

TITLES = [
    ("Chủ tịch UBND tỉnh", PersonGroup.PROVINCE_LEADER),
    ("Phó Chủ tịch Ủy ban nhân dân tỉnh Lào Cai", PersonGroup.PROVINCE_LEADER),
    ("Bí thư Tỉnh ủy", PersonGroup.PROVINCE_LEADER),
    ("PHÓ BÍ THƯ TỈNH ỦY", PersonGroup.PROVINCE_LEADER),
    ("Chủ tịch HĐND tỉnh", PersonGroup.PROVINCE_LEADER),
    ("Trưởng Đoàn ĐBQH tỉnh", PersonGroup.PROVINCE_LEADER),
    ("Thứ trưởng Bộ Nội vụ", PersonGroup.PROVINCE_LEADER),
    ("Đồng chí Phó Chủ tịch UBND tỉnh", PersonGroup.PROVINCE_LEADER),
    ("Ông Nguyễn Văn A - Giám đốc Sở Y tế", PersonGroup.DEPARTMENT_LEADER),
    ("Giám đốc Sở Nội vụ", PersonGroup.DEPARTMENT_LEADER),
    ("Phó Giám đốc Sở Giáo dục và Đào tạo", PersonGroup.DEPARTMENT_LEADER),
    ("pho giam doc so tai chinh", PersonGroup.DEPARTMENT_LEADER),
    ("Chánh Văn phòng UBND tỉnh", PersonGroup.DEPARTMENT_LEADER),
    ("Trưởng ban Dân tộc tỉnh", PersonGroup.DEPARTMENT_LEADER),
    ("Chủ tịch UBND huyện", PersonGroup.DEPARTMENT_LEADER),
    ("Bí thư Huyện ủy", PersonGroup.DEPARTMENT_LEADER),
    ("Vụ trưởng Vụ Thi đua", PersonGroup.DEPARTMENT_LEADER),
    ("Cục trưởng Cục Thuế tỉnh", PersonGroup.DEPARTMENT_LEADER),
    ("Giám đốc Công ty TNHH Minh Phát", PersonGroup.BUSINESS),
    ("Tổng Giám đốc Công ty cổ phần", PersonGroup.BUSINESS),
    ("Chủ doanh nghiệp tư nhân", PersonGroup.BUSINESS),
    ("Doanh nhân", PersonGroup.BUSINESS),
    ("Chủ nhiệm Hợp tác xã nông nghiệp", PersonGroup.BUSINESS),
    ("Chủ tịch HĐQT Công ty CP Apatit", PersonGroup.BUSINESS),
    ("Trưởng phòng Tổ chức cán bộ", PersonGroup.MANAGER),
    ("Phó trưởng phòng Kế hoạch", PersonGroup.MANAGER),
    ("Hiệu trưởng Trường THPT số 1", PersonGroup.MANAGER),
    ("Phó Hiệu trưởng", PersonGroup.MANAGER),
    ("Chủ tịch UBND xã Bản Lầu", PersonGroup.MANAGER),
    ("Phó Chủ tịch UBND phường Cốc Lếu", PersonGroup.MANAGER),
    ("Trưởng khoa Nội", PersonGroup.MANAGER),
    ("Trưởng trạm Y tế xã", PersonGroup.MANAGER),

    ("Chánh thanh tra Sở", PersonGroup.MANAGER),
    ("Công nhân", PersonGroup.DIRECT_WORKER),
    ("Trưởng đoàn thanh tra tỉnh", None),
    ("Nông dân", PersonGroup.DIRECT_WORKER),
    ("Giáo viên", PersonGroup.DIRECT_WORKER),
    ("Bác sĩ", PersonGroup.DIRECT_WORKER),
    ("Chuyên viên", PersonGroup.DIRECT_WORKER),
    ("Nhân viên văn thư", PersonGroup.DIRECT_WORKER),
    ("Điều dưỡng", PersonGroup.DIRECT_WORKER),
    ("Chiến sĩ", PersonGroup.DIRECT_WORKER),
    ("Trưởng thôn", PersonGroup.DIRECT_WORKER),
    ("Ngư dân", PersonGroup.DIRECT_WORKER),
    ("Kỹ sư", PersonGroup.DIRECT_WORKER),
    ("Giảng viên", PersonGroup.DIRECT_WORKER),
    ("Công an viên", PersonGroup.DIRECT_WORKER),
    ("Tổ trưởng tổ sản xuất", PersonGroup.DIRECT_WORKER),
    ("", None),
    ("Hưu trí", None),
]


@pytest.mark.parametrize(("position", "expected"), TITLES, ids=[t for t, _g in TITLES])
def test_known_titles_are_suggested_as_expected(position, expected):
    assert suggest_group(position) == expected


@pytest.mark.parametrize(("position", "expected"), [t for t in TITLES if t[0]], ids=[t for t, _g in TITLES if t])
def test_honorifics_capitals_and_missing_diacritics_change_nothing(position, expected):
    for written in (f"Ông {position}", f"Đồng chí {position}", position.upper(), fold(position).upper(),
                    f"  {position} ,"):
        assert suggest_group(written) == expected, written


def test_the_category_decides_only_when_the_position_does_not():
    assert suggest_group("", PersonCategory.FARMER) == PersonGroup.DIRECT_WORKER
    assert suggest_group("Hưu trí", PersonCategory.WORKER) == PersonGroup.DIRECT_WORKER
    assert suggest_group("Giám đốc Sở Y tế", PersonCategory.WORKER) == PersonGroup.DEPARTMENT_LEADER
    assert suggest_group("", PersonCategory.CIVIL_SERVANT) is None


@given(st.text(), st.sampled_from(["", *PersonCategory.values]))
def test_any_text_gives_a_group_or_none(position, category):
    assert suggest_group(position, category) in {None, *PersonGroup.values}
