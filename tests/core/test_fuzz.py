"""Bad input everywhere (issue 4): hypothesis throws long, control, emoji, NUL, SQL and
wrongly encoded text at the validators, the aluno service and the CSV/XLSX import.

Every value is either refused with a Portuguese reason or stored and shown back exactly.
"""

from __future__ import annotations

import contextlib
import csv
import io
import itertools
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from escola_gui.core import db, planilhas
from escola_gui.core import documentos as doc
from escola_gui.core import validation as v
from escola_gui.core.alunos import AlunoData, AlunoService
from escola_gui.core.errors import PlanilhaError, PlanilhaIlegivelError, PlanilhaNaoGravadaError, ValidationError
from escola_gui.core.importacao.errors import ImportacaoError
from escola_gui.core.importacao.flow import apply, preview
from escola_gui.core.planilhas import MAX_CELL_CHARS, read_table, write_table

TODAY = date(2024, 6, 1)
SQL = ("'; DROP TABLE alunos; --", "Robert'); DELETE FROM alunos WHERE ('1'='1", '" OR 1=1 --', "%_\\")
NASTY = ("\x00", "\x1b[31m", "\r\n", "\u200b", "\ufeff", "\u2028", "👩🏽‍🎓", "\U0010ffff", "ç", "\t", "\x7f", "\x85")

# Any text Python can hold in UTF-8 (no lone surrogates), control characters and NUL included.
any_char = st.characters(blacklist_categories=("Cs",))
nasty_text = st.one_of(
    st.text(any_char, max_size=40),
    st.lists(st.sampled_from(NASTY + SQL + ("a", " ", "1", ".", "-", "@")), max_size=12).map("".join),
    st.sampled_from(SQL),
    st.builds(lambda c, n: c * n, st.sampled_from(("a", "9", " ", "\x00", "😀", "'")), st.integers(0, 10_000)),
)
optional_text = st.none() | nasty_text

TEXT_VALIDATORS = (
    v.validate_nome,
    v.validate_email,
    v.validate_cpf,
    v.validate_telefones,
    v.validate_cep,
    v.validate_uf,
    doc.validate_certidao,
    doc.validate_nis,
    doc.validate_inep_escola,
    doc.validate_inep_aluno,
)
NORMALIZERS = (
    v.normalize_nome,
    v.normalize_email,
    v.normalize_cpf,
    v.normalize_telefones,
    v.normalize_cep,
    doc.normalize_certidao,
    doc.normalize_nis,
    doc.normalize_inep,
)


def _is_message(result: object) -> bool:
    return result is None or (isinstance(result, str) and result.endswith(".") and result[0].isupper())


# --- 1. validators ----------------------------------------------------------------------


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(optional_text)
@example("a" * 10_000)
@example("\x00")
@example("'; DROP TABLE alunos; --")
def test_validators_answer_none_or_a_message_and_normalizers_never_raise(value: str | None) -> None:
    for validate in TEXT_VALIDATORS:
        assert _is_message(validate(value)), (validate.__name__, value)
    for normalize in NORMALIZERS:
        normalize(value)
    assert _is_message(v.validate_telefones(v.normalize_telefones(value)))


# --- 2. the aluno service: refused with a field and a reason, or stored exactly --------

short_text = st.one_of(
    st.text(any_char, max_size=30),
    st.lists(st.sampled_from(NASTY + SQL + ("Ana", " ", "Souza")), max_size=6).map("".join),
    st.builds(lambda c, n: c * n, st.sampled_from(("a", " ", "\x00", "😀")), st.integers(0, 10_000)),
)
FREE_TEXT_FIELDS = ("nome_social", "rg", "logradouro", "numero", "complemento", "bairro", "municipio")


@st.composite
def aluno_data(draw: st.DrawFn) -> AlunoData:
    nome = draw(st.one_of(short_text, st.sampled_from(("Ana Souza", "João da Silva"))))
    others = {name: draw(st.none() | short_text) for name in FREE_TEXT_FIELDS}
    return AlunoData(
        nome=nome,
        email=draw(st.none() | short_text),
        telefones=tuple(draw(st.lists(short_text, max_size=2))),
        **others,
    )


def test_service_round_trip(head_engine: Engine) -> None:
    service = AlunoService(head_engine)

    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(aluno_data())
    @example(AlunoData(nome="Ana\x00Souza", rg="12\x003", bairro="😀 '; DROP TABLE alunos; --"))
    @example(AlunoData(nome="Ana 👩🏽‍🎓 O'Brien", logradouro='Rua "A" %_\\', complemento="\x1b[31m"))
    def check(data: AlunoData) -> None:
        try:
            aluno_id = service.create(data)
        except ValidationError as exc:
            assert exc.field and _is_message(exc.message)
            return
        stored = service.get(aluno_id)
        assert stored == service.normalize(data)
        for name in ("nome", *FREE_TEXT_FIELDS):
            assert getattr(stored, name) == getattr(service.normalize(data), name)

    check()


