"""Every way an aluno arrives in a turma and leaves it during the year, beyond enturmar and
remanejar (:mod:`escola_gui.core.turmas`): the other school of a transferência, checked here,
and what the documents print of each movement (the declaração de transferência).

A transferência expedida is the situação Transferido set by
:meth:`~escola_gui.core.turmas.TurmaService.mudar_situacao` with its date (inside the year),
its motivo and the school the aluno goes to (:class:`EscolaTransferencia`); the notas and the
frequência typed so far stay on the enturmação, and the change is audited (the enturmação's
columns, and the situação's history). :meth:`MovimentacaoService.transferencia` gives a
document everything it prints about it. Abandono and falecimento are the same act with their
own situação, date and motivo (no school); :meth:`MovimentacaoService.saida` gives any of them.

A dispensa de disciplina excuses an aluno from one disciplina of the turma, with its date
(inside the year) and motivo: the disciplina shows as Dispensado and counts neither for the
result nor for the frequência nor for the closing's pendências
(:meth:`MovimentacaoService.dispensar`; the rule is in :mod:`escola_gui.core.avaliacao`).

A transferência recebida is an enturmação made with the school the aluno comes from
(:meth:`~escola_gui.core.turmas.TurmaService.enturmar` with ``origem``), its data de entrada
being the arrival; the notas and frequência of the períodos before it are typed from the
transfer guide in the diário's usual grids, which take any período of the year
(:meth:`MovimentacaoService.transferencia_recebida` gives what a document prints).

Like every service of the core, each method opens one short ``Session`` and returns plain
frozen dataclasses; mistakes the user can fix come back as
:class:`~escola_gui.core.errors.ValidationError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from escola_gui.core import validation as v
from escola_gui.core.calendario import periodo_do_ano
from escola_gui.core.errors import QT_TRANSLATE_NOOP, RecordNotFoundError, ValidationError
from escola_gui.core.escola import check_aberto
from escola_gui.core.models import Aluno, AnoLetivo, Disciplina, DispensaDisciplina, Enturmacao, Turma, TurmaDisciplina

ESCOLA_DESTINO_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Informe a escola para onde o aluno vai.")
MUNICIPIO_DESTINO_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Informe o município da escola de destino.")
UF_DESTINO_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Escolha a UF da escola de destino, como SP.")
ESCOLA_ORIGEM_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Informe a escola de onde o aluno veio.")
MUNICIPIO_ORIGEM_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Informe o município da escola de origem.")
UF_ORIGEM_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Escolha a UF da escola de origem, como SP.")
ESCOLA_LONGA = QT_TRANSLATE_NOOP("validation", "O nome da escola deve ter no máximo 150 caracteres.")
MUNICIPIO_LONGO = QT_TRANSLATE_NOOP("validation", "O município deve ter no máximo 100 caracteres.")
NAO_TRANSFERIDO = QT_TRANSLATE_NOOP("validation", "{nome} não foi transferido desta turma.")
MOTIVO_DISPENSA_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Informe o motivo da dispensa.")
DATA_DISPENSA_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Informe a data da dispensa.")
DISPENSA_FORA_DA_TURMA = QT_TRANSLATE_NOOP("validation", "Esta disciplina não faz parte da turma.")
JA_DISPENSADO = QT_TRANSLATE_NOOP("validation", "{nome} já está dispensado de {disciplina}.")
NAO_SAIU = QT_TRANSLATE_NOOP("validation", "{nome} não saiu desta turma.")
NAO_RECEBIDO = QT_TRANSLATE_NOOP("validation", "{nome} não entrou nesta turma por transferência.")


@dataclass(frozen=True)
class EscolaTransferencia:
    """The other school of a transferência: its name, município and UF (one of the 27)."""

    escola: str
    municipio: str
    uf: str

    @staticmethod
    def normalize(data: EscolaTransferencia) -> EscolaTransferencia:
        return EscolaTransferencia(
            " ".join((data.escola or "").split()),
            " ".join((data.municipio or "").split()),
            (data.uf or "").strip().upper(),
        )


def validar_destino(data: EscolaTransferencia | None) -> dict[str, str]:
    """The mistakes in the school a transferência expedida goes to, by field
    (``escola_destino``, ``municipio_destino``, ``uf_destino``): all three are required."""
    return _validar(
        data, "destino", (ESCOLA_DESTINO_OBRIGATORIA, MUNICIPIO_DESTINO_OBRIGATORIO, UF_DESTINO_OBRIGATORIA)
    )


def validar_origem(data: EscolaTransferencia | None) -> dict[str, str]:
    """The mistakes in the school a transferência recebida comes from, by field
    (``escola_origem``, ``municipio_origem``, ``uf_origem``): all three are required."""
    return _validar(data, "origem", (ESCOLA_ORIGEM_OBRIGATORIA, MUNICIPIO_ORIGEM_OBRIGATORIO, UF_ORIGEM_OBRIGATORIA))


def _validar(data: EscolaTransferencia | None, lado: str, obrigatorias: tuple[str, str, str]) -> dict[str, str]:
    clean = EscolaTransferencia.normalize(data or EscolaTransferencia("", "", ""))
    errors: dict[str, str] = {}
    if not clean.escola:
        errors[f"escola_{lado}"] = obrigatorias[0]
    elif len(clean.escola) > 150:
        errors[f"escola_{lado}"] = ESCOLA_LONGA
    if not clean.municipio:
        errors[f"municipio_{lado}"] = obrigatorias[1]
    elif len(clean.municipio) > 100:
        errors[f"municipio_{lado}"] = MUNICIPIO_LONGO
    if not clean.uf:
        errors[f"uf_{lado}"] = obrigatorias[2]
    elif clean.uf not in v.UFS:
        errors[f"uf_{lado}"] = v.UF_INVALIDA
    return errors


def _destino(e: Enturmacao) -> EscolaTransferencia | None:
    """The school a transferência expedida sent the aluno to, when it was typed."""
    if e.escola_destino is None:
        return None
    return EscolaTransferencia(e.escola_destino, e.municipio_destino or "", e.uf_destino or "")


@dataclass(frozen=True)
class DadosTransferencia:
    """What a declaração de transferência prints: the aluno, the turma left, the date, the
    motivo and the school of destination. The notas and the frequência so far are the
    enturmação's boletim (:meth:`~escola_gui.core.diario.DiarioService.boletim`)."""

    enturmacao_id: int
    aluno_id: int
    aluno_nome: str
    ra: str
    data_nascimento: date | None
    turma_nome: str
    serie: str
    ano: int
    data_entrada: date
    data_saida: date
    motivo: str
    destino: EscolaTransferencia | None
    """None for a transferência recorded before the school was asked."""


