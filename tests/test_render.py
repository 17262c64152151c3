"""The render registry: the one list of output formats, which the command line reads."""

from __future__ import annotations

import copy

import pytest

from peergraph import cli, render


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> None:
    render.formats("report")  # load the renderer modules first
    monkeypatch.setattr(render, "_REGISTRY", copy.deepcopy(render._REGISTRY))


def test_every_kind_has_its_formats() -> None:
    assert render.formats("report") == ("text", "json", "turtle", "csv", "html", "xlsx")
    assert render.formats("summary") == ("text",)
    assert render.formats("scorecard") == ("text", "csv", "html", "xlsx")
    assert render.formats("query") == ("table", "csv", "json", "tsv")
    assert render.formats("routes") == ("text", "json", "csv", "mermaid")
    assert render.formats("map") == ("svg", "html", "mermaid")
    assert render.formats("table") == ("csv", "tsv", "markdown")
    assert render.formats("reasoning") == ("text", "json")


@pytest.mark.usefixtures("registry")
def test_a_new_format_is_one_function_and_the_command_line_offers_it() -> None:
    @render.renderer("report", "shout")
    def _shout(report: object) -> str:
        return "REPORT\n"

    args = cli.build_parser().parse_args(["validate", "x.ttl", "--format", "shout"])
    assert args.format == "shout"
    assert render.render("report", "shout", object()) == "REPORT\n"


def test_an_unknown_format_is_an_input_error_and_a_value_error() -> None:
    with pytest.raises(render.UnknownFormatError, match="use one of: text, csv, html"):
        render.render("scorecard", "pdf", object())
    assert issubclass(render.UnknownFormatError, ValueError)
