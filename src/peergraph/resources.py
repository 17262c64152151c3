"""Where the RDF resources (ontology, data, shapes, queries) are, and reading them.

In a source checkout (including an editable install) they are the repository's top-level folders,
so edits show up at once. In an installed wheel they are copied to ``peergraph/bundled/<name>``
(see ``[tool.hatch.build.targets.wheel.force-include]`` in pyproject.toml).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = [
    "data_dir",
    "ontology_dir",
    "queries_dir",
    "query_text",
    "repository_root",
    "resource_dir",
    "shapes_dir",
]

RESOURCE_NAMES = ("ontology", "data", "shapes", "queries")

_PACKAGE_DIR = Path(__file__).resolve().parent


def repository_root() -> Path | None:
    """The source checkout's root when this package is imported from ``<root>/src/peergraph``.

    Requiring both the ``src`` layout and a ``pyproject.toml`` beside ``src`` keeps an installed
    copy that merely happens to sit under some folder named ``src`` from being mistaken for one.
    """
    src = _PACKAGE_DIR.parent
    root = src.parent
    if src.name == "src" and (root / "pyproject.toml").is_file():
        return root
    return None


def resource_dir(name: str) -> Path:
    """The folder holding the resource ``name`` (one of ``RESOURCE_NAMES``)."""
    if name not in RESOURCE_NAMES:
        raise ValueError(f"unknown resource folder {name!r}; expected one of {RESOURCE_NAMES}")
    root = repository_root()
    if root is not None:
        return root / name
    installed = resources.files("peergraph").joinpath("bundled", name)
    # Wheels are installed unpacked, so this is a real folder; anything else (a zip import)
    # would need extraction, which no supported install does.
    return Path(str(installed))


def ontology_dir() -> Path:
    """The OWL ontology (``*.ttl``)."""
    return resource_dir("ontology")


def data_dir() -> Path:
    """Reference data (roles, sites, sources) and example site graphs."""
    return resource_dir("data")


def shapes_dir() -> Path:
    """SHACL shapes for validating site graphs."""
    return resource_dir("shapes")


def queries_dir() -> Path:
    """Named SPARQL queries (``*.rq``)."""
    return resource_dir("queries")


def query_text(folder: str, name: str) -> str:
    """The SPARQL of ``queries/<folder>/<name>.rq`` (the queries the code itself runs: rules,
    routes, tables), raising ``InputError`` when the installation lacks it."""
    from peergraph.errors import InputError

    path = queries_dir() / folder / f"{name}.rq"
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"peergraph's query file is missing or unreadable ({exc.strerror or exc})",
            path=path,
            hint="reinstall peergraph (or restore the file in your checkout)",
        ) from exc
