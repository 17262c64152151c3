"""The reasoner's report: text for people, JSON for tools."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from peergraph.render import renderer

if TYPE_CHECKING:
    from peergraph.reasoning.report import ReasoningReport


@renderer("reasoning", "text")
def _text(report: ReasoningReport) -> str:
    return report.to_text()


@renderer("reasoning", "json")
def _json(report: ReasoningReport) -> str:
    return json.dumps(report.to_json(), indent=2) + "\n"
