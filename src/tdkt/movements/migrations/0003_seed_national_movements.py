"""Pre-seeds the national emulation movements that the five seed plans (shared/seeds/) name.

Names are copied from the seed texts; each row says which seed names it. The seeds give a period
("giai đoạn …") for three of them only; for the others the launch date is not in the seeds, so the start
is set to 01/01/2026 (the year the seed plans keep them running) and the source note says so: the
standing body corrects it from the launching document. Re-running adds nothing (matched by code)."""

import datetime

from django.db import migrations

NOTE_NO_DATE = " Ngày phát động không có trong kế hoạch mẫu: ngày bắt đầu 01/01/2026 là tạm, cần sửa theo văn bản phát động."
PM = "Thủ tướng Chính phủ"

# code, name, authority, kind, (first year, last year) or None, source note
MOVEMENTS = [
    ("TW-HATANG", "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại; thực hành tiết kiệm, chống lãng phí",
     PM, "thematic", None,
     "Kế hoạch mẫu 000 (Lào Cai, năm 2026), 002 (Văn phòng UBND tỉnh Sơn La), 004 (Thái Nguyên, số 60/KH-UBND:"
     " “… hiện đại và thực hành tiết kiệm, chống lãng phí”, do Thủ tướng Chính phủ phát động)."),
    ("TW-XHHT", "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời",
     PM, "thematic", (2023, 2030),
     "Kế hoạch mẫu 000 (Lào Cai: giai đoạn 2023 – 2030) và 004 (Thái Nguyên, số 60/KH-UBND)."),
    ("TW-NTM", "Cả nước chung sức xây dựng nông thôn mới", PM, "thematic", None,
     "Kế hoạch mẫu 004 (Thái Nguyên, số 60/KH-UBND: phong trào do Thủ tướng Chính phủ phát động)."),
    ("TW-NGHEO", "Vì người nghèo - Không để ai bị bỏ lại phía sau", PM, "thematic", None,
     "Kế hoạch mẫu 004 (Thái Nguyên, số 60/KH-UBND: phong trào do Thủ tướng Chính phủ phát động)."),
    ("TW-DTTS", "Cả nước chung sức phát triển kinh tế xã hội vùng đồng bào dân tộc thiểu số và miền núi",
     PM, "thematic", (2024, 2030),
     "Kế hoạch mẫu 004 (Thái Nguyên, số 60/KH-UBND: giai đoạn 2024 - 2030)."),
    ("TW-CDS", "Cả nước thi đua đổi mới sáng tạo, chuyển đổi số, góp phần đưa đất nước vươn mình bước vào kỷ "
     "nguyên giàu mạnh và thịnh vượng", PM, "thematic", None,
     "Kế hoạch mẫu 004 (Thái Nguyên, số 60/KH-UBND: phong trào do Thủ tướng Chính phủ phát động)."),
    ("TW-ANTQ", "Toàn dân bảo vệ an ninh Tổ quốc", "", "thematic", (2025, 2030),
     "Kế hoạch mẫu 000 (Lào Cai: giai đoạn 2025-2030) và 001 (Cao Bằng, số 157/KH-UBND). Cơ quan phát động"
     " không nêu trong kế hoạch mẫu."),
    ("TW-TTC80", "Kỷ niệm 80 năm Ngày Tổng tuyển cử đầu tiên bầu Quốc hội Việt Nam",
     "Ủy ban Thường vụ Quốc hội", "campaign", None,
     "Kế hoạch mẫu 004 (Thái Nguyên, số 60/KH-UBND: phong trào thi đua chào mừng của Ủy ban Thường vụ Quốc hội)."),
]


def seed(apps, schema_editor):
    Movement = apps.get_model("movements", "Movement")
    MovementPhase = apps.get_model("movements", "MovementPhase")
    for code, name, authority, kind, period, note in MOVEMENTS:
        if Movement.objects.filter(code=code).exists():
            continue
        if period:
            start, end = datetime.date(period[0], 1, 1), datetime.date(period[1], 12, 31)
        else:
            start, end, note = datetime.date(2026, 1, 1), None, note + NOTE_NO_DATE
        movement = Movement.objects.create(
            code=code, name=name, level="national", authority=authority, kind=kind, start_date=start, end_date=end,
            target_scope="everyone", source_note=note[:500])
        if period:
            MovementPhase.objects.create(movement=movement, name=f"Giai đoạn {period[0]} - {period[1]}",
                                         start_date=start, end_date=end)


class Migration(migrations.Migration):
    dependencies = [("movements", "0002_phases_documents_registrations_covenants")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
