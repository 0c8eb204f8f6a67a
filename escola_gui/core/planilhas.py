"""Reading and writing the tables Brazilian school offices exchange: ``.csv`` and ``.xlsx``.

Reading:

- CSV: the bytes decide the encoding. A UTF-8 (or UTF-16) byte-order mark wins; then strict
  UTF-8; then Windows-1252, which is what Excel "CSV (separado por vírgulas)" writes on a
  Brazilian Windows. The separator is ``;`` (Excel's choice with the pt-BR locale), ``,`` or
  tab, found by :class:`csv.Sniffer` restricted to those three. Quoted fields may hold
  separators and line breaks. Blank lines (and lines of separators only) are skipped. A file
  over :data:`MAX_FILE_BYTES` (64 MB) or a cell over :data:`MAX_CELL_CHARS` is refused.
- XLSX: the first sheet, values rather than formulas; date cells become :class:`date`.
  Numbers stay numbers: a CPF typed as a number arrives as ``int`` and is zero-padded by the
  import, which knows which column is the CPF.

Each data row keeps the line (CSV) or row (XLSX) number the user sees, header = 1.

Writing (:func:`write_table`, for any list the app shows): ``;``-separated UTF-8 with BOM (so
Excel shows accents), dates as dd/mm/aaaa, decimals with a comma (``7,5``) and Sim/Não for
yes/no; or an ``.xlsx`` with a bold header and real date and number cells. Files hold
children's personal data, so they are created with mode 0600.

Spreadsheet formulas: Excel runs any CSV cell that starts with ``=``, ``+``, ``-`` or ``@``
(a phone such as ``+55 11 ...`` shows as an error). Such text cells are written with a
leading apostrophe, and :func:`read_table` removes it again, so a CSV written here reads
back unchanged (text that already starts with apostrophes before such a sign, ``'=x``, gets
one more). In ``.xlsx`` those cells are stored as text, never as formulas. Numbers
(``int``, ``float``, ``Decimal``) are numbers, never escaped: ``-3`` stays ``-3``.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import logging
import os
import tempfile
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from escola_gui.core import leftovers
from escola_gui.core.errors import (
    CabecalhoAusenteError,
    FormatoNaoSuportadoError,
    PlanilhaError,
    PlanilhaIlegivelError,
    PlanilhaNaoGravadaError,
    PlanilhaVaziaError,
)
from escola_gui.core.text import format_count

log = logging.getLogger(__name__)

Cell = str | int | float | bool | date | None
"""A cell as read: CSV cells are always ``str``; XLSX cells keep their type (dates as ``date``)."""

WritableCell = Cell | Decimal
"""A cell to write: a :data:`Cell` or a ``Decimal`` (a nota, a carga horária...)."""

EXTENSIONS = (".csv", ".xlsx")
DELIMITERS = ";,\t"
DATE_FORMAT = "%d/%m/%Y"
XLSX_DATE_FORMAT = "DD/MM/YYYY"
FORMULA_PREFIXES = ("=", "+", "-", "@")
_SNIFF_BYTES = 64 * 1024
MAX_FILE_BYTES = 64 * 1024 * 1024
"""The largest CSV file :func:`read_table` reads (hundreds of thousands of alunos); checked while reading."""
MAX_ROWS = 100_000
"""The most data lines a file may have: far above any school. Checked while reading: the line
after the limit stops the reading and refuses the file."""
MAX_CELL_CHARS = 10_000
"""The longest cell; no field of the app is near it (an address is a few hundred characters)."""
MAX_COLUMNS = 200
"""The most columns a header may name (the export has 33)."""
MAX_LINE_BYTES = 8 * 1024 * 1024
"""The longest physical line of a CSV file, read at most this much at a time (200 cells of
10,000 characters of up to 4 bytes)."""
_SAMPLE_LINES = 200


# --- data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableRow:
    """One data row: its line in the file (header = 1) and one value per header."""

    line: int
    values: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    path: Path
    headers: tuple[str, ...]
    rows: tuple[TableRow, ...]
    header_line: int = 1
    encoding: str | None = None
    """CSV only: ``"utf-8-sig"``, ``"utf-8"``, ``"utf-16"`` or ``"cp1252"``."""
    delimiter: str | None = None
    """CSV only: ``";"``, ``","`` or ``"\\t"``."""
    recoded_lines: tuple[int, ...] = ()
    """CSV only: the lines of a UTF-8 file that were not UTF-8, read as Windows-1252."""


# --- reading ----------------------------------------------------------------------------


def read_table(path: Path | str) -> Table:
    """The header and data rows of a ``.csv`` or ``.xlsx`` file.

    Trailing columns without a header are dropped; rows are padded to the header's width. The
    file is read as a stream and the limits (:data:`MAX_ROWS` lines, :data:`MAX_CELL_CHARS`
    characters a cell, :data:`MAX_COLUMNS` columns) are checked while reading: a file past them
    is refused as soon as that is known, having cost little memory.

    Raises:
        FormatoNaoSuportadoError: another extension.
        PlanilhaIlegivelError: missing, unreadable, corrupt or too big a file.
        PlanilhaVaziaError: nothing but blanks in it.
        CabecalhoAusenteError: the first row has no column names.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise FormatoNaoSuportadoError(path)
    if suffix == ".csv":
        with _open_csv(path) as (encoding, delimiter, raw_rows, recoded):
            table = _build_table(path, raw_rows, encoding, delimiter)
        # In a Windows-1252 file every line with an accent is one; only a UTF-8 file has exceptions.
        return replace(table, recoded_lines=tuple(recoded) if encoding.startswith("utf-8") else ())
    with _open_xlsx(path) as raw_rows:
        return _build_table(path, raw_rows, None, None)


