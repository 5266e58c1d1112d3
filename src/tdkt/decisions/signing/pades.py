"""PAdES signatures with pyHanko: sign a PDF with a key we hold, or in two steps for a key we do not hold.

Framework-free.

- `sign_pdf`: the server's own key (the PKCS#12 file of settings.SIGNING, or the demo's): one incremental
  update that adds a PAdES B-B signature (B-T when a time-stamping authority is given), in an invisible field
  or a visible one over a box of the page.
- Interrupted signing ("hash out, CMS in") for a key on the officer's token (the signing plug-in on his PC) or
  in a provincial remote-signing service: `prepare_external` writes the signature field and a placeholder and
  returns the document digest to be signed; the signer answers with a detached CMS SignedData over that digest
  (its signed attributes carry it as messageDigest); `finish_external` embeds it. Between the two steps only
  `Prepared` is kept (the prepared file and three numbers), so the two steps may be two HTTP requests.

RSASSA-PSS (the scheme on the state technical-standards list, integration.md) is used when `prefer_pss`;
PKCS#1 v1.5 signatures are accepted as well when validating (verify.py)."""

from __future__ import annotations

import asyncio
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from asn1crypto import keys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers, timestamps
from pyhanko.sign.signers.pdf_byterange import PreparedByteRangeDigest
from pyhanko.sign.signers.pdf_signer import PdfTBSDocument
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash, process_pss_params

from tdkt.decisions.signing.credentials import to_asn1

MD_ALGORITHM = "sha256"
FIELD_NAME = "ChuKySo"  # the field's name inside the PDF (not shown to anyone)
# Room for the CMS in a prepared file (hex, so twice the DER size): a 4096-bit chain of three and a timestamp fit.
EXTERNAL_BYTES_RESERVED = 32_768
SERVER_BYTES_RESERVED = 16_384  # the server's own signature without a timestamp: key ≤ 4096 bits, chain of three
# pyHanko draws visible stamps with a built-in font without Vietnamese glyphs (its own TrueType support needs
# uharfbuzz, not installed), so the visible box carries only a border: the Vietnamese words beside it are the
# document's own (the certificate renderer prints them).
BLANK_STAMP = TextStampStyle(stamp_text=" ", border_width=1)


class SigningError(Exception):
    """The PDF could not be signed (an unreadable file, a CMS that does not fit or does not parse)."""


class KeptKeySigner(signers.SimpleSigner):
    """pyHanko's SimpleSigner parses (and so checks) its private key again for every signature: a third of a
    second for RSA-2048, which made 500 certificates take minutes. This one parses an RSA key once. The root
    CA is not embedded (embed_roots=False): a verifier must hold it as a trust root anyway, and every
    certificate written costs time on a batch."""

    _parsed_key = None

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        name = mechanism["algorithm"].native
        if name == "rsassa_pss":
            padding, hash_algorithm = process_pss_params(mechanism["parameters"])
        elif name.endswith("_rsa") or name == "rsassa_pkcs1v15":
            padding, hash_algorithm = PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm)
        else:  # EC and the others: pyHanko's own path
            return super().sign_raw(data, digest_algorithm)
        if self._parsed_key is None:
            self._parsed_key = serialization.load_der_private_key(self.signing_key.dump(), password=None)
        return self._parsed_key.sign(data, padding, hash_algorithm)


