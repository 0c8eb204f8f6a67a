"""Importing alunos with their responsáveis from real .csv/.xlsx files, and exporting them, over a database at head."""

from __future__ import annotations

import stat
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from escola_gui.core import validation as v
from escola_gui.core.alunos import EMAIL_EM_USO, AlunoData, AlunoService
from escola_gui.core.importacao.errors import (
    ImportacaoDesatualizadaError,
    ImportacaoRecusadaError,
    MapeamentoInvalidoError,
)
from escola_gui.core.importacao.export import export_alunos
from escola_gui.core.importacao.fields import EXPORT_HEADERS
from escola_gui.core.importacao.flow import apply, preview
from escola_gui.core.importacao.headers import map_headers
from escola_gui.core.importacao.messages import (
    ALUNO_AMBIGUO,
    ALUNO_REPETIDO_NO_ARQUIVO,
    ATIVO_INVALIDO,
    COR_RACA_INVALIDA,
    CPF_REPETIDO_NO_ARQUIVO,
    DATA_INEXISTENTE,
    DATA_INVALIDA,
    DOCUMENTO_REPETIDO_NO_ARQUIVO,
    EMAIL_REPETIDO_NO_ARQUIVO,
    PARENTESCO_INVALIDO,
    RESPONSAVEL_CPF_COM_OUTRO_NOME,
    RESPONSAVEL_LEGAL_DESCONHECIDO,
    RESPONSAVEL_LEGAL_SEM_NOME,
    RESPONSAVEL_SEM_NOME,
    SEXO_INVALIDO,
)
from escola_gui.core.importacao.results import ImportPreview
from escola_gui.core.models import Aluno, AlunoResponsavel, Contato, Responsavel
from escola_gui.core.planilhas import read_table
from escola_gui.core.responsaveis import ResponsavelData, ResponsavelService

TODAY = date(2024, 6, 1)


def _csv(tmp_path: Path, text: str, encoding: str = "cp1252", name: str = "alunos.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


def _count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(Aluno)) or 0


def _reasons(plan: ImportPreview) -> dict[int, tuple[str, ...]]:
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
        "nome_social": (6,),
        "ativo": (7,),
    }
    assert header_map.ignored == ()  # Nome social is imported since the documents came in
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
        map_headers(["Nome"], {"Nome": "turma"})


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

    # Each reason names the column it is in, as the file names it
    assert _reasons(plan) == {
        4: (
            f"Nome: {v.NOME_OBRIGATORIO}",
            f"CPF: {v.CPF_INVALIDO} (123.456.789-00)",
            f"Data de nascimento: {DATA_INEXISTENTE} (31/02/2010)",
            f"Ativo: {ATIVO_INVALIDO} (talvez)",
            f"E-mail: {v.EMAIL_INVALIDO} (sem arroba)",
            f"Telefone: {v.TELEFONE_INVALIDO} (abc)",
        ),
        5: (f"Data de nascimento: {v.DATA_NASCIMENTO_FUTURA} (02/06/2024)",),
        6: (f"CPF: {CPF_REPETIDO_NO_ARQUIVO} (também na linha 8)",),
        7: (f"E-mail: {EMAIL_EM_USO} (usado@escola.com.br)",),
        8: (f"CPF: {CPF_REPETIDO_NO_ARQUIVO} (também na linha 6)",),
        9: (f"Data de nascimento: {DATA_INVALIDA} (04/03/10)",),
    }
    assert [a.line for a in plan.inserts] == [2]
    assert not plan.can_apply


def test_one_bad_row_means_nothing_is_written(tmp_path: Path, head_engine: Engine) -> None:
    text = "Nome;CPF\nAna;529.982.247-25\nBeto;111.111.111-11\nCarla;\n"
    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)
    assert _reasons(plan) == {3: (f"CPF: {v.CPF_INVALIDO} (111.111.111-11)",)}

    with pytest.raises(ImportacaoRecusadaError, match="1 linha tem problemas") as info:
        apply(head_engine, plan)
    assert "Nada foi alterado" in info.value.user_message
    assert _count(head_engine) == 0