def _is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _too_many_rows(path: Path) -> PlanilhaIlegivelError:
    return PlanilhaIlegivelError(
        path, f"o arquivo tem mais de {format_count(MAX_ROWS)} linhas de dados; divida-o em arquivos menores"
    )


def _build_table(
    path: Path, raw_rows: Iterable[tuple[int, Sequence[Cell]]], encoding: str | None, delimiter: str | None
) -> Table:
    rows = (
        (line, values)
        for line, values in raw_rows
        if not all(v is None or (isinstance(v, str) and not v.strip()) for v in values)
    )
    first = next(rows, None)
    if first is None:
        raise PlanilhaVaziaError(path)
    header_line, header_values = first
    headers = [str(h).strip() if h is not None else "" for h in header_values]
    while headers and not headers[-1]:
        headers.pop()
    # A header names columns; a row of numbers and dates only is data without one.
    if not any(isinstance(h, str) and any(c.isalpha() for c in h) for h in header_values):
        raise CabecalhoAusenteError(path)
    width = len(headers)
    if width > MAX_COLUMNS:
        raise PlanilhaIlegivelError(
            path, f"o cabeçalho tem {format_count(width)} colunas, mais que as {format_count(MAX_COLUMNS)} aceitas"
        )
    padding = (None,) * width
    data: list[TableRow] = []
    for line, values in rows:
        if len(data) >= MAX_ROWS:
            raise _too_many_rows(path)
        kept = tuple(values[:width])
        for value in kept:
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise _cell_too_long(path, line)
        data.append(TableRow(line, kept + padding[len(kept) :]))
    return Table(path, tuple(headers), tuple(data), header_line, encoding, delimiter)


def _cell_too_long(path: Path, line: int) -> PlanilhaIlegivelError:
    return PlanilhaIlegivelError(
        path, f"a linha {line} tem uma célula com mais de {format_count(MAX_CELL_CHARS)} caracteres"
    )


def _decode_line(raw: bytes, utf8: str = "utf-8") -> tuple[str, bool]:
    """One line of a file without a UTF-16 mark: UTF-8 if it is valid UTF-8, else Windows-1252
    (which decodes any byte but five; those become U+FFFD rather than a refused file). Also
    says whether it fell back to Windows-1252."""
    try:
        return raw.decode(utf8), False
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), True


def _guess_delimiter(text: str) -> str:
    sample = text[:_SNIFF_BYTES]
    if len(text) > _SNIFF_BYTES and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first_line.count(d) for d in DELIMITERS}
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        delimiter = ""
    # The sniffer guesses from frequencies; a header line that never holds its choice
    # (a one-column file, a sample with commas inside names) is better judged by the header.
    if delimiter not in counts or (counts[delimiter] == 0 and any(counts.values())):
        best = max(DELIMITERS, key=lambda d: counts[d])  # ties keep the order of DELIMITERS: ";" first
        delimiter = best if counts[best] else ";"
    return delimiter


def _looks_like_formula(text: str) -> bool:
    """Starts with a formula prefix, after any apostrophes (so that ``'=x`` is escaped too)."""
    return text.lstrip("'").startswith(FORMULA_PREFIXES)


def _unescape_formula(value: str) -> str:
    if value.startswith("'") and _looks_like_formula(value):
        return value[1:]
    return value


