"""The standard items of a unit's TĐKT work the team checks (danh mục nội dung kiểm tra).

This is the province's own list, drawn from the seed plans' inspection tasks; no law fixes it. It is the
default copied into each inspected unit's record when the record is created, so a later change of the list
does not rewrite past records. A province changes it with the setting TDKT_INSPECTION_CHECKLIST (a list of
(code, text) pairs); the text is Vietnamese because it is the document's own text (it goes into the
conclusion as written)."""

from django.conf import settings

DEFAULT_CHECKLIST: tuple[tuple[str, str], ...] = (
    ("guidance", "Việc ban hành văn bản chỉ đạo, hướng dẫn, kế hoạch công tác thi đua, khen thưởng"),
    ("movements", "Việc tổ chức phát động, triển khai các phong trào thi đua"),
    ("registration", "Việc đăng ký thi đua và ký kết giao ước thi đua"),
    ("review", "Việc sơ kết, tổng kết các phong trào thi đua"),
    ("council", "Việc kiện toàn và hoạt động của Hội đồng Thi đua - Khen thưởng"),
    ("procedure", "Quy trình, thủ tục, hồ sơ đề nghị khen thưởng"),
    ("grassroots", "Việc khen thưởng cấp cơ sở, khen thưởng người lao động trực tiếp"),
    ("publicity", "Việc công khai danh sách đề nghị khen thưởng"),
    ("fund", "Việc trích lập, quản lý và sử dụng quỹ thi đua, khen thưởng"),
    ("records", "Việc lưu trữ hồ sơ, quản lý hiện vật khen thưởng"),
    ("models", "Việc phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến"),
)


def checklist() -> tuple[tuple[str, str], ...]:
    """The list in force: the setting when the province set one, else the default above."""
    return tuple(getattr(settings, "TDKT_INSPECTION_CHECKLIST", None) or DEFAULT_CHECKLIST)
