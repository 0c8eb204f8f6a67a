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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from escola_gui.core import leftovers
from escola_gui.core.errors import EscolaError

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
"""The largest CSV file :func:`read_table` reads: a CSV is read whole into memory (a few times its
size once decoded and split), so a bigger file is refused rather than risk exhausting it.
64 MB is hundreds of thousands of alunos."""
MAX_CELL_CHARS = csv.field_size_limit()
"""The longest CSV cell (Python's csv default, 131072 characters); no field of the app is near it."""


# --- errors -----------------------------------------------------------------------------


class PlanilhaError(EscolaError):
    """A table file that cannot be used; ``user_message`` says why, in Portuguese."""


class FormatoNaoSuportadoError(PlanilhaError):
    def __init__(self, path: Path) -> None:
        extra = ""
        if path.suffix.lower() in (".xls", ".ods"):
            extra = " Abra-o no Excel ou no LibreOffice e salve como Pasta de Trabalho do Excel (.xlsx)."
        super().__init__(
            f"O arquivo {path.name} não é uma planilha que o Escola lê. Use um arquivo .csv ou .xlsx.{extra}"
        )


class PlanilhaIlegivelError(PlanilhaError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"Não foi possível ler o arquivo {path.name}: {reason}.")
        self.reason = reason


class PlanilhaVaziaError(PlanilhaError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"O arquivo {path.name} está vazio.")


class CabecalhoAusenteError(PlanilhaError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"O arquivo {path.name} não tem cabeçalho: a primeira linha deve trazer os nomes das colunas, "
            "como Nome, CPF, E-mail, Data de nascimento."
        )


class PlanilhaNaoGravadaError(PlanilhaError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"Não foi possível gravar o arquivo {path.name}: {reason}. Nada foi gravado.")


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


# --- reading ----------------------------------------------------------------------------


