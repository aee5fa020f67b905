"""A live preview in the browser while writing the YAML.

``samenwerking preview`` serves an HTML rendering of every deliverable (and of
every per-gemeente version) on 127.0.0.1 only, with an index page. A watcher
polls the content, template and house-style files; when one changes, the
documents are rendered again and open pages reload by themselves. Invalid
content does not stop the server: pages show the errors with file:line:col, and
the last good rendering stays one click away.

Only what was rendered is served, looked up by name in memory: no request ever
reaches the file system, so there is no path to traverse.
"""

from __future__ import annotations

import html
import json
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import ContentError, SamenwerkingError
from .paths import template_dirs

RELOAD_SCRIPT = """<script>
(function () {
  var generation = %d;
  function poll() {
    fetch("/_status", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      if (s.generatie !== generation) { location.reload(); return; }
      setTimeout(poll, 400);
    }).catch(function () { setTimeout(poll, 1000); });
  }
  setTimeout(poll, 400);
})();
</script>"""

PAGE_STYLE = """<style>
.voorbeeld-balk { font: 14px Arial, sans-serif; background: #1f3864; color: #fff; padding: .5rem 1rem;
  margin: -2rem -1rem 1.5rem; }
.voorbeeld-balk a { color: #fff; }
.voorbeeld-fouten { font: 14px Arial, sans-serif; border: 2px solid #b00020; background: #fdecee;
  padding: .75rem 1rem; margin: 1rem 0; }
.voorbeeld-fouten li { font-family: "Liberation Mono", Consolas, monospace; font-size: 13px; margin: .25rem 0; }
</style>"""


@dataclass
class State:
    pages: dict[str, bytes] = field(default_factory=dict)  # last good rendering per document
    titles: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    generation: int = 0


class Preview:
    """Renders the documents of one cooperation and keeps the last good result."""

    def __init__(self, content_dir: Path, interval: float = 0.3):
        self.content_dir = content_dir
        self.interval = interval
        self.state = State()
        self.lock = threading.Lock()
        self.snapshot: dict[Path, int] = {}
        self.stop = threading.Event()

    # -- watching ---------------------------------------------------------------------

    def files(self) -> dict[Path, int]:
        found: dict[Path, int] = {}
        folders = [self.content_dir, *template_dirs(self.content_dir)]
        for folder in folders:
            for path in folder.rglob("*"):
                try:
                    if path.is_file() and not path.name.startswith("."):
                        found[path] = path.stat().st_mtime_ns
                except OSError:  # removed while we looked
                    continue
        return found

    def poll(self) -> bool:
        """Render again if a watched file changed; True when it did."""
        current = self.files()
        if current == self.snapshot:
            return False
        self.snapshot = current
        self.rebuild()
        return True

    def watch(self) -> None:
        while not self.stop.wait(self.interval):
            try:
                self.poll()
            except Exception as error:  # noqa: BLE001 - the watcher must survive anything
                self._publish(None, None, [f"interne fout bij het renderen: {type(error).__name__}: {error}"])

    # -- rendering --------------------------------------------------------------------

    def rebuild(self) -> None:
        from .build import jobs, load_project, render
        from .writers.html import write_html

        try:
            project = load_project(self.content_dir)
            pages, titles = {}, {}
            for job in jobs(project):
                document = render(project, job)
                pages[document.name] = write_html(document)
                kind = job.deliverable.declaration.titel
                titles[document.name] = document.title if document.title.startswith(kind) else f"{kind}: {document.title}"
        except ContentError as error:
            self._publish(None, None, [problem.display() for problem in sorted(error.problems, key=lambda p: p.sort_key())])
            return
        except SamenwerkingError as error:
            self._publish(None, None, [str(error)])
            return
        self._publish(pages, titles, [])

    def _publish(self, pages: dict | None, titles: dict | None, errors: list[str]) -> None:
        with self.lock:
            state = self.state
            new_pages = state.pages if pages is None else pages
            new_titles = state.titles if titles is None else titles
            if new_pages == state.pages and errors == state.errors and state.generation:
                return
            self.state = State(new_pages, new_titles, errors, state.generation + 1)

    # -- pages ------------------------------------------------------------------------

    def page(self, name: str, last_good: bool = False) -> bytes | None:
        state = self.state
        if name not in state.pages:
            return None
        if state.errors and not last_good:
            return self.error_page(state, name)
        banner = f'<div class="voorbeeld-balk"><a href="/">Alle documenten</a> · {html.escape(name)}'
        if last_good and state.errors:
            banner += ' · <strong>laatste goede versie</strong> (de inhoud bevat nu fouten)'
        banner += "</div>"
        text = state.pages[name].decode("utf-8")
        text = text.replace("</head>", PAGE_STYLE + RELOAD_SCRIPT % state.generation + "</head>", 1)
        text = text.replace("<main>", "<main>" + banner, 1)
        return text.encode("utf-8")

    def error_page(self, state: State, name: str | None = None) -> bytes:
        items = "".join(f"<li>{html.escape(error)}</li>" for error in state.errors)
        back = ""
        if name is not None and name in state.pages:
            back = f'<p><a href="/laatste/{html.escape(name)}">Laatste goede versie van {html.escape(name)} bekijken</a></p>'
        body = (f'<div class="voorbeeld-balk"><a href="/">Alle documenten</a></div>'
                f'<h1>De inhoud bevat fouten</h1><div class="voorbeeld-fouten" role="alert"><ul>{items}</ul></div>'
                f"{back}<p>Deze pagina ververst zichzelf zodra de fouten zijn hersteld.</p>")
        return _shell("Fouten in de inhoud", body, state.generation)

    def index(self) -> bytes:
        state = self.state
        errors = ""
        if state.errors:
            items = "".join(f"<li>{html.escape(error)}</li>" for error in state.errors)
            errors = f'<div class="voorbeeld-fouten" role="alert"><p>De inhoud bevat fouten:</p><ul>{items}</ul></div>'
        links = "".join(
            f'<li><a href="/doc/{html.escape(name)}">{html.escape(state.titles.get(name, name))}</a></li>'
            for name in state.pages
        )
        body = (f"<h1>Voorbeeld: {html.escape(self.content_dir.name)}</h1>{errors}"
                f"<h2>Documenten</h2><ul>{links or '<li>nog geen documenten</li>'}</ul>")
        return _shell("Voorbeeld", body, state.generation)

    def status(self) -> bytes:
        state = self.state
        return json.dumps({"generatie": state.generation, "fouten": len(state.errors)}).encode("utf-8")


