"""The audit log: exact rows for what each service writes, in the change's own transaction."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session

from escola_gui.core import auditoria
from escola_gui.core.alunos import AlunoData
from escola_gui.core.auditoria import AuditoriaService, LinhaAuditoria
from escola_gui.core.cursos import CursoData
from escola_gui.core.diario import Lancamento, LancamentoFrequencia
from escola_gui.core.errors import ValidationError
from escola_gui.core.escola import AnoLetivoData
from escola_gui.core.importacao.flow import apply, preview
from escola_gui.core.models import Auditoria
from escola_gui.core.planilhas import read_table
from escola_gui.core.responsaveis import ResponsavelData
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData

D = Decimal
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _usuario(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auditoria, "usuario_atual", lambda: "secretaria")


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


def _rows(engine: Engine, **where: Any) -> list[dict[str, Any]]:
    """The audit rows, oldest first, with antes/depois decoded."""
    with Session(engine) as session:
        found = session.scalars(select(Auditoria).filter_by(**where).order_by(Auditoria.id)).all()
        return [
            {
                "usuario": r.usuario,
                "tabela": r.tabela,
                "registro_id": r.registro_id,
                "aluno_id": r.aluno_id,
                "acao": r.acao,
                "descricao": r.descricao,
                "antes": None if r.antes is None else json.loads(r.antes),
                "depois": None if r.depois is None else json.loads(r.depois),
            }
            for r in found
        ]


def _count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(Auditoria)) or 0


def test_creating_and_updating_an_aluno_records_only_what_changed(services: Services, head_engine: Engine) -> None:
    aluno_id = services.alunos.create(
        AlunoData(nome="Ana Souza", data_nascimento=date(2015, 3, 7), sexo="F", telefones=("(11) 1111-1111",)),
        foto=PNG,
    )
    [aluno, contato] = _rows(head_engine)
    assert aluno == {
        "usuario": "secretaria",
        "tabela": "alunos",
        "registro_id": aluno_id,
        "aluno_id": aluno_id,
        "acao": "inclusao",
        "descricao": "Cadastro do aluno",
        "antes": None,
        "depois": {
            "nome": "Ana Souza",
            "data_nascimento": "2015-03-07",
            "sexo": "F",
            "ativo": True,
            "ra": "00000001",
            "foto": "foto alterada",
        },
    }
    assert (contato["tabela"], contato["aluno_id"], contato["acao"], contato["descricao"], contato["depois"]) == (
        "contatos",
        aluno_id,
        "inclusao",
        "Telefone",
        {"valor": "(11) 1111-1111"},
    )

    data = services.alunos.get(aluno_id)
    services.alunos.update(aluno_id, data)  # nothing changed: nothing recorded
    assert _count(head_engine) == 2

    changed = AlunoData(
        **{**data.__dict__, "nome": "Ana Souza Lima", "data_nascimento": date(2015, 3, 8), "telefones": ()}
    )
    services.alunos.update(aluno_id, changed, foto=None)
    new = _rows(head_engine)[2:]
    assert [(r["tabela"], r["acao"], r["aluno_id"], r["antes"], r["depois"]) for r in new] == [
        (
            "alunos",
            "alteracao",
            aluno_id,
            {"nome": "Ana Souza", "data_nascimento": "2015-03-07", "foto": None},
            {"nome": "Ana Souza Lima", "data_nascimento": "2015-03-08", "foto": "foto removida"},
        ),
        ("contatos", "exclusao", aluno_id, {"valor": "(11) 1111-1111"}, None),
    ]


def test_adding_a_phone_records_only_the_new_one(services: Services, head_engine: Engine) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Bruno", telefones=("(11) 1111-1111",)))
    data = services.alunos.get(aluno_id)
    services.alunos.update(aluno_id, AlunoData(**{**data.__dict__, "telefones": ("(11) 1111-1111", "(11) 2222-2222")}))
    assert [(r["acao"], r["depois"]) for r in _rows(head_engine, tabela="contatos")] == [
        ("inclusao", {"valor": "(11) 1111-1111"}),
        ("inclusao", {"valor": "(11) 2222-2222"}),
    ]
    assert services.alunos.get(aluno_id).telefones == ("(11) 1111-1111", "(11) 2222-2222")
    # A new order rewrites them, in that order.
    services.alunos.update(aluno_id, AlunoData(**{**data.__dict__, "telefones": ("(11) 2222-2222", "(11) 1111-1111")}))
    assert services.alunos.get(aluno_id).telefones == ("(11) 2222-2222", "(11) 1111-1111")


def test_a_refused_or_failed_save_records_nothing(services: Services, head_engine: Engine) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Caio", cpf="529.982.247-25"))
    before = _count(head_engine)
    with pytest.raises(ValidationError):
        services.alunos.create(AlunoData(nome="Outro", cpf="529.982.247-25"))
    with pytest.raises(ValidationError):
        services.alunos.update(aluno_id, AlunoData(nome=""))
    assert _count(head_engine) == before

    # A write that fails inside its transaction takes its audit rows with it.
    from escola_gui.core.models import Aluno

    with pytest.raises(RuntimeError), Session(head_engine) as session, session.begin():
        session.get_one(Aluno, aluno_id).nome = "Caio Prado"
        session.flush()
        assert _count_in(session) == before + 1
        raise RuntimeError("boom")
    assert _count(head_engine) == before
    assert services.alunos.get(aluno_id).nome == "Caio"


def _count_in(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Auditoria)) or 0


def test_foto_set_alone_records_no_bytes(services: Services, head_engine: Engine) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Davi"))
    services.alunos.set_foto(aluno_id, PNG)
    [row] = _rows(head_engine, acao="alteracao")
    assert (row["antes"], row["depois"]) == ({"foto": None}, {"foto": "foto alterada"})


@pytest.fixture
def turma(services: Services) -> tuple[int, dict[str, int], list[int]]:
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026, tipo_periodo="bimestre"))
    mat = services.disciplinas.create("Matemática")
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(mat, 160)])
    periodos = [p.id for p in services.anos_letivos.periodos(ano)]
    return turma, {"Matemática": mat}, periodos


def test_notas_launched_then_changed_then_cleared(
    services: Services, head_engine: Engine, turma: tuple[int, dict[str, int], list[int]]
) -> None:
    turma_id, disciplinas, periodos = turma
    mat = disciplinas["Matemática"]
    aluno_id = services.alunos.create(AlunoData(nome="Ana"))
    [ent] = services.turmas.enturmar(turma_id, [aluno_id], date(2026, 2, 2))
    [enturmacao] = _rows(head_engine, tabela="enturmacoes")
    assert (enturmacao["aluno_id"], enturmacao["descricao"], enturmacao["depois"]) == (
        aluno_id,
        "Enturmação na turma 6º ano A (2026)",
        {"data_entrada": "2026-02-02"},
    )

    services.diario.lancar_notas(turma_id, mat, [Lancamento(ent, "nota", D("7.5"), periodos[0])])
    services.diario.lancar_notas(turma_id, mat, [Lancamento(ent, "nota", D("8.0"), periodos[0])])
    services.diario.lancar_notas(turma_id, mat, [Lancamento(ent, "recuperacao_final", D("6.5"))])
    services.diario.lancar_notas(turma_id, mat, [Lancamento(ent, "recuperacao_final", D("7.0"))])
    services.diario.lancar_notas(turma_id, mat, [Lancamento(ent, "nota", None, periodos[0])])
    rows = _rows(head_engine, tabela="notas") + _rows(head_engine, tabela="recuperacoes_finais")
    assert [(r["acao"], r["aluno_id"], r["descricao"], r["antes"], r["depois"]) for r in rows] == [
        ("inclusao", aluno_id, "Matemática, 1º bimestre", None, {"nota": "7.5"}),
        ("alteracao", aluno_id, "Matemática, 1º bimestre", {"nota": "7.5"}, {"nota": "8.0"}),
        ("exclusao", aluno_id, "Matemática, 1º bimestre", {"nota": "8.0"}, None),
        ("inclusao", aluno_id, "Recuperação final de Matemática", None, {"nota": "6.5"}),
        ("alteracao", aluno_id, "Recuperação final de Matemática", {"nota": "6.5"}, {"nota": "7.0"}),
    ]
    # The strings give the Decimal back exactly.
    assert D(rows[1]["depois"]["nota"]) == D("8.0") and str(D(rows[1]["depois"]["nota"])) == "8.0"

    linhas = AuditoriaService(head_engine).list_for_aluno(aluno_id)
    assert [(li.acao, li.o_que, li.antes, li.depois) for li in linhas] == [
        ("exclusao", "Nota de Matemática, 1º bimestre", "8,0", "—"),
        ("alteracao", "Recuperação final de Matemática", "6,5", "7,0"),
        ("inclusao", "Recuperação final de Matemática", "—", "6,5"),
        ("alteracao", "Nota de Matemática, 1º bimestre", "7,5", "8,0"),
        ("inclusao", "Nota de Matemática, 1º bimestre", "—", "7,5"),
        ("inclusao", "Enturmação na turma 6º ano A (2026): Data de entrada", "—", "02/02/2026"),
        ("inclusao", "Cadastro do aluno", "—", "Nome: Ana; Ativo: Sim; RA: 00000001"),
    ]
    assert linhas[3] == LinhaAuditoria(linhas[3].quando, "secretaria", "alteracao", linhas[3].o_que, "7,5", "8,0")
    assert isinstance(linhas[0].quando, datetime)
    assert [linha.quando for linha in linhas] == sorted((linha.quando for linha in linhas), reverse=True)


def test_frequencia_and_a_pasted_grid_in_one_insert(
    services: Services, head_engine: Engine, turma: tuple[int, dict[str, int], list[int]]
) -> None:
    turma_id, disciplinas, periodos = turma
    mat = disciplinas["Matemática"]
    alunos = [services.alunos.create(AlunoData(nome=n)) for n in ("Ana", "Bruno", "Caio")]
    ents = services.turmas.enturmar(turma_id, alunos, date(2026, 2, 2))
    services.diario.lancar_frequencia(turma_id, mat, periodos[0], [LancamentoFrequencia(ents[0], 40, 2)])
    services.diario.lancar_frequencia(turma_id, mat, periodos[0], [LancamentoFrequencia(ents[0], 40, 3)])
    services.diario.lancar_frequencia(turma_id, mat, periodos[0], [LancamentoFrequencia(ents[0], None, None)])
    rows = _rows(head_engine, tabela="frequencias")
    assert [(r["acao"], r["aluno_id"], r["descricao"], r["antes"], r["depois"]) for r in rows] == [
        ("inclusao", alunos[0], "Matemática, 1º bimestre", None, {"aulas_dadas": 40, "faltas": 2}),
        ("alteracao", alunos[0], "Matemática, 1º bimestre", {"faltas": 2}, {"faltas": 3}),
        ("exclusao", alunos[0], "Matemática, 1º bimestre", {"aulas_dadas": 40, "faltas": 3}, None),
    ]

    with _audit_inserts(head_engine) as inserts:
        services.diario.lancar_notas(
            turma_id, mat, [Lancamento(e, "nota", D("6.0"), p) for e in ents for p in periodos]
        )
    assert inserts == [12]  # one executemany for the 12 cells
    assert {r["aluno_id"] for r in _rows(head_engine, tabela="notas")} == set(alunos)


class _audit_inserts:  # noqa: N801 - used as a context manager
    """The number of rows of each INSERT INTO auditoria executed inside the block."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.found: list[int] = []

    def _listener(self, _conn: Any, _cursor: Any, statement: str, parameters: Any, _ctx: Any, many: bool) -> None:
        if statement.startswith("INSERT INTO auditoria"):
            self.found.append(len(parameters) if many else 1)

    def __enter__(self) -> list[int]:
        event.listen(self.engine, "before_cursor_execute", self._listener)
        return self.found

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._listener)