# --- 3. CSV import: every bad row with its line and reasons, or read back exactly ------

HEADERS = ("Nome", "RG", "Bairro", "Logradouro")
cell_text = st.one_of(
    st.text(any_char, max_size=20),
    st.lists(st.sampled_from(NASTY + SQL + (";", '"', "\n", ",", "=1+1", "'=x", "Ana", " ")), max_size=6).map("".join),
)


def _csv_bytes(rows: list[tuple[str, ...]], encoding: str) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows([HEADERS, *rows])
    return buffer.getvalue().encode(encoding)


def _check_import(engine: Engine, path: Path) -> None:
    """Read and preview ``path``: a Portuguese refusal, bad rows with reasons, or exact values."""
    try:
        table = read_table(path)
        plan = preview(engine, table, today=TODAY)
    except (PlanilhaError, ImportacaoError) as exc:
        assert _is_message(exc.user_message if hasattr(exc, "user_message") else str(exc)), exc
        return
    lines = [row.line for row in table.rows]
    for bad in plan.bad_rows:
        assert bad.line in lines and bad.reasons and all(bad.reasons), bad
    if plan.bad_rows:
        return
    result = apply(engine, plan)
    service = AlunoService(engine)
    by_line = {row.line: row.values for row in table.rows}
    for action, aluno_id in zip(plan.inserts, result.inserted_ids, strict=True):
        values = dict(zip(table.headers, by_line[action.line], strict=True))
        stored = service.get(aluno_id)
        assert stored.nome == v.normalize_nome(str(values["Nome"]))
        for header, name in (("RG", "rg"), ("Bairro", "bairro"), ("Logradouro", "logradouro")):
            if header in values:
                assert getattr(stored, name) == (str(values[header] or "").strip() or None), (header, values)


@contextlib.contextmanager
def _fresh_engine(head_db: Path, folder: Path) -> Iterator[Engine]:
    """A copy of the empty database at head, so that every example starts from the same state."""
    copy = folder / f"db{next(_COUNTER)}.sqlite3"
    shutil.copyfile(head_db, copy)
    engine = db.create_app_engine(copy)
    try:
        yield engine
    finally:
        engine.dispose()
        copy.unlink()


_COUNTER = itertools.count()


def test_csv_import_of_arbitrary_cells(head_db: Path, tmp_path: Path) -> None:
    folder = tmp_path
    counter = itertools.count()

    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.lists(st.tuples(cell_text, cell_text, cell_text, cell_text), min_size=1, max_size=4),
        st.sampled_from(("utf-8-sig", "cp1252", "utf-8", "utf-16")),
    )
    @example([("Ana\x00Souza", "1\x002", "'; DROP TABLE alunos; --", "😀")], "utf-8-sig")
    @example([('Ana "Quote"; Souza\nSegunda', "", "", "")], "cp1252")
    def check(rows: list[tuple[str, ...]], encoding: str) -> None:
        try:
            data = _csv_bytes(rows, encoding)
        except UnicodeEncodeError:
            assume(False)
        path = folder / f"f{next(counter)}.csv"
        path.write_bytes(data)
        with _fresh_engine(head_db, folder) as engine:
            _check_import(engine, path)

    check()


def test_csv_import_of_random_bytes(head_db: Path, tmp_path: Path) -> None:
    folder = tmp_path
    counter = itertools.count()

    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
    @given(st.binary(max_size=300), st.sampled_from((b"", b"Nome;RG\r\n", b"\xef\xbb\xbfNome;RG\r\n", b"\xff\xfe")))
    @example(b"Jo\xe3o;\x81\x8d\x8f\x90\x9d\r\n", b"Nome;RG\r\n")  # bytes undefined in Windows-1252
    @example(b"\xc3\x28", b"\xef\xbb\xbfNome;RG\r\n")  # invalid UTF-8 after a UTF-8 BOM
    @example(b"\x00\x00", b"\xff\xfe")  # UTF-16 with an odd length
    def check(data: bytes, prefix: bytes) -> None:
        path = folder / f"f{next(counter)}.csv"
        path.write_bytes(prefix + data)
        with _fresh_engine(head_db, folder) as engine:
            _check_import(engine, path)

    check()


# --- 4. XLSX reads back the same as CSV --------------------------------------------------


def _same(value: object) -> object:
    return "" if value is None else value


