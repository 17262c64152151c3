"""A query's answer, the same shape whether it ran embedded or at an endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from peergraph.errors import InputError
from peergraph.query.engines import QueryOutcome

if TYPE_CHECKING:
    from rdflib.term import Node

    from peergraph.query.library import QuerySpec

__all__ = ["Result"]


@dataclass
class Result(QueryOutcome):
    """A query's answer. Iterating gives one ``dict`` per row (variable -> rdflib term, or
    ``None`` when unbound); ``vars`` and ``rows`` hold the same as a table."""

    query: QuerySpec | None = field(default=None, repr=False)

    @classmethod
    def of(cls, outcome: QueryOutcome, query: QuerySpec | None = None) -> Result:
        return cls(
            kind=outcome.kind,
            vars=outcome.vars,
            rows=outcome.rows,
            boolean=outcome.boolean,
            graph=outcome.graph,
            query=query,
        )

    def __iter__(self) -> Iterator[dict[str, Node | None]]:
        for row in self.rows:
            yield dict(zip(self.vars, row, strict=True))

    def __len__(self) -> int:
        return len(self.rows)

    def __getitem__(self, index: int) -> dict[str, Node | None]:
        return dict(zip(self.vars, self.rows[index], strict=True))

    def __bool__(self) -> bool:
        return bool(self.boolean) if self.kind == "ask" else bool(self.rows or self.graph)

    def values(self, var: str) -> list[Node | None]:
        """One column."""
        index = self.vars.index(var)
        return [row[index] for row in self.rows]

    def to_python(self) -> list[dict[str, Any]]:
        """Rows as dicts of Python values: IRIs as ``str``, literals as their Python value."""
        return [{k: _python(v) for k, v in row.items()} for row in self]

    def to_dataframe(self) -> Any:
        """A pandas DataFrame of ``to_python()`` (needs ``pip install pandas``)."""
        try:
            import pandas
        except ImportError:
            raise InputError(
                "to_dataframe() needs pandas, which is not installed",
                hint="pip install pandas (or pip install 'peergraph[pandas]')",
            ) from None
        return pandas.DataFrame(self.to_python(), columns=list(self.vars))

    def serialize(self, format: str = "table") -> str:
        """The answer in one of the ``query`` formats of ``peergraph.render``."""
        from peergraph import render

        return render.render("query", format, self)


def _python(term: Node | None) -> Any:
    from rdflib import Literal

    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        return str(term) if isinstance(value, Literal) else value
    return str(term)
