"""Seeds the national catalogue of titles and forms (every code of tdkt.eligibility.codes.AwardCode).

Sources: shared/domain/law.md §1 (titles, deciders, votes), §2 (forms), §3 (kinds), §4.1 (deciders),
§4.3 (public posting), §6 (bonus coefficients, NĐ 152/2025/NĐ-CP Chapter VII Mục 2, tagged [V S1]).
Coefficients are multiples of the base salary (mức lương cơ sở); each row cites the law.md §6 line
it comes from. Council votes: NĐ152 Đ33.5 makes them mandatory for CSTĐ toàn quốc and the Anh hùng
titles (≥90 % of all members) and Cờ thi đua của Chính phủ (≥80 %); for CSTĐ cơ sở, CSTĐ tỉnh and Cờ
tỉnh (voted under NĐ98 Đ30.7) a vote is kept with the threshold left to the province (law.md §A.5).
Public posting: Huân chương and danh hiệu vinh dự nhà nước (Luật Đ84.5), CSTĐ toàn quốc (NĐ152
Đ44.2), HC TNXP vẻ vang (QĐ 637/QĐ-BNV), law.md §4.3.

The rows are frozen here on purpose: later changes to the catalogue are new migrations or admin edits.
"""

from decimal import Decimal as D

from django.db import migrations

from tdkt.awards.matching import award_name_key

I, C, H = "I", "C", "H"  # recipients: individual, collective, household
MERIT, THEMATIC, ADHOC, DEDICATION, SENIORITY, FOREIGN = "merit", "thematic", "adhoc", "dedication", "seniority", "foreign"

UNIT_HEADS = ("Thủ trưởng cơ quan, đơn vị, doanh nghiệp (Luật TĐKT Đ80.1, Đ80.4); "
              "Chủ tịch UBND cấp xã (NĐ 129/2025/NĐ-CP Đ59)")
ARMED_UNIT_HEADS = "Thủ trưởng cơ quan, đơn vị trong lực lượng vũ trang nhân dân (Luật TĐKT Đ80)"
COMMUNE_CHAIR = "Chủ tịch UBND cấp xã (NĐ 129/2025/NĐ-CP Đ59)"
PROVINCE_CHAIR = "Chủ tịch UBND tỉnh (NĐ 152/2025/NĐ-CP Đ6.2.b)"
PRIME_MINISTER = "Thủ tướng Chính phủ (NĐ 152/2025/NĐ-CP Đ36, Đ37, Đ42)"
PRESIDENT = "Chủ tịch nước, theo đề nghị của Thủ tướng Chính phủ (NĐ 152/2025/NĐ-CP Đ38, Đ40, Đ41)"


def award(code, name, short, category, recipients, level, authority, bases, coefficients=(None, None, None), *,
          legal, ceiling=False, posting=False, vote=False, threshold=None, aliases=()):
    individual, collective, household = coefficients
    return {
        "code": code, "name": name, "short_name": short, "category": category,
        "for_individual": I in recipients, "for_collective": C in recipients, "for_household": H in recipients,
        "level": level, "deciding_authority": authority, "bases": list(bases),
        "bonus_individual": individual, "bonus_collective": collective, "bonus_household": household,
        "bonus_is_ceiling": ceiling, "requires_public_posting": posting, "requires_council_vote": vote,
        "vote_threshold_percent": threshold, "legal_basis": legal, "aliases": list(aliases),
    }


def title(*args, **kwargs):
    return award(args[0], args[1], args[2], "title", *args[3:], **kwargs)


def form(*args, **kwargs):
    return award(args[0], args[1], args[2], "form", *args[3:], **kwargs)


def orders(code_prefix, name, short, coefficients, bases, legal):
    """The three classes of an order; collectives get twice the individual amount (NĐ152 Đ51)."""
    rows = []
    for number, (class_name, individual) in enumerate(zip(("Nhất", "Nhì", "Ba"), coefficients, strict=True), start=1):
        rows.append(form(
            f"{code_prefix}{number}", f"{name} hạng {class_name}", f"{short} hạng {class_name}", (I, C), "state",
            PRESIDENT, bases, (individual, individual * 2, None), legal=legal, posting=True,
            aliases=[f"HC {name.removeprefix('Huân chương ')} hạng {class_name}"],
        ))
    return rows


