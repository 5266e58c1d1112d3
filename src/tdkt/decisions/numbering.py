"""Decision numbers per issuing authority and year: gap-free, never repeated.

When the number is taken: at signing (`sign_decision`), or just before it when the văn thư asks for it
(`assign_number`, a decision approved for signing). In practice the văn thư numbers and dates the paper
original when the leader has signed it, then scans it; a number taken earlier (at drafting) would leave
gaps whenever a draft is dropped. The number is taken in the same transaction as the state change that
needs it, with the counter row locked (`select_for_update`): two decisions racing wait for each other,
and if the signing fails the transaction rolls back and the number returns to the counter. A number
once given to a decision that is approved for signing stays with it (such a decision cannot go back to
draft), so no number is ever dropped. The unique constraint (authority, year, number) backs this up.

On SQLite the IMMEDIATE transaction mode (settings) takes the write lock at BEGIN, which serialises
the same way."""

from django.db import IntegrityError, transaction

from tdkt.decisions.models import DecisionNumberCounter


def take_number(authority, year: int) -> int:
    """The next number of `authority` in `year`; call inside the transaction that stores it."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must run inside the transaction that stores the number")
    counter = DecisionNumberCounter.objects.select_for_update().filter(authority=authority, year=year).first()
    if counter is None:
        try:
            with transaction.atomic():  # savepoint: a concurrent first number of the year may win the insert
                DecisionNumberCounter.objects.create(authority=authority, year=year, last_number=0)
        except IntegrityError:
            pass
        counter = DecisionNumberCounter.objects.select_for_update().get(authority=authority, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number