def test_an_import_of_n_rows_writes_n_inclusoes_in_one_go(
    services: Services, head_engine: Engine, tmp_path: Path
) -> None:
    n = 200
    path = tmp_path / "alunos.csv"
    path.write_text("Nome;Data de nascimento\n" + "".join(f"Aluno {i:03d};01/02/2015\n" for i in range(n)))
    plan = preview(head_engine, read_table(path), today=date(2024, 6, 1))
    with _audit_inserts(head_engine) as inserts:
        result = apply(head_engine, plan)
    assert inserts == [n]
    rows = _rows(head_engine)
    assert [r["aluno_id"] for r in rows] == list(result.inserted_ids)
    assert {r["acao"] for r in rows} == {"inclusao"}
    assert rows[0]["depois"] == {"nome": "Aluno 000", "data_nascimento": "2015-02-01", "ativo": True, "ra": "00000001"}


def test_responsavel_link_and_matricula_removed(services: Services, head_engine: Engine) -> None:
    aluno_id = services.alunos.create(AlunoData(nome="Ana"))
    irmao = services.alunos.create(AlunoData(nome="Beto"))
    rid = services.responsaveis.save_for_aluno(aluno_id, ResponsavelData(nome="Maria"), "mae", True)
    assert [(r["tabela"], r["aluno_id"], r["descricao"], r["depois"]) for r in _rows(head_engine)[2:]] == [
        ("responsaveis", aluno_id, "Responsável Maria", {"nome": "Maria"}),
        (
            "alunos_responsaveis",
            aluno_id,
            "Vínculo com o responsável Maria",
            {"parentesco": "mae", "responsavel_legal": True},
        ),
    ]
    services.responsaveis.link(irmao, rid, "mae")
    services.responsaveis.update(rid, ResponsavelData(nome="Maria Souza"))
    changed = _rows(head_engine, tabela="responsaveis", acao="alteracao")
    assert [(r["aluno_id"], r["antes"], r["depois"]) for r in changed] == [
        (aluno_id, {"nome": "Maria"}, {"nome": "Maria Souza"}),
        (irmao, {"nome": "Maria"}, {"nome": "Maria Souza"}),
    ]
    services.responsaveis.unlink(irmao, rid)
    [unlinked] = _rows(head_engine, tabela="alunos_responsaveis", acao="exclusao")
    assert (unlinked["aluno_id"], unlinked["descricao"], unlinked["antes"]) == (
        irmao,
        "Vínculo com o responsável Maria Souza",
        {"parentesco": "mae", "responsavel_legal": False},
    )

    curso = services.cursos.create(CursoData("Inglês"))
    matricula = services.matriculas.create(aluno_id, curso, date(2026, 3, 1))
    services.matriculas.delete(matricula)
    assert [(r["acao"], r["aluno_id"], r["descricao"]) for r in _rows(head_engine, tabela="matriculas")] == [
        ("inclusao", aluno_id, "Matrícula no curso Inglês"),
        ("exclusao", aluno_id, "Matrícula no curso Inglês"),
    ]


