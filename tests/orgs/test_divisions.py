"""Administrative codes come from the national list (vietnam-provinces, post-July-2025)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from vietnam_provinces import Ward

from tdkt.orgs import services
from tdkt.orgs.divisions import find_province, format_ward_code, wards_of_province
from tdkt.orgs.enums import UnitKind


@pytest.mark.parametrize(("name", "expected"), [
    ("Lào Cai", "Tỉnh Lào Cai"), ("lao cai", "Tỉnh Lào Cai"), ("Tỉnh Lào Cai", "Tỉnh Lào Cai"),
    ("Thái Nguyên", "Tỉnh Thái Nguyên"), ("ha noi", "Thành phố Hà Nội"), ("Bắc Kạn", None),
])
def test_find_province_ignores_accents_and_prefix(name, expected):
    province = find_province(name)
    assert (province.name if province else None) == expected


def test_wards_of_lao_cai_are_the_package_list():
    province = find_province("Lào Cai")
    expected = {format_ward_code(w.code) for w in Ward.iter_all() if w.province_code == province.code}
    assert set(wards_of_province("Lào Cai")) == expected
    assert wards_of_province("Lào Cai")["02647"] == "Phường Lào Cai"


@override_settings(PROVINCE_NAME="Lào Cai")
def test_unit_admin_code_must_be_a_ward_of_the_province(db):
    unit = services.create_unit(by=None, name="Phường Lào Cai", code="P-LC", kind=UnitKind.COMMUNE, admin_code="02647")
    assert unit.admin_code == "02647"
    with pytest.raises(ValidationError, match=r"^\{'admin_code': \['“00004” không phải mã xã, phường của Lào Cai trong Danh mục đơn vị hành chính\.'\]\}$") as caught:
        services.create_unit(by=None, name="Phường Ba Đình", code="P-BD", kind=UnitKind.COMMUNE, admin_code="00004")
    assert caught.value.message_dict == {
        "admin_code": ["“00004” không phải mã xã, phường của Lào Cai trong Danh mục đơn vị hành chính."]
    }
