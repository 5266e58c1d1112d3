"""Batch eligibility check from a JSON file: the logic behind `manage.py check_eligibility`.

    python manage.py check_eligibility INPUT.json     (or: python -m tdkt.eligibility.cli INPUT.json)

Prints the results as JSON on stdout and returns 0; on malformed input, prints every problem in
Vietnamese on stderr (field and candidate index) and returns 2. "-" reads standard input.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .engine import evaluate_many
from .jsonio import ParseError, parse_bytes, results_to_json
from .names import quoted
from .params import DEFAULT_PARAMETERS, Parameters

USAGE = "Cách dùng: check_eligibility INPUT.json   (\"-\" để đọc từ đầu vào chuẩn)\n"
EXIT_OK = 0
EXIT_BAD_INPUT = 2


def main(argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None, *,
         params: Parameters = DEFAULT_PARAMETERS) -> int:
    stdout = stdout or sys.stdout
    stderr = stderr or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) != 1:
        stderr.write(USAGE)
        return EXIT_BAD_INPUT
    data = _read(argv[0], stderr)
    if data is None:
        return EXIT_BAD_INPUT
    try:
        batch = parse_bytes(data)
    except ParseError as error:
        count = len(error.issues)
        stderr.write(f"Dữ liệu đầu vào không hợp lệ ({count} lỗi), không xét ứng viên nào:\n")
        for issue in error.issues:
            stderr.write(f"  - {issue}\n")
        return EXIT_BAD_INPUT
    results = evaluate_many(batch.candidates, decision_date=batch.decision_date, params=params)
    stdout.write(results_to_json(results))
    return EXIT_OK


def _read(name: str, stderr: TextIO) -> bytes | None:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except OSError as error:
        stderr.write(f"Không đọc được tệp {quoted(name)}: {error.strerror or error}.\n")
        return None


if __name__ == "__main__":
    sys.exit(main())
