"""Reading and writing .csv and .xlsx tables as Brazilian offices send them."""

from __future__ import annotations

import logging
import stat
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from escola_gui.core.errors import (
    CabecalhoAusenteError,
    EscolaError,
    FormatoNaoSuportadoError,
    PlanilhaIlegivelError,
    PlanilhaVaziaError,
)
from escola_gui.core.planilhas import Table, read_table, write_table


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _values(table: Table) -> list[tuple[int, tuple[object, ...]]]:
    return [(row.line, row.values) for row in table.rows]


def test_windows_1252_semicolon_csv_with_quotes_and_blank_lines(tmp_path: Path) -> None:
    # Given what Excel "CSV (separado por vírgulas)" writes on a Brazilian Windows
    path = tmp_path / "alunos.csv"
    text = (
        "Data de Nascimento;CPF;E-mail;Telefone;Nome\r\n"
        "04/03/2010;529.982.247-25;joao@escola.com.br;(11) 98765-4321;João\r\n"
        "\r\n"
        ";;;;\r\n"
        '1/2/2011;;;"(11) 3333-4444; (11) 95555-6666";"Conceição, Maria"\r\n'
    )
    path.write_bytes(text.encode("cp1252"))

    table = read_table(path)

    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert table.headers == ("Data de Nascimento", "CPF", "E-mail", "Telefone", "Nome")
    assert _values(table) == [
        (2, ("04/03/2010", "529.982.247-25", "joao@escola.com.br", "(11) 98765-4321", "João")),
        (5, ("1/2/2011", "", "", "(11) 3333-4444; (11) 95555-6666", "Conceição, Maria")),
    ]


def test_utf8_bom_comma_csv_and_quoted_line_break_keep_the_lines_the_user_sees(tmp_path: Path) -> None:
    path = tmp_path / "alunos.csv"
    text = 'nome,email\n"Ana\nMaria",ana@x.com.br\n\nJosé,jose@x.com.br\n'
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))

    table = read_table(path)

    assert (table.encoding, table.delimiter) == ("utf-8-sig", ",")
    assert table.headers == ("nome", "email")  # no BOM glued to the first header
    assert _values(table) == [(2, ("Ana\nMaria", "ana@x.com.br")), (5, ("José", "jose@x.com.br"))]


def test_plain_utf8_tab_separated_csv(tmp_path: Path) -> None:
    path = tmp_path / "alunos.CSV"
    path.write_text("Nome\tCPF\nJoão\t52998224725\n", encoding="utf-8")

    table = read_table(path)

    assert (table.encoding, table.delimiter) == ("utf-8", "\t")
    assert _values(table) == [(2, ("João", "52998224725"))]


def test_single_column_csv_and_short_rows_padded(tmp_path: Path) -> None:
    one = tmp_path / "um.csv"
    one.write_text("Nome\nJoão\n", encoding="utf-8")
    assert _values(read_table(one)) == [(2, ("João",))]

    short = tmp_path / "curto.csv"
    short.write_text("Nome;CPF;;\nJoão\n", encoding="utf-8")
    table = read_table(short)
    assert table.headers == ("Nome", "CPF")
    assert _values(table) == [(2, ("João", None))]


def test_xlsx_first_sheet_with_date_and_int_cells_and_row_numbers(tmp_path: Path) -> None:
    path = tmp_path / "alunos.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Nome", "CPF", "Data de nascimento"])
    sheet.append(["João", 1234567890, datetime(2010, 3, 4)])
    sheet.append([])
    sheet.append(["Maria", "529.982.247-25", None])
    workbook.create_sheet("Outra").append(["ignorada"])
    workbook.save(path)

    table = read_table(path)

    assert table.headers == ("Nome", "CPF", "Data de nascimento")
    assert _values(table) == [(2, ("João", 1234567890, date(2010, 3, 4))), (4, ("Maria", "529.982.247-25", None))]


def test_write_csv_brazilian_format_private_and_reads_back(tmp_path: Path) -> None:
    path = tmp_path / "saida.csv"
    rows = [["João", date(2010, 3, 4), "+55 11 98765-4321", None, True], ["=HYPERLINK(1)", None, "x;y", 7, False]]

    write_table(path, ["Nome", "Nascimento", "Telefone", "N", "Ativo"], rows)

    assert _mode(path) == 0o600
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfNome;Nascimento;Telefone;N;Ativo\r\n")
    # Excel would run cells starting with + or =: they are written as text
    assert "João;04/03/2010;'+55 11 98765-4321;;Sim\r\n'=HYPERLINK(1);;\"x;y\";7;Não\r\n" in data.decode("utf-8-sig")
    assert _values(read_table(path)) == [
        (2, ("João", "04/03/2010", "+55 11 98765-4321", "", "Sim")),
        (3, ("=HYPERLINK(1)", "", "x;y", "7", "Não")),
    ]


