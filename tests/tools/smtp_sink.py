"""An aiosmtpd handler for tests: every message received is written, byte for byte, to DIR/new/*.eml.

Run: PYTHONPATH=tests/tools python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c smtp_sink.Sink DIR
The envelope sender and recipients go first, as X-Sink-Mail-From and X-Sink-Rcpt-To lines, so a test
can tell who the message was really sent to (Bcc included). Files appear atomically (tmp/ then new/).
"""
import os
import time
import uuid


class Sink:
    def __init__(self, directory):
        self.directory = directory
        for sub in ("tmp", "new"):
            os.makedirs(os.path.join(directory, sub), exist_ok=True)

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("smtp_sink.Sink takes one argument: the directory to write messages to")
        return cls(args[0])

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}.eml"
        tmp = os.path.join(self.directory, "tmp", name)
        head = self.head(session) + f"X-Sink-Mail-From: {envelope.mail_from}\r\nX-Sink-Rcpt-To: {', '.join(envelope.rcpt_tos)}\r\n"
        content = envelope.original_content if envelope.original_content is not None else envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8")
        with open(tmp, "wb") as f:
            f.write(head.encode("utf-8"))
            f.write(content)
        os.rename(tmp, os.path.join(self.directory, "new", name))
        return "250 Message accepted"

    def head(self, session):
        """Extra lines before X-Sink-Mail-From (a subclass notes how the client signed in)."""
        return ""
