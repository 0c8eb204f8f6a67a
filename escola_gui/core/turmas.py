"""Turmas, their disciplinas and the alunos in them (enturmações): enturmar, retirar,
change a situação by hand, remanejar. Deleting a turma moves it to the Lixeira.

Like every service of the core, each method opens one short ``Session`` and returns plain
frozen dataclasses, never ORM objects; mistakes the user can fix come back as
:class:`~escola_gui.core.errors.ValidationError`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, delete, func, insert, literal, select
from sqlalchemy.orm import Session

from escola_gui.core import auditoria, lixeira
from escola_gui.core import avaliacao as av
from escola_gui.core import validation as v
from escola_gui.core.calendario import PeriodoLetivo, periodo_do_ano
from escola_gui.core.common import first_error, get_record, name_matches, optional_text
from escola_gui.core.diario import optional_situacao, situacoes_calculadas
from escola_gui.core.errors import QT_TRANSLATE_NOOP, RecordNotFoundError, ValidationError
from escola_gui.core.escola import CARGA_HORARIA_INVALIDA, SERIE_LONGA, SERIE_OBRIGATORIA, check_aberto
from escola_gui.core.etapas import (
    ETAPA_INEXISTENTE,
    ETAPA_OBRIGATORIA,
    EtapaRow,
    EtapaService,
    IdadeDistante,
    etapa_da_serie,
    idades_distantes,
    mudar_etapa,
)
from escola_gui.core.models import (
    SITUACOES_ENTURMACAO,
    TURNOS,
    Aluno,
    AnoLetivo,
    Disciplina,
    Enturmacao,
    Etapa,
    Frequencia,
    HistoricoSituacao,
    Nota,
    RecuperacaoFinal,
    Turma,
    TurmaDisciplina,
)
from escola_gui.core.movimentacoes import EscolaTransferencia, validar_destino, validar_origem
from escola_gui.core.regras import (
    RegraAvaliacaoRow,
    RegraAvaliacaoService,
    check_mudanca_de_regra,
    check_regra_existe,
    regra_da_turma,
)

TURMA_OUTRO_ANO = QT_TRANSLATE_NOOP("validation", "A turma já tem alunos; o ano letivo dela não pode mais mudar.")
JA_EM_OUTRA_TURMA = QT_TRANSLATE_NOOP(
    "validation", "{nome} já está em outra turma neste ano letivo; não pode voltar a esta."
)
TURMA_NOME_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Informe o nome da turma, como 6º ano A.")
TURMA_NOME_LONGO = QT_TRANSLATE_NOOP("validation", "O nome da turma deve ter no máximo 50 caracteres.")
TURMA_NOME_EM_USO = QT_TRANSLATE_NOOP("validation", "Já existe uma turma com este nome neste ano letivo.")
SALA_LONGA = QT_TRANSLATE_NOOP("validation", "A sala deve ter no máximo 30 caracteres.")
TURNO_INVALIDO = QT_TRANSLATE_NOOP("validation", "Escolha o turno na lista.")
ANO_LETIVO_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Escolha o ano letivo.")
VAGAS_INVALIDAS = QT_TRANSLATE_NOOP("validation", "As vagas devem ser um número inteiro, sem valor negativo.")
DATA_ENTRADA_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Informe a data de entrada na turma.")
JA_ENTURMADO = QT_TRANSLATE_NOOP("validation", "Já está em uma turma neste ano letivo: {nomes}.")
SEM_VAGAS = QT_TRANSLATE_NOOP("validation", "A turma tem {vagas} vagas e ficaria com {total} alunos.")
MESMA_TURMA = QT_TRANSLATE_NOOP("validation", "Escolha uma turma diferente da atual.")
OUTRO_ANO = QT_TRANSLATE_NOOP("validation", "O remanejamento é para uma turma do mesmo ano letivo.")
RECLASSIFICACAO_OUTRO_ANO = QT_TRANSLATE_NOOP("validation", "A reclassificação é para uma turma do mesmo ano letivo.")
RECLASSIFICACAO_MESMA_ETAPA = QT_TRANSLATE_NOOP(
    "validation", "A turma {turma} é da mesma etapa ({etapa}): para ela, use Remanejar."
)
RECLASSIFICACAO_SEM_ETAPA = QT_TRANSLATE_NOOP(
    "validation", "A turma {turma} ainda não tem etapa; escolha-a em Configurações → Etapas."
)
ATA_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Informe a ata da reclassificação (número e data) ou o motivo.")
ENTURMACAO_ENCERRADA = QT_TRANSLATE_NOOP("validation", "Este aluno já saiu da turma.")
DATA_SAIDA_ANTERIOR = QT_TRANSLATE_NOOP("validation", "A data de saída não pode ser anterior à de entrada.")
REMANEJAMENTO_SEM_VOLTA = QT_TRANSLATE_NOOP(
    "validation",
    "{nome} veio da turma {origem} por remanejamento e voltaria para ela, mas já está na turma {turma} "
    "neste ano letivo. Retire primeiro a matrícula na turma {turma}.",
)
#: The motivo kept in the history when deleting an enturmação reopens the one it came from.
MOTIVO_REMANEJAMENTO_DESFEITO = "Remanejamento desfeito"

#: Situações set by hand that end the aluno's time in the turma (data_saida is filled).
SITUACOES_DE_SAIDA = frozenset(
    {
        av.Situacao.TRANSFERIDO,
        av.Situacao.ABANDONO,
        av.Situacao.FALECIDO,
        av.Situacao.REMANEJADO,
        av.Situacao.RECLASSIFICADO,
    }
)
#: The moves within the year that close an enturmação and open another (undone together).
MUDANCAS_DE_TURMA = (av.Situacao.REMANEJADO.value, av.Situacao.RECLASSIFICADO.value)
TURNO_LABELS = {
    "matutino": QT_TRANSLATE_NOOP("validation", "Matutino"),
    "vespertino": QT_TRANSLATE_NOOP("validation", "Vespertino"),
    "noturno": QT_TRANSLATE_NOOP("validation", "Noturno"),
    "integral": QT_TRANSLATE_NOOP("validation", "Integral"),
}


@dataclass(frozen=True)
class TurmaData:
    ano_letivo_id: int | None
    nome: str
    serie: str
    turno: str
    sala: str | None = None
    vagas: int | None = None
    etapa_id: int | None = None
    """Required: when None, the etapa the série names unambiguously ("5º ano"), if any
    (:func:`~escola_gui.core.etapas.etapa_da_serie`). A blank série becomes the etapa's nome."""
    regra_avaliacao_id: int | None = None
    """The turma's own evaluation rule; None: its etapa's, else its ano letivo's (core/regras.py)."""


