"""The Turtle template for a new site: the valid example (``data/examples/valid/``) with the
site's namespace and name set, ready to edit statement by statement."""

from __future__ import annotations

from pathlib import Path

from peergraph import resources
from peergraph.errors import InputError

__all__ = ["TEMPLATE", "turtle_template"]

TEMPLATE = Path("examples") / "valid" / "hmp-example.ttl"


def _escape(text: str) -> str:
    """``text`` as it goes inside a Turtle string in double quotes."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def turtle_template(name: str, namespace: str) -> str:
    """The template's Turtle, in ``namespace``, its prison (and the labels that name it) called
    ``name``; the comments that introduce the made-up example are replaced by a header for the
    new site."""
    from rdflib import RDF, RDFS

    from peergraph.pg import PG
    from peergraph.rdfio import parse_file

    path = resources.data_dir() / TEMPLATE
    graph = parse_file(path)  # raises for a missing or broken template
    text = path.read_text(encoding="utf-8")
    # The template's own namespace and prison name, as the template states them.
    prison = next(iter(sorted(graph.subjects(RDF.type, PG.Prison), key=str)), None)
    label = graph.value(prison, RDFS.label) if prison is not None else None
    if prison is None or label is None:
        raise InputError(
            "the site template describes no labelled pg:Prison",
            path=path,
            hint="restore the template's prison",
        )
    iri = str(prison)
    template_namespace = iri[: max(iri.rfind("/"), iri.rfind("#")) + 1]
    template_name = str(label)
    lines = text.splitlines()
    # The template's opening comment describes the made-up HMP Example: replace it.
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    body = []
    for line in lines:
        if not line.lstrip().startswith("#"):
            line = line.replace(template_namespace, namespace)
            line = line.replace(template_name, _escape(name))
        body.append(line)
    header = [
        f"# {name}: a site graph for `peergraph validate`, made from peergraph's template",
        f"# ({TEMPLATE.as_posix()} under data/).",
        "#",
        "# Every fact below is still the template's: a made-up prison whose CFO wing meets every",
        "# commissioning requirement. State each one as it is at your site. When a requirement is",
        '# not met, say so (`false`) rather than deleting the line: the report then tells "not',
        '# met" (a Violation) from "not evidenced" (a Warning, when a line is missing).',
        "# docs/validator.md walks through each block.",
    ]
    return "\n".join(header + body) + "\n"