NATIONAL_CATALOGUE = [
    # --- Titles, individuals (law.md §1.1) ---
    # §6 "| LĐTT / CSTT | 0.3 |"
    title("LDTT", "Lao động tiên tiến", "LĐTT", (I,), "grassroots", UNIT_HEADS, (MERIT,), (D("0.3"), None, None),
          legal="Luật TĐKT 2022 Đ24.1; tiền thưởng NĐ 152/2025/NĐ-CP Đ50"),
    # §6 "| LĐTT / CSTT | 0.3 |"
    title("CSTT", "Chiến sĩ tiên tiến", "CSTT", (I,), "grassroots", ARMED_UNIT_HEADS, (MERIT,), (D("0.3"), None, None),
          legal="Luật TĐKT 2022 Đ24.2; tiền thưởng NĐ 152/2025/NĐ-CP Đ50"),
    # §6 "| CSTĐ cơ sở | 1.0 |"
    title("CSTD_CS", "Chiến sĩ thi đua cơ sở", "CSTĐCS", (I,), "grassroots", UNIT_HEADS, (MERIT,),
          (D("1.0"), None, None), vote=True, aliases=["CSTĐ cơ sở"],
          legal="Luật TĐKT 2022 Đ23; tiền thưởng NĐ 152/2025/NĐ-CP Đ50"),
    # §6 "| CSTĐ bộ/ban/ngành/tỉnh | 3.0 |"
    title("CSTD_TINH", "Chiến sĩ thi đua cấp tỉnh", "CSTĐ tỉnh", (I,), "province", PROVINCE_CHAIR, (MERIT,),
          (D("3.0"), None, None), vote=True, aliases=["Chiến sĩ thi đua bộ, ban, ngành, tỉnh"],
          legal="Luật TĐKT 2022 Đ22; tiền thưởng NĐ 152/2025/NĐ-CP Đ50"),
    # §6 "| CSTĐ toàn quốc | 4.5 |"
    title("CSTD_TQ", "Chiến sĩ thi đua toàn quốc", "CSTĐTQ", (I,), "state", PRIME_MINISTER, (MERIT,),
          (D("4.5"), None, None), posting=True, vote=True, threshold=90, aliases=["CSTĐ toàn quốc"],
          legal="Luật TĐKT 2022 Đ21; NĐ 152/2025/NĐ-CP Đ33.5 (biểu quyết ≥90%), Đ44.2 (công khai), Đ50"),
    # --- Titles, collectives (law.md §1.2) ---
    # §6 "| TTLĐTT / Đơn vị tiên tiến | 0.8 |"
    title("TTLDTT", "Tập thể lao động tiên tiến", "TTLĐTT", (C,), "grassroots", UNIT_HEADS, (MERIT,),
          (None, D("0.8"), None), aliases=["Tập thể LĐTT"],
          legal="Luật TĐKT 2022 Đ28.1; tiền thưởng NĐ 152/2025/NĐ-CP Đ50.2"),
    # §6 "| TTLĐTT / Đơn vị tiên tiến | 0.8 |"
    title("DVTT", "Đơn vị tiên tiến", "ĐVTT", (C,), "grassroots", ARMED_UNIT_HEADS, (MERIT,),
          (None, D("0.8"), None), legal="Luật TĐKT 2022 Đ28; tiền thưởng NĐ 152/2025/NĐ-CP Đ50.2"),
    # §6 "| TTLĐXS / Đơn vị quyết thắng | 1.5 |"
    title("TTLDXS", "Tập thể lao động xuất sắc", "TTLĐXS", (C,), "province", PROVINCE_CHAIR, (MERIT,),
          (None, D("1.5"), None), aliases=["Tập thể LĐXS"],
          legal="Luật TĐKT 2022 Đ27; tiền thưởng NĐ 152/2025/NĐ-CP Đ50.2"),
    # §6 "| TTLĐXS / Đơn vị quyết thắng | 1.5 |"
    title("DVQT", "Đơn vị quyết thắng", "ĐVQT", (C,), "province",
          "Bộ trưởng Bộ Quốc phòng, Bộ trưởng Bộ Công an (NĐ 152/2025/NĐ-CP Đ32)", (MERIT,),
          (None, D("1.5"), None), legal="Luật TĐKT 2022 Đ27; tiền thưởng NĐ 152/2025/NĐ-CP Đ50.2"),
    # §6 "| Cờ thi đua bộ/ban/ngành/tỉnh | 8.0 |"
    title("CO_TINH", "Cờ thi đua của Ủy ban nhân dân tỉnh", "Cờ thi đua tỉnh", (C,), "province", PROVINCE_CHAIR,
          (MERIT, THEMATIC), (None, D("8.0"), None), vote=True,
          aliases=["Cờ thi đua của bộ, ban, ngành, tỉnh", "Cờ tỉnh"],
          legal="Luật TĐKT 2022 Đ26; tiền thưởng NĐ 152/2025/NĐ-CP Đ50.2"),
    # §6 "| Cờ thi đua của Chính phủ | 12.0 |"
    title("CO_CP", "Cờ thi đua của Chính phủ", "Cờ CP", (C,), "state", PRIME_MINISTER, (MERIT, THEMATIC),
          (None, D("12.0"), None), vote=True, threshold=80, aliases=["Cờ thi đua CP"],
          legal="Luật TĐKT 2022 Đ25; NĐ 152/2025/NĐ-CP Đ7, Đ33.5 (biểu quyết ≥80%), Đ50.2"),
    # §6 "| xã, phường, đặc khu tiêu biểu | 2.0 |"
    title("XA_TIEU_BIEU", "Xã, phường, đặc khu tiêu biểu", "Xã tiêu biểu", (C,), "province", PROVINCE_CHAIR,
          (MERIT,), (None, D("2.0"), None), aliases=["Xã, phường, thị trấn tiêu biểu", "Phường tiêu biểu"],
          legal="Luật TĐKT 2022 Đ29; NĐ 152/2025/NĐ-CP Đ8, Đ50.2; NĐ 86/2023/NĐ-CP"),
    # §6 "| thôn, tổ dân phố văn hóa | 1.5 |"
    title("THON_VH", "Thôn, tổ dân phố văn hóa", "Thôn văn hóa", (C,), "grassroots", COMMUNE_CHAIR, (MERIT,),
          (None, D("1.5"), None), aliases=["Tổ dân phố văn hóa", "Thôn, bản văn hóa", "Bản văn hóa", "Làng văn hóa"],
          legal="Luật TĐKT 2022 Đ20; NĐ 86/2023/NĐ-CP; tiền thưởng NĐ 152/2025/NĐ-CP Đ50.2"),
    # --- Titles, households (law.md §1.3) ---
    # §6 "| Gia đình văn hóa | – (none listed) |": no coefficient
    title("GDVH", "Gia đình văn hóa", "GĐVH", (H,), "grassroots", COMMUNE_CHAIR, (MERIT,),
          legal="Luật TĐKT 2022 Đ20.2; NĐ 86/2023/NĐ-CP; NĐ 152/2025/NĐ-CP Đ50 không quy định tiền thưởng"),
    # --- Forms: Giấy khen, Bằng khen, Kỷ niệm chương (law.md §2.5–2.7) ---
    # §6 "| Giấy khen (issuers in Luật Đ75.1 a, b, c, đ) | 0.3 | 0.6 | 0.45 |"
    form("GK", "Giấy khen", "Giấy khen", (I, C, H), "grassroots", UNIT_HEADS, (MERIT, THEMATIC, ADHOC),
         (D("0.3"), D("0.6"), D("0.45")), legal="Luật TĐKT 2022 Đ75, Đ80; tiền thưởng NĐ 152/2025/NĐ-CP Đ54"),
    # §6 "| Bằng khen bộ/ban/ngành/tỉnh | 1.5 | 3.0 | 2.25 |"
    form("BK_TINH", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "Bằng khen tỉnh", (I, C, H), "province",
         PROVINCE_CHAIR, (MERIT, THEMATIC, ADHOC, FOREIGN), (D("1.5"), D("3.0"), D("2.25")),
         aliases=["Bằng khen của UBND tỉnh", "Bằng khen Chủ tịch tỉnh", "BK tỉnh", "Bằng khen bộ, ban, ngành, tỉnh"],
         legal="Luật TĐKT 2022 Đ74; tiền thưởng NĐ 152/2025/NĐ-CP Đ54"),
    # §6 "| Bằng khen TTg | 3.5 | 7.0 | 5.25 |"
    form("BK_TTG", "Bằng khen của Thủ tướng Chính phủ", "BK TTg", (I, C, H), "state", PRIME_MINISTER,
         (MERIT, THEMATIC, ADHOC, FOREIGN), (D("3.5"), D("7.0"), D("5.25")),
         legal="Luật TĐKT 2022 Đ73; NĐ 152/2025/NĐ-CP Đ27, Đ42; tiền thưởng Đ54"),
    # §6 "| Kỷ niệm chương bộ/tỉnh/organisations | ≤0.6 | – | – |": a maximum
    form("KNC_TINH", "Kỷ niệm chương của tỉnh", "KNC tỉnh", (I,), "province", PROVINCE_CHAIR, (MERIT, FOREIGN),
         (D("0.6"), None, None), ceiling=True,
         legal="Luật TĐKT 2022 Đ71; NĐ 152/2025/NĐ-CP Đ6.2.b; tiền thưởng tối đa Đ54.1.d"),
    # --- Orders (law.md §2.1); §6 "Orders (Đ51): individual amounts; collectives get ×2" ---
    # §6 "| Sao vàng | 46.0 |"
    form("HC_SAO_VANG", "Huân chương Sao vàng", "HC Sao vàng", (I, C), "state", PRESIDENT, (MERIT, DEDICATION),
         (D("46.0"), D("92.0"), None), posting=True, legal="Luật TĐKT 2022 Đ33; NĐ 152/2025/NĐ-CP Đ11, Đ28.1.a, Đ33.1, Đ38, Đ51"),
    # §6 "| Hồ Chí Minh | 30.5 |"
    form("HC_HCM", "Huân chương Hồ Chí Minh", "HC Hồ Chí Minh", (I, C), "state", PRESIDENT, (MERIT, DEDICATION),
         (D("30.5"), D("61.0"), None), posting=True, legal="Luật TĐKT 2022 Đ33; NĐ 152/2025/NĐ-CP Đ12, Đ28.1.a, Đ33.1, Đ38, Đ51"),
    # §6 "| Độc lập / Quân công hạng Nhất | 15.0 |", "hạng Nhì | 12.5 |", "hạng Ba | 10.5 |"
    *orders("HCDL", "Huân chương Độc lập", "HCĐL", (D("15.0"), D("12.5"), D("10.5")), (MERIT, DEDICATION),
            "Luật TĐKT 2022 Đ33; NĐ 152/2025/NĐ-CP Đ13–15, Đ28.1.a, Đ38, Đ51"),
    *orders("HCQC", "Huân chương Quân công", "HCQC", (D("15.0"), D("12.5"), D("10.5")), (MERIT, ADHOC, DEDICATION),
            "Luật TĐKT 2022 Đ33; NĐ 152/2025/NĐ-CP Đ16–18, Đ28.1.a, Đ38, Đ51"),
    # §6 "| Lao động / Chiến công / Bảo vệ Tổ quốc hạng Nhất | 9.0 |", "same, hạng Nhì … | 7.5 |", "same, hạng Ba … | 4.5 |"
    *orders("HCLD", "Huân chương Lao động", "HCLĐ", (D("9.0"), D("7.5"), D("4.5")), (MERIT, THEMATIC, ADHOC, DEDICATION),
            "Luật TĐKT 2022 Đ33, Đ44; NĐ 152/2025/NĐ-CP Đ19–21, Đ28.1.a, Đ38, Đ51"),
    *orders("HCBVTQ", "Huân chương Bảo vệ Tổ quốc", "HCBVTQ", (D("9.0"), D("7.5"), D("4.5")), (MERIT, ADHOC, DEDICATION),
            "Luật TĐKT 2022 Đ33; NĐ 152/2025/NĐ-CP Đ22–24, Đ28.1.a, Đ38, Đ51"),
    *orders("HCCC", "Huân chương Chiến công", "HCCC", (D("9.0"), D("7.5"), D("4.5")), (MERIT, ADHOC),
            "Luật TĐKT 2022 Đ33; NĐ 152/2025/NĐ-CP Đ28.1.a, Đ38, Đ51"),
    # §6 "| same, hạng Nhì; and Đại đoàn kết dân tộc | 7.5 |"
    form("HC_DDKDT", "Huân chương Đại đoàn kết dân tộc", "HC Đại đoàn kết dân tộc", (I, C), "state", PRESIDENT,
         (MERIT, DEDICATION), (D("7.5"), D("15.0"), None), posting=True,
         legal="Luật TĐKT 2022 Đ33, Đ51.1; NĐ 152/2025/NĐ-CP Đ25, Đ28.1.a, Đ39, Đ51"),
    # §6 "| same, hạng Ba; and Dũng cảm | 4.5 |"
    form("HC_DUNG_CAM", "Huân chương Dũng cảm", "HC Dũng cảm", (I,), "state", PRESIDENT, (ADHOC,),
         (D("4.5"), None, None), posting=True, legal="Luật TĐKT 2022 Đ33; NĐ 152/2025/NĐ-CP Đ28.1.a, Đ38, Đ51"),
    # Not in the §6 orders table: no coefficient recorded
    form("HC_HUU_NGHI", "Huân chương Hữu nghị", "", (I, C), "state", PRESIDENT, (FOREIGN,), posting=True,
         legal="Luật TĐKT 2022 Đ33; NĐ 152/2025/NĐ-CP Đ26, Đ28.1.a, Đ34.4, Đ38"),
    # --- Medals (law.md §2.2); §6 "| Huy chương | 1.5 | – | – |" ---
    form("HC_QKQT", "Huy chương Quân kỳ quyết thắng", "HC Quân kỳ quyết thắng", (I,), "state", PRESIDENT,
         (SENIORITY,), (D("1.5"), None, None), legal="NĐ 152/2025/NĐ-CP Đ28.1.d, Đ40, Đ55"),
    form("HC_VANTQ", "Huy chương Vì an ninh Tổ quốc", "HC Vì an ninh Tổ quốc", (I,), "state", PRESIDENT,
         (SENIORITY,), (D("1.5"), None, None), legal="NĐ 152/2025/NĐ-CP Đ28.1.d, Đ40, Đ55"),
    form("HC_CSVV", "Huy chương Chiến sĩ vẻ vang", "HC Chiến sĩ vẻ vang", (I,), "state", PRESIDENT,
         (SENIORITY,), (D("1.5"), None, None), legal="Luật TĐKT 2022 Đ57.1; NĐ 152/2025/NĐ-CP Đ28.1.d, Đ40, Đ55"),
    form("HC_HN", "Huy chương Hữu nghị", "", (I,), "state", PRESIDENT, (FOREIGN,), (D("1.5"), None, None),
         legal="NĐ 152/2025/NĐ-CP Đ26, Đ28.1.d, Đ40, Đ55"),
    form("HC_TNXP", "Huy chương Thanh niên xung phong vẻ vang", "HC Thanh niên xung phong vẻ vang", (I,), "state",
         PRESIDENT, (SENIORITY,), (D("1.5"), None, None), posting=True, aliases=["HC TNXP vẻ vang"],
         legal="Luật TĐKT 2022 Đ96; NĐ 152/2025/NĐ-CP Đ6.1.g, Đ55; QĐ 637/QĐ-BNV (công khai tại xã 05 ngày)"),
    # --- State honorary titles (law.md §2.3); §6 "Honorary titles and prizes (Đ52–53)" ---
    # Not in §6: no coefficient recorded for Tỉnh/Thành phố Anh hùng
    form("TINH_ANH_HUNG", "Tỉnh Anh hùng, Thành phố Anh hùng", "Tỉnh Anh hùng", (C,), "state", PRESIDENT, (MERIT,),
         posting=True, vote=True, threshold=90, aliases=["Thành phố Anh hùng"],
         legal="Luật TĐKT 2022 Đ59; NĐ 152/2025/NĐ-CP Đ28.1.b, Đ33.5 (biểu quyết ≥90%), Đ41, Đ44.1"),
    # §6 "BMVNAH 15.5"
    form("BM_VNAH", "Bà mẹ Việt Nam anh hùng", "BMVNAH", (I,), "state", PRESIDENT, (MERIT,), (D("15.5"), None, None),
         posting=True, legal="Luật TĐKT 2022 Đ59; NĐ 152/2025/NĐ-CP Đ28.1.b, Đ41, Đ52"),
    # §6 "AHLLVTND / AHLĐ 15.5 (collective ×2 = 31)"
    form("AH_LLVT", "Anh hùng Lực lượng vũ trang nhân dân", "AHLLVTND", (I, C), "state", PRESIDENT, (MERIT, ADHOC),
         (D("15.5"), D("31.0"), None), posting=True, vote=True, threshold=90,
         legal="Luật TĐKT 2022 Đ59; NĐ 152/2025/NĐ-CP Đ28.1.b, Đ33.5 (biểu quyết ≥90%), Đ41, Đ44.1, Đ52"),
    form("AH_LD", "Anh hùng Lao động", "AHLĐ", (I, C), "state", PRESIDENT, (MERIT, ADHOC),
         (D("15.5"), D("31.0"), None), posting=True, vote=True, threshold=90,
         legal="Luật TĐKT 2022 Đ59; NĐ 152/2025/NĐ-CP Đ28.1.b, Đ33.5 (biểu quyết ≥90%), Đ41, Đ44.1, Đ52"),
    # §6 '"…nhân dân" 12.5; "…ưu tú" 9.0'
    form("NGND", "Nhà giáo nhân dân", "NGND", (I,), "state", PRESIDENT, (MERIT,), (D("12.5"), None, None),
         posting=True, legal="Luật TĐKT 2022 Đ59; NĐ 152/2025/NĐ-CP Đ28.1.b, Đ46.1.b, Đ52"),
    form("NGUT", "Nhà giáo ưu tú", "NGƯT", (I,), "state", PRESIDENT, (MERIT,), (D("9.0"), None, None),
         posting=True, legal="Luật TĐKT 2022 Đ59; NĐ 152/2025/NĐ-CP Đ28.1.b, Đ46.1.b, Đ52"),
    form("TTND", "Thầy thuốc nhân dân", "TTND", (I,), "state", PRESIDENT, (MERIT,), (D("12.5"), None, None),
         posting=True, legal="Luật TĐKT 2022 Đ59; NĐ 152/2025/NĐ-CP Đ28.1.b, Đ46.1.b, Đ52"),
    form("TTUT", "Thầy thuốc ưu tú", "TTƯT", (I,), "state", PRESIDENT, (MERIT,), (D("9.0"), None, None),
         posting=True, legal="Luật TĐKT 2022 Đ59; NĐ 152/2025/NĐ-CP Đ28.1.b, Đ46.1.b, Đ52"),
    form("NSND", "Nghệ sĩ nhân dân", "NSND", (I,), "state", PRESIDENT, (MERIT,), (D("12.5"), None, None),
         posting=True, legal="Luật TĐKT 2022 Đ59; NĐ 152/2025/NĐ-CP Đ28.1.b, Đ46.1.b, Đ52"),
    form("NSUT", "Nghệ sĩ ưu tú", "NSƯT", (I,), "state", PRESIDENT, (MERIT,), (D("9.0"), None, None),
         posting=True, legal="Luật TĐKT 2022 Đ59; NĐ 152/2025/NĐ-CP Đ28.1.b, Đ46.1.b, Đ52"),
    form("NNND", "Nghệ nhân nhân dân", "NNND", (I,), "state", PRESIDENT, (MERIT,), (D("12.5"), None, None),
         posting=True, legal="Luật TĐKT 2022 Đ59; NĐ 152/2025/NĐ-CP Đ28.1.b, Đ46.1.b, Đ52"),
    form("NNUT", "Nghệ nhân ưu tú", "NNƯT", (I,), "state", PRESIDENT, (MERIT,), (D("9.0"), None, None),
         posting=True, legal="Luật TĐKT 2022 Đ59; NĐ 152/2025/NĐ-CP Đ28.1.b, Đ46.1.b, Đ52"),
    # --- Prizes (law.md §2.4); §6 "GTHCM 270; GTNN 170" ---
    form("GT_HCM", "Giải thưởng Hồ Chí Minh", "Giải thưởng HCM", (I,), "state", PRESIDENT, (MERIT,),
         (D("270"), None, None), legal="Luật TĐKT 2022 Đ66–70; NĐ 152/2025/NĐ-CP Đ48.1.b, Đ53"),
    form("GT_NN", "Giải thưởng Nhà nước", "GTNN", (I,), "state", PRESIDENT, (MERIT,), (D("170"), None, None),
         legal="Luật TĐKT 2022 Đ66–70; NĐ 152/2025/NĐ-CP Đ48.1.b, Đ53"),
]


def seed(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    AwardAlias = apps.get_model("awards", "AwardAlias")
    for order, row in enumerate(NATIONAL_CATALOGUE, start=1):
        row = dict(row)
        aliases = row.pop("aliases")
        award_type, _created = AwardType.objects.update_or_create(
            code=row["code"], defaults={**row, "is_national": True, "active": True, "sort_order": order * 10},
        )
        names = [("name", row["name"]), ("short_name", row["short_name"]), ("code", row["code"])]
        names += [("alias", alias) for alias in aliases]
        seen = set()
        for kind, text in names:
            key = award_name_key(text)
            if text and key not in seen:
                seen.add(key)
                alias, _created = AwardAlias.objects.get_or_create(
                    key=key, defaults={"award_type": award_type, "text": text, "kind": kind}
                )
                if alias.award_type_id != award_type.pk:
                    raise ValueError(f"The name {text!r} of {row['code']} already names another award type")


def unseed(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    AwardType.objects.filter(is_national=True, records__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