def _too_big(path: Path) -> PlanilhaIlegivelError:
    return PlanilhaIlegivelError(path, "o arquivo tem mais de 64 MB; divida-o em arquivos menores")


def _text_lines(path: Path, stream: BinaryIO, recoded: list[int]) -> tuple[str, list[str], Iterator[str]]:
    """The encoding, the first decoded lines (a sample to guess the separator from) and all the
    decoded lines (line ends kept) of a CSV file, read as the csv reader asks for them.

    A UTF-16 file (it starts with its mark) is decoded whole. Any other is decoded line by line:
    UTF-8 first, Windows-1252 for a line that is not valid UTF-8, so that one line saved by
    another program never turns the other lines' accents into "GonÃ§alves". The numbers of the
    physical lines that fell back to Windows-1252 go to ``recoded``. The encoding is
    ``"utf-8-sig"`` (a UTF-8 mark), ``"cp1252"`` (no line of the sample is UTF-8 but some are
    Windows-1252) or ``"utf-8"``.
    """
    head = stream.read(4)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = head + stream.read(MAX_FILE_BYTES + 1 - len(head))
        if len(data) > MAX_FILE_BYTES:
            raise _too_big(path)
        try:
            lines = data.decode("utf-16").splitlines(keepends=True)
        except UnicodeDecodeError as exc:
            raise PlanilhaIlegivelError(path, "o texto não está em uma codificação válida") from exc
        return "utf-16", lines[:_SAMPLE_LINES], iter(lines)
    if head.startswith(b"PK\x03\x04"):
        raise PlanilhaIlegivelError(path, "é uma planilha do Excel com a extensão .csv; renomeie-o para .xlsx")
    bom = head.startswith(codecs.BOM_UTF8)
    stream.seek(len(codecs.BOM_UTF8) if bom else 0)
    state = {"number": 0, "size": 0, "utf8": False, "cp1252": False}

    def decoded(raw: bytes) -> str:
        state["number"] += 1
        state["size"] += len(raw)
        if state["size"] > MAX_FILE_BYTES:
            raise _too_big(path)
        if len(raw) > MAX_LINE_BYTES:
            raise PlanilhaIlegivelError(path, f"a linha {state['number']} é longa demais para uma linha de planilha")
        if not bom and b"\x00" in raw:  # (with a UTF-8 mark, a NUL is a bad cell, said by the import)
            raise PlanilhaIlegivelError(path, "não é um arquivo de texto")
        try:
            text = raw.decode("utf-8")
            state["utf8"] = state["utf8"] or not raw.isascii()
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError as exc:  # one of the five bytes Windows-1252 leaves undefined
                reason = (
                    f"a codificação do texto da linha {state['number']} não foi reconhecida (use UTF-8 ou Windows-1252)"
                )
                raise PlanilhaIlegivelError(path, reason) from exc
            recoded.append(state["number"])
            state["cp1252"] = True
        return text

    raw_lines = iter(lambda: stream.readline(MAX_LINE_BYTES + 1), b"")
    sample: list[str] = []
    taken = 0
    for raw in raw_lines:
        sample.append(decoded(raw))
        taken += len(raw)
        if taken >= _SNIFF_BYTES:
            break

    def rest() -> Iterator[str]:
        yield from sample
        for raw in raw_lines:
            yield decoded(raw)

    encoding = "utf-8-sig" if bom else ("cp1252" if state["cp1252"] and not state["utf8"] else "utf-8")
    return encoding, sample, rest()


@contextlib.contextmanager
def _open_csv(path: Path) -> Iterator[tuple[str, str, Iterator[tuple[int, list[Cell]]], list[int]]]:
    try:
        stream = path.open("rb")
    except OSError as exc:
        raise PlanilhaIlegivelError(path, exc) from exc
    with stream:
        recoded: list[int] = []
        try:
            encoding, sample, lines = _text_lines(path, stream, recoded)
        except OSError as exc:
            raise PlanilhaIlegivelError(path, exc) from exc
        text = "".join(sample)
        if not text.strip():
            raise PlanilhaVaziaError(path)
        delimiter = _guess_delimiter(text)
        yield encoding, delimiter, _csv_rows(path, lines, delimiter), recoded


