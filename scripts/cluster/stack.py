"""The throwaway production stack of the cluster check: one PostgreSQL (scripts/pg_cluster.sh on its own port),
the database migrated as the owner, static files collected, two gunicorn nodes, two workers and one nginx whose
site is rendered from deploy/nginx/tdkt-locations.conf — the same locations a province installs.

nginx listens on three ports: BALANCED spreads requests over both nodes (as in production); NODE_A and NODE_B
each reach one node only, so a check can say "uploaded through A, downloaded through B". Everything started is
stopped by `Stack.stop()` (the caller runs it in `finally`, and the shell wrapper traps signals)."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PG_PORT = int(os.environ.get("CLUSTER_PG_PORT", "55571"))
BALANCED, NODE_A, NODE_B = 18400, 18411, 18412
GUNICORN_PORTS = (18401, 18402)
ACCEL_PREFIX = "/_protected_media/"


def pg_cluster(*args: str) -> str:
    result = subprocess.run([str(REPO / "scripts/pg_cluster.sh"), *args], cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "PGPORT_TDKT": str(PG_PORT)}, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"pg_cluster.sh {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout.strip()


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if not found:
        raise RuntimeError("nginx is missing: make cluster-deps (apt-get install nginx-light)")
    return found


@dataclass
class Stack:
    root: Path
    env: dict = field(default_factory=dict)
    processes: list = field(default_factory=list)
    pg_started: bool = False

    # --- set-up ---------------------------------------------------------------------------------------
    def environment(self) -> dict:
        """The env file of every node (deploy/env.example, localhost flavour: plain HTTP, no TLS)."""
        media, static, var = self.root / "media", self.root / "static", self.root / "var"
        for folder in (media, static, var):
            folder.mkdir(parents=True, exist_ok=True)
        keep = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "LC_ALL") if key in os.environ}
        self.env = keep | {
            "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": pg_cluster("url"), "DB_CONN_MAX_AGE": "60",
            "SECURE_COOKIES": "false", "SECURE_SSL_REDIRECT": "false", "SECURE_HSTS_SECONDS": "0",
            "BEHIND_PROXY": "true", "TRUSTED_PROXY_COUNT": "1",
            "TDKT_VAR_DIR": str(var), "MEDIA_ROOT": str(media), "STATIC_ROOT": str(static),
            "MEDIA_ACCEL_PREFIX": ACCEL_PREFIX, "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "SIGNER_FRESH_SECOND_FACTOR_MINUTES": "120", "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(REPO / "src"),
        }
        return self.env

    def start_database(self) -> None:
        """PostgreSQL, migrated as the owner; meanwhile (it needs no database) the static files are collected."""
        self.environment()
        self.run([sys.executable, "scripts/compile_messages.py"])
        collect = subprocess.Popen([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], cwd=REPO,
                                   env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            pg_cluster("start")
            self.pg_started = True
            owner = {**self.env, "DATABASE_ROLE": "owner", "DATABASE_OWNER_URL": pg_cluster("owner-url")}
            self.run([sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], env=owner)
        except BaseException:
            collect.kill()  # interrupted or failed: no process of ours left behind
            collect.wait()
            raise
        output, _ = collect.communicate(timeout=600)
        if collect.returncode != 0:
            raise RuntimeError(f"collectstatic failed:\n{output.decode(errors='replace')[-3000:]}")

    def run(self, command: list[str], *, env: dict | None = None) -> None:
        result = subprocess.run(command, cwd=REPO, env=env or self.env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")

    def spawn(self, name: str, command: list[str], env: dict | None = None) -> None:
        log = (self.root / f"{name}.log").open("wb")
        process = subprocess.Popen(command, cwd=REPO, env=env or self.env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.processes.append((name, process))

    def start_nodes(self, worker_env: dict) -> None:
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        for index, port in enumerate(GUNICORN_PORTS):
            # The arguments of deploy/systemd/tdkt-web@.service, with 2 processes per node.
            self.spawn(f"web-{'ab'[index]}", [gunicorn, "tdkt.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
                                               "--timeout", "60", "--graceful-timeout", "10",
                                               "--no-control-socket"])
        for index in (1, 2):
            self.spawn(f"worker-{index}", [sys.executable, "manage.py", "run_worker", "--worker-id",
                                           f"cluster-{index}", "--interval", "0.2"], env={**self.env, **worker_env})
        self.spawn("nginx", [nginx_binary(), "-p", str(self.root / "nginx"), "-c", str(self.nginx_conf()),
                             "-g", "daemon off;"])
        for port in (*GUNICORN_PORTS, BALANCED, NODE_A, NODE_B):
            wait_http(f"http://127.0.0.1:{port}/healthz", self)

    def nginx_conf(self) -> Path:
        folder = self.root / "nginx"
        (folder / "logs").mkdir(parents=True, exist_ok=True)
        locations = (REPO / "deploy/nginx/tdkt-locations.conf").read_text(encoding="utf-8")
        locations = locations.replace("@@STATIC_ROOT@@", self.env["STATIC_ROOT"]).replace(
            "@@MEDIA_ROOT@@", self.env["MEDIA_ROOT"])
        user = "user root;" if os.geteuid() == 0 else ""  # the workers must read the media and static folders
        servers = []
        for port, upstream in ((BALANCED, "tdkt_app"), (NODE_A, "tdkt_a"), (NODE_B, "tdkt_b")):
            servers.append(f"""
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        set $tdkt_upstream {upstream};
        include {folder / 'tdkt-locations.conf'};
    }}""")
        a, b = GUNICORN_PORTS
        conf = f"""{user}
