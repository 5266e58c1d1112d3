"""The Word draft opened with python-docx: title, headings, exact figures in sentences and tables, the places
left for the narrative, the Decree 30 header and signature."""

import pytest

from tdkt.lib import nd30
from tdkt.reports.enums import ReportKind
from tdkt.reports.periods import half_year, year_end
from tdkt.reports.work import document, services
from tdkt.workcalendar.cache import calendar_scope
from tests.factories import make_authority
from tests.reports.work import support
from tests.reports.work.docxread import open_docx, paragraphs, table_after, tables

pytestmark = pytest.mark.django_db


def _draft(kind=ReportKind.YEAR_END, unit=None, period=None):
    with calendar_scope():
        return services.draft(kind=kind, year=support.YEAR, unit=unit, period=period or year_end(support.YEAR))


def test_year_end_draft_of_the_province_carries_the_figures(world):
    support.build(world)
    draft = _draft()
    assert draft.filename == "bao-cao-tong-ket-nam-2026.docx"
    doc = open_docx(draft.data)
    texts = paragraphs(doc)
    assert "BÁO CÁO" in texts
    assert ("Tổng kết công tác thi đua, khen thưởng năm 2026 và phương hướng, nhiệm vụ năm 2027") in texts
    for heading in ("I. KẾT QUẢ THỰC HIỆN", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN", "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2027",
                    "IV. ĐỀ XUẤT, KIẾN NGHỊ", "3. Công tác khen thưởng"):
        assert heading in texts
    assert ("Trong kỳ đã khen thưởng 4 lượt tập thể, cá nhân (cùng kỳ năm trước: 1 lượt), gồm 1 lượt tập thể, 3 lượt "
            "cá nhân và 0 lượt hộ gia đình; theo cấp khen thưởng: cấp Nhà nước: 1; cấp tỉnh: 2; cấp cơ sở: 1.") in texts
    assert ("Tỷ lệ khen thưởng theo các đối tượng ưu tiên (tỷ lệ trên tổng số lượt cá nhân được khen thưởng; riêng vùng "
            "sâu, vùng xa, biên giới, đặc biệt khó khăn trên tổng số lượt khen thưởng): người lao động trực tiếp chiếm "
            "66,7% (cùng kỳ năm trước: 0,0%); phụ nữ chiếm 66,7% (cùng kỳ năm trước: 100,0%); người dân tộc thiểu số "
            "chiếm 66,7% (cùng kỳ năm trước: 100,0%); vùng sâu, vùng xa, biên giới, đặc biệt khó khăn chiếm 25,0% "
            "(cùng kỳ năm trước: 100,0%).") in texts
    assert ("Trong kỳ có 2 phong trào thi đua được phát động (1 phong trào do tỉnh phát động; 1 phong trào do cơ quan, "
            "đơn vị phát động); sơ kết 2 phong trào, tổng kết 1 phong trào.") in texts
    assert ("Trong kỳ đã tiếp nhận 3 hồ sơ đề nghị khen thưởng; trả lại để bổ sung, hoàn thiện 1 hồ sơ; đã có quyết "
            "định khen thưởng đối với 2 hồ sơ, trong đó 1 hồ sơ được giải quyết đúng thời hạn và 1 hồ sơ giải quyết quá "
            "thời hạn (tính theo ngày làm việc của từng bước thẩm định).") in texts
    assert document.NO_INSPECTION_DATA in texts
    assert sum(1 for text in texts if text.startswith(nd30.TODO_PREFIX)) == 9
    assert table_after(doc, "Bảng 1. Khen thưởng theo cấp và hình thức") == [
        ["TT", "Hình thức khen thưởng", "Số lượt"],
        ["I", "Khen thưởng cấp Nhà nước: 1", "Khen thưởng cấp Nhà nước: 1"],
        ["1", "Bằng khen của Thủ tướng Chính phủ", "1"],
        ["II", "Khen thưởng cấp tỉnh: 2", "Khen thưởng cấp tỉnh: 2"],
        ["1", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "1"],
        ["2", "Tập thể lao động xuất sắc", "1"],
        ["III", "Khen thưởng cấp cơ sở: 1", "Khen thưởng cấp cơ sở: 1"],
        ["1", "Chiến sĩ thi đua cơ sở", "1"]]
    methods = table_after(doc, "Bảng 2. Khen thưởng theo loại hình")
    assert methods[1] == ["1", "Khen thưởng thường xuyên (công trạng và thành tích)", "3"]
    assert methods[3] == ["3", "Khen thưởng đột xuất", "1"]
    assert len(methods) == 8
    assert table_after(doc, "Bảng 3. Khen thưởng các đối tượng ưu tiên so với cùng kỳ năm trước") == [
        ["TT", "Chỉ tiêu", "Kỳ báo cáo", "Cùng kỳ năm trước"],
        ["1", "Khen thưởng người lao động trực tiếp", "2 (66,7%)", "0 (0,0%)"],
        ["2", "Khen thưởng phụ nữ", "2 (66,7%)", "1 (100,0%)"],
        ["3", "Khen thưởng người dân tộc thiểu số", "2 (66,7%)", "1 (100,0%)"],
        ["4", "Khen thưởng vùng sâu, vùng xa, biên giới, đặc biệt khó khăn", "1 (25,0%)", "1 (100,0%)"],
        ["5", "Khen thưởng đột xuất", "1 (25,0%)", "0 (0,0%)"]]
    assert ("Trong kỳ có 4 nhiệm vụ của kế hoạch công tác thi đua, khen thưởng đến hạn; đã hoàn thành 2 nhiệm vụ "
            "(50,0%), trong đó 1 nhiệm vụ hoàn thành sau thời hạn; 2 nhiệm vụ quá hạn chưa hoàn thành.") in texts


