"""The catalogue of etapas (1º ano, 2ª série do ensino médio, pré-escola...) and the turmas'
place in it.

A turma belongs to an etapa; the etapa says its segmento, its order, its Educacenso code, which
etapa comes next, whether it is the last of its etapa de ensino (``concluinte``: pré-escola ends
Educação Infantil, the 9º ano the Ensino Fundamental, the 3ª série the Ensino Médio) and the age
a child usually has when starting it. Revision 0013 created and seeded the catalogue and mapped
each existing turma's free-text série with :func:`etapa_da_serie`; the turmas it could not read
are listed by :meth:`EtapaService.turmas_sem_etapa`, and the secretary maps each once.

The Educacenso codes are the INEP's "etapa de ensino" codes of the Censo Escolar (the turma's
record 20), as i-Educar seeds them in ``portabilis/i-educar``,
``database/sqls/inserts/public.etapa_educacenso.sql`` (table ``educacenso_etapa_turma``). Each
etapa of the seed has its own code, so the code is also the etapa's stable key in the code
(:data:`CATALOGO`); the id of a seeded etapa is its ``ordem``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, aliased

from escola_gui.core import auditoria
from escola_gui.core.common import get_record
from escola_gui.core.errors import QT_TRANSLATE_NOOP, ValidationError
from escola_gui.core.models import Aluno, AnoLetivo, Etapa, Turma

# The segmentos, as stored in etapas.segmento, and their labels.
SEGMENTOS = {
    "educacao_infantil": QT_TRANSLATE_NOOP("validation", "Educação Infantil"),
    "fundamental_anos_iniciais": QT_TRANSLATE_NOOP("validation", "Ensino Fundamental — anos iniciais"),
    "fundamental_anos_finais": QT_TRANSLATE_NOOP("validation", "Ensino Fundamental — anos finais"),
    "ensino_medio": QT_TRANSLATE_NOOP("validation", "Ensino Médio"),
    "eja": QT_TRANSLATE_NOOP("validation", "Educação de Jovens e Adultos (EJA)"),
}

ETAPA_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Escolha a etapa da turma na lista, como 6º ano.")
ETAPA_INEXISTENTE = QT_TRANSLATE_NOOP("validation", "Esta etapa não existe mais; escolha outra na lista.")


@dataclass(frozen=True)
class EtapaSemente:
    """An etapa of the catalogue as revision 0013 seeds it (id = ordem)."""

    ordem: int
    nome: str
    segmento: str
    codigo_educacenso: int
    proxima: int | None  # the codigo_educacenso of the next etapa
    concluinte: bool
    idade_referencia: int | None  # completed by 31 March of the year it starts (Res. CNE/CEB 2/2018)


# Creche spans ages 0-3 and pré-escola 4-5 (LDB art. 30); EJA has no usual age (its minimum is
# 15 for the fundamental and 18 for the médio, LDB art. 38), so no age check applies to it.
CATALOGO: tuple[EtapaSemente, ...] = (
    EtapaSemente(1, "Creche", "educacao_infantil", 1, 2, False, 0),
    EtapaSemente(2, "Pré-escola", "educacao_infantil", 2, 14, True, 4),
    EtapaSemente(3, "1º ano", "fundamental_anos_iniciais", 14, 15, False, 6),
    EtapaSemente(4, "2º ano", "fundamental_anos_iniciais", 15, 16, False, 7),
    EtapaSemente(5, "3º ano", "fundamental_anos_iniciais", 16, 17, False, 8),
    EtapaSemente(6, "4º ano", "fundamental_anos_iniciais", 17, 18, False, 9),
    EtapaSemente(7, "5º ano", "fundamental_anos_iniciais", 18, 19, False, 10),
    EtapaSemente(8, "6º ano", "fundamental_anos_finais", 19, 20, False, 11),
    EtapaSemente(9, "7º ano", "fundamental_anos_finais", 20, 21, False, 12),
    EtapaSemente(10, "8º ano", "fundamental_anos_finais", 21, 41, False, 13),
    EtapaSemente(11, "9º ano", "fundamental_anos_finais", 41, 25, True, 14),
    EtapaSemente(12, "1ª série do ensino médio", "ensino_medio", 25, 26, False, 15),
    EtapaSemente(13, "2ª série do ensino médio", "ensino_medio", 26, 27, False, 16),
    EtapaSemente(14, "3ª série do ensino médio", "ensino_medio", 27, None, True, 17),
    EtapaSemente(15, "EJA — fundamental, anos iniciais", "eja", 69, 70, False, None),
    EtapaSemente(16, "EJA — fundamental, anos finais", "eja", 70, 71, True, None),
    EtapaSemente(17, "EJA — ensino médio", "eja", 71, None, True, None),
)
POR_CODIGO = {e.codigo_educacenso: e for e in CATALOGO}

# Educacenso codes, for the parser's results.
CRECHE, PRE_ESCOLA = 1, 2
FUNDAMENTAL = {1: 14, 2: 15, 3: 16, 4: 17, 5: 18, 6: 19, 7: 20, 8: 21, 9: 41}
MEDIO = {1: 25, 2: 26, 3: 27}
EJA_FUNDAMENTAL_INICIAIS, EJA_FUNDAMENTAL_FINAIS, EJA_MEDIO = 69, 70, 71


# --- reading a free-text série ----------------------------------------------------------
#
# Revision 0013 keeps a frozen copy of these rules (a shipped revision never changes, and never
# imports the app). A change here applies to what the app reads from now on, never to what that
# revision did.

_ORDINAIS = {
    "primeiro": 1, "primeira": 1, "segundo": 2, "segunda": 2, "terceiro": 3, "terceira": 3,
    "quarto": 4, "quarta": 4, "quinto": 5, "quinta": 5, "sexto": 6, "sexta": 6,
    "setimo": 7, "setima": 7, "oitavo": 8, "oitava": 8, "nono": 9, "nona": 9,
}  # fmt: skip
_ORD = r"(?P<n>[1-9])\s*(?:o|a)?|(?P<palavra>" + "|".join(_ORDINAIS) + ")"
_DO = r"(?:(?:do|de|da)\s+)?"
_EF = _DO + r"(?:ensino\s+fundamental(?:\s+(?:de\s+)?9\s+anos)?|fundamental|ef)"
_ANOS = r"(?:\s+(?:-\s+)?(?P<anos>anos\s+iniciais|anos\s+finais))?"
_EM = _DO + r"(?:ensino\s+medio|medio|em|colegial)"
_EI = r"(?:\s+(?:-\s+)?" + _DO + r"(?:educacao\s+infantil|ei))?"
_ROMANO = r"(?:\s+(?:i{1,3}|[1-3]))?"

_FUNDAMENTAL_RE = re.compile(rf"(?:{_ORD})\s*ano(?:\s+(?:-\s+)?{_EF})?{_ANOS}")
_MEDIO_RE = re.compile(rf"(?:{_ORD})\s*(?:(?:ano|serie)\s+)?(?:-\s+)?{_EM}")
_CRECHE_RE = re.compile(rf"(?:creche|bercario{_ROMANO}|(?:mini\s+)?maternal{_ROMANO}){_EI}")
_PRE_RE = re.compile(rf"pre(?:\s+escola)?(?:\s+(?:i{{1,2}}|[12]))?{_EI}")
_EJA_RE = re.compile(r"eja|educacao\s+de\s+jovens\s+e\s+adultos")
_EJA_INICIAIS_RE = re.compile(
    r"(?:\s+-)?(?:\s+" + _EF + r")?(?:\s+-)?\s+(?:anos\s+iniciais|1o\s+segmento|primeiro\s+segmento)"
)
_EJA_FINAIS_RE = re.compile(
    r"(?:\s+-)?(?:\s+" + _EF + r")?(?:\s+-)?\s+(?:anos\s+finais|2o\s+segmento|segundo\s+segmento)"
)
_EJA_MEDIO_RE = re.compile(r"(?:\s+-)?\s+" + _EM)


def normalizar_serie(texto: str) -> str:
    """The série as the parser reads it: no accents, lower case, º and ª as o and a, dots and
    dashes of "pré-escola" or "1º E.M." as spaces (a dash between words stays as " - ")."""
    texto = texto.replace("º", "o").replace("°", "o").replace("ª", "a")
    texto = unicodedata.normalize("NFKD", texto)
    texto = "".join(c for c in texto if not unicodedata.combining(c)).casefold()
    texto = re.sub(r"(?<=\w)\.(?=\w)", "", texto)  # "e.m." -> "em."
    texto = re.sub(r"(?<=\w)-(?=\w)", " ", texto)  # "pre-escola" -> "pre escola"
    texto = texto.replace(".", " ").replace(",", " ").replace("(", " ").replace(")", " ")
    return " ".join(texto.split())


def _numero(match: re.Match[str]) -> int:
    return int(match["n"]) if match["n"] else _ORDINAIS[match["palavra"]]


def etapa_da_serie(texto: str | None) -> int | None:
    """The Educacenso code of the etapa a free-text série names, or None when it is not
    unambiguous.

    Read: "5º ano", "5o ano", "5 ano", "5º ano do ensino fundamental", "quinto ano",
    "1ª série do ensino médio", "1º ano EM", "2º colegial", "pré-escola", "pré I", "pré II",
    "creche", "berçário", "maternal II", "EJA anos finais", "EJA ensino médio".
    Refused: a "série" without "ensino médio" ("4ª série", "5a série": the 8-year ensino
    fundamental's 4ª série is today's 5º ano, and "1ª série" alone may be the ensino médio),
    ranges ("1º ao 3º ano"), a 4ª série of the ensino médio, anything else.
    """
    if not texto:
        return None
    s = normalizar_serie(texto)
    if match := _FUNDAMENTAL_RE.fullmatch(s):
        n = _numero(match)
        anos = match["anos"]
        if anos and (anos.endswith("iniciais") != (n <= 5)):
            return None  # "6º ano, anos iniciais": contradicts itself
        return FUNDAMENTAL.get(n)
    if match := _MEDIO_RE.fullmatch(s):
        return MEDIO.get(_numero(match))
    if _CRECHE_RE.fullmatch(s):
        return CRECHE
    if _PRE_RE.fullmatch(s):
        return PRE_ESCOLA
    if match := _EJA_RE.match(s):
        resto = s[match.end() :]
        if _EJA_INICIAIS_RE.fullmatch(resto):
            return EJA_FUNDAMENTAL_INICIAIS
        if _EJA_FINAIS_RE.fullmatch(resto):
            return EJA_FUNDAMENTAL_FINAIS
        if _EJA_MEDIO_RE.fullmatch(resto):
            return EJA_MEDIO
    return None


# --- the service ------------------------------------------------------------------------


def _texto(value: object) -> str:
    """A série as text, even one another tool stored as bytes or a number."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return "" if value is None else str(value)