def test_same_aluno_without_cpf_twice_in_the_file(tmp_path: Path, head_engine: Engine) -> None:
    text = "Nome;Nascimento;E-mail\nAna Souza;01/01/2010;a@x.com.br\nANA SOUZA;1/1/2010;A@X.com.br\n"
    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)
    assert _reasons(plan) == {
        2: (
            f"{ALUNO_REPETIDO_NO_ARQUIVO} (também na linha 3)",
            f"E-mail: {EMAIL_REPETIDO_NO_ARQUIVO} (também na linha 3)",
        ),
        3: (
            f"{ALUNO_REPETIDO_NO_ARQUIVO} (também na linha 2)",
            f"E-mail: {EMAIL_REPETIDO_NO_ARQUIVO} (também na linha 2)",
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

    # Another nome for the CPF: a conflict, written only once the line is confirmed.
    assert plan.updates == ()
    [update] = plan.conflicts
    assert (update.line, update.aluno_id) == (2, aluno_id)
    assert {c.field: (c.before, c.after) for c in update.changes} == {
        "nome": ("João da Silva", "João da Silva Neto"),
        "ativo": (True, False),
        "telefones": (("11 3333-4444",), ("(11) 90000-0000",)),
    }
    apply(head_engine, plan, confirmed=[2])
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
    assert _reasons(plan) == {2: (ALUNO_AMBIGUO,)}


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


# --- outros e-mails ---------------------------------------------------------------------


def _with_outros_emails(engine: Engine, *emails: str) -> int:
    """An aluno with a CPF whose e-mails besides the main one are ``emails``, stored as given."""
    aluno_id = AlunoService(engine).create(AlunoData("Lia Reis", "lia@escola.com.br", "52998224725"))
    with Session(engine) as session, session.begin():
        session.add_all(Contato(aluno_id=aluno_id, tipo="email", valor=e) for e in emails)
    return aluno_id


def test_a_file_without_outros_emails_keeps_the_stored_ones(tmp_path: Path, head_engine: Engine) -> None:
    # Given an aluno with other e-mails, one of them kept from an old file without a dot
    aluno_id = _with_outros_emails(head_engine, "mae@exemplo.com.br", "sem-ponto@escola")
    text = "CPF;Nome;E-mail;Telefone\n529.982.247-25;Lia Reis Souza;LIA.REIS@escola.com.br;(11) 90000-0000\n"

    # When a file without that column updates the nome, the main e-mail and the phones
    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)
    assert plan.bad_rows == ()
    [update] = plan.conflicts  # another nome for the CPF: confirmed below
    assert [c.field for c in update.changes] == ["nome", "email", "telefones"]
    apply(head_engine, plan, confirmed=[update.line])

    # Then the other e-mails are still there, as they were
    stored = AlunoService(head_engine).get(aluno_id)
    assert (stored.nome, stored.email, stored.telefones) == (
        "Lia Reis Souza",
        "lia.reis@escola.com.br",
        ("(11) 90000-0000",),
    )
    assert stored.outros_emails == ("mae@exemplo.com.br", "sem-ponto@escola")


def test_an_outros_emails_cell_replaces_them_and_a_blank_one_keeps_them(tmp_path: Path, head_engine: Engine) -> None:
    aluno_id = _with_outros_emails(head_engine, "mae@exemplo.com.br", "sem-ponto@escola")
    AlunoService(head_engine).create(AlunoData("Bia Reis", cpf="01234567890"))
    text = (
        "CPF;Nome;Outros e-mails\n"
        # The odd one kept from the old file is not checked again; the main e-mail is dropped
        "529.982.247-25;Lia Reis;sem-ponto@escola / Pai@Exemplo.com.br, lia@escola.com.br\n"
        "012.345.678-90;Bia Reis;\n"
    )

    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)

    assert plan.header_map.columns["outros_emails"] == (2,)
    assert plan.bad_rows == ()
    [update] = plan.updates
    assert {c.field: (c.before, c.after) for c in update.changes} == {
        "outros_emails": (("mae@exemplo.com.br", "sem-ponto@escola"), ("sem-ponto@escola", "pai@exemplo.com.br"))
    }
    assert [a.line for a in plan.unchanged] == [3]
    apply(head_engine, plan)
    assert AlunoService(head_engine).get(aluno_id).outros_emails == ("sem-ponto@escola", "pai@exemplo.com.br")


