"""The site form as a workbook (``.xlsx``, openpyxl): writing it, and reading a filled one.

The instructions sheet comes first (with the site's namespace in a named cell), then one sheet
per block: a header row whose cells' comments say what each column means and which
requirement it serves, one row per thing, drop-down lists (data validation) for every closed
choice. The lists themselves are on a hidden sheet, behind named ranges, so that no list meets
the 255-character limit of a list written into the validation itself.

Reading takes what is typed: a formula is refused with its cell named (a formula's value is
not stored by the workbooks peergraph writes, so there is nothing reliable to read), and so is
a date where a text is meant. Booleans may be typed Yes/No or TRUE/FALSE, numbers as text.
"""

from __future__ import annotations

import datetime
import io
import os
import warnings
import zipfile
from pathlib import Path
from typing import Any

from peergraph.errors import InputError
from peergraph.forms.model import FormData, Place, Row, form_error
from peergraph.forms.schema import Block, Field, FormSchema, field_help
from peergraph.rdfio import read_input_bytes
from peergraph.terms import nearest

__all__ = ["read_workbook", "write_workbook"]

DATA_ROWS = 500  # rows below the header that get the drop-down lists
_AUTHOR = "peergraph"
_SEVERAL_TEXTS = "Several: put one per line (Alt+Enter in a cell)."
_SEVERAL_NAMES = "Several: separate them with semicolons."
_NAMESPACE_CELL = "B3"


def _range_name(key: str) -> str:
    """A name Excel and LibreOffice accept for a defined name (letters, digits, _)."""
    return "form_" + key.replace("-", "_")


# ---------------------------------------------------------------------------------------------
# Writing


