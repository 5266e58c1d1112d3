"""What a province is made of: its post-2025 departments, organisations, blocks and job titles.

Names follow the structure in force since 1 July 2025 (merged departments, no district level).
`{lvl}` is "tỉnh" or "thành phố", `{p}` the province's short name ("Lào Cai").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tdkt.orgs.enums import UnitKind
from tdkt.people.enums import PersonCategory as C

K = UnitKind


@dataclass(frozen=True)
class Entry:
    key: str
    name: str
    short: str
    kind: str
    parent: str | None  # key of the parent entry; "pc" is the People's Committee
    head: str  # title of the head of the unit
    block: str | None = None
    profile: str = ""  # staff profile, defaults to the kind
    weight: float = 6.0  # share of the generated staff
    divisions: tuple[str, ...] = field(default_factory=tuple)
    deputy: str = ""


_SO = ("Văn phòng Sở", "Phòng Kế hoạch - Tài chính")

ENTRIES: tuple[Entry, ...] = (
    # Departments and agencies of the People's Committee (sở, ban, ngành).
    Entry("vp", "Văn phòng Ủy ban nhân dân {lvl}", "VP UBND", K.DEPARTMENT, "pc", "Chánh Văn phòng", "th",
          divisions=("Phòng Hành chính - Tổ chức", "Phòng Tổng hợp", "Phòng Kinh tế", "Phòng Khoa giáo - Văn xã"),
          deputy="Phó Chánh Văn phòng"),
    Entry("snv", "Sở Nội vụ", "SNV", K.DEPARTMENT, "pc", "Giám đốc Sở Nội vụ", "th",
          divisions=("Văn phòng Sở", "Phòng Thi đua - Khen thưởng",
                     "Phòng Tổ chức, biên chế và Tổ chức phi chính phủ",
                     "Phòng Xây dựng chính quyền và Công tác thanh niên",
                     "Phòng Lao động - Việc làm và Bảo hiểm xã hội"),
          deputy="Phó Giám đốc Sở Nội vụ"),
    Entry("stc", "Sở Tài chính", "STC", K.DEPARTMENT, "pc", "Giám đốc Sở Tài chính", "th",
          divisions=("Văn phòng Sở", "Phòng Quản lý ngân sách", "Phòng Tài chính doanh nghiệp"),
          deputy="Phó Giám đốc Sở Tài chính"),
    Entry("sng", "Sở Ngoại vụ", "SNgV", K.DEPARTMENT, "pc", "Giám đốc Sở Ngoại vụ", "th", divisions=_SO),
    Entry("sdt", "Sở Dân tộc và Tôn giáo", "SDTTG", K.DEPARTMENT, "pc", "Giám đốc Sở Dân tộc và Tôn giáo", "th",
          divisions=_SO),
    Entry("vpdb", "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân {lvl}", "VP ĐĐBQH&HĐND", K.DEPARTMENT,
          "pc", "Chánh Văn phòng", "th"),
    Entry("stp", "Sở Tư pháp", "STP", K.DEPARTMENT, "pc", "Giám đốc Sở Tư pháp", "nc", divisions=_SO),
    Entry("ttr", "Thanh tra {lvl}", "TTr", K.DEPARTMENT, "pc", "Chánh Thanh tra {lvl}", "nc",
          divisions=("Văn phòng", "Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2")),
    Entry("sxd", "Sở Xây dựng", "SXD", K.DEPARTMENT, "pc", "Giám đốc Sở Xây dựng", "kt", divisions=_SO),
    Entry("sct", "Sở Công Thương", "SCT", K.DEPARTMENT, "pc", "Giám đốc Sở Công Thương", "kt", divisions=_SO),
    Entry("snn", "Sở Nông nghiệp và Môi trường", "SNN&MT", K.DEPARTMENT, "pc",
          "Giám đốc Sở Nông nghiệp và Môi trường", "kt",
          divisions=("Văn phòng Sở", "Phòng Kế hoạch - Tài chính", "Phòng Quản lý đất đai"), weight=10),
    Entry("skh", "Sở Khoa học và Công nghệ", "SKH&CN", K.DEPARTMENT, "pc", "Giám đốc Sở Khoa học và Công nghệ",
          "kt", divisions=("Văn phòng Sở", "Phòng Chuyển đổi số")),
    Entry("bqlkkt", "Ban Quản lý các khu kinh tế {lvl}", "BQL KKT", K.DEPARTMENT, "pc", "Trưởng ban", "kt"),
    Entry("sgd", "Sở Giáo dục và Đào tạo", "SGD&ĐT", K.DEPARTMENT, "pc", "Giám đốc Sở Giáo dục và Đào tạo", "vx",
          divisions=("Văn phòng Sở", "Phòng Giáo dục phổ thông", "Phòng Giáo dục mầm non",
                     "Phòng Tổ chức cán bộ"),
          deputy="Phó Giám đốc Sở Giáo dục và Đào tạo"),
    Entry("syt", "Sở Y tế", "SYT", K.DEPARTMENT, "pc", "Giám đốc Sở Y tế", "vx",
          divisions=("Văn phòng Sở", "Phòng Nghiệp vụ Y", "Phòng Kế hoạch - Tài chính", "Phòng Tổ chức cán bộ"),
          deputy="Phó Giám đốc Sở Y tế"),
    Entry("svh", "Sở Văn hóa, Thể thao và Du lịch", "SVHTT&DL", K.DEPARTMENT, "pc",
          "Giám đốc Sở Văn hóa, Thể thao và Du lịch", "vx", divisions=_SO),
    # Public service units.
    Entry("bao", "Báo và Phát thanh, Truyền hình {p}", "Báo và PT-TH", K.PUBLIC_SERVICE, "pc", "Tổng Biên tập",
          "vx", profile="media", weight=12),
    Entry("cd", "Trường Cao đẳng {p}", "CĐ {p}", K.PUBLIC_SERVICE, "pc", "Hiệu trưởng", "vx", profile="college",
          weight=12),
    Entry("tct", "Trường Chính trị {lvl}", "Trường Chính trị", K.PUBLIC_SERVICE, "pc", "Hiệu trưởng", "dt",
          profile="college"),
    Entry("qlda", "Ban Quản lý dự án đầu tư xây dựng {lvl}", "BQLDA ĐTXD", K.PUBLIC_SERVICE, "pc", "Giám đốc",
          "kt"),
    Entry("ttphc", "Trung tâm Phục vụ hành chính công {lvl}", "TTPVHCC", K.PUBLIC_SERVICE, "vp", "Giám đốc"),
    Entry("bvdk", "Bệnh viện Đa khoa {lvl} {p}", "BVĐK tỉnh", K.PUBLIC_SERVICE, "syt", "Giám đốc",
          profile="hospital", weight=30),
    Entry("cdc", "Trung tâm Kiểm soát bệnh tật {lvl}", "CDC", K.PUBLIC_SERVICE, "syt", "Giám đốc",
          profile="hospital", weight=10),
    Entry("ttdvnn", "Trung tâm Dịch vụ nông nghiệp {lvl}", "TTDVNN", K.PUBLIC_SERVICE, "snn", "Giám đốc"),
    Entry("bt", "Bảo tàng {lvl}", "Bảo tàng", K.PUBLIC_SERVICE, "svh", "Giám đốc"),
    # The Fatherland Front and the mass organisations under it (since 2025).
    Entry("mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam {lvl}", "UBMTTQ", K.MASS_ORGANISATION, None,
          "Chủ tịch Ủy ban MTTQ Việt Nam {lvl}", "dt", deputy="Phó Chủ tịch Ủy ban MTTQ Việt Nam {lvl}"),
    Entry("ldld", "Liên đoàn Lao động {lvl}", "LĐLĐ", K.MASS_ORGANISATION, "mttq", "Chủ tịch Liên đoàn Lao động {lvl}",
          "dt"),
    Entry("hlhpn", "Hội Liên hiệp Phụ nữ {lvl}", "Hội LHPN", K.MASS_ORGANISATION, "mttq",
          "Chủ tịch Hội Liên hiệp Phụ nữ {lvl}", "dt"),
    Entry("doan", "Đoàn Thanh niên Cộng sản Hồ Chí Minh {lvl}", "Tỉnh đoàn", K.MASS_ORGANISATION, "mttq",
          "Bí thư Tỉnh đoàn", "dt"),
    Entry("hnd", "Hội Nông dân {lvl}", "Hội ND", K.MASS_ORGANISATION, "mttq", "Chủ tịch Hội Nông dân {lvl}", "dt"),
    Entry("hccb", "Hội Cựu chiến binh {lvl}", "Hội CCB", K.MASS_ORGANISATION, "mttq",
          "Chủ tịch Hội Cựu chiến binh {lvl}", "dt"),
    Entry("hctd", "Hội Chữ thập đỏ {lvl}", "Hội CTĐ", K.MASS_ORGANISATION, "mttq", "Chủ tịch Hội Chữ thập đỏ {lvl}",
          "dt"),
    Entry("lmhtx", "Liên minh Hợp tác xã {lvl}", "LMHTX", K.MASS_ORGANISATION, None, "Chủ tịch Liên minh Hợp tác xã",
          "kt"),
    # Central agencies based in the province (ngành dọc).
    Entry("ca", "Công an {lvl}", "CA tỉnh", K.CENTRAL_AGENCY, None, "Giám đốc Công an {lvl}", "nc", "armed", 40),
    Entry("qs", "Bộ Chỉ huy Quân sự {lvl}", "BCHQS", K.CENTRAL_AGENCY, None, "Chỉ huy trưởng", "nc", "armed", 25),
    Entry("bp", "Bộ Chỉ huy Bộ đội Biên phòng {lvl}", "BĐBP", K.CENTRAL_AGENCY, None, "Chỉ huy trưởng", "nc",
          "armed", 20),
    Entry("tand", "Tòa án nhân dân {lvl}", "TAND", K.CENTRAL_AGENCY, None, "Chánh án", "nc"),
    Entry("vks", "Viện kiểm sát nhân dân {lvl}", "VKSND", K.CENTRAL_AGENCY, None, "Viện trưởng", "nc"),
    Entry("thads", "Thi hành án dân sự {lvl}", "THADS", K.CENTRAL_AGENCY, None, "Trưởng Thi hành án dân sự {lvl}",
          "nc"),
    Entry("thue", "Thuế {lvl} {p}", "Thuế tỉnh", K.CENTRAL_AGENCY, None, "Trưởng Thuế {lvl}", "tw", weight=10),
    Entry("bhxh", "Bảo hiểm xã hội {lvl}", "BHXH", K.CENTRAL_AGENCY, None, "Giám đốc Bảo hiểm xã hội {lvl}", "tw"),
    Entry("nhcs", "Ngân hàng Chính sách xã hội chi nhánh {lvl} {p}", "NHCSXH", K.CENTRAL_AGENCY, None, "Giám đốc",
          "tw"),
    Entry("tk", "Thống kê {lvl} {p}", "Thống kê", K.CENTRAL_AGENCY, None, "Trưởng Thống kê {lvl}", "tw"),
    # Enterprises.
    Entry("xskt", "Công ty TNHH MTV Xổ số kiến thiết {p}", "XSKT", K.ENTERPRISE, None, "Giám đốc", "dn"),
    Entry("capnuoc", "Công ty Cổ phần Cấp nước {p}", "Cấp nước", K.ENTERPRISE, None, "Giám đốc", "dn", weight=12),
    Entry("moitruong", "Công ty Cổ phần Môi trường đô thị {p}", "MTĐT", K.ENTERPRISE, None, "Giám đốc", "dn",
          weight=12),
    Entry("dienluc", "Công ty Điện lực {p}", "PC {p}", K.ENTERPRISE, None, "Giám đốc", "dn", weight=25),
    Entry("vnpt", "Viễn thông {p}", "VNPT {p}", K.ENTERPRISE, None, "Giám đốc", "dn", weight=15),
    Entry("viettel", "Viettel {p}", "Viettel {p}", K.ENTERPRISE, None, "Giám đốc", "dn", weight=15),
    Entry("buudien", "Bưu điện {lvl} {p}", "Bưu điện", K.ENTERPRISE, None, "Giám đốc", "dn", weight=12),
    Entry("vietinbank", "Ngân hàng TMCP Công thương Việt Nam – Chi nhánh {p}", "VietinBank {p}", K.ENTERPRISE,
          None, "Giám đốc", "dn"),
    Entry("agribank", "Ngân hàng Nông nghiệp và Phát triển Nông thôn – Chi nhánh {p}", "Agribank {p}",
          K.ENTERPRISE, None, "Giám đốc", "dn", weight=10),
    Entry("dulich", "Công ty Cổ phần Du lịch {p}", "Du lịch {p}", K.ENTERPRISE, None, "Giám đốc", "dn"),
    Entry("lamnghiep", "Công ty TNHH MTV Lâm nghiệp {p}", "Lâm nghiệp", K.ENTERPRISE, None, "Giám đốc", "dn",
          weight=12),
)

# Blocks (khối thi đua) of provincial units, by function.
BLOCKS: tuple[tuple[str, str], ...] = (
    ("th", "Khối các cơ quan Tổng hợp"),
    ("kt", "Khối Kinh tế"),
    ("vx", "Khối Văn hóa – Xã hội"),
    ("nc", "Khối Nội chính"),
    ("dt", "Khối Đảng, Đoàn thể"),
    ("tw", "Khối các cơ quan Trung ương trên địa bàn"),
    ("dn", "Khối Doanh nghiệp"),
)

# Provinces of the northern mountains and the Central Highlands: mostly ethnic-minority areas.
MOUNTAIN_PROVINCES = frozenset({4, 8, 11, 12, 14, 15, 19, 20, 25, 52, 66, 68})
# Provinces on a land border (a Border Guard command exists there).
BORDER_PROVINCES = frozenset({4, 8, 11, 12, 14, 15, 20, 22, 38, 40, 42, 44, 46, 48, 51, 52, 66, 68, 80, 82, 91})

# Legacy districts of Lào Cai (and the former Yên Bái) that are high mountains or on the border.
HIGHLAND_DISTRICT_HINTS = frozenset({
    "Huyện Bát Xát", "Huyện Mường Khương", "Huyện Si Ma Cai", "Huyện Bắc Hà", "Thị xã Sa Pa", "Huyện Văn Bàn",
    "Huyện Mù Căng Chải", "Huyện Trạm Tấu", "Huyện Văn Chấn", "Huyện Lục Yên", "Huyện Bảo Yên",
})
BORDER_DISTRICT_HINTS = frozenset({"Huyện Bát Xát", "Huyện Mường Khương", "Huyện Si Ma Cai", "Thành phố Lào Cai"})

# Staff profiles: (position, category, weight). "{dv}" is "xã" or "phường".
PROFILES: dict[str, tuple[tuple[str, str, float], ...]] = {
    "commune": (
        ("Nông dân", C.FARMER, 62), ("Trưởng thôn", C.OTHER, 4), ("Hộ kinh doanh", C.OTHER, 4),
        ("Công chức Văn phòng - Thống kê", C.CIVIL_SERVANT, 2), ("Công chức Tư pháp - Hộ tịch", C.CIVIL_SERVANT, 2),
        ("Công chức Văn hóa - Xã hội", C.CIVIL_SERVANT, 2), ("Công chức Địa chính - Xây dựng", C.CIVIL_SERVANT, 2),
        ("Công chức Tài chính - Kế toán", C.CIVIL_SERVANT, 1.5), ("Phó Chủ tịch UBND {dv}", C.LEADER, 0.6),
        ("Viên chức Trung tâm Phục vụ hành chính công {dv}", C.PUBLIC_EMPLOYEE, 2),
        ("Chiến sĩ dân quân thường trực", C.SOLDIER, 1.5), ("Nhân viên y tế thôn, bản", C.OTHER, 1.5),
        ("Người có uy tín trong đồng bào dân tộc thiểu số", C.OTHER, 1), ("Thợ thủ công", C.WORKER, 2),
    ),
    "ward": (
        ("Công nhân", C.WORKER, 18), ("Nông dân", C.FARMER, 14), ("Tiểu thương", C.OTHER, 12),
        ("Tổ trưởng tổ dân phố", C.OTHER, 4), ("Công chức Văn phòng - Thống kê", C.CIVIL_SERVANT, 2),
        ("Công chức Tư pháp - Hộ tịch", C.CIVIL_SERVANT, 2), ("Công chức Văn hóa - Xã hội", C.CIVIL_SERVANT, 2),
        ("Công chức Địa chính - Xây dựng", C.CIVIL_SERVANT, 2), ("Phó Chủ tịch UBND {dv}", C.LEADER, 0.6),
        ("Viên chức Trung tâm Phục vụ hành chính công {dv}", C.PUBLIC_EMPLOYEE, 2),
        ("Chiến sĩ dân quân thường trực", C.SOLDIER, 1),
    ),
    "school": (
        ("Giáo viên", C.PUBLIC_EMPLOYEE, 70), ("Tổ trưởng chuyên môn", C.PUBLIC_EMPLOYEE, 6),
        ("Phó Hiệu trưởng", C.LEADER, 3), ("Nhân viên văn thư", C.PUBLIC_EMPLOYEE, 3),
        ("Nhân viên kế toán", C.PUBLIC_EMPLOYEE, 3), ("Nhân viên bảo vệ", C.WORKER, 3),
        ("Nhân viên cấp dưỡng", C.WORKER, 4),
    ),
    K.DEPARTMENT: (
        ("Chuyên viên", C.CIVIL_SERVANT, 40), ("Chuyên viên chính", C.CIVIL_SERVANT, 15),
        ("Phó Trưởng phòng", C.LEADER, 8), ("Trưởng phòng", C.LEADER, 4), ("Kế toán viên", C.CIVIL_SERVANT, 3),
        ("Nhân viên hợp đồng", C.WORKER, 5), ("Lái xe", C.WORKER, 2),
    ),
    K.SUBDIVISION: (
        ("Chuyên viên", C.CIVIL_SERVANT, 50), ("Chuyên viên chính", C.CIVIL_SERVANT, 20),
        ("Phó Trưởng phòng", C.LEADER, 8),
    ),
    K.MASS_ORGANISATION: (
        ("Chuyên viên", C.CIVIL_SERVANT, 40), ("Phó Chủ tịch", C.LEADER, 4), ("Trưởng ban", C.LEADER, 5),
        ("Phó Trưởng ban", C.LEADER, 5), ("Nhân viên", C.WORKER, 6),
    ),
    "armed": (
        ("Cán bộ, chiến sĩ", C.SOLDIER, 70), ("Sĩ quan", C.SOLDIER, 20), ("Đội trưởng", C.SOLDIER, 5),
        ("Trưởng phòng", C.LEADER, 3), ("Công nhân viên quốc phòng", C.WORKER, 4),
    ),
    K.CENTRAL_AGENCY: (
        ("Công chức", C.CIVIL_SERVANT, 50), ("Kiểm tra viên", C.CIVIL_SERVANT, 15), ("Trưởng phòng", C.LEADER, 4),
        ("Phó Trưởng phòng", C.LEADER, 6), ("Nhân viên hợp đồng", C.WORKER, 5),
    ),
    K.PUBLIC_SERVICE: (
        ("Viên chức", C.PUBLIC_EMPLOYEE, 60), ("Phó Giám đốc", C.LEADER, 3), ("Trưởng phòng", C.LEADER, 4),
        ("Nhân viên", C.WORKER, 8),
    ),
    "hospital": (
        ("Bác sĩ", C.PUBLIC_EMPLOYEE, 25), ("Điều dưỡng", C.PUBLIC_EMPLOYEE, 35), ("Dược sĩ", C.PUBLIC_EMPLOYEE, 6),
        ("Kỹ thuật viên xét nghiệm", C.PUBLIC_EMPLOYEE, 5), ("Hộ lý", C.WORKER, 6), ("Trưởng khoa", C.LEADER, 3),
    ),
    "media": (
        ("Phóng viên", C.PUBLIC_EMPLOYEE, 30), ("Biên tập viên", C.PUBLIC_EMPLOYEE, 20),
        ("Kỹ thuật viên", C.PUBLIC_EMPLOYEE, 15), ("Phó Tổng Biên tập", C.LEADER, 2),
    ),
    "college": (
        ("Giảng viên", C.PUBLIC_EMPLOYEE, 50), ("Trưởng khoa", C.LEADER, 4), ("Nhân viên", C.WORKER, 8),
    ),
    K.ENTERPRISE: (
        ("Công nhân", C.WORKER, 60), ("Kỹ sư", C.WORKER, 10), ("Nhân viên kinh doanh", C.WORKER, 10),
        ("Kế toán", C.WORKER, 4), ("Quản đốc phân xưởng", C.LEADER, 3), ("Trưởng phòng", C.LEADER, 3),
        ("Phó Giám đốc", C.LEADER, 1.5),
    ),
    "coop": (
        ("Thành viên hợp tác xã", C.FARMER, 80), ("Phó Giám đốc hợp tác xã", C.LEADER, 3), ("Kế toán", C.WORKER, 3),
    ),
}

# Share of generated staff per unit for kinds that have no catalogue entry.
WEIGHTS = {"commune": 30.0, "ward": 25.0, "school": 8.0, "school_small": 5.0, "school_high": 10.0,
           "coop": 6.0, K.SUBDIVISION: 3.0}