def test_a_bad_new_outro_email_is_refused_in_its_column(tmp_path: Path, head_engine: Engine) -> None:
    _with_outros_emails(head_engine, "sem-ponto@escola")
    text = "Nome;CPF;E-mails extras\nLia Reis;529.982.247-25;sem-ponto@escola, avo@escola\nNovo Aluno;;x@\n"

    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)

    assert _reasons(plan) == {
        2: (f"E-mails extras: {v.EMAIL_INVALIDO} (sem-ponto@escola, avo@escola)",),
        3: (f"E-mails extras: {v.EMAIL_INVALIDO} (x@)",),
    }


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
            outros_emails=("mae.do.joao@exemplo.com.br", "pai@exemplo.com.br"),
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

    # The six columns of 1.0 first, then the RA, the documents, the address, the other
    # e-mails and the responsáveis
    assert lines[0] == ";".join(EXPORT_HEADERS)
    assert lines[0].startswith("Nome;E-mail;CPF;Data de nascimento;Telefones;Ativo;RA;Nome social;")
    assert ";UF;Outros e-mails;Nome da mãe;" in lines[0]
    outros = EXPORT_HEADERS.index("Outros e-mails")
    empty = ";" * (len(EXPORT_HEADERS) - 7)
    assert lines[1:] == [
        "Conceição Souza;;;01/02/2011;;Não;00000002" + empty,
        "João da Silva;joao@escola.com.br;012.345.678-90;04/03/2010;'+55 (11) 98765-4321 / (11) 3333-4444;Sim;00000001"
        + ";" * (outros - 6)
        + "mae.do.joao@exemplo.com.br / pai@exemplo.com.br"
        + ";" * (len(EXPORT_HEADERS) - 1 - outros),
        "Zé Sem Data;;;;;Sim;00000003" + empty,
    ]


def test_exported_file_imports_into_an_empty_database(tmp_path: Path, registered: Engine, head_db: Path) -> None:
    from escola_gui.core import db
    from escola_gui.storage.file.upgrade import upgrade_to_head

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
        joao = next(r.id for r in AlunoService(other).list() if r.nome == "João da Silva")
        assert AlunoService(other).get(joao).outros_emails == ("mae.do.joao@exemplo.com.br", "pai@exemplo.com.br")
    finally:
        other.dispose()


# --- documents, address and RA ----------------------------------------------------------

CERTIDAO = "10453901552013100012021000012321"
NIS = "46952280637"
INEP = "123456789012"


def test_documents_and_address_columns_as_the_census_writes_them(tmp_path: Path, head_engine: Engine) -> None:
    text = (
        "RA;Nome;Nome Social;Sexo;Cor/Raça;RG;Certidão de Nascimento;NIS;INEP;CEP;Endereço;Nº;Complemento;"
        "Bairro;Município;UF\n"
        f"RA-77;Joana Lima;Jô;Feminino;Parda;12.345.678-9;{CERTIDAO};469.52280.63-7;{INEP};01310-100;"
        "Av. Paulista;1000;ap 5;Bela Vista;São Paulo;sp\n"
        "RA-78;Caio Lima;;m;INDÍGENA;;;;;04.101-300;;;;;;Rio de Janeiro\n"
    )
    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)
    assert plan.bad_rows == ()
    apply(head_engine, plan)

    rows = {row.nome: row for row in AlunoService(head_engine).list()}
    joana = AlunoService(head_engine).get(rows["Joana Lima"].id)
    assert (joana.ra, joana.nome_social, joana.sexo, joana.cor_raca, joana.rg) == (
        "RA-77",
        "Jô",
        "F",
        "parda",
        "12.345.678-9",
    )
    assert (joana.certidao_nascimento, joana.nis, joana.codigo_inep) == (CERTIDAO, NIS, INEP)
    assert (joana.cep, joana.logradouro, joana.numero, joana.complemento, joana.bairro, joana.municipio) == (
        "01310100",
        "Av. Paulista",
        "1000",
        "ap 5",
        "Bela Vista",
        "São Paulo",
    )
    assert joana.uf == "SP"
    caio = AlunoService(head_engine).get(rows["Caio Lima"].id)
    assert (caio.ra, caio.sexo, caio.cor_raca, caio.cep, caio.uf) == ("RA-78", "M", "indigena", "04101300", "RJ")


