"""The live server answers one request at a time when its requests share the test's database connection.

With the in-memory SQLite test database, Django hands every request thread of the live server the test's one
connection (`connections_override`). Two requests at once (a page and its own `fetch`, or two browser contexts)
then share one transaction state: `in_atomic_block`, the savepoint list, autocommit. One request's atomic block can
release the other's savepoint instead of committing, or roll back the other's writes — a signed-in session row
among them, which sent a browser test's clerk back to the sign-in page once in a few full runs. Here each request
(the application call and the reading of its body) holds one lock; connections stay threaded, so keep-alive and
the browser's parallel connections behave as before. On PostgreSQL every thread has its own connection and
nothing changes."""

import threading

from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread


def one_at_a_time(application, lock: threading.Lock):
    """A WSGI application that runs `application` under `lock`, its response body read whole inside it (the
    body of a streamed export reads the database too), and closed there (request_finished fires inside)."""

    def serialised(environ, start_response):
        with lock:
            result = application(environ, start_response)
            try:
                return [b"".join(result)]
            finally:
                if hasattr(result, "close"):
                    result.close()

    return serialised


class SharedConnectionWSGIServer(ThreadedWSGIServer):
    lock = threading.Lock()

    def set_app(self, application):
        if self.connections_override:
            application = one_at_a_time(application, self.lock)
        super().set_app(application)


def install():
    LiveServerThread.server_class = SharedConnectionWSGIServer
