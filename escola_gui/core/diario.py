"""The diário: notas and frequência typed per turma and disciplina, and the boletins with
the results they give (by the rules of :mod:`escola_gui.core.avaliacao`), which the turma's
roster, the reports and the ata read.

Like every service of the core, each method opens one short ``Session`` and returns plain
frozen dataclasses, never ORM objects; mistakes the user can fix come back as
:class:`~escola_gui.core.errors.ValidationError`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import Engine, and_, delete, select
from sqlalchemy.orm import Session

from escola_gui.core import auditoria
from escola_gui.core import avaliacao as av
from escola_gui.core import validation as v
from escola_gui.core.common import get_record
from escola_gui.core.errors import QT_TRANSLATE_NOOP, RecordNotFoundError, ValidationError
from escola_gui.core.escola import PeriodoRow, check_aberto, periodo_rows
from escola_gui.core.models import (
    Aluno,
    AnoLetivo,
    Disciplina,
    DispensaDisciplina,
    Enturmacao,
    Frequencia,
    Nota,
    RecuperacaoFinal,
    Turma,
    TurmaDisciplina,
)
from escola_gui.core.regras import regra_da_turma

DISCIPLINA_FORA_DA_TURMA = QT_TRANSLATE_NOOP("validation", "Esta disciplina não faz parte da turma.")


@dataclass(frozen=True)
class LinhaNotas:
    """One aluno's row in the grade grid of a turma × disciplina."""

    enturmacao_id: int
    aluno_nome: str
    ra: str
    ativa: bool
    # What the turma's rule types per período: a nota, a conceito's sigla or a parecer.
    notas: tuple[Decimal | str | None, ...]
    recuperacoes: tuple[Decimal | None, ...]
    recuperacao_final: Decimal | None
    dispensada: bool = False
    """Excused from this disciplina: the grid shows Dispensado."""


@dataclass(frozen=True)
class GradeNotas:
    turma_id: int
    disciplina_id: int
    periodos: tuple[PeriodoRow, ...]
    regra: av.RegraAvaliacao
    linhas: tuple[LinhaNotas, ...]


@dataclass(frozen=True)
class LinhaFrequencia:
    enturmacao_id: int
    aluno_nome: str
    ra: str
    ativa: bool
    aulas_dadas: int | None
    faltas: int | None


@dataclass(frozen=True)
class GradeFrequencia:
    turma_id: int
    disciplina_id: int
    periodo: PeriodoRow
    frequencia_minima: int
    linhas: tuple[LinhaFrequencia, ...]


@dataclass(frozen=True)
class LinhaBoletim:
    """A disciplina on the boletim: the período notas and faltas, and the year's result."""

    disciplina: str
    carga_horaria: int | None
    notas: tuple[Decimal | str | None, ...]  # a nota, a conceito or a parecer, by the rule
    recuperacoes: tuple[Decimal | None, ...]
    recuperacao_final: Decimal | None
    faltas: tuple[int | None, ...]
    aulas_dadas: int
    faltas_total: int
    resultado: av.ResultadoDisciplina


@dataclass(frozen=True)
class Boletim:
    """Everything one enturmação's boletim, histórico line or ata line shows."""

    enturmacao_id: int
    aluno_id: int
    aluno_nome: str
    ra: str
    data_nascimento: date | None
    turma_id: int
    turma_nome: str
    serie: str
    turno: str
    ano: int
    data_entrada: date
    data_saida: date | None
    periodos: tuple[str, ...]
    regra: av.RegraAvaliacao
    linhas: tuple[LinhaBoletim, ...]
    resultado: av.ResultadoAluno
    motivo_situacao: str | None = None

    @property
    def situacao(self) -> av.Situacao:
        return self.resultado.situacao.efetiva


@dataclass(frozen=True)
class Lancamento:
    """One cell typed or pasted into the grade grid. ``campo`` is ``"nota"``,
    ``"recuperacao"`` (both need ``periodo_id``) or ``"recuperacao_final"``. Under a rule of
    conceitos or pareceres, the ``"nota"`` of a período is the conceito's sigla or the parecer."""

    enturmacao_id: int
    campo: str
    valor: Decimal | str | None
    periodo_id: int | None = None


