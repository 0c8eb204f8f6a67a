"""Report data: what each document holds, read in one short Session and formatted for Brazil.

A report is built in two steps. A function here reads the database and returns a frozen
dataclass of plain text already formatted the Brazilian way (dates ``dd/mm/aaaa``, CPF
``000.000.000-00``, "Sim"/"Não"); its ``documento()`` arranges that text as a
:class:`Documento` (a title, sections of label/value :class:`Campo` pairs and
:class:`Tabela` rows). The GUI layer (:mod:`escola_gui.gui.reports`) turns any
:class:`Documento` into a page, so later reports (boletim, histórico, atestado, ata) only add
their own data function here.

Titles, labels, column names and the empty-table text are untranslated Portuguese marked
with :func:`QT_TRANSLATE_NOOP` in the ``relatorios`` context; the GUI translates them. Values
(including "Sim", "Não" and "não informada") are data and are never translated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from escola_gui.core.db import normalize_text
from escola_gui.core.documentos import format_certidao, format_nis
from escola_gui.core.models import Aluno, Contato, Curso, Matricula
from escola_gui.core.services import TELEFONE, RecordNotFoundError, ResponsavelService
from escola_gui.core.validation import QT_TRANSLATE_NOOP, format_cpf

TRANSLATION_CONTEXT = "relatorios"

# Values, not labels: they are part of the record's text, like the nome, and stay Portuguese.
SIM = "Sim"
NAO = "Não"
# Portuguese agrees in gender with the field: "CPF não informado", "data não informada".
NAO_INFORMADO = "não informado"
NAO_INFORMADA = "não informada"

FICHA_TITULO = QT_TRANSLATE_NOOP("relatorios", "Ficha do aluno")
SECAO_DADOS = QT_TRANSLATE_NOOP("relatorios", "Dados do aluno")
SECAO_DOCUMENTOS = QT_TRANSLATE_NOOP("relatorios", "Documentos")
SECAO_CONTATOS = QT_TRANSLATE_NOOP("relatorios", "Contatos")
SECAO_MATRICULAS = QT_TRANSLATE_NOOP("relatorios", "Matrículas")
ROTULO_NOME = QT_TRANSLATE_NOOP("relatorios", "Nome")
ROTULO_NOME_SOCIAL = QT_TRANSLATE_NOOP("relatorios", "Nome social")
ROTULO_RA = QT_TRANSLATE_NOOP("relatorios", "RA")
ROTULO_SEXO = QT_TRANSLATE_NOOP("relatorios", "Sexo")
ROTULO_COR_RACA = QT_TRANSLATE_NOOP("relatorios", "Cor/raça")
ROTULO_CPF = QT_TRANSLATE_NOOP("relatorios", "CPF")
ROTULO_RG = QT_TRANSLATE_NOOP("relatorios", "RG")
ROTULO_CERTIDAO = QT_TRANSLATE_NOOP("relatorios", "Certidão de nascimento")
ROTULO_NIS = QT_TRANSLATE_NOOP("relatorios", "NIS (PIS/PASEP)")
ROTULO_INEP = QT_TRANSLATE_NOOP("relatorios", "Código INEP")
ROTULO_NASCIMENTO = QT_TRANSLATE_NOOP("relatorios", "Data de nascimento")
ROTULO_ATIVO = QT_TRANSLATE_NOOP("relatorios", "Ativo")
ROTULO_EMAIL = QT_TRANSLATE_NOOP("relatorios", "E-mail")
ROTULO_TELEFONES = QT_TRANSLATE_NOOP("relatorios", "Telefones")
ROTULO_EMAILS_EXTRAS = QT_TRANSLATE_NOOP("relatorios", "Outros e-mails")
COLUNA_CURSO = QT_TRANSLATE_NOOP("relatorios", "Curso")
COLUNA_DATA_MATRICULA = QT_TRANSLATE_NOOP("relatorios", "Data da matrícula")
COLUNA_OBSERVACOES = QT_TRANSLATE_NOOP("relatorios", "Observações")
SEM_MATRICULAS = QT_TRANSLATE_NOOP("relatorios", "Nenhuma matrícula registrada.")
SECAO_RESPONSAVEIS = QT_TRANSLATE_NOOP("relatorios", "Responsáveis")
COLUNA_PARENTESCO = QT_TRANSLATE_NOOP("relatorios", "Parentesco")
COLUNA_LEGAL = QT_TRANSLATE_NOOP("relatorios", "Legal")
COLUNA_EMAILS = QT_TRANSLATE_NOOP("relatorios", "E-mails")
SEM_RESPONSAVEIS = QT_TRANSLATE_NOOP("relatorios", "Nenhum responsável cadastrado.")
ASSINATURA_SECRETARIA = QT_TRANSLATE_NOOP("relatorios", "Secretaria escolar")

# The census categories as the ficha prints them (values, like SIM and NAO).
SEXO_TEXTO = {"F": "Feminino", "M": "Masculino"}
COR_RACA_TEXTO = {
    "nao_declarada": "Não declarada",
    "branca": "Branca",
    "preta": "Preta",
    "parda": "Parda",
    "amarela": "Amarela",
    "indigena": "Indígena",
}
# models.PARENTESCOS as the ficha prints them; the codes do not say the gender.
PARENTESCO_TEXTO = {
    "mae": "Mãe",
    "pai": "Pai",
    "avo": "Avó/Avô",
    "tio": "Tio/Tia",
    "irmao": "Irmão/Irmã",
    "outro": "Outro",
}


# --- the generic document ---------------------------------------------------------------


@dataclass(frozen=True)
class Campo:
    """A label and its value. A value with several lines (phones, e-mails) keeps them."""

    rotulo: str
    valor: str


@dataclass(frozen=True)
class Tabela:
    """Rows under column names; ``vazia`` is what the page says when there are no rows."""

    colunas: tuple[str, ...]
    linhas: tuple[tuple[str, ...], ...]
    vazia: str


@dataclass(frozen=True)
class Secao:
    """A titled part of a document: label/value pairs, then an optional table."""

    titulo: str
    campos: tuple[Campo, ...] = ()
    tabela: Tabela | None = None


@dataclass(frozen=True)
class Documento:
    """A report ready to lay out on a page.

    Attributes:
        titulo: the document's name, printed as its heading.
        emitido_em: the date of issue printed in the header.
        secoes: the body, in order.
        nome_arquivo: a file name to suggest when saving, without extension (ASCII only).
        assinatura: the caption under a signature line at the end, or ``None`` for none.
    """

    titulo: str
    emitido_em: date
    secoes: tuple[Secao, ...]
    nome_arquivo: str
    assinatura: str | None = None


# --- formatting -------------------------------------------------------------------------


def format_date(value: date | None, missing: str = NAO_INFORMADA) -> str:
    """``date(2010, 3, 4)`` → ``"04/03/2010"``; ``None`` → ``missing``."""
    return value.strftime("%d/%m/%Y") if value is not None else missing


def format_bool(value: bool) -> str:
    return SIM if value else NAO


def file_name_part(text: str) -> str:
    """``"João D'Ávila"`` → ``"joao-d-avila"``: lower-case ASCII words joined by hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", normalize_text(text).encode("ascii", "ignore").decode())
    return slug.strip("-") or "sem-nome"


