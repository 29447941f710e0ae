"""The web server of `compare-reports serve`: textual-serve's, with the page's web socket
pointed back at the address the browser used.

textual-serve writes one fixed address into the page (`http://HOST:PORT`), which a browser on
another machine cannot use when the server listens on 0.0.0.0. Without `public_url`, each page
is given the address its own request came to.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from textual_serve.server import Server


class ReviewServer(Server):
    """`textual_serve.server.Server` whose page talks back to the host the browser asked."""

    def __init__(self, command: str, *, host: str, port: int, title: str,
                 public_url: str | None = None) -> None:
        super().__init__(command, host=host, port=port, title=title, public_url=public_url)
        self.fixed_url = public_url is not None

    async def handle_index(self, request: web.Request) -> Any:  # type: ignore[override]
        if not self.fixed_url:
            self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)
