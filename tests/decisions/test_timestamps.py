"""Timestamps (RFC 3161) on the server's signatures when a TSA is configured (SIGNING["TSA_URL"]), against a
REAL local TSA (tests/tsa_server.py): the validated signature carries the TSA's time, the record says
"time-stamped", the public verification page shows that time; a TSA outside the trust roots is refused."""

import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from tdkt.decisions.certificates import services as certificates
from tdkt.decisions.enums import DecisionState
from tdkt.decisions.signing import credentials
from tdkt.decisions.signing import services as signing
from tdkt.decisions.signing.models import DocumentSignature
from tdkt.lib.uploads import UploadError
from tests.decisions.signing_support import demo_ca
from tests.decisions.support import SIGNED_ON
from tests.tsa_server import TsaServer

STAMPED_AT = datetime.datetime.now(datetime.UTC).replace(second=0, microsecond=0) - datetime.timedelta(minutes=3)


@pytest.fixture
def tsa(settings, demo_key, tmp_path):
    with TsaServer(fixed=STAMPED_AT) as server:
        root = tmp_path / "tsa-ca.pem"
        root.write_bytes(server.ca_pem)
        settings.SIGNING = {**settings.SIGNING, "TSA_URL": server.url, "TRUST_ROOTS": [str(root)]}
        server.root = root
        yield server


def test_a_signature_made_with_a_tsa_carries_its_validated_timestamp(world, to_sign, demo_key, tsa):
    decision = signing.sign_on_server(to_sign, by=world.users["specialist"], signed_on=SIGNED_ON)
    assert tsa.requests >= 1
    data = decision.signed_pdf.open("rb").read()
    (embedded,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    roots = [demo_ca(demo_key), credentials.load_certificates([tsa.root])[0]]
    status = validate_pdf_signature(embedded, ValidationContext(trust_roots=roots, allow_fetching=False))
    stamp = status.timestamp_validity
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert (stamp.intact, stamp.valid, stamp.trusted, stamp.timestamp) == (True, True, True, STAMPED_AT)
    row = DocumentSignature.objects.get(decision=decision)
    assert (row.timestamped, row.signed_at) == (True, STAMPED_AT)
    issued = certificates.issue_certificates(decision, by=world.users["specialist"])
    html = Client().get(f"/portal/verify/{issued[0].code}/").content.decode()
    assert f"Thời điểm ký: {timezone.localtime(STAMPED_AT):%d/%m/%Y %H:%M} (có dấu thời gian)." in html


def test_a_timestamp_from_a_tsa_outside_the_trust_roots_is_refused(world, to_sign, demo_key, tsa, settings):
    settings.SIGNING = {**settings.SIGNING, "TRUST_ROOTS": []}  # only the demo's CA: the TSA's is unknown
    with pytest.raises(UploadError, match=r"đơn vị cấp dấu thời gian của chữ ký số thứ 1 \(Văn thư UBND tỉnh \(DEMO — "
                                        r"không dùng thật\)\) không thuộc chuỗi tin cậy đã cấu hình trong hệ thống\.$"):
        signing.sign_on_server(to_sign, by=world.users["specialist"], signed_on=SIGNED_ON)
    to_sign.refresh_from_db()
    assert to_sign.state == DecisionState.APPROVED_FOR_SIGNING
