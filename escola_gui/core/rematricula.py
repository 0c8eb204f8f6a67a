"""The rematrícula: a closed ano letivo rolled into the next, previewed, applied all or nothing,
undone as one step.

:meth:`RematriculaService.planejar` reads the closed year and writes nothing. It returns a
:class:`Plano`: the destination year's turmas (:class:`TurmaPlanejada`) and every aluno of the
closed year with their destination (:class:`AlunoPlanejado`):

- the turmas are proposed per etapa from the closed year's: each turma of an etapa that has a
  next one gives a turma of the next etapa, its turno kept and its name kept with the série
  moved on ("5º ano A" → "6º ano A"; "Turma Azul" stays); a turma of the destination year with
  that name and etapa is reused, never created twice. When a retido has no turma of their own
  etapa in the destination year, their turma is proposed again as it was ("5º ano A", 5º ano).
  Every turma already in the destination year is in the plan too, to be chosen;
- each aluno by their final situação (``enturmacoes.situacao_final``, recorded at closing; for
  a year closed before revision 0015, the boletim's): approved (aprovado, pelo conselho, com
  dependência) → the turma proposed from theirs, of the next etapa; retido or reprovado por
  faltas → a turma of the same etapa (the one with their turma's name, else one of the same
  turno, else the first); approved in a concluinte etapa (pré-escola, 9º ano, 3ª série) →
  not rematriculado, marked concluído; transferido, abandono, falecido → not rematriculado.
  Only the aluno's current enturmação counts: one remanejado during the year is placed by the
  turma they ended the year in;
- an aluno already in a turma of the destination year is left as they are
  (:attr:`Destino.JA_NO_DESTINO`), and so is a decision an earlier run recorded (a concluído,
  a not rematriculado): running the rematrícula again creates nothing new.

The plan is cheap to list and to edit: :meth:`Plano.mudar_destino` moves one aluno to another
turma of the plan, or out of the rematrícula, in constant time.

:meth:`RematriculaService.aplicar` writes the plan in one transaction: the destination ano
letivo when missing (the closed year's rule and períodos, dates moved on by the years between),
the new turmas (with the disciplinas of last year's turma of that etapa), the enturmações
(audited, on the first day of the destination year), and one run (``rematriculas``) with what
it did with each aluno, so it can be listed (:meth:`~RematriculaService.list`) and undone
(:meth:`~RematriculaService.desfazer`). Anything refused or failing leaves the file as it was.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import Engine, delete, func, insert, literal, select
from sqlalchemy.orm import Session

from escola_gui.core import auditoria, diario
from escola_gui.core import avaliacao as av
from escola_gui.core.calendario import periodo_do_ano
from escola_gui.core.errors import QT_TRANSLATE_NOOP, ValidationError
from escola_gui.core.models import (
    TURNOS,
    Aluno,
    AnoLetivo,
    Enturmacao,
    Etapa,
    Frequencia,
    HistoricoSituacao,
    Nota,
    Periodo,
    RecuperacaoFinal,
    Rematricula,
    RematriculaAluno,
    RematriculaTurma,
    Turma,
    TurmaDisciplina,
)
from escola_gui.core.text import normalize_text
from escola_gui.core.turmas import TURMA_NOME_EM_USO, TURMA_NOME_LONGO, TURMA_NOME_OBRIGATORIO, TURNO_INVALIDO

ANO_NAO_ENCONTRADO = QT_TRANSLATE_NOOP("validation", "Não há ano letivo {ano} cadastrado.")
ORIGEM_ABERTA = QT_TRANSLATE_NOOP(
    "validation",
    "O ano letivo {ano} não está encerrado. A rematrícula parte de um ano encerrado, com os resultados "
    "finais de todos os alunos: encerre-o primeiro (Configurações → Anos letivos, ou main.py ano encerrar {ano}).",
)
DESTINO_ANTERIOR = QT_TRANSLATE_NOOP(
    "validation", "A rematrícula vai para um ano seguinte: {para} não vem depois de {de}."
)
DESTINO_ENCERRADO = QT_TRANSLATE_NOOP(
    "validation", "O ano letivo {ano} já está encerrado: não recebe mais alunos. Reabra-o antes, se for preciso."
)
TURMA_FORA_DO_PLANO = QT_TRANSLATE_NOOP("validation", "Escolha uma das turmas de {ano} da rematrícula.")
ALUNO_FORA_DO_PLANO = QT_TRANSLATE_NOOP("validation", "Este aluno não faz parte da rematrícula.")
TURMA_EXISTENTE = QT_TRANSLATE_NOOP(
    "validation", "A turma {turma} já existe em {ano}; mude o nome ou o turno dela na página Turmas."
)
JA_NO_DESTINO_FIXO = QT_TRANSLATE_NOOP(
    "validation", "{nome} já está na turma {turma} de {ano}; mude-o lá, na página Turmas."
)
PLANO_DESATUALIZADO = QT_TRANSLATE_NOOP(
    "validation",
    "Os dados mudaram desde a prévia ({motivo}). Nada foi gravado: faça a prévia da rematrícula de novo.",
)
SEM_VAGAS = QT_TRANSLATE_NOOP(
    "validation",
    "A turma {turma} de {ano} tem {vagas} vagas e ficaria com {total} alunos. Mude o destino de alguns "
    "alunos ou aumente as vagas da turma. Nada foi gravado.",
)
REMATRICULA_NAO_ENCONTRADA = QT_TRANSLATE_NOOP("validation", "Não há rematrícula nº {id}.")
JA_DESFEITA = QT_TRANSLATE_NOOP("validation", "A rematrícula nº {id} já foi desfeita.")
DESFAZER_A_MAIS_RECENTE = QT_TRANSLATE_NOOP(
    "validation", "Desfaça primeiro a rematrícula mais recente para {ano} (nº {id}), feita depois desta."
)
DESFAZER_COM_LANCAMENTOS = QT_TRANSLATE_NOOP(
    "validation",
    "A rematrícula nº {id} não pode ser desfeita: já há notas, frequência ou mudanças de situação "
    "lançadas em {ano} para {n} dos alunos que ela matriculou ({nomes}). Nada foi alterado.",
)
DESFAZER_TURMA_USADA = QT_TRANSLATE_NOOP(
    "validation",
    "A rematrícula nº {id} não pode ser desfeita: a turma {turma} que ela criou recebeu outros alunos "
    "depois. Nada foi alterado.",
)
DESFAZER_ANO_ENCERRADO = QT_TRANSLATE_NOOP(
    "validation", "A rematrícula nº {id} não pode ser desfeita: o ano letivo {ano} já está encerrado."
)


class Destino(enum.StrEnum):
    """Where the plan puts an aluno of the closed year (stored in ``rematriculas_alunos.destino``)."""

    TURMA = "turma"
    """Enturmado in a turma of the destination year (:attr:`AlunoPlanejado.turma`)."""
    CONCLUIDO = "concluido"
    """Approved in a concluinte etapa: not rematriculado, marked concluído."""
    NAO_REMATRICULADO = "nao_rematriculado"
    """Transferido, abandono, falecido, no result, no etapa, or the secretary's choice."""
    JA_NO_DESTINO = "ja_no_destino"
    """Already in a turma of the destination year: left as they are."""

    @property
    def label(self) -> str:
        return _DESTINO_LABELS[self]


