"""Hostile files through the real import functions (issue 14, item 3): time and memory of each refusal.

Before the safe readers, a 4.9 KB .xlsx declaring A1:XFD8000 took a worker from 229 MB to 1,161 MB in 8.5 s on
/people/import/, and a 284 KB .xlsx with 2 million empty rows kept a worker busy 25 s on the nominee import.
Target for every case: ≤ 2 s (p90 of 3 runs) and ≤ 50 MB of resident memory above the process's own before the
first run; the cell bomb at the people import's cap (150,000 cells, each one visited) is shown against 5 s.

The parent builds each file (the same builders as tests/security/hostile.py) under var/bench/hostile/; each case
then runs in a fresh child process (`--case NAME`): Django set up, the file read, `ru_maxrss` read before the
first run and after the last (`resource.getrusage`: the process's growth, the import's peak, not the building's),
three timed runs of the import function as the screen calls it. No database is touched: every refusal comes before anything is saved.
Run alone: `.venv/bin/python bench/bench_hostile_files.py` (BENCH_HOSTILE=name,… runs only those).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import BENCH_DIR, PYTHON, ROOT, emit, report_line, setup_django, sqlite_url  # noqa: E402

FILES = BENCH_DIR / "hostile"

RUNS = 3
TARGET_MS = 2_000.0
MEMORY_MB = 50.0
NOMINEE_HEADER = ["STT", "Họ và tên", "Hình thức đề nghị"]
PEOPLE_HEADER = ["STT", "Họ và tên", "Năm sinh"]


def _people(data: bytes, name: str):
    from tdkt.lib.uploads import SniffedUpload
    from tdkt.people.imports import import_people

    report = import_people(SniffedUpload(kind="xlsx", mime="", data=data, name=name), unit=None, by=None)
    return report.errors


def _nominees(kind: str):
    def run(data: bytes, name: str):
        from tdkt.dossiers.nominees.parsing import ListFileError, read_rows

        try:
            return read_rows(kind, data, name)
        except ListFileError as error:
            return str(error)
    return run


def _plan(data: bytes, name: str):
    from tdkt.lib.docparse import DocumentError, read_bytes

    try:
        return read_bytes(data, name)
    except DocumentError as error:
        return error.message


def _cases():
    from tests.security import hostile

    return {  # name: (build, run, file name, target ms)
        "declared_dimension_people": (
            lambda: hostile.declared_dimension_sheet(PEOPLE_HEADER, [["1", "Lê Văn Dài", "1980"]], far_row=5),
            _people, "khai-bao-lon.xlsx", TARGET_MS),
        "declared_dimension_nominees": (
            lambda: hostile.declared_dimension_sheet(NOMINEE_HEADER, [["1", "Nguyễn Văn An", "Lao động tiên tiến"]]),
            _nominees("xlsx"), "khai-bao-lon.xlsx", TARGET_MS),
        "two_million_empty_rows": (lambda: hostile.empty_rows_sheet(NOMINEE_HEADER, 2_000_000), _nominees("xlsx"),
                                   "rong.xlsx", TARGET_MS),
        "cell_bomb_people": (lambda: hostile.cell_bomb_sheet(PEOPLE_HEADER, rows=3_000, cells_per_row=60), _people,
                             "o-trong.xlsx", 5_000.0),
        "zip_bomb_xlsx": (lambda: hostile.zip_bomb_xlsx(250), _people, "bom.xlsx", TARGET_MS),
        "billion_laughs_xlsx": (hostile.billion_laughs_xlsx, _people, "bom.xlsx", TARGET_MS),
        "zip_bomb_docx": (lambda: hostile.zip_bomb_docx(40), _nominees("docx"), "bom.docx", TARGET_MS),
        "billion_laughs_docx": (hostile.billion_laughs_docx, _plan, "bom.docx", TARGET_MS),
        "grid_span_docx": (hostile.grid_span_docx, _nominees("docx"), "bom.docx", TARGET_MS),
        "pdf_many_pages": (lambda: hostile.many_pages_pdf(5_000), _plan, "ke-hoach.pdf", TARGET_MS),
        "pdf_many_objects": (lambda: hostile.many_objects_pdf(200_000), _plan, "ke-hoach.pdf", TARGET_MS),
        "pdf_bomb_stream": (lambda: hostile.bomb_stream_pdf(64), _plan, "ke-hoach.pdf", TARGET_MS),
    }


def child(case: str) -> None:
    os.environ["DATABASE_URL"] = os.environ.get("DATABASE_URL") or sqlite_url("hostile_files.sqlite3")
    sys.path.insert(0, str(ROOT))
    setup_django()
    from django.utils import translation

    translation.activate("vi")
    _build, run, name, target = _cases()[case]
    data = (FILES / case).read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    samples, outcome = [], None
    for _ in range(RUNS):
        started = time.perf_counter()
        outcome = run(data, name)
        samples.append((time.perf_counter() - started) * 1000)
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before
    text = outcome if isinstance(outcome, str) else (outcome[0] if isinstance(outcome, list) and outcome and
                                                     isinstance(outcome[0], str) else f"read: {str(outcome)[:80]}")
    emit(f"hostile_{case}", "none", samples, target, peak_mb=max(grown, 0.0), memory_target_mb=MEMORY_MB,
         memory_how="peak RSS growth (ru_maxrss) over the process before the first run",
         dataset=f"{len(data) // 1024} KB file; outcome: {text[:160]}")


def main() -> None:
    if "--case" in sys.argv:
        child(sys.argv[sys.argv.index("--case") + 1])
        return
    only = {n for n in os.environ.get("BENCH_HOSTILE", "").split(",") if n}
    names = [n for n in ("declared_dimension_people", "declared_dimension_nominees", "two_million_empty_rows",
                         "cell_bomb_people", "zip_bomb_xlsx", "billion_laughs_xlsx", "zip_bomb_docx",
                         "billion_laughs_docx", "grid_span_docx", "pdf_many_pages", "pdf_many_objects",
                         "pdf_bomb_stream") if not only or n in only]
    sys.path.insert(0, str(ROOT))
    FILES.mkdir(parents=True, exist_ok=True)
    cases = _cases()
    for name in names:
        (FILES / name).write_bytes(cases[name][0]())
        done = subprocess.run([PYTHON, __file__, "--case", name], capture_output=True, text=True, check=False,
                              env=dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)])))
        if done.returncode != 0:
            raise RuntimeError(f"{name} failed:\n{done.stdout}\n{done.stderr}")
        for line in done.stdout.splitlines():
            if line.startswith("{"):
                print(line)  # the JSON line, for run.py
                if sys.stdout.isatty():
                    print(report_line(json.loads(line)))


if __name__ == "__main__":
    main()
