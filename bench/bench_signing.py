"""Signing 500 certificate PDFs with PAdES (issue 19), target ≤ 60 s.

What: each certificate is its own one-page PDF (the renderer of tdkt.decisions.certificates, QR code included),
signed one by one with a 2048-bit RSA key (RSASSA-PSS, SHA-256, invisible field, no timestamp: a TSA's answer
time is the network's, not ours) as tdkt.decisions.signing.pades.sign_pdf does for the server's key. The figure
is the time to sign the whole set; rendering happens before the clock starts (bench/certificates_pdf.py times
it). Three runs (BENCH_SIGNING_RUNS); the process's CPU time is printed beside the wall time.

Dataset: N certificates (default 500) rendered once (or BENCH_SIGNING_DISTINCT of them, signed in turn); a
throw-away CA and signer generated at start. No database: the signing code is framework-free. Run alone:
`.venv/bin/python bench/bench_signing.py [N]`."""

import os
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
RUNS = int(os.environ.get("BENCH_SIGNING_RUNS", "3"))  # 1 for a single run on a loaded machine


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    layout = default_layout("A4")
    # BENCH_SIGNING_DISTINCT=N renders N certificates and signs them in turn up to the count: each signature is
    # still made anew on its own copy; only the rendering (outside the timing, seconds each on a loaded machine)
    # is saved.
    distinct = min(count, int(os.environ.get("BENCH_SIGNING_DISTINCT", count)))
    rendering = time.perf_counter()
    rendered = [render_pdf(layout, [item]) for item in batch(distinct)]
    documents = [rendered[n % distinct] for n in range(count)]
    print(f"rendering {distinct} certificates (outside the timing): {time.perf_counter() - rendering:.1f} s",
          file=sys.stderr)
    ca_key, ca = credentials.make_ca("CA thử nghiệm (bench)")
    key, cert = credentials.make_signer(ca_key, ca, "Người ký thử nghiệm (bench)")
    signer = pades.signer_from_keys(key, cert, [ca], prefer_pss=True)
    samples, size, cpu = [], 0, []
    for _ in range(RUNS):
        started, cpu_started = time.perf_counter(), time.process_time()
        size = sum(len(pades.sign_pdf(data, signer)) for data in documents)
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append(time.process_time() - cpu_started)
    # The process's CPU beside the wall time: on a shared machine the wall time is mostly the others' load.
    emit("signing", "none", samples, TARGET_MS, dataset=f"{count} certificate PDFs signed, {size // 1024} KB in all, "
         f"{min(cpu):.1f} s CPU (best run), load average {os.getloadavg()[0]:.1f}")
    print(f"signing: median {sorted(samples)[len(samples) // 2]:.0f} ms for {count} certificate PDFs (target ≤ {TARGET_MS} ms)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