_DESTINO_LABELS = {
    Destino.TURMA: QT_TRANSLATE_NOOP("validation", "Rematriculado"),
    Destino.CONCLUIDO: QT_TRANSLATE_NOOP("validation", "Concluiu"),
    Destino.NAO_REMATRICULADO: QT_TRANSLATE_NOOP("validation", "Não rematriculado"),
    Destino.JA_NO_DESTINO: QT_TRANSLATE_NOOP("validation", "Já matriculado no ano"),
}


class Motivo(enum.StrEnum):
    """Why the plan proposed an aluno's destination (what a preview says beside it)."""

    PROMOVIDO = "promovido"
    """Approved: the next etapa."""
    RETIDO = "retido"
    """Retido or reprovado por faltas: the same etapa."""
    CONCLUINTE = "concluinte"
    """Approved in the last etapa of its etapa de ensino."""
    SAIU = "saiu"
    """Transferido, abandono or falecido."""
    SEM_RESULTADO = "sem_resultado"
    """The year gave no verdict (a turma without disciplinas): the secretary decides."""
    SEM_ETAPA = "sem_etapa"
    """The turma has no etapa (Configurações → Etapas), or its etapa has no next one."""
    JA_NO_DESTINO = "ja_no_destino"
    """Already in a turma of the destination year."""
    DECIDIDO_ANTES = "decidido_antes"
    """An earlier run recorded this aluno as concluído or not rematriculado."""
    ESCOLHA = "escolha"
    """Changed in the plan by the secretary."""

    @property
    def label(self) -> str:
        return _MOTIVO_LABELS[self]


_MOTIVO_LABELS = {
    Motivo.PROMOVIDO: QT_TRANSLATE_NOOP("validation", "vai para a próxima etapa"),
    Motivo.RETIDO: QT_TRANSLATE_NOOP("validation", "fica na mesma etapa"),
    Motivo.CONCLUINTE: QT_TRANSLATE_NOOP("validation", "concluiu a etapa de ensino"),
    Motivo.SAIU: QT_TRANSLATE_NOOP("validation", "saiu da escola durante o ano"),
    Motivo.SEM_RESULTADO: QT_TRANSLATE_NOOP("validation", "sem resultado final: escolha o destino"),
    Motivo.SEM_ETAPA: QT_TRANSLATE_NOOP("validation", "turma sem etapa seguinte: escolha o destino"),
    Motivo.JA_NO_DESTINO: QT_TRANSLATE_NOOP("validation", "já está em uma turma do ano"),
    Motivo.DECIDIDO_ANTES: QT_TRANSLATE_NOOP("validation", "decidido em uma rematrícula anterior"),
    Motivo.ESCOLHA: QT_TRANSLATE_NOOP("validation", "escolhido na prévia"),
}

_SAIDAS = frozenset({av.Situacao.TRANSFERIDO, av.Situacao.ABANDONO, av.Situacao.FALECIDO})


@dataclass(frozen=True)
class TurmaPlanejada:
    """A turma of the destination year in the plan: one that exists (``turma_id``), reused, or
    one :meth:`RematriculaService.aplicar` creates (``turma_id`` None), with the disciplinas,
    sala and vagas of ``modelo_id`` (a turma of the closed year)."""

    chave: int
    """Its index in :attr:`Plano.turmas`: what :meth:`Plano.mudar_destino` takes."""
    nome: str
    turno: str
    etapa_id: int | None
    etapa: str | None
    turma_id: int | None = None
    modelo_id: int | None = None
    sala: str | None = None
    vagas: int | None = None

    @property
    def nova(self) -> bool:
        """Whether applying the plan creates it."""
        return self.turma_id is None


@dataclass(frozen=True)
class AlunoPlanejado:
    """One aluno of the closed year and their destination in the plan."""

    aluno_id: int
    nome: str
    ra: str
    enturmacao_id: int
    """The aluno's current enturmação in the closed year (the one the result is of)."""
    turma_origem: str
    etapa_origem: str | None
    situacao: av.Situacao
    """The final situação in the closed year."""
    destino: Destino
    turma: int | None
    """With :attr:`Destino.TURMA`, the :attr:`TurmaPlanejada.chave` of the destination turma."""
    motivo: Motivo
    concluinte: bool = False
    """Approved in a concluinte etapa: out of the rematrícula, they are concluído."""
    turma_no_destino: str | None = None
    """With :attr:`Destino.JA_NO_DESTINO`, the turma the aluno is already in."""
    decidido_em: int | None = None
    """The earlier run that recorded this aluno's destination (concluído, not rematriculado)."""

    @property
    def novo(self) -> bool:
        """Whether applying the plan writes something for this aluno."""
        if self.destino is Destino.TURMA:
            return True
        return self.destino is not Destino.JA_NO_DESTINO and self.decidido_em is None