def test_the_header_and_signature_follow_decree_30(world):
    doc = open_docx(_draft().data)
    header = tables(doc)[0]
    assert header[0][0].startswith("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI")
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc" in header[0][1]
    assert header[1][0] == "Số:      /BC-UBND"
    assert header[1][1] == "Lào Cai, ngày     tháng     năm 2026"
    signature = tables(doc)[-1][0]
    assert signature[0].startswith("Nơi nhận:")
    assert signature[1].startswith("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")


def test_half_year_title_and_direction(world):
    doc = open_docx(_draft(ReportKind.HALF_YEAR, period=half_year(support.YEAR)).data)
    texts = paragraphs(doc)
    assert ("Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2026 và phương hướng, nhiệm vụ 6 tháng cuối năm "
            "2026") in texts
    assert "III. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2026" in texts
    assert any(text.startswith("Số liệu trong báo cáo được tổng hợp") and "từ ngày 01/01/2026 đến ngày 30/06/2026" in text
               for text in texts)


def test_a_units_draft_is_issued_by_the_unit_with_its_figures_only(world):
    support.build(world)
    make_authority(world.unit_a, name="Sở Y tế tỉnh Lào Cai", symbol="QĐ-SYT", collective_body="", head_title="GIÁM ĐỐC",
                   place="Lào Cai")
    draft = _draft(unit=world.unit_a)
    assert draft.filename == "bao-cao-tong-ket-nam-2026-syt.docx"
    doc = open_docx(draft.data)
    header = tables(doc)[0]
    assert header[1][0] == "Số:      /BC-SYT"
    assert ("Trong kỳ đã khen thưởng 3 lượt tập thể, cá nhân (cùng kỳ năm trước: 0 lượt), gồm 1 lượt tập thể, 2 lượt "
            "cá nhân và 0 lượt hộ gia đình; theo cấp khen thưởng: cấp tỉnh: 2; cấp cơ sở: 1.") in paragraphs(doc)
    assert tables(doc)[-1][0][1].startswith("GIÁM ĐỐC")