@dataclass(frozen=True)
class TurmaRow:
    id: int
    ano_letivo_id: int
    ano: int
    nome: str
    serie: str
    turno: str
    sala: str | None
    vagas: int | None
    alunos: int
    """Alunos currently in the turma (enturmações without data de saída)."""
    etapa_id: int | None = None
    etapa: str | None = None
    """The etapa's nome; None for a turma of an older file whose série could not be read."""


@dataclass(frozen=True)
class TurmaDisciplinaRow:
    disciplina_id: int
    nome: str
    carga_horaria: int | None


@dataclass(frozen=True)
class EnturmacaoRow:
    """A line of a turma's roster, or of an aluno's matrículas."""

    id: int
    aluno_id: int
    aluno_nome: str
    ra: str
    turma_id: int
    turma_nome: str
    ano: int
    serie: str
    data_entrada: date
    data_saida: date | None
    situacao: av.Situacao
    """The effective situação: the manual one when set, else the computed one."""
    manual: bool
    motivo: str | None
    destino: EscolaTransferencia | None = None
    """The school of a transferência expedida (situação Transferido)."""
    origem: EscolaTransferencia | None = None
    """The school of a transferência recebida (the aluno came from it on data_entrada)."""

    @property
    def ativa(self) -> bool:
        return self.data_saida is None


@dataclass(frozen=True)
class HistoricoSituacaoRow:
    alterado_em: object
    situacao_anterior: av.Situacao | None
    situacao_nova: av.Situacao | None
    motivo: str


@dataclass(frozen=True)
class DependentesTurma:
    """What goes with a turma when it is deleted."""

    enturmacoes: int
    notas: int
    frequencias: int


@dataclass(frozen=True)
class DependentesEnturmacoes:
    """What goes with enturmações deleted as a mistake (:meth:`TurmaService.retirar`).

    ``notas`` counts the cells with a nota or a recuperação; ``historico`` the recorded
    changes of situação. ``voltam`` names, as (aluno, turma), the remanejamentos undone:
    the enturmação the aluno came from is reopened.
    """

    enturmacoes: int
    notas: int
    frequencias: int
    recuperacoes_finais: int
    historico: int
    voltam: tuple[tuple[str, str], ...] = ()


# --- turmas and enturmações -------------------------------------------------------------


