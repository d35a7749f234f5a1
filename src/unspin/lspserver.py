"""``unspin lsp``: the language server over standard input and output (pygls).

Diagnostics are published when a document is opened, changed (after a short pause in typing)
and saved; saving a ``.unspin.toml`` or ``pyproject.toml`` checks every open document again.
Code actions and hovers read the analysis of the document's current version. The engine runs
in one worker thread, so the server keeps reading messages while it works; what a document's
findings become is ``lsp.py``'s business.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from . import __version__, lsp

#: seconds of quiet after a change before the document is checked again
DELAY = 0.3
CONFIG_FILES = (".unspin.toml", "pyproject.toml")

log = logging.getLogger("unspin.lsp")


def path_of(uri: str) -> str | None:
    """The file behind a ``file:`` URI; None for an unsaved document (``untitled:``)."""
    return to_fs_path(uri) if uri.startswith("file:") else None


class State:
    """What the server knows of each open document: its latest analysis, and the check pending."""

    def __init__(self, server: LanguageServer, delay: float, options_for: lsp.Configure):
        self.server, self.delay, self.options_for = server, delay, options_for
        self.analyses: dict[str, tuple[int | None, lsp.Analysis]] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.engine = ThreadPoolExecutor(max_workers=1, thread_name_prefix="unspin-engine")

    @property
    def encoding(self) -> str:
        # (the enum's value: str() of a str-valued enum member is its name on Python 3.11)
        encoding = self.server.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return getattr(encoding, "value", encoding)

    async def current(self, uri: str) -> lsp.Analysis:
        """The analysis of the document as it is now (made now when the last one is stale)."""
        doc = self.server.workspace.get_text_document(uri)
        known = self.analyses.get(uri)
        if known and known[0] == doc.version and known[1].text == doc.source:
            return known[1]
        text = doc.source
        analysis = await asyncio.get_running_loop().run_in_executor(
            self.engine, _analyse, path_of(uri), text, self.options_for
        )
        self.analyses[uri] = (doc.version, analysis)
        return analysis

    def schedule(self, uri: str, delay: float) -> None:
        """Check ``uri`` after ``delay`` seconds, replacing a check still waiting."""
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._publish(uri, delay))

    async def _publish(self, uri: str, delay: float) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            doc = self.server.workspace.get_text_document(uri)
            version = doc.version
            analysis = await self.current(uri)
            if self.server.workspace.get_text_document(uri).version != version:
                return  # changed meanwhile: the check scheduled by that change publishes
            self.server.text_document_publish_diagnostics(
                types.PublishDiagnosticsParams(
                    uri=uri, version=version, diagnostics=lsp.diagnostics(analysis, self.encoding)
                )
            )
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - a bug in one check must not stop the server
            log.exception("checking %s failed", uri)
            self.server.window_log_message(
                types.LogMessageParams(type=types.MessageType.Error, message=f"unspin: internal error: {exc!r}")
            )
        finally:
            if self.pending.get(uri) is asyncio.current_task():
                del self.pending[uri]

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        self.analyses.pop(uri, None)


def _analyse(path: str | None, text: str, options_for: lsp.Configure) -> lsp.Analysis:
    try:
        return lsp.analyse(path, text, options_for)
    except Exception as exc:  # noqa: BLE001 - shown as a diagnostic, never a crash
        log.exception("internal error")
        return lsp.Analysis(text, error=f"internal error: {type(exc).__name__}: {exc} (please report it)")


def build(options_for: lsp.Configure, delay: float = DELAY) -> LanguageServer:
    """The server with its features registered (not yet started); ``options_for``: see lsp.analyse."""
    server = LanguageServer("unspin", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
    state = State(server, delay, options_for)

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(params: types.DidOpenTextDocumentParams) -> None:
        state.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(params: types.DidChangeTextDocumentParams) -> None:
        state.schedule(params.text_document.uri, state.delay)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        path = path_of(uri)
        # checked again even when the text is the same: a configuration or dictionary may have changed
        again = list(server.workspace.text_documents) if path and Path(path).name in CONFIG_FILES else []
        for other in {uri, *again}:
            state.analyses.pop(other, None)
            state.schedule(other, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        state.forget(uri)
        server.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, lsp.FIX_ALL_KIND]),
    )
    async def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        analysis = await state.current(uri)
        return lsp.code_actions(uri, analysis, params.range, params.context.only, state.encoding)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(params: types.HoverParams) -> types.Hover | None:
        analysis = await state.current(params.text_document.uri)
        return lsp.hover(analysis, params.position, state.encoding)

    @server.feature(types.SHUTDOWN)
    def shutdown(params: None) -> None:
        for uri in list(state.pending):
            state.forget(uri)
        state.engine.shutdown(wait=False, cancel_futures=True)

    return server


def serve(options_for: lsp.Configure) -> None:
    """Serve over standard input and output until the client says exit."""
    logging.basicConfig(level=logging.WARNING, format="unspin lsp: %(levelname)s: %(message)s")
    build(options_for).start_io()
