"""Hypothesis strategies: arbitrary histories (valid codes mixed with nonsense) and arbitrary JSON."""

import datetime as dt
from dataclasses import replace

from hypothesis import strategies as st

from tdkt.eligibility.codes import AwardCode, Basis, DisciplineLevel, InitiativeScope, RatingLevel, Recipient
from tdkt.eligibility.params import DEDICATION_POSTS, DEFAULT_PARAMETERS
from tdkt.eligibility.types import (
    AwardEntry,
    Candidate,
    DisciplineEntry,
    InitiativeEntry,
    LeadershipTerm,
    MemberStats,
    RatingEntry,
)

JUNK = st.text(max_size=8)


def mostly(values):
    """A known value most of the time, anything else sometimes."""
    return st.one_of(st.sampled_from(list(values)), JUNK)


years = st.one_of(st.integers(2016, 2026), st.integers(2016, 2026), st.integers(-50, 12000))
dates = st.dates(dt.date(2015, 1, 1), dt.date(2027, 12, 31))
wide_dates = st.one_of(dates, st.dates())
award_codes = mostly(AwardCode)

ratings = st.builds(RatingEntry, years, mostly(RatingLevel))
awards = st.builds(AwardEntry, award_codes, years, mostly(Basis), st.none() | wide_dates, st.none() | wide_dates,
                   st.none() | wide_dates)
initiatives = st.builds(InitiativeEntry, st.sampled_from(["SK1", "SK2", "SK3", "x"]) | st.text(max_size=4), years,
                        mostly(InitiativeScope), st.none() | award_codes)
discipline = st.builds(DisciplineEntry, mostly(DisciplineLevel), wide_dates, st.none() | wide_dates)
members = st.none() | st.builds(MemberStats, *[st.integers(-3, 60)] * 5)
terms = st.builds(LeadershipTerm, mostly(DEDICATION_POSTS),
                  st.one_of(st.integers(-2, 40), st.floats(allow_nan=True, allow_infinity=True)),
                  st.none() | wide_dates, st.none() | wide_dates)

candidates = st.builds(
    Candidate,
    id=st.text(max_size=6),
    kind=mostly(Recipient),
    award=award_codes,
    year=years,
    ratings=st.lists(ratings, max_size=12).map(tuple),
    awards=st.lists(awards, max_size=10).map(tuple),
    initiatives=st.lists(initiatives, max_size=5).map(tuple),
    discipline=st.lists(discipline, max_size=3).map(tuple),
    open_cases=st.lists(st.text(max_size=10), max_size=2).map(tuple),
    members=members,
    gender=st.none() | mostly(["F", "M"]),
    leadership_years=st.lists(terms, max_size=3).map(tuple),
    lodged_on=st.none() | wide_dates,
    basis=st.none() | mostly(Basis),
    higher_retirement_age=st.booleans(),
)

parameters = st.sampled_from([
    DEFAULT_PARAMETERS,
    replace(DEFAULT_PARAMETERS, nd98_principles_as_nd152=False),
    replace(DEFAULT_PARAMETERS, initiative_reuse_across_titles=True, cstd_cs_quota_ratio=0.15),
    replace(DEFAULT_PARAMETERS, initiative_reuse_across_titles=False, bk_ttg_other_points_to_council=True,
            bk_tinh_judgement_min_rating=None, cstd_cs_both_criteria_from=dt.date(2025, 1, 1),
            provincial_awards=frozenset({"CDUT"}), provincial_vote_thresholds={"BK_TINH": 0.5}),
])

decision_dates = st.one_of(dates, st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)))

# Arbitrary JSON documents, and ones shaped like the interchange with wrong parts.
json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12)
any_json = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=20)
field_values = st.one_of(any_json, st.sampled_from(["2025-12-20", "2025-02-30", "HTXSNV", "individual", "merit",
                                                    "CO_SO", "canh_cao", "CSTD_CS", 2025, 0, -1, 1.5, True]))
candidate_like = st.fixed_dictionaries({}, optional=dict.fromkeys(
    ("id", "kind", "award", "year", "ratings", "awards", "initiatives", "discipline", "open_cases", "members", "gender",
     "leadership_years", "lodged_on", "basis", "higher_retirement_age", "bogus"), field_values))
interchange_like = st.fixed_dictionaries({}, optional={
    "decision_date": field_values, "candidates": st.lists(candidate_like | any_json, max_size=3), "x": any_json})

# Only what the interchange can express: the parser must give back exactly these candidates.
valid_years = st.integers(1, 9999)
valid_text = st.text(min_size=1, max_size=8).filter(str.strip)
valid_candidates = st.builds(
    Candidate,
    id=valid_text,
    kind=st.sampled_from(list(Recipient)),
    award=valid_text,
    year=valid_years,
    ratings=st.lists(st.builds(RatingEntry, valid_years, st.sampled_from(list(RatingLevel))), max_size=4).map(tuple),
    awards=st.lists(st.builds(AwardEntry, valid_text, valid_years, st.sampled_from(list(Basis)), st.none() | dates,
                              st.none() | dates, st.none() | dates), max_size=4).map(tuple),
    initiatives=st.lists(st.builds(InitiativeEntry, valid_text, valid_years, st.sampled_from(list(InitiativeScope)),
                                   st.none() | valid_text), max_size=3).map(tuple),
    discipline=st.lists(st.builds(DisciplineEntry, st.sampled_from(list(DisciplineLevel)), dates, st.none() | dates),
                        max_size=2).map(tuple),
    open_cases=st.lists(st.text(max_size=10), max_size=2).map(tuple),
    members=st.none() | st.builds(MemberStats, *[st.integers(0, 500)] * 5),
    gender=st.sampled_from([None, "F", "M"]),
    leadership_years=st.lists(st.builds(LeadershipTerm, valid_text, st.floats(0, 60), st.none() | dates,
                                        st.none() | dates), max_size=2).map(tuple),
    lodged_on=st.none() | dates,
    basis=st.none() | st.sampled_from(list(Basis)),
    higher_retirement_age=st.booleans(),
)
