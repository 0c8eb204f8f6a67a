"""The catalogue of evaluation rules (revision 0017) and the rule that grades each turma.

A turma is graded by its own rule (``turmas.regra_avaliacao_id``), else by its etapa's
(``etapas.regra_avaliacao_id``), else by its ano letivo's, as every turma was before the rules
per etapa (:func:`~escola_gui.core.escola.regra_do_ano`): so a file upgraded to 0017 keeps
exactly its results. :func:`regra_da_turma` is that resolution, the one place the diário, the
boletins, the ata and the closing of the year get a turma's rule from.

A stored rule says everything of :class:`~escola_gui.core.avaliacao.RegraAvaliacao` except
the períodos, the formula of the média and its pesos: those are the ano letivo's, its calendar.

The secretary keeps the catalogue in Configurações → Regras de avaliação
(:class:`RegraAvaliacaoService`). A rule in use by an etapa or a turma cannot be deleted (the
message names who uses it). A change that would read what is typed differently (notas,
conceitos or pareceres; the 0–10 or 0–100 scale) is refused while a turma it grades has notas
typed, and no change reaches a turma of a closed ano letivo.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session

from escola_gui.core import avaliacao as av
from escola_gui.core import validation as v
from escola_gui.core.common import first_error, get_record
from escola_gui.core.errors import QT_TRANSLATE_NOOP, ValidationError
from escola_gui.core.escola import regra_do_ano
from escola_gui.core.models import (
    RECUPERACOES_DA_REGRA,
    TIPOS_AVALIACAO,
    AnoLetivo,
    Enturmacao,
    Etapa,
    Nota,
    RecuperacaoFinal,
    RegraDeAvaliacao,
    Turma,
)

REGRA_NOME_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Informe o nome da regra de avaliação.")
REGRA_NOME_LONGO = QT_TRANSLATE_NOOP("validation", "O nome da regra deve ter no máximo 100 caracteres.")
REGRA_NOME_EM_USO = QT_TRANSLATE_NOOP("validation", "Já existe uma regra de avaliação com este nome.")
TIPO_AVALIACAO_INVALIDO = QT_TRANSLATE_NOOP("validation", "Escolha notas, conceitos ou parecer descritivo.")
RECUPERACAO_DA_REGRA_INVALIDA = QT_TRANSLATE_NOOP("validation", "Escolha a regra de recuperação na lista.")
ARREDONDAMENTO_INVALIDO = QT_TRANSLATE_NOOP(
    "validation", "Arredonde para um valor que divida a escala, como 0,5 ou 1 (ou deixe vazio)."
)
REGRA_INEXISTENTE = QT_TRANSLATE_NOOP("validation", "Esta regra de avaliação não existe mais; escolha outra na lista.")
REGRA_EM_USO = QT_TRANSLATE_NOOP(
    "validation",
    "Esta regra de avaliação não pode ser excluída: é usada por {quem}. Escolha outra regra para elas antes "
    "(Configurações → Etapas, ou o cadastro da turma).",
)
REGRA_MUDA_LANCAMENTOS = QT_TRANSLATE_NOOP(
    "validation",
    "A regra não pode mudar assim: a turma {turma} ({ano}) já tem notas lançadas como {antes}, e a nova regra "
    "lê {depois}. Mantenha o tipo de avaliação e a escala, ou escolha a regra antes de lançar as notas.",
)
REGRA_ANO_ENCERRADO = QT_TRANSLATE_NOOP(
    "validation",
    "A regra não pode mudar: a turma {turma} é do ano letivo {ano}, que está encerrado. Para alterar, reabra-o "
    "em Configurações.",
)
ETAPAS_E_TURMAS = QT_TRANSLATE_NOOP("validation", "{etapas} e {turmas}")
UMA_ETAPA = QT_TRANSLATE_NOOP("validation", "1 etapa ({nomes})")
ETAPAS = QT_TRANSLATE_NOOP("validation", "{n} etapas ({nomes})")
UMA_TURMA = QT_TRANSLATE_NOOP("validation", "1 turma ({nomes})")
TURMAS = QT_TRANSLATE_NOOP("validation", "{n} turmas ({nomes})")
# How a rule reads what is typed, for the message above.
_LEITURAS = {
    ("numerica", 10): QT_TRANSLATE_NOOP("validation", "notas de 0 a 10"),
    ("numerica", 100): QT_TRANSLATE_NOOP("validation", "notas de 0 a 100"),
    ("conceitual", 10): QT_TRANSLATE_NOOP("validation", "conceitos"),
    ("descritiva", 10): QT_TRANSLATE_NOOP("validation", "parecer descritivo"),
}


# --- plain data -------------------------------------------------------------------------


@dataclass(frozen=True)
class RegraAvaliacaoData:
    """A rule as the form sends it. ``arredondamento_passo`` (e.g. ``"0,5"``) or
    ``faixas_arredondamento`` is the rounding table (none when both are empty);
    ``conceitos`` empty means A–E (:data:`~escola_gui.core.avaliacao.CONCEITOS_PADRAO`)."""

    nome: str
    tipo: str = "numerica"
    escala: int = 10
    media_aprovacao: Decimal | str = Decimal("6.0")
    frequencia_minima: int = 75
    recuperacao: str | None = None
    recuperacao_final: bool = False
    arredondamento_passo: Decimal | str | None = None
    faixas_arredondamento: tuple[av.FaixaArredondamento, ...] = ()
    conceitos: tuple[av.Conceito, ...] = ()
    sem_retencao: bool = False
    max_dependencias: int = 0


@dataclass(frozen=True)
class RegraAvaliacaoRow:
    """A rule in the list, with how many etapas and turmas use it."""

    id: int
    nome: str
    tipo: str
    escala: int
    sem_retencao: bool
    etapas: int
    turmas: int


# --- from the file to the rules of avaliacao.py -----------------------------------------


def _passo(value: Decimal | str | None, escala: int) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return av.parse_nota(value, escala)


def tabela_da_regra(
    passo: Decimal | str | None, faixas: Sequence[av.FaixaArredondamento], escala: int
) -> av.TabelaArredondamento | None:
    """The rounding table of a rule: explicit faixas, else multiples of ``passo``, else none."""
    if faixas:
        return av.TabelaArredondamento(tuple(faixas))
    step = _passo(passo, escala)
    return None if step is None else av.TabelaArredondamento.multiplos_de(step, escala)


def _faixas_json(text: str | None) -> tuple[av.FaixaArredondamento, ...]:
    if not text:
        return ()
    return tuple(av.FaixaArredondamento(Decimal(a), Decimal(b), Decimal(c)) for a, b, c in json.loads(text))


def _conceitos_json(text: str | None) -> tuple[av.Conceito, ...]:
    if not text:
        return ()
    return tuple(av.Conceito(c["sigla"], c["descricao"], bool(c["aprova"])) for c in json.loads(text))


def data_da_regra(regra: RegraDeAvaliacao) -> RegraAvaliacaoData:
    return RegraAvaliacaoData(
        nome=regra.nome,
        tipo=regra.tipo,
        escala=regra.escala,
        media_aprovacao=regra.media_aprovacao,
        frequencia_minima=regra.frequencia_minima,
        recuperacao=regra.recuperacao,
        recuperacao_final=bool(regra.recuperacao_final),
        arredondamento_passo=regra.arredondamento_passo,
        faixas_arredondamento=_faixas_json(regra.faixas_arredondamento),
        conceitos=_conceitos_json(regra.conceitos),
        sem_retencao=bool(regra.sem_retencao),
        max_dependencias=regra.max_dependencias,
    )


def aplicar_regra(data: RegraAvaliacaoData, base: av.RegraAvaliacao) -> av.RegraAvaliacao:
    """``base`` (an ano letivo's rule: its períodos, formula and pesos) graded by ``data``.

    Raises:
        ValidationError: the rule is not consistent (its field and the Portuguese reason).
    """
    escala = data.escala
    if isinstance(escala, bool) or escala not in av.ESCALAS:
        raise ValidationError("escala", av.ESCALA_INVALIDA)
    return dataclasses.replace(
        base,
        tipo=av.TipoAvaliacao(data.tipo),
        escala=escala,
        media_aprovacao=data.media_aprovacao,
        frequencia_minima=Decimal(data.frequencia_minima),
        recuperacao=av.RegraRecuperacao(data.recuperacao) if data.recuperacao else None,
        recuperacao_final=data.recuperacao_final,
        tabela_arredondamento=tabela_da_regra(data.arredondamento_passo, data.faixas_arredondamento, escala),
        conceitos=tuple(data.conceitos) or av.CONCEITOS_PADRAO,
        sem_retencao=data.sem_retencao,
        max_dependencias=data.max_dependencias,
    )


def regra_armazenada(turma: Turma) -> RegraDeAvaliacao | None:
    """The stored rule that grades ``turma``: its own, else its etapa's; ``None``: the ano letivo's."""
    if turma.regra_avaliacao_id is not None:
        return turma.regra_avaliacao
    if turma.etapa is not None and turma.etapa.regra_avaliacao_id is not None:
        return turma.etapa.regra_avaliacao
    return None


def regra_da_turma(turma: Turma, cache: dict | None = None) -> av.RegraAvaliacao:
    """THE rule that grades a turma: its own, else its etapa's, else its ano letivo's
    (:func:`~escola_gui.core.escola.regra_do_ano`, as before revision 0017). ``cache`` (a
    dict the caller keeps for one read) spares building the same rule again."""
    stored = regra_armazenada(turma)
    key = (turma.ano_letivo_id, None if stored is None else stored.id)
    if cache is not None and key in cache:
        return cache[key]
    regra = regra_do_ano(turma.ano_letivo)
    if stored is not None:
        regra = aplicar_regra(data_da_regra(stored), regra)
    if cache is not None:
        cache[key] = regra
    return regra


def leitura(tipo: str, escala: int) -> str:
    """How a rule reads what is typed ("notas de 0 a 10", "conceitos"...), untranslated."""
    return _LEITURAS[(tipo, escala if tipo == "numerica" else 10)]


def _leitura(regra: av.RegraAvaliacao) -> tuple[str, int]:
    return (regra.tipo.value, regra.escala if regra.tipo is av.TipoAvaliacao.NUMERICA else 10)


def _tem_notas(session: Session, turma_id: int) -> bool:
    enturmacoes = select(Enturmacao.id).where(Enturmacao.turma_id == turma_id)
    return bool(
        session.scalar(select(Nota.id).where(Nota.enturmacao_id.in_(enturmacoes)).limit(1))
        or session.scalar(select(RecuperacaoFinal.id).where(RecuperacaoFinal.enturmacao_id.in_(enturmacoes)).limit(1))
    )


def check_mudanca_de_regra(session: Session, turmas: Sequence[Turma], antes: dict[int, av.RegraAvaliacao]) -> None:
    """After a change of rule (flushed), refuse it when a turma's rule really changed and the
    turma is in a closed ano letivo, or has notas typed and the new rule reads them otherwise.

    ``antes``: each turma's rule before the change, by turma id.
    """
    for turma in turmas:
        session.refresh(turma)
        depois = regra_da_turma(turma)
        if depois == antes[turma.id]:
            continue
        ano: AnoLetivo = turma.ano_letivo
        if ano.encerrado:
            raise ValidationError("regra_avaliacao_id", REGRA_ANO_ENCERRADO.format(turma=turma.nome, ano=ano.ano))
        if _leitura(depois) != _leitura(antes[turma.id]) and _tem_notas(session, turma.id):
            raise ValidationError(
                "regra_avaliacao_id",
                REGRA_MUDA_LANCAMENTOS.format(
                    turma=turma.nome,
                    ano=ano.ano,
                    antes=leitura(*_leitura(antes[turma.id])),
                    depois=leitura(*_leitura(depois)),
                ),
            )


def turmas_da_etapa(session: Session, etapa_id: int) -> list[Turma]:
    """The turmas an etapa's rule grades: those of the etapa without a rule of their own."""
    return list(session.scalars(select(Turma).where(Turma.etapa_id == etapa_id, Turma.regra_avaliacao_id.is_(None))))


def check_regra_existe(session: Session, regra_id: int | None) -> None:
    if regra_id is not None and (not isinstance(regra_id, int) or session.get(RegraDeAvaliacao, regra_id) is None):
        raise ValidationError("regra_avaliacao_id", REGRA_INEXISTENTE)


# --- the service ------------------------------------------------------------------------


class RegraAvaliacaoService:
    """The catalogue of evaluation rules, and the rule of each etapa."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @staticmethod
    def normalize(data: RegraAvaliacaoData) -> RegraAvaliacaoData:
        return dataclasses.replace(data, nome=v.normalize_nome(data.nome))

    def validate(self, data: RegraAvaliacaoData, regra_id: int | None = None) -> dict[str, str]:
        """The mistakes the secretary can fix, field → message (empty: none)."""
        clean = self.normalize(data)
        errors: dict[str, str] = {}
        if not clean.nome:
            errors["nome"] = REGRA_NOME_OBRIGATORIO
        elif len(clean.nome) > 100:
            errors["nome"] = REGRA_NOME_LONGO
        else:
            with Session(self._engine) as session:
                other = session.scalar(
                    select(RegraDeAvaliacao.id).where(
                        func.escola_normaliza(RegraDeAvaliacao.nome) == func.escola_normaliza(clean.nome)
                    )
                )
                if other is not None and other != regra_id:
                    errors["nome"] = REGRA_NOME_EM_USO
        if clean.tipo not in TIPOS_AVALIACAO:
            errors["tipo"] = TIPO_AVALIACAO_INVALIDO
        if clean.recuperacao is not None and clean.recuperacao not in RECUPERACOES_DA_REGRA:
            errors["recuperacao"] = RECUPERACAO_DA_REGRA_INVALIDA
        if clean.escala not in av.ESCALAS or isinstance(clean.escala, bool):
            errors["escala"] = av.ESCALA_INVALIDA
        else:
            try:
                av.parse_nota(clean.media_aprovacao, clean.escala)
            except ValidationError:
                errors["media_aprovacao"] = (
                    av.MEDIA_APROVACAO_INVALIDA_100 if clean.escala == 100 else av.MEDIA_APROVACAO_INVALIDA
                )
            if not clean.faixas_arredondamento:
                try:
                    tabela_da_regra(clean.arredondamento_passo, (), clean.escala)
                except ValidationError:
                    errors["tabela_arredondamento"] = ARREDONDAMENTO_INVALIDO
        if not errors:
            try:
                aplicar_regra(clean, av.RegraAvaliacao())
            except ValidationError as error:
                errors.setdefault(error.field, error.message)
        return errors

    def list(self) -> list[RegraAvaliacaoRow]:
        etapas = (
            select(func.count(Etapa.id))
            .where(Etapa.regra_avaliacao_id == RegraDeAvaliacao.id)
            .correlate(RegraDeAvaliacao)
            .scalar_subquery()
        )
        turmas = (
            select(func.count(Turma.id))
            .where(Turma.regra_avaliacao_id == RegraDeAvaliacao.id)
            .correlate(RegraDeAvaliacao)
            .scalar_subquery()
        )
        with Session(self._engine) as session:
            rows = session.execute(
                select(
                    RegraDeAvaliacao.id,
                    RegraDeAvaliacao.nome,
                    RegraDeAvaliacao.tipo,
                    RegraDeAvaliacao.escala,
                    RegraDeAvaliacao.sem_retencao,
                    etapas,
                    turmas,
                )
            )
            result = [RegraAvaliacaoRow(i, n, t, e, bool(s), ne, nt) for i, n, t, e, s, ne, nt in rows]
        return sorted(result, key=lambda r: v.normalize_nome(r.nome).casefold())

    def get(self, regra_id: int) -> RegraAvaliacaoData:
        with Session(self._engine) as session:
            return data_da_regra(get_record(session, RegraDeAvaliacao, regra_id))  # type: ignore[arg-type]

    def regra(self, regra_id: int, base: av.RegraAvaliacao | None = None) -> av.RegraAvaliacao:
        """The rule ``regra_id`` over ``base`` (default: 4 bimestres, arithmetic média)."""
        return aplicar_regra(self.get(regra_id), base or av.RegraAvaliacao())

    def create(self, data: RegraAvaliacaoData) -> int:
        first_error(self.validate(data))
        with Session(self._engine) as session, session.begin():
            regra = RegraDeAvaliacao()
            self._write(regra, self.normalize(data))
            session.add(regra)
            session.flush()
            return regra.id

    def update(self, regra_id: int, data: RegraAvaliacaoData) -> None:
        """Saves the rule; refused (nothing saved) when it would change the rule of a turma of
        a closed ano letivo, or read otherwise the notas a turma has typed."""
        first_error(self.validate(data, regra_id))
        with Session(self._engine) as session, session.begin():
            regra: RegraDeAvaliacao = get_record(session, RegraDeAvaliacao, regra_id)  # type: ignore[assignment]
            afetadas = list(
                session.scalars(
                    select(Turma)
                    .outerjoin(Etapa, Turma.etapa_id == Etapa.id)
                    .where(
                        or_(
                            Turma.regra_avaliacao_id == regra_id,
                            (Turma.regra_avaliacao_id.is_(None)) & (Etapa.regra_avaliacao_id == regra_id),
                        )
                    )
                )
            )
            antes = {t.id: regra_da_turma(t) for t in afetadas}
            self._write(regra, self.normalize(data))
            session.flush()
            check_mudanca_de_regra(session, afetadas, antes)

    @staticmethod
    def _write(regra: RegraDeAvaliacao, data: RegraAvaliacaoData) -> None:
        escala = data.escala
        regra.nome = data.nome
        regra.tipo = data.tipo
        regra.escala = escala
        regra.media_aprovacao = av.parse_nota(data.media_aprovacao, escala)
        regra.frequencia_minima = int(data.frequencia_minima)
        regra.recuperacao = data.recuperacao
        regra.recuperacao_final = bool(data.recuperacao_final)
        regra.arredondamento_passo = None if data.faixas_arredondamento else _passo(data.arredondamento_passo, escala)
        regra.faixas_arredondamento = (
            json.dumps([[str(f.minimo), str(f.maximo), str(f.valor)] for f in data.faixas_arredondamento])
            if data.faixas_arredondamento
            else None
        )
        regra.conceitos = (
            json.dumps(
                [{"sigla": c.sigla.strip(), "descricao": c.descricao, "aprova": c.aprova} for c in data.conceitos],
                ensure_ascii=False,
            )
            if data.conceitos
            else None
        )
        regra.sem_retencao = bool(data.sem_retencao)
        regra.max_dependencias = int(data.max_dependencias)

    def delete(self, regra_id: int) -> None:
        """Deletes a rule no etapa nor turma uses; else :class:`ValidationError` naming them."""
        with Session(self._engine) as session, session.begin():
            regra = get_record(session, RegraDeAvaliacao, regra_id)
            etapas = session.scalars(
                select(Etapa.nome).where(Etapa.regra_avaliacao_id == regra_id).order_by(Etapa.ordem)
            ).all()
            turmas = session.execute(
                select(Turma.nome, AnoLetivo.ano)
                .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
                .where(Turma.regra_avaliacao_id == regra_id)
                .order_by(AnoLetivo.ano.desc(), Turma.nome)
            ).all()
            if etapas or turmas:
                raise ValidationError("nome", REGRA_EM_USO.format(quem=_quem(etapas, [f"{n} {a}" for n, a in turmas])))
            session.delete(regra)

    def definir_da_etapa(self, etapa_id: int, regra_id: int | None) -> None:
        """The etapa's rule (``None``: its turmas follow their ano letivo's rule); refused as
        :meth:`update` is."""
        with Session(self._engine) as session, session.begin():
            etapa: Etapa = get_record(session, Etapa, etapa_id)  # type: ignore[assignment]
            check_regra_existe(session, regra_id)
            afetadas = turmas_da_etapa(session, etapa_id)
            antes = {t.id: regra_da_turma(t) for t in afetadas}
            etapa.regra_avaliacao_id = regra_id
            session.flush()
            check_mudanca_de_regra(session, afetadas, antes)

    def da_etapa(self) -> dict[int, int | None]:
        """Each etapa's rule id (``None``: the ano letivo's)."""
        with Session(self._engine) as session:
            return dict(session.execute(select(Etapa.id, Etapa.regra_avaliacao_id)).all())

    def da_turma(self, turma_id: int) -> av.RegraAvaliacao:
        """The rule that grades the turma (:func:`regra_da_turma`)."""
        with Session(self._engine) as session:
            return regra_da_turma(get_record(session, Turma, turma_id))  # type: ignore[arg-type]


def _quem(etapas: Sequence[str], turmas: Sequence[str]) -> str:
    partes = []
    if etapas:
        nomes = ", ".join(etapas)
        partes.append(UMA_ETAPA.format(nomes=nomes) if len(etapas) == 1 else ETAPAS.format(n=len(etapas), nomes=nomes))
    if turmas:
        nomes = ", ".join(turmas)
        partes.append(UMA_TURMA.format(nomes=nomes) if len(turmas) == 1 else TURMAS.format(n=len(turmas), nomes=nomes))
    return partes[0] if len(partes) == 1 else ETAPAS_E_TURMAS.format(etapas=partes[0], turmas=partes[1])
