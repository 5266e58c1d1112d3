"""Decree-30 Word table: a 2,000-line annex (5 columns, a merged section row every 50 lines, two-line cells)
built through tdkt.lib.nd30 and saved as .docx, target ≤ 1 ms a row, so ≤ 2 s for the whole document.

Run by hand: `.venv/bin/python bench/nd30_table.py [ROWS] [--compare]`. No database. The figure is the time of
the whole document (new_document, heading block, table, to_bytes), measured three times; `table_ms` is the
table alone. `--compare` also times the former cell-by-cell builder (kept in tests/lib/test_nd30.py as the
oracle) on the same machine and run, since the machine is shared and absolute figures drift.
"""

import datetime
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT), str(Path(__file__).resolve().parent)]
from common import emit  # noqa: E402

from tdkt.lib import nd30  # noqa: E402

HEADER = ["TT", "Tập thể, cá nhân", "Chức vụ, đơn vị", "Hình thức khen thưởng", "Ghi chú"]
WIDTHS_MM = [12, 45, 60, 28, 20]


def annex_rows(count: int) -> list:
    rows: list = []
    for i in range(count):
        if i % 50 == 0:
            rows.append(nd30.SectionRow(f"Nhóm {i // 50 + 1}: Tập thể lao động xuất sắc", "I"))
        rows.append([str(i + 1), f"Ông Nguyễn Văn Thành {i + 1}", "Chuyên viên Phòng Nghiệp vụ Y\nSở Y tế tỉnh Lào Cai",
                     "Bằng khen của Chủ tịch UBND tỉnh", "" if i % 3 else "Lần 2"])
    return rows


def build(rows: list, add_table=nd30.add_table) -> tuple[bytes, float]:
    document = nd30.new_document()
    nd30.add_heading_block(document, nd30.Heading(
        issuer="Ủy ban nhân dân tỉnh Lào Cai", number="123/QĐ-UBND", place="Lào Cai",
        date=datetime.date(2026, 12, 15), doc_type="DANH SÁCH", title="Tập thể, cá nhân được tặng Bằng khen"))
    started = time.perf_counter()
    add_table(document, HEADER, WIDTHS_MM, rows)
    table_ms = (time.perf_counter() - started) * 1000
    return nd30.to_bytes(document), table_ms


def timed(rows: list, add_table=nd30.add_table, runs: int = 3) -> tuple[list[float], list[float], int]:
    samples, tables, size = [], [], 0
    for _ in range(runs):
        started = time.perf_counter()
        data, table_ms = build(rows, add_table)
        samples.append((time.perf_counter() - started) * 1000)
        tables.append(table_ms)
        size = len(data)
    return samples, tables, size


def main() -> None:
    numbers = [arg for arg in sys.argv[1:] if arg.isdigit()]
    count = int(numbers[0]) if numbers else 2000
    rows = annex_rows(count)
    samples, tables, size = timed(rows)
    extra = {"per_row_ms": round(min(samples) / len(rows), 3), "table_ms": round(min(tables), 1),
             "per_row_target_ms": 1.0}
    if "--compare" in sys.argv:
        from tests.lib.test_nd30 import _reference_add_table

        old_rows = rows[: min(len(rows), 300)]  # the old builder needs ~10 ms a row: 300 rows are enough
        old_samples, old_tables, _ = timed(old_rows, _reference_add_table, runs=1)
        extra |= {"cell_by_cell_per_row_ms": round(old_tables[0] / len(old_rows), 3),
                  "cell_by_cell_rows": len(old_rows),
                  "speed_up": round(old_tables[0] / len(old_rows) / (min(tables) / len(rows)), 1)}
    emit("nd30_table", "none", samples, 2_000,
         dataset=f"{len(rows)} rows x {len(HEADER)} columns, {size // 1024} KB .docx, target ≤ 1 ms a row", **extra)


if __name__ == "__main__":
    main()
