"""A real RFC 3161 time-stamping authority for the signing tests, on a free local port: an HTTP server (standard
library) that answers `application/timestamp-query` POSTs with pyHanko's DummyTimeStamper, whose certificate is
issued by a CA of its own (`ca`, to be configured as a trust root, or not).

    with TsaServer() as tsa:              # tsa.url for SIGNING["TSA_URL"]; tsa.ca_pem the root to trust
    with TsaServer(fixed=when) as tsa:    # every token says `when`
    tsa.requests                          # how many requests it answered"""

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import keys, tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko_certvalidator.registry import SimpleCertificateStore

from tdkt.decisions.signing import credentials


def _tsa_certificate(ca_key, ca):
    now = datetime.datetime.now(datetime.UTC)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "TSA thử nghiệm"),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(ca.subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return keys.PrivateKeyInfo.load(der_key), credentials.to_asn1(cert)


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet test output
        pass

    def do_POST(self):
        server = self.server.tsa
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Content-Type") != "application/timestamp-query":
            self.send_error(415)
            return
        answer = server.stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
        with server.lock:
            server.requests += 1
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)


class TsaServer:
    def __init__(self, fixed: datetime.datetime | None = None):
        ca_key, ca = credentials.make_ca("CA dấu thời gian thử nghiệm")
        self.ca_pem = credentials.pem(ca)
        tsa_key, tsa_cert = _tsa_certificate(ca_key, ca)
        self.stamper = DummyTimeStamper(tsa_cert=tsa_cert, tsa_key=tsa_key, fixed_dt=fixed,
                                        certs_to_embed=SimpleCertificateStore.from_certs([credentials.to_asn1(ca)]))
        self.lock = threading.Lock()
        self.requests = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.server.tsa = self
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/tsa"