class TurmaService:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @staticmethod
    def normalize(data: TurmaData) -> TurmaData:
        return TurmaData(
            ano_letivo_id=data.ano_letivo_id,
            nome=" ".join((data.nome or "").split()),
            serie=" ".join((data.serie or "").split()),
            turno=(data.turno or "").strip().lower(),
            sala=optional_text(data.sala),
            vagas=data.vagas,
            etapa_id=data.etapa_id,
            regra_avaliacao_id=data.regra_avaliacao_id,
        )

    def _etapa(self, session: Session, data: TurmaData) -> tuple[int, str] | None:
        """The (id, nome) of the turma's etapa: the one chosen, else the one its série names."""
        if data.etapa_id is not None:
            row = session.execute(select(Etapa.id, Etapa.nome).where(Etapa.id == data.etapa_id)).first()
        else:
            codigo = etapa_da_serie(data.serie)
            if codigo is None:
                return None
            row = session.execute(select(Etapa.id, Etapa.nome).where(Etapa.codigo_educacenso == codigo)).first()
        return None if row is None else (row[0], row[1])

    def validate(self, data: TurmaData, turma_id: int | None = None) -> dict[str, str]:
        clean = self.normalize(data)
        errors: dict[str, str] = {}
        if clean.ano_letivo_id is None:
            errors["ano_letivo_id"] = ANO_LETIVO_OBRIGATORIO
        if not clean.nome:
            errors["nome"] = TURMA_NOME_OBRIGATORIO
        elif len(clean.nome) > 50:
            errors["nome"] = TURMA_NOME_LONGO
        if clean.etapa_id is not None and not isinstance(clean.etapa_id, int):
            errors["etapa_id"] = ETAPA_INEXISTENTE
        else:
            with Session(self._engine) as session:
                if self._etapa(session, clean) is None:
                    errors["etapa_id"] = ETAPA_OBRIGATORIA if clean.etapa_id is None else ETAPA_INEXISTENTE
        if not clean.serie:
            if clean.etapa_id is None:  # (a chosen etapa gives its nome)
                errors["serie"] = SERIE_OBRIGATORIA
        elif len(clean.serie) > 50:
            errors["serie"] = SERIE_LONGA
        if clean.turno not in TURNOS:
            errors["turno"] = TURNO_INVALIDO
        with Session(self._engine) as session:
            try:
                check_regra_existe(session, clean.regra_avaliacao_id)
            except ValidationError as error:
                errors[error.field] = error.message
        if clean.sala is not None and len(clean.sala) > 30:
            errors["sala"] = SALA_LONGA
        if clean.vagas is not None and (isinstance(clean.vagas, bool) or clean.vagas < 0):
            errors["vagas"] = VAGAS_INVALIDAS
        if "nome" not in errors and clean.ano_letivo_id is not None:
            with Session(self._engine) as session:
                other = session.scalar(
                    select(Turma.id).where(
                        Turma.ano_letivo_id == clean.ano_letivo_id,
                        func.escola_normaliza(Turma.nome) == func.escola_normaliza(clean.nome),
                    )
                )
                if other is not None and other != turma_id:
                    errors["nome"] = TURMA_NOME_EM_USO
        return errors

    def list(self, ano_letivo_id: int | None = None, search: str = "") -> list[TurmaRow]:
        alunos = (
            select(func.count(Enturmacao.id))
            .where(Enturmacao.turma_id == Turma.id, Enturmacao.data_saida.is_(None))
            .correlate(Turma)
            .scalar_subquery()
        )
        query = (
            select(
                Turma.id,
                Turma.ano_letivo_id,
                AnoLetivo.ano,
                Turma.nome,
                Turma.serie,
                Turma.turno,
                Turma.sala,
                Turma.vagas,
                alunos,
                Turma.etapa_id,
                Etapa.nome,
            )
            .join(AnoLetivo)
            .outerjoin(Etapa, Turma.etapa_id == Etapa.id)
        )
        if ano_letivo_id is not None:
            query = query.where(Turma.ano_letivo_id == ano_letivo_id)
        if search.strip():
            query = query.where(name_matches(Turma.nome, search) | name_matches(Turma.serie, search))
        with Session(self._engine) as session:
            rows = [TurmaRow(*row) for row in session.execute(query.order_by(AnoLetivo.ano.desc(), Turma.nome))]
        return rows

    def regras(self) -> list[RegraAvaliacaoRow]:
        """The catalogue of evaluation rules a turma may choose (for the turma form)."""
        return RegraAvaliacaoService(self._engine).list()

    def etapas(self) -> list[EtapaRow]:
        """The catalogue of etapas a turma may belong to, in order (for the turma form)."""
        return EtapaService(self._engine).list()

    def get(self, turma_id: int) -> TurmaData:
        with Session(self._engine) as session:
            turma: Turma = get_record(session, Turma, turma_id)  # type: ignore[assignment]
            return TurmaData(
                turma.ano_letivo_id,
                turma.nome,
                turma.serie,
                turma.turno,
                turma.sala,
                turma.vagas,
                turma.etapa_id,
                turma.regra_avaliacao_id,
            )

    def row(self, turma_id: int) -> TurmaRow:
        for row in self.list():
            if row.id == turma_id:
                return row
        raise RecordNotFoundError(turma_id)

    def create(self, data: TurmaData, disciplinas: Iterable[tuple[int, int | None]] = ()) -> int:
        first_error(self.validate(data))
        clean = self.normalize(data)
        with Session(self._engine) as session, session.begin():
            etapa_id, etapa_nome = self._etapa(session, clean) or (None, "")
            turma = Turma(
                ano_letivo_id=clean.ano_letivo_id,
                nome=clean.nome,
                serie=clean.serie or etapa_nome,
                turno=clean.turno,
                sala=clean.sala,
                vagas=clean.vagas,
                etapa_id=etapa_id,
                regra_avaliacao_id=clean.regra_avaliacao_id,
            )
            session.add(turma)
            session.flush()
            self._write_disciplinas(session, turma.id, disciplinas)
            return turma.id

    def update(
        self, turma_id: int, data: TurmaData, disciplinas: Iterable[tuple[int, int | None]] | None = None
    ) -> None:
        """Saves the turma and, when given, its disciplinas, in one transaction."""
        first_error(self.validate(data, turma_id))
        clean = self.normalize(data)
        with Session(self._engine) as session, session.begin():
            turma: Turma = get_record(session, Turma, turma_id)  # type: ignore[assignment]
            if turma.ano_letivo_id != clean.ano_letivo_id and turma.enturmacoes:
                raise ValidationError("ano_letivo_id", TURMA_OUTRO_ANO)
            turma.ano_letivo_id = clean.ano_letivo_id  # type: ignore[assignment]
            etapa_id, etapa_nome = self._etapa(session, clean) or (None, "")
            for name in ("nome", "turno", "sala", "vagas"):
                setattr(turma, name, getattr(clean, name))
            turma.serie = clean.serie or etapa_nome
            antes = {turma.id: regra_da_turma(turma)}
            mudar_etapa(session, turma, etapa_id)
            turma.regra_avaliacao_id = clean.regra_avaliacao_id
            session.flush()
            check_mudanca_de_regra(session, [turma], antes)  # (an etapa's rule comes with the etapa)
            if disciplinas is not None:
                session.execute(delete(TurmaDisciplina).where(TurmaDisciplina.turma_id == turma_id))
                self._write_disciplinas(session, turma_id, disciplinas)

    def dependentes(self, turma_id: int) -> DependentesTurma:
        enturmacoes = select(Enturmacao.id).where(Enturmacao.turma_id == turma_id)
        with Session(self._engine) as session:
            return DependentesTurma(
                enturmacoes=session.scalar(select(func.count()).select_from(enturmacoes.subquery())) or 0,
                notas=session.scalar(
                    select(func.count(Nota.id)).where(Nota.enturmacao_id.in_(enturmacoes), Nota.nota.is_not(None))
                )
                or 0,
                frequencias=session.scalar(
                    select(func.count(Frequencia.id)).where(Frequencia.enturmacao_id.in_(enturmacoes))
                )
                or 0,
            )

    def delete(self, turma_id: int) -> None:
        """Moves the turma to the Lixeira with its enturmações, notas and frequência (the GUI
        asks first); it can be restored from there."""
        with Session(self._engine) as session, session.begin():
            lixeira.mover_turma(session, turma_id)

    # disciplinas of a turma

    def disciplinas(self, turma_id: int) -> list[TurmaDisciplinaRow]:
        with Session(self._engine) as session:
            rows = session.execute(
                select(Disciplina.id, Disciplina.nome, TurmaDisciplina.carga_horaria)
                .join(TurmaDisciplina, TurmaDisciplina.disciplina_id == Disciplina.id)
                .where(TurmaDisciplina.turma_id == turma_id)
                .order_by(TurmaDisciplina.id)
            )
            return [TurmaDisciplinaRow(*row) for row in rows]

    def set_disciplinas(self, turma_id: int, disciplinas: Iterable[tuple[int, int | None]]) -> None:
        """The turma's disciplinas become exactly ``disciplinas`` ((id, carga horária) pairs).

        A disciplina taken out keeps its notas and frequência in the file; they show again
        if it is put back.
        """
        with Session(self._engine) as session, session.begin():
            get_record(session, Turma, turma_id)
            session.execute(delete(TurmaDisciplina).where(TurmaDisciplina.turma_id == turma_id))
            self._write_disciplinas(session, turma_id, disciplinas)

    @staticmethod
    def _write_disciplinas(session: Session, turma_id: int, disciplinas: Iterable[tuple[int, int | None]]) -> None:
        seen: set[int] = set()
        for disciplina_id, carga in disciplinas:
            if disciplina_id in seen:
                continue
            seen.add(disciplina_id)
            if carga is not None and (isinstance(carga, bool) or carga <= 0):
                raise ValidationError("carga_horaria", CARGA_HORARIA_INVALIDA)
            session.add(TurmaDisciplina(turma_id=turma_id, disciplina_id=disciplina_id, carga_horaria=carga))

    # roster

    def roster(self, turma_id: int) -> list[EnturmacaoRow]:
        """The turma's alunos, those who left included (with their data de saída), by name."""
        rows = self._enturmacoes(Enturmacao.turma_id == turma_id)
        return sorted(rows, key=lambda r: (not r.ativa, v.normalize_nome(r.aluno_nome).casefold()))

    def enturmacoes_do_aluno(self, aluno_id: int) -> list[EnturmacaoRow]:
        """An aluno's matrículas in turmas, newest year first (the aluno form's Matrículas tab)."""
        rows = self._enturmacoes(Enturmacao.aluno_id == aluno_id)
        return sorted(rows, key=lambda r: (-r.ano, r.data_entrada, r.id))

    def enturmacao(self, enturmacao_id: int) -> EnturmacaoRow:
        rows = self._enturmacoes(Enturmacao.id == enturmacao_id)
        if not rows:
            raise RecordNotFoundError(enturmacao_id)
        return rows[0]

    def _enturmacoes(self, condition: object) -> list[EnturmacaoRow]:
        with Session(self._engine) as session:
            query = (
                select(Enturmacao, Aluno.nome, Aluno.ra, Turma.nome, Turma.serie, AnoLetivo.ano)
                .join(Aluno, Enturmacao.aluno_id == Aluno.id)
                .join(Turma, Enturmacao.turma_id == Turma.id)
                .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
                .where(condition)  # type: ignore[arg-type]
            )
            found = session.execute(query).all()
            computed = situacoes_calculadas(session, [e.id for e, *_ in found if e.situacao_manual is None])
            return [
                EnturmacaoRow(
                    id=e.id,
                    aluno_id=e.aluno_id,
                    aluno_nome=nome,
                    ra=ra,
                    turma_id=e.turma_id,
                    turma_nome=turma,
                    ano=ano,
                    serie=serie,
                    data_entrada=e.data_entrada,
                    data_saida=e.data_saida,
                    situacao=optional_situacao(e.situacao_manual) or computed.get(e.id, av.Situacao.CURSANDO),
                    manual=e.situacao_manual is not None,
                    motivo=e.motivo_situacao,
                    destino=(
                        EscolaTransferencia(e.escola_destino, e.municipio_destino or "", e.uf_destino or "")
                        if e.escola_destino is not None
                        else None
                    ),
                    origem=(
                        EscolaTransferencia(e.escola_origem, e.municipio_origem or "", e.uf_origem or "")
                        if e.escola_origem is not None
                        else None
                    ),
                )
                for e, nome, ra, turma, serie, ano in found
            ]

    def candidatos(self, turma_id: int, search: str = "", limit: int = 500) -> list[tuple[int, str, str]]:
        """Active alunos not yet in a turma of this turma's ano letivo: (id, nome, RA)."""
        with Session(self._engine) as session:
            turma: Turma = get_record(session, Turma, turma_id)  # type: ignore[assignment]
            ocupados = (
                select(Enturmacao.aluno_id)
                .join(Turma, Enturmacao.turma_id == Turma.id)
                .where(Turma.ano_letivo_id == turma.ano_letivo_id, Enturmacao.data_saida.is_(None))
            )
            query = select(Aluno.id, Aluno.nome, Aluno.ra).where(Aluno.ativo, Aluno.id.not_in(ocupados))
            if search.strip():
                query = query.where(name_matches(Aluno.nome, search) | (Aluno.ra == search.strip()))
            rows = [tuple(row) for row in session.execute(query.limit(limit))]
        return sorted(rows, key=lambda r: v.normalize_nome(r[1]).casefold())  # type: ignore[return-value]

    def periodo_letivo(self, turma_id: int) -> PeriodoLetivo:
        """The span of the turma's ano letivo, which its dates must fall in."""
        with Session(self._engine) as session:
            turma: Turma = get_record(session, Turma, turma_id)  # type: ignore[assignment]
            return periodo_do_ano(turma.ano_letivo)

    def idades_distantes(self, turma_id: int, aluno_ids: Sequence[int]) -> list[IdadeDistante]:
        """The alunos among ``aluno_ids`` whose age is far from the turma's etapa, for enturmar
        to ask before (:func:`escola_gui.core.etapas.idades_distantes`)."""
        with Session(self._engine) as session:
            return idades_distantes(session, turma_id, aluno_ids)

    def enturmar(
        self,
        turma_id: int,
        aluno_ids: Sequence[int],
        data_entrada: date | None,
        origem: EscolaTransferencia | None = None,
    ) -> list[int]:
        """Puts several alunos in the turma at once: all of them, or none with the reason
        (a data de entrada outside the ano letivo among them).

        With ``origem``, a transferência recebida: the alunos arrive during the year from that
        school (its name, município and UF, all required), ``data_entrada`` being the day they
        arrive; the notas and frequência of the períodos before it are typed from the transfer
        guide in the diário, as any other.
        """
        if data_entrada is None:
            raise ValidationError("data_entrada", DATA_ENTRADA_OBRIGATORIA)
        if origem is not None:
            first_error(validar_origem(origem))
            origem = EscolaTransferencia.normalize(origem)
        ids = list(dict.fromkeys(aluno_ids))
        with Session(self._engine) as session, session.begin():
            turma: Turma = get_record(session, Turma, turma_id)  # type: ignore[assignment]
            check_aberto(turma.ano_letivo)
            periodo_do_ano(turma.ano_letivo).check("data_entrada", data_entrada)
            ocupados = session.execute(
                select(Aluno.nome)
                .join(Enturmacao, Enturmacao.aluno_id == Aluno.id)
                .join(Turma, Enturmacao.turma_id == Turma.id)
                .where(
                    Turma.ano_letivo_id == turma.ano_letivo_id,
                    Enturmacao.data_saida.is_(None),
                    Aluno.id.in_(ids),
                )
            ).scalars()
            nomes = sorted(set(ocupados))
            if nomes:
                raise ValidationError("alunos", JA_ENTURMADO.format(nomes=", ".join(nomes)))
            if turma.vagas is not None:
                atuais = session.scalar(
                    select(func.count(Enturmacao.id)).where(
                        Enturmacao.turma_id == turma_id, Enturmacao.data_saida.is_(None)
                    )
                )
                if (atuais or 0) + len(ids) > turma.vagas:
                    raise ValidationError("alunos", SEM_VAGAS.format(vagas=turma.vagas, total=(atuais or 0) + len(ids)))
            new = [
                Enturmacao(
                    aluno_id=aluno_id,
                    turma_id=turma_id,
                    data_entrada=data_entrada,
                    escola_origem=origem.escola if origem is not None else None,
                    municipio_origem=origem.municipio if origem is not None else None,
                    uf_origem=origem.uf if origem is not None else None,
                )
                for aluno_id in ids
            ]
            session.add_all(new)
            session.flush()
            return [e.id for e in new]

    # enturmações made by mistake

    def dependentes_enturmacoes(self, enturmacao_ids: Sequence[int]) -> DependentesEnturmacoes:
        """What :meth:`retirar` would delete with these enturmações, and who goes back
        to the turma they were remanejados from (the GUI names it all before asking)."""
        ids = list(dict.fromkeys(enturmacao_ids))
        with Session(self._engine) as session:
            enturmacoes: list[Enturmacao] = [get_record(session, Enturmacao, i) for i in ids]  # type: ignore[misc]

            def count(model: type[Nota | Frequencia | RecuperacaoFinal | HistoricoSituacao], *where: object) -> int:
                query = select(func.count(model.id)).where(model.enturmacao_id.in_(ids), *where)  # type: ignore[arg-type]
                return session.scalar(query) or 0

            return DependentesEnturmacoes(
                enturmacoes=len(enturmacoes),
                notas=count(Nota, Nota.nota.is_not(None) | Nota.recuperacao.is_not(None)),
                frequencias=count(Frequencia),
                recuperacoes_finais=count(RecuperacaoFinal),
                historico=count(HistoricoSituacao),
                voltam=tuple((o.aluno.nome, o.turma.nome) for o in self._a_reabrir(session, enturmacoes)),
            )

    def retirar(self, enturmacao_ids: Sequence[int]) -> None:
        """Deletes enturmações made by mistake, with their notas, recuperações, frequência
        and situação history, all or none (the GUI asks first: see
        :meth:`dependentes_enturmacoes`). For an aluno who really left, :meth:`mudar_situacao`
        is the way: it keeps the record.

        An enturmação that continues a remanejamento takes the remanejamento with it: the
        enturmação the aluno came from is reopened (no data de saída, the situação it had
        before) with "Remanejamento desfeito" in its history, so the aluno is back where
        they were.
        """
        with Session(self._engine) as session, session.begin():
            enturmacoes: list[Enturmacao] = [
                get_record(session, Enturmacao, i)  # type: ignore[misc]
                for i in dict.fromkeys(enturmacao_ids)
            ]
            for e in enturmacoes:
                check_aberto(e.turma.ano_letivo)
            reabrir = self._a_reabrir(session, enturmacoes)
            for e in enturmacoes:
                session.delete(e)  # the database deletes notas, frequência and history with it
            session.flush()
            for origem in reabrir:
                self._reabrir(session, origem)

    @staticmethod
    def _origens(session: Session, enturmacoes: Sequence[Enturmacao]) -> dict[int, Enturmacao]:
        """For each enturmação that continues a remanejamento, the one the aluno came from:
        of the same aluno and ano letivo, closed as Remanejado on the day this one starts,
        and with no other enturmação started that day between the two."""
        origens: dict[int, Enturmacao] = {}
        for e in enturmacoes:
            mesmo_aluno_e_ano = (Enturmacao.aluno_id == e.aluno_id, Turma.ano_letivo_id == e.turma.ano_letivo_id)
            origem = session.scalars(
                select(Enturmacao)
                .join(Turma, Enturmacao.turma_id == Turma.id)
                .where(
                    *mesmo_aluno_e_ano,
                    Enturmacao.id < e.id,  # remanejar creates the new enturmação after closing the old
                    Enturmacao.situacao_manual.in_(MUDANCAS_DE_TURMA),
                    Enturmacao.data_saida == e.data_entrada,
                )
                .order_by(Enturmacao.id.desc())
                .limit(1)
            ).first()
            if origem is None:
                continue
            outra = session.scalar(
                select(Enturmacao.id)
                .join(Turma, Enturmacao.turma_id == Turma.id)
                .where(
                    *mesmo_aluno_e_ano,
                    Enturmacao.id > origem.id,
                    Enturmacao.id < e.id,
                    Enturmacao.data_entrada == origem.data_saida,
                )
                .limit(1)
            )
            if outra is None:
                origens[e.id] = origem
        return origens

    @classmethod
    def _a_reabrir(cls, session: Session, enturmacoes: Sequence[Enturmacao]) -> list[Enturmacao]:
        """The enturmações to reopen when ``enturmacoes`` go: the origem of each, or the
        origem's own origem when that goes too."""
        origens = cls._origens(session, enturmacoes)
        saem = {e.id for e in enturmacoes}
        reabrir: dict[int, Enturmacao] = {}
        for e in enturmacoes:
            origem = origens.get(e.id)
            while origem is not None and origem.id in saem:
                origem = origens.get(origem.id)
            if origem is not None:
                reabrir[origem.id] = origem
        return list(reabrir.values())

    @staticmethod
    def _reabrir(session: Session, origem: Enturmacao) -> None:
        """Undoes the remanejamento that closed ``origem``: open again, with the situação
        the history says it had before (usually none set by hand)."""
        aberta = session.scalar(
            select(Turma.nome)
            .join(Enturmacao, Enturmacao.turma_id == Turma.id)
            .where(
                Enturmacao.aluno_id == origem.aluno_id,
                Turma.ano_letivo_id == origem.turma.ano_letivo_id,
                Enturmacao.id != origem.id,
                Enturmacao.data_saida.is_(None),
            )
            .limit(1)
        )
        if aberta is not None:
            raise ValidationError(
                "alunos",
                REMANEJAMENTO_SEM_VOLTA.format(nome=origem.aluno.nome, origem=origem.turma.nome, turma=aberta),
            )
        historico = select(HistoricoSituacao).where(HistoricoSituacao.enturmacao_id == origem.id)
        remanejamento = session.scalars(
            historico.where(HistoricoSituacao.situacao_nova.in_(MUDANCAS_DE_TURMA))
            .order_by(HistoricoSituacao.id.desc())
            .limit(1)
        ).first()
        anterior = remanejamento.situacao_anterior if remanejamento is not None else None
        motivo = None
        if anterior is not None and remanejamento is not None:
            definida = session.scalars(
                historico.where(HistoricoSituacao.situacao_nova == anterior, HistoricoSituacao.id < remanejamento.id)
                .order_by(HistoricoSituacao.id.desc())
                .limit(1)
            ).first()
            motivo = definida.motivo if definida is not None else MOTIVO_REMANEJAMENTO_DESFEITO
        session.add(
            HistoricoSituacao(
                enturmacao_id=origem.id,
                situacao_anterior=origem.situacao_manual,
                situacao_nova=anterior,
                motivo=MOTIVO_REMANEJAMENTO_DESFEITO,
            )
        )
        origem.situacao_manual = anterior
        origem.motivo_situacao = motivo
        origem.data_saida = None
        session.flush()

    def mudar_situacao(
        self,
        enturmacao_ids: Sequence[int],
        situacao: av.Situacao | None,
        motivo: str,
        data_saida: date | None = None,
        destino: EscolaTransferencia | None = None,
    ) -> None:
        """Sets (or, with ``None``, clears) the manual situação of several enturmações at once.

        The motivo is required and every change is kept in ``historico_situacoes``. A
        situação that ends the aluno's time in the turma (transferido, abandono, falecido,
        remanejado) fills the data de saída (today unless given), which must fall in the ano
        letivo; going back to a situação that does not end it clears the data de saída.
        Transferido (a transferência expedida) also takes the ``destino``: the school, its
        município and UF, all required (:func:`~escola_gui.core.movimentacoes.validar_destino`);
        leaving Transferido empties them.
        """
        manual = av.SituacaoManual(situacao or av.Situacao.CURSANDO, motivo)  # validates the motivo
        if manual.situacao.value not in SITUACOES_ENTURMACAO:  # the file's CHECK would refuse it at COMMIT
            raise ValueError(f"{manual.situacao} cannot be stored before its revision")
        if situacao is av.Situacao.TRANSFERIDO:
            first_error(validar_destino(destino))
            assert destino is not None
            destino = EscolaTransferencia.normalize(destino)
        else:
            destino = None  # only a transferência has a school of destination
        saida = data_saida or date.today()
        with Session(self._engine) as session, session.begin():
            for enturmacao_id in dict.fromkeys(enturmacao_ids):
                e: Enturmacao = get_record(session, Enturmacao, enturmacao_id)  # type: ignore[assignment]
                anterior = e.situacao_manual
                nova = situacao.value if situacao is not None else None
                if anterior == nova:
                    continue
                e.situacao_manual = nova
                e.motivo_situacao = manual.motivo if nova is not None else None
                e.escola_destino = destino.escola if destino is not None else None
                e.municipio_destino = destino.municipio if destino is not None else None
                e.uf_destino = destino.uf if destino is not None else None
                if situacao in SITUACOES_DE_SAIDA:
                    if e.data_saida is None:
                        periodo_do_ano(e.turma.ano_letivo).check("data_saida", saida)
                        if saida < e.data_entrada:
                            raise ValidationError("data_saida", DATA_SAIDA_ANTERIOR)
                        e.data_saida = saida
                elif e.data_saida is not None:
                    outra = session.scalar(
                        select(Enturmacao.id)
                        .join(Turma, Enturmacao.turma_id == Turma.id)
                        .where(
                            Enturmacao.aluno_id == e.aluno_id,
                            Enturmacao.id != e.id,
                            Enturmacao.data_saida.is_(None),
                            Turma.ano_letivo_id == e.turma.ano_letivo_id,
                        )
                        .limit(1)
                    )
                    if outra is not None:
                        raise ValidationError("situacao", JA_EM_OUTRA_TURMA.format(nome=e.aluno.nome))
                    e.data_saida = None
                session.add(
                    HistoricoSituacao(
                        enturmacao_id=e.id, situacao_anterior=anterior, situacao_nova=nova, motivo=manual.motivo
                    )
                )

    def historico_situacoes(self, enturmacao_id: int) -> list[HistoricoSituacaoRow]:
        with Session(self._engine) as session:
            rows = session.scalars(
                select(HistoricoSituacao)
                .where(HistoricoSituacao.enturmacao_id == enturmacao_id)
                .order_by(HistoricoSituacao.id)
            )
            return [
                HistoricoSituacaoRow(
                    h.alterado_em, optional_situacao(h.situacao_anterior), optional_situacao(h.situacao_nova), h.motivo
                )
                for h in rows
            ]

    @staticmethod
    def _mudar_de_turma(
        session: Session,
        enturmacao_id: int,
        nova_turma_id: int,
        data: date,
        manual: av.SituacaoManual,
        outro_ano: str,
        check: Callable[[Enturmacao, Turma], None] = lambda _old, _nova: None,
    ) -> tuple[Enturmacao, Turma, Enturmacao]:
        """What remanejar and reclassificar share. The checks: the new turma's year open, the
        enturmação current, another turma of the same year (``outro_ano`` otherwise), then
        ``check``, the date inside the year and not before the entrada, a vaga. Then the old
        enturmação closed with ``manual`` on ``data``, its history kept, and the new one opened
        that day. Returns the old enturmação, the new turma and the new enturmação."""
        old: Enturmacao = get_record(session, Enturmacao, enturmacao_id)  # type: ignore[assignment]
        nova: Turma = get_record(session, Turma, nova_turma_id)  # type: ignore[assignment]
        check_aberto(nova.ano_letivo)
        if old.data_saida is not None:
            raise ValidationError("turma", ENTURMACAO_ENCERRADA)
        if nova.id == old.turma_id:
            raise ValidationError("turma", MESMA_TURMA)
        if nova.ano_letivo_id != old.turma.ano_letivo_id:
            raise ValidationError("turma", outro_ano)
        check(old, nova)
        periodo = periodo_do_ano(nova.ano_letivo)
        if not periodo.contem(data):
            raise ValidationError("data_saida", periodo.fora("data_mudanca", data))
        if data < old.data_entrada:
            raise ValidationError("data_saida", DATA_SAIDA_ANTERIOR)
        if nova.vagas is not None:
            atuais = session.scalar(
                select(func.count(Enturmacao.id)).where(Enturmacao.turma_id == nova.id, Enturmacao.data_saida.is_(None))
            )
            if (atuais or 0) + 1 > nova.vagas:
                raise ValidationError("turma", SEM_VAGAS.format(vagas=nova.vagas, total=(atuais or 0) + 1))
        session.add(
            HistoricoSituacao(
                enturmacao_id=old.id,
                situacao_anterior=old.situacao_manual,
                situacao_nova=manual.situacao.value,
                motivo=manual.motivo,
            )
        )
        old.situacao_manual = manual.situacao.value
        old.motivo_situacao = manual.motivo
        old.data_saida = data
        new = Enturmacao(aluno_id=old.aluno_id, turma_id=nova.id, data_entrada=data)
        session.add(new)
        session.flush()
        return old, nova, new

    def remanejar(self, enturmacao_id: int, nova_turma_id: int, data: date, motivo: str) -> int:
        """Moves an aluno to another turma of the same year; returns the new enturmação.

        The old enturmação is closed as Remanejado on ``data`` and kept; the notas and the
        frequência so far go with the aluno for the disciplinas both turmas have.
        """
        manual = av.SituacaoManual(av.Situacao.REMANEJADO, motivo)
        with Session(self._engine) as session, session.begin():
            old, nova, new = self._mudar_de_turma(session, enturmacao_id, nova_turma_id, data, manual, OUTRO_ANO)
            comuns = select(TurmaDisciplina.disciplina_id).where(TurmaDisciplina.turma_id == nova.id)
            for model, columns in (
                (Nota, ("disciplina_id", "periodo_id", "nota", "recuperacao")),
                (Frequencia, ("disciplina_id", "periodo_id", "aulas_dadas", "faltas")),
                (RecuperacaoFinal, ("disciplina_id", "nota")),
            ):
                copied = select(literal(new.id), *(getattr(model, c) for c in columns)).where(
                    model.enturmacao_id == old.id, model.disciplina_id.in_(comuns)
                )
                session.execute(insert(model).from_select(["enturmacao_id", *columns], copied))
                auditoria.registrar(session, auditoria.inclusoes(session, model, model.enturmacao_id == new.id))
            return new.id

    def reclassificar(self, enturmacao_id: int, nova_turma_id: int, data: date, ata: str) -> int:
        """Moves an aluno to a turma of another etapa of the same year (reclassificação, LDB
        art. 23 §1); returns the new enturmação.

        The old enturmação is closed as Reclassificado on ``data`` (inside the year) with the
        ata (its number and date, or the motivo) and kept with its notas and frequência; the
        new one starts on ``data`` with none: the notas of another etapa are not this one's,
        so those of the períodos already gone are typed in the new turma's diário from the
        ata's evaluation, as for a transferência recebida. Retirar da turma on the new
        enturmação undoes it, as it undoes a remanejamento.
        """
        if not (ata or "").strip():
            raise ValidationError("motivo", ATA_OBRIGATORIA)
        manual = av.SituacaoManual(av.Situacao.RECLASSIFICADO, ata)

        def outra_etapa(old: Enturmacao, nova: Turma) -> None:
            for turma in (old.turma, nova):
                if turma.etapa_id is None:
                    raise ValidationError("turma", RECLASSIFICACAO_SEM_ETAPA.format(turma=turma.nome))
            if nova.etapa_id == old.turma.etapa_id:
                etapa = session.scalar(select(Etapa.nome).where(Etapa.id == nova.etapa_id))
                raise ValidationError("turma", RECLASSIFICACAO_MESMA_ETAPA.format(turma=nova.nome, etapa=etapa))

        with Session(self._engine) as session, session.begin():
            _old, _nova, new = self._mudar_de_turma(
                session, enturmacao_id, nova_turma_id, data, manual, RECLASSIFICACAO_OUTRO_ANO, outra_etapa
            )
            return new.id