def run_async(make_coroutine):
    """Run one of pyHanko's coroutines to its end. Its synchronous wrappers call asyncio.run, which fails in a
    thread whose event loop is running (Playwright's sync API in a browser test, an asynchronous server):
    there the coroutine runs in a thread of its own. Pure cryptography: no database access inside."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(make_coroutine())
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(make_coroutine())).result()


def signer_from_pkcs12(path, passphrase: bytes | None, *, prefer_pss: bool = False) -> signers.SimpleSigner:
    loaded = signers.SimpleSigner.load_pkcs12(str(path), passphrase=passphrase)
    if loaded is None:
        raise SigningError(f"cannot read the PKCS#12 file {path} (wrong passphrase?)")
    return KeptKeySigner(signing_cert=loaded.signing_cert, signing_key=loaded.signing_key,
                         cert_registry=loaded.cert_registry, prefer_pss=prefer_pss, embed_roots=False)


def signer_from_keys(key, cert, chain=(), *, prefer_pss: bool = False) -> signers.SimpleSigner:
    """A signer from `cryptography` objects (tests, the benchmark): no file, no passphrase."""
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    return KeptKeySigner(signing_cert=to_asn1(cert), signing_key=keys.PrivateKeyInfo.load(der),
                                cert_registry=SimpleCertificateStore.from_certs([to_asn1(c) for c in chain]),
                                prefer_pss=prefer_pss, embed_roots=False)


def _metadata(field_name: str, reason: str, location: str) -> signers.PdfSignatureMetadata:
    return signers.PdfSignatureMetadata(field_name=field_name, md_algorithm=MD_ALGORITHM,
                                        subfilter=fields.SigSeedSubFilter.PADES,
                                        reason=reason or None, location=location or None)


def _field_spec(field_name: str, box, page: int):
    return fields.SigFieldSpec(field_name, on_page=page, box=tuple(box)) if box else None


def _writer(data: bytes) -> IncrementalPdfFileWriter:
    try:
        return IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    except Exception as error:  # pyHanko raises several kinds for a broken file
        raise SigningError(f"not a readable PDF: {error}") from error


def sign_pdf(data: bytes, signer: signers.Signer, *, field_name: str = FIELD_NAME, box=None, page: int = 0,
             tsa_url: str = "", reason: str = "", location: str = "") -> bytes:
    """`data` with a PAdES signature appended as an incremental update (the original bytes stay a prefix).
    `box` (x1, y1, x2, y2 in PDF points from the bottom-left) makes the field visible on `page`."""
    timestamper = timestamps.HTTPTimeStamper(tsa_url) if tsa_url else None
    pdf_signer = signers.PdfSigner(_metadata(field_name, reason, location), signer=signer, timestamper=timestamper,
                                   new_field_spec=_field_spec(field_name, box, page), stamp_style=BLANK_STAMP)
    # Without a TSA the room for the CMS is known: pyHanko's estimate would make a whole trial signature first.
    reserved = None if tsa_url else SERVER_BYTES_RESERVED
    return run_async(lambda: pdf_signer.async_sign_pdf(_writer(data), bytes_reserved=reserved)).getvalue()


@dataclass(frozen=True)
class Prepared:
    """A file waiting for its CMS: the bytes with the placeholder, the digest to sign, the placeholder's place."""

    pdf: bytes
    document_digest: bytes
    reserved_start: int
    reserved_end: int

    def as_dict(self) -> dict:
        return {"digest": self.document_digest.hex(), "start": self.reserved_start, "end": self.reserved_end}


def prepare_external(data: bytes, signing_cert, chain=(), *, field_name: str = FIELD_NAME, box=None, page: int = 0,
                     prefer_pss: bool = False, reason: str = "", location: str = "") -> Prepared:
    """Step 1 of interrupted signing: the field and placeholder written, the document digest computed.
    `signing_cert` (and `chain`) are the remote signer's certificates, asn1crypto or `cryptography` objects."""
    asn1 = [c if hasattr(c, "dump") else to_asn1(c) for c in (signing_cert, *chain)]
    external = signers.ExternalSigner(signing_cert=asn1[0], cert_registry=SimpleCertificateStore.from_certs(asn1[1:]),
                                      signature_value=512, prefer_pss=prefer_pss)
    pdf_signer = signers.PdfSigner(_metadata(field_name, reason, location), signer=external,
                                   new_field_spec=_field_spec(field_name, box, page), stamp_style=BLANK_STAMP)
    digest, _tbs, output = run_async(lambda: pdf_signer.async_digest_doc_for_signing(
        _writer(data), bytes_reserved=EXTERNAL_BYTES_RESERVED))
    return Prepared(output.getvalue(), digest.document_digest, digest.reserved_region_start,
                    digest.reserved_region_end)


def finish_external(prepared: Prepared, cms_der: bytes) -> bytes:
    """Step 2: the signer's detached CMS SignedData (DER) put into the placeholder. Whether it signs the right
    digest with a trusted key is checked afterwards by verify.inspect, as for any uploaded file."""
    if not cms_der or 2 * len(cms_der) > prepared.reserved_end - prepared.reserved_start - 2:
        raise SigningError("the CMS signature is empty or larger than the room reserved for it")
    output = io.BytesIO(prepared.pdf)
    digest = PreparedByteRangeDigest(prepared.document_digest, prepared.reserved_start, prepared.reserved_end)
    try:
        PdfTBSDocument.finish_signing(output, digest, cms_der)
    except Exception as error:  # a CMS that does not parse
        raise SigningError(f"the CMS signature cannot be embedded: {error}") from error
    return output.getvalue()


def fake_remote_cms(signer: signers.Signer, document_digest: bytes) -> bytes:
    """What an officer's plug-in or a remote signer returns for a digest: a detached PAdES CMS (DER). Used by
    the tests and the demo's "remote signer" stand-in; a real one is outside the system."""
    return run_async(lambda: signer.async_sign(document_digest, MD_ALGORITHM, use_pades=True)).dump()
