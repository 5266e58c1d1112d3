"""Honorifics and titles before a name in a list: taken off, kept as hints, real name parts kept."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tdkt.lib.names import display_case, split_name, starts_with_prefix, strip_name

SURNAMES = ["Nguyễn", "Lê", "Trần", "Bế", "Hoàng", "Giàng", "Đặng", "Phạm"]
MIDDLES = ["Văn", "Thị", "Anh", "Minh", "Hữu", "Thu", "A"]
GIVEN = ["Chiến", "Chi", "Nghiệp", "Anh", "Tuấn", "Cô", "Ba", "Páo", "Đạt"]
PREFIXES = ["Ông", "Bà", "Anh", "Chị", "Thầy", "Cô", "Đồng chí", "Đ/c", "đ/c", "Đ/C", "GS.", "PGS.", "PGS.TS.",
            "TS.", "TS", "ThS.", "ths", "BS.", "BSCKII", "BS.CKI", "DS.", "KS.", "CN.", "NGƯT", "NGND", "TTƯT",
            "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá", "Đại úy", "Thiếu tướng"]


@pytest.mark.parametrize(("written", "name", "gender"), [
    ("Ông Nguyễn Văn Chiến", "Nguyễn Văn Chiến", "male"),
    ("Bà Lê Thị Chi", "Lê Thị Chi", "female"),
    ("Đ/c Bế Văn Nghiệp", "Bế Văn Nghiệp", ""),
    ("PGS.TS. Nguyễn Văn A", "Nguyễn Văn A", ""),
    ("Đ/c Đại tá Nguyễn Văn B", "Nguyễn Văn B", ""),
    ("TS.Nguyễn Văn C", "Nguyễn Văn C", ""),
    ("ThS. BS. CKII  Trần Thị D", "Trần Thị D", ""),
    ("Cô Lê Thị Hoa", "Lê Thị Hoa", "female"),
    ("Thượng tá: Hà Văn I", "Hà Văn I", ""),
    # Real name parts stay.
    ("Lê Anh Tuấn", "Lê Anh Tuấn", ""),
    ("Nguyễn Thị Anh", "Nguyễn Thị Anh", ""),
    ("Anh Tuấn", "Anh Tuấn", ""),
    ("Chị Hoa", "Chị Hoa", ""),
    ("Tsằn Văn Khoa", "Tsằn Văn Khoa", ""),
    ("Bàng Văn Cường", "Bàng Văn Cường", ""),
    ("Ông", "", "male"),
])
def test_split_name(written, name, gender):
    parts = split_name(written)
    assert (parts.name, parts.gender) == (name, gender)


def test_decomposed_unicode_is_read_as_composed():
    assert strip_name(unicodedata.normalize("NFD", "Ông Nguyễn Văn Chiến")) == "Nguyễn Văn Chiến"


def test_only_an_honorific():
    assert split_name("Đồng chí").only_prefixes and not split_name("Nguyễn Văn A").only_prefixes


def test_display_case():
    assert display_case("NGUYỄN VĂN AN") == "Nguyễn Văn An"
    assert display_case("McLeod Nguyễn") == "McLeod Nguyễn"


names = st.builds(lambda s, m, g: f"{s} {m} {g}", st.sampled_from(SURNAMES), st.sampled_from(MIDDLES),
                  st.sampled_from(GIVEN))
text = st.text(alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẢÃẠĐÔƠƯ ./:")), max_size=30)


@given(st.lists(st.sampled_from(PREFIXES), max_size=3), names)
def test_prefixes_come_off_and_the_name_stays(prefixes, name):
    assert strip_name(" ".join([*prefixes, name])) == name


@given(st.one_of(text, st.builds(lambda p, t: p + " " + t, st.sampled_from(PREFIXES), text)))
def test_stripping_is_idempotent_and_leaves_no_prefix(value):
    once = strip_name(value)
    assert strip_name(once) == once
    assert not starts_with_prefix(once)