@dataclass
class Plano:
    """The preview of a rematrícula (see the module's docstring): every turma and every aluno,
    editable aluno by aluno, then given to :meth:`RematriculaService.aplicar`.

    ``turmas`` and ``alunos`` are in display order (turmas by etapa and name; alunos by the
    destination turma's order, then by name)."""

    ano_origem: int
    ano_destino: int
    ano_destino_existe: bool
    turmas: list[TurmaPlanejada]
    alunos: list[AlunoPlanejado]
    _indice: dict[int, int] = field(default_factory=dict, repr=False, compare=False)
    _decididos: dict[int, tuple[int, Destino]] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._indice = {a.aluno_id: i for i, a in enumerate(self.alunos)}
        self._decididos = {a.aluno_id: (a.decidido_em, a.destino) for a in self.alunos if a.decidido_em is not None}

    def aluno(self, aluno_id: int) -> AlunoPlanejado:
        """The plan's line of an aluno (``KeyError`` when not in the plan)."""
        return self.alunos[self._indice[aluno_id]]

    def mudar_destino(self, aluno_id: int, turma: int | None) -> AlunoPlanejado:
        """Send the aluno to the plan's turma ``turma`` (a :attr:`TurmaPlanejada.chave`), or,
        with ``None``, out of the rematrícula (concluído for a concluinte, else not
        rematriculado). Returns the new line.

        Raises:
            ValidationError: the aluno or the turma is not in the plan, or the aluno is
                already in the destination year (moved in the Turmas page, not here).
        """
        index = self._indice.get(aluno_id)
        if index is None:
            raise ValidationError("aluno", ALUNO_FORA_DO_PLANO)
        atual = self.alunos[index]
        if atual.destino is Destino.JA_NO_DESTINO:
            raise ValidationError(
                "aluno",
                JA_NO_DESTINO_FIXO.format(nome=atual.nome, turma=atual.turma_no_destino, ano=self.ano_destino),
            )
        if turma is not None and not (isinstance(turma, int) and 0 <= turma < len(self.turmas)):
            raise ValidationError("turma", TURMA_FORA_DO_PLANO.format(ano=self.ano_destino))
        if turma is None:
            destino = Destino.CONCLUIDO if atual.concluinte else Destino.NAO_REMATRICULADO
        else:
            destino = Destino.TURMA
        if (destino, turma) == (atual.destino, atual.turma):
            return atual
        # Back to what an earlier run recorded: nothing to record again.
        anterior = self._decididos.get(aluno_id)
        if anterior is not None and anterior[1] is destino:
            novo = replace(atual, destino=destino, turma=None, motivo=Motivo.DECIDIDO_ANTES, decidido_em=anterior[0])
        else:
            novo = replace(atual, destino=destino, turma=turma, motivo=Motivo.ESCOLHA, decidido_em=None)
        self.alunos[index] = novo
        return novo

    def mudar_turma(self, chave: int, nome: str | None = None, turno: str | None = None) -> TurmaPlanejada:
        """Change the name or the turno of a turma the plan creates (one that exists is changed
        in the Turmas page). Returns the new turma.

        Raises:
            ValidationError: not a turma of the plan, one that exists already, a blank or
                too long name, one another turma of the plan or of the year has, or a turno
                not in the list.
        """
        if not (isinstance(chave, int) and 0 <= chave < len(self.turmas)):
            raise ValidationError("turma", TURMA_FORA_DO_PLANO.format(ano=self.ano_destino))
        atual = self.turmas[chave]
        if not atual.nova:
            raise ValidationError("turma", TURMA_EXISTENTE.format(turma=atual.nome, ano=self.ano_destino))
        nome = atual.nome if nome is None else " ".join(nome.split())
        turno = atual.turno if turno is None else turno.strip().lower()
        if not nome:
            raise ValidationError("nome", TURMA_NOME_OBRIGATORIO)
        if len(nome) > 50:
            raise ValidationError("nome", TURMA_NOME_LONGO)
        if any(t.chave != chave and normalize_text(t.nome) == normalize_text(nome) for t in self.turmas):
            raise ValidationError("nome", TURMA_NOME_EM_USO)
        if turno not in TURNOS:
            raise ValidationError("turno", TURNO_INVALIDO)
        novo = replace(atual, nome=nome, turno=turno)
        self.turmas[chave] = novo
        return novo

    def alunos_da_turma(self, chave: int) -> list[AlunoPlanejado]:
        """The alunos the plan sends to the turma ``chave``."""
        return [a for a in self.alunos if a.destino is Destino.TURMA and a.turma == chave]

    def contagem(self) -> dict[Destino, int]:
        """How many alunos go each way."""
        counts = dict.fromkeys(Destino, 0)
        for a in self.alunos:
            counts[a.destino] += 1
        return counts

    def por_turma(self) -> dict[int, int]:
        """How many alunos the plan sends to each turma (by chave; every turma listed)."""
        counts = dict.fromkeys(range(len(self.turmas)), 0)
        for a in self.alunos:
            if a.destino is Destino.TURMA and a.turma is not None:
                counts[a.turma] += 1
        return counts

    @property
    def turmas_novas(self) -> list[TurmaPlanejada]:
        """The turmas applying creates: those proposed that some aluno goes to."""
        usadas = {a.turma for a in self.alunos if a.destino is Destino.TURMA}
        return [t for t in self.turmas if t.nova and t.chave in usadas]

    @property
    def vazio(self) -> bool:
        """Whether applying would write nothing (no turma, no aluno, no decision to record)."""
        return not any(a.novo for a in self.alunos)


