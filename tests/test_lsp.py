"""``unspin lsp``: the pure conversions (positions in UTF-16, severity by tier, quick fixes that
give ``unspin fix``'s output, hovers, configuration), a real client over stdio, and Neovim."""

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lsprotocol import types

from conftest import ROOT, run
from unspin import cli, lsp
from unspin.model import Edit
from unspin.resolve import NOT_SPUN

SEED = ROOT / "seeds" / "kremlin-iran-spun.txt"
SEED_RULES = {"informed-said", "spacing.glued-name", "boundary.lost-stop"}
WARNING, INFO, HINT, ERROR = (
    types.DiagnosticSeverity.Warning,
    types.DiagnosticSeverity.Information,
    types.DiagnosticSeverity.Hint,
    types.DiagnosticSeverity.Error,
)


def analyse(path: str | None, text: str) -> lsp.Analysis:
    """A document's analysis, configured as the ``lsp`` command configures it."""
    return lsp.analyse(path, text, cli.options_for)


def pos(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


def apply_lsp(text: str, edits) -> str:
    """LSP text edits applied to ``text`` as an editor does, counting UTF-16 code units on
    lines that end at \\n, \\r\\n or \\r (written apart from unspin.lsp.Positions, to check it)."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def offset(p: types.Position) -> int:
        i, units = starts[p.line], 0
        while units < p.character:
            units += len(text[i].encode("utf-16-le")) // 2
            i += 1
        return i

    spans = [(offset(e.range.start), offset(e.range.end), n, e.new_text) for n, e in enumerate(edits)]
    for start, end, _, new in sorted(spans, reverse=True):  # from the end; inserts keep their order
        assert text[start:end] is not None
        text = text[:start] + new + text[end:]
    return text


@pytest.fixture(scope="module")
def seed():
    text = SEED.read_text(encoding="utf-8")
    return text, analyse(str(SEED), text)


# ---------------------------------------------------------------- positions


def test_positions_count_utf16_code_units_and_every_line_break():
    text = "a😀b\r\nc\rd\n😀😀x"
    p = lsp.Positions(text)
    assert p.position(text.index("b")) == pos(0, 3)  # the emoji is two UTF-16 code units
    assert p.position(text.index("c")) == pos(1, 0)  # \r\n is one line break
    assert p.position(text.index("d")) == pos(2, 0)  # so is a lone \r
    assert p.position(text.index("x")) == pos(3, 4)
    assert p.position(len(text)) == pos(3, 5)
    for offset in range(len(text) + 1):
        if not text[offset - 1 : offset + 1] == "\r\n":  # (inside a line break: no position)
            assert p.offset(p.position(offset)) == offset
    assert p.offset(pos(0, 99)) == text.index("\r")  # past the line's end: its end
    assert p.offset(pos(9, 0)) == len(text)
    assert lsp.Positions(text, "utf-8").position(text.index("b")) == pos(0, 5)
    assert lsp.Positions(text, "utf-32").position(text.index("b")) == pos(0, 2)
    assert lsp.Positions(text, "utf-8").offset(pos(0, 5)) == text.index("b")
    assert lsp.Positions("ab\n").position(3) == pos(1, 0)  # the empty last line


def test_a_finding_after_an_emoji_is_placed_in_utf16_units(tmp_path):
    text = "Intro 😀 line.\n😀 He spoke in remarks translated byGoogle He did not answer.\n"
    analysis = analyse(str(tmp_path / "story.txt"), text)
    diags = {d.code: d for d in lsp.diagnostics(analysis)}
    glued = text.index("byGoogle") + 2
    line_start = text.index("\n") + 1
    units = len(text[line_start:glued].encode("utf-16-le")) // 2
    assert units == glued - line_start + 1  # one emoji before it: one unit more than characters
    assert diags["spacing.glued-name"].range == types.Range(start=pos(1, units), end=pos(1, units))
    stop = diags["boundary.lost-stop"]
    assert stop.range.start == pos(1, units + len("Google")) and stop.range.end.character == units + 7
    assert apply_lsp(text, [types.TextEdit(range=d.range, new_text="") for d in [stop]]).count("GoogleHe") == 1
    utf8 = {d.code: d for d in lsp.diagnostics(analysis, "utf-8")}
    assert utf8["spacing.glued-name"].range.start.character == units + 2  # 4 bytes against 2 units


def test_a_byte_order_mark_is_skipped_as_the_cli_does_and_counted_in_positions(tmp_path):
    text = "He spoke in remarks translated byGoogle He did not answer."
    plain = lsp.diagnostics(analyse(str(tmp_path / "a.txt"), text))
    marked = lsp.diagnostics(analyse(str(tmp_path / "a.txt"), "\ufeff" + text))
    assert [d.code for d in marked] == [d.code for d in plain] != []
    assert [d.range.start.character for d in marked] == [d.range.start.character + 1 for d in plain]


# ---------------------------------------------------------------- diagnostics


def edit(held: str = "", **kw) -> Edit:
    base = dict(start=0, end=6, replacement="said", rule="informed-said", category="context", safe=True)
    base.update(reason="a spinner's synonym", original="stated", held=held)
    return Edit(**{**base, **kw})


def test_severity_by_tier():
    assert lsp.severity(edit()) == WARNING  # fix applies it
    assert lsp.severity(edit("suggestion only", safe=False)) == INFO
    assert lsp.severity(edit(NOT_SPUN, spin=True)) == INFO  # the spin tier in text that reads clean
    assert lsp.severity(edit("flag: no automatic fix")) == INFO
    assert lsp.severity(edit("report only")) == HINT
    assert lsp.severity(edit("inside a quotation")) == HINT  # a protected region's hold


def test_message_carries_the_reason_and_the_replacement():
    assert lsp.message(edit()) == "a spinner's synonym: 'stated' -> 'said'"
    assert lsp.message(edit("inside a quotation")).endswith("'stated' -> 'said' [inside a quotation]")
    assert lsp.change(edit(original="", replacement=" ")) == "insert ' '"
    assert lsp.change(edit(original="very ", replacement="")) == "delete 'very '"


def test_seed_diagnostics(seed):
    text, analysis = seed
    diags = lsp.diagnostics(analysis)
    assert len(diags) == len(analysis.result.findings) and not analysis.error
    assert SEED_RULES <= {d.code for d in diags}
    assert {d.source for d in diags} == {"unspin"}
    assert {d.severity for d in diags} == {WARNING, INFO, HINT}
    for d, e in zip(diags, analysis.findings):
        assert d.code == e.rule and d.severity == lsp.severity(e)
        assert e.reason in d.message and lsp.change(e) in d.message
    said = next(d for d in diags if d.code == "informed-said")
    assert said.severity == WARNING and said.message.endswith("'informed' -> 'said'")
    line = text.splitlines()[said.range.start.line]
    assert line[said.range.start.character : said.range.end.character] == "informed"


# ---------------------------------------------------------------- code actions


def fix_output(path: Path) -> str:
    proc = run("fix", str(path))
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.decode("utf-8")


def test_fix_all_and_each_quick_fix_give_unspin_fix_output(tmp_path):
    # an emoji on every line and CRLF line ends: the positions must be right everywhere
    text = "".join(f"🙂 {line}\r\n" for line in SEED.read_text(encoding="utf-8").splitlines())
    path = tmp_path / "seed.txt"
    path.write_bytes(text.encode("utf-8"))
    expected = fix_output(path)
    analysis = analyse(str(path), text)
    uri = path.as_uri()
    everything = types.Range(start=pos(0, 0), end=pos(9999, 0))
    actions = lsp.code_actions(uri, analysis, everything)
    fix_all = [a for a in actions if a.title == lsp.FIX_ALL_TITLE]
    assert len(fix_all) == 1 and fix_all[0].edit is not None
    assert apply_lsp(text, fix_all[0].edit.changes[uri]) == expected
    # one quick fix per applied finding, found at the finding's own range
    taken = []
    p = lsp.Positions(text)
    for e in analysis.applied:
        here = lsp.code_actions(uri, analysis, p.range(e.start, e.end), only=[types.CodeActionKind.QuickFix])
        mine = [a for a in here if a.diagnostics and a.diagnostics[0].range == p.range(e.start, e.end)]
        mine = [a for a in mine if a.diagnostics[0].code == e.rule and a.is_preferred]
        assert len(mine) == 1, (e, [a.title for a in here])
        assert mine[0].title == lsp.action_title(e) and mine[0].kind == types.CodeActionKind.QuickFix
        taken += mine[0].edit.changes[uri]
        assert here[-1].title == lsp.FIX_ALL_TITLE  # fix all is offered beside the finding too
    assert apply_lsp(text, taken) == expected


def test_quick_fix_titles_and_what_is_offered(seed):
    text, analysis = seed
    uri = SEED.as_uri()
    p = lsp.Positions(text)
    at = text.index("informed Tuesday")
    actions = lsp.code_actions(uri, analysis, types.Range(start=p.position(at + 3), end=p.position(at + 3)))
    titles = [a.title for a in actions]
    assert titles == ["Replace 'informed' with 'said' (informed-said)", lsp.FIX_ALL_TITLE]
    # a suggestion is offered (not preferred); a hold in a quotation is not
    held = {e.held: e for e in analysis.findings if e.held}
    sugg = held["suggestion only"]
    offered = lsp.code_actions(uri, analysis, p.range(sugg.start, sugg.end), only=["quickfix"])
    assert (lsp.action_title(sugg), False) in [(a.title, a.is_preferred) for a in offered]
    quoted = held["inside a quotation"]
    offered = lsp.code_actions(uri, analysis, p.range(quoted.start, quoted.end))
    assert not any(a.diagnostics and a.diagnostics[0].code == quoted.rule for a in offered)
    # asked for on save: fix all as source.fixAll.unspin, and nothing else
    on_save = lsp.code_actions(uri, analysis, types.Range(start=pos(0, 0), end=pos(0, 0)), only=["source.fixAll"])
    assert [(a.title, a.kind) for a in on_save] == [(lsp.FIX_ALL_TITLE, lsp.FIX_ALL_KIND)]
    assert lsp.code_actions(uri, analysis, types.Range(start=pos(0, 0), end=pos(0, 0)), only=["refactor"]) == []


# ---------------------------------------------------------------- hover


def test_hover_shows_rule_reason_and_an_example(seed, rules):
    text, analysis = seed
    p = lsp.Positions(text)
    at = p.position(text.index("informed Tuesday") + 2)
    shown = lsp.hover(analysis, at)
    assert shown is not None and shown.range is not None
    value = shown.contents.value
    rule = rules.lookup("informed-said")
    example = next(x for x in rule.examples if x.fixed)
    assert "`informed-said`" in value and rule.reason in value
    assert f"Example: {example.text} => {example.fixed}" in value
    assert "'informed' -> 'said'" in value
    assert text[p.offset(shown.range.start) : p.offset(shown.range.end)] == "informed"
    clean = text.index("Kremlin stated") + 2  # inside 'Kremlin': no finding there
    assert lsp.hover(analysis, p.position(clean)) is None


# ---------------------------------------------------------------- configuration


def test_configuration_is_read_per_file_as_the_cli_does(tmp_path):
    text = "He spoke in remarks translated byGoogle He did not answer.\n"
    (tmp_path / "quiet").mkdir()
    (tmp_path / "quiet" / ".unspin.toml").write_text('disable = ["spacing"]\n')
    plain = analyse(str(tmp_path / "a.txt"), text)
    quiet = analyse(str(tmp_path / "quiet" / "a.txt"), text)
    assert "spacing.glued-name" in {e.rule for e in plain.findings}
    assert "spacing.glued-name" not in {e.rule for e in quiet.findings}
    # Markdown and HTML by the extension: front matter and attributes are never edited
    md = "---\ntitle: " + text + "---\n\nBody.\n"
    html = f'<p title="{text.strip()}">x</p>\n'
    assert analyse(str(tmp_path / "a.md"), md).findings == []
    assert analyse(str(tmp_path / "a.html"), html).findings == []
    assert analyse(str(tmp_path / "a.txt"), md).findings != []
    assert analyse(str(tmp_path / "a.txt"), html).findings != []


def test_a_configuration_error_is_one_error_at_line_0(tmp_path):
    text = "He spoke in remarks translated byGoogle He did not answer.\nSecond line.\n"
    for bad in ("unknown-setting = 1\n", 'disable = ["no-such-rule"]\n', "disable = [\n"):
        (tmp_path / ".unspin.toml").write_text(bad)
        analysis = analyse(str(tmp_path / "a.txt"), text)
        diags = lsp.diagnostics(analysis)
        assert len(diags) == 1, bad
        d = diags[0]
        assert d.severity == ERROR and d.range.start == pos(0, 0) and d.range.end.line == 0
        assert ".unspin.toml" in d.message and d.source == "unspin"
        assert lsp.code_actions("file:///x", analysis, d.range) == []
        assert lsp.hover(analysis, pos(0, 35)) is None
    (tmp_path / ".unspin.toml").write_text('disable = ["doubled"]\n')  # mended: read again, no restart
    assert "spacing.glued-name" in {d.code for d in lsp.diagnostics(analyse(str(tmp_path / "a.txt"), text))}


# ---------------------------------------------------------------- a real client over stdio


def server_env() -> dict:
    return dict(os.environ, PYTHONPATH=str(ROOT / "src"))


async def _session(tmp_path: Path, encodings=None):
    from pygls.lsp.client import LanguageClient

    client = LanguageClient("unspin-test", "1")
    published: list[types.PublishDiagnosticsParams] = []

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published.append(params)

    async def diagnostics_for(uri: str, version: int) -> types.PublishDiagnosticsParams:
        for _ in range(1200):
            for p in published:
                if p.uri == uri and p.version == version:
                    return p
            await asyncio.sleep(0.1)
        raise AssertionError(f"no diagnostics for {uri} version {version}: {published}")

    await client.start_io(sys.executable, "-m", "unspin", "lsp", env=server_env(), cwd=str(tmp_path))
    general = types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None
    init = await asyncio.wait_for(
        client.initialize_async(
            types.InitializeParams(
                process_id=os.getpid(),
                root_uri=tmp_path.as_uri(),
                capabilities=types.ClientCapabilities(general=general),
            )
        ),
        120,
    )
    client.initialized(types.InitializedParams())
    return client, init, published, diagnostics_for


async def _stop(client) -> int:
    await asyncio.wait_for(client.shutdown_async(None), 60)
    client.exit(None)
    await asyncio.wait_for(client.stop(), 60)
    return client._server.returncode


def test_stdio_server_diagnostics_code_actions_hover_change_and_config(tmp_path):
    async def scenario():
        client, init, published, diagnostics_for = await _session(tmp_path)
        caps = init.capabilities
        assert init.server_info.name == "unspin"
        assert caps.hover_provider and caps.code_action_provider
        assert caps.position_encoding in (None, types.PositionEncodingKind.Utf16)
        seed = tmp_path / "seed.txt"
        text = "😀 " + SEED.read_text(encoding="utf-8")
        seed.write_text(text, encoding="utf-8")
        uri = seed.as_uri()
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)
            )
        )
        diags = (await diagnostics_for(uri, 1)).diagnostics
        assert SEED_RULES <= {d.code for d in diags}
        assert {d.source for d in diags} == {"unspin"}
        expected = lsp.diagnostics(analyse(str(seed), text))
        assert [(d.code, d.range, d.severity, d.message) for d in diags] == [
            (d.code, d.range, d.severity, d.message) for d in expected
        ]
        first = diags[0]  # 'spots:St', after the emoji on line 0: in UTF-16 code units
        colon = text.index("spots:") + len("spots")
        assert first.code == "spacing.after-punct" and first.range.start == pos(0, colon + 1)

        said = next(d for d in diags if d.code == "informed-said")
        actions = await asyncio.wait_for(
            client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    range=said.range,
                    context=types.CodeActionContext(diagnostics=[said]),
                )
            ),
            60,
        )
        titles = [a.title for a in actions]
        assert titles == ["Replace 'informed' with 'said' (informed-said)", lsp.FIX_ALL_TITLE]
        assert apply_lsp(text, actions[-1].edit.changes[uri]) == fix_output(seed)
        shown = await asyncio.wait_for(
            client.text_document_hover_async(
                types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=said.range.start)
            ),
            60,
        )
        assert "informed-said" in shown.contents.value and "Example:" in shown.contents.value

        # an incremental change (UTF-16 range): 'informed' becomes 'said', the finding goes
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                content_changes=[types.TextDocumentContentChangePartial(range=said.range, text="said")],
            )
        )
        after = (await diagnostics_for(uri, 2)).diagnostics
        codes = [d.code for d in after]
        assert codes.count("informed-said") == [d.code for d in diags].count("informed-said") - 1
        assert said.range not in [d.range for d in after] and "spacing.glued-name" in codes

        # a broken configuration: one Error at line 0 on save, and the server goes on
        def saved() -> None:
            client.text_document_did_save(
                types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
            )

        async def latest(pred) -> list[types.Diagnostic]:
            for _ in range(1200):
                if published[-1].uri == uri and pred(published[-1].diagnostics):
                    break
                await asyncio.sleep(0.1)
            return published[-1].diagnostics

        (tmp_path / ".unspin.toml").write_text("nonsense = true\n")
        saved()
        broken = await latest(lambda ds: ds and ds[0].severity == ERROR)
        assert len(broken) == 1 and broken[0].severity == ERROR and broken[0].range.start.line == 0
        assert "nonsense" in broken[0].message and broken[0].source == "unspin"
        (tmp_path / ".unspin.toml").unlink()
        saved()
        mended = await latest(lambda ds: ds and ds[0].severity != ERROR)
        assert "spacing.glued-name" in {d.code for d in mended}

        client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        return await _stop(client)

    assert asyncio.run(scenario()) == 0


def test_stdio_server_speaks_utf8_when_the_client_asks(tmp_path):
    async def scenario():
        client, init, _, diagnostics_for = await _session(tmp_path, encodings=[types.PositionEncodingKind.Utf8])
        assert init.capabilities.position_encoding == types.PositionEncodingKind.Utf8
        uri = "untitled:Untitled-1"
        text = "😀 He spoke in remarks translated byGoogle He did not answer."
        client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id="plaintext", version=7, text=text)
            )
        )
        diags = {d.code: d for d in (await diagnostics_for(uri, 7)).diagnostics}
        at = len(text[: text.index("byGoogle") + 2].encode("utf-8"))
        assert diags["spacing.glued-name"].range.start == pos(0, at)
        return await _stop(client)

    assert asyncio.run(scenario()) == 0


# ---------------------------------------------------------------- Neovim


def test_neovim_shows_diagnostics_and_applies_fix_all(tmp_path):
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("nvim is not installed (apt-get install neovim): the end-to-end editor test is skipped")
    story = tmp_path / "story.txt"
    shutil.copy(SEED, story)
    out, fixed = tmp_path / "diagnostics.jsonl", tmp_path / "fixed.txt"
    env = dict(
        server_env(),
        UNSPIN_PYTHON=sys.executable,
        UNSPIN_FILE=str(story),
        UNSPIN_OUT=str(out),
        UNSPIN_FIXED=str(fixed),
        XDG_CONFIG_HOME=str(tmp_path / "config"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_STATE_HOME=str(tmp_path / "state"),
    )
    script = ROOT / "tests" / "nvim_lsp.lua"
    proc = subprocess.run(
        [nvim, "--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", f"luafile {script}"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert out.exists(), (proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:])
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines and not lines[0].startswith("ERROR"), lines[:1]
    rows = [json.loads(line) for line in lines]
    assert SEED_RULES <= {r["code"] for r in rows}
    assert {r["source"] for r in rows} == {"unspin"}
    said = next(r for r in rows if r["code"] == "informed-said")
    line = SEED.read_text(encoding="utf-8").splitlines()[said["lnum"]].encode("utf-8")
    assert line[said["col"] : said["end_col"]] == b"informed" and said["severity"] == 2  # Neovim: byte columns
    assert fixed.read_text(encoding="utf-8").rstrip("\n") == fix_output(SEED).rstrip("\n")
