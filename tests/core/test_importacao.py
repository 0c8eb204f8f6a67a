"""Importing alunos from real .csv/.xlsx files, and exporting them, over a database at head."""

from __future__ import annotations

import stat
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from escola_gui.core import importacao as imp
from escola_gui.core import validation as v
from escola_gui.core.importacao import (
    ImportacaoDesatualizadaError,
    ImportacaoRecusadaError,
    MapeamentoInvalidoError,
    apply,
    export_alunos,
    map_headers,
    preview,
)
from escola_gui.core.models import Aluno, Contato
from escola_gui.core.planilhas import read_table
from escola_gui.core.services import EMAIL_EM_USO, AlunoData, AlunoService

TODAY = date(2024, 6, 1)


def _csv(tmp_path: Path, text: str, encoding: str = "cp1252", name: str = "alunos.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def _count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(Aluno)) or 0


def _reasons(plan: imp.ImportPreview) -> dict[int, tuple[str, ...]]:
    return {bad.line: bad.reasons for bad in plan.bad_rows}


OFFICE_CSV = """\
DATA DE NASCIMENTO;cpf;E-Mail;Telefone;Nome
04/03/2010;529.982.247-25;Joao.Silva@Escola.com.br;(11) 98765-4321 / (11) 3333-4444;João da Silva
1/2/2011;01234567890;;11 95555-6666, 11 94444-3333;Maria da Conceição
2012-12-31;;;;  Ana   Souza
"""


# --- headers ----------------------------------------------------------------------------


def test_map_headers_ignores_accents_case_spaces_underscores_and_hyphens() -> None:
    headers = ["DATA DE NASCIMENTO", "cpf", "E_Mail", "Telefone", "Celular", "NOME", "Nome Social", "Situação", "Turma"]

    header_map = map_headers(headers)

    assert header_map.columns == {
        "data_nascimento": (0,),
        "cpf": (1,),
        "email": (2,),
        "telefones": (3, 4),
        "nome": (5,),
        "ativo": (7,),
    }
    assert header_map.ignored == ("Nome Social",)
    assert header_map.unmapped == ("Turma",)
    assert header_map.problems == ()
    assert map_headers(["data_nascimento", "Dt. Nasc", "nascimento"]).fields()["data_nascimento"] == 0


def test_map_headers_user_override_and_problems() -> None:
    header_map = map_headers(["Estudante", "Documento", "Turma"], {"documento": "cpf", "Turma": None})
    assert header_map.fields() == {"nome": 0, "cpf": 1}
    assert header_map.unmapped == ("Turma",)

    assert "Falta a coluna Nome" in map_headers(["CPF", "Turma"]).problems[0]
    assert "Nenhuma coluna" in map_headers(["Turma", "Sala"]).problems[0]
    assert "são todas de E-mail" in map_headers(["Nome", "Email", "E-mail"]).problems[0]
    assert "não existe no arquivo" in map_headers(["Nome"], {"RG": None}).problems[0]
    with pytest.raises(ValueError, match="unknown field"):
        map_headers(["Nome"], {"Nome": "rg"})


def test_preview_refuses_a_file_without_nome(tmp_path: Path, head_engine: Engine) -> None:
    table = read_table(_csv(tmp_path, "CPF;E-mail\n52998224725;a@b.com.br\n"))
    with pytest.raises(MapeamentoInvalidoError, match="Falta a coluna Nome"):
        preview(head_engine, table)


# --- a real office file -----------------------------------------------------------------


def test_windows_1252_office_csv_imports_normalized_like_the_form(tmp_path: Path, head_engine: Engine) -> None:
    table = read_table(_csv(tmp_path, OFFICE_CSV))

    plan = preview(head_engine, table, today=TODAY)

    assert plan.bad_rows == ()
    assert [a.line for a in plan.inserts] == [2, 3, 4]
    assert _count(head_engine) == 0  # preview writes nothing
    result = apply(head_engine, plan)
    assert (result.inserted, result.updated, result.unchanged) == (3, 0, 0)

    rows = {row.nome: row for row in AlunoService(head_engine).list()}
    joao = rows["João da Silva"]
    assert (joao.email, joao.cpf, joao.data_nascimento, joao.ativo, joao.telefones) == (
        "joao.silva@escola.com.br",
        "52998224725",
        date(2010, 3, 4),
        True,
        ("(11) 98765-4321", "(11) 3333-4444"),
    )
    maria = rows["Maria da Conceição"]
    assert (maria.cpf, maria.data_nascimento, maria.telefones) == (
        "01234567890",
        date(2011, 2, 1),
        ("11 95555-6666", "11 94444-3333"),
    )
    assert rows["Ana Souza"].data_nascimento == date(2012, 12, 31)
    assert set(result.inserted_ids) == {r.id for r in rows.values()}


def test_utf8_bom_csv_with_ativo_column(tmp_path: Path, head_engine: Engine) -> None:
    text = "Nome,Situação,CPF\nJosé,Inativo,\nLúcia,S,\nRenan,,\nBia,não,\n"
    table = read_table(_csv(tmp_path, text, encoding="utf-8-sig"))

    apply(head_engine, preview(head_engine, table, today=TODAY))

    ativos = {row.nome: row.ativo for row in AlunoService(head_engine).list()}
    assert ativos == {"José": False, "Lúcia": True, "Renan": True, "Bia": False}


def test_xlsx_with_date_cell_and_int_cpf_losing_its_leading_zero(tmp_path: Path, head_engine: Engine) -> None:
    path = tmp_path / "alunos.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Nome", "CPF", "Data de nascimento", "Celular", "Ativo"])
    sheet.append(["Pedro Álvares", 123456797, datetime(2009, 8, 7), 11987654321, 1])  # CPF 001.234.567-97
    sheet.append(["Inês", 52998224725, "07/08/2009", None, 0])
    workbook.save(path)

    plan = preview(head_engine, read_table(path), today=TODAY)
    assert plan.bad_rows == ()
    apply(head_engine, plan)

    rows = {row.nome: row for row in AlunoService(head_engine).list()}
    pedro = rows["Pedro Álvares"]
    assert (pedro.cpf, pedro.data_nascimento, pedro.telefones, pedro.ativo) == (
        "00123456797",
        date(2009, 8, 7),
        ("11987654321",),
        True,
    )
    assert (rows["Inês"].cpf, rows["Inês"].ativo) == ("52998224725", False)


