"""Plan import (tdkt.plans.importer): each seed plan ≤ 500 ms; a synthetic 300-task, 60-page plan ≤ 3 s.

Run by bench/run.py in a child process (no database is used); prints JSON lines. The synthetic plan
is built twice, as the two hardest layouts of the seeds:
- text: a tab-separated table over 60 pages (form feeds), a repeated header and a page number on
  every page, a row split by every page break, four quarter sections, units and due column;
- pdf: a real 60-page PDF with a text layer, the table flattened one cell per line (Lạng Sơn's layout).
The timing is the whole import: reading the file (decoding or PDF text extraction) and parsing.
"""

import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, emit, timed_ms  # noqa: E402

SEED_TARGET_MS = 500.0
SYNTHETIC_TARGET_MS = 3000.0
SEED_RUNS = 10
SYNTHETIC_RUNS = 5
TASKS, PAGES = 300, 60
SEEDS_DIR = ROOT.parent / "shared" / "seeds"

HEAD = ["ỦY BAN NHÂN DÂN", "TỈNH THỬ NGHIỆM", "Số: 15/KH-UBND", "Thử Nghiệm, ngày 12 tháng 01 năm 2026", "",
        "KẾ HOẠCH", "Công tác thi đua, khen thưởng năm 2026", "", "Căn cứ Luật Thi đua, khen thưởng;", ""]
LEADS = ["Sở Nội vụ", "Sở Văn hóa, Thể thao và Du lịch", "Văn phòng UBND tỉnh", "Hội đồng TĐKT tỉnh", "Sở Tài chính"]
COORDINATING = ["Các cơ quan, đơn vị, địa phương liên quan", "Văn phòng UBND tỉnh; Sở Tài chính",
                "UBND các xã, phường", "Các sở, ban, ngành liên quan"]
DUES = ["Quý {q}/2026", "Tháng {m}/2026", "Hàng tháng", "Theo quy định", "Tháng {m}, tháng 12/2026", "Đầu quý {q}/2026"]
ROMAN = ["I", "II", "III", "IV"]


def content(n: int) -> str:
    return (f"Nhiệm vụ số {n}: tổ chức triển khai, hướng dẫn, kiểm tra và tổng hợp kết quả thực hiện phong trào thi "
            f"đua chuyên đề của các cơ quan, đơn vị, địa phương trên địa bàn tỉnh; báo cáo Ủy ban nhân dân tỉnh và "
            f"Hội đồng Thi đua - Khen thưởng tỉnh theo quy định (đợt {n % 7 + 1}).")


def synthetic_text() -> str:
    """Tab table over 60 pages: every page break splits a row (its content continues on the next page)."""
    header = "STT\tNội dung\tĐơn vị chủ trì\tĐơn vị phối hợp\tThời gian hoàn thành"
    lines = [*HEAD, header]
    per_page = TASKS // PAGES
    for n in range(1, TASKS + 1):
        quarter = (n - 1) * 4 // TASKS + 1
        if (n - 1) % (TASKS // 4) == 0:
            lines.append(f"{ROMAN[quarter - 1]}\tNHIỆM VỤ QUÝ {ROMAN[quarter - 1]}\t\t\t")
        due = DUES[n % len(DUES)].format(q=ROMAN[quarter - 1], m=quarter * 3 - 1)
        text = content(n)
        if n % per_page == 0 and n < TASKS:  # the last row of a page is split by the page break
            cut = text.index(" ", 120)  # a page break falls between two words
            first, rest = text[:cut], text[cut + 1:]
            page = n // per_page + 1
            lines.append(f"{n}\t{first}\t{LEADS[n % 5]}\t\t")
            lines.append(f"\f{page}")
            lines.append(header)
            lines.append(f"\t{rest}\t\t{COORDINATING[n % 4]}\t{due}")
        else:
            lines.append(f"{n}\t{text}\t{LEADS[n % 5]}\t{COORDINATING[n % 4]}\t{due}")
    lines += ["", "III. TỔ CHỨC THỰC HIỆN", "Giao Sở Nội vụ theo dõi, đôn đốc thực hiện Kế hoạch này./."]
    return "\n".join(lines)


def synthetic_pdf() -> bytes:
    """The same 300 tasks flattened one cell per line into a 60-page PDF."""
    from tests.plans.pdfmaker import text_pdf

    header = "TT Nội dung Cơ quan thực hiện"
    pages: list[list[str]] = [[*[line for line in HEAD if line], header]]
    per_page = TASKS // PAGES
    for n in range(1, TASKS + 1):
        quarter = (n - 1) * 4 // TASKS + 1
        if (n - 1) % (TASKS // 4) == 0:
            pages[-1].append(f"QUÝ {ROMAN[quarter - 1]}")
        text = content(n)
        pages[-1] += [str(n), *textwrap.wrap(text, 55), f"- {LEADS[n % 5]}.",
                      "- Các cơ quan, đơn vị", "liên quan."]
        if n % per_page == 0 and n < TASKS:
            pages.append([str(len(pages) + 1), header])
    pages[-1] += ["III. TỔ CHỨC THỰC HIỆN"]
    return text_pdf(pages)


def main() -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    from tdkt.plans.importer import import_plan_file

    seeds = sorted(SEEDS_DIR.glob("*.txt"))
    if not seeds:
        print(f"seed plans not found at {SEEDS_DIR}: seed timings skipped")
    for path in seeds:
        result = import_plan_file(path)
        samples = [timed_ms(lambda path=path: import_plan_file(path)) for _ in range(SEED_RUNS)]
        emit(f"plan_import_seed_{path.name[:3]}", "file", samples, SEED_TARGET_MS,
             dataset=f"{path.name}: {len(result.tasks)} tasks, {len(result.warnings)} warnings")
    with tempfile.TemporaryDirectory() as folder:
        text_path = Path(folder) / "synthetic-60-pages.txt"
        text_path.write_text(synthetic_text(), encoding="utf-8")
        pdf_path = Path(folder) / "synthetic-60-pages.pdf"
        pdf_path.write_bytes(synthetic_pdf())
        for label, path in (("text", text_path), ("pdf", pdf_path)):
            result = import_plan_file(path)
            assert [task.content for task in result.tasks] == [content(n) for n in range(1, TASKS + 1)], label
            samples = [timed_ms(lambda path=path: import_plan_file(path)) for _ in range(SYNTHETIC_RUNS)]
            emit(f"plan_import_synthetic_{label}", "file", samples, SYNTHETIC_TARGET_MS,
                 dataset=f"{TASKS} tasks, {PAGES} pages, {path.stat().st_size // 1024} KiB, "
                         f"{len(result.warnings)} warnings")


if __name__ == "__main__":
    main()
