"""Issue 12, part 2: an import never rewrites a record silently, never turns a name into mojibake,
keeps the lines it cannot take, and stays small in the face of hostile files."""

from __future__ import annotations

import csv
import stat
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from escola_gui.core import db, planilhas
from escola_gui.core.alunos import AlunoData, AlunoService
from escola_gui.core.errors import PlanilhaIlegivelError
from escola_gui.core.importacao.errors import ImportacaoRecusadaError, ImportacaoSomenteLeituraError
from escola_gui.core.importacao.flow import apply, preview, valid_lines
from escola_gui.core.importacao.messages import DATA_INEXISTENTE, DATA_INVALIDA
from escola_gui.core.importacao.reporting import summarize, write_set_aside
from escola_gui.core.planilhas import read_table
from escola_gui.core.responsaveis import ResponsavelData, ResponsavelService
from tests.helpers.hostile import write_big_xlsx

TODAY = date(2024, 6, 1)


def _csv(tmp_path: Path, text: str, encoding: str = "utf-8", name: str = "alunos.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- conflicts -------------------------------------------------------------------------


def test_a_line_with_an_alunos_ra_but_another_childs_name_is_a_conflict_not_an_update(
    tmp_path: Path, head_engine: Engine
) -> None:
    # Given aluno 5 of the office, with RA 2024005
    service = AlunoService(head_engine)
    aluno_id = service.create(
        AlunoData("Davi Santos", cpf="52998224725", data_nascimento=date(2018, 9, 10), ra="2024005")
    )
    text = "Nome;RA;Data de nascimento\nPedro Henrique Alves;2024005;01/02/2015\n"

    # When a file gives that RA with another child's nome and data de nascimento
    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)

    # Then the line is a conflict, with both versions, and not an update
    assert plan.updates == ()
    [conflict] = plan.conflicts
    assert conflict.conflict is not None and conflict.conflict.matched_by == "ra"
    assert {d.field: (d.before, d.after) for d in conflict.conflict.differences} == {
        "nome": ("Davi Santos", "Pedro Henrique Alves"),
        "data_nascimento": (date(2018, 9, 10), date(2015, 2, 1)),
    }
    # An import that does not confirm it leaves the aluno as it was
    result = apply(head_engine, plan)
    assert (result.updated, result.conflicts_skipped) == (0, 1)
    assert service.get(aluno_id).nome == "Davi Santos"
    # Confirmed, it is written
    again = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)
    assert apply(head_engine, again, confirmed=[2]).updated == 1
    assert service.get(aluno_id).nome == "Pedro Henrique Alves"


def test_same_name_and_birth_but_another_mother_is_a_conflict(tmp_path: Path, head_engine: Engine) -> None:
    # Given an aluno without CPF, with his mãe
    alunos, responsaveis = AlunoService(head_engine), ResponsavelService(head_engine)
    aluno_id = alunos.create(AlunoData("Lucas Ferreira", data_nascimento=date(2014, 5, 5), logradouro="Rua A"))
    mae = responsaveis.create(ResponsavelData("Ana Ferreira"))
    responsaveis.link(aluno_id, mae, "mae", legal=True)
    # When another child with the same nome and birth date, another mother, comes in a file
    text = "Nome;Data de nascimento;Nome da mãe;Logradouro\nLucas Ferreira;05/05/2014;Rita Souza;Rua B\n"
    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)

    # Then it is a conflict: nothing is overwritten and no other family's mãe is linked
    assert plan.updates == ()
    [conflict] = plan.conflicts
    assert conflict.conflict is not None and conflict.conflict.matched_by == "nome"
    assert [(d.field, d.before, d.after) for d in conflict.conflict.differences] == [
        ("mae_nome", "Ana Ferreira", "Rita Souza")
    ]
    apply(head_engine, plan)
    assert alunos.get(aluno_id).logradouro == "Rua A"
    assert [r.nome for r in responsaveis.list_for_aluno(aluno_id)] == ["Ana Ferreira"]


def test_the_same_aluno_with_accents_and_case_changed_is_no_conflict(tmp_path: Path, head_engine: Engine) -> None:
    AlunoService(head_engine).create(
        AlunoData("Bárbara Conceição", cpf="52998224725", data_nascimento=date(2010, 7, 27))
    )
    text = "Nome;CPF;Data de nascimento;Logradouro\nBARBARA CONCEICAO;529.982.247-25;27/07/2010;Rua C\n"
    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)
    assert plan.conflicts == () and len(plan.updates) == 1


# --- encodings --------------------------------------------------------------------------