@dataclass(frozen=True)
class EtapaRow:
    id: int
    nome: str
    segmento: str
    ordem: int
    codigo_educacenso: int | None
    proxima_etapa_id: int | None
    proxima_etapa_nome: str | None
    concluinte: bool
    idade_referencia: int | None


@dataclass(frozen=True)
class TurmaSemEtapaRow:
    """A turma whose série revision 0013 could not read (or that was never given an etapa)."""

    id: int
    ano: int
    nome: str
    serie: str


#: How far from the etapa's age an aluno may be before enturmar asks: two years or more over it
#: is INEP's distorção idade-série; a year under it is a child younger than the rule allows (the
#: age completed by 31 March, Res. CNE/CEB 2/2018). Both are allowed once confirmed: distorção
#: idade-série is real, and a typing mistake in the turma or the birth date is caught.
ANOS_ACIMA = 2
ANOS_ABAIXO = 1


@dataclass(frozen=True)
class IdadeDistante:
    """An aluno whose age is far from the etapa's (see :data:`ANOS_ACIMA`)."""

    aluno_id: int
    nome: str
    idade: int
    """Completed by 31 March of the turma's ano letivo."""
    idade_referencia: int
    etapa: str


def idade_no_corte(nascimento: date, ano: int) -> int:
    """The age completed by 31 March of ``ano`` (the cut-off date of the etapas' ages)."""
    corte = date(ano, 3, 31)
    return corte.year - nascimento.year - ((corte.month, corte.day) < (nascimento.month, nascimento.day))


