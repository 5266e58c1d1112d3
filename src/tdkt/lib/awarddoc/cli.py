"""The `read_award_document` command's work, without Django: read a file, print its JSON
(`AwardDocument.as_json()`, docs/award-documents.md) or a short Vietnamese summary.

`manage.py read_award_document PATH [--json] [--no-ocr]` is a thin wrapper; `python -m tdkt.lib.awarddoc.cli`
runs the same without a database. Exit codes: 0 when anything was read (warnings included), 2 when the file
is not an award document or cannot be read (the reason in Vietnamese on stderr), as `import_plan` does.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from tdkt.lib.docparse import DocumentError

from .model import AwardDocument
from .reader import read_award_document

EXIT_OK = 0
EXIT_UNREADABLE = 2
HELP = ("Read an award document (decision, list or notice of nominees, tờ trình, plan) from .txt, .md, .html, "
        ".docx, .pdf or a scan (through OCR) and print its header, award forms, recipients and warnings.")
KIND_LABELS = {"decision": "Quyết định khen thưởng", "nomination_list": "Danh sách đề nghị khen thưởng",
               "plan": "Kế hoạch", "other": "Văn bản khác"}
RECIPIENT_LABELS = {"individual": "cá nhân", "collective": "tập thể", "household": "hộ gia đình"}


def add_arguments(parser) -> None:
    parser.add_argument("path", help="The document: .docx, .pdf, .txt, .md, .html, or a scanned .pdf/.png/.jpg.")
    parser.add_argument("--json", action="store_true", help="Print the result as JSON (docs/award-documents.md).")
    parser.add_argument("--no-ocr", action="store_true", help="Refuse scans instead of running OCR on them.")


def run(path: str, *, as_json: bool, stdout: TextIO, stderr: TextIO, ocr: bool = True) -> int:
    try:
        document = read_award_document(path, ocr=ocr)
    except DocumentError as error:
        stderr.write(f"Không đọc được «{path}»: {error}\n")
        return EXIT_UNREADABLE
    if as_json:
        stdout.write(json.dumps(document.as_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(summary(document) + "\n")
    return EXIT_OK


def summary(document: AwardDocument) -> str:
    lines = [
        f"Loại: {KIND_LABELS[document.kind]}" + (f" ({document.doc_type})" if document.doc_type else ""),
        f"Số, ký hiệu: {document.number or '(để trống)'}",
        f"Ngày: {document.date.strftime('%d/%m/%Y') if document.date else '(chưa ghi đủ ngày)'}",
        f"Cơ quan ban hành: {document.issuer or '(không rõ)'}",
        f"Trích yếu: {document.title or '(không rõ)'}",
        f"Hình thức khen thưởng: {'; '.join(document.award_forms) or '(không thấy)'}",
        f"Tập thể, cá nhân: {len(document.recipients)}",
    ]
    for recipient in document.recipients:
        details = ", ".join(part for part in (recipient.position, recipient.unit) if part)
        lines.append(f"  - dòng {recipient.line}: {recipient.name} ({RECIPIENT_LABELS[recipient.kind]})"
                     + (f", {details}" if details else "") + (f" — {recipient.award}" if recipient.award else ""))
    lines.append(f"Cảnh báo: {len(document.warnings)}")
    lines += [f"  - {warning.message}" for warning in document.warnings]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="read_award_document", description=HELP)
    add_arguments(parser)
    arguments = parser.parse_args(argv)
    return run(arguments.path, as_json=arguments.json, stdout=sys.stdout, stderr=sys.stderr,
               ocr=not arguments.no_ocr)


if __name__ == "__main__":
    sys.exit(main())