def test_usuario_is_the_os_login_with_a_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the real usuario_atual
    import getpass

    auditoria.usuario_atual.cache_clear()
    monkeypatch.setattr(getpass, "getuser", lambda: "maria")
    assert auditoria.usuario_atual() == "maria"
    auditoria.usuario_atual.cache_clear()

    def no_login() -> str:
        raise OSError("no login")

    monkeypatch.setattr(getpass, "getuser", no_login)
    assert auditoria.usuario_atual() == "desconhecido"
    auditoria.usuario_atual.cache_clear()


def test_values_read_as_the_secretary_writes_them() -> None:
    assert auditoria.formatar_valor("data_nascimento", "2015-03-07") == "07/03/2015"
    assert auditoria.formatar_valor("nota", "7.5") == "7,5"
    assert auditoria.formatar_valor("ativo", False) == "Não"
    assert auditoria.formatar_valor("sexo", "F") == "Feminino"
    assert auditoria.formatar_valor("situacao_manual", "transferido") == "Transferido"
    assert auditoria.formatar_valor("nome", None) == "—"


def test_remanejamento_records_the_situacao_and_the_notas_carried(
    services: Services, head_engine: Engine, turma: tuple[int, dict[str, int], list[int]]
) -> None:
    turma_id, disciplinas, periodos = turma
    mat = disciplinas["Matemática"]
    ano = services.turmas.get(turma_id).ano_letivo_id
    turma_b = services.turmas.create(TurmaData(ano, "6º ano B", "6º ano", "vespertino"), [(mat, 160)])  # type: ignore[arg-type]
    aluno_id = services.alunos.create(AlunoData(nome="Ana"))
    [ent] = services.turmas.enturmar(turma_id, [aluno_id], date(2026, 2, 2))
    services.diario.lancar_notas(turma_id, mat, [Lancamento(ent, "nota", D("7.5"), periodos[0])])
    nova = services.turmas.remanejar(ent, turma_b, date(2026, 6, 1), "Troca de turno")

    [situacao] = _rows(head_engine, tabela="historico_situacoes")
    assert (situacao["aluno_id"], situacao["descricao"], situacao["depois"]) == (
        aluno_id,
        "Situação na turma 6º ano A (2026)",
        {"situacao_nova": "remanejado", "motivo": "Troca de turno"},
    )
    [saida] = _rows(head_engine, tabela="enturmacoes", acao="alteracao")
    assert (saida["antes"], saida["depois"]) == (
        {"data_saida": None, "motivo_situacao": None, "situacao_manual": None},
        {"data_saida": "2026-06-01", "motivo_situacao": "Troca de turno", "situacao_manual": "remanejado"},
    )
    carried = _rows(head_engine, tabela="notas")[-1]
    assert (carried["registro_id"] is not None, carried["aluno_id"], carried["acao"], carried["depois"]) == (
        True,
        aluno_id,
        "inclusao",
        {"nota": "7.5"},
    )
    with Session(head_engine) as session:
        from escola_gui.core.models import Nota

        assert session.get_one(Nota, carried["registro_id"]).enturmacao_id == nova