@dataclass(frozen=True)
class ResultadoRematricula:
    """What :meth:`RematriculaService.aplicar` wrote (``rematricula_id`` None: nothing)."""

    rematricula_id: int | None
    ano_letivo_criado: bool
    turmas_criadas: int
    rematriculados: int
    concluidos: int
    nao_rematriculados: int
    ja_no_destino: int


@dataclass(frozen=True)
class RematriculaRow:
    """A rematrícula run, as listed."""

    id: int
    ano_origem: int
    ano_destino: int
    feita_em: datetime
    usuario: str
    desfeita_em: datetime | None
    ano_letivo_criado: bool
    turmas_criadas: int
    rematriculados: int
    concluidos: int
    nao_rematriculados: int


def _mais_anos(dia: date | None, anos: int) -> date | None:
    """The same day ``anos`` later (29 February becomes the 28th)."""
    if dia is None:
        return None
    try:
        return dia.replace(year=dia.year + anos)
    except ValueError:
        return dia.replace(year=dia.year + anos, day=28)


def _nome_seguinte(nome: str, serie: str, etapa: str | None, proxima: str) -> str:
    """The turma's name with its série moved on: "5º ano A" → "6º ano A"; a name that does
    not start with its série or etapa is kept ("Turma Azul")."""
    dobrado = nome.casefold()
    for prefixo in (serie, etapa):
        if prefixo and dobrado.startswith(prefixo.casefold()):
            return (proxima + nome[len(prefixo) :])[:50]
    return nome


@dataclass
class _Origem:
    enturmacao_id: int
    aluno_id: int
    nome: str
    ra: str
    turma_id: int
    turma_nome: str
    turma_serie: str
    turno: str
    etapa_id: int | None
    data_entrada: date
    data_saida: date | None
    situacao_final: str | None


