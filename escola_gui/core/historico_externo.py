"""Years an aluno did in other schools (the histórico escolar's lines from before this
school), each with its disciplinas, as the documents brought by the family give them.

Like every service of the core, each method opens one short ``Session`` and returns plain
frozen dataclasses, never ORM objects; mistakes the user can fix come back as
:class:`~escola_gui.core.errors.ValidationError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from escola_gui.core import avaliacao as av
from escola_gui.core import validation as v
from escola_gui.core.common import first_error, get_record, optional_text
from escola_gui.core.errors import QT_TRANSLATE_NOOP, ValidationError
from escola_gui.core.escola import (
    ANO_INVALIDO,
    CARGA_HORARIA_INVALIDA,
    ESCOLA_NOME_LONGO,
    SERIE_LONGA,
    SERIE_OBRIGATORIA,
)
from escola_gui.core.models import SITUACOES, Aluno, HistoricoExterno, HistoricoExternoDisciplina
from escola_gui.core.text import normalize_text

# Years done in other schools (HistoricoExternoService).
ESCOLA_EXTERNA_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Informe o nome da escola onde o ano foi cursado.")
MUNICIPIO_LONGO = QT_TRANSLATE_NOOP("validation", "O município deve ter no máximo 100 caracteres.")
SITUACAO_INVALIDA = QT_TRANSLATE_NOOP("validation", "Escolha a situação na lista.")
FREQUENCIA_INVALIDA = QT_TRANSLATE_NOOP(
    "validation", "A frequência deve ser uma porcentagem de 0 a 100, com no máximo uma casa decimal, como 92,5."
)
HISTORICO_EXTERNO_REPETIDO = QT_TRANSLATE_NOOP(
    "validation", "Este aluno já tem o {serie} de {ano} registrado; edite o registro que já existe."
)
DISCIPLINA_EXTERNA_SEM_NOME = QT_TRANSLATE_NOOP("validation", "Linha {linha}: informe o nome da disciplina.")
DISCIPLINA_EXTERNA_NOME_LONGO = QT_TRANSLATE_NOOP(
    "validation", "Linha {linha}: o nome da disciplina deve ter no máximo 100 caracteres."
)
DISCIPLINA_EXTERNA_REPETIDA = QT_TRANSLATE_NOOP("validation", "A disciplina {disciplina} aparece mais de uma vez.")
DISCIPLINA_EXTERNA_SEM_RESULTADO = QT_TRANSLATE_NOOP(
    "validation", "{disciplina}: informe a média (de 0 a 10) ou o conceito, como A ou Apto."
)
DISCIPLINA_EXTERNA_MEDIA_E_CONCEITO = QT_TRANSLATE_NOOP(
    "validation", "{disciplina}: informe a média ou o conceito, não os dois."
)
MEDIA_EXTERNA_INVALIDA = QT_TRANSLATE_NOOP(
    "validation", "{disciplina}: a média deve ser um número de 0 a 10, como 7,5."
)
MEDIA_EXTERNA_FORA_DA_FAIXA = QT_TRANSLATE_NOOP("validation", "{disciplina}: a média deve estar entre 0 e 10.")
MEDIA_EXTERNA_CASAS_DECIMAIS = QT_TRANSLATE_NOOP(
    "validation", "{disciplina}: a média deve ter no máximo uma casa decimal, como 7,5."
)
CONCEITO_LONGO = QT_TRANSLATE_NOOP("validation", "{disciplina}: o conceito deve ter no máximo 20 caracteres.")
CARGA_HORARIA_EXTERNA_INVALIDA = QT_TRANSLATE_NOOP(
    "validation", "{disciplina}: a carga horária deve ser um número inteiro positivo de horas."
)


@dataclass(frozen=True)
class DisciplinaExternaData:
    """A disciplina of a year done in another school, as its documents give it.

    ``media`` (0–10, one decimal: ``"7,5"`` as typed, or a Decimal) or ``conceito`` ("A",
    "Apto"...): one of the two. ``carga_horaria`` in hours (``80``, ``"80"`` or ``"80 h"``).
    """

    disciplina: str
    media: Decimal | str | None = None
    conceito: str | None = None
    carga_horaria: int | str | None = None


@dataclass(frozen=True)
class HistoricoExternoData:
    """A year the aluno did in another school (i-Educar's histórico of other schools).

    ``situacao`` is a code of :data:`~escola_gui.core.models.SITUACOES`; ``frequencia`` a
    percentage (``"92,5"`` as typed, or a Decimal). What the service returns is normalized:
    Decimals, ints and ``None`` for what was left blank.
    """

    ano: int
    serie: str
    escola: str
    situacao: str
    municipio: str | None = None
    uf: str | None = None
    frequencia: Decimal | str | None = None
    carga_horaria_total: int | str | None = None
    observacoes: str | None = None
    disciplinas: tuple[DisciplinaExternaData, ...] = ()


@dataclass(frozen=True)
class HistoricoExternoRow:
    """A saved year of another school: its id, its aluno and its normalized data."""

    id: int
    aluno_id: int
    dados: HistoricoExternoData

    @property
    def situacao(self) -> av.Situacao:
        return av.Situacao(self.dados.situacao)


# --- years done in other schools --------------------------------------------------------

_NUMERO_RE = re.compile(r"[+-]?\d+(?:[.,]\d*)?|[+-]?[.,]\d+")
_HORAS_RE = re.compile(r"(\d+)\s*(?:h|hs|horas?)?\.?", re.IGNORECASE)
_NOTA_ERROS = {
    av.NOTA_FORA_DA_FAIXA: MEDIA_EXTERNA_FORA_DA_FAIXA,
    av.NOTA_CASAS_DECIMAIS: MEDIA_EXTERNA_CASAS_DECIMAIS,
}


def separar_media_conceito(texto: str | None) -> tuple[str | None, str | None]:
    """What was typed in one "média ou conceito" cell, as ``(media, conceito)``.

    A number (``"7,5"``, ``"11"``, ``"-1"``) is a média, to be checked by the service; any
    other text (``"A"``, ``"Apto"``) is a conceito; a blank cell is neither.
    """
    text = " ".join((texto or "").split())
    if not text:
        return None, None
    if _NUMERO_RE.fullmatch(text):
        return text, None
    return None, text


def parse_frequencia(value: Decimal | int | float | str | None) -> Decimal | None:
    """``"92,5"``, ``"92.5 %"``, ``92.5`` → ``Decimal("92.5")``; blank → ``None``.

    Raises:
        ValidationError: not a percentage from 0 to 100 with at most one decimal place.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError("frequencia", FREQUENCIA_INVALIDA)
    if isinstance(value, str):
        text = value.strip().removesuffix("%").strip()
        if not re.fullmatch(r"\d+(?:[.,]\d+)?", text):
            raise ValidationError("frequencia", FREQUENCIA_INVALIDA)
        number = Decimal(text.replace(",", "."))
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, int | Decimal):
        number = Decimal(value)
    else:
        raise ValidationError("frequencia", FREQUENCIA_INVALIDA)
    if not number.is_finite() or not 0 <= number <= 100 or number.quantize(av.UMA_CASA) != number:
        raise ValidationError("frequencia", FREQUENCIA_INVALIDA)
    return number.quantize(av.UMA_CASA)