# --- whose history: an id SQLite gives again, an aluno restored with a new id -------------


def _historia(services: Services, aluno_id: int) -> list[tuple[str, str, str, str]]:
    """The Alterações of the aluno, oldest first, as (ação, o quê, antes, depois)."""
    return [
        (linha.acao, linha.o_que, linha.antes, linha.depois)
        for linha in reversed(services.auditoria.list_for_aluno(aluno_id))
    ]


def _texto(services: Services, aluno_id: int) -> str:
    return "\n".join(" | ".join(linha) for linha in _historia(services, aluno_id))


def _aluno(services: Services, nome: str, cpf: str) -> int:
    aluno_id = services.alunos.create(AlunoData(nome=nome, cpf=cpf, data_nascimento=date(2015, 3, 7)))
    data = services.alunos.get(aluno_id)
    services.alunos.update(aluno_id, AlunoData(**{**data.__dict__, "nome": f"{nome} Lima"}))
    return aluno_id


def _item(services: Services, nome: str) -> int:
    return next(i.id for i in services.lixeira.list() if i.descricao.startswith(nome))


def _acoes(services: Services, aluno_id: int) -> list[tuple[str, str]]:
    return [(acao, o_que.split(":")[0]) for acao, o_que, _antes, _depois in _historia(services, aluno_id)]


