"""The web container's health check (docker-compose.yml): asks the app's own /sundhed/
through the whole middleware stack, as the reverse proxy would, instead of only opening a
socket. Exit 0 when it answers 200, 1 otherwise.

It uses the first of ALLOWED_HOSTS as the Host header (the app refuses other hosts) and says
the request came over HTTPS (`X-Forwarded-Proto`, as behind the TLS proxy), so the HTTPS
redirect does not answer in its place. Standard library only: it runs in the app image.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request


def check(url: str, host: str, timeout: float = 3.0) -> bool:
    if not url.startswith(("http://", "https://")):
        return False
    request = urllib.request.Request(  # noqa: S310 - http(s) only, checked above
        url, headers={"Host": host, "X-Forwarded-Proto": "https"}, method="GET"
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # a redirect is not healthy
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def main() -> int:
    url = os.environ.get("HEALTHCHECK_URL", "http://127.0.0.1:8000/sundhed/")
    hosts = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost").split(",")]
    host = next((h.lstrip(".") for h in hosts if h and h != "*"), "localhost")
    healthy = check(url, host)
    if not healthy:
        print(f"usund: {url} svarede ikke 200", file=sys.stderr)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main())
