"""A filled form as the readers give it and the writers take it: rows of texts, each with the
place it was read from (a workbook cell, a YAML line and key path), so that every error can say
where it is."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from peergraph.errors import InputError

__all__ = ["FormData", "Place", "Row", "form_error"]


@dataclass(frozen=True)
class Place:
    """Where a value was read: ``sheet Roles, cell C4`` or ``roles[2].continuum-role`` (line 31)."""

    where: str
    line: int | None = None


@dataclass
class Row:
    """One row of a block: its ID and, per field key, its values (texts, as typed)."""

    block: str  # the block's key
    place: Place
    id: str | None = None
    id_place: Place | None = None
    values: dict[str, list[str]] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)

    def place_of(self, key: str) -> Place:
        return self.places.get(key, self.place)


@dataclass
class FormData:
    """A form's content: the site's namespace and the rows of every block, in order."""

    namespace: str | None = None
    namespace_place: Place | None = None
    rows: list[Row] = field(default_factory=list)

    def rows_of(self, block: str) -> list[Row]:
        return [r for r in self.rows if r.block == block]


def form_error(
    path: str | os.PathLike[str] | None, place: Place | None, message: str, hint: str
) -> InputError:
    """``anytown.xlsx: sheet Roles, cell C4: 'x' is not a continuum role — hint``."""
    text = f"{place.where}: {message}" if place is not None and place.where else message
    return InputError(text, path=path, line=place.line if place else None, hint=hint)
