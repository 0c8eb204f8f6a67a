"""The reports' data, read from a real database and formatted the Brazilian way: the ficha do
aluno, the boletim (of an aluno and of a whole turma), the histórico escolar, the atestado de
matrícula and the ata de resultados finais."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from escola_gui.core.alunos import AlunoData
from escola_gui.core.avaliacao import Situacao, format_percentual
from escola_gui.core.cursos import CursoData
from escola_gui.core.diario import Lancamento, LancamentoFrequencia
from escola_gui.core.errors import NadaParaImprimirError, RecordNotFoundError
from escola_gui.core.escola import AnoLetivoData, EscolaData
from escola_gui.core.historico_externo import DisciplinaExternaData, HistoricoExternoData
from escola_gui.core.movimentacoes import EscolaTransferencia
from escola_gui.core.relatorios.ata import ata_de_resultados
from escola_gui.core.relatorios.atestado import atestado_de_matricula
from escola_gui.core.relatorios.boletim import boletim, boletim_do_aluno, boletins_da_turma, enturmacao_do_boletim
from escola_gui.core.relatorios.documento import CabecalhoEscola, Campo, Documento, Estilo, Secao, texto
from escola_gui.core.relatorios.ficha import FichaAluno, MatriculaFicha, ficha_do_aluno
from escola_gui.core.relatorios.formatacao import (
    data_por_extenso,
    file_name_part,
    format_date,
    format_frequencia,
    format_nota,
    local_e_data,
)
from escola_gui.core.relatorios.historico import historico_escolar
from escola_gui.core.services import Services
from escola_gui.core.turmas import TurmaData
from tests.helpers.records import insert_matricula_without_date

TODAY = date(2026, 5, 4)
NOME = 'Ana "Aninha" <Souza> & D\'Ávila'


@pytest.fixture
def services(head_engine: Engine) -> Services:
    return Services.for_engine(head_engine)


def _add_extra_email(database: Path, aluno_id: int, email: str) -> None:
    """Extra e-mails come only from upgraded 0.x files; the forms do not write them yet."""
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute("INSERT INTO contatos (aluno_id, tipo, valor) VALUES (?, 'email', ?)", (aluno_id, email))


def test_ficha_holds_every_value_formatted(services: Services, head_engine: Engine, head_db: Path) -> None:
    # Given an aluno with a quoted name, CPF, birth date, phones, an extra e-mail and two matrículas,
    # one of them from an old file whose date could not be read
    aluno = services.alunos.create(
        AlunoData(
            nome=NOME,
            email="ana@escola.com.br",
            cpf="52998224725",
            data_nascimento=date(2010, 3, 4),
            telefones=("(11) 98765-4321", "(11) 3333-4444"),
        )
    )
    ingles = services.cursos.create(CursoData(nome="Inglês básico"))
    musica = services.cursos.create(CursoData(nome="Música"))
    services.matriculas.create(aluno, ingles, date(2024, 3, 10), "Bolsa parcial")
    insert_matricula_without_date(head_db, aluno, musica)
    _add_extra_email(head_db, aluno, "mae.ana@exemplo.com.br")

    # When the ficha is read
    ficha = ficha_do_aluno(head_engine, aluno, today=TODAY)

    # Then every value is display text, dated matrículas first
    assert ficha == FichaAluno(
        aluno_id=aluno,
        nome=NOME,
        cpf="529.982.247-25",
        data_nascimento="04/03/2010",
        ativo="Sim",
        email="ana@escola.com.br",
        telefones=("(11) 98765-4321", "(11) 3333-4444"),
        emails_extras=("mae.ana@exemplo.com.br",),
        matriculas=(
            MatriculaFicha("Inglês básico", "10/03/2024", "Bolsa parcial"),
            MatriculaFicha("Música", "não informada", "Data original: 31/02/2021"),
        ),
        emitido_em=TODAY,
        ra="00000001",
        nome_social="",
        sexo="não informado",
        cor_raca="não informada",
        rg="não informado",
        certidao_nascimento="não informada",
        nis="não informado",
        codigo_inep="não informado",
    )


def test_documento_of_a_sparse_aluno(services: Services, head_engine: Engine) -> None:
    # Given an inactive aluno with only a name
    aluno = services.alunos.create(AlunoData(nome="José Érico", ativo=False))

    # When the ficha is arranged as a document
    documento = ficha_do_aluno(head_engine, aluno, today=TODAY).documento()

    # Then missing values say so, and the empty matrículas table has its own text
    dados, documentos, contatos, responsaveis, matriculas = documento.secoes
    assert documento.titulo == "Ficha do aluno"
    assert documento.emitido_em == TODAY
    assert documento.nome_arquivo == "ficha-jose-erico"
    assert dados.campos == (  # no "Nome social" line when there is none
        Campo("Nome", "José Érico"),
        Campo("RA", "00000001"),
        Campo("Data de nascimento", "não informada"),
        Campo("Sexo", "não informado"),
        Campo("Cor/raça", "não informada"),
        Campo("Ativo", "Não"),
    )
    assert documentos.titulo == "Documentos"
    assert documentos.campos == (
        Campo("CPF", "não informado"),
        Campo("RG", "não informado"),
        Campo("Certidão de nascimento", "não informada"),
        Campo("NIS (PIS/PASEP)", "não informado"),
        Campo("Código INEP", "não informado"),
    )
    assert contatos.campos == (Campo("E-mail", "não informado"), Campo("Telefones", "não informado"))
    assert matriculas.tabela is not None
    assert matriculas.tabela.linhas == ()
    assert matriculas.tabela.vazia == "Nenhuma matrícula registrada."
    assert responsaveis.titulo == "Responsáveis"
    assert responsaveis.tabela is not None and responsaveis.tabela.linhas == ()
    assert responsaveis.tabela.vazia == "Nenhum responsável cadastrado."


def test_ficha_shows_the_documents_and_census_labels(services: Services, head_engine: Engine) -> None:
    # Given an aluno with a nome social, census categories, a typed RA and every document
    aluno = services.alunos.create(
        AlunoData(
            nome="Ana Souza",
            nome_social="Lu Souza",
            sexo="F",
            cor_raca="indigena",
            rg="12.345.678-9 SSP/SP",
            certidao_nascimento="10453901552013100012021000012321",
            nis="46952280637",
            codigo_inep="123456789012",
            cpf="52998224725",
            ra="SP-2024-017",
        )
    )

    # When the ficha is arranged as a document
    dados, documentos, *_ = ficha_do_aluno(head_engine, aluno, today=TODAY).documento().secoes

    # Then the census codes read as their labels and the numbers are formatted
    assert dados.campos == (
        Campo("Nome", "Ana Souza"),
        Campo("Nome social", "Lu Souza"),
        Campo("RA", "SP-2024-017"),
        Campo("Data de nascimento", "não informada"),
        Campo("Sexo", "Feminino"),
        Campo("Cor/raça", "Indígena"),
        Campo("Ativo", "Sim"),
    )
    assert documentos.campos == (
        Campo("CPF", "529.982.247-25"),
        Campo("RG", "12.345.678-9 SSP/SP"),
        Campo("Certidão de nascimento", "104539 01 55 2013 1 00012 021 0000123 21"),
        Campo("NIS (PIS/PASEP)", "469.52280.63-7"),
        Campo("Código INEP", "123456789012"),
    )


def test_unknown_aluno_raises_record_not_found(head_engine: Engine) -> None:
    with pytest.raises(RecordNotFoundError):
        ficha_do_aluno(head_engine, 999)


@pytest.mark.parametrize(
    ("nome", "expected"),
    [
        ("João D'Ávila", "joao-d-avila"),
        ('Ana "Aninha" <Souza> & Cia', "ana-aninha-souza-cia"),
        ("  Conceição  Müller ", "conceicao-muller"),
        ("李", "sem-nome"),
    ],
)
def test_file_name_part_is_ascii(nome: str, expected: str) -> None:
    assert file_name_part(nome) == expected


def test_format_date() -> None:
    assert format_date(date(2024, 1, 9)) == "09/01/2024"
    assert format_date(None) == "não informada"


# --- the school-year reports --------------------------------------------------------------

ISSUED = date(2026, 11, 24)
D = Decimal


@dataclass(frozen=True)
class Turma:
    """A turma of 2026 with notas and frequência, as :func:`make_turma` leaves it."""

    id: int
    ano_letivo_id: int
    ana: int
    bruno: int
    caio: int
    sem_turma: int
    enturmacoes: dict[str, int]


def make_turma(services: Services) -> Turma:
    """EMEF Monteiro Lobato (INEP 35012345, Taubaté/SP) and its 6º ano A of 2026 (bimestres,
    recuperação final that replaces the média, média 6,0 and 75 % of frequência):

    * Ana Souza (F, born 04/03/2014): LP 7,0 8,0 6,5 9,0 → 7,6; Matemática 5,0 5,5 6,0 5,0 →
      5,4, recuperação final 7,5 → 7,5; 2 faltas in each bimestre of LP (40 aulas each): 95,0 %
      in LP, 97,5 % in the year. Aprovado.
    * Bruno Lima (M): LP 3,0 4,0 5,0 4,5 → 4,1, recuperação final 4,0 (not enough); Matemática
      6,0 → 6,0; no faltas. Retido (everything is entered: the result is final).
    * Caio Prado: no notas, transferido on 04/05/2026 ("Mudou de cidade").
    * Davi Reis: in no turma.
    """
    services.escola.save(EscolaData(nome="EMEF Monteiro Lobato", codigo_inep="35012345", municipio="Taubaté", uf="sp"))
    ano = services.anos_letivos.create(
        AnoLetivoData(ano=2026, tipo_periodo="bimestre", recuperacao="substitui_media", media_aprovacao=D("6.0"))
    )
    lp = services.disciplinas.create("Língua Portuguesa", "LP")
    mat = services.disciplinas.create("Matemática", "MAT")
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(lp, 160), (mat, 160)])
    ana = services.alunos.create(AlunoData(nome="Ana Souza", sexo="F", data_nascimento=date(2014, 3, 4)))
    bruno = services.alunos.create(AlunoData(nome="Bruno Lima", sexo="M"))
    caio = services.alunos.create(AlunoData(nome="Caio Prado"))
    davi = services.alunos.create(AlunoData(nome="Davi Reis"))
    e_ana, e_bruno, e_caio = services.turmas.enturmar(turma, [ana, bruno, caio], date(2026, 2, 2))
    periodos = services.anos_letivos.periodos(ano)

    def notas(disciplina: int, enturmacao: int, valores: list[str]) -> None:
        services.diario.lancar_notas(
            turma,
            disciplina,
            [
                Lancamento(enturmacao, "nota", D(v.replace(",", ".")), p.id)
                for p, v in zip(periodos, valores, strict=True)
            ],
        )

    notas(lp, e_ana, ["7,0", "8,0", "6,5", "9,0"])
    notas(mat, e_ana, ["5,0", "5,5", "6,0", "5,0"])
    services.diario.lancar_notas(turma, mat, [Lancamento(e_ana, "recuperacao_final", D("7.5"))])
    notas(lp, e_bruno, ["3,0", "4,0", "5,0", "4,5"])
    notas(mat, e_bruno, ["6,0", "6,0", "6,0", "6,0"])
    services.diario.lancar_notas(turma, lp, [Lancamento(e_bruno, "recuperacao_final", D("4.0"))])
    for p in periodos:
        services.diario.lancar_frequencia(
            turma, lp, p.id, [LancamentoFrequencia(e_ana, 40, 2), LancamentoFrequencia(e_bruno, 40, 0)]
        )
        services.diario.lancar_frequencia(
            turma, mat, p.id, [LancamentoFrequencia(e_ana, 40, 0), LancamentoFrequencia(e_bruno, 40, 0)]
        )
    services.turmas.mudar_situacao(
        [e_caio],
        Situacao.TRANSFERIDO,
        "Mudou de cidade",
        date(2026, 5, 4),
        EscolaTransferencia("E.E. Castro Alves", "Curitiba", "PR"),
    )
    return Turma(turma, ano, ana, bruno, caio, davi, {"ana": e_ana, "bruno": e_bruno, "caio": e_caio})


@pytest.fixture
def turma(services: Services) -> Turma:
    return make_turma(services)


def _secao(documento: Documento, titulo: str) -> Secao:
    return next(s for s in documento.secoes if s.titulo == titulo)


def _paragrafos(documento: Documento) -> list[str]:
    return [p.formatado() for s in documento.secoes for p in s.paragrafos]


ESCOLA = CabecalhoEscola(nome="EMEF Monteiro Lobato", codigo_inep="35012345", municipio="Taubaté", uf="SP")


def test_boletim_holds_the_notas_the_result_and_the_school(head_engine: Engine, turma: Turma) -> None:
    documento = boletim_do_aluno(head_engine, turma.ana, today=ISSUED)

    assert documento.titulo == "Boletim escolar"
    assert documento.escola == ESCOLA and documento.escola.local == "Taubaté/SP"
    assert documento.nome_arquivo == "boletim-ana-souza-2026"
    assert not documento.paisagem
    assert _secao(documento, "Identificação").campos == (
        Campo("Aluno(a)", "Ana Souza"),
        Campo("RA", "00000001"),
        Campo("Turma", "6º ano A"),
        Campo("Série/ano", "6º ano"),
        Campo("Turno", "Matutino"),
        Campo("Ano letivo", "2026"),
    )
    tabela = _secao(documento, "Notas e frequência").tabela
    assert tabela is not None
    assert tabela.colunas == (
        "Disciplina",
        "1º bim.",
        "2º bim.",
        "3º bim.",
        "4º bim.",
        "Rec. final",
        "Média",
        "Faltas",
        "Freq.",
        "Situação",
    )
    assert tabela.linhas == (
        ("Língua Portuguesa", "7,0", "8,0", "6,5", "9,0", "", "7,6", "8", "95,0 %", "Aprovado"),
        ("Matemática", "5,0", "5,5", "6,0", "5,0", "7,5", "7,5", "0", "100,0 %", "Aprovado"),
    )
    assert _secao(documento, "Resultado do ano").campos == (
        Campo("Frequência no ano", "97,5 % (8 faltas em 320 aulas)"),
        Campo("Situação final", "Aprovado"),
    )
    assert _paragrafos(documento) == [
        "Aprovação com média final de pelo menos 6,0 em cada disciplina e frequência de pelo menos 75 % do total "
        "de aulas.",
        "Rec. final: a recuperação final substitui a média, se for maior.",
    ]


def test_boletim_of_a_retained_aluno_and_of_an_override(head_engine: Engine, turma: Turma) -> None:
    bruno = boletim(head_engine, turma.enturmacoes["bruno"], today=ISSUED)
    linhas = _secao(bruno, "Notas e frequência").tabela.linhas  # type: ignore[union-attr]
    assert linhas[0][5:] == ("4,0", "4,1", "0", "100,0 %", "Retido")
    assert Campo("Situação final", "Retido") in _secao(bruno, "Resultado do ano").campos

    # The transferred aluno: the situação set by hand, its motivo and what the notas would say
    caio = boletim(head_engine, turma.enturmacoes["caio"], today=ISSUED)
    assert Campo("Saída da turma", "04/05/2026") in _secao(caio, "Identificação").campos
    assert _secao(caio, "Resultado do ano").campos == (
        Campo("Frequência no ano", "—"),
        Campo("Situação final", "Transferido"),
        Campo("Motivo", "Mudou de cidade"),
        Campo("Pelas notas e faltas", "Cursando"),
    )
    # notas not given yet are blank; the média is a dash
    assert _secao(caio, "Notas e frequência").tabela.linhas[0] == (  # type: ignore[union-attr]
        "Língua Portuguesa",
        "",
        "",
        "",
        "",
        "",
        "—",
        "",
        "—",
        "Cursando",
    )


def test_boletim_when_there_is_nothing_to_print(head_engine: Engine, turma: Turma) -> None:
    with pytest.raises(NadaParaImprimirError) as error:
        boletim_do_aluno(head_engine, turma.sem_turma)
    assert str(error.value) == "Davi Reis não está em nenhuma turma; não há boletim para imprimir."
    assert error.value.texto.modelo == "{nome} não está em nenhuma turma; não há boletim para imprimir."
    with pytest.raises(NadaParaImprimirError, match="não esteve em nenhuma turma em 2025"):
        boletim_do_aluno(head_engine, turma.ana, ano=2025)
    with pytest.raises(RecordNotFoundError):
        boletim_do_aluno(head_engine, 999)
    with pytest.raises(RecordNotFoundError):
        boletim(head_engine, 999)


def test_boletim_do_aluno_prefers_the_turma_the_aluno_is_in(
    services: Services, head_engine: Engine, turma: Turma
) -> None:
    # Given Ana moved to the 6º ano B in June
    turma_b = services.turmas.create(TurmaData(turma.ano_letivo_id, "6º ano B", "6º ano", "vespertino"))
    nova = services.turmas.remanejar(turma.enturmacoes["ana"], turma_b, date(2026, 6, 1), "Troca de turno")
    # Then her boletim is the one of the turma she is in now
    assert enturmacao_do_boletim(head_engine, turma.ana) == nova
    documento = boletim_do_aluno(head_engine, turma.ana, today=ISSUED)
    assert Campo("Turma", "6º ano B") in _secao(documento, "Identificação").campos


def test_boletins_da_turma_bind_each_aluno_in_the_turma(head_engine: Engine, turma: Turma) -> None:
    caderno = boletins_da_turma(head_engine, turma.id, today=ISSUED)
    assert caderno.titulo == "Boletins da turma"
    assert caderno.nome_arquivo == "boletins-6o-ano-a-2026"
    assert not caderno.paisagem
    # Caio left the turma: his boletim is not printed with the others
    assert [d.nome_arquivo for d in caderno.documentos] == ["boletim-ana-souza-2026", "boletim-bruno-lima-2026"]
    assert all(d.escola == ESCOLA for d in caderno.documentos)


def test_boletins_da_turma_file_names_differ_for_namesakes(services: Services, head_engine: Engine) -> None:
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    vazia = services.turmas.create(TurmaData(ano, "7º ano A", "7º ano", "vespertino"))
    with pytest.raises(NadaParaImprimirError, match="A turma 7º ano A não tem alunos"):
        boletins_da_turma(head_engine, vazia)
    with pytest.raises(RecordNotFoundError):
        boletins_da_turma(head_engine, 999)
    homonimos = [services.alunos.create(AlunoData(nome="João Silva", ra=ra)) for ra in ("A-1", "B-2")]
    services.turmas.enturmar(vazia, homonimos, date(2026, 2, 2))
    caderno = boletins_da_turma(head_engine, vazia)
    assert sorted(d.nome_arquivo for d in caderno.documentos) == [
        "boletim-joao-silva-2026",
        "boletim-joao-silva-2026-b-2",
    ]


def test_historico_lists_each_year_and_disciplina(services: Services, head_engine: Engine, turma: Turma) -> None:
    # Given Ana also studied in 2025, in the 5º ano
    ano_2025 = services.anos_letivos.create(AnoLetivoData(ano=2025))
    lp = next(d.id for d in services.disciplinas.list() if d.nome == "Língua Portuguesa")
    quinto = services.turmas.create(TurmaData(ano_2025, "5º ano B", "5º ano", "vespertino"), [(lp, None)])
    (e,) = services.turmas.enturmar(quinto, [turma.ana], date(2025, 2, 3))
    periodos = services.anos_letivos.periodos(ano_2025)
    services.diario.lancar_notas(quinto, lp, [Lancamento(e, "nota", D("8.5"), p.id) for p in periodos])
    # 2025 is closed: its notas without frequência give the final verdict
    services.anos_letivos.update(ano_2025, replace(services.anos_letivos.get(ano_2025), encerrado=True))

    documento = historico_escolar(head_engine, turma.ana, today=ISSUED)

    assert documento.titulo == "Histórico escolar"
    assert documento.nome_arquivo == "historico-ana-souza"
    assert _secao(documento, "Identificação").campos == (
        Campo("Nome", "Ana Souza"),
        Campo("RA", "00000001"),
        Campo("Data de nascimento", "04/03/2014"),
        Campo("Sexo", "Feminino"),
    )
    anos = _secao(documento, "Anos letivos cursados").tabela
    assert anos is not None and anos.linhas == (
        ("2025", "5º ano", "5º ano B", "—", "Aprovado"),
        ("2026", "6º ano", "6º ano A", "97,5 %", "Aprovado"),
    )
    componentes = _secao(documento, "Componentes curriculares").tabela
    assert componentes is not None
    assert componentes.colunas == ("Ano", "Série/ano", "Disciplina", "Carga horária", "Média final", "Situação")
    assert componentes.linhas == (
        ("2025", "5º ano", "Língua Portuguesa", "—", "8,5", "Aprovado"),
        ("2026", "6º ano", "Língua Portuguesa", "160 h", "7,6", "Aprovado"),
        ("2026", "6º ano", "Matemática", "160 h", "7,5", "Aprovado"),
    )
    assert documento.local_e_data == "Taubaté, 24 de novembro de 2026"
    assert documento.assinaturas == ("Secretário(a) escolar", "Diretor(a)")

    # The transferred aluno's year says why
    caio = historico_escolar(head_engine, turma.caio, today=ISSUED)
    assert _paragrafos(caio) == ["2026, 6º ano A: Transferido. Motivo: Mudou de cidade"]
    with pytest.raises(NadaParaImprimirError, match="Davi Reis ainda não tem anos letivos registrados"):
        historico_escolar(head_engine, turma.sem_turma)
    with pytest.raises(RecordNotFoundError):
        historico_escolar(head_engine, 999)


def test_atestado_de_matricula_is_plain_text(services: Services, head_engine: Engine, turma: Turma) -> None:
    documento = atestado_de_matricula(head_engine, turma.ana, today=ISSUED)

    assert documento.titulo == "Atestado de matrícula"
    assert documento.nome_arquivo == "atestado-ana-souza"
    assert _paragrafos(documento) == [
        "Atestamos, para os devidos fins, que Ana Souza, RA 00000001, nascida em 04/03/2014, está regularmente "
        "matriculada no 6º ano, turma 6º ano A, turno matutino, no ano letivo de 2026, nesta unidade escolar.",
        "Por ser verdade, firmamos o presente atestado.",
    ]
    assert documento.secoes[0].estilo is Estilo.DESTAQUE
    assert documento.local_e_data == "Taubaté, 24 de novembro de 2026"
    assert documento.assinaturas == ("Secretário(a) escolar",)
    # Without a birth date (and with the masculine)
    bruno = atestado_de_matricula(head_engine, turma.bruno, today=ISSUED)
    assert _paragrafos(bruno)[0] == (
        "Atestamos, para os devidos fins, que Bruno Lima, RA 00000002, está regularmente matriculado no 6º ano, "
        "turma 6º ano A, turno matutino, no ano letivo de 2026, nesta unidade escolar."
    )

    # Refused for an aluno who left, one in no turma, and once the ano letivo is closed
    for aluno, nome in ((turma.caio, "Caio Prado"), (turma.sem_turma, "Davi Reis")):
        with pytest.raises(NadaParaImprimirError) as error:
            atestado_de_matricula(head_engine, aluno)
        assert str(error.value) == (
            f"{nome} não está em nenhuma turma de um ano letivo em andamento; não há atestado de matrícula para emitir."
        )
    services.anos_letivos.update(
        turma.ano_letivo_id, replace(services.anos_letivos.get(turma.ano_letivo_id), encerrado=True)
    )
    with pytest.raises(NadaParaImprimirError):
        atestado_de_matricula(head_engine, turma.ana)


def test_ata_de_resultados_lists_every_aluno_and_counts_them(head_engine: Engine, turma: Turma) -> None:
    documento = ata_de_resultados(head_engine, turma.id, today=ISSUED)

    assert documento.titulo == "Ata de resultados finais"
    assert documento.paisagem
    assert documento.nome_arquivo == "ata-6o-ano-a-2026"
    resultados = _secao(documento, "Resultados por aluno").tabela
    assert resultados is not None
    assert resultados.colunas == ("Nº", "Aluno(a)", "RA", "LP", "MAT", "Freq.", "Situação final")
    assert resultados.linhas == (
        ("1", "Ana Souza", "00000001", "7,6", "7,5", "97,5 %", "Aprovado"),
        ("2", "Bruno Lima", "00000002", "4,1", "6,0", "100,0 %", "Retido"),
        ("3", "Caio Prado", "00000003", "—", "—", "—", "Transferido"),
    )
    resumo = _secao(documento, "Resumo").tabela
    assert resumo is not None and resumo.linhas == (
        ("Aprovado", "1"),
        ("Retido", "1"),
        ("Transferido", "1"),
        ("Total", "3"),
    )
    assert "Disciplinas: LP = Língua Portuguesa; MAT = Matemática." in _paragrafos(documento)
    assert "Caio Prado: Transferido em 04/05/2026. Motivo: Mudou de cidade" in _paragrafos(documento)
    assert documento.assinaturas == ("Secretário(a) escolar", "Diretor(a)")
    assert documento.local_e_data == "Taubaté, 24 de novembro de 2026"


def test_ata_refuses_a_turma_that_never_had_alunos(services: Services, head_engine: Engine) -> None:
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    vazia = services.turmas.create(TurmaData(ano, "7º ano A", "7º ano", "vespertino"))
    with pytest.raises(NadaParaImprimirError, match="A turma 7º ano A nunca teve alunos"):
        ata_de_resultados(head_engine, vazia)
    with pytest.raises(RecordNotFoundError):
        ata_de_resultados(head_engine, 999)


def test_every_report_names_the_school(services: Services, head_engine: Engine, turma: Turma) -> None:
    ficha = ficha_do_aluno(head_engine, turma.ana, today=ISSUED).documento()
    assert ficha.escola == ESCOLA
    relatorios = services.relatorios
    for documento in (
        relatorios.boletim(turma.enturmacoes["ana"]),
        relatorios.boletim_do_aluno(turma.ana),
        relatorios.historico_escolar(turma.ana),
        relatorios.atestado_de_matricula(turma.ana),
        relatorios.ata_de_resultados(turma.id),
        *relatorios.boletins_da_turma(turma.id).documentos,
    ):
        assert documento.escola == ESCOLA
        assert documento.emitido_em == date.today()


def test_without_a_school_the_header_is_empty(services: Services, head_engine: Engine) -> None:
    aluno = services.alunos.create(AlunoData(nome="Ana"))
    assert ficha_do_aluno(head_engine, aluno).documento().escola == CabecalhoEscola()
    assert local_e_data(CabecalhoEscola(), date(2026, 3, 1)) == "1º de março de 2026"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(date(2026, 11, 24), "24 de novembro de 2026"), (date(2026, 1, 1), "1º de janeiro de 2026")],
)
def test_data_por_extenso(value: date, expected: str) -> None:
    assert data_por_extenso(value) == expected


def test_numbers_are_brazilian() -> None:
    assert format_nota(D("7.5")) == "7,5"
    assert format_nota(None) == "" and format_nota(None, "—") == "—"
    assert format_percentual(D("97.5")) == "97,5 %"
    assert format_percentual(D("100")) == "100,0 %"
    assert format_percentual(D("88.888")) == "88,8 %"  # cut, never rounded up to a minimum
    assert format_frequencia(0, D("100.0")) == "—"


def test_texto_fills_a_translated_pattern() -> None:
    sentenca = texto("{nome} tem {n} anos.", nome="Ana", n=12)
    assert sentenca.formatado() == "Ana tem 12 anos."
    assert sentenca.formatado(lambda modelo: modelo.replace("tem", "is").replace("anos", "years old")) == (
        "Ana is 12 years old."
    )


# --- histórico: years done in other schools ---------------------------------------------


def _externo(
    ano: int, serie: str, escola: str, situacao: str, *disciplinas: DisciplinaExternaData, **extra: object
) -> HistoricoExternoData:
    return HistoricoExternoData(ano, serie, escola, situacao, disciplinas=disciplinas, **extra)  # type: ignore[arg-type]


def test_historico_merges_the_years_done_in_other_schools(
    services: Services, head_engine: Engine, turma: Turma
) -> None:
    # Given Ana did the 4º ano in another school (médias, a conceito, the documents' carga
    # horária) and began the 5º ano in a third one, then left it; and the 6º ano here
    outros = services.historicos_externos
    outros.create(
        turma.ana,
        _externo(
            2025,
            "5º ano",
            "Colégio Rui Barbosa",
            "transferido",
            DisciplinaExternaData("Língua Portuguesa", "6,5"),
            municipio="Curitiba",
            uf="PR",
        ),
    )
    outros.create(
        turma.ana,
        _externo(
            2024,
            "4º ano",
            "EMEF Professora Maria José",
            "aprovado",
            DisciplinaExternaData("Língua Portuguesa", "8,5", None, 200),
            DisciplinaExternaData("Matemática", "7", None, 200),
            DisciplinaExternaData("Arte", None, "Apto", 40),
            municipio="São José dos Campos",
            uf="SP",
            frequencia="92,5",
            carga_horaria_total=800,
            observacoes="Conforme declaração de transferência.",
        ),
    )

    # When the histórico is read
    documento = historico_escolar(head_engine, turma.ana, today=ISSUED)

    # Then the years are in order of ano, each naming its school and município/UF
    anos = _secao(documento, "Anos letivos cursados").tabela
    assert anos is not None
    assert anos.colunas == ("Ano", "Série/ano", "Escola e município", "Carga horária", "Freq.", "Situação final")
    assert anos.linhas == (
        ("2024", "4º ano", "EMEF Professora Maria José\nSão José dos Campos/SP", "800 h", "92,5 %", "Aprovado"),
        ("2025", "5º ano", "Colégio Rui Barbosa\nCuritiba/PR", "—", "—", "Transferido"),
        ("2026", "6º ano", "EMEF Monteiro Lobato\nTaubaté/SP", "320 h", "97,5 %", "Aprovado"),
    )
    # And every disciplina with its média or conceito and carga horária
    componentes = _secao(documento, "Componentes curriculares").tabela
    assert componentes is not None
    assert componentes.colunas == ("Ano", "Série/ano", "Disciplina", "Carga horária", "Média/conceito", "Situação")
    assert componentes.linhas == (
        ("2024", "4º ano", "Língua Portuguesa", "200 h", "8,5", "—"),
        ("2024", "4º ano", "Matemática", "200 h", "7,0", "—"),
        ("2024", "4º ano", "Arte", "40 h", "Apto", "—"),
        ("2025", "5º ano", "Língua Portuguesa", "—", "6,5", "—"),
        ("2026", "6º ano", "Língua Portuguesa", "160 h", "7,6", "Aprovado"),
        ("2026", "6º ano", "Matemática", "160 h", "7,5", "Aprovado"),
    )
    # And a note says where those years come from, with the documents' observações
    assert _paragrafos(documento) == [
        "Anos cursados em outras escolas conforme documentos apresentados: a média ou o conceito, a carga "
        "horária, a frequência e a situação são os que esses documentos registram.",
        "2024, 4º ano (EMEF Professora Maria José): Conforme declaração de transferência.",
    ]


def test_historico_of_years_done_only_elsewhere(services: Services, head_engine: Engine, turma: Turma) -> None:
    # Given Davi, in no turma here, with one year done elsewhere (médias only), and no school registered
    services.historicos_externos.create(
        turma.sem_turma,
        _externo(2025, "6º ano", "EE Anchieta", "retido", DisciplinaExternaData("Matemática", "4,0", None, "160 h")),
    )

    documento = historico_escolar(head_engine, turma.sem_turma, today=ISSUED)

    # Then the histórico prints it (no "nothing to print" any more); the carga horária of the
    # year is the sum of its disciplinas'
    anos = _secao(documento, "Anos letivos cursados").tabela
    assert anos is not None and anos.linhas == (("2025", "6º ano", "EE Anchieta", "160 h", "—", "Retido"),)
    componentes = _secao(documento, "Componentes curriculares").tabela
    assert componentes is not None and componentes.colunas[4] == "Média final"  # no conceito to name
    assert componentes.linhas == (("2025", "6º ano", "Matemática", "160 h", "4,0", "—"),)
    assert len(_paragrafos(documento)) == 1
    # And Caio's manual situação is still explained next to the note about other schools
    services.historicos_externos.create(turma.caio, _externo(2025, "5º ano", "EE Anchieta", "aprovado"))
    caio = historico_escolar(head_engine, turma.caio, today=ISSUED)
    assert _paragrafos(caio)[1:] == ["2026, 6º ano A: Transferido. Motivo: Mudou de cidade"]
    assert _secao(caio, "Componentes curriculares").tabela.linhas[0][:3] == (  # type: ignore[union-attr]
        "2026",
        "6º ano",
        "Língua Portuguesa",
    )


def test_historico_names_this_school_even_before_it_is_registered(services: Services, head_engine: Engine) -> None:
    ano = services.anos_letivos.create(AnoLetivoData(ano=2026))
    lp = services.disciplinas.create("Língua Portuguesa")
    turma = services.turmas.create(TurmaData(ano, "6º ano A", "6º ano", "matutino"), [(lp, None)])
    aluno = services.alunos.create(AlunoData(nome="Eva"))
    services.turmas.enturmar(turma, [aluno], date(2026, 2, 2))
    services.historicos_externos.create(aluno, _externo(2025, "5º ano", "EE Anchieta", "aprovado"))

    anos = _secao(historico_escolar(head_engine, aluno, today=ISSUED), "Anos letivos cursados").tabela

    assert anos is not None and [linha[2:4] for linha in anos.linhas] == [("EE Anchieta", "—"), ("Esta escola", "—")]
