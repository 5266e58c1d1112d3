"""Issue 19's "done means" in one walk: a decision signed with the demo certificate on the server passes pyHanko's
validator, and its outbox delivers exactly one message per line to a real local receiver that first answers 429
and then 200."""

from datetime import timedelta

from django.utils import timezone

from tdkt.decisions.enums import DecisionState
from tdkt.decisions.signing import services as signing
from tdkt.integration import delivery
from tdkt.integration.models import MessageState, OutboundMessage
from tests.decisions.signing_support import demo_ca, pyhanko_status
from tests.decisions.support import SIGNED_ON
from tests.http_receiver import HttpReceiver
from tests.integration.support import make_receiver


def test_signed_with_the_demo_certificate_validated_and_delivered_once_per_line(world, to_sign, demo_key,
                                                                                monkeypatch):
    with HttpReceiver(script=[429]) as http:
        make_receiver(http, monkeypatch=monkeypatch)
        decision = signing.sign_on_server(to_sign, by=world.users["specialist"], signed_on=SIGNED_ON)
        status = pyhanko_status(decision.signed_pdf.open("rb").read(), demo_ca(demo_key))
        assert (decision.state, status.intact, status.valid, status.trusted, status.coverage.name) == (
            DecisionState.SIGNED, True, True, True, "ENTIRE_FILE")
        written = list(OutboundMessage.objects.order_by("id"))
        assert len(written) == 2 and {m.state for m in written} == {MessageState.PENDING}  # one per line: Nguyễn Văn An's ID, the unit's code
        assert delivery.deliver_due() == {"delivered": 1, "retry": 1, "failed": 0}  # the 429
        later = timezone.now() + timedelta(seconds=31)  # after the receiver's Retry-After: 30
        assert delivery.deliver_due(now=later) == {"delivered": 1, "retry": 0, "failed": 0}
        assert delivery.deliver_due(now=later + timedelta(hours=1)) == {"delivered": 0, "retry": 0, "failed": 0}
        stored, pushes = dict(http.stored), len(http.pushes)
    delivered = {m.idempotency_key for m in OutboundMessage.objects.filter(state=MessageState.DELIVERED)}
    assert sorted(stored) == sorted(delivered) and len(delivered) == 2 and pushes == 3