def test_write_xlsx_bold_header_real_dates_text_not_formulas_private(tmp_path: Path) -> None:
    path = tmp_path / "saida.xlsx"
    path.write_bytes(b"old")
    path.chmod(0o644)

    write_table(path, ["Nome", "Nascimento"], [["Conceição da Silva Pereira", date(2010, 3, 4)], ["=1+1", None]])

    assert _mode(path) == 0o600
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet["A1"].font.bold and sheet["B1"].font.bold
    assert sheet["B2"].value == datetime(2010, 3, 4) and sheet["B2"].number_format == "DD/MM/YYYY"
    assert (sheet["A3"].value, sheet["A3"].data_type) == ("=1+1", "s")
    assert sheet.column_dimensions["A"].width >= len("Conceição da Silva Pereira")
    workbook.close()
    assert _values(read_table(path)) == [(2, ("Conceição da Silva Pereira", date(2010, 3, 4))), (3, ("=1+1", None))]
    assert not list(tmp_path.glob("*.parcial"))


def test_xlsx_openpyxl_warning_about_dropped_parts_is_logged_not_raised(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Given an Excel file with a data-validation extension, which openpyxl warns it drops
    plain = tmp_path / "simples.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["Nome"])
    workbook.active.append(["João"])
    workbook.save(plain)
    path = tmp_path / "validacao.xlsx"
    extension = (
        b'<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
        b'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        b'<x14:dataValidations count="0"/></ext></extLst></worksheet>'
    )
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", extension)
            target.writestr(info, data)

    # When it is read under filterwarnings=error
    with caplog.at_level(logging.INFO, logger="escola_gui.core.planilhas"):
        table = read_table(path)

    # Then the values come through and the warning is in the log
    assert _values(table) == [(2, ("João",))]
    assert "Data Validation extension is not supported" in caplog.text


@pytest.mark.parametrize("name", ["alunos.xls", "alunos.txt", "alunos"])
def test_unknown_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("Nome\nJoão\n", encoding="utf-8")
    with pytest.raises(FormatoNaoSuportadoError, match=r"\.csv ou \.xlsx"):
        read_table(path)
    with pytest.raises(FormatoNaoSuportadoError):
        write_table(path, ["Nome"], [])


@pytest.mark.parametrize("content", [b"", b"\r\n\r\n  \n", b"\xef\xbb\xbf", b";;;\n;;\n"])
def test_empty_csv(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "vazio.csv"
    path.write_bytes(content)
    with pytest.raises(PlanilhaVaziaError, match="está vazio"):
        read_table(path)


def test_empty_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "vazio.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(PlanilhaVaziaError):
        read_table(path)


def test_missing_header(tmp_path: Path) -> None:
    path = tmp_path / "sem.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append([52998224725, datetime(2010, 3, 4)])
    workbook.save(path)
    with pytest.raises(CabecalhoAusenteError, match="cabeçalho") as info:
        read_table(path)
    assert isinstance(info.value, EscolaError)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("corrompido.xlsx", b"isto nao e um zip", "corrompido"),
        ("excel.csv", b"PK\x03\x04resto", "renomeie"),
        ("binario.csv", b"Nome\x00\x01\x02", "não é um arquivo de texto"),
        ("indecifravel.csv", b"Nome\n\x81\x8d\x8f\n", "codificação"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(PlanilhaIlegivelError, match=reason):
        read_table(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PlanilhaIlegivelError, match="não existe.csv"):
        read_table(tmp_path / "não existe.csv")


def test_write_csv_numbers_with_decimal_comma_never_escaped(tmp_path: Path) -> None:
    path = tmp_path / "notas.csv"
    rows = [
        ["Ana", Decimal("7.50"), 0.1 + 0.2, -3, datetime(2024, 3, 4, 10, 30)],
        ["Bia", Decimal("-0.5"), 10.0, 0, None],
    ]

    write_table(path, ["Nome", "Nota", "Média", "Saldo", "Data"], rows)

    assert path.read_bytes().decode("utf-8-sig").splitlines() == [
        "Nome;Nota;Média;Saldo;Data",
        "Ana;7,50;0,3;-3;04/03/2024",
        "Bia;-0,5;10;0;",
    ]


def test_write_xlsx_numbers_are_number_cells(tmp_path: Path) -> None:
    path = tmp_path / "notas.XLSX"

    write_table(path, ["Nome", "Nota", "Faltas", "CPF"], [["Ana", Decimal("7.5"), 3, "01234567890"]])

    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert (sheet["B2"].value, sheet["B2"].data_type) == (7.5, "n")
    assert (sheet["C2"].value, sheet["C2"].data_type) == (3, "n")
    assert (sheet["D2"].value, sheet["D2"].data_type) == ("01234567890", "s")  # digits stay text
    workbook.close()