def test_xlsx_reads_back_like_csv(tmp_path: Path) -> None:
    counter = itertools.count()
    # What the .xlsx format can hold: no control characters but tab and LF. A carriage return
    # is not kept: XML reads CR and CRLF as LF, and openpyxl does not write Excel's _x000D_.
    xlsx_char = any_char.filter(lambda c: c != "\r" and not v.has_control_characters(c))
    xlsx_text = st.one_of(
        st.text(xlsx_char, max_size=20),
        st.lists(
            st.sampled_from((*SQL, "😀", "ç", ";", '"', "\n", "=1+1", "'=x", "-3", "@a", " ", "Ana")), max_size=6
        ).map("".join),
    )

    @settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.tuples(xlsx_text, xlsx_text, xlsx_text, xlsx_text), min_size=1, max_size=4))
    @example([("=SUM(A1:A2)", "+55 11 98765-4321", "'; DROP TABLE alunos; --", "Ana 😀\tSouza\nSegunda")])
    def check(rows: list[tuple[str, ...]]) -> None:
        number = next(counter)
        tables = []
        for ext in ("csv", "xlsx"):
            path = write_table(tmp_path / f"f{number}.{ext}", HEADERS, rows)
            try:
                tables.append(read_table(path))
            except PlanilhaError as exc:
                tables.append(type(exc))
        csv_table, xlsx_table = tables
        if isinstance(csv_table, type) or isinstance(xlsx_table, type):
            assert csv_table == xlsx_table  # both refused (all blank) the same way
            return
        assert xlsx_table.headers == csv_table.headers
        # Line numbers may differ: a CSV line number counts the lines of quoted line breaks.
        assert [tuple(map(_same, r.values)) for r in xlsx_table.rows] == [
            tuple(map(_same, r.values)) for r in csv_table.rows
        ]
        written = [row for row in rows if any(cell.strip() for cell in row)]
        assert [tuple(map(_same, r.values)) for r in xlsx_table.rows] == written

    check()


# --- the fixes, one by one -------------------------------------------------------------


@pytest.mark.parametrize("nome", ["Ana\x00Souza", "Ana\x1b[31mSouza", "Ana\x7f", "Ana\x9bSouza"])
def test_control_characters_in_a_nome_are_refused(nome: str) -> None:
    assert v.validate_nome(nome) == v.NOME_CONTROLE
    assert v.validate_nome("Ana\tSouza\n") is None  # whitespace is collapsed, not refused
    assert v.validate_email("ana\x00@escola.com.br") == v.EMAIL_INVALIDO


@pytest.mark.parametrize("field", ["rg", "logradouro", "numero", "complemento", "bairro", "municipio", "ra"])
def test_control_characters_in_free_text_are_refused_with_the_field(head_engine: Engine, field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        AlunoService(head_engine).create(AlunoData(nome="Ana Souza", **{field: "12\x003"}))
    assert (caught.value.field, caught.value.message) == (field, v.TEXTO_CONTROLE)
    with pytest.raises(ValidationError) as caught:
        AlunoService(head_engine).create(AlunoData(nome="Ana Souza", nome_social="Bia\x00"))
    assert (caught.value.field, caught.value.message) == ("nome_social", v.NOME_CONTROLE)


def test_a_csv_line_with_a_control_character_is_a_bad_row(head_engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "alunos.csv"
    path.write_bytes("Nome;Bairro\r\nAna\x00Souza;Centro\r\nBia Lima;Cen\x1btro\r\n".encode("utf-8-sig"))
    plan = preview(head_engine, read_table(path), today=TODAY)
    reasons = {bad.line: bad.reasons for bad in plan.bad_rows}
    assert set(reasons) == {2, 3}
    assert v.NOME_CONTROLE in reasons[2][0] and v.TEXTO_CONTROLE in reasons[3][0]


def test_an_xlsx_export_of_an_old_control_character_is_refused_with_a_reason(tmp_path: Path) -> None:
    with pytest.raises(PlanilhaNaoGravadaError, match="caracteres de controle"):
        write_table(tmp_path / "x.xlsx", ["Nome"], [["Ana\x1bSouza"]])
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize("text", ["'=x", "''=1+1", "'-3", "'@a", "'", "'abc", "=x"])
def test_csv_apostrophes_before_a_formula_sign_read_back_unchanged(tmp_path: Path, text: str) -> None:
    path = write_table(tmp_path / "a.csv", ["Nome"], [[text]])
    assert read_table(path).rows[0].values == (text,)


def test_huge_csv_of_50000_rows_is_read_and_previewed(head_engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text("Nome;RG\r\n" + "".join(f"Aluno {i};{i}\r\n" for i in range(50_000)), encoding="utf-8")
    plan = preview(head_engine, read_table(path), today=TODAY)  # how fast: benchmarks (import_csv)
    assert len(plan.inserts) == 50_000 and not plan.bad_rows


def test_a_5_mb_cell_is_refused_with_a_portuguese_reason(tmp_path: Path) -> None:
    path = tmp_path / "cell.csv"
    path.write_text("Nome;RG\r\nAna;" + "x" * 5_000_000 + "\r\n", encoding="utf-8")
    with pytest.raises(PlanilhaIlegivelError) as caught:
        read_table(path)
    assert caught.value.reason == f"a linha 2 tem uma célula com mais de {MAX_CELL_CHARS:,} caracteres".replace(
        ",", "."
    )


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(planilhas, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.csv"
    path.write_text("Nome\r\n" + "Ana Souza\r\n" * 200, encoding="utf-8")
    with pytest.raises(PlanilhaIlegivelError, match="mais de 64 MB"):
        read_table(path)
