"""The JSON interchange: the example of the issue parses; malformed input gives precise Vietnamese messages."""

import datetime as dt
import json

import pytest

from tdkt.eligibility.jsonio import ParseError, parse_bytes, parse_text, result_to_dict
from tdkt.eligibility.types import (
    AwardEntry,
    DisciplineEntry,
    InitiativeEntry,
    LeadershipTerm,
    MemberStats,
    RatingEntry,
)

FULL = {
    "decision_date": "2025-12-20",
    "candidates": [{
        "id": "CB-0042", "kind": "individual", "award": "CSTD_TINH", "year": 2025,
        "ratings": [{"year": 2024, "level": "HTXSNV"}],
        "awards": [{"award": "CSTD_CS", "year": 2024, "basis": "merit", "period_from": None, "period_to": None},
                   {"award": "BK_TINH", "year": 2021, "basis": "thematic", "period_from": "2021-01-01",
                    "period_to": "2021-06-30"}],
        "initiatives": [{"id": "SK-2024-07", "year": 2024, "scope": "TINH", "used_for": None}],
        "discipline": [{"level": "khien_trach", "from": "2020-03-01", "to": "2020-08-31"}],
        "open_cases": [],
        "members": {"total": 1, "ldtt": 1, "completed_tasks": 1, "cstd_cs": 1, "disciplined_warning_or_above": 0},
        "gender": "F",
        "leadership_years": {"post": "vu_truong", "years": 12.5},
        "lodged_on": "2025-11-30",
    }],
}


def parse(document) -> object:
    return parse_text(json.dumps(document, ensure_ascii=False))


def test_the_interchange_parses_into_candidates():
    batch = parse(FULL)
    assert batch.decision_date == dt.date(2025, 12, 20)
    (candidate,) = batch.candidates
    assert candidate.ratings == (RatingEntry(2024, "HTXSNV"),)
    assert candidate.awards[1] == AwardEntry("BK_TINH", 2021, "thematic", dt.date(2021, 1, 1), dt.date(2021, 6, 30))
    assert candidate.initiatives == (InitiativeEntry("SK-2024-07", 2024, "TINH", None),)
    assert candidate.discipline == (DisciplineEntry("khien_trach", dt.date(2020, 3, 1), dt.date(2020, 8, 31)),)
    assert candidate.members == MemberStats(1, 1, 1, 1, 0)
    assert candidate.leadership_years == (LeadershipTerm("vu_truong", 12.5),)
    assert candidate.lodged_on == dt.date(2025, 11, 30)


def test_leadership_years_may_list_several_posts_with_dates():
    document = {"decision_date": "2025-12-20", "candidates": [{
        "id": "a", "kind": "individual", "award": "HCLD3", "year": 2025,
        "leadership_years": [{"post": "thu_truong", "years": 2}, {"post": "vu_truong", "years": 5,
                                                                   "from": "2018-01-01", "to": "2022-12-31"}]}]}
    (candidate,) = parse(document).candidates
    assert candidate.leadership_years == (LeadershipTerm("thu_truong", 2.0),
                                          LeadershipTerm("vu_truong", 5.0, dt.date(2018, 1, 1), dt.date(2022, 12, 31)))


def test_only_the_required_candidate_fields():
    (candidate,) = parse({"decision_date": "2025-12-20", "candidates": [
        {"id": "a", "kind": "household", "award": "GDVH", "year": 2025}]}).candidates
    assert candidate.ratings == () and candidate.members is None


def errors(document) -> list[str]:
    with pytest.raises(ParseError, match=r"^[\w\[\]\.]+( \(.+\))?: .+") as caught:  # "where: what"; callers compare
        parse(document) if not isinstance(document, str | bytes) else (
            parse_bytes(document) if isinstance(document, bytes) else parse_text(document))
    return [str(issue) for issue in caught.value.issues]


def candidate(**fields):
    base = {"id": "CB-7", "kind": "individual", "award": "LDTT", "year": 2025}
    base.update(fields)
    return {"decision_date": "2025-12-20", "candidates": [{"id": "ok", "kind": "individual", "award": "LDTT",
                                                           "year": 2025}, base]}