def test_bad_documents_and_address_are_refused_as_the_form_refuses_them(tmp_path: Path, head_engine: Engine) -> None:
    AlunoService(head_engine).create(AlunoData("Já Tem NIS", nis=NIS))
    text = (
        f"Nome;Sexo;Cor/raça;Certidão;NIS;Código INEP;CEP;UF;Bairro\nAna;X;verde;123;{NIS};12345;1234;ZZ;{'B' * 101}\n"
    )
    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)

    from escola_gui.core import alunos
    from escola_gui.core import documentos as doc

    assert _reasons(plan) == {
        2: (
            f"Sexo: {SEXO_INVALIDO} (X)",
            f"Cor/raça: {COR_RACA_INVALIDA} (verde)",
            f"Certidão: {doc.CERTIDAO_TAMANHO} (123)",
            f"Código INEP: {doc.INEP_ALUNO_TAMANHO} (12345)",
            f"CEP: {v.CEP_INVALIDO} (1234)",
            f"UF: {v.UF_INVALIDA} (ZZ)",
            f"Bairro: O bairro deve ter no máximo 100 caracteres. ({'B' * 101})",
            f"NIS: {alunos.NIS_EM_USO} ({NIS})",
        )
    }


def test_match_by_ra_first_even_when_excel_dropped_its_zeros(tmp_path: Path, head_engine: Engine) -> None:
    service = AlunoService(head_engine)
    aluno_id = service.create(AlunoData("Bruno Alves", cpf="52998224725", data_nascimento=date(2010, 3, 4)))
    ra = service.get(aluno_id).ra
    assert ra == "00000001"
    path = tmp_path / "alunos.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.append(["RA", "Nome", "Cor/Raça"])
    workbook.active.append([1, "Bruno Alves de Souza", "Branca"])
    workbook.save(path)

    plan = preview(head_engine, read_table(path), today=TODAY)

    [update] = plan.conflicts  # another nome for the RA: confirmed below
    assert update.aluno_id == aluno_id
    assert {c.field: c.after for c in update.changes} == {"nome": "Bruno Alves de Souza", "cor_raca": "branca"}
    apply(head_engine, plan, confirmed=[update.line])
    assert (service.get(aluno_id).ra, service.get(aluno_id).cpf) == ("00000001", "52998224725")
    assert _count(head_engine) == 1


def test_ra_and_cpf_of_two_different_alunos(tmp_path: Path, head_engine: Engine) -> None:
    service = AlunoService(head_engine)
    service.create(AlunoData("Primeiro", ra="A1"))
    service.create(AlunoData("Segundo", cpf="52998224725"))
    text = "RA;CPF;Nome\nA1;529.982.247-25;Primeiro\nA1;;Outro\n"

    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)

    from escola_gui.core.alunos import CPF_EM_USO

    reasons = _reasons(plan)
    assert f"CPF: {CPF_EM_USO} (529.982.247-25)" in reasons[2]
    assert f"RA: {DOCUMENTO_REPETIDO_NO_ARQUIVO} (também na linha 3)" in reasons[2]
    assert f"RA: {DOCUMENTO_REPETIDO_NO_ARQUIVO} (também na linha 2)" in reasons[3]


def test_new_alunos_keep_the_files_ra_and_the_others_get_the_next_one(tmp_path: Path, head_engine: Engine) -> None:
    text = "Nome;RA\nSem RA;\nCom RA;00000001\n"
    apply(head_engine, preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY))
    assert {row.nome: row.ra for row in AlunoService(head_engine).list()} == {
        "Com RA": "00000001",
        "Sem RA": "00000002",
    }


# --- responsáveis -----------------------------------------------------------------------

MAE_CPF = "111.444.777-35"
PAI_CPF = "123.456.789-09"

OFFICE_HEADER = (
    "Nome do Aluno;Data de Nascimento;CPF;Nome da Mãe;CPF da Mãe;Telefone da Mãe;Nome do Pai;Responsável Legal;"
    "CEP;Endereço;Número;Bairro;Cidade;UF"
)
OFFICE_ROWS = (
    # Siblings: the same mãe (by CPF) and the same pai (no CPF, same nome)
    f"João da Silva;04/03/2010;529.982.247-25;Maria da Silva;{MAE_CPF};(11) 98765-4321;José da Silva;Mãe;"
    "01310-100;Av. Paulista;1000;Bela Vista;São Paulo;SP",
    "Ana da Silva;05/06/2012;;MARIA DA SILVA;11144477735;11 3333-4444;José da Silva;pai;"
    "01310100;Av. Paulista;1000;Bela Vista;São Paulo;sp",
    # A grandmother who is the responsável legal, named only there
    "Lia Reis;01/01/2011;;Rosa Reis;;;;Teresa Reis;;;;;;",
)
OFFICE_BAD_ROWS = (
    "Pedro Souza;01/01/2011;;Clara Souza;123.456.789-00;;;Clara Souza;;;;;;",
    "Caio Souza;31/02/2011;;;;(11) 98765-4321;;pai;;;;;;",
)


