"""Plausible Vietnamese personal names for the demo province, by ethnic group.

Kinh names follow the usual family + middle + given pattern with realistic family-name weights;
ethnic-minority names follow the patterns common in the northern mountains (H'Mông "Giàng A Páo",
"Sùng Thị Mai", "Vàng Seo Sử"; Dao "Triệu Văn Lưu", "Bàn Thị Mây"; Tày "Hoàng Văn Thắng";
Giáy "Lò Văn Pao"…). Pure data and a seeded generator: no Django.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from tdkt.people.enums import Gender


def _weighted(pairs):
    """[(value, weight)] -> (values, cumulative weights) for random.choices(cum_weights=…)."""
    values = [value for value, _ in pairs]
    cum = list(itertools.accumulate(weight for _, weight in pairs))
    return values, cum


@dataclass(frozen=True)
class NameStyle:
    families: tuple  # (values, cum_weights)
    male_middles: tuple
    female_middles: tuple
    male_given: tuple[str, ...]
    female_given: tuple[str, ...]


_KINH_GIVEN_MALE = (
    "An", "Anh", "Bình", "Cường", "Chiến", "Dũng", "Đạt", "Đức", "Giang", "Hải", "Hiếu", "Hiệp", "Hoàng",
    "Hùng", "Hưng", "Huy", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lợi", "Mạnh", "Minh", "Nam", "Nghĩa",
    "Phong", "Phúc", "Quang", "Quân", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thịnh", "Toàn", "Trung",
    "Tú", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Hòa", "Hậu", "Thái", "Khải", "Lực", "Định",
)
_KINH_GIVEN_FEMALE = (
    "An", "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Hương", "Huyền",
    "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Tâm",
    "Thảo", "Thu", "Thủy", "Trang", "Tuyết", "Vân", "Yến", "Hậu", "Lụa", "Xuân", "Huế", "Thơm", "Nhàn",
    "Duyên", "Hòa", "Lệ", "Ly", "Nhi", "Thanh", "Thúy", "Vy", "Diệp",
)

KINH = NameStyle(
    families=_weighted([
        ("Nguyễn", 38), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5), ("Vũ", 4), ("Phan", 4),
        ("Đặng", 2.1), ("Bùi", 2), ("Đỗ", 1.4), ("Hồ", 1.3), ("Ngô", 1.3), ("Dương", 1), ("Lý", 0.5),
        ("Đinh", 0.8), ("Đào", 0.7), ("Trịnh", 0.6), ("Mai", 0.4), ("Lương", 0.4), ("Tạ", 0.3),
        ("Cao", 0.4), ("Hà", 0.6), ("Vương", 0.2), ("Kiều", 0.2), ("Chu", 0.3), ("Khúc", 0.1), ("Lưu", 0.3),
    ]),
    male_middles=_weighted([
        ("Văn", 30), ("Đức", 8), ("Minh", 8), ("Quang", 6), ("Hữu", 5), ("Xuân", 4), ("Thành", 4),
        ("Ngọc", 3), ("Tiến", 3), ("Mạnh", 2), ("Trung", 3), ("Anh", 2), ("Công", 3), ("Duy", 3),
        ("Hoàng", 2), ("Thế", 2), ("Đình", 4), ("Viết", 1), ("Trọng", 2),
    ]),
    female_middles=_weighted([
        ("Thị", 45), ("Thu", 6), ("Thanh", 6), ("Ngọc", 5), ("Thúy", 3), ("Minh", 3), ("Phương", 3),
        ("Hồng", 4), ("Kim", 3), ("Thùy", 3), ("Mai", 2), ("Hải", 2), ("Bích", 2), ("Khánh", 2),
    ]),
    male_given=_KINH_GIVEN_MALE,
    female_given=_KINH_GIVEN_FEMALE,
)

HMONG = NameStyle(
    families=_weighted([
        ("Giàng", 14), ("Sùng", 10), ("Vàng", 12), ("Lý", 10), ("Thào", 10), ("Hầu", 5), ("Mùa", 6),
        ("Lầu", 4), ("Hạng", 5), ("Cư", 3), ("Sình", 2), ("Tráng", 3), ("Vừ", 3), ("Ly", 2), ("Lồ", 2),
        ("Má", 1), ("Mã", 1),
    ]),
    male_middles=_weighted([("A", 40), ("Seo", 25), ("Mí", 12), ("Chẩn", 3), ("Văn", 10), ("Chá", 4)]),
    female_middles=_weighted([("Thị", 70), ("Thị Thu", 2), ("Thị Mỷ", 2)]),
    male_given=(
        "Páo", "Sử", "Chờ", "Dình", "Sính", "Chứ", "Lử", "Pao", "Sùng", "Tủa", "Vừ", "Chư", "Sáng", "Phìn",
        "Chảo", "Lềnh", "Khái", "Nhè", "Cáng", "Tính", "Thề", "Lồng", "Chúng", "Dế", "Sểnh", "Chỉn", "Chua",
        "Giàng", "Phử", "Lù", "Sà", "Tú", "Lầu", "Ký",
    ),
    female_given=(
        "Mai", "Dế", "Súa", "Mỷ", "Chi", "Sy", "Dợ", "Pà", "Ca", "Dính", "Mua", "Sính", "Máy", "Lan", "Chúa",
        "Say", "Xía", "Lử", "Dua", "Mỉ", "Chá", "Dâu", "Sò", "Pằng", "Mùa",
    ),
)

DAO = NameStyle(
    families=_weighted([
        ("Triệu", 16), ("Bàn", 14), ("Phùng", 10), ("Đặng", 10), ("Lý", 8), ("Chảo", 6), ("Tẩn", 6),
        ("Dương", 3), ("Hoàng", 3), ("Lò", 3), ("Sầm", 1),
    ]),
    male_middles=_weighted([("Văn", 50), ("Seo", 10), ("Láo", 5), ("Phủ", 4), ("Tiến", 6), ("A", 4)]),
    female_middles=_weighted([("Thị", 60), ("Mùi", 4), ("Tả", 3)]),
    male_given=(
        "Lưu", "Phin", "Chòi", "Sài", "Vần", "Kiềm", "Quẩy", "Lở", "Tòng", "Chiêu", "Phú", "Chàn", "Lìn",
        "Ton", "Sinh", "Thành", "Quý", "Dền", "Kiểm", "Chài", "Phây", "Lai", "Tính",
    ),
    female_given=(
        "Mây", "Mẩy", "Xuân", "Phấy", "Nhì", "Sen", "Dung", "Liên", "Quẩy", "Chài", "Ton", "Lụa", "Sảy",
        "Múi", "Hương", "Hoa", "Nái", "Kiều",
    ),
)

TAY = NameStyle(
    families=_weighted([
        ("Hoàng", 14), ("Nông", 10), ("Lương", 8), ("Hà", 8), ("Đàm", 5), ("Ma", 5), ("Lục", 4),
        ("Nguyễn", 6), ("Hứa", 3), ("Bế", 4), ("Triệu", 4), ("Vi", 3), ("Lý", 3),
    ]),
    male_middles=_weighted([("Văn", 60), ("Đức", 8), ("Quang", 5), ("Ngọc", 3)]),
    female_middles=_weighted([("Thị", 80), ("Thu", 4), ("Hồng", 3)]),
    male_given=(
        "Thắng", "Tình", "Hoan", "Phúc", "Quyết", "Thuận", "Chiến", "Bằng", "Cường", "Tuyên", "Vui", "Khiêm",
        "Thoại", "Sinh", "Hội", "Lành", "Thọ", "Tâm", "Vượng", "Hào", "Nghiệp",
    ),
    female_given=(
        "Mến", "Nhàn", "Hoa", "Thư", "Hiền", "Tươi", "Duyên", "Thơm", "Hòa", "Lả", "Khuyên", "Nhung", "Mai",
        "Thắm", "Len", "Pha", "Xuyến",
    ),
)

NUNG = NameStyle(
    families=_weighted([
        ("Nông", 12), ("Hoàng", 10), ("Lục", 6), ("Vi", 5), ("Sầm", 3), ("Lù", 3), ("Chu", 3), ("Mã", 3),
        ("Lăng", 2), ("Chẩu", 2),
    ]),
    male_middles=_weighted([("Văn", 70), ("Đức", 5)]),
    female_middles=_weighted([("Thị", 85)]),
    male_given=TAY.male_given + ("Sình", "Pắt", "Lìn", "Chính", "Sủi"),
    female_given=TAY.female_given + ("Slao", "Mùi", "Lìn"),
)

GIAY = NameStyle(
    families=_weighted([
        ("Lò", 12), ("Hoàng", 8), ("Vương", 6), ("Sần", 6), ("Lù", 5), ("Phàn", 5), ("Hà", 3), ("Lục", 2),
    ]),
    male_middles=_weighted([("Văn", 75), ("Seo", 5), ("A", 3)]),
    female_middles=_weighted([("Thị", 85)]),
    male_given=(
        "Pao", "Chiến", "Sơn", "Sáng", "Dũng", "Thào", "Sửu", "Phù", "Lâm", "Pín", "Chinh", "Hùng", "Tấn",
        "Quang", "Mạnh",
    ),
    female_given=("Lan", "Dung", "Pha", "Sen", "Thìn", "Nguyệt", "Liên", "Mai", "Hiên", "Phượng"),
)

THAI = NameStyle(
    families=_weighted([
        ("Lò", 12), ("Lường", 8), ("Cầm", 6), ("Điêu", 5), ("Quàng", 5), ("Tòng", 5), ("Hoàng", 4),
        ("Vì", 5), ("Lê", 2), ("Hà", 4), ("Lù", 2),
    ]),
    male_middles=_weighted([("Văn", 85), ("Thanh", 3)]),
    female_middles=_weighted([("Thị", 90)]),
    male_given=("Pánh", "Ương", "Xiên", "Hặc", "Chiến", "Thoan", "Tuân", "Khiêm", "Pọm", "Ún", "Hom", "Xôm"),
    female_given=("Ọn", "Xiêm", "Ươi", "Khoa", "Pâng", "Bun", "Ín", "Lả", "Thỏa", "Hoa", "Xuân"),
)

HA_NHI = NameStyle(
    families=_weighted([("Chu", 10), ("Ly", 8), ("Phu", 6), ("Lỳ", 6), ("Pờ", 4), ("Sừ", 3), ("Vù", 2)]),
    male_middles=_weighted([("A", 40), ("Gạ", 8), ("Xe", 6), ("Văn", 10)]),
    female_middles=_weighted([("Thị", 40), ("Mỳ", 6), ("Mé", 4)]),
    male_given=("Dờ", "Sừ", "Chà", "Sò", "Lù", "Dì", "Pá", "Xá", "Chừ", "Hừ", "Ma"),
    female_given=("Ca", "Pà", "Dơ", "Chừ", "Xó", "Gạ", "Mé", "Sì", "Lò"),
)

PHU_LA = NameStyle(
    families=_weighted([("Lý", 6), ("Vàng", 5), ("Sần", 4), ("Hoàng", 3), ("Pờ", 2), ("Tráng", 2)]),
    male_middles=_weighted([("Văn", 50), ("Seo", 10), ("A", 6)]),
    female_middles=_weighted([("Thị", 80)]),
    male_given=("Chúng", "Sáng", "Lìn", "Phủ", "Sinh", "Lử", "Dìn", "Pao"),
    female_given=("Mai", "Dung", "Hoa", "Mỷ", "Sen", "Pà"),
)

MUONG = NameStyle(
    families=_weighted([("Đinh", 12), ("Bùi", 12), ("Quách", 6), ("Hà", 6), ("Xa", 4), ("Hoàng", 3)]),
    male_middles=KINH.male_middles,
    female_middles=KINH.female_middles,
    male_given=_KINH_GIVEN_MALE,
    female_given=_KINH_GIVEN_FEMALE,
)

STYLES = {
    "Kinh": KINH, "H'Mông": HMONG, "Dao": DAO, "Tày": TAY, "Nùng": NUNG, "Giáy": GIAY, "Thái": THAI,
    "Hà Nhì": HA_NHI, "Phù Lá": PHU_LA, "Mường": MUONG,
}

# Ethnic mix of people living in an ethnic-minority area of a northern mountain province,
# elsewhere in such a province, and in a lowland province.
MIX_MINORITY_AREA = _weighted([
    ("H'Mông", 30), ("Tày", 14), ("Dao", 15), ("Giáy", 5), ("Nùng", 4), ("Thái", 7), ("Hà Nhì", 3),
    ("Phù Lá", 2), ("Mường", 3), ("Kinh", 17),
])
MIX_MOUNTAIN = _weighted([
    ("Kinh", 76), ("Tày", 8), ("Dao", 4), ("H'Mông", 4), ("Nùng", 2), ("Thái", 3), ("Mường", 2), ("Giáy", 1),
])
MIX_LOWLAND = _weighted([("Kinh", 97), ("Mường", 1), ("Tày", 1), ("Thái", 1)])


_SECOND_MIDDLES = ("Thu", "Thanh", "Ngọc", "Kim", "Hồng", "Minh", "Phương", "Thúy", "Bích", "Hải", "Mai")


class NameGenerator:
    """Deterministic name source: the same `random.Random` state gives the same names."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def ethnicity(self, mix) -> str:
        values, cum = mix
        return self.rng.choices(values, cum_weights=cum)[0]

    def full_name(self, ethnicity: str, gender: str) -> str:
        rng = self.rng
        style = STYLES.get(ethnicity, KINH)
        family = rng.choices(style.families[0], cum_weights=style.families[1])[0]
        if gender == Gender.MALE:
            middles, given = style.male_middles, style.male_given
        else:
            middles, given = style.female_middles, style.female_given
        middle = rng.choices(middles[0], cum_weights=middles[1])[0]
        first = rng.choice(given)
        if ethnicity in ("Kinh", "Mường") and gender == Gender.FEMALE and middle == "Thị" and rng.random() < 0.2:
            # Four-word names are common for women: "Nguyễn Thị Thu Hà", "Trần Thị Ngọc Ánh".
            middle = f"Thị {rng.choice(_SECOND_MIDDLES)}"
        return f"{family} {middle} {first}"

    def gender(self, male_share: float = 0.5) -> str:
        return Gender.MALE if self.rng.random() < male_share else Gender.FEMALE
