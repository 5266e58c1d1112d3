"""Signed files seen from outside: certificates printed with the server's key carry a valid PAdES signature, and the
public verification page shows the decision's digital signature (validity, signer, time) — or says it was a scan."""

import datetime

from django.test import Client
from django.utils import timezone

from tdkt.decisions import services
from tdkt.decisions.certificates import services as certificates
from tdkt.decisions.signing import services as signing
from tdkt.decisions.signing.models import DocumentSignature
from tests.decisions.signing_support import demo_ca, pyhanko_status
from tests.decisions.support import SIGNED_ON, pdf_bytes


def test_printed_certificates_are_signed_and_the_verification_page_shows_the_signature(world, to_sign, demo_key):
    decision = signing.sign_on_server(to_sign, by=world.users["specialist"], signed_on=SIGNED_ON)
    issued = certificates.issue_certificates(decision, by=world.users["specialist"])
    data = certificates.print_certificates(issued, by=world.users["specialist"])
    status = pyhanko_status(data, demo_ca(demo_key))
    assert (status.intact, status.valid, status.trusted, status.coverage.name) == (True, True, True, "ENTIRE_FILE")
    signature = DocumentSignature.objects.get(decision=decision)
    local = timezone.localtime(signature.signed_at)
    html = Client().get(f"/portal/verify/{issued[0].code}/").content.decode()
    assert ("Hợp lệ: do Văn thư UBND tỉnh (DEMO — không dùng thật) ký (chứng thư số do TĐKT DEMO CA — không dùng "
            f"thật cấp), đã kiểm tra ngày {timezone.localdate():%d/%m/%Y}.") in html
    assert f"Thời điểm ký: {local:%d/%m/%Y %H:%M}" in html
    assert signature.signed_at > timezone.now() - datetime.timedelta(minutes=5)


def test_the_verification_page_says_when_the_decision_was_a_scan(world, to_sign):
    decision = services.sign_decision(to_sign, by=world.users["specialist"], signed_pdf=pdf_bytes("Bản quét"),
                                      signed_on=SIGNED_ON)
    issued = certificates.issue_certificates(decision, by=world.users["specialist"])
    html = Client().get(f"/portal/verify/{issued[0].code}/").content.decode()
    assert "Không có: quyết định được ghi nhận từ bản quét văn bản giấy đã ký." in html