# --- bad rows ---------------------------------------------------------------------------


def test_bad_rows_report_every_reason_with_the_line_number(tmp_path: Path, head_engine: Engine) -> None:
    AlunoService(head_engine).create(AlunoData("Já Cadastrada", email="usado@escola.com.br"))
    text = (
        "Nome;E-mail;CPF;Data de nascimento;Telefone;Ativo\n"
        "Bom Aluno;bom@escola.com.br;529.982.247-25;04/03/2010;(11) 98765-4321;Sim\n"
        "\n"
        ";sem arroba;123.456.789-00;31/02/2010;abc;talvez\n"
        "Futuro;;;02/06/2024;;\n"
        "Repetido Um;;111.444.777-35;;;\n"
        "Outro;usado@escola.com.br;;;;\n"
        "Repetido Dois;;11144477735;;;\n"
        "Data Curta;;;04/03/10;;\n"
    )
    table = read_table(_csv(tmp_path, text))

    plan = preview(head_engine, table, today=TODAY)

    assert _reasons(plan) == {
        4: (
            v.NOME_OBRIGATORIO,
            f"{v.CPF_INVALIDO} (123.456.789-00)",
            f"{imp.DATA_INVALIDA} (31/02/2010)",
            f"{imp.ATIVO_INVALIDO} (talvez)",
            f"{v.EMAIL_INVALIDO} (sem arroba)",
            f"{v.TELEFONE_INVALIDO} (abc)",
        ),
        5: (f"{v.DATA_NASCIMENTO_FUTURA} (02/06/2024)",),
        6: (f"{imp.CPF_REPETIDO_NO_ARQUIVO} (também na linha 8)",),
        7: (f"{EMAIL_EM_USO} (usado@escola.com.br)",),
        8: (f"{imp.CPF_REPETIDO_NO_ARQUIVO} (também na linha 6)",),
        9: (f"{imp.DATA_INVALIDA} (04/03/10)",),
    }
    assert [a.line for a in plan.inserts] == [2]
    assert not plan.can_apply


