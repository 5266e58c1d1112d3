#!/usr/bin/env bash
# Runs a background worker beside a foreground command, e.g. (make run):
#
#   scripts/with_worker.sh ".venv/bin/python manage.py run_worker" .venv/bin/python manage.py runserver 127.0.0.1:8000
#
# The first argument is the worker command (started in the background); the rest is the foreground command.
# When the foreground command ends (Ctrl+C in the terminal stops both at once), the worker is stopped too:
# SIGTERM, after which it finishes its current task and exits.
set -euo pipefail

if [ $# -lt 2 ]; then
	echo "usage: $0 'WORKER COMMAND' FOREGROUND COMMAND..." >&2
	exit 2
fi
worker_command="$1"
shift

# shellcheck disable=SC2086  # the worker command is split into words on purpose
$worker_command &
worker=$!
stop_worker() {
	if kill -0 "$worker" 2>/dev/null; then
		kill -TERM "$worker" 2>/dev/null || true
		wait "$worker" 2>/dev/null || true
	fi
}
trap stop_worker EXIT

"$@"