@pytest.mark.parametrize(("document", "message"), [
    pytest.param('{"decision_date": "2025-12-20", "candidates": [', "tệp: JSON không hợp lệ ở dòng 1, cột 48: thiếu giá trị.",
                 id="truncated-json"),
    pytest.param({"decision_date": "2025-12-20"}, "candidates: thiếu trường bắt buộc.", id="missing-candidates"),
    pytest.param({"candidates": []}, "decision_date: thiếu trường bắt buộc.", id="missing-decision-date"),
    pytest.param({"decision_date": "20/12/2025", "candidates": []},
                 'decision_date: ngày "20/12/2025" không hợp lệ; định dạng YYYY-MM-DD (ví dụ 2025-12-20).',
                 id="vietnamese-date-format"),
    pytest.param({"decision_date": "2025-02-30", "candidates": []}, 'ngày "2025-02-30" không hợp lệ',
                 id="impossible-date"),
    pytest.param({"decision_date": "2025-12-20", "candidates": {}},
                 "candidates: phải là một danh sách […], không phải đối tượng.", id="candidates-not-a-list"),
    pytest.param(candidate(year="2025"),
                 'candidates[1].year (ứng viên thứ 2, id "CB-7"): phải là số nguyên, không phải chuỗi.',
                 id="year-as-string"),
    pytest.param(candidate(year=True), "candidates[1].year (ứng viên thứ 2, id \"CB-7\"): phải là số nguyên, không "
                 "phải true/false.", id="year-as-boolean"),
    pytest.param(candidate(kind="person"), 'candidates[1].kind (ứng viên thứ 2, id "CB-7"): loại đối tượng "person" '
                 "không hợp lệ; phải là một trong: individual, collective, household.", id="unknown-kind"),
    pytest.param(candidate(ratings=[{"year": 2025, "level": "HTX"}]),
                 'candidates[1].ratings[0].level (ứng viên thứ 2, id "CB-7"): mức xếp loại "HTX" không hợp lệ; phải '
                 "là một trong: HTXSNV, HTTNV, HTNV, KHTNV.", id="unknown-rating-level"),
    pytest.param(candidate(awards=[{"award": "LDTT", "year": 2024}]),
                 'candidates[1].awards[0].basis (ứng viên thứ 2, id "CB-7"): thiếu trường bắt buộc.',
                 id="award-without-basis"),
    pytest.param(candidate(discipline=[{"level": "canh_cao", "from": "2024-01-01", "to": "31/12/2024"}]),
                 "candidates[1].discipline[0].to", id="bad-discipline-date"),
    pytest.param(candidate(rating=[]), 'candidates[1].rating (ứng viên thứ 2, id "CB-7"): trường không được hỗ trợ',
                 id="misspelt-field"),
    pytest.param(candidate(members={"total": 10}), "candidates[1].members.ldtt", id="incomplete-members"),
    pytest.param(candidate(members={"total": 10, "ldtt": -1, "completed_tasks": 1, "cstd_cs": 0,
                                    "disciplined_warning_or_above": 0}),
                 "giá trị -1 không hợp lệ; phải từ 0 trở lên.", id="negative-member-count"),
    pytest.param(candidate(year=0), "giá trị 0 không hợp lệ; phải từ 1 đến 9999.", id="year-zero"),
    pytest.param(candidate(leadership_years={"post": "vu_truong", "years": "12"}),
                 'candidates[1].leadership_years.years (ứng viên thứ 2, id "CB-7"): phải là số không âm',
                 id="leadership-years-as-string"),
    pytest.param(candidate(id=""), "candidates[1].id (ứng viên thứ 2): không được để trống.", id="empty-id"),
    pytest.param('{"decision_date": "2025-12-20", "decision_date": "2025-12-21", "candidates": []}',
                 'khóa "decision_date" xuất hiện hai lần', id="duplicate-key"),
    pytest.param('{"decision_date": "2025-12-20", "candidates": [{"id": "a", "kind": "individual", "award": "LDTT",'
                 ' "year": NaN}]}', "giá trị NaN không phải JSON hợp lệ.", id="nan"),
    pytest.param(b'{"decision_date": "2025-12-20", "candidates": [{"id": "Nguy\xe1n"}]}', "tệp không phải văn bản UTF-8",
                 id="wrong-encoding"),
    pytest.param([], "tệp: phải là một đối tượng JSON {…}, không phải danh sách.", id="top-level-list"),
])
def test_malformed_input_is_located_precisely(document, message):
    found = errors(document)
    assert any(message in line for line in found), found


def test_every_problem_is_listed_not_only_the_first():
    found = errors({"decision_date": "2025-12-20", "candidates": [
        {"id": "a", "kind": "individual", "award": "LDTT", "year": "x"},
        {"id": "b", "kind": "robot", "award": "LDTT", "year": 2025}]})
    assert [line.split(" (")[0] for line in found] == ["candidates[0].year", "candidates[1].kind"]


def test_utf8_with_bom_is_accepted():
    data = "\ufeff" + json.dumps({"decision_date": "2025-12-20", "candidates": []})
    assert parse_bytes(data.encode("utf-8")).candidates == ()


def test_future_years_and_unknown_codes_are_not_parse_errors():
    batch = parse({"decision_date": "2025-12-20", "candidates": [
        {"id": "a", "kind": "individual", "award": "NOT_A_CODE", "year": 2030}]})
    assert batch.candidates[0].award == "NOT_A_CODE"


def test_result_dict_has_exactly_the_interchange_keys():
    from .builders import check, person

    data = result_to_dict(check(person("LDTT", 2025, ratings={2025: "HTTNV"})))
    assert list(data) == ["id", "award", "verdict", "findings"]
    assert all(list(f) == ["code", "passed", "message", "citation"] for f in data["findings"])