ANA = [("inclusao", "Cadastro do aluno"), ("alteracao", "Cadastro do aluno")]


def test_a_new_aluno_given_a_deleted_alunos_id_shows_none_of_its_history(services: Services) -> None:
    ana = _aluno(services, "Ana Souza", "529.982.247-25")
    services.alunos.delete(ana)
    bruno = services.alunos.create(AlunoData(nome="Bruno Dias"))
    assert bruno == ana  # SQLite gives the highest freed id again

    assert _acoes(services, bruno) == [("inclusao", "Cadastro do aluno")]
    assert "Ana" not in _texto(services, bruno) and "52998224725" not in _texto(services, bruno)
    # Nor when Ana is deleted for good: that row is hers, not Bruno's
    services.lixeira.delete(_item(services, "Ana Souza"))
    assert _acoes(services, bruno) == [("inclusao", "Cadastro do aluno")]
    with Session(services.alunos._engine) as session:  # noqa: SLF001
        final = session.scalars(select(Auditoria).order_by(Auditoria.id.desc()).limit(1)).one()
    assert (final.tabela, final.registro_id, final.aluno_id, final.acao) == ("alunos", ana, None, "exclusao")
    assert "excluído definitivamente" in final.descricao


def test_an_aluno_restored_with_its_id_keeps_its_whole_history(services: Services) -> None:
    ana = _aluno(services, "Ana Souza", "529.982.247-25")
    services.alunos.delete(ana)
    restored = services.lixeira.restaurar(_item(services, "Ana Souza"))

    assert restored.registro_id == ana
    assert _acoes(services, ana) == [
        *ANA,
        ("exclusao", "Aluno Ana Souza Lima (RA 00000001) movido para a Lixeira."),
    ] + [("restauracao", "Aluno Ana Souza Lima (RA 00000001) restaurado da Lixeira.")]
    # and it goes on after a second trip to the Lixeira and back
    services.alunos.delete(ana)
    services.lixeira.restaurar(_item(services, "Ana Souza"))
    assert [acao for acao, _ in _acoes(services, ana)] == [
        "inclusao",
        "alteracao",
        "exclusao",
        "restauracao",
        "exclusao",
        "restauracao",
    ]