def _office_file(tmp_path: Path, *rows: str, name: str = "alunos.csv") -> Path:
    return _csv(tmp_path, "\n".join((OFFICE_HEADER, *rows)) + "\n", name=name)


def _links(engine: Engine) -> dict[str, list[tuple[str, str | None, str, bool, tuple[str, ...]]]]:
    responsaveis = ResponsavelService(engine)
    return {
        row.nome: [
            (link.nome, link.cpf, link.parentesco, link.responsavel_legal, link.telefones)
            for link in responsaveis.list_for_aluno(row.id)
        ]
        for row in AlunoService(engine).list()
    }


def _counts(engine: Engine) -> tuple[int, int, int]:
    with Session(engine) as session:
        return (
            session.scalar(select(func.count()).select_from(Aluno)) or 0,
            session.scalar(select(func.count()).select_from(Responsavel)) or 0,
            session.scalar(select(func.count()).select_from(AlunoResponsavel)) or 0,
        )


def test_office_csv_with_responsaveis_bad_rows_then_import_then_no_duplicates(
    tmp_path: Path, head_engine: Engine
) -> None:
    # Given the Windows-1252 ";" file an office sends, with two bad lines
    path = _office_file(tmp_path, *OFFICE_ROWS, *OFFICE_BAD_ROWS)
    table = read_table(path)
    assert (table.encoding, table.delimiter) == ("cp1252", ";")

    # When it is previewed
    plan = preview(head_engine, table, today=TODAY)

    # Then each bad line is listed with its number, the column at fault and the value read
    assert _reasons(plan) == {
        5: (f"CPF da Mãe: {v.CPF_INVALIDO} (123.456.789-00)",),
        6: (
            f"Data de Nascimento: {DATA_INEXISTENTE} (31/02/2011)",
            f"Responsável Legal: {RESPONSAVEL_LEGAL_SEM_NOME} (pai)",
            f"Nome da Mãe: {RESPONSAVEL_SEM_NOME}",
        ),
    }
    assert [a.line for a in plan.inserts] == [2, 3, 4]
    assert not plan.can_apply
    with pytest.raises(ImportacaoRecusadaError):
        apply(head_engine, plan)
    assert _counts(head_engine) == (0, 0, 0)

    # When the bad lines are taken out, the preview says what happens to the responsáveis too
    table = read_table(_office_file(tmp_path, *OFFICE_ROWS))
    plan = preview(head_engine, table, today=TODAY)
    assert plan.bad_rows == ()
    assert (plan.responsaveis_novos, plan.responsaveis_atualizados, plan.vinculos_novos, plan.vinculos_alterados) == (
        4,
        0,
        6,
        0,
    )
    [joao, ana, lia] = plan.inserts
    assert [(r.papel, r.parentesco, r.legal, r.new_responsavel) for r in joao.responsaveis] == [
        ("mae", "mae", True, True),
        ("pai", "pai", False, True),
    ]
    assert joao.responsaveis[0].key == ana.responsaveis[0].key  # one mãe for the siblings
    assert joao.responsaveis[1].key == ana.responsaveis[1].key  # and one pai
    assert [(r.data.nome, r.parentesco, r.legal) for r in lia.responsaveis] == [
        ("Rosa Reis", "mae", False),
        ("Teresa Reis", "outro", True),
    ]

    # And the confirmed import writes alunos, responsáveis and links
    result = apply(head_engine, plan)
    assert (result.inserted, result.responsaveis_novos, result.vinculos_novos) == (3, 4, 6)
    assert _counts(head_engine) == (3, 4, 6)
    phones = ("(11) 98765-4321", "11 3333-4444")
    assert _links(head_engine) == {
        "Ana da Silva": [
            ("José da Silva", None, "pai", True, ()),
            ("Maria da Silva", "11144477735", "mae", False, phones),
        ],
        "João da Silva": [
            ("Maria da Silva", "11144477735", "mae", True, phones),
            ("José da Silva", None, "pai", False, ()),
        ],
        "Lia Reis": [("Teresa Reis", None, "outro", True, ()), ("Rosa Reis", None, "mae", False, ())],
    }
    joao_data = AlunoService(head_engine).get(result.inserted_ids[0])
    assert (joao_data.cep, joao_data.logradouro, joao_data.numero, joao_data.municipio, joao_data.uf) == (
        "01310100",
        "Av. Paulista",
        "1000",
        "São Paulo",
        "SP",
    )

    # When the same file is imported again, nothing is created or changed
    again = preview(head_engine, table, today=TODAY)
    assert (len(again.inserts), len(again.updates), len(again.unchanged), again.bad_rows) == (0, 0, 3, ())
    assert (again.responsaveis_novos, again.vinculos_novos, again.vinculos_alterados) == (0, 0, 0)
    result = apply(head_engine, again)
    assert (result.inserted, result.updated, result.unchanged) == (0, 0, 3)
    assert _counts(head_engine) == (3, 4, 6)


