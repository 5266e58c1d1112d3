"""A person merge may not change a signed decision: its lines and the award records its signing created are
immutable (migration 0006), so a person named in one can be the kept person of a merge, never the one merged
away. The refusal says which decisions and what to do instead.

A merge of two persons both named in signed decisions is refused too: it needs the merged person's records to
be read as the kept person's (an alias) rather than moved, which is not built yet."""

from django.core.exceptions import ValidationError
from django.dispatch import receiver
from django.utils.translation import gettext as _

from tdkt.decisions.enums import ISSUED_STATES
from tdkt.decisions.models import Decision, DecisionLine
from tdkt.people.events import merge_requested
from tdkt.people.models import Person

SHOWN = 3  # decision numbers named in the message


def _signed_numbers(person) -> list[str]:
    """The numbers ("12/QĐ-UBND") of the first signed decisions naming `person`, one more than SHOWN."""
    decisions = (Decision.objects.filter(pk__in=DecisionLine.objects.filter(person=person).values("decision_id"),
                                         state__in=ISSUED_STATES)
                 .select_related("authority").order_by("decision_date", "pk")[:SHOWN + 1])
    return [decision.number_text for decision in decisions]


@receiver(merge_requested, sender=Person, dispatch_uid="decisions-refuse-merging-signed")
def refuse_merging_a_signed_recipient(sender, *, duplicate, kept, **kwargs) -> None:
    numbers = _signed_numbers(duplicate)
    if not numbers:
        return
    listed = ", ".join(numbers[:SHOWN]) + (", …" if len(numbers) > SHOWN else "")
    if _signed_numbers(kept):
        raise ValidationError(_("Both “%(duplicate)s” and “%(kept)s” are named in signed decisions, which cannot "
                                "be changed: the two records cannot be merged.")
                              % {"duplicate": duplicate.full_name, "kept": kept.full_name})
    raise ValidationError(_("“%(name)s” is named in signed decisions (%(numbers)s), which cannot be changed: keep "
                            "this record and merge “%(other)s” into it instead.")
                          % {"name": duplicate.full_name, "numbers": listed, "other": kept.full_name})
