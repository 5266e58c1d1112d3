"""The conclusion of an inspection at one unit (kết luận kiểm tra công tác thi đua, khen thưởng) as a Word
document in the Decree 30 layout (tdkt.lib.nd30): the header block of the standing body under the
province's People's Committee, number "…/KL-SNV", the title, the team and dates, the findings on each
checklist item, the general conclusion, the recommendations with their due dates, and the signature block
of the team leader. Document text, so always Vietnamese."""

from django.conf import settings

from tdkt.inspections.enums import Assessment
from tdkt.lib import nd30
from tdkt.lib.nd30 import add_body as _body

ISSUER = "Sở Nội vụ"  # the standing body of the province's council inspects (Cơ quan Thường trực)
SYMBOL = "KL-SNV"
ASSESSMENT_TEXT = {Assessment.GOOD: "Thực hiện tốt", Assessment.ADEQUATE: "Thực hiện nhưng còn hạn chế",
                   Assessment.NOT_DONE: "Chưa thực hiện", Assessment.NOT_APPLICABLE: "Không áp dụng", "": "—"}


def _date(value) -> str:
    return f"{value:%d/%m/%Y}" if value else "…/…/…"


def filename(record) -> str:
    return f"ket-luan-kiem-tra-{record.inspection.year}-{record.unit.code.lower() or record.unit.pk}.docx"


def build(record, *, findings, recommendations, team):
    """The python-docx Document of `record`'s conclusion (findings, recommendations and team given in order)."""
    inspection = record.inspection
    document = nd30.new_document()
    number = f"{record.conclusion_number}/{SYMBOL}" if record.conclusion_number and "/" not in \
        record.conclusion_number else (record.conclusion_number or None)
    nd30.add_heading_block(document, nd30.Heading(
        issuer=ISSUER, parent=f"Ủy ban nhân dân tỉnh {settings.PROVINCE_NAME}", place=settings.PROVINCE_NAME,
        date=record.conclusion_date, number=number, symbol=SYMBOL, doc_type="KẾT LUẬN",
        title=f"Kiểm tra công tác thi đua, khen thưởng năm {inspection.year} tại {record.unit.name}"),
        year=inspection.year)
    leader = next((member for member in team if member.is_leader), None)
    members = ", ".join(member.person.full_name for member in team if not member.is_leader)
    _body(document, f"Thực hiện {inspection.title}, từ ngày {_date(inspection.starts_on)} đến ngày "
                    f"{_date(inspection.ends_on)}, Đoàn kiểm tra"
                    + (f" do ông (bà) {leader.person.full_name} làm Trưởng đoàn" if leader else "")
                    + (f", các thành viên: {members}" if members else "")
                    + f" đã kiểm tra công tác thi đua, khen thưởng tại {record.unit.name}"
                    + (f" ngày {_date(record.visited_on)}" if record.visited_on else "") + ".")
    _body(document, "Trên cơ sở báo cáo của đơn vị và kết quả kiểm tra, Sở Nội vụ kết luận như sau:")
    nd30.add_section(document, "I. KẾT QUẢ KIỂM TRA")
    nd30.add_table(document, ["TT", "Nội dung kiểm tra", "Đánh giá", "Nhận xét"], [12, 70, 33, 50],
                   [[str(i), row.item, ASSESSMENT_TEXT.get(row.assessment, "—"), row.note or ""]
                    for i, row in enumerate(findings, 1)])
    nd30.add_section(document, "II. KẾT LUẬN CHUNG")
    for line in (record.summary or "").splitlines() or [""]:
        if line.strip():
            _body(document, line.strip())
    nd30.add_section(document, "III. KIẾN NGHỊ")
    if recommendations:
        nd30.add_table(document, ["TT", "Nội dung kiến nghị", "Thời hạn thực hiện"], [12, 118, 35],
                       [[str(i), item.content, _date(item.due_on)] for i, item in enumerate(recommendations, 1)])
        _body(document, f"Đề nghị {record.unit.name} thực hiện các kiến nghị trên và báo cáo kết quả về Sở Nội vụ "
                        "đúng thời hạn qua Hệ thống thông tin thi đua, khen thưởng.")
    else:
        _body(document, "Đoàn kiểm tra không có kiến nghị.")
    nd30.signature_block(document, recipients=[f"- {record.unit.name};", "- Hội đồng Thi đua - Khen thưởng tỉnh;",
                                               "- Lưu: VT, SNV."],
                         signature=["TRƯỞNG ĐOÀN KIỂM TRA"], signer_name=leader.person.full_name if leader else "")
    return document