def test_office_xlsx_with_responsaveis_works_the_same(tmp_path: Path, head_engine: Engine) -> None:
    path = tmp_path / "alunos.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(OFFICE_HEADER.split(";"))
    for row in (*OFFICE_ROWS, *OFFICE_BAD_ROWS):
        values: list[object] = [cell or None for cell in row.split(";")]
        values[1] = datetime.strptime(str(values[1]), "%d/%m/%Y") if values[1] != "31/02/2011" else values[1]
        values[8] = 1310100 if values[8] else None  # a CEP typed as a number loses its zero
        sheet.append(values)
    sheet["E3"] = 11144477735  # the mãe's CPF as a number
    workbook.save(path)

    plan = preview(head_engine, read_table(path), today=TODAY)
    assert sorted(_reasons(plan)) == [5, 6]
    assert _reasons(plan)[5] == (f"CPF da Mãe: {v.CPF_INVALIDO} (123.456.789-00)",)

    sheet.delete_rows(5, 2)
    workbook.save(path)
    plan = preview(head_engine, read_table(path), today=TODAY)
    assert plan.bad_rows == ()
    apply(head_engine, plan)
    assert _counts(head_engine) == (3, 4, 6)
    assert {row.nome: row.cpf for row in AlunoService(head_engine).list()}["João da Silva"] == "52998224725"
    ana = next(row for row in AlunoService(head_engine).list() if row.nome == "Ana da Silva")
    assert AlunoService(head_engine).get(ana.id).cep == "01310100"

    again = preview(head_engine, read_table(path), today=TODAY)
    assert (again.inserts, again.updates, len(again.unchanged)) == ((), (), 3)


def test_registered_responsaveis_are_reused_by_cpf_and_a_siblings_pai_by_nome(
    tmp_path: Path, head_engine: Engine
) -> None:
    # Given an older brother registered with his mãe (with CPF) and pai (without)
    alunos, responsaveis = AlunoService(head_engine), ResponsavelService(head_engine)
    irmao = alunos.create(AlunoData("Rui da Silva"))
    mae = responsaveis.save_for_aluno(irmao, ResponsavelData("Maria da Silva", MAE_CPF, ("11 3333-4444",)), "mae", True)
    pai = responsaveis.save_for_aluno(irmao, ResponsavelData("José da Silva"), "pai", False)

    # When the younger sister comes in a file with a new phone for the mãe
    text = (
        "Nome;Nome da mãe;CPF da mãe;Celular da mãe;Nome do pai\n"
        f"Ana da Silva;Maria da Silva;{MAE_CPF};(11) 98765-4321 / 11 3333-4444;JOSE DA SILVA\n"
    )
    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)

    # Then both are reused, and the mãe gets the phone she did not have
    [ana] = plan.inserts
    assert [(r.responsavel_id, r.new_link) for r in ana.responsaveis] == [(mae, True), (pai, True)]
    assert [c.field for c in ana.responsaveis[0].responsavel_changes] == ["telefones"]
    assert (plan.responsaveis_novos, plan.responsaveis_atualizados, plan.vinculos_novos) == (0, 1, 2)
    apply(head_engine, plan)
    assert _counts(head_engine) == (2, 2, 4)
    assert responsaveis.get(mae).telefones == ("11 3333-4444", "(11) 98765-4321")


