"""Reading a 2-page text decision with `read_award_document`, target ≤ 0.5 s (issue 17).

Run alone: `.venv/bin/python bench/bench_read_document.py` (or by bench/run.py in a child process). No database:
the reader is framework-free. The document is a decision as a province writes it — header, legal bases, three
articles, a 40-name numbered list in Điều 1 with hard-wrapped entries, a page break, and an attached list of 30
rows in a table with section rows — about two A4 pages of text. It is read 20 times (after one warm-up run); the
figure is the p90 time to read the bytes (text decoding, header, body, recipients, checks).
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(Path(__file__).resolve().parent)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
from common import emit  # noqa: E402

TARGET_MS = 500
RUNS = 20
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Giàng", "Lò"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Khoa", "Lan", "Minh", "Nga", "Phương", "Sơn", "Thảo"]
UNITS = ["Sở Nội vụ", "Sở Tài chính", "Sở Y tế", "Trường THCS Lê Lợi, huyện Bảo Yên", "Ủy ban nhân dân xã Bản Lầu"]


def person(index: int) -> str:
    return f"{SURNAMES[index % 12]} Văn {GIVEN[index % 13]}"


def decision_text() -> str:
    lines = ["ỦY BAN NHÂN DÂN TỈNH LÀO CAI", "Số: 125/QĐ-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
             "Độc lập - Tự do - Hạnh phúc", "Lào Cai, ngày 15 tháng 01 năm 2025", "QUYẾT ĐỊNH",
             "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2024",
             "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
             "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
             "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
             "Xét đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 12/TTr-SNV ngày 10 tháng 01 năm 2025.",
             "QUYẾT ĐỊNH:",
             "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 40 cá nhân đã có thành tích xuất sắc "
             "trong công tác năm 2024, gồm:"]
    for index in range(40):
        lines.append(f"{index + 1}. Ông {person(index)}, Chuyên viên Phòng Tổng hợp, {UNITS[index % 5]}"
                     + (";" if index % 3 else ","))
        if not index % 3:
            lines.append("tỉnh Lào Cai;")
    lines.append("\f")
    lines += ["Điều 2. Tặng Giấy khen của Giám đốc Sở Nội vụ cho 30 tập thể, cá nhân (có danh sách kèm theo).",
              "Điều 3. Quyết định này có hiệu lực kể từ ngày ký./.", "Nơi nhận:", "- Như Điều 3;", "- Lưu: VT.",
              "CHỦ TỊCH", "DANH SÁCH", "tập thể, cá nhân được tặng Giấy khen của Giám đốc Sở Nội vụ",
              "TT\tHọ và tên\tChức vụ, đơn vị công tác", "I\tTẬP THỂ\t"]
    lines += [f"{index + 1}\tPhòng Nội vụ huyện {GIVEN[index % 13]}\t" for index in range(10)]
    lines.append("II\tCÁ NHÂN\t")
    lines += [f"{index + 1}\tBà {person(index + 50)}\tKế toán, {UNITS[index % 5]}" for index in range(20)]
    return "\n".join(lines) + "\n"


def main() -> None:
    from tdkt.lib.awarddoc import read_award_bytes

    data = decision_text().encode("utf-8")
    read = read_award_bytes(data, "quyet-dinh.txt", ocr=False)  # warm-up, and the size of what is read
    assert len(read.recipients) == 70, len(read.recipients)
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        read_award_bytes(data, "quyet-dinh.txt", ocr=False)
        samples.append((time.perf_counter() - started) * 1000)
    emit("read_award_document", "none", samples, TARGET_MS,
         dataset=f"2-page text decision, {len(data) // 1024} KB, {len(read.recipients)} recipients")
    p90 = sorted(samples)[int(0.9 * (len(samples) - 1))]
    print(f"read_award_document: p90 {p90:.1f} ms for a 2-page text decision (target ≤ {TARGET_MS} ms)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
