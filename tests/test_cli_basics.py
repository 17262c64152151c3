"""The `peergraph` command line: help, version, exit codes, and a fast, light import."""

from __future__ import annotations

import argparse
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from peergraph import cli
from peergraph.errors import InputError

HEAVY = ("rdflib", "pyshacl", "owlready2", "pyoxigraph", "openpyxl", "yaml")


def run_main(argv: list[str]) -> int:
    """main()'s exit code, whether it returns it or argparse raises SystemExit."""
    try:
        return cli.main(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = cli.build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_help_exits_0_and_lists_every_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "usage: peergraph" in out
    names = subcommands()
    assert "reason" in names
    for name in names:
        assert name in out


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_subcommand_help_has_a_description_and_an_example(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_main([name, "--help"]) == 0
    out = capsys.readouterr().out
    assert subcommands()[name].description
    assert "example" in out and f"peergraph {name}" in out.split("example", 1)[1]


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"peergraph {metadata.version('peergraph')}"


def test_unknown_subcommand_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(["frobnicate"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice" in err
    assert err.count("\n") == 1  # one line, like every other error


def test_no_subcommand_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main([]) == 2
    err = capsys.readouterr().err
    assert (
        err == "peergraph: the following arguments are required: COMMAND; see 'peergraph --help'\n"
    )


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["validate", "--fail-on", "sometimes", "x.ttl"], "argument --fail-on: invalid choice"),
        (["routes"], "the following arguments are required: --from (or --site)"),
        (["query", "findings", "--no-such-option"], "unrecognized arguments: --no-such-option"),
    ],
)
def test_a_usage_error_is_one_line_naming_the_command(
    capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str
) -> None:
    assert run_main(argv) == 2
    err = capsys.readouterr().err
    assert fragment in err
    assert err.startswith("peergraph")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_importing_the_cli_and_package_loads_no_heavy_library() -> None:
    code = (
        f"import sys, peergraph, peergraph.cli; print([m for m in {HEAVY!r} if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_package_attributes_resolve_lazily() -> None:
    code = (
        "import sys, peergraph; before = 'rdflib' in sys.modules; "
        "f = peergraph.load_bundled_graph; import peergraph.graph as l; "
        "print(before, f is l.load_bundled_graph, 'load_bundled_graph' in dir(peergraph))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["False", "True", "True"]


def test_unknown_package_attribute_raises_attribute_error() -> None:
    import peergraph

    with pytest.raises(AttributeError, match="no_such_thing"):
        peergraph.no_such_thing  # noqa: B018


def test_console_script_is_installed_and_answers_help() -> None:
    script = Path(sys.executable).with_name("peergraph")
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True)
    assert result.returncode == 0
    assert "reason" in result.stdout


# --- the error handler and exit codes, with a stand-in for the reason command's handler -------


def fake_report(monkeypatch: pytest.MonkeyPatch, run: object) -> list[argparse.Namespace]:
    import dataclasses

    from peergraph.cli import registry

    calls: list[argparse.Namespace] = []

    def record(args: argparse.Namespace) -> object:
        calls.append(args)
        return run(args) if callable(run) else run

    commands = [
        dataclasses.replace(c, handler=record) if c.name == "reason" else c
        for c in registry.commands()
    ]
    assert any(c.handler is record for c in commands)
    monkeypatch.setattr(registry, "_COMMANDS", commands)
    return calls


def test_handler_receives_parsed_arguments_and_its_code_is_returned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = fake_report(monkeypatch, 1)
    assert cli.main(["reason", "a.ttl", "b", "--format", "json"]) == 1
    assert calls[0].paths == ["a.ttl", "b"] and calls[0].format == "json"


def test_peergraph_error_becomes_message_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fail(args: argparse.Namespace) -> int:
        raise InputError("bad syntax", path="data/x.ttl", line=12)

    fake_report(monkeypatch, fail)
    assert cli.main(["reason"]) == 2
    captured = capsys.readouterr()
    assert captured.err == (
        "peergraph: data/x.ttl:12: bad syntax — fix the file or argument and retry\n"
    )
    assert "Traceback" not in captured.err


def test_ctrl_c_exits_130(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(args: argparse.Namespace) -> int:
        raise KeyboardInterrupt

    fake_report(monkeypatch, interrupt)
    assert cli.main(["reason"]) == 130


def _documented_commands() -> list[str]:
    """Every ``peergraph ...`` line of the README's and docs' shell examples (comments and
    environment assignments dropped)."""
    import re
    import shlex

    root = Path(__file__).resolve().parent.parent
    found: list[str] = []
    for doc in [root / "README.md", *sorted((root / "docs").glob("*.md"))]:
        blocks = re.findall(r"```(?:sh|bash)\n(.*?)```", doc.read_text("utf-8"), re.S)
        for block in blocks:
            for line in block.splitlines():
                lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
                lexer.whitespace_split = True
                lexer.commenters = "#"
                words = list(lexer)
                # The command ends where the shell's redirections, pipes and lists begin.
                ends = [n for n, word in enumerate(words) if set(word) <= set("<>|&;")]
                words = words[: ends[0]] if ends else words
                while words and re.match(r"^[A-Z_]+=", words[0]):
                    words.pop(0)
                if words and words[0] == "peergraph":
                    found.append(shlex.join(words[1:]))
    return found


@pytest.mark.parametrize("line", _documented_commands())
def test_every_documented_command_line_parses(line: str) -> None:
    """The commands the docs show exist with the options they show (parsed, not run)."""
    import shlex

    try:
        cli.build_parser().parse_args(shlex.split(line))
    except SystemExit as exit_:  # a usage error, or --help
        assert exit_.code == 0, line