def test_responsavel_without_cpf_is_found_by_nome_among_the_alunos_own(tmp_path: Path, head_engine: Engine) -> None:
    alunos, responsaveis = AlunoService(head_engine), ResponsavelService(head_engine)
    aluno_id = alunos.create(AlunoData("Lia Reis", cpf="52998224725"))
    avo = responsaveis.save_for_aluno(aluno_id, ResponsavelData("Teresa Reis"), "avo", False)
    # Someone else's responsável with the same nome is not this one
    outro = alunos.create(AlunoData("Outro"))
    responsaveis.save_for_aluno(outro, ResponsavelData("Rosa Reis"), "mae", False)
    text = (
        "CPF;Nome;Nome do responsável;Parentesco do responsável;Telefone do responsável;Nome da mãe\n"
        "52998224725;Lia Reis;teresa reis;Avó materna;11 98765-4321;Rosa Reis\n"
    )

    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)

    [update] = plan.updates
    by_papel = {r.papel: r for r in update.responsaveis}
    assert by_papel["responsavel"].responsavel_id == avo
    assert not by_papel["responsavel"].new_link and by_papel["responsavel"].link_changes == ()
    assert by_papel["mae"].new_responsavel  # a new Rosa Reis for Lia
    apply(head_engine, plan)
    assert responsaveis.get(avo).telefones == ("11 98765-4321",)
    assert _counts(head_engine) == (2, 3, 3)


def test_responsavel_legal_moves_and_a_blank_cell_keeps_it(tmp_path: Path, head_engine: Engine) -> None:
    alunos, responsaveis = AlunoService(head_engine), ResponsavelService(head_engine)
    aluno_id = alunos.create(AlunoData("Lia Reis", cpf="52998224725"))
    mae = responsaveis.save_for_aluno(aluno_id, ResponsavelData("Rosa Reis", MAE_CPF), "mae", True)
    text = (
        "CPF;Nome;Nome do pai;CPF do pai;Nome da mãe;Responsável legal\n"
        f"52998224725;Lia Reis;Davi Reis;{PAI_CPF};;pai\n"
    )

    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)

    [update] = plan.updates
    assert update.legal_removed == ((mae, "Rosa Reis"),)
    assert (plan.responsaveis_novos, plan.vinculos_novos, plan.vinculos_alterados) == (1, 1, 1)
    apply(head_engine, plan)
    assert [(r.nome, r.parentesco, r.responsavel_legal) for r in responsaveis.list_for_aluno(aluno_id)] == [
        ("Davi Reis", "pai", True),
        ("Rosa Reis", "mae", False),
    ]

    # A blank Responsável legal says nothing: the stored flag stays
    text = f"CPF;Nome;Nome da mãe;CPF da mãe;Responsável legal\n52998224725;Lia Reis;Rosa Reis;{MAE_CPF};\n"
    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)
    assert (plan.updates, len(plan.unchanged)) == ((), 1)


def test_bad_responsavel_values_name_their_column(tmp_path: Path, head_engine: Engine) -> None:
    text = (
        "Nome;Nome da Mãe;CPF da Mãe;Telefone do Pai;Nome do Pai;Nome do responsável;Parentesco;Responsável legal\n"
        "Ana;Maria;111.444.777-00;abc;José;Teresa;vizinha;Carla\n"
        f"Bia;Maria;{MAE_CPF};;José;;;\n"
        f"Caio;Mariana;{MAE_CPF};;;;;\n"
    )

    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)

    assert _reasons(plan) == {
        2: (
            f"CPF da Mãe: {v.CPF_INVALIDO} (111.444.777-00)",
            f"Telefone do Pai: {v.TELEFONE_INVALIDO} (abc)",
            f"Parentesco: {PARENTESCO_INVALIDO} (vizinha)",
            f"Responsável legal: {RESPONSAVEL_LEGAL_DESCONHECIDO} (Carla)",
        ),
        3: (f"Nome da Mãe: {RESPONSAVEL_CPF_COM_OUTRO_NOME} (Maria)",),
        4: (f"Nome da Mãe: {RESPONSAVEL_CPF_COM_OUTRO_NOME} (Mariana)",),
    }


