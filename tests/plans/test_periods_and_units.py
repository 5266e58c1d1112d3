"""Quarter headings, the due column, splitting unit cells, and matching names against the registry."""

import datetime

import pytest

from tdkt.plans.importer import resolve_units
from tdkt.plans.importer.periods import parse_section, read_due
from tdkt.plans.importer.units import split_unit_cell

D = datetime.date


@pytest.mark.parametrize(("heading", "period", "declared"), [
    ("I QUÝ I: (14 NHIỆM VỤ)", "Q1", 14),
    ("QUÝ II (10 NHIỆM VỤ)", "Q2", 10),
    ("QUÝ III (04 NHIỆM VỤ)", "Q3", 4),
    ("NHIỆM VỤ QUÝ III", "Q3", None),
    ("QUÝ II", "Q2", None),
    ("Quý 4 năm 2026", "Q4", None),
    ("II. CÁC NHIỆM VỤ TRONG QUÝ II:", "Q2", None),
    ("6 THÁNG ĐẦU NĂM", "H1", None),
    ("NHIỆM VỤ THƯỜNG XUYÊN", "YEAR", None),
    ("HÀNG THÁNG", "MONTHLY", None),
    ("THÁNG 9", "M09", None),
])
def test_section_headings(heading, period, declared):
    section = parse_section(heading, 7)
    assert (section.period, section.declared, section.line) == (period, declared, 7)


@pytest.mark.parametrize("text", [
    "Báo cáo sơ kết công tác TĐKT 6 tháng đầu năm 2026.", "Họp Hội đồng TĐKT tỉnh lần thứ hai, năm 2026.",
    "Quý I/2026 tổ chức hội nghị", "1", "",
])
def test_task_texts_are_not_headings(text):
    assert parse_section(text, 1) is None


@pytest.mark.parametrize(("text", "period", "dates", "recurrence"), [
    ("Quý I/2026", "Q1", [D(2026, 3, 31)], None),
    ("Quý II/2026", "Q2", [D(2026, 6, 30)], None),
    ("Quý IV", "Q4", [D(2026, 12, 31)], None),
    ("Tháng 7/2026", "M07", [D(2026, 7, 31)], None),
    ("Tháng 2/2028", "M02", [D(2028, 2, 29)], None),
    ("Tháng 3, tháng 8/2026", "YEAR", [D(2026, 3, 31), D(2026, 8, 31)], None),
    ("Tháng 7, tháng 12/2026", "H2", [D(2026, 7, 31), D(2026, 12, 31)], None),
    ("Tháng 1, 2/2026", "Q1", [D(2026, 1, 31), D(2026, 2, 28)], None),
    ("Đầu quý III/2026", "Q3", [D(2026, 7, 31)], None),
    ("Cuối quý II/2026", "Q2", [D(2026, 6, 30)], None),
    ("Quý I, II/2026", "H1", [D(2026, 3, 31), D(2026, 6, 30)], None),
    ("6 tháng đầu năm 2026", "H1", [D(2026, 6, 30)], None),
    ("Trước ngày 30/01/2026", "M01", [D(2026, 1, 30)], None),
    ("Năm 2026", "YEAR", [D(2026, 12, 31)], None),
    ("Cả năm", "YEAR", [D(2026, 12, 31)], None),
    ("Hàng tháng", "MONTHLY", [], "monthly"),
    ("Hàng quý", "QUARTERLY", [], "quarterly"),
    ("Theo quy định", "AS_REQUIRED", [], None),
])
def test_due_column(text, period, dates, recurrence):
    due = read_due(text, 2026)
    assert (due.understood, due.period, list(due.dates), due.recurrence) == (True, period, dates, recurrence)


def test_due_in_another_year_is_noted_and_unknown_text_is_not_understood():
    assert read_due("Quý I/2027", 2026).other_year == 2027
    assert read_due("Sau khi có hướng dẫn của Bộ", 2026).understood is False