def write_workbook(form: FormData, schema: FormSchema) -> bytes:
    """The workbook of ``form`` (a blank form: only the prison's name and the namespace)."""
    from openpyxl import Workbook

    book = Workbook()
    instructions = book.active
    instructions.title = schema.instructions_sheet
    _write_instructions(book, instructions, form, schema)
    lists = _Lists(book, schema)
    for block in schema.blocks:
        _write_block(book.create_sheet(block.sheet), block, form, schema, lists)
    lists.sheet.sheet_state = "hidden"
    book.move_sheet(lists.sheet, offset=len(book.sheetnames))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _write_instructions(book: Any, sheet: Any, form: FormData, schema: FormSchema) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font
    from openpyxl.workbook.defined_name import DefinedName

    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 110
    sheet["A1"] = schema.title
    sheet["A1"].font = Font(bold=True, size=14)
    label = sheet["A3"]
    label.value = schema.namespace_name
    label.font = Font(bold=True)
    label.comment = _comment(schema.namespace_description)
    namespace = sheet[_NAMESPACE_CELL]
    namespace.value = form.namespace or ""
    namespace.comment = Comment(schema.namespace_description, _AUTHOR)
    book.defined_names[_range_name(schema.namespace_key)] = DefinedName(
        _range_name(schema.namespace_key),
        attr_text=f"{_quoted(sheet.title)}!${_NAMESPACE_CELL[0]}${_NAMESPACE_CELL[1:]}",
    )
    row = 5
    for paragraph in schema.instructions:
        cell = sheet.cell(row=row, column=2, value=paragraph)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[row].height = 15 * (1 + len(paragraph) // 100)
        row += 1
    row += 1
    for block in schema.blocks:
        sheet.cell(row=row, column=1, value=block.sheet).font = Font(bold=True)
        cell = sheet.cell(row=row, column=2, value=block.definition)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        row += 1


def _quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def _comment(text: str) -> Any:
    from openpyxl.comments import Comment

    comment = Comment(text, _AUTHOR)
    comment.width = 360
    comment.height = max(80, 16 * (2 + len(text) // 55))
    return comment


class _Lists:
    """The hidden sheet of drop-down lists, one column (and one defined name) per list."""

    def __init__(self, book: Any, schema: FormSchema) -> None:
        self.book = book
        self.sheet = book.create_sheet(schema.lists_sheet)
        self.names: dict[tuple[str, ...], str] = {}

    def name(self, key: str, tokens: tuple[str, ...]) -> str:
        from openpyxl.utils import get_column_letter
        from openpyxl.workbook.defined_name import DefinedName

        if tokens in self.names:
            return self.names[tokens]
        column = len(self.names) + 1
        letter = get_column_letter(column)
        self.sheet.cell(row=1, column=column, value=key)
        for index, token in enumerate(tokens, start=2):
            _set_text(self.sheet.cell(row=index, column=column), token)
        name = _range_name(key)
        reference = f"{_quoted(self.sheet.title)}!${letter}$2:${letter}${len(tokens) + 1}"
        self.book.defined_names[name] = DefinedName(name, attr_text=reference)
        self.names[tokens] = name
        return name


def _set_text(cell: Any, text: str) -> None:
    """A text cell, even when the text starts with = (which openpyxl would take for a formula)."""
    cell.value = text
    cell.data_type = "s"


def _write_block(
    sheet: Any, block: Block, form: FormData, schema: FormSchema, lists: _Lists
) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    columns: list[tuple[str, str, str, Field | None]] = []  # key, header, help, field
    if not block.holds_statements:
        columns.append((schema.id_key, schema.id_name, schema.id_description, None))
    for f in block.fields:
        help_text = "\n\n".join(
            field_help(
                schema,
                f,
                several_texts=_SEVERAL_TEXTS,
                several_names=_SEVERAL_NAMES,
                list_all=False,
            )
        )
        columns.append((f.key, f.header, help_text, f))
    rows = form.rows_of(block.key)
    for index, (_key, header, help_text, column) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=header)
        cell.font = Font(bold=True)
        cell.comment = _comment(f"{header}: {help_text}")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = min(45, max(14, len(header) + 4))
        if column is not None:
            _validate_column(sheet, letter, column, block, schema, lists)
    sheet.freeze_panes = "B2" if not block.holds_statements else "A2"
    for number, row in enumerate(rows, start=2):
        for index, (key, _header, _help, column) in enumerate(columns, start=1):
            values = row.values.get(key, []) if column is not None else [row.id] if row.id else []
            if not values:
                continue
            cell = sheet.cell(row=number, column=index)
            if column is not None and column.kind == "integer":
                cell.value = int(values[0])
                continue
            joiner = "\n" if column is not None and column.kind == "text" else "; "
            _set_text(cell, joiner.join(values))
            if "\n" in str(cell.value) or len(str(cell.value)) > 45:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _validate_column(
    sheet: Any, letter: str, f: Field, block: Block, schema: FormSchema, lists: _Lists
) -> None:
    """A drop-down list for the column: the closed choices (a wrong value is refused, or for
    a column of several values only warned of); for a column that rows of the form may fill,
    the names peergraph knows, or else the IDs of the sheet whose rows fill it (any value is
    accepted there, and checked when the form is read)."""
    from openpyxl.worksheet.datavalidation import DataValidation

    if f.kind == "boolean":
        tokens: tuple[str, ...] = (schema.true_name, schema.false_name)
    elif f.kind in ("choice", "kind", "node") and f.choices:
        tokens = tuple(c.token for c in f.choices)
    elif f.kind == "node" and f.accepts_rows:
        producer = next(
            b for b in schema.row_blocks if f.node_class and schema.is_a(b.types, f.node_class)
        )
        formula = f"={_quoted(producer.sheet)}!$A$2:$A${DATA_ROWS + 1}"
        _add_validation(
            sheet, letter, DataValidation(type="list", formula1=formula), "information", f
        )
        return
    else:
        return
    name = lists.name(f"{block.key}-{f.key}" if f.kind != "boolean" else "yes-no", tokens)
    # Booleans: a warning only, so that TRUE and FALSE typed by hand stay possible.
    strict = f.closed and not f.multiple and f.kind != "boolean"
    style = "stop" if strict else ("warning" if f.closed or f.kind == "boolean" else "information")
    _add_validation(sheet, letter, DataValidation(type="list", formula1=f"={name}"), style, f)


def _add_validation(sheet: Any, letter: str, validation: Any, style: str, f: Field) -> None:
    validation.allow_blank = True
    validation.errorStyle = style
    validation.showErrorMessage = True
    validation.errorTitle = f.header[:32]
    validation.error = (
        "Choose a value from the list."
        if style == "stop"
        else "Not in the list: peergraph checks it when it reads the form."
    )
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{DATA_ROWS + 1}")


# ---------------------------------------------------------------------------------------------
# Reading


def read_workbook(path: str | os.PathLike[str], schema: FormSchema) -> FormData:
    """The rows of a filled workbook; ``InputError`` naming the sheet and cell otherwise."""
    book = _open(Path(path))
    form = FormData()
    sheets = {b.sheet: b for b in schema.blocks}
    own = {schema.instructions_sheet, schema.lists_sheet}
    for name in book.sheetnames:
        if name in own:
            continue
        block = sheets.get(name)
        if block is None:
            # A renamed sheet: the one sheet of the form the workbook lacks, else the nearest.
            missing = [s for s in sheets if s not in book.sheetnames]
            close = nearest(name, [*sheets, *own])
            if close is None and len(missing) == 1:
                close = missing[0]
            suggestion = f"; did you mean {close!r}?" if close else ""
            raise form_error(
                path,
                None,
                f"sheet {name!r} is not a sheet of the site form{suggestion}",
                hint="the form's sheets are " + ", ".join(sheets) + " (give it its name back)",
            )
        form.rows.extend(_read_sheet(path, book[name], block, schema))
    form.namespace, form.namespace_place = _namespace(book, schema)
    return form


def _open(path: Path) -> Any:
    from openpyxl import load_workbook

    data = read_input_bytes(path, kind="a site form (.xlsx)")
    hint = "give the workbook peergraph made (peergraph new-site --out FILE.xlsx), filled in"
    if not data.strip():
        raise InputError("the file is empty, not a workbook", path=path, hint=hint)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError("not a workbook (.xlsx): it is not a zip archive", path=path, hint=hint)
    try:
        with warnings.catch_warnings():
            # openpyxl warns of workbook features it does not read (extensions, styles).
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken archive
        raise InputError(
            f"not a workbook openpyxl can read ({type(exc).__name__}: {exc})", path=path, hint=hint
        ) from exc


def _namespace(book: Any, schema: FormSchema) -> tuple[str | None, Place]:
    """The namespace cell, found by its defined name, else by its label on the first sheet."""
    sheet_name = schema.instructions_sheet
    coordinate = _NAMESPACE_CELL
    defined = book.defined_names.get(_range_name(schema.namespace_key))
    if defined is not None:
        for title, cells in defined.destinations:
            if title in book.sheetnames:
                sheet_name, coordinate = title, cells.replace("$", "")
                break
    elif sheet_name in book.sheetnames:
        for row in book[sheet_name].iter_rows(min_col=1, max_col=1):
            if isinstance(row[0].value, str) and row[0].value.strip() == schema.namespace_name:
                coordinate = f"B{row[0].row}"
                break
    place = Place(f"sheet {sheet_name}, cell {coordinate}")
    if sheet_name not in book.sheetnames:
        return None, place
    text = _cell_text(book[sheet_name][coordinate], schema, place, "")
    return text, place


def _cell_text(cell: Any, schema: FormSchema, place: Place, path: Any) -> str | None:
    """What a cell holds, as text (None when empty)."""
    value = cell.value
    if value is None:
        return None
    if cell.data_type == "f" or type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
        text = value if isinstance(value, str) else getattr(value, "text", "")
        # LibreOffice saves a TRUE or FALSE typed in a cell as the formula =TRUE() or =FALSE(),
        # whose value is that constant: read it as typed.
        constant = text.replace(" ", "").upper().removesuffix("()")
        if constant in ("=TRUE", "=FALSE"):
            return schema.true_name if constant == "=TRUE" else schema.false_name
        raise form_error(
            path,
            place,
            f"holds a formula ({text}), whose value the form cannot read",
            hint="type the value itself in the cell",
        )
    if cell.data_type == "e":
        raise form_error(path, place, f"holds an error value ({value})", hint="type the value")
    if isinstance(value, bool):
        return schema.true_name if value else schema.false_name
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time | datetime.timedelta):
        raise form_error(
            path,
            place,
            f"holds a date or time ({value}), not what the column takes",
            hint="type the text itself (format the cell as text if the spreadsheet changes it)",
        )
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def _split(f: Field | None, text: str) -> list[str]:
    """A cell's values: one per line for a text field of several values; separated by
    semicolons (or lines) for names; the whole cell otherwise."""
    if (
        f is None
        or f.kind in ("boolean", "integer", "term")
        or (f.kind == "text" and not f.multiple)
    ):
        return [text]
    parts = text.split("\n") if f.kind == "text" else text.replace("\n", ";").split(";")
    return [p.strip() for p in parts if p.strip()]


def _read_sheet(path: Any, sheet: Any, block: Block, schema: FormSchema) -> list[Row]:
    by_header: dict[str, Field | None] = {f.header: f for f in block.fields}
    if not block.holds_statements:
        by_header[schema.id_name] = None
    columns: dict[int, Field | None] = {}
    seen: set[str] = set()
    for cell in next(sheet.iter_rows(min_row=1, max_row=1), ()):
        place = Place(f"sheet {sheet.title}, cell {cell.coordinate}")
        header = _cell_text(cell, schema, place, path)
        if header is None:
            continue
        if header not in by_header:
            known = [h for h in by_header if h not in seen]
            close = nearest(header, known)
            suggestion = f"; did you mean {close!r}?" if close else ""
            raise form_error(
                path,
                place,
                f"column {header!r} is not a column of {sheet.title}{suggestion}",
                hint="the columns are " + ", ".join(by_header) + " (give it its header back)",
            )
        if header in seen:
            raise form_error(path, place, f"column {header!r} appears twice", hint="keep one")
        seen.add(header)
        columns[cell.column] = by_header[header]
    rows: list[Row] = []
    for cells in sheet.iter_rows(min_row=2):
        row = Row(block=block.key, place=Place(f"sheet {sheet.title}, row {cells[0].row}"))
        filled = False
        for cell in cells:
            place = Place(f"sheet {sheet.title}, cell {cell.coordinate}")
            if cell.column not in columns:
                if _cell_text(cell, schema, place, path) is not None:
                    raise form_error(
                        path,
                        place,
                        "a value in a column with no header",
                        hint="give the column one of the form's headers, or clear the cell",
                    )
                continue
            f = columns[cell.column]
            key = schema.id_key if f is None else f.key
            row.places[key] = place
            text = _cell_text(cell, schema, place, path)
            if text is None:
                continue
            filled = True
            if f is None:
                row.id, row.id_place = text, place
            else:
                row.values[f.key] = _split(f, text)
        if filled:
            rows.append(row)
    return rows
