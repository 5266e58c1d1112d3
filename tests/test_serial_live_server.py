"""The live server on the in-memory SQLite database answers one request at a time (tests/serial_live_server.py):
two requests sharing one connection would share one transaction state."""

import threading
import time

from django.test.testcases import LiveServerThread

from tests.serial_live_server import SharedConnectionWSGIServer, one_at_a_time


def test_the_live_server_is_the_serialising_one():
    assert LiveServerThread.server_class is SharedConnectionWSGIServer


def test_a_second_request_waits_until_the_first_has_answered():
    entered, release = threading.Event(), threading.Event()
    calls, inside, most_inside = [], [0], [0]

    def application(environ, start_response):
        inside[0] += 1
        most_inside[0] = max(most_inside[0], inside[0])
        calls.append(environ["PATH_INFO"])
        if environ["PATH_INFO"] == "/first":
            entered.set()
            release.wait(5)
        inside[0] -= 1
        start_response("200 OK", [])
        return iter([b"a", b"b"])

    app = one_at_a_time(application, threading.Lock())
    bodies = {}

    def call(path):
        bodies[path] = app({"PATH_INFO": path}, lambda status, headers: None)

    first = threading.Thread(target=call, args=("/first",))
    first.start()
    assert entered.wait(5)
    second = threading.Thread(target=call, args=("/second",))
    second.start()
    time.sleep(0.2)  # room for the second request to get in, if the lock let it
    assert calls == ["/first"]
    release.set()
    first.join(5)
    second.join(5)
    assert calls == ["/first", "/second"]
    assert most_inside[0] == 1
    assert bodies == {"/first": [b"ab"], "/second": [b"ab"]}
