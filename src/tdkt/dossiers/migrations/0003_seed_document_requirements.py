"""National default documents checklist (law.md §4.2, Luật TĐKT 2022 Đ84). A province edits it on the
checklist screen; rows seeded here carry is_national_default. Rules the digest tags [U] (unverified)
are seeded as not mandatory, with a note saying so."""

from django.db import migrations

# (kind, award code or "", document type, mandatory, per nominee, legal basis, note)
DEFAULTS = [
    ("", "", "cover_letter", True, False, "Luật TĐKT 2022 Đ84.1.a, Đ84.2.a",
     "Tờ trình đề nghị khen thưởng của đơn vị trình."),
    ("", "", "achievement_report", True, True, "Luật TĐKT 2022 Đ84.1.b, Đ84.2.b",
     "Báo cáo thành tích của cá nhân, tập thể theo mẫu. Hồ sơ rút gọn (NĐ152 Đ33.8): báo cáo tóm tắt do đơn vị "
     "đề nghị lập thay cho báo cáo của cá nhân."),
    ("", "", "council_minutes", True, False, "Luật TĐKT 2022 Đ84.1.c, Đ84.2.c",
     "Biên bản bình xét thi đua / xét khen thưởng của Hội đồng TĐKT đơn vị, có kết quả bỏ phiếu."),
    ("adhoc", "", "confirmation", True, False, "Luật TĐKT 2022 Đ84.2.d",
     "Xác nhận của cơ quan có thẩm quyền về thành tích đột xuất."),
    ("", "CSTD_TINH", "initiative_certificate", True, True, "Luật TĐKT 2022 Đ84.1.d",
     "Xác nhận sáng kiến, đề tài khoa học có phạm vi ảnh hưởng cấp tỉnh (NĐ152 Đ33.6, Mẫu số 13)."),
    ("", "CSTD_TQ", "initiative_certificate", True, True, "Luật TĐKT 2022 Đ84.1.d; NĐ152 Đ36",
     "Quyết định hoặc xác nhận sáng kiến có phạm vi ảnh hưởng toàn quốc."),
    ("", "CSTD_CS", "initiative_certificate", False, True, "Luật TĐKT 2022 Đ84.1.d; Đ23",
     "Không bắt buộc: CSTĐ cơ sở có thể dựa trên xếp loại HTXSNV thay cho sáng kiến (Đ23); khi dựa trên sáng "
     "kiến thì cần xác nhận của cơ sở."),
    ("", "CSTD_CS", "confirmation", False, True, "NĐ 98/2023 Đ34.2 (quy định cũ)",
     "Không bắt buộc: xác nhận HTXSNV khi danh hiệu dựa trên xếp loại HTXSNV (quy định cũ, để tham khảo)."),
    ("", "BK_TTG", "other", False, False, "Luật TĐKT 2022 Đ84.3",
     "Không bắt buộc: thành phần bổ sung cho hình thức khen thưởng cấp Nhà nước — nội dung điều luật chưa được "
     "kiểm chứng [U]; chuyên viên bổ sung khi đã đối chiếu văn bản."),
    ("thematic", "", "other", False, False, "Hướng dẫn cấp tỉnh (chưa kiểm chứng [U])",
     "Không bắt buộc: biên bản của Trưởng cụm/khối thi đua đối với khen theo đợt, chuyên đề — thực tiễn một số "
     "tỉnh, chưa kiểm chứng [U]."),
]


def seed(apps, schema_editor):
    AwardType = apps.get_model("awards", "AwardType")
    DocumentRequirement = apps.get_model("dossiers", "DocumentRequirement")
    awards = dict(AwardType.objects.values_list("code", "pk"))
    for kind, code, document_type, mandatory, per_nomination, basis, note in DEFAULTS:
        if code and code not in awards:
            continue
        DocumentRequirement.objects.update_or_create(
            kind=kind, award_type_id=awards.get(code) if code else None, document_type=document_type,
            defaults={"mandatory": mandatory, "per_nomination": per_nomination, "legal_basis": basis, "note": note,
                      "is_national_default": True})


def unseed(apps, schema_editor):
    apps.get_model("dossiers", "DocumentRequirement").objects.filter(is_national_default=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("dossiers", "0002_dossier_held_from_state"),
        ("awards", "0002_seed_national_catalogue"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
