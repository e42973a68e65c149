"""A small OpenID Connect provider for tests, shaped like Microsoft Entra ID.

It runs in a thread on 127.0.0.1, signs ID tokens with its own RS256 key, puts the user's group
ids in the ID token (as Entra ID does) and answers userinfo without them.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa


class FakeIdentityProvider:
    def __init__(self, *, client_id: str, client_secret: str) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = secrets.token_hex(4)
        # What the next sign-in returns; tests change it. `id_token_overrides` tampers.
        self.user: dict = {}
        self.id_token_overrides: dict = {}
        self.token_requests: list[dict] = []
        self._codes: dict[str, dict] = {}
        self._access_tokens: dict[str, dict] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    @property
    def issuer(self) -> str:
        return f"{self.url}/tenant/v2.0"

    def endpoints(self) -> dict[str, str]:
        return {
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/token",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/keys",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/userinfo",
            "OIDC_OP_ISSUER": self.issuer,
        }

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- what the endpoints do ----------------------------------------------------------------

    def authorize(self, query: dict[str, str]) -> str:
        """Sign the configured user in at once; return where the browser is sent."""
        assert query["client_id"] == self.client_id and query["response_type"] == "code"
        code = secrets.token_urlsafe(16)
        self._codes[code] = {**query, "user": dict(self.user)}
        separator = "&" if "?" in query["redirect_uri"] else "?"
        answer = urlencode({"code": code, "state": query["state"]})
        return f"{query['redirect_uri']}{separator}{answer}"

    def token(self, form: dict[str, str]) -> tuple[int, dict]:
        self.token_requests.append(form)
        grant = self._codes.pop(form.get("code", ""), None)
        if (
            grant is None
            or form.get("client_id") != self.client_id
            or form.get("client_secret") != self.client_secret
            or form.get("redirect_uri") != grant["redirect_uri"]
        ):
            return 400, {"error": "invalid_grant"}
        user, now = grant["user"], int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "sub": user["sub"],
            "iat": now,
            "nbf": now,
            "exp": now + 600,
            "nonce": grant.get("nonce"),
            "preferred_username": user["preferred_username"],
            "name": f"{user['given_name']} {user['family_name']}",
            "groups": user.get("groups", []),
            **self.id_token_overrides,
        }
        id_token = jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})
        access_token = secrets.token_urlsafe(24)
        self._access_tokens[access_token] = user
        return 200, {"token_type": "Bearer", "access_token": access_token, "id_token": id_token}

    def userinfo(self, authorization: str) -> tuple[int, dict]:
        user = self._access_tokens.get(authorization.removeprefix("Bearer "))
        if user is None:
            return 401, {"error": "invalid_token"}
        keys = ["sub", "email", "given_name", "family_name"]
        return 200, {k: user[k] for k in keys if k in user}

    def jwks(self) -> dict:
        jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**jwk, "kid": self.kid, "use": "sig", "alg": "RS256"}]}

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def _json(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                if parts.path == "/authorize":
                    self.send_response(302)
                    self.send_header("Location", provider.authorize(query))
                    self.end_headers()
                elif parts.path == "/keys":
                    self._json(200, provider.jwks())
                elif parts.path == "/userinfo":
                    self._json(*provider.userinfo(self.headers.get("Authorization", "")))
                else:
                    self._json(404, {"error": "not_found"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if urlsplit(self.path).path == "/token":
                    self._json(*provider.token(form))
                else:
                    self._json(404, {"error": "not_found"})

        return Handler
