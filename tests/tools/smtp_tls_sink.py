"""The test SMTP sink behind TLS: one listener with STARTTLS, one with implicit TLS (SMTPS), both
requiring sign-in before mail is taken.

Run: SMTP_PASSWORD=... SMTP_OAUTH_TOKEN=... python3 smtp_tls_sink.py --starttls 127.0.0.1:PORT \
         --tls 127.0.0.1:PORT --cert cert.pem --key key.pem --user NAME DIR

Sign-in: PLAIN or LOGIN with NAME and SMTP_PASSWORD, or XOAUTH2 / OAUTHBEARER with NAME and the
bearer token SMTP_OAUTH_TOKEN. Messages land in DIR/new like smtp_sink.Sink's, with one more line
first, X-Sink-Auth: "<mechanism> <user>", so a test can tell how the client signed in.
"""
import argparse
import base64
import os
import signal
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from smtp_sink import Sink


class AuthSink(Sink):
    def __init__(self, directory, user, password, token):
        super().__init__(directory)
        self.user, self.password, self.token = user, password, token

    def authenticate(self, server, session, envelope, mechanism, data):
        """PLAIN and LOGIN (aiosmtpd's built-in mechanisms) end here."""
        ok = isinstance(data, LoginPassword) and data.login.decode() == self.user and data.password.decode() == self.password
        return AuthResult(success=ok, handled=False, auth_data=(mechanism, self.user) if ok else None)

    async def auth_XOAUTH2(self, server, args):
        # base64("user=" user "\x01auth=Bearer " token "\x01\x01")
        return await self._bearer(server, args, "XOAUTH2", lambda fields: fields.get("user"))

    async def auth_OAUTHBEARER(self, server, args):
        # RFC 7628: base64("n,a=" user "," "\x01" ... "auth=Bearer " token "\x01\x01")
        def user(fields):
            gs2 = fields.get("")
            return gs2.split("a=", 1)[1].split(",", 1)[0] if gs2 and "a=" in gs2 else None
        return await self._bearer(server, args, "OAUTHBEARER", user)

    async def _bearer(self, server, args, mechanism, user_of):
        blob = base64.b64decode(args[1]) if len(args) > 1 else await server.challenge_auth("")
        if not isinstance(blob, bytes):
            return AuthResult(success=False, handled=True)
        fields = {}
        for part in blob.decode("utf-8", "replace").split("\x01"):
            key, sep, value = part.partition("=")
            if part.startswith("n,") or part.startswith("y,") or part.startswith("p="):
                fields[""] = part
            elif sep:
                fields[key] = value
        user = user_of(fields)
        token = fields.get("auth", "")
        if user == self.user and token == "Bearer " + self.token:
            return AuthResult(success=True, auth_data=(mechanism, user))
        return AuthResult(success=False, handled=False, message="535 5.7.8 Username and token not accepted")

    def head(self, session):
        mechanism, user = session.auth_data or ("none", "")
        return f"X-Sink-Auth: {mechanism} {user}\r\n"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--starttls", required=True)
    p.add_argument("--tls", required=True)
    p.add_argument("--cert", required=True)
    p.add_argument("--key", required=True)
    p.add_argument("--user", required=True)
    p.add_argument("directory")
    a = p.parse_args()
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(a.cert, a.key)
    handler = AuthSink(a.directory, a.user, os.environ["SMTP_PASSWORD"], os.environ["SMTP_OAUTH_TOKEN"])
    controllers = []
    host, port = a.starttls.rsplit(":", 1)
    controllers.append(Controller(handler, hostname=host, port=int(port), tls_context=context, require_starttls=True,
                                  authenticator=handler.authenticate, auth_required=True, auth_require_tls=True))
    # aiosmtpd only knows about TLS it started itself (STARTTLS); this listener is TLS from the first byte.
    host, port = a.tls.rsplit(":", 1)
    controllers.append(Controller(handler, hostname=host, port=int(port), ssl_context=context, server_hostname="sori-test-mail",
                                  authenticator=handler.authenticate, auth_required=True, auth_require_tls=False))
    for c in controllers:
        c.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    for c in controllers:
        c.stop()


if __name__ == "__main__":
    main()