def distante(idade: int, referencia: int) -> bool:
    """Whether ``idade`` is far enough from the etapa's ``referencia`` to ask."""
    return idade >= referencia + ANOS_ACIMA or idade <= referencia - ANOS_ABAIXO


def idades_distantes(session: Session, turma_id: int, aluno_ids: Sequence[int]) -> list[IdadeDistante]:
    """The alunos among ``aluno_ids`` whose age is far from the turma's etapa (a 7-year-old in
    the 9º ano), by name; none when the turma has no etapa, the etapa no age, or the aluno no
    birth date."""
    turma = session.execute(
        select(AnoLetivo.ano, Etapa.nome, Etapa.idade_referencia)
        .select_from(Turma)
        .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
        .outerjoin(Etapa, Turma.etapa_id == Etapa.id)
        .where(Turma.id == turma_id)
    ).first()
    if turma is None or turma.idade_referencia is None or not aluno_ids:
        return []
    ano, etapa, referencia = turma
    found = []
    for start in range(0, len(aluno_ids), 500):
        chunk = list(aluno_ids[start : start + 500])
        rows = session.execute(
            select(Aluno.id, Aluno.nome, Aluno.data_nascimento).where(
                Aluno.id.in_(chunk), Aluno.data_nascimento.is_not(None)
            )
        )
        for aluno_id, nome, nascimento in rows:
            idade = idade_no_corte(nascimento, ano)
            if distante(idade, referencia):
                found.append(IdadeDistante(aluno_id, nome, idade, referencia, etapa))
    return sorted(found, key=lambda d: (d.nome, d.aluno_id))