def test_the_mae_named_again_as_the_responsavel_is_one_link(tmp_path: Path, head_engine: Engine) -> None:
    text = (
        "Nome;Nome da mãe;CPF da mãe;Nome do responsável;CPF do responsável;Parentesco do responsável;"
        "Responsável legal\n"
        f"Ana;Maria Souza;{MAE_CPF};Maria Souza;{MAE_CPF};Mãe;Maria Souza\n"
    )
    plan = preview(head_engine, read_table(_csv(tmp_path, text)), today=TODAY)
    [ana] = plan.inserts
    assert [(r.parentesco, r.legal) for r in ana.responsaveis] == [("mae", True)]
    apply(head_engine, plan)
    assert _counts(head_engine) == (1, 1, 1)


def test_apply_is_all_or_nothing_with_responsaveis(tmp_path: Path, head_engine: Engine) -> None:
    plan = preview(head_engine, read_table(_office_file(tmp_path, *OFFICE_ROWS)), today=TODAY)
    # Meanwhile someone registers the mãe, with her CPF, for another aluno
    outro = AlunoService(head_engine).create(AlunoData("Outro"))
    ResponsavelService(head_engine).save_for_aluno(outro, ResponsavelData("Maria da Silva", MAE_CPF), "mae", False)

    with pytest.raises(ImportacaoDesatualizadaError, match="responsáveis"):
        apply(head_engine, plan)
    assert _counts(head_engine) == (1, 1, 1)


def test_a_failure_while_writing_responsaveis_leaves_nothing(
    tmp_path: Path, head_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = preview(head_engine, read_table(_office_file(tmp_path, *OFFICE_ROWS)), today=TODAY)

    def fail(*_args: object) -> None:
        raise RuntimeError("disco cheio")

    monkeypatch.setattr("escola_gui.core.importacao.flow.write_responsaveis", fail)
    with pytest.raises(RuntimeError):
        apply(head_engine, plan)
    assert _counts(head_engine) == (0, 0, 0)


@pytest.mark.parametrize("name", ["alunos.csv", "alunos.xlsx"])
def test_export_with_documents_and_responsaveis_reimports_with_zero_changes(
    tmp_path: Path, head_engine: Engine, name: str
) -> None:
    alunos, responsaveis = AlunoService(head_engine), ResponsavelService(head_engine)
    joana = alunos.create(
        AlunoData(
            "Joana Lima",
            cpf="52998224725",
            sexo="F",
            cor_raca="parda",
            certidao_nascimento=CERTIDAO,
            nis=NIS,
            codigo_inep=INEP,
            cep="01310100",
            logradouro="Av. Paulista",
            numero="1000",
            uf="SP",
            outros_emails=("maria.lima@exemplo.com.br", "joana@exemplo.com.br"),
        )
    )
    responsaveis.save_for_aluno(joana, ResponsavelData("Maria Lima", MAE_CPF, ("11 3333-4444",)), "mae", False)
    responsaveis.save_for_aluno(joana, ResponsavelData("Teresa Lima"), "avo", True)
    responsaveis.save_for_aluno(joana, ResponsavelData("Davi Lima", PAI_CPF), "pai", False)
    alunos.create(AlunoData("Sem Ninguém"))
    path = tmp_path / name

    assert export_alunos(head_engine, path) == 2

    table = read_table(path)
    joana_row = dict(zip(table.headers, table.rows[0].values, strict=True))
    assert joana_row["Sexo"] == "Feminino" and joana_row["Cor/raça"] == "Parda"
    assert joana_row["CEP"] == "01310-100"
    assert joana_row["Outros e-mails"] == "maria.lima@exemplo.com.br / joana@exemplo.com.br"
    assert (joana_row["Nome da mãe"], joana_row["CPF da mãe"], joana_row["Telefone da mãe"]) == (
        "Maria Lima",
        MAE_CPF,
        "11 3333-4444",
    )
    assert (joana_row["Nome do responsável"], joana_row["Parentesco do responsável"]) == ("Teresa Lima", "Avó/Avô")
    assert joana_row["Responsável legal"] == "Teresa Lima"
    plan = preview(head_engine, table, today=TODAY)
    assert (plan.inserts, plan.updates, plan.bad_rows, len(plan.unchanged)) == ((), (), (), 2)
