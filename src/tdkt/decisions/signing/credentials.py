"""Keys and certificates for PAdES signing: the server's PKCS#12 file, the trust roots, and the demo's own test CA.

Framework-free. The production key and its passphrase come from the environment (settings.SIGNING); nothing
secret is in the repository. The demo generates a throw-away CA and a signer certificate with `cryptography`
when it is seeded (`demo_credentials`), clearly named "DEMO — không dùng thật" so that nobody mistakes a demo
signature for a real public-service one (Decree 68/2024: those are issued by the Government Cipher Committee)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DEMO_PASSPHRASE = b"demo-chi-dung-thu"  # demo only: the demo's key signs nothing real
DEMO_CA_NAME = "TĐKT DEMO CA — không dùng thật"
DEMO_SIGNER_NAME = "Văn thư UBND tỉnh (DEMO — không dùng thật)"
DEMO_CA_FILE = "demo-ca.pem"
DEMO_SIGNER_FILE = "demo-signer.p12"
KEY_BITS = 2048


@dataclass(frozen=True)
class DemoFiles:
    ca_pem: Path
    signer_p12: Path
    passphrase: bytes


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "TĐKT demo"),
                      x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_ca(common_name: str = DEMO_CA_NAME, *, now: datetime.datetime | None = None):
    """(private key, certificate) of a self-signed CA valid ten years."""
    now = now or datetime.datetime.now(datetime.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    name = _name(common_name)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .sign(key, hashes.SHA256()))
    return key, cert


def make_signer(ca_key, ca_cert, common_name: str = DEMO_SIGNER_NAME, *, now: datetime.datetime | None = None,
                days: int = 730):
    """(private key, certificate) of a document signer issued by the CA."""
    now = now or datetime.datetime.now(datetime.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    cert = (x509.CertificateBuilder().subject_name(_name(common_name)).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=days))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return key, cert


def pkcs12_bytes(key, cert, ca_cert, passphrase: bytes, name: str = "signer") -> bytes:
    return pkcs12.serialize_key_and_certificates(name.encode(), key, cert, [ca_cert],
                                                 serialization.BestAvailableEncryption(passphrase))


def pem(cert) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def demo_credentials(directory: Path) -> DemoFiles:
    """The demo's CA (PEM) and signer (PKCS#12) in `directory`, generated on first use and kept afterwards."""
    directory.mkdir(parents=True, exist_ok=True)
    files = DemoFiles(directory / DEMO_CA_FILE, directory / DEMO_SIGNER_FILE, DEMO_PASSPHRASE)
    if not (files.ca_pem.exists() and files.signer_p12.exists()):
        ca_key, ca_cert = make_ca()
        key, cert = make_signer(ca_key, ca_cert)
        files.signer_p12.write_bytes(pkcs12_bytes(key, cert, ca_cert, DEMO_PASSPHRASE))
        files.ca_pem.write_bytes(pem(ca_cert))
    return files


def load_certificates(paths) -> list[asn1_x509.Certificate]:
    """Every certificate in the PEM or DER files `paths` (a trust-root bundle may hold several)."""
    found = []
    for path in paths:
        data = Path(path).read_bytes()
        if b"-----BEGIN CERTIFICATE-----" in data:
            for block in data.split(b"-----END CERTIFICATE-----")[:-1]:
                cert = x509.load_pem_x509_certificate(block + b"-----END CERTIFICATE-----\n")
                found.append(asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)))
        else:
            found.append(asn1_x509.Certificate.load(data))
    return found


def to_asn1(cert) -> asn1_x509.Certificate:
    """A `cryptography` certificate as the asn1crypto object pyHanko works with."""
    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