def test_one_bad_row_means_nothing_is_written(tmp_path: Path, head_engine: Engine) -> None:
    text = "Nome;CPF\nAna;529.982.247-25\nBeto;111.111.111-11\nCarla;\n"
    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)
    assert _reasons(plan) == {3: (f"{v.CPF_INVALIDO} (111.111.111-11)",)}

    with pytest.raises(ImportacaoRecusadaError, match="1 linha tem problemas") as info:
        apply(head_engine, plan)
    assert "Nada foi alterado" in info.value.user_message
    assert _count(head_engine) == 0


def test_same_aluno_without_cpf_twice_in_the_file(tmp_path: Path, head_engine: Engine) -> None:
    text = "Nome;Nascimento;E-mail\nAna Souza;01/01/2010;a@x.com.br\nANA SOUZA;1/1/2010;A@X.com.br\n"
    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)
    assert _reasons(plan) == {
        2: (
            f"{imp.ALUNO_REPETIDO_NO_ARQUIVO} (também na linha 3)",
            f"{imp.EMAIL_REPETIDO_NO_ARQUIVO} (também na linha 3)",
        ),
        3: (
            f"{imp.ALUNO_REPETIDO_NO_ARQUIVO} (também na linha 2)",
            f"{imp.EMAIL_REPETIDO_NO_ARQUIVO} (também na linha 2)",
        ),
    }


# --- updates and re-imports -------------------------------------------------------------


def test_importing_the_same_file_twice_creates_no_duplicates(tmp_path: Path, head_engine: Engine) -> None:
    table = read_table(_csv(tmp_path, OFFICE_CSV))
    apply(head_engine, preview(head_engine, table, today=TODAY))
    before = AlunoService(head_engine).list()

    again = preview(head_engine, table, today=TODAY)

    assert (again.inserts, again.updates, again.bad_rows) == ((), (), ())
    assert [a.line for a in again.unchanged] == [2, 3, 4]
    result = apply(head_engine, again)
    assert (result.inserted, result.updated, result.unchanged) == (0, 0, 3)
    assert AlunoService(head_engine).list() == before


def test_update_by_cpf_changes_only_filled_cells(tmp_path: Path, head_engine: Engine) -> None:
    service = AlunoService(head_engine)
    aluno_id = service.create(
        AlunoData("João da Silva", "joao@escola.com.br", "52998224725", date(2010, 3, 4), True, ("11 3333-4444",))
    )
    text = "CPF;Nome;E-mail;Telefone;Ativo\n529.982.247-25;João da Silva Neto;;(11) 90000-0000;Não\n"

    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)

    [update] = plan.updates
    assert (update.line, update.aluno_id) == (2, aluno_id)
    assert {c.field: (c.before, c.after) for c in update.changes} == {
        "nome": ("João da Silva", "João da Silva Neto"),
        "ativo": (True, False),
        "telefones": (("11 3333-4444",), ("(11) 90000-0000",)),
    }
    apply(head_engine, plan)
    assert service.get(aluno_id) == AlunoData(
        "João da Silva Neto", "joao@escola.com.br", "52998224725", date(2010, 3, 4), False, ("(11) 90000-0000",)
    )


def test_cpf_added_in_the_spreadsheet_completes_the_aluno_without_cpf(tmp_path: Path, head_engine: Engine) -> None:
    service = AlunoService(head_engine)
    aluno_id = service.create(AlunoData("Maria da Conceição", data_nascimento=date(2011, 2, 1)))
    text = "Nome;Data de nascimento;CPF\nMARIA DA CONCEICAO;01/02/2011;012.345.678-90\n"

    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)
    [update] = plan.updates
    assert update.aluno_id == aluno_id
    apply(head_engine, plan)

    assert _count(head_engine) == 1
    assert service.get(aluno_id).cpf == "01234567890"