@dataclass(frozen=True)
class LancamentoFrequencia:
    enturmacao_id: int
    aulas_dadas: int | None
    faltas: int | None


@dataclass
class _Carga:
    """The diário rows of some enturmações, loaded in a few queries."""

    dispensas: set[tuple[int, int]] = field(default_factory=set)
    """(enturmação, disciplina) of the dispensas."""
    notas: dict[tuple[int, int, int], tuple[Decimal | None, Decimal | None]] = field(default_factory=dict)
    finais: dict[tuple[int, int], Decimal] = field(default_factory=dict)
    # (conceito, parecer) of each período, where either was typed (revision 0017)
    textos: dict[tuple[int, int, int], tuple[str | None, str | None]] = field(default_factory=dict)
    frequencias: dict[tuple[int, int, int], tuple[int, int]] = field(default_factory=dict)


# --- results ----------------------------------------------------------------------------


def optional_situacao(value: str | None) -> av.Situacao | None:
    """A situação code as stored (``None``: none set) as an :class:`~escola_gui.core.avaliacao.Situacao`."""
    return None if value is None else av.Situacao(value)


def _desempenho(
    enturmacao_id: int,
    disciplina_id: int,
    periodos: Sequence[PeriodoRow],
    regra: av.RegraAvaliacao,
    carga: _Carga,
) -> tuple[av.DesempenhoDisciplina, tuple, tuple, Decimal | None, tuple]:
    notas: list[Decimal | None] = []
    recs: list[Decimal | None] = []
    faltas: list[int | None] = []
    aulas_total = faltas_total = 0
    for p in periodos:
        nota, rec = carga.notas.get((enturmacao_id, disciplina_id, p.id), (None, None))
        notas.append(valor_da_regra(regra, nota, carga.textos.get((enturmacao_id, disciplina_id, p.id))))
        recs.append(rec)
        freq = carga.frequencias.get((enturmacao_id, disciplina_id, p.id))
        faltas.append(None if freq is None else freq[1])
        if freq is not None:
            aulas_total += freq[0]
            faltas_total += freq[1]
    final = carga.finais.get((enturmacao_id, disciplina_id))
    # Values kept from a rule the year no longer has are shown but not counted.
    recuperacoes = av.recuperacoes_da_regra(regra, {p.numero: r for p, r in zip(periodos, recs, strict=True)}, final)
    desempenho = av.DesempenhoDisciplina(
        notas_por_periodo={p.numero: n for p, n in zip(periodos, notas, strict=True)},
        aulas_dadas=aulas_total,
        faltas=faltas_total,
        recuperacoes=recuperacoes,
        recuperacao_final=final if regra.recuperacao_final else None,
        periodos_com_frequencia=frozenset(p.numero for p, f in zip(periodos, faltas, strict=True) if f is not None),
        periodos_com_recuperacao=frozenset(p.numero for p, r in zip(periodos, recs, strict=True) if r is not None),
        dispensada=(enturmacao_id, disciplina_id) in carga.dispensas,
    )
    return desempenho, tuple(notas), tuple(recs), final, tuple(faltas)


def valor_da_regra(
    regra: av.RegraAvaliacao, nota: Decimal | None, texto: tuple[str | None, str | None] | None
) -> Decimal | str | None:
    """What a período's cell holds under ``regra``: the nota, the conceito or the parecer."""
    if regra.tipo is av.TipoAvaliacao.CONCEITUAL:
        return None if texto is None else texto[0]
    if regra.tipo is av.TipoAvaliacao.DESCRITIVA:
        return None if texto is None else texto[1]
    return nota


def situacoes_calculadas(session: Session, enturmacao_ids: Sequence[int]) -> dict[int, av.Situacao]:
    """The computed situação of each enturmação (those without a manual one)."""
    if not enturmacao_ids:
        return {}
    return {b.enturmacao_id: b.situacao for b in boletins(session, list(enturmacao_ids))}


