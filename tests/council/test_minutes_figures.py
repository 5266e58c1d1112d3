"""The minutes count attendance exactly and print the ballot figures as counted (issue 15 §9): "đầy đủ"
only when every member is present, and never the members present as if each had cast a ballot."""

import pytest

from tdkt.council.documents import attendance_text, ballot_figures_text
from tdkt.council.models import Ballot


@pytest.mark.parametrize(("present", "total", "expected"), [
    (17, 17, "Có mặt 17/17 thành viên (có mặt đầy đủ)"),
    (16, 17, "Có mặt 16/17 thành viên"),
    (0, 17, "Có mặt 0/17 thành viên"),
    (0, 0, "Có mặt 0/0 thành viên"),  # a council without members is not "all present"
])
def test_attendance_is_counted_exactly(present, total, expected):
    assert attendance_text(present, total) == expected


@pytest.mark.parametrize(("figures", "expected"), [
    # 17 present, 13 ballots cast: the minutes say so, not "17 members took part in the vote"
    ({"present_count": 17, "issued_count": 17, "cast_count": 13, "valid_count": 12, "invalid_count": 1},
     "17 thành viên có mặt; số phiếu phát ra: 17, thu về: 13, hợp lệ: 12, không hợp lệ: 1."),
    ({"present_count": 5, "written_count": 2, "issued_count": 7, "cast_count": 7, "valid_count": 7,
      "invalid_count": 0},
     "5 thành viên có mặt, 2 ý kiến bằng văn bản; số phiếu phát ra: 7, thu về: 7, hợp lệ: 7, không hợp lệ: 0."),
    ({"present_count": 9, "issued_count": 9},  # a paper ballot: the per-item totals are the secretary's count
     "9 thành viên có mặt; số phiếu phát ra: 9; kết quả theo biên bản kiểm phiếu giấy."),
])
def test_the_minutes_print_the_ballot_figures_as_counted(figures, expected):
    assert ballot_figures_text(Ballot(**figures)) == expected
