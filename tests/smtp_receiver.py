"""A real SMTP server for tests, on a free local port, with the standard library only (aiosmtpd is not a
dependency): enough of RFC 5321 for smtplib (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT).

    with SmtpReceiver() as receiver:               # accepts and keeps every message
    with SmtpReceiver(mode="refuse") as receiver:  # 550 to every recipient
    with SmtpReceiver(mode="hang") as receiver:    # accepts the connection and never says a word
"""

import email
import email.policy
import socketserver
import threading


class _Handler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self):
        receiver = self.server.receiver
        if receiver.mode == "hang":
            receiver.released.wait(30)  # the client's timeout ends the conversation first
            return
        self.reply("220 localhost test SMTP")
        sender, recipients = "", []
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self.wfile.write(b"250-localhost\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
            elif verb == "HELO":
                self.reply("250 localhost")
            elif verb == "MAIL":
                sender, recipients = command[10:].split()[0].strip("<>") if command[10:] else "", []
                self.reply("250 OK")
            elif verb == "RCPT":
                if receiver.mode == "refuse":
                    self.reply("550 5.7.1 Relaying denied")
                else:
                    recipients.append(command[8:].strip().strip("<>"))
                    self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = []
                while (chunk := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    data.append(chunk[1:] if chunk.startswith(b"..") else chunk)
                message = email.message_from_bytes(b"".join(data), policy=email.policy.default)
                receiver.messages.append((sender, recipients, message))
                self.reply("250 OK queued")
            elif verb in ("RSET", "NOOP"):
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SmtpReceiver:
    def __init__(self, mode: str = "accept"):
        self.mode = mode
        self.messages: list = []
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

    def mailer(self, timeout: float = 2) -> dict:
        """MAILERS pointing at this receiver."""
        return {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                            "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": timeout}}}

    def bodies(self) -> list[str]:
        return [message.get_body(("plain",)).get_content().replace("\r\n", "\n") for _s, _r, message in self.messages]
