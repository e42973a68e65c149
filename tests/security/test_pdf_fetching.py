"""WeasyPrint fetches only the app's own static files: no other file, no network address."""

from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.conf import settings
from pypdf import PdfReader

from reports import documents


@pytest.fixture
def listener():
    """An HTTP server on 127.0.0.1 that records every request it gets."""
    requested: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requested.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", requested
    server.shutdown()
    server.server_close()


def hostile_html(address: str) -> str:
    settings_file = (settings.BASE_DIR / "socialomraade" / "settings.py").as_uri()
    return f"""<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Rapport</title>
<link rel="stylesheet" href="static/css/report.css">
<link rel="attachment" href="file:///etc/passwd">
<style>h1 {{ background: url("{address}/baggrund.png"); }}</style>
</head><body>
<h1>Halvårsrapport</h1>
<p><a rel="attachment" href="file:///etc/passwd">Bilag</a></p>
<p><a rel="attachment" href="{settings_file}">Indstillinger</a></p>
<p><a rel="attachment" href="static/../socialomraade/settings.py">Omvej</a></p>
<p><img src="{address}/billede.png" alt="Billede"></p>
</body></html>"""


def test_a_rendered_template_fetches_and_embeds_nothing_outside_static(listener, monkeypatch):
    address, requested = listener
    monkeypatch.setattr(documents, "render_html", lambda snapshot: hostile_html(address))

    pdf, _pages = documents.render_pdf({})

    reader = PdfReader(io.BytesIO(pdf))
    assert requested == []
    assert dict(reader.attachments) == {}
    # The report's own stylesheet and font, under static/, are still used.
    fonts = [str(font["/BaseFont"]) for font in reader.pages[0]["/Resources"]["/Font"].values()]
    assert fonts and all("+Source-Sans-3" in font for font in fonts)
