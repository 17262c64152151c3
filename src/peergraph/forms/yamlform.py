"""The site form as commented YAML: writing it, and reading a filled one.

The YAML has the namespace, then one key per block, each a list of entries (one per thing),
each entry a mapping of the block's field keys. Comments, from the same shapes as the
workbook's header comments, say what each key means and which requirement it serves.

Values are read as typed, as text: ``yes`` is the text "yes" (YAML 1.1 would make it a
boolean), and a field's kind says what the text means. A field of several values takes a list.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import Any

from peergraph.errors import InputError
from peergraph.forms.model import FormData, Place, Row, form_error
from peergraph.forms.schema import Block, Field, FormSchema, field_help
from peergraph.rdfio import read_input_bytes
from peergraph.terms import nearest

__all__ = ["read_yaml", "write_yaml"]

_WIDTH = 96
_SEVERAL = "Several: give a list."
_NULL = "tag:yaml.org,2002:null"


# ---------------------------------------------------------------------------------------------
# Writing


def _comment(text: str, indent: str) -> list[str]:
    lines = []
    for paragraph in text.split("\n"):
        wrapped = textwrap.wrap(
            paragraph,
            width=_WIDTH - len(indent) - 2,
            break_on_hyphens=False,
            break_long_words=False,
        ) or [""]
        lines += [f"{indent}# {line}".rstrip() for line in wrapped]
    return lines


def _scalar(value: str | int) -> str:
    import yaml

    if isinstance(value, int):
        return str(value)
    dumped = yaml.dump(value, Dumper=yaml.SafeDumper, allow_unicode=True, width=10**9)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def write_yaml(form: FormData, schema: FormSchema) -> str:
    """The commented YAML of ``form``; a block without rows gets one empty entry, so that every
    key is there to fill in."""
    lines = _comment(f"{schema.title}: {schema.definition}", "")
    lines.append("#")
    for paragraph in schema.instructions:
        lines += _comment(paragraph, "")
        lines.append("#")
    lines += _comment(f"{schema.namespace_key}: {schema.namespace_description}", "")
    lines.append(f"{schema.namespace_key}: {_scalar(form.namespace or '')}".rstrip())
    for block in schema.blocks:
        lines.append("")
        lines.append(f"# {'=' * (_WIDTH - 2)}")
        lines += _comment(f"{block.key}: {block.sheet}: {block.definition}", "")
        lines.append(f"# {'=' * (_WIDTH - 2)}")
        lines.append(f"{block.key}:")
        rows = form.rows_of(block.key) or [Row(block=block.key, place=Place(""))]
        for number, row in enumerate(rows):
            lines += _entry(block, row, schema, commented=number == 0)
    return "\n".join(lines) + "\n"


def _entry(block: Block, row: Row, schema: FormSchema, commented: bool) -> list[str]:
    keys: list[tuple[str, str, str, Field | None]] = []  # key, key and header, help, field
    if not block.holds_statements:
        keys.append((schema.id_key, schema.id_key, schema.id_description, None))
    for f in block.fields:
        help_text = " ".join(
            field_help(schema, f, several_texts=_SEVERAL, several_names=_SEVERAL, list_all=True)
        )
        named = f.key if f.header.replace(" ", "-").lower() == f.key else f"{f.key} ({f.header})"
        keys.append((f.key, named, help_text, f))
    lines: list[str] = []
    for index, (key, named, help_text, entry_field) in enumerate(keys):
        lead = "  - " if index == 0 else "    "
        if commented:
            lines += _comment(f"{named}: {help_text}", "  " if index == 0 else "    ")
        values: list[str] = (
            ([row.id] if row.id else []) if entry_field is None else row.values.get(key, [])
        )
        items: list[str | int] = [
            int(v) if entry_field is not None and entry_field.kind == "integer" else v
            for v in values
        ]
        if entry_field is not None and entry_field.multiple and len(items) > 1:
            lines.append(f"{lead}{key}:")
            lines += [f"      - {_scalar(item)}" for item in items]
        elif items and entry_field is not None and entry_field.kind == "boolean":
            lines.append(f"{lead}{key}: {items[0]}")  # Yes or No, as typed (read as text)
        elif items:
            lines.append(f"{lead}{key}: {_scalar(items[0])}")
        else:
            lines.append(f"{lead}{key}:")
    return lines


# ---------------------------------------------------------------------------------------------
# Reading


def read_yaml(path: str | os.PathLike[str], schema: FormSchema) -> FormData:
    """The rows of a filled YAML form; ``InputError`` with the line and key path otherwise."""
    import yaml

    p = Path(path)
    text = _read_text(p)
    hint = "give the YAML form peergraph made (peergraph new-site --out FILE.yaml), filled in"
    if not text.strip():
        raise InputError("the file is empty, not a site form", path=p, hint=hint)
    try:
        document = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError(
            f"not valid YAML: {exc.problem or exc.context}",
            path=p,
            line=mark.line + 1 if mark is not None else None,
            hint="fix the YAML (mind the indentation, and quote text that holds a colon)",
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}", path=p, hint=hint) from None
    if document is None or _is_null(document):
        raise InputError("the file holds no site form (only comments)", path=p, hint=hint)
    return _Reader(p, schema).document(document)


def _read_text(p: Path) -> str:
    data = read_input_bytes(p, kind="a site form (.yaml)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded)",
            path=p,
            line=data[: exc.start].count(b"\n") + 1,
            hint="save the file as UTF-8 and retry",
        ) from None


def _is_null(node: Any) -> bool:
    import yaml

    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL


def _line(node: Any) -> int:
    return int(node.start_mark.line) + 1


class _Reader:
    def __init__(self, path: Path, schema: FormSchema) -> None:
        self.path = path
        self.schema = schema

    def fail(self, place: Place, message: str, hint: str) -> InputError:
        return form_error(self.path, place, message, hint)

    def pairs(self, node: Any, where: str) -> list[tuple[str, Any, Any]]:
        """A mapping's (key, key node, value node), refusing duplicate and non-text keys."""
        import yaml

        if not isinstance(node, yaml.MappingNode):
            raise self.fail(
                Place(where, _line(node)),
                "expected keys and values here",
                hint="see the form peergraph new-site writes for the layout",
            )
        seen: set[str] = set()
        found = []
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            place = Place(f"{where}.{key}" if where and key else key or where, _line(key_node))
            if key is None:
                raise self.fail(place, "a key must be a plain name", hint="write key: value")
            if key in seen:
                raise self.fail(place, f"key {key!r} appears twice", hint="keep one")
            seen.add(key)
            found.append((str(key), key_node, value_node))
        return found

    def document(self, node: Any) -> FormData:
        import yaml

        form = FormData()
        blocks = {b.key: b for b in self.schema.blocks}
        known = [self.schema.namespace_key, *blocks]
        for key, key_node, value in self.pairs(node, ""):
            place = Place(key, _line(key_node))
            if key == self.schema.namespace_key:
                form.namespace = self.scalar(value, place)
                form.namespace_place = place
                continue
            block = blocks.get(key)
            if block is None:
                top = Place("", place.line)  # the key itself is the whole path
                raise self.unknown(top, key, known, "a part of the site form", "the form's parts")
            if _is_null(value):
                continue
            entries = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for number, entry in enumerate(entries, start=1):
                row = self.entry(block, entry, f"{key}[{number}]")
                if row is not None:
                    form.rows.append(row)
        return form

    def unknown(
        self, place: Place, key: str, known: list[str], what: str, listing: str
    ) -> InputError:
        close = nearest(key, known)
        suggestion = f"; did you mean {close!r}?" if close else ""
        return self.fail(
            place,
            f"{key!r} is not {what}{suggestion}",
            hint=f"{listing} are: " + ", ".join(known),
        )

    def entry(self, block: Block, node: Any, where: str) -> Row | None:
        if _is_null(node):
            return None
        row = Row(block=block.key, place=Place(where, _line(node)))
        fields = {f.key: f for f in block.fields}
        known = ([] if block.holds_statements else [self.schema.id_key]) + list(fields)
        for key, key_node, value in self.pairs(node, where):
            place = Place(f"{where}.{key}", _line(key_node))
            if key not in known:
                raise self.unknown(
                    place, key, known, f"a key of {block.key}", f"{block.key}'s keys"
                )
            row.places[key] = place
            f = fields.get(key)
            values = self.values(value, place, f)
            if not values:
                continue
            if f is None:
                if len(values) > 1:
                    raise self.fail(place, "an entry has one ID", hint="give one")
                row.id, row.id_place = values[0], place
            else:
                row.values[key] = values
        if row.id is None and not row.values:
            return None  # an empty entry, as the blank form has
        return row

    def values(self, node: Any, place: Place, f: Field | None) -> list[str]:
        import yaml

        if isinstance(node, yaml.SequenceNode):
            if f is None or not f.multiple:
                header = f.header if f is not None else self.schema.id_name
                raise self.fail(
                    place, f"{header!r} takes one value, not a list", hint="give one value"
                )
            texts = [self.scalar(item, Place(place.where, _line(item))) for item in node.value]
            return [t for t in texts if t is not None]
        text = self.scalar(node, place)
        return [] if text is None else [text]

    def scalar(self, node: Any, place: Place) -> str | None:
        import yaml

        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(
                place,
                "expected a value here, not a list or keys",
                hint="give a plain value (quote it if it holds a colon)",
            )
        if node.tag == _NULL:
            return None
        text = str(node.value).strip()
        return text or None
