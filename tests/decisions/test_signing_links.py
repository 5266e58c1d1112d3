"""The signing actions on a decision's page: "Ký số" with the server's key only for the decision's signer and only
when the server holds a key; the remote-signing (hash-out / CMS-in) pages for whoever records the signed copy;
nothing once the decision is signed. Each link works end to end (a local fake signer for the remote path)."""

import base64
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.decisions.enums import DecisionState
from tdkt.decisions.signing import pades
from tdkt.decisions.signing.credentials import DEMO_PASSPHRASE, DEMO_SIGNER_FILE
from tdkt.decisions.signing.forms import RemoteFinishForm
from tdkt.decisions.signing.models import DocumentSignature, PendingSignature
from tests.conftest import client_for

SERVER, REMOTE = 'id="sign-server"', 'id="sign-remote"'


def _page(world, persona, decision):
    return client_for(world, persona).get(f"/decisions/{decision.pk}/")


def _href(html: str, element_id: str) -> str:
    return re.search(rf'id="{element_id}" href="([^"]+)"', html).group(1)


def test_the_links_appear_only_for_those_who_may_use_them(world, to_sign, demo_key):
    signer = _page(world, "signer", to_sign).content.decode()
    assert SERVER in signer and REMOTE in signer
    specialist = _page(world, "specialist", to_sign).content.decode()
    assert SERVER not in specialist and REMOTE in specialist  # the văn thư records, he does not sign
    for persona in ("clerk_a", "clerk_b", "council_member"):
        answer = _page(world, persona, to_sign)
        assert answer.status_code == 404 or (SERVER not in answer.content.decode()
                                              and REMOTE not in answer.content.decode())
    assert client_for(world, "specialist").get(f"/signing/decision/{to_sign.pk}/sign/").status_code == 403


def test_without_a_server_key_there_is_no_server_signing(world, to_sign, settings, tmp_path):
    settings.SIGNING = {**settings.SIGNING, "PKCS12": "", "DEMO_DIR": tmp_path}
    html = _page(world, "signer", to_sign).content.decode()
    assert SERVER not in html and REMOTE in html
    assert client_for(world, "signer").get(f"/signing/decision/{to_sign.pk}/sign/").status_code == 403


def test_the_signer_signs_on_the_server_from_the_decision_page(world, to_sign, demo_key):
    client = client_for(world, "signer")
    href = _href(client.get(f"/decisions/{to_sign.pk}/").content.decode(), "sign-server")
    assert href == f"/signing/decision/{to_sign.pk}/sign/"
    assert "Ký số bằng chứng thư số lưu trên máy chủ" in client.get(href).content.decode()
    done = client.post(href, {"signed_on": "10/07/2026"})
    assert (done.status_code, done["Location"]) == (302, f"/decisions/{to_sign.pk}/")
    to_sign.refresh_from_db()
    assert (to_sign.state, to_sign.decision_date.isoformat()) == (DecisionState.SIGNED, "2026-07-10")
    assert DocumentSignature.objects.get(decision=to_sign).signer == "Văn thư UBND tỉnh (DEMO — không dùng thật)"
    after = client.get(f"/decisions/{to_sign.pk}/").content.decode()
    assert SERVER not in after and REMOTE not in after


def test_the_remote_link_leads_through_hash_out_and_cms_in(world, to_sign, demo_key):
    signer = pades.signer_from_pkcs12(demo_key / DEMO_SIGNER_FILE, DEMO_PASSPHRASE)  # the fake remote signer
    client = client_for(world, "specialist")
    href = _href(client.get(f"/decisions/{to_sign.pk}/").content.decode(), "sign-remote")
    started = client.post(href, {"certificate": SimpleUploadedFile("cert.der", signer.signing_cert.dump())})
    pending = PendingSignature.objects.get(decision=to_sign)
    assert (started.status_code, started["Location"]) == (302, f"/signing/remote/{pending.pk}/")
    cms = pades.fake_remote_cms(signer, bytes.fromhex(pending.document_digest))
    done = client.post(started["Location"], {"signature": SimpleUploadedFile("sig.p7s", cms),
                                             "signed_on": "10/07/2026"})
    assert (done.status_code, done["Location"]) == (302, f"/decisions/{to_sign.pk}/")
    to_sign.refresh_from_db()
    assert to_sign.state == DecisionState.SIGNED


@pytest.mark.parametrize("last_byte", [b" ", b"\n", b"\r", b"\t", b"\x0b", b"\x0c", b"\x00"])
def test_a_der_signature_ending_in_a_whitespace_byte_is_taken_whole(last_byte):
    """The last byte of a DER CMS is the end of the RSA signature value: any byte, a space included (about 1 in
    40 signatures ends in one of Python's whitespace bytes; stripping it broke the signature, found by CI)."""
    der = b"\x30\x82\x01\x00" + bytes(range(1, 200)) + last_byte
    form = RemoteFinishForm({"signed_on": "10/07/2026"}, {"signature": SimpleUploadedFile("sig.p7s", der)})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["signature"] == der


def test_a_pem_or_base64_signature_is_decoded_across_line_endings():
    der = b"\x30\x03\x02\x01\x20"
    body = base64.b64encode(der)
    pem = b"-----BEGIN PKCS7-----\r\n" + body + b"\r\n-----END PKCS7-----\r\n"
    for upload in (pem, b"  " + body + b"\n"):
        form = RemoteFinishForm({"signed_on": "10/07/2026"}, {"signature": SimpleUploadedFile("sig.p7s", upload)})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["signature"] == der