def _csv_rows(path: Path, lines: Iterator[str], delimiter: str) -> Iterator[tuple[int, list[Cell]]]:
    reader = csv.reader(lines, delimiter=delimiter, quotechar='"', doublequote=True, strict=False)
    last_line = 0
    try:
        for record in reader:
            line = last_line + 1
            last_line = reader.line_num
            for value in record:
                if len(value) > MAX_CELL_CHARS:
                    raise _cell_too_long(path, line)
            yield line, [_unescape_formula(value) for value in record]
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise _cell_too_long(path, last_line + 1) from exc
        raise PlanilhaIlegivelError(path, f"linha {last_line + 1} com formato inválido ({exc})") from exc
    except OSError as exc:
        raise PlanilhaIlegivelError(path, exc) from exc


def _is_openpyxl_warning(message: warnings.WarningMessage) -> bool:
    return issubclass(message.category, UserWarning) and "openpyxl" in Path(message.filename).parts


@contextlib.contextmanager
def _open_xlsx(path: Path) -> Iterator[Iterator[tuple[int, list[Cell]]]]:
    """The rows of the first sheet, streamed (openpyxl's read-only mode): a row is read when
    asked for, and only the rows the caller keeps stay in memory."""
    import openpyxl

    # openpyxl warns (UserWarning) about parts of a file it does not keep: data validation,
    # conditional formatting, a missing default style. None of them changes the values read,
    # so those are logged; any other warning goes on as usual.
    with warnings.catch_warnings(record=True) as caught:
        warnings.filterwarnings("always", category=UserWarning, module=r"openpyxl(\.|$)")
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except OSError as exc:
            raise PlanilhaIlegivelError(path, exc) from exc
        except Exception as exc:  # zipfile.BadZipFile, KeyError, XML errors...: a corrupt file
            log.info("cannot open %s as xlsx", path, exc_info=True)
            raise PlanilhaIlegivelError(path, "o arquivo não é uma planilha .xlsx válida ou está corrompido") from exc
        try:
            if not workbook.worksheets:
                raise PlanilhaVaziaError(path)
            sheet = workbook.worksheets[0]
            # Some programs write a wrong size (often "A1"); read every row that is there.
            sheet.reset_dimensions()
            rows = _xlsx_rows(path, sheet)
            try:
                yield rows
            finally:
                rows.close()  # closes the sheet's stream, which workbook.close() leaves open
        finally:
            workbook.close()
    for message in caught:
        if _is_openpyxl_warning(message):
            log.info("openpyxl, reading %s: %s", path, message.message)
        else:
            warnings.warn_explicit(message.message, message.category, message.filename, message.lineno)


def _xlsx_rows(path: Path, sheet: Any) -> Iterator[tuple[int, list[Cell]]]:
    try:
        for number, values in enumerate(sheet.iter_rows(min_row=1, min_col=1, values_only=True), start=1):
            row = [_xlsx_value(value) for value in values[: MAX_COLUMNS + 1]]
            while row and row[-1] is None:
                row.pop()
            yield number, row
    except PlanilhaError:
        raise
    except Exception as exc:
        log.info("cannot read %s as xlsx", path, exc_info=True)
        raise PlanilhaIlegivelError(path, "o arquivo não é uma planilha .xlsx válida ou está corrompido") from exc


def _xlsx_value(value: object) -> Cell:
    if isinstance(value, datetime):
        return value.date()
    if value is None or isinstance(value, str | int | float | bool | date):
        return value
    return str(value)  # time, timedelta: shown as text; the import says it is not a date


# --- writing ----------------------------------------------------------------------------


def number_text(value: int | float | Decimal) -> str:
    """A number as the office writes it: ``7,5``, ``-3``, ``1234,56`` (no thousands separator)."""
    if isinstance(value, int):
        return str(value)
    # A float to 15 significant digits: 0.1 + 0.2 is 0,3, not 0,30000000000000004.
    text = format(value, ".15g") if isinstance(value, float) else format(value, "f")
    return text.replace(".", ",")


def _csv_text(value: WritableCell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Sim" if value else "Não"
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, int | float | Decimal):
        return number_text(value)
    text = str(value)
    if _looks_like_formula(text):
        return "'" + text
    return text


