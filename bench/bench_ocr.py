"""OCR of a scanned decision (issue 17): a generated 10-page A4 scan at 300 dpi through tdkt.lib.ocr.searchable_pdf
(ocrmypdf + Tesseract's Vietnamese model, two pages at a time), seconds per page against the target ≤ 6 s a page.

The scan is rendered by tests/documents/scanmaker.py (Liberation Serif typeset with fpdf2, rasterised by pdftoppm
at 300 dpi, saved as an image-only PDF: 10 pages of a decision and its list, ~30 lines a page, slightly turned
and speckled like a feeder scan); its making is not timed. Each run OCRs the whole file; the figure is the
whole run's time divided by the pages (p90 over the runs: ocrmypdf's start-up, ~1 s, is part of it, as it is for
a user). The recognised text is checked (the number and a name must come back), so a run that "succeeds" by
recognising nothing fails loudly. No database. Run alone: `.venv/bin/python bench/bench_ocr.py [RUNS]`.
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(Path(__file__).resolve().parent)]
from common import emit  # noqa: E402

from tdkt.lib import ocr  # noqa: E402

PAGES = 10
DPI = 300
TARGET_MS_PER_PAGE = 6_000.0
LINES_PER_PAGE = 30


def decision_pages() -> list[list[str]]:
    header = ["ỦY BAN NHÂN DÂN", "TỈNH THÁI NGUYÊN", "Số: 125/QĐ-UBND", "QUYẾT ĐỊNH",
              "Về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"]
    pages, number = [], 0
    for page in range(PAGES):
        lines = list(header) if page == 0 else [f"DANH SÁCH KÈM THEO (trang {page + 1})"]
        while len(lines) < LINES_PER_PAGE:  # 13 pt lines: 30 fill an A4 page without spilling onto the next
            number += 1
            lines.append(f"{number}. Bà Nguyễn Thị Hường {number}, Trưởng phòng Nghiệp vụ, Sở Nội vụ")
        pages.append(lines)
    return pages


def main() -> None:
    from tests.documents.scanmaker import scan_pdf

    runs = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 2
    if not ocr.available():
        raise SystemExit("ocrmypdf/tesseract not installed (make ci-system-deps): cannot benchmark OCR")
    scan = scan_pdf(decision_pages(), dpi=DPI, rotate=0.3, noise=0.0003)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        result = ocr.searchable_pdf(scan, name="bench-scan.pdf")
        samples.append((time.perf_counter() - started) * 1000 / PAGES)
        text = "\n".join(result.page_texts)
        if result.page_count != PAGES or "125/QĐ-UBND" not in text or "Nguyễn Thị Hường" not in text:
            raise SystemExit(f"OCR read back the wrong text: {result.page_count} pages, {text[:300]!r}")
    print(f"OCR {PAGES} pages at {DPI} dpi: {', '.join(f'{ms / 1000:.2f}' for ms in samples)} s a page "
          f"(target ≤ {TARGET_MS_PER_PAGE / 1000:g} s a page), jobs={ocr.JOBS}")
    emit("ocr_scan_page", "none", samples, TARGET_MS_PER_PAGE,
         dataset=f"{PAGES}-page A4 scan at {DPI} dpi, {len(scan) // 1024} KB image-only PDF, "
                 f"{ocr.JOBS} pages at a time; per page, start-up included", empty_pages=len(result.empty_pages))


if __name__ == "__main__":
    main()
