"""What a row meets besides its own cells: the rows before it in the same file, and what is already
recorded. Shared by validation (preview) and commit (which checks again against the database).

Existing records are loaded for a chunk of persons at once: one or two queries per chunk.
"""

from collections import defaultdict

from django.utils.translation import gettext as _

from tdkt.awards.imports.models import ImportKind, RowStatus
from tdkt.awards.models import AwardRecord, Initiative, Rating
from tdkt.lib.vntext import fold


def identity(person_id: int | None, key: str) -> str:
    """Who a row is about: the matched person, else the row's person key."""
    return f"p{person_id}" if person_id else f"k{key}"


class FileDuplicates:
    """Rows of one file that record the same thing twice (ratings twice for a year, an award twice, an
    initiative claimed twice or described two ways)."""

    def __init__(self, kind: str):
        self.kind = kind
        self.seen: dict[tuple, tuple] = {}  # key -> (row number, scope, decision number): small, 100,000 rows fit

    def problem(self, parsed: dict, who: str, number: int) -> str | None:
        if self.kind == ImportKind.AWARDS:
            keys = [(who, parsed["award_type_id"], parsed["year"], parsed["decision_number"])]
            if parsed.get("title"):
                keys.append((who, parsed["award_type_id"], parsed["year"]))
            for key in keys:
                if key in self.seen:
                    return _("The same award is already on row %(row)s.") % {"row": self.seen[key][0]}
            for key in keys:
                self.seen[key] = (number,)
            return None
        if self.kind == ImportKind.RATINGS:
            key = (who, parsed["year"])
            if key in self.seen:
                return _("A rating for %(year)s of this person is already on row %(row)s.") % {
                    "year": parsed["year"], "row": self.seen[key][0]}
            self.seen[key] = (number,)
            return None
        initiative = ("initiative", parsed["title_key"], parsed["year"])
        authorship = (who, parsed["title_key"], parsed["year"])
        if authorship in self.seen:
            return _("The initiative “%(title)s” is already claimed for this person on row %(row)s.") % {
                "title": parsed["title"], "row": self.seen[authorship][0]}
        first = self.seen.get(initiative)
        if first and first[1:] != (parsed["scope"], parsed["decision_number"]):
            return _("The initiative “%(title)s” (%(year)s) is on row %(row)s with another scope or decision.") % {
                "title": parsed["title"], "year": parsed["year"], "row": first[0]}
        self.seen.setdefault(initiative, (number, parsed["scope"], parsed["decision_number"]))
        self.seen[authorship] = (number,)
        return None


class Existing:
    """What is already recorded for a chunk of persons (and, for initiatives, under the chunk's titles)."""

    def __init__(self, kind: str, person_ids, parsed_rows=()):
        self.kind = kind
        person_ids = sorted({pk for pk in person_ids if pk})
        self.awards: dict[tuple, list[tuple[str, int]]] = defaultdict(list)
        self.ratings: dict[tuple, tuple[str, int]] = {}
        self.authorships: dict[tuple, int] = {}
        self.initiatives: dict[tuple, tuple[int, str]] = {}
        if kind == ImportKind.AWARDS and person_ids:
            for pk, person_id, type_id, year, number in AwardRecord.objects.filter(person_id__in=person_ids).values_list(
                    "pk", "person_id", "award_type_id", "year", "decision_number"):
                self.awards[(person_id, type_id, year)].append((number, pk))
        elif kind == ImportKind.RATINGS and person_ids:
            for pk, person_id, year, level in Rating.objects.filter(person_id__in=person_ids).values_list(
                    "pk", "person_id", "year", "level"):
                self.ratings[(person_id, year)] = (level, pk)
        elif kind == ImportKind.INITIATIVES:
            titles = {parsed["title"] for parsed in parsed_rows if parsed.get("title")}
            if titles:
                for pk, title, year, number in Initiative.objects.filter(title__in=titles).values_list(
                        "pk", "title", "year", "decision_number"):
                    self.initiatives.setdefault((fold(title), year), (pk, number))
            if person_ids:
                through = Initiative.authors.through.objects.filter(person_id__in=person_ids)
                for person_id, initiative_id, title, year in through.values_list(
                        "person_id", "initiative_id", "initiative__title", "initiative__year"):
                    self.authorships[(person_id, fold(title), year)] = initiative_id

    def verdict(self, parsed: dict, person_id: int | None, person_name: str = "") -> tuple[str, str, int | None]:
        """(status, message, id of the record already there) of a row for `person_id` (None: a new person)."""
        if self.kind == ImportKind.AWARDS:
            same = self.awards.get((person_id, parsed["award_type_id"], parsed["year"]), [])
            for number, pk in same:
                if number == parsed["decision_number"]:
                    return RowStatus.EXISTS, _("Already recorded."), pk
            if same and parsed.get("title"):
                return RowStatus.ERROR, _("“%(award)s” for %(year)s is already recorded for %(recipient)s.") % {
                    "award": parsed["award_name"], "year": parsed["year"], "recipient": person_name}, None
            return RowStatus.READY, "", None
        if self.kind == ImportKind.RATINGS:
            level, pk = self.ratings.get((person_id, parsed["year"]), (None, None))
            if level is None:
                return RowStatus.READY, "", None
            if level == parsed["level"]:
                return RowStatus.EXISTS, _("Already recorded."), pk
            return RowStatus.ERROR, _("A rating for %(year)s is already recorded for %(recipient)s.") % {
                "year": parsed["year"], "recipient": person_name}, None
        pk = self.authorships.get((person_id, parsed["title_key"], parsed["year"]))
        if pk:
            return RowStatus.EXISTS, _("Already recorded."), pk
        recorded = self.initiatives.get((parsed["title_key"], parsed["year"]))
        if recorded and recorded[1] and parsed["decision_number"] and recorded[1] != parsed["decision_number"]:
            return RowStatus.ERROR, _("The initiative “%(title)s” (%(year)s) is already recorded under decision "
                                      "%(number)s.") % {"title": parsed["title"], "year": parsed["year"],
                                                        "number": recorded[1]}, None
        return RowStatus.READY, "", None

    def initiative_id(self, parsed: dict) -> int | None:
        recorded = self.initiatives.get((parsed["title_key"], parsed["year"]))
        return recorded[0] if recorded else None