def read_table(path: Path | str) -> Table:
    """The header and data rows of a ``.csv`` or ``.xlsx`` file.

    Trailing columns without a header are dropped; rows are padded to the header's width.

    Raises:
        FormatoNaoSuportadoError: another extension.
        PlanilhaIlegivelError: missing, unreadable or corrupt file.
        PlanilhaVaziaError: nothing but blanks in it.
        CabecalhoAusenteError: the first row has no column names.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise FormatoNaoSuportadoError(path)
    if suffix == ".csv":
        encoding, delimiter, raw_rows = _read_csv(path)
    else:
        encoding, delimiter, raw_rows = None, None, _read_xlsx(path)
    return _build_table(path, raw_rows, encoding, delimiter)


def _is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _build_table(
    path: Path, raw_rows: Iterable[tuple[int, Sequence[Cell]]], encoding: str | None, delimiter: str | None
) -> Table:
    rows = [(line, values) for line, values in raw_rows if not all(_is_blank(v) for v in values)]
    if not rows:
        raise PlanilhaVaziaError(path)
    header_line, header_values = rows[0]
    headers = [str(h).strip() if h is not None else "" for h in header_values]
    while headers and not headers[-1]:
        headers.pop()
    # A header names columns; a row of numbers and dates only is data without one.
    if not any(isinstance(h, str) and any(c.isalpha() for c in h) for h in header_values):
        raise CabecalhoAusenteError(path)
    width = len(headers)
    data = tuple(
        TableRow(line, tuple(values[:width]) + (None,) * (width - len(values[:width]))) for line, values in rows[1:]
    )
    return Table(path, tuple(headers), data, header_line, encoding, delimiter)


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise PlanilhaIlegivelError(path, "o texto não está em uma codificação válida") from exc
    if data.startswith(b"PK\x03\x04"):
        raise PlanilhaIlegivelError(path, "é uma planilha do Excel com a extensão .csv; renomeie-o para .xlsx")
    if b"\x00" in data:
        raise PlanilhaIlegivelError(path, "não é um arquivo de texto")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise PlanilhaIlegivelError(path, "a codificação do texto não foi reconhecida (use UTF-8 ou Windows-1252)")


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


def _read_csv(path: Path) -> tuple[str, str, list[tuple[int, list[Cell]]]]:
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise PlanilhaIlegivelError(path, exc.strerror or str(exc)) from exc
    if len(data) > MAX_FILE_BYTES:
        raise PlanilhaIlegivelError(path, "o arquivo tem mais de 64 MB; divida-o em arquivos menores")
    if not data.strip():
        raise PlanilhaVaziaError(path)
    text, encoding = _decode(path, data)
    delimiter = _guess_delimiter(text)
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', doublequote=True, strict=False
    )
    rows: list[tuple[int, list[Cell]]] = []
    last_line = 0
    try:
        for record in reader:
            rows.append((last_line + 1, [_unescape_formula(value) for value in record]))
            last_line = reader.line_num
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            reason = f"a linha {last_line + 1} tem uma célula com mais de {MAX_CELL_CHARS} caracteres"
            raise PlanilhaIlegivelError(path, reason) from exc
        raise PlanilhaIlegivelError(path, f"linha {last_line + 1} com formato inválido ({exc})") from exc
    return encoding, delimiter, rows


def _is_openpyxl_warning(message: warnings.WarningMessage) -> bool:
    return issubclass(message.category, UserWarning) and "openpyxl" in Path(message.filename).parts


def _read_xlsx(path: Path) -> list[tuple[int, list[Cell]]]:
    import openpyxl

    rows: list[tuple[int, list[Cell]]] = []
    # openpyxl warns (UserWarning) about parts of a file it does not keep: data validation,
    # conditional formatting, a missing default style. None of them changes the values read,
    # so those are logged; any other warning goes on as usual.
    with warnings.catch_warnings(record=True) as caught:
        warnings.filterwarnings("always", category=UserWarning, module=r"openpyxl(\.|$)")
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except OSError as exc:
            raise PlanilhaIlegivelError(path, exc.strerror or str(exc)) from exc
        except Exception as exc:  # zipfile.BadZipFile, KeyError, XML errors...: a corrupt file
            log.info("cannot open %s as xlsx", path, exc_info=True)
            raise PlanilhaIlegivelError(path, "o arquivo não é uma planilha .xlsx válida ou está corrompido") from exc
        try:
            if not workbook.worksheets:
                raise PlanilhaVaziaError(path)
            sheet = workbook.worksheets[0]
            # Some programs write a wrong size (often "A1"); read every row that is there.
            sheet.reset_dimensions()
            for number, values in enumerate(sheet.iter_rows(min_row=1, min_col=1, values_only=True), start=1):
                rows.append((number, [_xlsx_value(value) for value in values]))
        except PlanilhaError:
            raise
        except Exception as exc:
            log.info("cannot read %s as xlsx", path, exc_info=True)
            raise PlanilhaIlegivelError(path, "o arquivo não é uma planilha .xlsx válida ou está corrompido") from exc
        finally:
            workbook.close()
    for message in caught:
        if _is_openpyxl_warning(message):
            log.info("openpyxl, reading %s: %s", path, message.message)
        else:
            warnings.warn_explicit(message.message, message.category, message.filename, message.lineno)
    return rows


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
        raise PlanilhaNaoGravadaError(path, exc.strerror or str(exc)) from exc
    partial = Path(name)
    try:
        # Noted with this process's pid: a later launch removes it if this one is killed.
        with leftovers.noted_while_written(partial):
            os.fchmod(fd, 0o600)
            yield fd, partial
            os.chmod(partial, 0o600)
            os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise PlanilhaNaoGravadaError(path, exc.strerror or str(exc)) from exc
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
    "CabecalhoAusenteError",
    "FormatoNaoSuportadoError",
    "PlanilhaError",
    "PlanilhaIlegivelError",
    "PlanilhaNaoGravadaError",
    "PlanilhaVaziaError",
    "Table",
    "TableRow",
    "WritableCell",
    "number_text",
    "read_table",
    "write_table",
]