# --- diário -----------------------------------------------------------------------------


def _carga(session: Session, enturmacao_ids: Sequence[int], disciplina_id: int | None = None) -> _Carga:
    carga = _Carga()
    ids = list(enturmacao_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        conditions = [Nota.enturmacao_id.in_(chunk)]
        if disciplina_id is not None:
            conditions.append(Nota.disciplina_id == disciplina_id)
        for e, d, p, nota, rec, conceito, parecer in session.execute(
            select(
                Nota.enturmacao_id,
                Nota.disciplina_id,
                Nota.periodo_id,
                Nota.nota,
                Nota.recuperacao,
                Nota.conceito,
                Nota.parecer,
            ).where(and_(*conditions))
        ):
            carga.notas[(e, d, p)] = (nota, rec)
            if conceito is not None or parecer is not None:
                carga.textos[(e, d, p)] = (conceito, parecer)
        conditions = [RecuperacaoFinal.enturmacao_id.in_(chunk)]
        if disciplina_id is not None:
            conditions.append(RecuperacaoFinal.disciplina_id == disciplina_id)
        for e, d, nota in session.execute(
            select(RecuperacaoFinal.enturmacao_id, RecuperacaoFinal.disciplina_id, RecuperacaoFinal.nota).where(
                and_(*conditions)
            )
        ):
            carga.finais[(e, d)] = nota
        conditions = [DispensaDisciplina.enturmacao_id.in_(chunk)]
        if disciplina_id is not None:
            conditions.append(DispensaDisciplina.disciplina_id == disciplina_id)
        for e, d in session.execute(
            select(DispensaDisciplina.enturmacao_id, DispensaDisciplina.disciplina_id).where(and_(*conditions))
        ):
            carga.dispensas.add((e, d))
        conditions = [Frequencia.enturmacao_id.in_(chunk)]
        if disciplina_id is not None:
            conditions.append(Frequencia.disciplina_id == disciplina_id)
        for e, d, p, aulas, faltas in session.execute(
            select(
                Frequencia.enturmacao_id,
                Frequencia.disciplina_id,
                Frequencia.periodo_id,
                Frequencia.aulas_dadas,
                Frequencia.faltas,
            ).where(and_(*conditions))
        ):
            carga.frequencias[(e, d, p)] = (aulas, faltas)
    return carga


def boletins(session: Session, enturmacao_ids: Sequence[int]) -> list[Boletim]:
    """The boletim of each enturmação, in the order given, with a few queries in all."""
    if not enturmacao_ids:
        return []
    found = {
        e.id: (e, aluno, turma, ano)
        for e, aluno, turma, ano in session.execute(
            select(Enturmacao, Aluno, Turma, AnoLetivo)
            .join(Aluno, Enturmacao.aluno_id == Aluno.id)
            .join(Turma, Enturmacao.turma_id == Turma.id)
            .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
            .where(Enturmacao.id.in_(list(enturmacao_ids)))
        )
    }
    carga = _carga(session, list(found))
    turma_ids = {turma.id for _e, _a, turma, _y in found.values()}
    disciplinas: dict[int, list[tuple[int, str, int | None]]] = defaultdict(list)
    for turma_id, disciplina_id, nome, carga_horaria in session.execute(
        select(TurmaDisciplina.turma_id, Disciplina.id, Disciplina.nome, TurmaDisciplina.carga_horaria)
        .join(Disciplina, TurmaDisciplina.disciplina_id == Disciplina.id)
        .where(TurmaDisciplina.turma_id.in_(turma_ids))
        .order_by(TurmaDisciplina.id)
    ):
        disciplinas[turma_id].append((disciplina_id, nome, carga_horaria))
    regras: dict = {}  # the cache of regra_da_turma
    periodos_do_ano: dict[int, tuple[PeriodoRow, ...]] = {}
    result = []
    for enturmacao_id in enturmacao_ids:
        if enturmacao_id not in found:
            raise RecordNotFoundError(enturmacao_id)
        e, aluno, turma, ano = found[enturmacao_id]
        if ano.id not in periodos_do_ano:
            periodos_do_ano[ano.id] = periodo_rows(ano)
        regra, periodos = regra_da_turma(turma, regras), periodos_do_ano[ano.id]
        desempenhos = []
        valores = []
        for disciplina_id, nome, carga_horaria in disciplinas[turma.id]:
            desempenho, notas, recs, final, faltas = _desempenho(e.id, disciplina_id, periodos, regra, carga)
            desempenhos.append(desempenho)
            valores.append((nome, carga_horaria, notas, recs, final, faltas))
        manual = (
            av.SituacaoManual(av.Situacao(e.situacao_manual), e.motivo_situacao or "—")
            if e.situacao_manual is not None
            else None
        )
        resultado = av.situacao_final_aluno(desempenhos, regra, manual, ano_encerrado=ano.encerrado)
        # Each disciplina's result is the one situacao_final_disciplina gives, computed once
        # (situacao_final_aluno evaluates every disciplina anyway).
        linhas = [
            LinhaBoletim(
                disciplina=nome,
                carga_horaria=carga_horaria,
                notas=notas,
                recuperacoes=recs,
                recuperacao_final=final,
                faltas=faltas,
                aulas_dadas=desempenho.aulas_dadas,
                faltas_total=desempenho.faltas,
                resultado=disciplina,
            )
            for (nome, carga_horaria, notas, recs, final, faltas), desempenho, disciplina in zip(
                valores, desempenhos, resultado.disciplinas, strict=True
            )
        ]
        result.append(
            Boletim(
                enturmacao_id=e.id,
                aluno_id=aluno.id,
                aluno_nome=aluno.nome,
                ra=aluno.ra,
                data_nascimento=aluno.data_nascimento,
                turma_id=turma.id,
                turma_nome=turma.nome,
                serie=turma.serie,
                turno=turma.turno,
                ano=ano.ano,
                data_entrada=e.data_entrada,
                data_saida=e.data_saida,
                periodos=tuple(p.nome for p in periodos),
                regra=regra,
                linhas=tuple(linhas),
                resultado=resultado,
                motivo_situacao=e.motivo_situacao,
            )
        )
    return result


def _campo_e_valor(regra: av.RegraAvaliacao, item: Lancamento) -> tuple[str, Decimal | str | None]:
    """The column of ``notas`` a cell goes to under ``regra``, and its value checked by the
    rule: a nota on the rule's scale, a conceito of its list, or a parecer (text)."""
    if item.campo == "nota" and regra.tipo is av.TipoAvaliacao.CONCEITUAL:
        texto = item.valor if isinstance(item.valor, str) else None
        if item.valor is None or (texto is not None and not texto.strip()):
            return "conceito", None
        return "conceito", av.parse_conceito(texto, regra.conceitos).sigla
    if item.campo == "nota" and regra.tipo is av.TipoAvaliacao.DESCRITIVA:
        texto = None if item.valor is None else str(item.valor).strip()
        return "parecer", texto or None
    return item.campo, None if item.valor is None else av.parse_nota(item.valor, regra.escala)


class DiarioService:
    """Notas and frequência of a turma, and the boletins they make."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def _turma_context(self, session: Session, turma_id: int, disciplina_id: int) -> tuple[Turma, AnoLetivo]:
        turma: Turma = get_record(session, Turma, turma_id)  # type: ignore[assignment]
        taught = session.scalar(
            select(TurmaDisciplina.id).where(
                TurmaDisciplina.turma_id == turma_id, TurmaDisciplina.disciplina_id == disciplina_id
            )
        )
        if taught is None:
            raise ValidationError("disciplina", DISCIPLINA_FORA_DA_TURMA)
        return turma, turma.ano_letivo

    @staticmethod
    def _alunos(session: Session, turma_id: int) -> list[tuple[int, str, str, bool]]:
        rows = session.execute(
            select(Enturmacao.id, Aluno.nome, Aluno.ra, Enturmacao.data_saida)
            .join(Aluno, Enturmacao.aluno_id == Aluno.id)
            .where(Enturmacao.turma_id == turma_id)
        ).all()
        ordered = sorted(rows, key=lambda r: (r[3] is not None, v.normalize_nome(r[1]).casefold()))
        return [(e, nome, ra, saida is None) for e, nome, ra, saida in ordered]

    def notas(self, turma_id: int, disciplina_id: int) -> GradeNotas:
        with Session(self._engine) as session:
            turma, ano = self._turma_context(session, turma_id, disciplina_id)
            periodos = periodo_rows(ano)
            regra = regra_da_turma(turma)
            alunos = self._alunos(session, turma_id)
            carga = _carga(session, [a[0] for a in alunos], disciplina_id)
            linhas = tuple(
                LinhaNotas(
                    enturmacao_id=e,
                    aluno_nome=nome,
                    ra=ra,
                    ativa=ativa,
                    notas=tuple(
                        valor_da_regra(
                            regra,
                            carga.notas.get((e, disciplina_id, p.id), (None, None))[0],
                            carga.textos.get((e, disciplina_id, p.id)),
                        )
                        for p in periodos
                    ),
                    recuperacoes=tuple(carga.notas.get((e, disciplina_id, p.id), (None, None))[1] for p in periodos),
                    recuperacao_final=carga.finais.get((e, disciplina_id)),
                    dispensada=(e, disciplina_id) in carga.dispensas,
                )
                for e, nome, ra, ativa in alunos
            )
            return GradeNotas(turma_id, disciplina_id, periodos, regra, linhas)

    def lancar_notas(self, turma_id: int, disciplina_id: int, lancamentos: Sequence[Lancamento]) -> None:
        """Writes several cells at once (a paste), all or none; ``valor=None`` clears a cell."""
        with Session(self._engine) as session, session.begin(), auditoria.em_lote(session):
            turma, ano = self._turma_context(session, turma_id, disciplina_id)
            check_aberto(ano)
            regra = regra_da_turma(turma)
            periodo_ids = {p.id for p in ano.periodos}
            enturmacoes = set(session.scalars(select(Enturmacao.id).where(Enturmacao.turma_id == turma_id)))
            for item in lancamentos:
                if item.enturmacao_id not in enturmacoes:
                    raise RecordNotFoundError(item.enturmacao_id)
                campo, valor = _campo_e_valor(regra, item)
                if campo == "recuperacao_final":
                    key = {"enturmacao_id": item.enturmacao_id, "disciplina_id": disciplina_id}
                    final = session.scalars(select(RecuperacaoFinal).filter_by(**key)).first()
                    if final is not None and valor is None:
                        session.delete(final)
                    elif final is not None:
                        final.nota = valor  # type: ignore[assignment]
                    elif valor is not None:
                        session.add(RecuperacaoFinal(**key, nota=valor))
                    session.flush()
                    continue
                if campo not in ("nota", "recuperacao", "conceito", "parecer") or item.periodo_id not in periodo_ids:
                    raise ValueError(f"bad lançamento {item!r}")
                key = {
                    "enturmacao_id": item.enturmacao_id,
                    "disciplina_id": disciplina_id,
                    "periodo_id": item.periodo_id,
                }
                nota = session.scalars(select(Nota).filter_by(**key)).first()
                if nota is None:
                    if valor is None:
                        continue
                    nota = Nota(**key)
                    session.add(nota)
                setattr(nota, campo, valor)
                if nota.nota is None and nota.recuperacao is None and nota.conceito is None and nota.parecer is None:
                    session.delete(nota)  # the cell cleared: the audit log keeps what it held
                session.flush()
            session.execute(
                delete(Nota).where(
                    Nota.nota.is_(None), Nota.recuperacao.is_(None), Nota.conceito.is_(None), Nota.parecer.is_(None)
                )
            )

    def frequencia(self, turma_id: int, disciplina_id: int, periodo_id: int) -> GradeFrequencia:
        with Session(self._engine) as session:
            _turma, ano = self._turma_context(session, turma_id, disciplina_id)
            periodo = next((p for p in periodo_rows(ano) if p.id == periodo_id), None)
            if periodo is None:
                raise RecordNotFoundError(periodo_id)
            alunos = self._alunos(session, turma_id)
            stored = {
                e: (aulas, faltas)
                for e, aulas, faltas in session.execute(
                    select(Frequencia.enturmacao_id, Frequencia.aulas_dadas, Frequencia.faltas).where(
                        Frequencia.disciplina_id == disciplina_id,
                        Frequencia.periodo_id == periodo_id,
                        Frequencia.enturmacao_id.in_([a[0] for a in alunos]),
                    )
                )
            }
            linhas = tuple(
                LinhaFrequencia(e, nome, ra, ativa, *stored.get(e, (None, None))) for e, nome, ra, ativa in alunos
            )
            minima = int(regra_da_turma(_turma).frequencia_minima)
            return GradeFrequencia(turma_id, disciplina_id, periodo, minima, linhas)

    def lancar_frequencia(
        self, turma_id: int, disciplina_id: int, periodo_id: int, lancamentos: Sequence[LancamentoFrequencia]
    ) -> None:
        """Writes aulas dadas and faltas for several alunos, all or none. Both ``None`` clears
        the row; faltas alone count as 0 aulas dadas refused (faltas > aulas)."""
        with Session(self._engine) as session, session.begin(), auditoria.em_lote(session):
            _turma, ano = self._turma_context(session, turma_id, disciplina_id)
            check_aberto(ano)
            if periodo_id not in {p.id for p in ano.periodos}:
                raise RecordNotFoundError(periodo_id)
            enturmacoes = set(session.scalars(select(Enturmacao.id).where(Enturmacao.turma_id == turma_id)))
            for item in lancamentos:
                if item.enturmacao_id not in enturmacoes:
                    raise RecordNotFoundError(item.enturmacao_id)
                key = {"enturmacao_id": item.enturmacao_id, "disciplina_id": disciplina_id, "periodo_id": periodo_id}
                stored = session.scalars(select(Frequencia).filter_by(**key)).first()
                if item.aulas_dadas is None and item.faltas is None:
                    if stored is not None:
                        session.delete(stored)
                        session.flush()
                    continue
                aulas = item.aulas_dadas or 0
                faltas = item.faltas or 0
                av.percentual_frequencia(aulas, faltas)  # raises the Portuguese reason when impossible
                if stored is None:
                    session.add(Frequencia(**key, aulas_dadas=aulas, faltas=faltas))
                else:
                    stored.aulas_dadas = aulas
                    stored.faltas = faltas
                session.flush()

    def boletim(self, enturmacao_id: int) -> Boletim:
        with Session(self._engine) as session:
            return boletins(session, [enturmacao_id])[0]

    def boletins_da_turma(self, turma_id: int, incluir_saidas: bool = False) -> list[Boletim]:
        """Every boletim of the turma, by aluno name (those who left only when asked)."""
        with Session(self._engine) as session:
            get_record(session, Turma, turma_id)
            ids = [e for e, _n, _r, ativa in self._alunos(session, turma_id) if ativa or incluir_saidas]
            return boletins(session, ids)

    def historico(self, aluno_id: int) -> list[Boletim]:
        """The aluno's years, oldest first: one boletim per enturmação that was not a move
        within the year (a remanejamento or a reclassificação continues in the next enturmação)."""
        with Session(self._engine) as session:
            get_record(session, Aluno, aluno_id)
            ids = session.scalars(
                select(Enturmacao.id)
                .join(Turma, Enturmacao.turma_id == Turma.id)
                .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
                .where(
                    Enturmacao.aluno_id == aluno_id,
                    (Enturmacao.situacao_manual.is_(None))
                    | Enturmacao.situacao_manual.not_in(
                        [av.Situacao.REMANEJADO.value, av.Situacao.RECLASSIFICADO.value]
                    ),
                )
                .order_by(AnoLetivo.ano, Enturmacao.data_entrada, Enturmacao.id)
            ).all()
            return boletins(session, ids)