# --- ficha do aluno ---------------------------------------------------------------------


@dataclass(frozen=True)
class MatriculaFicha:
    curso: str
    data_matricula: str
    observacoes: str


@dataclass(frozen=True)
class ResponsavelFicha:
    nome: str
    parentesco: str
    legal: str
    telefones: tuple[str, ...]
    emails: tuple[str, ...]


@dataclass(frozen=True)
class FichaAluno:
    """An aluno's record as the ficha prints it: every value is display text."""

    aluno_id: int
    nome: str
    cpf: str
    data_nascimento: str
    ativo: str
    email: str
    telefones: tuple[str, ...]
    emails_extras: tuple[str, ...]
    matriculas: tuple[MatriculaFicha, ...]
    emitido_em: date
    ra: str
    nome_social: str
    """Empty when the aluno has none: the ficha then leaves the line out."""
    sexo: str
    cor_raca: str
    rg: str
    certidao_nascimento: str
    nis: str
    codigo_inep: str
    responsaveis: tuple[ResponsavelFicha, ...] = ()
    """The responsável legal first, then by nome."""

    def documento(self) -> Documento:
        """The ficha arranged as a :class:`Documento`."""
        dados = Secao(
            SECAO_DADOS,
            (Campo(ROTULO_NOME, self.nome),)
            + ((Campo(ROTULO_NOME_SOCIAL, self.nome_social),) if self.nome_social else ())
            + (
                Campo(ROTULO_RA, self.ra),
                Campo(ROTULO_NASCIMENTO, self.data_nascimento),
                Campo(ROTULO_SEXO, self.sexo),
                Campo(ROTULO_COR_RACA, self.cor_raca),
                Campo(ROTULO_ATIVO, self.ativo),
            ),
        )
        documentos = Secao(
            SECAO_DOCUMENTOS,
            (
                Campo(ROTULO_CPF, self.cpf),
                Campo(ROTULO_RG, self.rg),
                Campo(ROTULO_CERTIDAO, self.certidao_nascimento),
                Campo(ROTULO_NIS, self.nis),
                Campo(ROTULO_INEP, self.codigo_inep),
            ),
        )
        contatos = Secao(
            SECAO_CONTATOS,
            (
                Campo(ROTULO_EMAIL, self.email),
                Campo(ROTULO_TELEFONES, "\n".join(self.telefones) or NAO_INFORMADO),
            )
            + ((Campo(ROTULO_EMAILS_EXTRAS, "\n".join(self.emails_extras)),) if self.emails_extras else ()),
        )
        responsaveis = Secao(
            SECAO_RESPONSAVEIS,
            tabela=Tabela(
                (ROTULO_NOME, COLUNA_PARENTESCO, COLUNA_LEGAL, ROTULO_TELEFONES, COLUNA_EMAILS),
                tuple(
                    (r.nome, r.parentesco, r.legal, "\n".join(r.telefones), "\n".join(r.emails))
                    for r in self.responsaveis
                ),
                SEM_RESPONSAVEIS,
            ),
        )
        matriculas = Secao(
            SECAO_MATRICULAS,
            tabela=Tabela(
                (COLUNA_CURSO, COLUNA_DATA_MATRICULA, COLUNA_OBSERVACOES),
                tuple((m.curso, m.data_matricula, m.observacoes) for m in self.matriculas),
                SEM_MATRICULAS,
            ),
        )
        return Documento(
            titulo=FICHA_TITULO,
            emitido_em=self.emitido_em,
            secoes=(dados, documentos, contatos, responsaveis, matriculas),
            nome_arquivo=f"ficha-{file_name_part(self.nome)}",
            assinatura=ASSINATURA_SECRETARIA,
        )