worker_processes 2;
pid {folder / 'nginx.pid'};
error_log {folder / 'logs/error.log'} warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder / 'logs/access.log'};
    client_body_temp_path {folder / 'body'};
    proxy_temp_path {folder / 'proxy'};
    fastcgi_temp_path {folder / 'fastcgi'};
    uwsgi_temp_path {folder / 'uwsgi'};
    scgi_temp_path {folder / 'scgi'};
    upstream tdkt_app {{ server 127.0.0.1:{a}; server 127.0.0.1:{b}; keepalive 8; }}
    upstream tdkt_a {{ server 127.0.0.1:{a}; keepalive 4; }}
    upstream tdkt_b {{ server 127.0.0.1:{b}; keepalive 4; }}
{''.join(servers)}
}}
"""
        # The production locations proxy to tdkt_app; here each server names its own upstream.
        (folder / "tdkt-locations.conf").write_text(
            locations.replace("proxy_pass http://tdkt_app;", "proxy_pass http://$tdkt_upstream;"), encoding="utf-8")
        path = folder / "nginx.conf"
        path.write_text(conf, encoding="utf-8")
        return path

    def memory(self) -> dict[str, list[int]]:
        """Resident memory (MiB) of every process of the stack by role: gunicorn masters and their workers, the
        background workers — the figures behind docs/operations.md's sizing."""
        children: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        result: dict[str, list[int]] = {}
        for name, process in self.processes:
            pids = [process.pid] + children.get(process.pid, [])
            role = "web" if name.startswith("web") else name.split("-")[0]
            result.setdefault(role, []).extend(rss_mib(pid) for pid in pids)
        return result

    # --- tear-down ------------------------------------------------------------------------------------
    def stop(self) -> None:
        for name, process in reversed(self.processes):
            if process.poll() is None:
                # nginx: QUIT is its graceful stop; gunicorn and the workers finish their request or task on TERM.
                os.killpg(process.pid, signal.SIGQUIT if name == "nginx" else signal.SIGTERM)
        deadline = time.monotonic() + 20
        for _name, process in self.processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        self.processes.clear()
        if self.pg_started:
            pg_cluster("stop")
            self.pg_started = False

    def logs(self, tail: int = 40) -> str:
        parts = []
        for path in sorted(self.root.glob("*.log")) + [self.root / "nginx/logs/error.log"]:
            if path.exists():
                lines = path.read_text(encoding="utf-8", errors="replace").splitlines()[-tail:]
                parts.append(f"--- {path.name} ---\n" + "\n".join(lines))
        return "\n".join(parts)


def rss_mib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def wait_http(url: str, stack: Stack, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        for name, process in stack.processes:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}\n{stack.logs()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - localhost only
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer within {timeout:.0f} s\n{stack.logs()}")
        time.sleep(0.3)
