#!/usr/bin/env bash
# Print the path of a Python >= 3.12 interpreter, or fail with a clear message.
# Order: $PYTHON if set; python3.13 / python3.12 on PATH (only if they really run:
# pyenv shims exist but fail when the global pyenv version is older); then the
# newest pyenv-installed 3.12/3.13.
set -u

works() { "$1" -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1; }

if [ -n "${PYTHON:-}" ]; then
    if works "$PYTHON"; then command -v "$PYTHON" || echo "$PYTHON"; exit 0; fi
    echo "PYTHON=$PYTHON is not a Python >= 3.12" >&2
    exit 1
fi

for cand in python3.13 python3.12; do
    if works "$cand"; then command -v "$cand"; exit 0; fi
done

# Newest first (sort -V orders 3.12.10 after 3.12.9).
for cand in $(ls -d /root/.pyenv/versions/3.1[23]*/bin/python3 2>/dev/null | sort -rV); do
    if works "$cand"; then echo "$cand"; exit 0; fi
done

echo "No Python >= 3.12 found: install python3.12 or set PYTHON=/path/to/python3.12" >&2
exit 1
