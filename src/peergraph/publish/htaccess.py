"""Content negotiation for the published IRIs: an Apache ``.htaccess`` for a release folder.

The release folder mirrors the IRIs under ``vocab.BASE`` (``ontology.ttl`` for the ontology,
``data/sites/hmp-risley.ttl`` for a site), so the rules only have to pick the file of the
format asked for. Each resource answers a 303 redirect (the IRI names the thing, the file
describes it): Turtle, JSON-LD, RDF/XML or N-Triples by the Accept header, else HTML where
there is a page, else Turtle. Placed in the folder ``BASE`` points to (or with ``files_url``
the hosting location, for a redirecting service such as w3id.org).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = ["ACCEPTED", "Resource", "htaccess"]

# Accept header pattern -> the suffix it selects, tried in this order.
ACCEPTED: tuple[tuple[str, str], ...] = (
    ("text/turtle", ".ttl"),
    ("application/ld\\+json", ".jsonld"),
    ("application/rdf\\+xml", ".rdf"),
    ("application/n-triples", ".nt"),
    ("application/trig", ".trig"),
)


@dataclass(frozen=True)
class Resource:
    """A published IRI's path pattern under ``BASE`` (a regular expression, ``$1`` usable in the
    target) and the file, without suffix, that describes it."""

    pattern: str
    target: str
    comment: str


def htaccess(
    resources: Sequence[Resource], suffixes: Mapping[str, Sequence[str]], *, files_url: str = ""
) -> str:
    """The ``.htaccess`` text: ``suffixes`` maps each resource target to the suffixes it has in
    the release (``.html`` among them where there is a page)."""
    lines = [
        "# Content negotiation for the peergraph IRIs (written by `peergraph export`).",
        "# Each IRI redirects (303 See Other) to the file describing it, in the format the",
        "# Accept header asks for; HTML where there is a page, else Turtle.",
        "Options -MultiViews",
        "AddType text/turtle .ttl",
        "AddType application/n-triples .nt",
        "AddType application/ld+json .jsonld",
        "AddType application/rdf+xml .rdf",
        "AddType application/trig .trig",
        "AddType application/xml .xml",
        "AddCharset utf-8 .ttl .nt .jsonld .rdf .trig .html",
        "RewriteEngine on",
        "",
    ]
    for resource in resources:
        have = suffixes.get(resource.target, ())
        lines.append(f"# {resource.comment}")
        for accept, suffix in ACCEPTED:
            if suffix in have:
                lines.append(f"RewriteCond %{{HTTP_ACCEPT}} {accept}")
                lines.append(
                    f"RewriteRule ^{resource.pattern}$ {files_url}{resource.target}{suffix}"
                    " [R=303,L]"
                )
        fallback = next((s for s in (".html", ".ttl") if s in have), have[0] if have else ".ttl")
        lines.append(
            f"RewriteRule ^{resource.pattern}$ {files_url}{resource.target}{fallback} [R=303,L]"
        )
        lines.append("")
    return "\n".join(lines)
