"""Authors' shares of a work, in whole percent: pure functions (no ORM), tested with hypothesis."""

from django.utils.translation import gettext as _


def share_errors(shares: list[int | None]) -> list[str]:
    """What is wrong with a list of shares (empty when they are whole percents from 1 to 100 summing to 100)."""
    if not shares:
        return [_("A work needs at least one author.")]
    errors = []
    for position, share in enumerate(shares, 1):
        if share is None or share < 1 or share > 100:
            errors.append(_("Author %(n)s: the share must be a whole percent from 1 to 100.") % {"n": position})
    if not errors and sum(shares) != 100:
        errors.append(_("The authors' shares add up to %(total)s%%; they must add up to 100%%.") % {
            "total": sum(shares)})
    return errors


def equal_shares(count: int) -> list[int]:
    """`count` whole shares summing to 100, the first ones larger by one when 100 does not divide (34, 33, 33)."""
    if count < 1:
        return []
    base, rest = divmod(100, count)
    return [base + (1 if i < rest else 0) for i in range(count)]