def test_an_aluno_restored_with_a_new_id_takes_its_history_along(services: Services, head_engine: Engine) -> None:
    ana = _aluno(services, "Ana Souza", "529.982.247-25")
    ana_antes = _historia(services, ana)
    services.alunos.delete(ana)
    bruno = _aluno(services, "Bruno Dias", "111.444.777-35")
    assert bruno == ana
    bruno_antes = _historia(services, bruno)

    nova = services.lixeira.restaurar(_item(services, "Ana Souza")).registro_id

    assert nova != ana
    historia = _historia(services, nova)
    assert historia[:2] == ana_antes
    assert [acao for acao, *_ in historia[2:]] == ["exclusao", "restauracao"]
    assert "52998224725" in _texto(services, nova) and "Bruno" not in _texto(services, nova)
    assert _historia(services, bruno) == bruno_antes
    assert "Ana" not in _texto(services, bruno) and "52998224725" not in _texto(services, bruno)
    # The rows moved in the restore's transaction: none of Ana's is left under Bruno's id
    assert {r["descricao"] for r in _rows(head_engine, aluno_id=bruno)} == {"Cadastro do aluno"}
    assert all("Ana" not in json.dumps(r) for r in _rows(head_engine, aluno_id=bruno))


def test_ids_passed_from_aluno_to_aluno_keep_every_history_apart(services: Services) -> None:
    """Ana (id n) and Caio (id n+1) go to the Lixeira; Bruno gets n; Ana comes back as n+1 (Caio's
    old id, whose history is under it); Caio comes back as n+2."""
    ana = _aluno(services, "Ana Souza", "529.982.247-25")
    caio = _aluno(services, "Caio Reis", "111.444.777-35")
    ana_antes, caio_antes = _historia(services, ana), _historia(services, caio)
    services.alunos.delete(caio)
    services.alunos.delete(ana)
    bruno = services.alunos.create(AlunoData(nome="Bruno Dias"))
    assert bruno == ana

    ana_nova = services.lixeira.restaurar(_item(services, "Ana Souza")).registro_id
    assert ana_nova == caio
    assert _historia(services, ana_nova)[:2] == ana_antes and len(_historia(services, ana_nova)) == 4
    assert "Caio" not in _texto(services, ana_nova)

    caio_novo = services.lixeira.restaurar(_item(services, "Caio Reis")).registro_id
    assert caio_novo not in (ana, caio)
    assert _historia(services, caio_novo)[:2] == caio_antes and len(_historia(services, caio_novo)) == 4
    assert "Ana" not in _texto(services, caio_novo)
    assert _historia(services, ana_nova)[:2] == ana_antes and len(_historia(services, ana_nova)) == 4
    assert _acoes(services, bruno) == [("inclusao", "Cadastro do aluno")]