def ficha_do_aluno(engine: Engine, aluno_id: int, today: date | None = None) -> FichaAluno:
    """Read one aluno with contatos, responsáveis and matrículas, formatted for the ficha.

    Args:
        today: the date of issue; the real today when omitted.

    Returns:
        The ficha; matrículas in date order, those without a date last, then by curso.

    Raises:
        RecordNotFoundError: no aluno has ``aluno_id`` (it may have been deleted meanwhile).
    """
    vinculos = ResponsavelService(engine).list_for_aluno(aluno_id)  # empty for an unknown aluno
    with Session(engine) as session:
        aluno = session.get(Aluno, aluno_id)
        if aluno is None:
            raise RecordNotFoundError(f"aluno {aluno_id}")
        contatos = session.execute(
            select(Contato.tipo, Contato.valor).where(Contato.aluno_id == aluno_id).order_by(Contato.id)
        ).all()
        matriculas = session.execute(
            select(Curso.nome, Matricula.data_matricula, Matricula.observacoes)
            .join(Curso, Matricula.curso_id == Curso.id)
            .where(Matricula.aluno_id == aluno_id)
            .order_by(
                Matricula.data_matricula.is_(None),
                Matricula.data_matricula,
                func.escola_normaliza(Curso.nome),
                Matricula.id,
            )
        ).all()
        return FichaAluno(
            aluno_id=aluno.id,
            nome=aluno.nome,
            cpf=format_cpf(aluno.cpf) or NAO_INFORMADO,
            data_nascimento=format_date(aluno.data_nascimento),
            ativo=format_bool(bool(aluno.ativo)),
            email=aluno.email or NAO_INFORMADO,
            telefones=tuple(valor for tipo, valor in contatos if tipo == TELEFONE),
            emails_extras=tuple(valor for tipo, valor in contatos if tipo != TELEFONE),
            matriculas=tuple(
                MatriculaFicha(curso=nome, data_matricula=format_date(data), observacoes=(obs or "").strip())
                for nome, data, obs in matriculas
            ),
            emitido_em=today or date.today(),
            ra=aluno.ra,
            nome_social=aluno.nome_social or "",
            sexo=SEXO_TEXTO.get(aluno.sexo or "", NAO_INFORMADO),
            cor_raca=COR_RACA_TEXTO.get(aluno.cor_raca or "", NAO_INFORMADA),
            rg=aluno.rg or NAO_INFORMADO,
            certidao_nascimento=format_certidao(aluno.certidao_nascimento) or NAO_INFORMADA,
            nis=format_nis(aluno.nis) or NAO_INFORMADO,
            codigo_inep=aluno.codigo_inep or NAO_INFORMADO,
            responsaveis=tuple(
                ResponsavelFicha(
                    nome=r.nome,
                    parentesco=PARENTESCO_TEXTO.get(r.parentesco, r.parentesco),
                    legal=format_bool(r.responsavel_legal),
                    telefones=r.telefones,
                    emails=r.emails,
                )
                for r in vinculos
            ),
        )


__all__ = [
    "Campo",
    "Documento",
    "FichaAluno",
    "MatriculaFicha",
    "ResponsavelFicha",
    "RecordNotFoundError",
    "Secao",
    "Tabela",
    "ficha_do_aluno",
    "file_name_part",
    "format_bool",
    "format_date",
]
