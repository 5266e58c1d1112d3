"""Signing 500 certificate PDFs with PAdES (issue 19), target ≤ 60 s.

What: each certificate is its own one-page PDF (the renderer of tdkt.decisions.certificates, QR code included),
signed one by one with a 2048-bit RSA key (RSASSA-PSS, SHA-256, invisible field, no timestamp: a TSA's answer
time is the network's, not ours) as tdkt.decisions.signing.pades.sign_pdf does for the server's key. The figure
is the time to sign the whole set; rendering happens before the clock starts (bench/certificates_pdf.py times
it). Three runs.

Dataset: N certificates (default 500) rendered once; a throw-away CA and signer generated at start.
No database: the signing code is framework-free. Run alone: `.venv/bin/python bench/bench_signing.py [N]`."""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(Path(__file__).resolve().parent)]
from certificates_pdf import batch  # noqa: E402
from common import emit  # noqa: E402

from tdkt.decisions.certificates.render import default_layout, render_pdf  # noqa: E402
from tdkt.decisions.signing import credentials, pades  # noqa: E402

TARGET_MS = 60_000
RUNS = 3


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    layout = default_layout("A4")
    documents = [render_pdf(layout, [item]) for item in batch(count)]
    ca_key, ca = credentials.make_ca("CA thử nghiệm (bench)")
    key, cert = credentials.make_signer(ca_key, ca, "Người ký thử nghiệm (bench)")
    signer = pades.signer_from_keys(key, cert, [ca], prefer_pss=True)
    samples, size = [], 0
    for _ in range(RUNS):
        started = time.perf_counter()
        size = sum(len(pades.sign_pdf(data, signer)) for data in documents)
        samples.append((time.perf_counter() - started) * 1000)
    emit("signing", "none", samples, TARGET_MS, dataset=f"{count} certificate PDFs signed, {size // 1024} KB in all")
    print(f"signing: median {sorted(samples)[1]:.0f} ms for {count} certificate PDFs (target ≤ {TARGET_MS} ms)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