def mudar_etapa(session: Session, turma: Turma, etapa_id: int | None) -> None:
    """Set the turma's etapa, recording the change in the audit log by the etapas' names (the
    log is read by people). A turma's other changes are not audited: they are no aluno's."""
    if turma.etapa_id == etapa_id:
        return
    ids = [i for i in (turma.etapa_id, etapa_id) if i is not None]
    nomes = dict(session.execute(select(Etapa.id, Etapa.nome).where(Etapa.id.in_(ids))).all())
    ano = session.scalar(select(AnoLetivo.ano).where(AnoLetivo.id == turma.ano_letivo_id))
    mudanca = auditoria.Mudanca(
        "turmas",
        turma.id,
        auditoria.ALTERACAO,
        {"etapa": nomes.get(turma.etapa_id)},
        {"etapa": nomes.get(etapa_id)},
        {"id": turma.id},
        descricao=f"Etapa da turma {turma.nome} ({ano})",
    )
    turma.etapa_id = etapa_id
    session.flush()
    auditoria.registrar(session, [mudanca])


class EtapaService:
    """The catalogue (read only) and the etapa of the turmas left without one."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def list(self) -> list[EtapaRow]:
        """Every etapa, in order (creche first)."""
        proxima = aliased(Etapa)
        query = (
            select(
                Etapa.id,
                Etapa.nome,
                Etapa.segmento,
                Etapa.ordem,
                Etapa.codigo_educacenso,
                Etapa.proxima_etapa_id,
                proxima.nome,
                Etapa.concluinte,
                Etapa.idade_referencia,
            )
            .outerjoin(proxima, Etapa.proxima_etapa_id == proxima.id)
            .order_by(Etapa.ordem, Etapa.id)
        )
        with Session(self._engine) as session:
            return [EtapaRow(*row) for row in session.execute(query)]

    def por_codigo(self, codigo_educacenso: int) -> int | None:
        """The id of the etapa with this Educacenso code, if the catalogue has it."""
        with Session(self._engine) as session:
            return session.scalar(select(Etapa.id).where(Etapa.codigo_educacenso == codigo_educacenso))

    def turmas_sem_etapa(self) -> list[TurmaSemEtapaRow]:
        """The turmas without an etapa, newest year first, then by name."""
        query = (
            select(Turma.id, AnoLetivo.ano, Turma.nome, Turma.serie)
            .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
            .where(Turma.etapa_id.is_(None))
            .order_by(AnoLetivo.ano.desc(), Turma.nome, Turma.id)
        )
        with Session(self._engine) as session:
            return [TurmaSemEtapaRow(i, ano, nome, _texto(serie)) for i, ano, nome, serie in session.execute(query)]

    def definir(self, etapas: Mapping[int, int]) -> None:
        """Each turma (key) gets its etapa (value), all in one transaction, each audited; the
        turmas' série text stays as it is.

        Raises:
            ValidationError: an etapa does not exist (nothing is saved).
            RecordNotFoundError: a turma does not exist (nothing is saved).
        """
        with Session(self._engine) as session, session.begin():
            for turma_id, etapa_id in sorted(etapas.items()):
                turma: Turma = get_record(session, Turma, turma_id)  # type: ignore[assignment]
                if not isinstance(etapa_id, int) or session.get(Etapa, etapa_id) is None:
                    raise ValidationError("etapa_id", ETAPA_INEXISTENTE)
                mudar_etapa(session, turma, etapa_id)

    def da_serie(self, serie: str | None) -> int | None:
        """The id of the etapa a série names unambiguously (:func:`etapa_da_serie`), if any."""
        codigo = etapa_da_serie(serie)
        return None if codigo is None else self.por_codigo(codigo)
