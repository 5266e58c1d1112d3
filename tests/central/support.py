"""Shared set-up of the khen cao tests: the province's authority, State-level lines at the province, a proposal
sent up, and a decision's list as the central body sends it (merged title, honorifics, section rows)."""

import datetime
import io

import openpyxl

from tdkt.central import proposals
from tdkt.central.transitions import PROPOSAL
from tests.decisions.support import approved, make_authority, make_dossier

SENT_ON = datetime.date(2026, 3, 2)


def state_lines(world, code="BK_TTG"):
    """Two approved lines of a State-level award: one person of Sở Y tế's dossier, one of its hospital's."""
    make_authority()
    dossier = make_dossier(world.unit_a)
    first = approved(dossier, person=world.person_a, code=code, position=1)
    second = approved(dossier, person=world.person_a_child, code=code, position=2)
    return [first, second]


def sent_proposal(world, code="BK_TTG"):
    lines = state_lines(world, code)
    by = world.users["specialist"]
    proposal = proposals.create_proposal(award_type=lines[0].award_type, year=2025, nominations=lines, by=by)
    proposals.build_package(proposal, by=by)
    PROPOSAL.handlers["send"](proposal, by=by, sent_on=SENT_ON, sent_via="dms", sent_reference="VB-123")
    proposal.refresh_from_db()
    return proposal


def sheet(rows, *, title="DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN CỦA THỦ TƯỚNG CHÍNH PHỦ") -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append([title])
    ws.merge_cells("A1:D1")
    ws.append(["STT", "Họ và tên", "Chức vụ, đơn vị", "Hình thức khen thưởng"])
    ws.merge_cells("A3:D3")
    ws["A3"] = "I. Cá nhân"
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


MESSY = [
    [1, "Ông Nguyễn Văn An", "Sở Y tế", "Bằng khen của Thủ tướng Chính phủ"],
    [2, "Bà  Đặng Thị Đào", "Bệnh viện Đa khoa tỉnh", "Bằng khen Thủ tướng Chính phủ"],
    [3, "Ông Trần Văn Lạ", "Sở Xây dựng", "Bằng khen của Thủ tướng Chính phủ"],
    [4, "Nguyễn Văn An", "Sở Y tế", "Bằng khen của Thủ tướng Chính phủ"],
    [5, "Đặng Thị Đào", "Bệnh viện Đa khoa tỉnh", "Huân chương Lao động hạng Ba"],
]