@dataclass(frozen=True)
class DadosSaida:
    """What a document prints of an aluno's leaving the turma during the year: abandono,
    falecimento, transferência (with its school in ``destino``)... the situação set by hand,
    its date and its motivo."""

    enturmacao_id: int
    aluno_id: int
    aluno_nome: str
    ra: str
    turma_nome: str
    ano: int
    situacao: str
    """The code of the situação (``abandono``, ``falecido``, ``transferido``...)."""
    data_saida: date
    motivo: str
    destino: EscolaTransferencia | None = None


@dataclass(frozen=True)
class DadosTransferenciaRecebida:
    """What a document prints of a transferência recebida: the aluno, the turma entered, the
    date of arrival and the school of origin."""

    enturmacao_id: int
    aluno_id: int
    aluno_nome: str
    ra: str
    turma_nome: str
    serie: str
    ano: int
    data_entrada: date
    origem: EscolaTransferencia


@dataclass(frozen=True)
class DispensaRow:
    disciplina_id: int
    disciplina: str
    data: date
    motivo: str


class MovimentacaoService:
    """Reads the movements of the alunos for the documents."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @staticmethod
    def _enturmacao(session: Session, enturmacao_id: int) -> tuple[Enturmacao, Aluno, Turma, int]:
        row = session.execute(
            select(Enturmacao, Aluno, Turma, AnoLetivo.ano)
            .join(Aluno, Enturmacao.aluno_id == Aluno.id)
            .join(Turma, Enturmacao.turma_id == Turma.id)
            .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
            .where(Enturmacao.id == enturmacao_id)
        ).first()
        if row is None:
            raise RecordNotFoundError(enturmacao_id)
        return row[0], row[1], row[2], row[3]

    def transferencia(self, enturmacao_id: int) -> DadosTransferencia:
        """The transferência expedida of an enturmação (:class:`ValidationError` when the aluno
        was not transferred from it)."""
        with Session(self._engine) as session:
            e, aluno, turma, ano = self._enturmacao(session, enturmacao_id)
            if e.situacao_manual != "transferido" or e.data_saida is None:
                raise ValidationError("situacao", NAO_TRANSFERIDO.format(nome=aluno.nome))
            return DadosTransferencia(
                enturmacao_id=e.id,
                aluno_id=aluno.id,
                aluno_nome=aluno.nome,
                ra=aluno.ra,
                data_nascimento=aluno.data_nascimento,
                turma_nome=turma.nome,
                serie=turma.serie,
                ano=ano,
                data_entrada=e.data_entrada,
                data_saida=e.data_saida,
                motivo=e.motivo_situacao or "",
                destino=_destino(e),
            )

    def saida(self, enturmacao_id: int) -> DadosSaida:
        """How and when the aluno left the turma during the year (:class:`ValidationError`
        while the aluno is still in it)."""
        with Session(self._engine) as session:
            e, aluno, turma, ano = self._enturmacao(session, enturmacao_id)
            if e.data_saida is None or e.situacao_manual is None:
                raise ValidationError("situacao", NAO_SAIU.format(nome=aluno.nome))
            return DadosSaida(
                enturmacao_id=e.id,
                aluno_id=aluno.id,
                aluno_nome=aluno.nome,
                ra=aluno.ra,
                turma_nome=turma.nome,
                ano=ano,
                situacao=e.situacao_manual,
                data_saida=e.data_saida,
                motivo=e.motivo_situacao or "",
                destino=_destino(e),
            )

    def transferencia_recebida(self, enturmacao_id: int) -> DadosTransferenciaRecebida:
        """The transferência recebida that opened an enturmação (:class:`ValidationError` when
        the aluno did not come from another school into it)."""
        with Session(self._engine) as session:
            e, aluno, turma, ano = self._enturmacao(session, enturmacao_id)
            if e.escola_origem is None:
                raise ValidationError("origem", NAO_RECEBIDO.format(nome=aluno.nome))
            return DadosTransferenciaRecebida(
                enturmacao_id=e.id,
                aluno_id=aluno.id,
                aluno_nome=aluno.nome,
                ra=aluno.ra,
                turma_nome=turma.nome,
                serie=turma.serie,
                ano=ano,
                data_entrada=e.data_entrada,
                origem=EscolaTransferencia(e.escola_origem, e.municipio_origem or "", e.uf_origem or ""),
            )

    # --- dispensas de disciplina

    def dispensas(self, enturmacao_id: int) -> list[DispensaRow]:
        """The disciplinas the aluno is excused from in this enturmação, by name."""
        with Session(self._engine) as session:
            rows = session.execute(
                select(
                    DispensaDisciplina.disciplina_id,
                    Disciplina.nome,
                    DispensaDisciplina.data,
                    DispensaDisciplina.motivo,
                )
                .join(Disciplina, DispensaDisciplina.disciplina_id == Disciplina.id)
                .where(DispensaDisciplina.enturmacao_id == enturmacao_id)
                .order_by(Disciplina.nome)
            )
            return [DispensaRow(*row) for row in rows]

    def dispensar(self, enturmacao_id: int, disciplina_id: int, data: date | None, motivo: str) -> int:
        """Excuses the aluno from a disciplina of the turma from ``data`` (inside the year),
        for ``motivo`` (both required); audited. The notas typed there stay in the file but no
        longer count."""
        motivo = " ".join((motivo or "").split())
        errors = {}
        if data is None:
            errors["data"] = DATA_DISPENSA_OBRIGATORIA
        if not motivo:
            errors["motivo"] = MOTIVO_DISPENSA_OBRIGATORIO
        if errors:
            field, message = next(iter(errors.items()))
            raise ValidationError(field, message)
        assert data is not None
        with Session(self._engine) as session, session.begin():
            e, aluno, turma, _ano = self._enturmacao(session, enturmacao_id)
            check_aberto(turma.ano_letivo)
            periodo_do_ano(turma.ano_letivo).check("data_dispensa", data)
            nome = session.scalar(
                select(Disciplina.nome)
                .join(TurmaDisciplina, TurmaDisciplina.disciplina_id == Disciplina.id)
                .where(TurmaDisciplina.turma_id == turma.id, Disciplina.id == disciplina_id)
            )
            if nome is None:
                raise ValidationError("disciplina", DISPENSA_FORA_DA_TURMA)
            existing = session.scalar(
                select(DispensaDisciplina.id).where(
                    DispensaDisciplina.enturmacao_id == e.id, DispensaDisciplina.disciplina_id == disciplina_id
                )
            )
            if existing is not None:
                raise ValidationError("disciplina", JA_DISPENSADO.format(nome=aluno.nome, disciplina=nome))
            dispensa = DispensaDisciplina(enturmacao_id=e.id, disciplina_id=disciplina_id, data=data, motivo=motivo)
            session.add(dispensa)
            session.flush()
            return dispensa.id

    def remover_dispensa(self, enturmacao_id: int, disciplina_id: int) -> None:
        """Takes a dispensa back (made by mistake): the disciplina counts again; audited."""
        with Session(self._engine) as session, session.begin():
            _e, _aluno, turma, _ano = self._enturmacao(session, enturmacao_id)
            check_aberto(turma.ano_letivo)
            dispensa = session.scalars(
                select(DispensaDisciplina).where(
                    DispensaDisciplina.enturmacao_id == enturmacao_id, DispensaDisciplina.disciplina_id == disciplina_id
                )
            ).first()
            if dispensa is None:
                raise RecordNotFoundError(disciplina_id)
            session.delete(dispensa)