def test_a_utf8_file_with_one_windows_1252_line_keeps_every_name(tmp_path: Path) -> None:
    # Given 30 accented names in UTF-8, one line of which another program saved as Windows-1252
    names = [f"João Gonçalves Araújo {i:02d}" for i in range(30)]
    lines = [f"{name};01/03/2012\r\n" for name in names]
    data = b"Nome;Data de nascimento\r\n" + b"".join(
        line.encode("cp1252" if i == 4 else "utf-8") for i, line in enumerate(lines)
    )
    path = tmp_path / "misto.csv"
    path.write_bytes(data)

    table = read_table(path)

    # Then every name reads as written: none became "GonÃ§alves"
    assert [row.values[0] for row in table.rows] == names
    assert table.encoding == "utf-8"
    assert table.recoded_lines == (6,)


def test_a_line_in_no_known_encoding_is_refused_by_its_number(tmp_path: Path) -> None:
    path = tmp_path / "ruim.csv"
    path.write_bytes("Nome\nJoão\n".encode() + b"Jos\x81\n")
    with pytest.raises(PlanilhaIlegivelError, match="linha 3"):
        read_table(path)


# --- bad lines --------------------------------------------------------------------------


def test_an_impossible_date_says_it_does_not_exist_and_the_line_names_the_aluno(
    tmp_path: Path, head_engine: Engine
) -> None:
    text = "Nome;Data de nascimento\nAna Gonçalves;31/02/2013\nBia Lima;2013-02-31\nCaio Reis;13/2013\n"
    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)
    assert [(b.line, b.nome, [p.message for p in b.problems]) for b in plan.bad_rows] == [
        (2, "Ana Gonçalves", [DATA_INEXISTENTE]),
        (3, "Bia Lima", [DATA_INEXISTENTE]),
        (4, "Caio Reis", [DATA_INVALIDA]),
    ]
    assert "dd/mm/aaaa" not in DATA_INEXISTENTE


def test_valid_lines_are_imported_and_the_bad_ones_kept_beside_the_file(tmp_path: Path, head_engine: Engine) -> None:
    # Given a Windows-1252 ";" file with 3 good lines and 2 bad ones
    text = (
        "Nome;Data de nascimento;CPF\r\n"
        "Ana Gonçalves;31/02/2013;\r\n"
        "Beatriz Araújo;10/10/2012;\r\n"
        "Caio Conceição;11/10/2012;\r\n"
        "Davi Simões;12/10/2012;123.456.789-00\r\n"
        "Érica Sá;13/10/2012;\r\n"
    )
    path = _csv(tmp_path, text, encoding="cp1252")
    table = read_table(path)
    plan = preview(head_engine, table, today=TODAY)
    assert [b.line for b in plan.bad_rows] == [2, 5]
    with pytest.raises(ImportacaoRecusadaError):
        apply(head_engine, plan)

    # When only the valid lines are imported
    valid = valid_lines(head_engine, plan)
    kept = write_set_aside(table, valid.set_aside)
    result = apply(head_engine, valid)

    # Then the good lines are in, and the bad ones are in a new private file beside the original,
    # in its encoding and separator, with their reasons in a last column
    assert (result.inserted, result.set_aside) == (3, 2)
    assert sorted(a.nome for a in AlunoService(head_engine).list()) == ["Beatriz Araújo", "Caio Conceição", "Érica Sá"]
    assert kept == tmp_path / "alunos-linhas-com-problema.csv"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    rows = list(csv.reader(kept.read_text(encoding="cp1252").splitlines(), delimiter=";"))
    assert rows[0] == ["Nome", "Data de nascimento", "CPF", "Problemas"]
    assert [r[:3] for r in rows[1:]] == [
        ["Ana Gonçalves", "31/02/2013", ""],
        ["Davi Simões", "12/10/2012", "123.456.789-00"],
    ]
    assert "não existe" in rows[1][3] and "CPF" in rows[2][3]
    # An existing file is never replaced: the next one gets another name
    again = write_set_aside(table, valid.set_aside)
    assert again == tmp_path / "alunos-linhas-com-problema-2.csv"
    assert kept.read_text(encoding="cp1252").startswith("Nome;")
    # And the file, fixed, imports again (the Problemas column is not a field)
    fixed = kept.read_text(encoding="cp1252").replace("31/02/2013", "28/02/2013").replace("123.456.789-00", "")
    kept.write_text(fixed, encoding="cp1252")
    second = preview(head_engine, read_table(kept), today=TODAY)
    assert (len(second.inserts), second.bad_rows) == (2, ())


