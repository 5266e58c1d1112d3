"""Helpers of the digital-signature tests: generated CAs and signers, pyHanko's own verdict (fixtures: conftest.py)."""

import io
from dataclasses import dataclass

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from tdkt.decisions.signing import credentials, pades


@dataclass(frozen=True)
class Authority:
    """A CA and one signer it issued (cryptography objects)."""

    ca_key: object
    ca: object
    key: object
    cert: object

    def signer(self, *, prefer_pss=True):
        return pades.signer_from_keys(self.key, self.cert, [self.ca], prefer_pss=prefer_pss)


def make_pki(ca_name="CA thử nghiệm", signer_name="Nguyễn Văn Bình") -> Authority:
    ca_key, ca = credentials.make_ca(ca_name)
    key, cert = credentials.make_signer(ca_key, ca, signer_name)
    return Authority(ca_key, ca, key, cert)


def pyhanko_status(data: bytes, ca):
    """pyHanko's own verdict on the file's only signature, against the CA given."""
    signatures = PdfFileReader(io.BytesIO(data)).embedded_signatures
    assert len(signatures) == 1
    root = ca if hasattr(ca, "dump") else credentials.to_asn1(ca)
    return validate_pdf_signature(signatures[0], ValidationContext(trust_roots=[root],
                                                                   allow_fetching=False))


def demo_ca(demo_dir):
    return credentials.load_certificates([demo_dir / credentials.DEMO_CA_FILE])[0]
