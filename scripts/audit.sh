#!/usr/bin/env bash
# make audit: the locked dependencies (requirements/*.lock) against the vulnerability data of PyPI (pip-audit).
#
# Exit status:
#   0  vulnerability data fetched, no known vulnerability
#   1  vulnerability data fetched, at least one known vulnerability (listed)
#   2  NO vulnerability data could be fetched (no network, service down): NOTHING was checked
#   3  pip-audit itself failed for another reason (its message is shown)
#
# AUDIT_SERVICE=osv asks OSV instead of PyPI (pip-audit --vulnerability-service).
set -uo pipefail
cd "$(dirname "$0")/.."
PIP_AUDIT="${PIP_AUDIT:-.venv/bin/pip-audit}"
SERVICE="${AUDIT_SERVICE:-pypi}"
locks=(requirements/production.lock requirements/test.lock)
out="$(mktemp)"; err="$(mktemp)"
trap 'rm -f "$out" "$err"' EXIT

# --disable-pip: the locks pin every package with its hashes, so nothing is installed or resolved.
"$PIP_AUDIT" --disable-pip --require-hashes --progress-spinner off --vulnerability-service "$SERVICE" \
    $(printf -- '-r %s ' "${locks[@]}") >"$out" 2>"$err"
status=$?
cat "$out"
# A package the service does not know is skipped, and pip-audit still says "No known vulnerabilities found"
# and exits 0: where PyPI's JSON API is not reachable (only its package index), every package is skipped.
total=$(cat "${locks[@]}" | grep -oE '^[A-Za-z0-9][A-Za-z0-9._-]*==' | sort -u | wc -l)
skipped=$(grep -cE 'could not be audited' "$out" "$err" | awk -F: '{s += $NF} END {print s + 0}')
if [ "$skipped" -gt 0 ]; then
    echo "make audit: NO VULNERABILITY DATA for $skipped of $total locked packages: $SERVICE did not answer for" \
         "them, so they were NOT checked (pip-audit's \"No known vulnerabilities\" above covers only the others)." >&2
    echo "            Run it again where $SERVICE's vulnerability data is reachable (or AUDIT_SERVICE=osv)." >&2
    exit 2
fi
if [ "$status" -eq 0 ]; then
    echo "make audit: no known vulnerability in ${locks[*]} (vulnerability data from $SERVICE)."
    exit 0
fi
if grep -qiE 'ConnectionError|ServiceError|Max retries exceeded|Failed to establish|Name or service not known|Temporary failure in name resolution|timed out|Connection refused|Network is unreachable|HTTPSConnectionPool' "$err"; then
    tail -n 5 "$err" >&2
    echo "make audit: NO VULNERABILITY DATA could be fetched from $SERVICE — the dependencies were NOT checked." >&2
    echo "            Run it again where $SERVICE is reachable (or AUDIT_SERVICE=osv)." >&2
    exit 2
fi
if grep -qE '^Found [0-9]+ known vulnerabilit' "$out" "$err"; then
    grep -hE '^Found [0-9]+ known vulnerabilit' "$out" "$err" >&2
    echo "make audit: known vulnerabilities above: upgrade the package (make lock LOCK_ARGS='--upgrade-package NAME')." >&2
    exit 1
fi
cat "$err" >&2
echo "make audit: pip-audit failed (status $status); see its message above." >&2
exit 3
