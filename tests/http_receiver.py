"""A real HTTP receiver for the outbound sync tests (tdkt.integration), on a free local port, with the
standard library only: a token service and a push endpoint that behaves as a provincial platform might.

    with HttpReceiver() as receiver:                   # 200 to every push it has not seen; 409 to a duplicate
    with HttpReceiver(script=[429, 200]) as receiver:  # answers the pushes in this order, then `mode`
    with HttpReceiver(mode=500) as receiver:           # 500 forever; also 401, 403, 429 or "hang"

POST /token with {"access_key", "secret_key"} returns {"access_token", "expires_in"} (401 on a wrong pair);
POST /push needs "Authorization: Bearer <the latest token>" (401 otherwise), keeps the envelope of each new
Idempotency-Key in `stored` and answers 409 to a key it already stored: a resend never duplicates."""

import json
import threading
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ACCESS_KEY, SECRET_KEY = "tdkt-app", "s3cret-key"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the worker's client uses it
    disable_nagle_algorithm = True  # headers and body are written apart: no 40 ms delayed-ACK stall

    def log_message(self, *args):  # quiet test output
        pass

    def _answer(self, status: int, body: dict, headers: dict | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        receiver = self.server.receiver
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if self.path == "/token":
            with receiver.lock:
                receiver.token_requests += 1
                if (body.get("access_key"), body.get("secret_key")) != (ACCESS_KEY, SECRET_KEY):
                    return self._answer(401, {"error": "invalid_client"})
                receiver.token = f"token-{receiver.token_requests}"
            return self._answer(200, {"access_token": receiver.token, "expires_in": 3600})
        with receiver.lock:
            receiver.pushes.append((dict(self.headers), body))
            step = receiver.script.popleft() if receiver.script else receiver.mode
        if step == "hang":
            receiver.released.wait(30)  # the client's timeout ends the conversation first
            self.close_connection = True
            return None
        if step == "expire":  # the platform forgot the token: 401 until a new one is obtained
            with receiver.lock:
                receiver.token = "expired"
            step = 401
        if self.headers.get("Authorization") != f"Bearer {receiver.token}" and receiver.token is not None:
            return self._answer(401, {"error": "invalid_token"})
        if step != 200:
            return self._answer(step, {"error": f"status {step}"}, {"Retry-After": "30"} if step == 429 else None)
        key = self.headers.get("Idempotency-Key", "")
        with receiver.lock:
            if key in receiver.stored:
                return self._answer(409, {"error": "duplicate", "key": key})
            receiver.stored[key] = body
        return self._answer(200, {"status": "accepted", "key": key})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class HttpReceiver:
    def __init__(self, mode=200, script=()):
        self.mode = mode
        self.script = deque(script)
        self.lock = threading.Lock()
        self.token = None  # None: no token needed until /token is called once
        self.token_requests = 0
        self.pushes: list = []  # every push request (headers, envelope), duplicates included
        self.stored: dict = {}  # idempotency key -> envelope, once each
        self.released = threading.Event()
        self.server = _Server(("127.0.0.1", 0), _Handler)
        self.server.receiver = self
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.released.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/push"

    @property
    def token_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/token"