def _shell(title: str, body: str, generation: int) -> bytes:
    return (
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<style>body{max-width:52rem;margin:2rem auto;padding:0 1rem;font-family:Arial,sans-serif}</style>'
        f"{PAGE_STYLE}{RELOAD_SCRIPT % generation}</head><body><main>{body}</main></body></html>"
    ).encode("utf-8")


def make_handler(preview: Preview) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "samenwerking-voorbeeld"

        def do_GET(self) -> None:  # noqa: N802 - http.server's API
            path = unquote(urlsplit(self.path).path)
            content_type = "text/html; charset=utf-8"
            body: bytes | None = None
            if path == "/":
                body = preview.index()
            elif path == "/_status":
                body, content_type = preview.status(), "application/json"
            elif path.startswith("/doc/"):
                body = preview.page(path[len("/doc/"):])
            elif path.startswith("/laatste/"):
                body = preview.page(path[len("/laatste/"):], last_good=True)
            status = HTTPStatus.OK
            if body is None:  # a Dutch page, not http.server's English "Error response"
                status, content_type = HTTPStatus.NOT_FOUND, "text/html; charset=utf-8"
                body = _shell("Niet gevonden", '<div class="voorbeeld-balk"><a href="/">Alle documenten</a></div>'
                                               f"<h1>Niet gevonden</h1><p>Hier staat geen document: "
                                               f"{html.escape(path)}.</p>", preview.state.generation)
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(body)

        def do_HEAD(self) -> None:  # noqa: N802
            self.do_GET()

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet server
            return

    return Handler


def serve(content_dir: Path, port: int, announce) -> None:
    """Run the preview until interrupted (Ctrl-C)."""
    preview = Preview(content_dir)
    preview.snapshot = preview.files()
    preview.rebuild()
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(preview))
    server.daemon_threads = True
    watcher = threading.Thread(target=preview.watch, name="bewaker", daemon=True)
    watcher.start()
    announce(f"http://127.0.0.1:{server.server_address[1]}/")
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop.set()
        server.server_close()
        watcher.join(timeout=2)