# --- bounded work -----------------------------------------------------------------------


def test_twenty_thousand_identical_lines_make_short_reasons(tmp_path: Path, head_engine: Engine) -> None:
    # The 300 KB file: 20,000 identical lines printed 2.5 GB of reasons
    line = "Maria Gonçalves;maria@x.com.br;01/02/2013\n"
    path = _csv(tmp_path, "Nome;E-mail;Data de nascimento\n" + line * 20_000)
    plan = preview(head_engine, read_table(path), today=TODAY)
    assert len(plan.bad_rows) == 20_000
    total = sum(len(reason) for bad in plan.bad_rows for reason in bad.reasons)
    assert total < 20_000 * 400  # a few hundred characters a line, not 20,000 line numbers
    first = plan.bad_rows[0].reasons[0]
    assert "e mais 19.994" in first
    # and the report counts the repeats instead of listing them
    shown = summarize(plan.bad_rows)
    assert len(shown) == 3 and shown[-1][1] == 19_997


def test_five_thousand_lines_sharing_one_email_make_short_reasons(tmp_path: Path, head_engine: Engine) -> None:
    rows = "".join(f"Aluno Numero {i};mesmo@x.com.br;01/02/2013\n" for i in range(5_000))
    plan = preview(head_engine, read_table(_csv(tmp_path, "Nome;E-mail;Data de nascimento\n" + rows)), today=TODAY)
    assert len(plan.bad_rows) == 5_000
    assert sum(len(r) for bad in plan.bad_rows for r in bad.reasons) < 5_000 * 300
    assert [more for _bad, more in summarize(plan.bad_rows)] == [0, 0, 4_997]


def _peak(function, *args) -> int:  # type: ignore[no-untyped-def]
    tracemalloc.start()
    try:
        try:
            function(*args)
        except PlanilhaIlegivelError as exc:
            refused = exc
        else:
            raise AssertionError("the file was read")
        return tracemalloc.get_traced_memory()[1], refused  # type: ignore[return-value]
    finally:
        tracemalloc.stop()


def test_the_line_limit_is_checked_while_reading_a_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # 200,000 lines against a limit of 1,000: the reading stops at line 1,002, so the memory it
    # took is that of about 1,000 rows, whatever the size of the file
    monkeypatch.setattr(planilhas, "MAX_ROWS", 1_000)
    path = _csv(tmp_path, "Nome;Data de nascimento\n" + "Ana Souza;01/02/2013\n" * 200_000)
    peak, refused = _peak(read_table, path)
    assert "mais de 1.000 linhas" in refused.user_message
    assert peak < 4 * 2**20  # reading it all takes over 40 MB


def test_a_million_row_xlsx_is_refused_while_streaming(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The 5 MB workbook of a million rows (7.8 GB once loaded): read in openpyxl's
    # read-only mode, row by row, and refused at the limit
    path = write_big_xlsx(tmp_path / "milhao.xlsx", 1_000_000)
    monkeypatch.setattr(planilhas, "MAX_ROWS", 1_000)
    peak, refused = _peak(read_table, path)
    assert "mais de 1.000 linhas" in refused.user_message
    assert peak < 16 * 2**20


def test_a_long_cell_is_refused_naming_its_line(tmp_path: Path) -> None:
    path = _csv(tmp_path, "Nome;Obs\nAna;ok\nBia;" + "x" * (planilhas.MAX_CELL_CHARS + 1) + "\n")
    with pytest.raises(PlanilhaIlegivelError, match="linha 3 tem uma célula com mais de 10.000 caracteres"):
        read_table(path)


def test_the_limits_are_far_above_any_school() -> None:
    assert (planilhas.MAX_ROWS, planilhas.MAX_CELL_CHARS) == (100_000, 10_000)


# --- a read-only file -------------------------------------------------------------------


def test_an_import_into_a_read_only_file_says_so_without_the_sql_parameters(tmp_path: Path, head_db: Path) -> None:
    path = _csv(tmp_path, "Nome;CPF;Data de nascimento\nZélia Duarte;529.982.247-25;01/02/2013\n")
    engine = db.create_app_engine(head_db, read_only=True)
    try:
        plan = preview(engine, read_table(path), today=TODAY)
        with pytest.raises(ImportacaoSomenteLeituraError) as caught:
            apply(engine, plan)
    finally:
        engine.dispose()
    assert "somente para leitura" in caught.value.user_message
    assert caught.value.__suppress_context__ and caught.value.__cause__ is None
    assert "Zélia" not in str(caught.value) and "52998224725" not in str(caught.value)