def test_two_registered_alunos_without_cpf_with_same_name_and_birth_are_ambiguous(
    tmp_path: Path, head_engine: Engine
) -> None:
    service = AlunoService(head_engine)
    service.create(AlunoData("Ana", data_nascimento=date(2010, 1, 1)))
    service.create(AlunoData("ana", data_nascimento=date(2010, 1, 1)))
    plan = preview(head_engine, read_table(_csv(tmp_path, "Nome;Nascimento\nAna;01/01/2010\n")), today=TODAY)
    assert _reasons(plan) == {2: (imp.ALUNO_AMBIGUO,)}


def test_apply_rechecks_the_database_in_its_transaction(tmp_path: Path, head_engine: Engine) -> None:
    plan = preview(head_engine, read_table(_csv(tmp_path, OFFICE_CSV)), today=TODAY)
    # Meanwhile someone registers one of the alunos in the form
    AlunoService(head_engine).create(AlunoData("Outro Nome", cpf="529.982.247-25"))

    with pytest.raises(ImportacaoDesatualizadaError, match="Confira o arquivo de novo"):
        apply(head_engine, plan)
    assert _count(head_engine) == 1


def test_stored_legacy_email_and_phone_are_not_checked_again(tmp_path: Path, head_engine: Engine) -> None:
    # A 0.x file kept an e-mail without a dot and a phone with words
    with Session(head_engine) as session, session.begin():
        aluno = Aluno(nome="Velho", email="velho@escola", cpf="52998224725", ra="00000099")
        aluno.contatos = [Contato(tipo="telefone", valor="ramal 12")]
        session.add(aluno)
    text = "Nome;E-mail;CPF;Telefone\nVelho;velho@escola;52998224725;ramal 12 / 11 98765-4321\n"

    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)

    assert plan.bad_rows == ()
    [update] = plan.updates
    assert [c.field for c in update.changes] == ["telefones"]


# --- export -----------------------------------------------------------------------------


@pytest.fixture
def registered(head_engine: Engine) -> Engine:
    service = AlunoService(head_engine)
    service.create(
        AlunoData(
            "João da Silva",
            "joao@escola.com.br",
            "01234567890",
            date(2010, 3, 4),
            True,
            ("+55 (11) 98765-4321", "(11) 3333-4444"),
        )
    )
    service.create(AlunoData("Conceição Souza", data_nascimento=date(2011, 2, 1), ativo=False))
    service.create(AlunoData("Zé Sem Data"))
    return head_engine


@pytest.mark.parametrize("name", ["alunos.csv", "alunos.xlsx"])
def test_export_reimports_with_zero_changes(tmp_path: Path, registered: Engine, name: str) -> None:
    path = tmp_path / name
    before = AlunoService(registered).list()

    assert export_alunos(registered, path) == 3

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    plan = preview(registered, read_table(path), today=TODAY)
    assert (plan.inserts, plan.updates, plan.bad_rows) == ((), (), ())
    assert len(plan.unchanged) == 3
    apply(registered, plan)
    assert AlunoService(registered).list() == before


def test_export_csv_columns(tmp_path: Path, registered: Engine) -> None:
    path = tmp_path / "alunos.csv"
    export_alunos(registered, path)

    lines = path.read_bytes().decode("utf-8-sig").splitlines()

    assert lines == [
        "Nome;E-mail;CPF;Data de nascimento;Telefones;Ativo",
        "Conceição Souza;;;01/02/2011;;Não",
        "João da Silva;joao@escola.com.br;012.345.678-90;04/03/2010;'+55 (11) 98765-4321 / (11) 3333-4444;Sim",
        "Zé Sem Data;;;;;Sim",
    ]


def test_exported_file_imports_into_an_empty_database(tmp_path: Path, registered: Engine, head_db: Path) -> None:
    from escola_gui.core import db
    from escola_gui.core.upgrade import upgrade_to_head

    path = tmp_path / "alunos.csv"
    export_alunos(registered, path)
    other_db = tmp_path / "outra.sqlite3"
    upgrade_to_head(other_db)
    other = db.create_app_engine(other_db)
    try:
        result = apply(other, preview(other, read_table(path), today=TODAY))
        assert result.inserted == 3
        assert [(r.nome, r.cpf, r.telefones) for r in AlunoService(other).list()] == [
            (r.nome, r.cpf, r.telefones) for r in AlunoService(registered).list()
        ]
    finally:
        other.dispose()