def _horas(value: int | str | None) -> int | None:
    """Hours as typed (``80``, ``"80"``, ``"80 h"``); blank → ``None``; ``ValueError`` otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        number = value
    else:
        match = _HORAS_RE.fullmatch(str(value).strip())
        if match is None:
            raise ValueError(value)
        number = int(match.group(1))
    if number <= 0:
        raise ValueError(value)
    return number


def _chave(text: str) -> str:
    """Case and accents folded: "Matemática" and "matematica" are the same disciplina."""
    return normalize_text(v.normalize_nome(text))


class HistoricoExternoService:
    """The years an aluno did in other schools, typed in from the documents brought on
    transfer; the histórico escolar prints them beside the years done here."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @staticmethod
    def _check(data: HistoricoExternoData) -> tuple[HistoricoExternoData, dict[str, str]]:
        """The normalized data and every problem by field (``"disciplinas"`` for the table:
        the first bad line)."""
        errors: dict[str, str] = {}
        ano = data.ano
        if isinstance(ano, bool) or not isinstance(ano, int) or not 1900 <= ano <= 2200:
            errors["ano"] = ANO_INVALIDO
        serie = v.normalize_nome(data.serie)
        if not serie:
            errors["serie"] = SERIE_OBRIGATORIA
        elif len(serie) > 50:
            errors["serie"] = SERIE_LONGA
        escola = v.normalize_nome(data.escola)
        if not escola:
            errors["escola"] = ESCOLA_EXTERNA_OBRIGATORIA
        elif len(escola) > 150:
            errors["escola"] = ESCOLA_NOME_LONGO
        municipio = v.normalize_nome(data.municipio) or None
        if municipio is not None and len(municipio) > 100:
            errors["municipio"] = MUNICIPIO_LONGO
        uf = (optional_text(data.uf) or "").upper() or None
        if uf is not None and uf not in v.UFS:
            errors["uf"] = v.UF_INVALIDA
        if data.situacao not in SITUACOES:
            errors["situacao"] = SITUACAO_INVALIDA
        frequencia = None
        try:
            frequencia = parse_frequencia(data.frequencia)
        except ValidationError as error:
            errors["frequencia"] = error.message
        carga_total = None
        try:
            carga_total = _horas(data.carga_horaria_total)
        except ValueError:
            errors["carga_horaria_total"] = CARGA_HORARIA_INVALIDA

        disciplinas: list[DisciplinaExternaData] = []
        vistas: set[str] = set()
        for linha, item in enumerate(data.disciplinas, start=1):
            clean, message = HistoricoExternoService._check_disciplina(linha, item)
            if message is None and _chave(clean.disciplina) in vistas:
                message = DISCIPLINA_EXTERNA_REPETIDA.format(disciplina=clean.disciplina)
            if message is not None:
                errors.setdefault("disciplinas", message)
                continue
            vistas.add(_chave(clean.disciplina))
            disciplinas.append(clean)
        clean_data = HistoricoExternoData(
            ano=ano,
            serie=serie,
            escola=escola,
            situacao=data.situacao,
            municipio=municipio,
            uf=uf,
            frequencia=frequencia,
            carga_horaria_total=carga_total,
            observacoes=optional_text(data.observacoes),
            disciplinas=tuple(disciplinas),
        )
        return clean_data, errors

    @staticmethod
    def _check_disciplina(linha: int, item: DisciplinaExternaData) -> tuple[DisciplinaExternaData, str | None]:
        nome = v.normalize_nome(item.disciplina)
        if not nome:
            return item, DISCIPLINA_EXTERNA_SEM_NOME.format(linha=linha)
        if len(nome) > 100:
            return item, DISCIPLINA_EXTERNA_NOME_LONGO.format(linha=linha)
        conceito = v.normalize_nome(item.conceito) or None
        texto_media = item.media.strip() if isinstance(item.media, str) else item.media
        media = None
        if texto_media not in (None, ""):
            try:
                media = av.parse_nota(texto_media)
            except ValidationError as error:
                return item, _NOTA_ERROS.get(error.message, MEDIA_EXTERNA_INVALIDA).format(disciplina=nome)
        if media is None and conceito is None:
            return item, DISCIPLINA_EXTERNA_SEM_RESULTADO.format(disciplina=nome)
        if media is not None and conceito is not None:
            return item, DISCIPLINA_EXTERNA_MEDIA_E_CONCEITO.format(disciplina=nome)
        if conceito is not None and len(conceito) > 20:
            return item, CONCEITO_LONGO.format(disciplina=nome)
        try:
            carga = _horas(item.carga_horaria)
        except ValueError:
            return item, CARGA_HORARIA_EXTERNA_INVALIDA.format(disciplina=nome)
        return DisciplinaExternaData(nome, media, conceito, carga), None

    @staticmethod
    def validate_disciplina(linha: int, item: DisciplinaExternaData) -> str | None:
        """What is wrong with one line of the disciplinas table (numbered from 1), or ``None``;
        the form uses it to point at the line that :meth:`validate` names."""
        return HistoricoExternoService._check_disciplina(linha, item)[1]

    def normalize(self, data: HistoricoExternoData) -> HistoricoExternoData:
        """The data as it is saved (trimmed text, Decimals, ints); valid lines only."""
        return self._check(data)[0]

    def validate(self, aluno_id: int, data: HistoricoExternoData, historico_id: int | None = None) -> dict[str, str]:
        """Every problem with ``data`` by field, including the same ano and série twice."""
        clean, errors = self._check(data)
        if "ano" not in errors and "serie" not in errors:
            with Session(self._engine) as session:
                other = session.scalar(
                    select(HistoricoExterno.id).where(
                        HistoricoExterno.aluno_id == aluno_id,
                        HistoricoExterno.ano == clean.ano,
                        func.escola_normaliza(HistoricoExterno.serie) == func.escola_normaliza(clean.serie),
                    )
                )
            if other is not None and other != historico_id:
                errors["serie"] = HISTORICO_EXTERNO_REPETIDO.format(serie=clean.serie, ano=clean.ano)
        return errors

    @staticmethod
    def _row(historico: HistoricoExterno) -> HistoricoExternoRow:
        dados = HistoricoExternoData(
            ano=historico.ano,
            serie=historico.serie,
            escola=historico.escola,
            situacao=historico.situacao,
            municipio=historico.municipio,
            uf=historico.uf,
            frequencia=historico.frequencia,
            carga_horaria_total=historico.carga_horaria_total,
            observacoes=historico.observacoes,
            disciplinas=tuple(
                DisciplinaExternaData(d.disciplina, d.media, d.conceito, d.carga_horaria) for d in historico.disciplinas
            ),
        )
        return HistoricoExternoRow(historico.id, historico.aluno_id, dados)

    def list_for_aluno(self, aluno_id: int) -> list[HistoricoExternoRow]:
        """The aluno's years in other schools, oldest first (empty for an unknown aluno)."""
        with Session(self._engine) as session:
            historicos = session.scalars(
                select(HistoricoExterno)
                .where(HistoricoExterno.aluno_id == aluno_id)
                .order_by(HistoricoExterno.ano, func.escola_normaliza(HistoricoExterno.serie), HistoricoExterno.id)
            ).all()
            return [self._row(h) for h in historicos]

    def get(self, historico_id: int) -> HistoricoExternoRow:
        with Session(self._engine) as session:
            return self._row(get_record(session, HistoricoExterno, historico_id))  # type: ignore[arg-type]

    def create(self, aluno_id: int, data: HistoricoExternoData) -> int:
        first_error(self.validate(aluno_id, data))
        clean = self.normalize(data)
        with Session(self._engine) as session, session.begin():
            get_record(session, Aluno, aluno_id)
            historico = HistoricoExterno(aluno_id=aluno_id)
            self._write(historico, clean)
            session.add(historico)
            session.flush()
            return historico.id

    def update(self, historico_id: int, data: HistoricoExternoData) -> None:
        with Session(self._engine) as session:
            aluno_id = get_record(session, HistoricoExterno, historico_id).aluno_id  # type: ignore[attr-defined]
        first_error(self.validate(aluno_id, data, historico_id))
        clean = self.normalize(data)
        with Session(self._engine) as session, session.begin():
            historico: HistoricoExterno = get_record(session, HistoricoExterno, historico_id)  # type: ignore[assignment]
            # The old lines go first: a line kept under the same name would break the UNIQUE.
            historico.disciplinas.clear()
            session.flush()
            self._write(historico, clean)

    @staticmethod
    def _write(historico: HistoricoExterno, clean: HistoricoExternoData) -> None:
        for name in ("ano", "serie", "escola", "situacao", "municipio", "uf", "frequencia", "observacoes"):
            setattr(historico, name, getattr(clean, name))
        historico.carga_horaria_total = clean.carga_horaria_total  # type: ignore[assignment]
        historico.disciplinas.extend(
            HistoricoExternoDisciplina(
                disciplina=d.disciplina, media=d.media, conceito=d.conceito, carga_horaria=d.carga_horaria
            )
            for d in clean.disciplinas
        )

    def delete(self, historico_id: int) -> None:
        """Delete the year and its disciplinas (the database cascades)."""
        with Session(self._engine) as session, session.begin():
            session.delete(get_record(session, HistoricoExterno, historico_id))