@contextlib.contextmanager
def _private_partial(path: Path):  # type: ignore[no-untyped-def]
    """A new 0600 file beside ``path``; moved over ``path`` when the block ends without error."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".parcial", dir=folder)
    except OSError as exc:
        raise PlanilhaNaoGravadaError(path, exc) from exc
    partial = Path(name)
    try:
        # Noted with this process's pid: a later launch removes it if this one is killed.
        with leftovers.noted_while_written(partial):
            if hasattr(os, "fchmod"):  # not on Windows before Python 3.13; mkstemp made it 0600 already
                os.fchmod(fd, 0o600)
            yield fd, partial
            os.chmod(partial, 0o600)
            os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise PlanilhaNaoGravadaError(path, exc) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_table(path: Path | str, headers: Sequence[str], rows: Iterable[Sequence[WritableCell]]) -> Path:
    """Write ``headers`` and ``rows`` to a new ``.csv`` or ``.xlsx`` file (mode 0600), chosen
    by the extension (any case).

    CSV: ``;``, UTF-8 with BOM, CRLF, dates dd/mm/aaaa, decimals with a comma, Sim/Não.
    XLSX: date cells shown dd/mm/aaaa, number cells, text cells (never formulas).
    The file appears complete or not at all: it is written beside ``path`` and then renamed.

    Raises:
        FormatoNaoSuportadoError: another extension.
        PlanilhaNaoGravadaError: the folder cannot be written (no space, no permission...), or
            an ``.xlsx`` would hold a control character, which the format does not allow.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise FormatoNaoSuportadoError(path)
    if suffix == ".csv":
        with _private_partial(path) as (fd, _partial), open(fd, "w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(stream, delimiter=";", quotechar='"', lineterminator="\r\n")
            writer.writerow(list(headers))
            writer.writerows([_csv_text(value) for value in row] for row in rows)
    else:
        from openpyxl.utils.exceptions import IllegalCharacterError

        try:
            workbook = _make_workbook(headers, rows)
        except IllegalCharacterError as exc:
            # Values saved before control characters were refused (or by an older version).
            reason = "um texto tem caracteres de controle, que o formato .xlsx não aceita; exporte em .csv"
            raise PlanilhaNaoGravadaError(path, reason) from exc
        with _private_partial(path) as (fd, partial):
            os.close(fd)
            workbook.save(partial)
    return path


def write_beside(table: Table, suffix: str, extra_header: str, rows: Iterable[tuple[TableRow, str]]) -> Path:
    """A new CSV file beside ``table``'s with its header plus ``extra_header`` and the given rows,
    each with one more cell: ``<nome>-<suffix>.csv`` (``-2``, ``-3``... when that one exists; an
    existing file is never replaced). Mode 0600.

    The encoding and the separator are the table's (a ``.xlsx`` gives UTF-8 with BOM and ``;``),
    so that the file opens as the original did; UTF-8 with BOM if a value does not fit the
    original encoding. Values are written as :func:`write_table` writes them.

    Raises:
        PlanilhaNaoGravadaError: the folder cannot be written.
    """
    delimiter = table.delimiter or ";"
    encoding = table.encoding or "utf-8-sig"
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, quotechar='"', lineterminator="\r\n")
    writer.writerow([*table.headers, extra_header])
    for row, extra in rows:
        writer.writerow([*(_csv_text(value) for value in row.values), extra])
    text = buffer.getvalue()
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8-sig")
    folder = table.path.parent
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for number in range(1, 1000):
        name = f"{table.path.stem}-{suffix}.csv" if number == 1 else f"{table.path.stem}-{suffix}-{number}.csv"
        target = folder / name
        try:
            fd = os.open(target, flags, 0o600)
        except FileExistsError:
            continue
        except OSError as exc:
            raise PlanilhaNaoGravadaError(target, exc) from exc
        try:
            with open(fd, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(target, 0o600)
        except OSError as exc:
            target.unlink(missing_ok=True)
            raise PlanilhaNaoGravadaError(target, exc) from exc
        return target
    raise PlanilhaNaoGravadaError(folder / f"{table.path.stem}-{suffix}.csv", "já há arquivos demais com este nome")


def _make_workbook(headers: Sequence[str], rows: Iterable[Sequence[WritableCell]]):  # type: ignore[no-untyped-def]
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = [len(str(h)) for h in headers]
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column)
            if isinstance(value, date):
                cell.value = value
                cell.number_format = XLSX_DATE_FORMAT
                shown = 10
            elif isinstance(value, str):
                cell.value = value
                cell.data_type = "s"  # text starting with "=" is kept as text, not a formula
                shown = len(value)
            else:
                cell.value = value
                shown = len(_csv_text(value))
            if column > len(widths):
                widths.append(0)
            widths[column - 1] = max(widths[column - 1], shown)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width + 2, 10), 60)
    sheet.freeze_panes = "A2"
    return workbook


__all__ = [
    "Cell",
    "Table",
    "TableRow",
    "WritableCell",
    "number_text",
    "read_table",
    "write_beside",
    "write_table",
]