class RematriculaService:
    """Plans, applies, lists and undoes rematrículas (see the module's docstring)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # --- planning ---------------------------------------------------------------------

    @staticmethod
    def _ano(session: Session, ano: int) -> AnoLetivo | None:
        return session.scalar(select(AnoLetivo).where(AnoLetivo.ano == ano))

    def _check_anos(self, session: Session, de: int, para: int) -> tuple[AnoLetivo, AnoLetivo | None]:
        origem = self._ano(session, de)
        if origem is None:
            raise ValidationError("ano_origem", ANO_NAO_ENCONTRADO.format(ano=de))
        if not isinstance(para, int) or para <= de:
            raise ValidationError("ano_destino", DESTINO_ANTERIOR.format(de=de, para=para))
        if not origem.encerrado:
            raise ValidationError("ano_origem", ORIGEM_ABERTA.format(ano=de))
        destino = self._ano(session, para)
        if destino is not None and destino.encerrado:
            raise ValidationError("ano_destino", DESTINO_ENCERRADO.format(ano=para))
        return origem, destino

    def planejar(self, de: int, para: int) -> Plano:
        """The preview of rolling the closed year ``de`` into ``para``; writes nothing.

        Raises:
            ValidationError: ``de`` does not exist or is not closed (the reason says how to
                close it), ``para`` does not come after it, or ``para`` is closed.
        """
        with Session(self._engine) as session:
            origem, destino = self._check_anos(session, de, para)
            return self._planejar(session, origem, destino, para)

    def _planejar(self, session: Session, origem: AnoLetivo, destino: AnoLetivo | None, para: int) -> Plano:
        etapas = {
            i: (nome, proxima, concluinte, ordem)
            for i, nome, proxima, concluinte, ordem in session.execute(
                select(Etapa.id, Etapa.nome, Etapa.proxima_etapa_id, Etapa.concluinte, Etapa.ordem)
            )
        }

        def ordem(etapa_id: int | None) -> int:
            return etapas[etapa_id][3] if etapa_id in etapas else 10**6

        # The closed year: each aluno's current enturmação (the open one, else the last).
        atuais: dict[int, _Origem] = {}
        rows = session.execute(
            select(
                Enturmacao.id,
                Enturmacao.aluno_id,
                Aluno.nome,
                Aluno.ra,
                Turma.id,
                Turma.nome,
                Turma.serie,
                Turma.turno,
                Turma.etapa_id,
                Enturmacao.data_entrada,
                Enturmacao.data_saida,
                Enturmacao.situacao_final,
            )
            .join(Aluno, Enturmacao.aluno_id == Aluno.id)
            .join(Turma, Enturmacao.turma_id == Turma.id)
            .where(Turma.ano_letivo_id == origem.id)
        )
        for row in rows:
            o = _Origem(*row)
            atual = atuais.get(o.aluno_id)
            if atual is None or self._mais_recente(o, atual):
                atuais[o.aluno_id] = o
        sem_final = [o.enturmacao_id for o in atuais.values() if o.situacao_final is None]
        calculadas: dict[int, av.Situacao] = {}
        for start in range(0, len(sem_final), 500):  # (a year closed before revision 0015)
            calculadas.update(
                (b.enturmacao_id, b.situacao) for b in diario.boletins(session, sem_final[start : start + 500])
            )

        # The destination year: its turmas and who is in them already.
        existentes: list[tuple[int, str, str, int | None, str | None, int | None]] = []
        no_destino: dict[int, str] = {}
        if destino is not None:
            existentes = list(
                session.execute(
                    select(Turma.id, Turma.nome, Turma.turno, Turma.etapa_id, Turma.sala, Turma.vagas).where(
                        Turma.ano_letivo_id == destino.id
                    )
                )
            )
            for aluno_id, turma_nome in session.execute(
                select(Enturmacao.aluno_id, Turma.nome)
                .join(Turma, Enturmacao.turma_id == Turma.id)
                .where(Turma.ano_letivo_id == destino.id)
                .order_by(Enturmacao.data_saida.is_not(None), Enturmacao.id)
            ):
                no_destino.setdefault(aluno_id, turma_nome)
        # Decisions of earlier runs from this year into that one (not undone).
        decididos: dict[int, tuple[int, str]] = {}
        for run_id, aluno_id, dest in session.execute(
            select(Rematricula.id, RematriculaAluno.aluno_id, RematriculaAluno.destino)
            .join(RematriculaAluno, RematriculaAluno.rematricula_id == Rematricula.id)
            .where(
                Rematricula.ano_origem == origem.ano,
                Rematricula.ano_destino == para,
                Rematricula.desfeita_em.is_(None),
                RematriculaAluno.destino.in_((Destino.CONCLUIDO.value, Destino.NAO_REMATRICULADO.value)),
            )
            .order_by(Rematricula.id)
        ):
            decididos[aluno_id] = (run_id, dest)

        # The turmas: those of the destination year, then those proposed.
        turmas: list[TurmaPlanejada] = []
        por_nome: dict[str, int] = {}  # folded name → chave
        for turma_id, nome, turno, etapa_id, sala, vagas in sorted(
            existentes, key=lambda t: (ordem(t[3]), normalize_text(t[1]))
        ):
            chave = len(turmas)
            etapa_nome = etapas[etapa_id][0] if etapa_id in etapas else None
            turmas.append(TurmaPlanejada(chave, nome, turno, etapa_id, etapa_nome, turma_id, None, sala, vagas))
            por_nome[normalize_text(nome)] = chave
        origem_turmas = {}
        for o in atuais.values():
            origem_turmas.setdefault(o.turma_id, o)
        # Every turma of the closed year, even one whose alunos all left, gives its proposal.
        for turma_id, nome, serie, turno, etapa_id in session.execute(
            select(Turma.id, Turma.nome, Turma.serie, Turma.turno, Turma.etapa_id).where(
                Turma.ano_letivo_id == origem.id
            )
        ):
            origem_turmas.setdefault(
                turma_id, _Origem(0, 0, "", "", turma_id, nome, serie, turno, etapa_id, date.min, None, None)
            )
        modelos: dict[tuple[int, str], int] = {}  # (etapa, folded name) → a turma of the closed year
        modelo_da_etapa: dict[int, int] = {}
        for t in sorted(origem_turmas.values(), key=lambda t: (normalize_text(t.turma_nome), t.turma_id)):
            if t.etapa_id is not None:
                modelos.setdefault((t.etapa_id, normalize_text(t.turma_nome)), t.turma_id)
                modelo_da_etapa.setdefault(t.etapa_id, t.turma_id)
        sala_vagas = {
            i: (sala, vagas)
            for i, sala, vagas in session.execute(
                select(Turma.id, Turma.sala, Turma.vagas).where(Turma.ano_letivo_id == origem.id)
            )
        }

        def propor(nome: str, turno: str, etapa_id: int, fonte: int) -> int:
            """The chave of the turma of that name and etapa: reused, else proposed, with the
            disciplinas, sala and vagas of last year's turma of that etapa and name, else of
            one of that etapa, else of ``fonte`` (the turma it is proposed from)."""
            chave = por_nome.get(normalize_text(nome))
            if chave is not None and turmas[chave].etapa_id == etapa_id:
                return chave
            if chave is not None:  # the name is taken by a turma of another etapa
                nome = f"{nome} ({etapas[etapa_id][0]})"[:50]
                chave = por_nome.get(normalize_text(nome))
                if chave is not None:
                    return chave
            modelo = modelos.get((etapa_id, normalize_text(nome))) or modelo_da_etapa.get(etapa_id) or fonte
            sala, vagas = sala_vagas.get(modelo, (None, None)) if modelo is not None else (None, None)
            chave = len(turmas)
            turmas.append(TurmaPlanejada(chave, nome, turno, etapa_id, etapas[etapa_id][0], None, modelo, sala, vagas))
            por_nome[normalize_text(nome)] = chave
            return chave

        seguinte: dict[int, int] = {}  # turma of the closed year → the chave of its next-etapa turma
        for t in sorted(origem_turmas.values(), key=lambda t: (ordem(t.etapa_id), normalize_text(t.turma_nome))):
            if t.etapa_id not in etapas:
                continue
            etapa_nome, proxima, concluinte, _ordem = etapas[t.etapa_id]
            if concluinte or proxima is None:
                continue
            nome = _nome_seguinte(t.turma_nome, t.turma_serie, etapa_nome, etapas[proxima][0])
            seguinte[t.turma_id] = propor(nome, t.turno, proxima, t.turma_id)

        def mesma_etapa(o: _Origem) -> int:
            """The destination turma of a retido: of their etapa, by their turma's name, turno."""
            candidatas = [t for t in turmas if t.etapa_id == o.etapa_id]
            for t in candidatas:
                if normalize_text(t.nome) == normalize_text(o.turma_nome):
                    return t.chave
            for t in candidatas:
                if t.turno == o.turno:
                    return t.chave
            if candidatas:
                return candidatas[0].chave
            return propor(o.turma_nome, o.turno, o.etapa_id, o.turma_id)  # type: ignore[arg-type]

        alunos: list[AlunoPlanejado] = []
        for o in atuais.values():
            situacao = av.Situacao(o.situacao_final) if o.situacao_final else calculadas[o.enturmacao_id]
            etapa = etapas.get(o.etapa_id) if o.etapa_id is not None else None
            concluinte = situacao in av.SITUACOES_DE_APROVACAO and etapa is not None and etapa[2]
            linha = AlunoPlanejado(
                aluno_id=o.aluno_id,
                nome=o.nome,
                ra=o.ra,
                enturmacao_id=o.enturmacao_id,
                turma_origem=o.turma_nome,
                etapa_origem=etapa[0] if etapa else None,
                situacao=situacao,
                destino=Destino.NAO_REMATRICULADO,
                turma=None,
                motivo=Motivo.SEM_RESULTADO,
                concluinte=bool(concluinte),
            )
            if o.aluno_id in no_destino:
                linha = replace(
                    linha,
                    destino=Destino.JA_NO_DESTINO,
                    motivo=Motivo.JA_NO_DESTINO,
                    turma_no_destino=no_destino[o.aluno_id],
                )
            elif o.aluno_id in decididos:
                run_id, dest = decididos[o.aluno_id]
                linha = replace(linha, destino=Destino(dest), motivo=Motivo.DECIDIDO_ANTES, decidido_em=run_id)
            elif situacao in _SAIDAS:
                linha = replace(linha, motivo=Motivo.SAIU)
            elif concluinte:
                linha = replace(linha, destino=Destino.CONCLUIDO, motivo=Motivo.CONCLUINTE)
            elif situacao in av.SITUACOES_DE_APROVACAO:
                if o.turma_id in seguinte:
                    linha = replace(linha, destino=Destino.TURMA, turma=seguinte[o.turma_id], motivo=Motivo.PROMOVIDO)
                else:
                    linha = replace(linha, motivo=Motivo.SEM_ETAPA)
            elif situacao in av.SITUACOES_DE_RETENCAO:
                if o.etapa_id in etapas:
                    linha = replace(linha, destino=Destino.TURMA, turma=mesma_etapa(o), motivo=Motivo.RETIDO)
                else:
                    linha = replace(linha, motivo=Motivo.SEM_ETAPA)
            alunos.append(linha)

        # Display order: turmas by etapa and name (chaves renumbered), alunos by turma, then name.
        ordenadas = sorted(turmas, key=lambda t: (ordem(t.etapa_id), normalize_text(t.nome), t.turma_id is None))
        nova_chave = {t.chave: i for i, t in enumerate(ordenadas)}
        turmas = [replace(t, chave=i) for i, t in enumerate(ordenadas)]
        alunos = [replace(a, turma=nova_chave[a.turma]) if a.turma is not None else a for a in alunos]
        posicao = {
            Destino.TURMA: 0,
            Destino.JA_NO_DESTINO: 1,
            Destino.CONCLUIDO: 2,
            Destino.NAO_REMATRICULADO: 3,
        }
        alunos.sort(key=lambda a: (posicao[a.destino], a.turma or 0, normalize_text(a.nome), a.aluno_id))
        return Plano(origem.ano, para, destino is not None, turmas, alunos)

    @staticmethod
    def _mais_recente(a: _Origem, b: _Origem) -> bool:
        """Whether enturmação ``a`` is the aluno's current one rather than ``b``: the open one,
        else the one that started last."""
        return (a.data_saida is None, a.data_entrada, a.enturmacao_id) > (
            b.data_saida is None,
            b.data_entrada,
            b.enturmacao_id,
        )

    # --- applying ---------------------------------------------------------------------

    def aplicar(self, plano: Plano) -> ResultadoRematricula:
        """Write the plan in one transaction (see the module's docstring); returns what was
        written. A plan that writes nothing (:attr:`Plano.vazio`) records no run.

        Raises:
            ValidationError: the years changed since the plan (the origin reopened, the
                destination closed), an aluno planned into a turma is in the destination year
                by now, a turma of the plan is gone, or an existing turma would exceed its
                vagas. Nothing is written.
        """
        with Session(self._engine) as session, session.begin():
            origem, destino = self._check_anos(session, plano.ano_origem, plano.ano_destino)
            return self._aplicar(session, plano, origem, destino)

    def _aplicar(
        self, session: Session, plano: Plano, origem: AnoLetivo, destino: AnoLetivo | None
    ) -> ResultadoRematricula:
        contagem = plano.contagem()
        if plano.vazio:
            return ResultadoRematricula(
                None,
                False,
                0,
                0,
                contagem[Destino.CONCLUIDO],
                contagem[Destino.NAO_REMATRICULADO],
                contagem[Destino.JA_NO_DESTINO],
            )
        criado = destino is None
        if destino is None:
            destino = self._criar_ano(session, origem, plano.ano_destino)
        elif not plano.ano_destino_existe:
            raise ValidationError(
                "ano_destino", PLANO_DESATUALIZADO.format(motivo=f"ano letivo {plano.ano_destino} criado")
            )
        vao = [a for a in plano.alunos if a.destino is Destino.TURMA]
        # The plan may be stale: nobody planned into a turma is in the destination year by now.
        if vao:
            ja = session.execute(
                select(Aluno.nome)
                .join(Enturmacao, Enturmacao.aluno_id == Aluno.id)
                .join(Turma, Enturmacao.turma_id == Turma.id)
                .where(Turma.ano_letivo_id == destino.id, Enturmacao.aluno_id.in_([a.aluno_id for a in vao]))
                .limit(1)
            ).scalar()
            if ja is not None:
                raise ValidationError(
                    "alunos", PLANO_DESATUALIZADO.format(motivo=f"{ja} já está em uma turma de {plano.ano_destino}")
                )
        # The turmas: existing ones checked, new ones created with their modelo's disciplinas.
        existentes: dict[int, int | None] = {}
        nomes: set[str] = set()
        for turma_id, nome, vagas in session.execute(
            select(Turma.id, Turma.nome, Turma.vagas).where(Turma.ano_letivo_id == destino.id)
        ):
            existentes[turma_id] = vagas
            nomes.add(normalize_text(nome))
        quantos = plano.por_turma()
        ids: dict[int, int] = {}
        criadas: list[int] = []
        for t in plano.turmas:
            if not quantos.get(t.chave):
                continue
            if t.turma_id is not None:
                if t.turma_id not in existentes:
                    raise ValidationError(
                        "turma", PLANO_DESATUALIZADO.format(motivo=f"a turma {t.nome} não existe mais")
                    )
                vagas = existentes[t.turma_id]
                if vagas is not None:
                    atuais = (
                        session.scalar(
                            select(func.count(Enturmacao.id)).where(
                                Enturmacao.turma_id == t.turma_id, Enturmacao.data_saida.is_(None)
                            )
                        )
                        or 0
                    )
                    if atuais + quantos[t.chave] > vagas:
                        raise ValidationError(
                            "turma",
                            SEM_VAGAS.format(
                                turma=t.nome, ano=plano.ano_destino, vagas=vagas, total=atuais + quantos[t.chave]
                            ),
                        )
                ids[t.chave] = t.turma_id
                continue
            if normalize_text(t.nome) in nomes:
                raise ValidationError(
                    "turma", PLANO_DESATUALIZADO.format(motivo=f"a turma {t.nome} já existe em {plano.ano_destino}")
                )
            nomes.add(normalize_text(t.nome))
            turma = Turma(
                ano_letivo_id=destino.id,
                nome=t.nome,
                serie=t.etapa or t.nome,
                turno=t.turno,
                sala=t.sala,
                # (a new turma holds at least those the plan sends to it)
                vagas=None if t.vagas is None else max(t.vagas, quantos[t.chave]),
                etapa_id=t.etapa_id,
            )
            session.add(turma)
            session.flush()
            if t.modelo_id is not None:
                session.execute(
                    insert(TurmaDisciplina).from_select(
                        ["turma_id", "disciplina_id", "carga_horaria"],
                        select(literal(turma.id), TurmaDisciplina.disciplina_id, TurmaDisciplina.carga_horaria)
                        .where(TurmaDisciplina.turma_id == t.modelo_id)
                        .order_by(TurmaDisciplina.id),
                    )
                )
            ids[t.chave] = turma.id
            criadas.append(turma.id)
        # The enturmações, on the destination year's first day, audited as the app's own.
        entrada = periodo_do_ano(destino).inicio
        novas: dict[int, int] = {}
        if vao:
            rows = [
                {"aluno_id": a.aluno_id, "turma_id": ids[a.turma], "data_entrada": entrada}  # type: ignore[index]
                for a in vao
            ]
            returned = (
                session.execute(insert(Enturmacao).returning(Enturmacao.id, sort_by_parameter_order=True), rows)
                .scalars()
                .all()
            )
            for a, enturmacao_id, row in zip(vao, returned, rows, strict=True):
                novas[a.aluno_id] = enturmacao_id
                row["id"] = enturmacao_id
            auditoria.registrar(session, [auditoria.inclusao(Enturmacao, row) for row in rows])
        # The run, and what it did with each aluno.
        run = Rematricula(
            ano_origem=plano.ano_origem,
            ano_destino=plano.ano_destino,
            ano_letivo_criado=criado,
            feita_em=datetime.now().replace(microsecond=0),
            usuario=auditoria.usuario_atual(),
        )
        session.add(run)
        session.flush()
        if criadas:
            session.execute(insert(RematriculaTurma), [{"rematricula_id": run.id, "turma_id": i} for i in criadas])
        session.execute(
            insert(RematriculaAluno),
            [
                {
                    "rematricula_id": run.id,
                    "aluno_id": a.aluno_id,
                    "enturmacao_origem_id": a.enturmacao_id,
                    "situacao": a.situacao.value,
                    "destino": a.destino.value,
                    "enturmacao_id": novas.get(a.aluno_id),
                }
                for a in plano.alunos
                if a.novo
            ],
        )
        return ResultadoRematricula(
            run.id,
            criado,
            len(criadas),
            len(vao),
            contagem[Destino.CONCLUIDO],
            contagem[Destino.NAO_REMATRICULADO],
            contagem[Destino.JA_NO_DESTINO],
        )

    @staticmethod
    def _criar_ano(session: Session, origem: AnoLetivo, ano: int) -> AnoLetivo:
        """The destination ano letivo: the closed year's rule, school day and períodos, its
        dates moved on by the years between (the dias não letivos are typed anew)."""
        anos = ano - origem.ano
        novo = AnoLetivo(
            ano=ano,
            tipo_periodo=origem.tipo_periodo,
            formula_media=origem.formula_media,
            media_aprovacao=origem.media_aprovacao,
            frequencia_minima=origem.frequencia_minima,
            recuperacao=origem.recuperacao,
            encerrado=False,
            data_inicio=_mais_anos(origem.data_inicio, anos),
            data_fim=_mais_anos(origem.data_fim, anos),
            minutos_por_dia=origem.minutos_por_dia,
        )
        novo.periodos = [
            Periodo(
                numero=p.numero,
                peso=p.peso,
                data_inicio=_mais_anos(p.data_inicio, anos),
                data_fim=_mais_anos(p.data_fim, anos),
            )
            for p in sorted(origem.periodos, key=lambda p: p.numero)
        ]
        session.add(novo)
        session.flush()
        return novo

    # --- listing and undoing ------------------------------------------------------------

    def list(self, ano_destino: int | None = None) -> list[RematriculaRow]:
        """The runs, newest first (those of ``ano_destino`` only, when given)."""
        itens = select(
            RematriculaAluno.rematricula_id,
            RematriculaAluno.destino,
            func.count(RematriculaAluno.id),
        ).group_by(RematriculaAluno.rematricula_id, RematriculaAluno.destino)
        query = select(Rematricula).order_by(Rematricula.id.desc())
        if ano_destino is not None:
            query = query.where(Rematricula.ano_destino == ano_destino)
        with Session(self._engine) as session:
            counts: dict[int, dict[str, int]] = defaultdict(dict)
            for run_id, dest, n in session.execute(itens):
                counts[run_id][dest] = n
            turmas = dict(
                session.execute(
                    select(RematriculaTurma.rematricula_id, func.count(RematriculaTurma.id)).group_by(
                        RematriculaTurma.rematricula_id
                    )
                ).all()
            )
            return [
                RematriculaRow(
                    r.id,
                    r.ano_origem,
                    r.ano_destino,
                    r.feita_em,
                    r.usuario,
                    r.desfeita_em,
                    r.ano_letivo_criado,
                    turmas.get(r.id, 0),
                    counts[r.id].get(Destino.TURMA.value, 0),
                    counts[r.id].get(Destino.CONCLUIDO.value, 0),
                    counts[r.id].get(Destino.NAO_REMATRICULADO.value, 0),
                )
                for r in session.scalars(query)
            ]

    def concluidos(self, ano: int) -> list[int]:
        """The alunos marked concluído by the rematrícula (not undone) out of the year ``ano``."""
        with Session(self._engine) as session:
            return list(
                session.scalars(
                    select(RematriculaAluno.aluno_id)
                    .join(Rematricula, RematriculaAluno.rematricula_id == Rematricula.id)
                    .where(
                        Rematricula.ano_origem == ano,
                        Rematricula.desfeita_em.is_(None),
                        RematriculaAluno.destino == Destino.CONCLUIDO.value,
                    )
                    .order_by(RematriculaAluno.aluno_id)
                )
            )

    def desfazer(self, rematricula_id: int) -> None:
        """Undo a run as one step: its enturmações (audited), its turmas and the ano letivo it
        created go; the run stays listed as undone, its concluído marks no longer count.

        Raises:
            ValidationError: no such run, already undone, a later run into the same year is
                not undone, the destination year is closed, notas, frequência or a change of
                situação were typed since for an aluno it enturmou (named), or a turma it
                created received other alunos. Nothing changes.
        """
        with Session(self._engine) as session, session.begin():
            run = session.get(Rematricula, rematricula_id)
            if run is None:
                raise ValidationError("rematricula", REMATRICULA_NAO_ENCONTRADA.format(id=rematricula_id))
            if run.desfeita_em is not None:
                raise ValidationError("rematricula", JA_DESFEITA.format(id=run.id))
            posterior = session.scalar(
                select(func.max(Rematricula.id)).where(
                    Rematricula.ano_destino == run.ano_destino,
                    Rematricula.desfeita_em.is_(None),
                    Rematricula.id > run.id,
                )
            )
            if posterior is not None:
                raise ValidationError("rematricula", DESFAZER_A_MAIS_RECENTE.format(ano=run.ano_destino, id=posterior))
            destino = self._ano(session, run.ano_destino)
            if destino is not None and destino.encerrado:
                raise ValidationError("rematricula", DESFAZER_ANO_ENCERRADO.format(id=run.id, ano=run.ano_destino))
            criadas = [
                e
                for e in session.scalars(
                    select(RematriculaAluno.enturmacao_id).where(
                        RematriculaAluno.rematricula_id == run.id, RematriculaAluno.enturmacao_id.is_not(None)
                    )
                )
            ]
            self._check_intocadas(session, run, criadas)
            turmas = [
                t
                for t in session.scalars(
                    select(RematriculaTurma.turma_id).where(
                        RematriculaTurma.rematricula_id == run.id, RematriculaTurma.turma_id.is_not(None)
                    )
                )
            ]
            outra = session.execute(
                select(Turma.nome)
                .join(Enturmacao, Enturmacao.turma_id == Turma.id)
                .where(Turma.id.in_(turmas), Enturmacao.id.not_in(criadas))
                .limit(1)
            ).scalar()
            if outra is not None:
                raise ValidationError("rematricula", DESFAZER_TURMA_USADA.format(id=run.id, turma=outra))
            # Gone, audited as the app's deletions (the aluno's Alterações show it).
            table = Enturmacao.__table__
            for chunk in _chunks(criadas):
                rows = [dict(r) for r in session.execute(select(table).where(table.c.id.in_(chunk))).mappings()]
                auditoria.registrar(session, [auditoria.exclusao(Enturmacao, row) for row in rows])
                session.execute(delete(Enturmacao).where(Enturmacao.id.in_(chunk)))
            if turmas:
                session.execute(delete(Turma).where(Turma.id.in_(turmas)))
            if run.ano_letivo_criado and destino is not None:
                resta = session.scalar(select(func.count(Turma.id)).where(Turma.ano_letivo_id == destino.id))
                if not resta:
                    session.delete(destino)
            run.desfeita_em = datetime.now().replace(microsecond=0)

    @staticmethod
    def _check_intocadas(session: Session, run: Rematricula, criadas: list[int]) -> None:
        """Refuse when anything was typed since into an enturmação the run created."""
        if not criadas:
            return
        tocadas: set[int] = set()
        for chunk in _chunks(criadas):
            for model in (Nota, Frequencia, RecuperacaoFinal, HistoricoSituacao):
                tocadas |= set(session.scalars(select(model.enturmacao_id).where(model.enturmacao_id.in_(chunk))))  # type: ignore[attr-defined]
            tocadas |= set(
                session.scalars(
                    select(Enturmacao.id).where(
                        Enturmacao.id.in_(chunk),
                        Enturmacao.data_saida.is_not(None) | Enturmacao.situacao_manual.is_not(None),
                    )
                )
            )
        if tocadas:
            nomes = sorted(
                session.scalars(
                    select(Aluno.nome)
                    .join(Enturmacao, Enturmacao.aluno_id == Aluno.id)
                    .where(Enturmacao.id.in_(sorted(tocadas)[:500]))
                ),
                key=normalize_text,
            )
            texto = ", ".join(nomes[:5]) + (", ..." if len(nomes) > 5 else "")
            raise ValidationError(
                "rematricula",
                DESFAZER_COM_LANCAMENTOS.format(id=run.id, ano=run.ano_destino, n=len(tocadas), nomes=texto),
            )


def _chunks(values: list[int], size: int = 500) -> Iterable[list[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