def test_an_aluno_back_in_its_id_after_another_held_it_shows_only_its_own(services: Services) -> None:
    """Ana is deleted; Bruno gets her id and is deleted too; Ana comes back with her own id."""
    ana = _aluno(services, "Ana Souza", "529.982.247-25")
    ana_antes = _historia(services, ana)
    services.alunos.delete(ana)
    bruno = _aluno(services, "Bruno Dias", "111.444.777-35")
    bruno_antes = _historia(services, bruno)
    services.alunos.delete(bruno)

    assert services.lixeira.restaurar(_item(services, "Ana Souza")).registro_id == ana
    assert _historia(services, ana)[:2] == ana_antes and len(_historia(services, ana)) == 4
    assert "Bruno" not in _texto(services, ana) and "11144477735" not in _texto(services, ana)

    bruno_novo = services.lixeira.restaurar(_item(services, "Bruno Dias")).registro_id
    assert bruno_novo != ana
    assert _historia(services, bruno_novo)[:2] == bruno_antes and len(_historia(services, bruno_novo)) == 4
    assert "Ana" not in _texto(services, bruno_novo)
    assert _historia(services, ana)[:2] == ana_antes and len(_historia(services, ana)) == 4


def test_an_aluno_from_before_the_log_keeps_its_history_apart_too(services: Services, head_engine: Engine) -> None:
    """Alunos registered before revision 0011 have no inclusão: their history begins after the
    exclusão that ended the one before."""
    caio = _aluno(services, "Caio Reis", "111.444.777-35")
    services.alunos.delete(caio)
    ana = _aluno(services, "Ana Souza", "529.982.247-25")  # Caio's id, the newest aluno
    assert ana == caio
    with head_engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM auditoria WHERE aluno_id = ? AND acao = 'inclusao'", (ana,))
    services.lixeira.delete(_item(services, "Caio Reis"))
    assert _acoes(services, ana) == [("alteracao", "Cadastro do aluno")]  # not Caio's
    services.alunos.delete(ana)
    bruno = services.alunos.create(AlunoData(nome="Bruno Dias"))
    assert _acoes(services, bruno) == [("inclusao", "Cadastro do aluno")]

    ana_nova = services.lixeira.restaurar(_item(services, "Ana Souza")).registro_id
    assert [acao for acao, _ in _acoes(services, ana_nova)] == ["alteracao", "exclusao", "restauracao"]
    assert "Caio" not in _texto(services, ana_nova) and "Bruno" not in _texto(services, ana_nova)
    assert _acoes(services, bruno) == [("inclusao", "Cadastro do aluno")]


def test_a_turma_deleted_before_its_aluno_leaves_its_rows_in_the_alunos_history(
    services: Services, turma: tuple[int, dict[str, int], list[int]]
) -> None:
    turma_id, _disciplinas, _periodos = turma
    ana = _aluno(services, "Ana Souza", "529.982.247-25")
    services.turmas.enturmar(turma_id, [ana], date(2026, 2, 2))
    services.turmas.delete(turma_id)
    services.alunos.delete(ana)
    bruno = services.alunos.create(AlunoData(nome="Bruno Dias"))
    assert bruno == ana

    ana_nova = services.lixeira.restaurar(_item(services, "Ana Souza")).registro_id
    services.lixeira.restaurar(_item(services, "6º ano A"))

    assert [acao for acao, _ in _acoes(services, ana_nova)] == [
        "inclusao",
        "alteracao",
        "inclusao",  # the enturmação
        "exclusao",  # with the turma
        "exclusao",
        "restauracao",
        "restauracao",  # the enturmação, with the turma
    ]
    assert "6º ano A" in _texto(services, ana_nova)
    assert _acoes(services, bruno) == [("inclusao", "Cadastro do aluno")]


def test_reading_an_alunos_history_uses_the_index(services: Services, head_engine: Engine) -> None:
    plans = []
    statements = []

    def before(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if "FROM auditoria" in statement and statement.lstrip().startswith("SELECT"):
            statements.append((statement, parameters))

    ana = _aluno(services, "Ana Souza", "529.982.247-25")
    event.listen(head_engine, "before_cursor_execute", before)
    try:
        services.auditoria.list_for_aluno(ana)
    finally:
        event.remove(head_engine, "before_cursor_execute", before)
    assert len(statements) == 2
    with head_engine.connect() as conn:
        for statement, parameters in statements:
            plans.append(" ".join(r[-1] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)))
    assert all("USING INDEX ix_auditoria_aluno_id (aluno_id=?" in plan for plan in plans), plans
