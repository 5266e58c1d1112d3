"""Matching the person named on a row to the persons already recorded: folded name + unit, then the
birth date or year decides. Never a silent merge: anything short of one clear match goes to review.

Score of a candidate with the same folded name in the same unit:
  100  same date of birth;  90  same year of birth (one side has only the year);
   60  no birth information on one side (cannot tell);  0  different date or year (another person).
One candidate at 90 or more and no other above 0 → matched. Candidates above 0 otherwise → review
(doubtful). No candidate above 0 → a new person, created at commit (one per person key and batch).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from tdkt.people.models import Person

EXACT = 90
DOUBTFUL = 60


def person_key(name_folded: str, birth_date: str | None, birth_year: int | None, unit_id: int | None) -> str:
    """Rows with equal keys name the same person (and share one new person when none matches)."""
    return f"{name_folded}|{birth_date or birth_year or ''}|{unit_id or ''}"[:300]


def score(row: dict, candidate: dict) -> int:
    row_date, row_year = row.get("birth_date"), row.get("birth_year")
    date, year = candidate["birth_date"], candidate["birth_year"]
    if row_date and date:
        return 100 if row_date == date else 0
    if (row_date or row_year) and (date or year):
        return EXACT if row_year == year else 0
    return DOUBTFUL


@dataclass
class Match:
    person_id: int | None = None  # set when matched
    candidates: list = field(default_factory=list)  # for review: [{id, name, birth, unit, score}]
    message: str = ""

    @property
    def doubtful(self) -> bool:
        return self.person_id is None and bool(self.candidates)


def _birth_text(birth_date, birth_year) -> str:
    if birth_date:
        return birth_date.strftime("%d/%m/%Y") if isinstance(birth_date, datetime.date) else str(birth_date)
    return str(birth_year or "")


class PersonIndex:
    """The persons of some units with some folded names: one query for a whole chunk of rows."""

    def __init__(self, pairs):
        pairs = {(unit_id, name) for unit_id, name in pairs if unit_id and name}
        self.by_unit_name: dict[tuple[int, str], list[dict]] = defaultdict(list)
        if not pairs:
            return
        rows = (Person.objects.filter(unit_id__in={unit for unit, _n in pairs}, name_folded__in={n for _u, n in pairs},
                                      merged_into__isnull=True)
                .order_by("pk").values("pk", "full_name", "name_folded", "unit_id", "unit__name", "birth_date",
                                       "birth_year"))
        for row in rows:
            if (row["unit_id"], row["name_folded"]) in pairs:
                row["birth_date"] = row["birth_date"].isoformat() if row["birth_date"] else None
                self.by_unit_name[(row["unit_id"], row["name_folded"])].append(row)

    def match(self, parsed: dict) -> Match:
        found = self.by_unit_name.get((parsed.get("unit_id"), parsed.get("name_folded")), [])
        scored = [(score(parsed, candidate), candidate) for candidate in found]
        scored = [(points, candidate) for points, candidate in scored if points > 0]
        if not scored:
            return Match()
        if len(scored) == 1 and scored[0][0] >= EXACT:
            return Match(person_id=scored[0][1]["pk"])
        candidates = [{"id": c["pk"], "name": c["full_name"], "unit": c["unit__name"], "score": points,
                       "birth": _birth_text(c["birth_date"], c["birth_year"])}
                      for points, c in sorted(scored, key=lambda item: (-item[0], item[1]["pk"]))]
        if len(candidates) > 1:
            message = _("Doubtful match: %(count)s persons named “%(name)s” in %(unit)s; choose one or create "
                        "a new person.") % {"count": len(candidates), "name": parsed["name"],
                                            "unit": candidates[0]["unit"]}
        else:
            message = _("Doubtful match: “%(name)s” in %(unit)s cannot be compared by date of birth; choose "
                        "the person or create a new one.") % {"name": parsed["name"], "unit": candidates[0]["unit"]}
        return Match(candidates=candidates, message=message)