# --- unit cells ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("cell", "lead", "coordinating"), [
    ("Sở Văn hóa, Thể thao và Du lịch", ["Sở Văn hóa, Thể thao và Du lịch"], []),
    ("Sở Lao động - Thương binh và Xã hội và Sở Nội vụ", ["Sở Lao động - Thương binh và Xã hội", "Sở Nội vụ"], []),
    ("Văn phòng UBND tỉnh, các cơ quan, đơn vị, địa phương", ["Văn phòng UBND tỉnh", "các cơ quan, đơn vị, địa phương"], []),
    ("Sở Tài chính; Văn phòng UBND tỉnh", ["Sở Tài chính", "Văn phòng UBND tỉnh"], []),
    ("Sở Nội vụ và Văn phòng UBND tỉnh", ["Sở Nội vụ", "Văn phòng UBND tỉnh"], []),
    ("Sở Nội vụ\nSở Tài chính", ["Sở Nội vụ", "Sở Tài chính"], []),
    ("- Sở Nội vụ. - Văn phòng UBND tỉnh phối hợp.", ["Sở Nội vụ"], ["Văn phòng UBND tỉnh"]),
    ("- Sở Nội vụ. - Văn phòng UBND tỉnh - Cơ quan, đơn vị liên quan phối hợp.", ["Sở Nội vụ"],
     ["Văn phòng UBND tỉnh", "Cơ quan, đơn vị liên quan"]),
    ("Sở Nội vụ (chủ trì); Văn phòng UBND tỉnh (phối hợp)", ["Sở Nội vụ"], ["Văn phòng UBND tỉnh"]),
    ("Ban Thi đua - Khen thưởng", ["Ban Thi đua - Khen thưởng"], []),
])
def test_split_unit_cell(cell, lead, coordinating):
    assert split_unit_cell(cell) == (lead, coordinating)


def test_registry_names_are_never_split():
    # "Báo …" starts a unit name, so without the registry this one name reads as two.
    assert split_unit_cell("Trung tâm Truyền thông, Báo chí tỉnh") == (["Trung tâm Truyền thông", "Báo chí tỉnh"], [])
    assert split_unit_cell("Trung tâm Truyền thông, Báo chí tỉnh; Sở Nội vụ", ["Trung tâm Truyền thông, Báo chí tỉnh"]) == (
        ["Trung tâm Truyền thông, Báo chí tỉnh", "Sở Nội vụ"], [])


# --- registry resolution ---------------------------------------------------------------------------

REGISTRY = [
    (1, "Ủy ban nhân dân tỉnh Lào Cai", "UBND tỉnh"),
    (2, "Sở Nội vụ", "SNV"),
    (3, "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL"),
    (4, "Văn phòng Ủy ban nhân dân tỉnh Lào Cai", ""),
    (5, "Văn phòng Ủy ban nhân dân tỉnh Cao Bằng", ""),
    (6, "Sở Khoa học và Công nghệ tỉnh Lào Cai", ""),
]


def test_resolve_units():
    names = ["Ủy ban nhân dân tỉnh", "UBND tỉnh", "Sở NV", "SNV", "Sở Văn hóa, Thể thao và Du lịch", "Sở KH-CN",
             "các sở, ban, ngành", "UBND các xã, phường", "Văn phòng UBND tỉnh", "Hội đồng thi đua KTTW"]
    resolved = resolve_units(names, REGISTRY)
    assert [(r.text, r.status, r.unit_id) for r in resolved] == [
        ("Ủy ban nhân dân tỉnh", "resolved", 1),
        ("UBND tỉnh", "resolved", 1),
        ("Sở NV", "resolved", 2),
        ("SNV", "resolved", 2),
        ("Sở Văn hóa, Thể thao và Du lịch", "resolved", 3),
        ("Sở KH-CN", "resolved", 6),
        ("các sở, ban, ngành", "group", None),
        ("UBND các xã, phường", "group", None),
        ("Văn phòng UBND tỉnh", "ambiguous", None),
        ("Hội đồng thi đua KTTW", "unresolved", None),
    ]
    ambiguous = resolved[8]
    assert ambiguous.candidates == ((4, "Văn phòng Ủy ban nhân dân tỉnh Lào Cai"),
                                    (5, "Văn phòng Ủy ban nhân dân tỉnh Cao Bằng"))
    assert ambiguous.message == ("«Văn phòng UBND tỉnh» khớp ngang nhau với nhiều đơn vị: Văn phòng Ủy ban nhân dân "
                                 "tỉnh Lào Cai (mã 4); Văn phòng Ủy ban nhân dân tỉnh Cao Bằng (mã 5). Hãy chọn một.")
    assert resolved[6].message.startswith("«các sở, ban, ngành» là một nhóm đơn vị")
    assert resolved[9].message.startswith("Không tìm thấy đơn vị «Hội đồng thi đua KTTW»")


def test_exact_match_outranks_a_match_without_the_province():
    registry = [(1, "Sở Nội vụ tỉnh Lào Cai", ""), (2, "Sở Nội vụ", "")]
    assert resolve_units(["Sở Nội vụ"], registry)[0].unit_id == 2
    assert resolve_units(["Sở Nội vụ"], registry[:1])[0].unit_id == 1
    assert resolve_units([], registry) == []
