"""Factories for the requests received (hiệp y đến): a realistic messy request letter as .docx (portal chrome
around the text, the two-column Decree-30 header, names in prose separated by semicolons with "Ông", "Bà",
"Đ/c", and in a table with a section row), and requests recorded through the services."""

import datetime
import io

import docx

from tdkt.dossiers.consultations import inbound

D = datetime.date

PROSE = ("Thực hiện Kế hoạch số 12/KH-SYT ngày 10/01/2026 về công tác thi đua, khen thưởng, Sở Y tế tỉnh Yên Bái đề "
         "nghị Ủy ban nhân dân tỉnh Lào Cai cho ý kiến hiệp y khen thưởng đối với các cá nhân sau: Ông Nguyễn Văn An, "
         "Giám đốc Sở Y tế; Bà Đặng Thị Đào, Trưởng khoa Nội, Bệnh viện Đa khoa tỉnh; Đ/c Giàng A Páo, Chuyên viên "
         "Sở Giáo dục và Đào tạo.")


def messy_request_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Cổng thông tin điện tử - Hệ thống quản lý văn bản và điều hành")
    document.add_paragraph("05/03/2026 16:42 - bản in từ hệ thống")
    header = document.add_table(rows=2, cols=2)
    left, right = header.rows[0].cells
    left.paragraphs[0].text = "UBND TỈNH YÊN BÁI"
    left.add_paragraph("SỞ Y TẾ")
    left.add_paragraph("_______")
    right.paragraphs[0].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    left, right = header.rows[1].cells
    left.paragraphs[0].text = "Số: 215 /SYT-TCCB"
    left.add_paragraph("V/v hiệp y khen thưởng cho cá nhân")
    left.add_paragraph("có thành tích xuất sắc")
    right.paragraphs[0].text = "Yên Bái, ngày 05 tháng 3 năm 2026"
    document.add_paragraph("Trang 1/2")
    document.add_paragraph("Kính gửi: Ủy ban nhân dân tỉnh Lào Cai.")
    document.add_paragraph(PROSE)
    document.add_paragraph("Ngoài ra, Sở Y tế đề nghị hiệp y cho các tập thể, cá nhân có tên dưới đây:")
    table = document.add_table(rows=0, cols=4)
    for cells in (["STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Hình thức đề nghị"], ["(1)", "(2)", "(3)", "(4)"],
                  ["I. CÁ NHÂN", "I. CÁ NHÂN", "I. CÁ NHÂN", "I. CÁ NHÂN"],
                  ["1", "Ông LÝ VĂN MINH", "Phó Giám đốc Trung tâm Y tế huyện Bát Xát", "Bằng khen Bộ trưởng"],
                  ["2", "Ông Nguyễn Văn An", "Giám đốc Sở Y tế", "Bằng khen Bộ trưởng"],
                  ["II. TẬP THỂ", "", "", ""],
                  ["3", "Bệnh viện Đa khoa tỉnh", "", "Bằng khen Bộ trưởng"]):
        row = table.add_row().cells
        for cell, text in zip(row, cells, strict=True):
            cell.text = text
    document.add_paragraph("https://vanban.yenbai.gov.vn/van-ban/215-syt-tccb.pdf")
    document.add_paragraph("Trang 2/2")
    document.add_paragraph("Nơi nhận:")
    document.add_paragraph("- Như trên;")
    document.add_paragraph("- Lưu: VT, TCCB.")
    document.add_paragraph("GIÁM ĐỐC")
    document.add_paragraph("Trần Văn Bình")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


SUBJECTS = "Ông Nguyễn Văn An | Giám đốc Sở Y tế\nBà Lò Thị Mai | Phó Trưởng phòng, Sở Y tế\nTập thể Sở Y tế"


FIRST_MONDAY_OF_MARCH = D(2026, 3, 2)  # answer due Monday 16/03/2026


def received(world, *, received_on=FIRST_MONDAY_OF_MARCH, subjects=SUBJECTS, assignee=None):
    return inbound.record_inbound(
        by=world.users["specialist"], requesting_body="Bộ Y tế", reference_number="1234/BYT-TĐKT",
        reference_date=received_on, subject="hiệp y khen thưởng Huân chương Lao động", received_on=received_on,
        subjects_text=subjects, assignee=assignee)


def assigned(world):
    return received(world, assignee=world.users["specialist"])
