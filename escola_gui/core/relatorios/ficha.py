"""The ficha do aluno."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from escola_gui.core.common import TELEFONE
from escola_gui.core.documentos import format_certidao, format_nis
from escola_gui.core.errors import RecordNotFoundError
from escola_gui.core.models import (
    Aluno,
    Contato,
    Curso,
    Matricula,
)
from escola_gui.core.relatorios.cabecalho import cabecalho_da_escola
from escola_gui.core.relatorios.documento import CabecalhoEscola, Campo, Documento, Secao, Tabela
from escola_gui.core.relatorios.formatacao import file_name_part, format_bool, format_date
from escola_gui.core.relatorios.textos import (
    ASSINATURA_SECRETARIA,
    COLUNA_CURSO,
    COLUNA_DATA_MATRICULA,
    COLUNA_EMAILS,
    COLUNA_LEGAL,
    COLUNA_OBSERVACOES,
    COLUNA_PARENTESCO,
    COR_RACA_TEXTO,
    FICHA_TITULO,
    NAO_INFORMADA,
    NAO_INFORMADO,
    PARENTESCO_TEXTO,
    ROTULO_ATIVO,
    ROTULO_CERTIDAO,
    ROTULO_COR_RACA,
    ROTULO_CPF,
    ROTULO_EMAIL,
    ROTULO_EMAILS_EXTRAS,
    ROTULO_INEP,
    ROTULO_NASCIMENTO,
    ROTULO_NIS,
    ROTULO_NOME,
    ROTULO_NOME_SOCIAL,
    ROTULO_RA,
    ROTULO_RG,
    ROTULO_SEXO,
    ROTULO_TELEFONES,
    SECAO_CONTATOS,
    SECAO_DADOS,
    SECAO_DOCUMENTOS,
    SECAO_MATRICULAS,
    SECAO_RESPONSAVEIS,
    SEM_MATRICULAS,
    SEM_RESPONSAVEIS,
    SEXO_TEXTO,
)
from escola_gui.core.responsaveis import ResponsavelService
from escola_gui.core.validation import format_cpf


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
    escola: CabecalhoEscola = field(default_factory=CabecalhoEscola)

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
            assinaturas=(ASSINATURA_SECRETARIA,),
            escola=self.escola,
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
    escola = cabecalho_da_escola(engine)
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
            escola=escola,
        )
