"""Every way an aluno arrives in a turma and leaves it during the year, beyond enturmar and
remanejar (:mod:`escola_gui.core.turmas`): the other school of a transferência, checked here,
and what the documents print of each movement (the declaração de transferência).

A transferência expedida is the situação Transferido set by
:meth:`~escola_gui.core.turmas.TurmaService.mudar_situacao` with its date (inside the year),
its motivo and the school the aluno goes to (:class:`EscolaTransferencia`); the notas and the
frequência typed so far stay on the enturmação, and the change is audited (the enturmação's
columns, and the situação's history). :meth:`MovimentacaoService.transferencia` gives a
document everything it prints about it.

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
from escola_gui.core.errors import QT_TRANSLATE_NOOP, RecordNotFoundError, ValidationError
from escola_gui.core.models import Aluno, AnoLetivo, Enturmacao, Turma

ESCOLA_DESTINO_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Informe a escola para onde o aluno vai.")
MUNICIPIO_DESTINO_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Informe o município da escola de destino.")
UF_DESTINO_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Escolha a UF da escola de destino, como SP.")
ESCOLA_LONGA = QT_TRANSLATE_NOOP("validation", "O nome da escola deve ter no máximo 150 caracteres.")
MUNICIPIO_LONGO = QT_TRANSLATE_NOOP("validation", "O município deve ter no máximo 100 caracteres.")
NAO_TRANSFERIDO = QT_TRANSLATE_NOOP("validation", "{nome} não foi transferido desta turma.")


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
    clean = EscolaTransferencia.normalize(data or EscolaTransferencia("", "", ""))
    errors: dict[str, str] = {}
    if not clean.escola:
        errors["escola_destino"] = ESCOLA_DESTINO_OBRIGATORIA
    elif len(clean.escola) > 150:
        errors["escola_destino"] = ESCOLA_LONGA
    if not clean.municipio:
        errors["municipio_destino"] = MUNICIPIO_DESTINO_OBRIGATORIO
    elif len(clean.municipio) > 100:
        errors["municipio_destino"] = MUNICIPIO_LONGO
    if not clean.uf:
        errors["uf_destino"] = UF_DESTINO_OBRIGATORIA
    elif clean.uf not in v.UFS:
        errors["uf_destino"] = v.UF_INVALIDA
    return errors


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


class MovimentacaoService:
    """Reads the movements of the alunos for the documents."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def transferencia(self, enturmacao_id: int) -> DadosTransferencia:
        """The transferência expedida of an enturmação (:class:`ValidationError` when the aluno
        was not transferred from it)."""
        with Session(self._engine) as session:
            row = session.execute(
                select(Enturmacao, Aluno, Turma, AnoLetivo.ano)
                .join(Aluno, Enturmacao.aluno_id == Aluno.id)
                .join(Turma, Enturmacao.turma_id == Turma.id)
                .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
                .where(Enturmacao.id == enturmacao_id)
            ).first()
            if row is None:
                raise RecordNotFoundError(enturmacao_id)
            e, aluno, turma, ano = row
            if e.situacao_manual != "transferido" or e.data_saida is None:
                raise ValidationError("situacao", NAO_TRANSFERIDO.format(nome=aluno.nome))
            destino = None
            if e.escola_destino is not None:
                destino = EscolaTransferencia(e.escola_destino, e.municipio_destino or "", e.uf_destino or "")
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
                destino=destino,
            )
