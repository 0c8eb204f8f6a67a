"""Report data: what each document holds, read in one short Session and formatted for Brazil.

A report is built in two steps. A function here reads the database and returns plain text
already formatted the Brazilian way (dates ``dd/mm/aaaa``, CPF ``000.000.000-00``, notas
``7,5``, frequência ``97,5 %``, "Sim"/"Não") arranged as a :class:`Documento`: the school's
header (:class:`CabecalhoEscola`), a title, sections of label/value :class:`Campo` pairs,
sentences (:class:`Texto`) and :class:`Tabela` rows, then the place and date and the
signature lines. A :class:`Caderno` binds several documents into one file, each starting on a
new page (the boletins of a whole turma). The GUI layer (:mod:`escola_gui.gui.printing`) turns
either into pages, and the CLI (``main.py boletim``) uses the same code.

The reports: ficha do aluno (:func:`ficha_do_aluno`, whose :class:`FichaAluno` makes its
document), boletim (:func:`boletim`, :func:`boletim_do_aluno`, :func:`boletins_da_turma`),
histórico escolar (:func:`historico_escolar`), atestado de matrícula
(:func:`atestado_de_matricula`) and ata de resultados finais (:func:`ata_de_resultados`, on a
landscape page). When there is nothing to print (an aluno in no turma, a turma without
alunos) they raise :class:`NadaParaImprimirError` with the reason in Portuguese.

Titles, labels, column names, sentence patterns and the empty-table text are untranslated
Portuguese marked with :func:`QT_TRANSLATE_NOOP` in the ``relatorios`` context; the GUI
translates them. Values (including "Sim", "Não", "não informada" and the situação labels) are
data and are never translated.
"""

from __future__ import annotations

import enum
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from escola_gui.core import avaliacao as av
from escola_gui.core.common import TELEFONE
from escola_gui.core.diario import Boletim, DiarioService
from escola_gui.core.documentos import format_certidao, format_nis
from escola_gui.core.errors import QT_TRANSLATE_NOOP, NadaParaImprimirError, RecordNotFoundError
from escola_gui.core.escola import EscolaService, regra_do_ano
from escola_gui.core.historico_externo import HistoricoExternoRow, HistoricoExternoService
from escola_gui.core.models import (
    Aluno,
    AnoLetivo,
    Contato,
    Curso,
    Disciplina,
    Enturmacao,
    Matricula,
    Turma,
    TurmaDisciplina,
)
from escola_gui.core.responsaveis import ResponsavelService
from escola_gui.core.text import normalize_text
from escola_gui.core.turmas import TURNO_LABELS
from escola_gui.core.validation import format_cpf

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

# The school-year reports.
BOLETIM_TITULO = QT_TRANSLATE_NOOP("relatorios", "Boletim escolar")
BOLETINS_TITULO = QT_TRANSLATE_NOOP("relatorios", "Boletins da turma")
HISTORICO_TITULO = QT_TRANSLATE_NOOP("relatorios", "Histórico escolar")
ATESTADO_TITULO = QT_TRANSLATE_NOOP("relatorios", "Atestado de matrícula")
ATA_TITULO = QT_TRANSLATE_NOOP("relatorios", "Ata de resultados finais")
SECAO_IDENTIFICACAO = QT_TRANSLATE_NOOP("relatorios", "Identificação")
SECAO_NOTAS = QT_TRANSLATE_NOOP("relatorios", "Notas e frequência")
SECAO_RESULTADO = QT_TRANSLATE_NOOP("relatorios", "Resultado do ano")
SECAO_ANOS = QT_TRANSLATE_NOOP("relatorios", "Anos letivos cursados")
SECAO_COMPONENTES = QT_TRANSLATE_NOOP("relatorios", "Componentes curriculares")
SECAO_RESULTADOS = QT_TRANSLATE_NOOP("relatorios", "Resultados por aluno")
SECAO_RESUMO = QT_TRANSLATE_NOOP("relatorios", "Resumo")
SECAO_OBSERVACOES = QT_TRANSLATE_NOOP("relatorios", "Observações")
ROTULO_ALUNO = QT_TRANSLATE_NOOP("relatorios", "Aluno(a)")
ROTULO_TURMA = QT_TRANSLATE_NOOP("relatorios", "Turma")
ROTULO_SERIE = QT_TRANSLATE_NOOP("relatorios", "Série/ano")
ROTULO_TURNO = QT_TRANSLATE_NOOP("relatorios", "Turno")
ROTULO_ANO_LETIVO = QT_TRANSLATE_NOOP("relatorios", "Ano letivo")
ROTULO_SAIDA = QT_TRANSLATE_NOOP("relatorios", "Saída da turma")
ROTULO_FREQUENCIA_ANO = QT_TRANSLATE_NOOP("relatorios", "Frequência no ano")
ROTULO_SITUACAO_FINAL = QT_TRANSLATE_NOOP("relatorios", "Situação final")
ROTULO_FREQUENCIA_ATE_AGORA = QT_TRANSLATE_NOOP("relatorios", "Frequência até agora")
ROTULO_SITUACAO_ATE_AGORA = QT_TRANSLATE_NOOP("relatorios", "Situação até agora")
ROTULO_MOTIVO = QT_TRANSLATE_NOOP("relatorios", "Motivo")
ROTULO_SITUACAO_CALCULADA = QT_TRANSLATE_NOOP("relatorios", "Pelas notas e faltas")
ROTULO_INEP_ESCOLA = QT_TRANSLATE_NOOP("relatorios", "INEP")
COLUNA_DISCIPLINA = QT_TRANSLATE_NOOP("relatorios", "Disciplina")
COLUNA_REC_FINAL = QT_TRANSLATE_NOOP("relatorios", "Rec. final")
COLUNA_MEDIA = QT_TRANSLATE_NOOP("relatorios", "Média")
COLUNA_FALTAS = QT_TRANSLATE_NOOP("relatorios", "Faltas")
COLUNA_FREQUENCIA = QT_TRANSLATE_NOOP("relatorios", "Freq.")
COLUNA_SITUACAO = QT_TRANSLATE_NOOP("relatorios", "Situação")
COLUNA_ANO = QT_TRANSLATE_NOOP("relatorios", "Ano")
COLUNA_CARGA_HORARIA = QT_TRANSLATE_NOOP("relatorios", "Carga horária")
COLUNA_MEDIA_FINAL = QT_TRANSLATE_NOOP("relatorios", "Média final")
COLUNA_NUMERO = QT_TRANSLATE_NOOP("relatorios", "Nº")
COLUNA_ALUNO = QT_TRANSLATE_NOOP("relatorios", "Aluno(a)")
COLUNA_SITUACAO_FINAL = QT_TRANSLATE_NOOP("relatorios", "Situação final")
COLUNA_ALUNOS = QT_TRANSLATE_NOOP("relatorios", "Alunos")
SEM_DISCIPLINAS = QT_TRANSLATE_NOOP("relatorios", "Nenhuma disciplina cadastrada nesta turma.")
COLUNA_ESCOLA = QT_TRANSLATE_NOOP("relatorios", "Escola e município")
COLUNA_MEDIA_OU_CONCEITO = QT_TRANSLATE_NOOP("relatorios", "Média/conceito")
SEM_DISCIPLINAS_HISTORICO = QT_TRANSLATE_NOOP("relatorios", "Nenhuma disciplina registrada.")
NOTA_OUTRAS_ESCOLAS = QT_TRANSLATE_NOOP(
    "relatorios",
    "Anos cursados em outras escolas conforme documentos apresentados: a média ou o conceito, a carga "
    "horária, a frequência e a situação são os que esses documentos registram.",
)
OBSERVACAO_OUTRA_ESCOLA = QT_TRANSLATE_NOOP("relatorios", "{ano}, {serie} ({escola}): {observacoes}")
SEM_ANOS = QT_TRANSLATE_NOOP("relatorios", "Nenhum ano letivo registrado.")
ASSINATURA_SECRETARIO = QT_TRANSLATE_NOOP("relatorios", "Secretário(a) escolar")
ASSINATURA_DIRETOR = QT_TRANSLATE_NOOP("relatorios", "Diretor(a)")
CRITERIOS = QT_TRANSLATE_NOOP(
    "relatorios",
    "Aprovação com média final de pelo menos {media} em cada disciplina e frequência de pelo menos "
    "{frequencia} do total de aulas.",
)
LEGENDA_REC_PERIODO = QT_TRANSLATE_NOOP(
    "relatorios", "Entre parênteses, a recuperação do período: substitui a menor nota, se for maior."
)
LEGENDA_REC_FINAL = QT_TRANSLATE_NOOP("relatorios", "Rec. final: a recuperação final substitui a média, se for maior.")
LEGENDA_DISCIPLINAS = QT_TRANSLATE_NOOP("relatorios", "Disciplinas: {lista}.")
LEGENDA_PROVISORIA = QT_TRANSLATE_NOOP(
    "relatorios",
    "Resultado provisório: o ano letivo ainda não foi encerrado. A frequência conta as aulas dadas até agora; a "
    "situação final sai quando o ano for encerrado, ou quando todas as notas, as faltas de todos os períodos e a "
    "recuperação necessária estiverem lançadas.",
)
SITUACAO_ALTERADA = QT_TRANSLATE_NOOP("relatorios", "{aluno}: {situacao}. Motivo: {motivo}")
SITUACAO_ALTERADA_NO_ANO = QT_TRANSLATE_NOOP("relatorios", "{ano}, {turma}: {situacao}. Motivo: {motivo}")
ATESTADO_TEXTO = QT_TRANSLATE_NOOP(
    "relatorios",
    "Atestamos, para os devidos fins, que {nome}, RA {ra}, {nascido} em {nascimento}, está regularmente "
    "{matriculado} {no} {serie}, turma {turma}, turno {turno}, no ano letivo de {ano}, nesta unidade escolar.",
)
ATESTADO_TEXTO_SEM_NASCIMENTO = QT_TRANSLATE_NOOP(
    "relatorios",
    "Atestamos, para os devidos fins, que {nome}, RA {ra}, está regularmente {matriculado} {no} {serie}, "
    "turma {turma}, turno {turno}, no ano letivo de {ano}, nesta unidade escolar.",
)
ATESTADO_FECHO = QT_TRANSLATE_NOOP("relatorios", "Por ser verdade, firmamos o presente atestado.")
ATA_ABERTURA = QT_TRANSLATE_NOOP(
    "relatorios",
    "Resultados finais da turma {turma} ({serie}, turno {turno}) no ano letivo de {ano}: a média final "
    "de cada disciplina, a frequência no ano e a situação final de cada aluno.",
)
TOTAL = QT_TRANSLATE_NOOP("relatorios", "Total")
# Why there is nothing to print (NadaParaImprimirError).
SEM_TURMA = QT_TRANSLATE_NOOP("relatorios", "{nome} não está em nenhuma turma; não há boletim para imprimir.")
SEM_TURMA_NO_ANO = QT_TRANSLATE_NOOP(
    "relatorios", "{nome} não esteve em nenhuma turma em {ano}; não há boletim desse ano para imprimir."
)
SEM_MATRICULA_ATUAL = QT_TRANSLATE_NOOP(
    "relatorios",
    "{nome} não está em nenhuma turma de um ano letivo em andamento; não há atestado de matrícula para emitir.",
)
SEM_HISTORICO = QT_TRANSLATE_NOOP(
    "relatorios", "{nome} ainda não tem anos letivos registrados; não há histórico escolar para imprimir."
)
TURMA_SEM_ALUNOS = QT_TRANSLATE_NOOP("relatorios", "A turma {turma} não tem alunos; não há boletins para imprimir.")
ATA_SEM_ALUNOS = QT_TRANSLATE_NOOP("relatorios", "A turma {turma} nunca teve alunos; não há ata para imprimir.")
ATA_PROVISORIA_1 = QT_TRANSLATE_NOOP(
    "relatorios",
    "Os resultados da turma {turma} em {ano} ainda não são finais: 1 aluno tem situação provisória ({nomes}). "
    "A ata de resultados finais pode ser impressa quando o ano letivo for encerrado em Configurações, ou quando "
    "todas as notas, as faltas de todos os períodos e as recuperações estiverem lançadas. Para conferir antes, "
    "imprima os boletins da turma.",
)
ATA_PROVISORIA = QT_TRANSLATE_NOOP(
    "relatorios",
    "Os resultados da turma {turma} em {ano} ainda não são finais: {n} alunos têm situação provisória ({nomes}). "
    "A ata de resultados finais pode ser impressa quando o ano letivo for encerrado em Configurações, ou quando "
    "todas as notas, as faltas de todos os períodos e as recuperações estiverem lançadas. Para conferir antes, "
    "imprima os boletins da turma.",
)

SEM_VALOR = "—"  # a média not yet computed, a frequência without aulas dadas
ESTA_ESCOLA = "Esta escola"  # the histórico's own years while the school is not registered
MESES = (
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
)
_PERIODO_ABREVIADO = {"bimestre": "bim.", "trimestre": "trim.", "semestre": "sem."}
# Words that agree with the aluno's sexo in running text (values, like SIM and NAO).
_FLEXOES = {
    "F": {"nascido": "nascida", "matriculado": "matriculada"},
    "M": {"nascido": "nascido", "matriculado": "matriculado"},
}
_FLEXOES_NEUTRAS = {"nascido": "nascido(a)", "matriculado": "matriculado(a)"}

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
class Texto:
    """A sentence: ``modelo`` (translatable, with ``{name}`` slots) filled with ``valores`` (data)."""

    modelo: str
    valores: tuple[tuple[str, str], ...] = ()

    def formatado(self, traduzir: Callable[[str], str] | None = None) -> str:
        """The sentence with its values; ``traduzir`` translates the pattern first (the GUI's)."""
        modelo = traduzir(self.modelo) if traduzir is not None else self.modelo
        return modelo.format(**dict(self.valores))

    def __str__(self) -> str:
        return self.formatado()


def texto(modelo: str, **valores: object) -> Texto:
    """``texto(SEM_TURMA, nome="Ana")``: the values become strings."""
    return Texto(modelo, tuple((nome, str(valor)) for nome, valor in valores.items()))


class Estilo(enum.StrEnum):
    """How a section's sentences are printed."""

    NORMAL = "normal"
    DESTAQUE = "destaque"
    """The body of a letter-like document (the atestado): larger, justified."""
    LEGENDA = "legenda"
    """Small print under a table: criteria, abbreviations."""


@dataclass(frozen=True)
class Tabela:
    """Rows under column names; ``vazia`` is what the page says when there are no rows.

    ``centralizadas`` are the indexes of the columns (numbers) printed centred; ``largura`` is
    the table's width in percent of the page's.
    """

    colunas: tuple[str, ...]
    linhas: tuple[tuple[str, ...], ...]
    vazia: str
    centralizadas: tuple[int, ...] = ()
    largura: int = 100


@dataclass(frozen=True)
class Secao:
    """A part of a document: its title (none when empty), label/value pairs, sentences and a table.

    ``campos_por_linha`` puts that many label/value pairs side by side (2 for a compact header).
    """

    titulo: str
    campos: tuple[Campo, ...] = ()
    tabela: Tabela | None = None
    paragrafos: tuple[Texto, ...] = ()
    campos_por_linha: int = 1
    estilo: Estilo = Estilo.NORMAL
    """How the sentences are printed."""


@dataclass(frozen=True)
class CabecalhoEscola:
    """The school as every report's header names it; all empty when it was not registered yet."""

    nome: str = ""
    codigo_inep: str = ""
    municipio: str = ""
    uf: str = ""
    endereco: str = ""
    telefone: str = ""

    @property
    def local(self) -> str:
        """``"Taubaté/SP"``, ``"Taubaté"`` or ``""``."""
        return "/".join(parte for parte in (self.municipio, self.uf) if parte)


@dataclass(frozen=True)
class Documento:
    """A report ready to lay out on pages.

    Attributes:
        titulo: the document's name, printed as its heading.
        emitido_em: the date of issue printed in the header.
        secoes: the body, in order.
        nome_arquivo: a file name to suggest when saving, without extension (ASCII only).
        assinaturas: the captions under the signature lines at the end (none when empty).
        escola: the school named in the header.
        local_e_data: "Taubaté, 24 de novembro de 2026" above the signatures, or "".
        paisagem: lay the pages out in landscape (wide tables).
    """

    titulo: str
    emitido_em: date
    secoes: tuple[Secao, ...]
    nome_arquivo: str
    assinaturas: tuple[str, ...] = ()
    escola: CabecalhoEscola = field(default_factory=CabecalhoEscola)
    local_e_data: str = ""
    paisagem: bool = False


@dataclass(frozen=True)
class Caderno:
    """Several documents printed as one, each from a new page (the boletins of a turma)."""

    titulo: str
    emitido_em: date
    documentos: tuple[Documento, ...]
    nome_arquivo: str

    @property
    def paisagem(self) -> bool:
        return any(d.paisagem for d in self.documentos)


Relatorio = Documento | Caderno


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


def format_nota(nota: Decimal | None, missing: str = "") -> str:
    """``Decimal("7.5")`` → ``"7,5"``; ``None`` → ``missing``."""
    return missing if nota is None else av.format_nota(nota)


def format_frequencia(aulas_dadas: int, frequencia: Decimal) -> str:
    """The frequência, or ``"—"`` while no aula was given (nothing to measure yet)."""
    return av.format_percentual(frequencia) if aulas_dadas else SEM_VALOR


def data_por_extenso(value: date) -> str:
    """``date(2026, 11, 24)`` → ``"24 de novembro de 2026"``; the first day is ``"1º"``."""
    dia = "1º" if value.day == 1 else str(value.day)
    return f"{dia} de {MESES[value.month - 1]} de {value.year}"


def local_e_data(escola: CabecalhoEscola, value: date) -> str:
    """``"Taubaté, 24 de novembro de 2026"``; only the date when the município is not known."""
    quando = data_por_extenso(value)
    return f"{escola.municipio}, {quando}" if escola.municipio else quando


def turno_texto(turno: str) -> str:
    """``"matutino"`` → ``"Matutino"`` (the label the turma form shows)."""
    return TURNO_LABELS.get(turno, turno)


def periodo_abreviado(nome: str) -> str:
    """``"1º bimestre"`` → ``"1º bim."``: narrow column names for the boletim."""
    numero, _, tipo = nome.partition(" ")
    return f"{numero} {_PERIODO_ABREVIADO[tipo]}" if tipo in _PERIODO_ABREVIADO else nome


def _artigo(serie: str) -> str:
    """``"no"`` 6º ano, ``"na"`` 1ª série: the contraction before the série's name."""
    words = normalize_text(serie)
    feminine = "ª" in serie or any(w in words for w in ("serie", "etapa", "fase", "classe", "turma"))
    return "na" if feminine else "no"


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


# --- the school ---------------------------------------------------------------------


def cabecalho_da_escola(engine: Engine) -> CabecalhoEscola:
    """The school's data for the header; empty values while it is not registered."""
    data = EscolaService(engine).get()
    if data is None:
        return CabecalhoEscola()
    return CabecalhoEscola(
        nome=data.nome,
        codigo_inep=data.codigo_inep or "",
        municipio=data.municipio or "",
        uf=data.uf or "",
        endereco=data.endereco or "",
        telefone=data.telefone or "",
    )


def _minimo(valor: Decimal) -> str:
    """``Decimal(75)`` → ``"75 %"``; ``Decimal("62.5")`` → ``"62,5 %"``."""
    return f"{format(Decimal(valor).normalize(), 'f')} %".replace(".", ",")


def _criterios(regra: av.RegraAvaliacao) -> Texto:
    return texto(CRITERIOS, media=av.format_nota(regra.media_aprovacao), frequencia=_minimo(regra.frequencia_minima))


# --- boletim ----------------------------------------------------------------------------


def _faltas_texto(faltas: Sequence[int | None], total: int) -> str:
    """The total faltas, or nothing while no frequência was recorded."""
    return str(total) if any(f is not None for f in faltas) else ""


def documento_do_boletim(boletim: Boletim, escola: CabecalhoEscola, emitido_em: date) -> Documento:
    """One enturmação's boletim: identification, notas per período, média, faltas, frequência
    and situação per disciplina, then the year's result (with the motivo of an override)."""
    regra = boletim.regra
    rec_final = regra.recuperacao is av.RegraRecuperacao.SUBSTITUI_MEDIA
    rec_periodo = regra.recuperacao is av.RegraRecuperacao.SUBSTITUI_MENOR_NOTA

    campos = [
        Campo(ROTULO_ALUNO, boletim.aluno_nome),
        Campo(ROTULO_RA, boletim.ra),
        Campo(ROTULO_TURMA, boletim.turma_nome),
        Campo(ROTULO_SERIE, boletim.serie),
        Campo(ROTULO_TURNO, turno_texto(boletim.turno)),
        Campo(ROTULO_ANO_LETIVO, str(boletim.ano)),
    ]
    if boletim.data_saida is not None:
        campos.append(Campo(ROTULO_SAIDA, format_date(boletim.data_saida)))
    identificacao = Secao(SECAO_IDENTIFICACAO, tuple(campos), campos_por_linha=2)

    colunas = [COLUNA_DISCIPLINA, *(periodo_abreviado(p) for p in boletim.periodos)]
    if rec_final:
        colunas.append(COLUNA_REC_FINAL)
    colunas += [COLUNA_MEDIA, COLUNA_FALTAS, COLUNA_FREQUENCIA, COLUNA_SITUACAO]
    linhas = []
    for linha in boletim.linhas:
        notas = []
        for nota, recuperacao in zip(linha.notas, linha.recuperacoes, strict=True):
            cell = format_nota(nota)
            if rec_periodo and recuperacao is not None:
                cell = f"{cell} ({format_nota(recuperacao)})".strip()
            notas.append(cell)
        row = [linha.disciplina, *notas]
        if rec_final:
            row.append(format_nota(linha.recuperacao_final))
        row += [
            format_nota(linha.resultado.media, SEM_VALOR),
            _faltas_texto(linha.faltas, linha.faltas_total),
            format_frequencia(linha.aulas_dadas, linha.resultado.frequencia),
            linha.resultado.situacao.efetiva.label,
        ]
        linhas.append(tuple(row))
    notas_secao = Secao(
        SECAO_NOTAS,
        tabela=Tabela(tuple(colunas), tuple(linhas), SEM_DISCIPLINAS, tuple(range(1, len(colunas) - 1))),
    )

    resultado = boletim.resultado
    provisorio = resultado.situacao.provisoria
    frequencia = format_frequencia(resultado.aulas_dadas, resultado.frequencia)
    if resultado.aulas_dadas:
        frequencia += f" ({resultado.faltas} faltas em {resultado.aulas_dadas} aulas)"
    resumo = [
        Campo(ROTULO_FREQUENCIA_ATE_AGORA if provisorio else ROTULO_FREQUENCIA_ANO, frequencia),
        Campo(ROTULO_SITUACAO_ATE_AGORA if provisorio else ROTULO_SITUACAO_FINAL, resultado.situacao.efetiva.label),
    ]
    manual = resultado.situacao.manual
    if manual is not None:
        resumo.append(Campo(ROTULO_MOTIVO, manual.motivo))
        if resultado.situacao.alterada_manualmente:
            resumo.append(Campo(ROTULO_SITUACAO_CALCULADA, resultado.situacao.calculada.label))
    legendas = [Texto(LEGENDA_PROVISORIA)] if provisorio else []
    legendas.append(_criterios(regra))
    if rec_periodo:
        legendas.append(Texto(LEGENDA_REC_PERIODO))
    if rec_final:
        legendas.append(Texto(LEGENDA_REC_FINAL))
    resultado_secao = Secao(SECAO_RESULTADO, tuple(resumo))
    legenda_secao = Secao("", paragrafos=tuple(legendas), estilo=Estilo.LEGENDA)

    return Documento(
        titulo=BOLETIM_TITULO,
        emitido_em=emitido_em,
        secoes=(identificacao, notas_secao, resultado_secao, legenda_secao),
        nome_arquivo=f"boletim-{file_name_part(boletim.aluno_nome)}-{boletim.ano}",
        escola=escola,
    )


def boletim(engine: Engine, enturmacao_id: int, today: date | None = None) -> Documento:
    """The boletim of one enturmação (an aluno in a turma).

    Raises:
        RecordNotFoundError: no enturmação has ``enturmacao_id``.
    """
    dados = DiarioService(engine).boletim(enturmacao_id)
    return documento_do_boletim(dados, cabecalho_da_escola(engine), today or date.today())


def enturmacao_do_boletim(engine: Engine, aluno_id: int, ano: int | None = None) -> int:
    """The enturmação whose boletim stands for the aluno: in the latest ano letivo (or ``ano``),
    the one the aluno is still in, else the last one entered.

    Raises:
        RecordNotFoundError: no aluno has ``aluno_id``.
        NadaParaImprimirError: the aluno was in no turma (in ``ano``, when given).
    """
    with Session(engine) as session:
        aluno = session.get(Aluno, aluno_id)
        if aluno is None:
            raise RecordNotFoundError(f"aluno {aluno_id}")
        query = (
            select(Enturmacao.id, AnoLetivo.ano, Enturmacao.data_entrada, Enturmacao.data_saida)
            .join(Turma, Enturmacao.turma_id == Turma.id)
            .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
            .where(Enturmacao.aluno_id == aluno_id)
        )
        if ano is not None:
            query = query.where(AnoLetivo.ano == ano)
        rows = session.execute(query).all()
        if not rows:
            motivo = (
                texto(SEM_TURMA, nome=aluno.nome) if ano is None else texto(SEM_TURMA_NO_ANO, nome=aluno.nome, ano=ano)
            )
            raise NadaParaImprimirError(motivo)
    ultimo = max(r.ano for r in rows)
    return max((r for r in rows if r.ano == ultimo), key=lambda r: (r.data_saida is None, r.data_entrada, r.id)).id


def boletim_do_aluno(engine: Engine, aluno_id: int, ano: int | None = None, today: date | None = None) -> Documento:
    """The aluno's boletim of the latest ano letivo (or of ``ano``); see :func:`enturmacao_do_boletim`."""
    return boletim(engine, enturmacao_do_boletim(engine, aluno_id, ano), today)


def _turma_nome(engine: Engine, turma_id: int) -> tuple[str, int]:
    with Session(engine) as session:
        turma = session.get(Turma, turma_id)
        if turma is None:
            raise RecordNotFoundError(f"turma {turma_id}")
        return turma.nome, turma.ano_letivo.ano


def boletins_da_turma(engine: Engine, turma_id: int, today: date | None = None) -> Caderno:
    """The boletim of every aluno still in the turma, by name, each on its own pages. Their
    file names differ (the RA is added when two alunos have the same name).

    Raises:
        RecordNotFoundError: no turma has ``turma_id``.
        NadaParaImprimirError: the turma has no alunos.
    """
    boletins = DiarioService(engine).boletins_da_turma(turma_id)
    nome, ano = _turma_nome(engine, turma_id)
    if not boletins:
        raise NadaParaImprimirError(texto(TURMA_SEM_ALUNOS, turma=nome))
    escola = cabecalho_da_escola(engine)
    emitido_em = today or date.today()
    nome_arquivo = f"boletins-{file_name_part(nome)}-{ano}"
    documentos = []
    usados = {nome_arquivo}
    for b in boletins:
        documento = documento_do_boletim(b, escola, emitido_em)
        if documento.nome_arquivo in usados:  # two alunos with the same name: the RA tells them apart
            documento = replace(documento, nome_arquivo=f"{documento.nome_arquivo}-{file_name_part(b.ra)}")
        usados.add(documento.nome_arquivo)
        documentos.append(documento)
    return Caderno(BOLETINS_TITULO, emitido_em, tuple(documentos), nome_arquivo)


# --- histórico escolar ------------------------------------------------------------------


def _carga_horaria(horas: int | None) -> str:
    return f"{horas} h" if horas else SEM_VALOR


def _carga_do_ano(horas: Sequence[int | None]) -> int | None:
    """The year's carga horária: the sum of its disciplinas', when every one is known."""
    return sum(h for h in horas if h is not None) if horas and all(h is not None for h in horas) else None


def _local(municipio: str | None, uf: str | None) -> str:
    return "/".join(parte for parte in (municipio, uf) if parte)


def _media_ou_conceito(media: Decimal | None, conceito: str | None) -> str:
    return format_nota(media) if media is not None else conceito or SEM_VALOR


def historico_escolar(engine: Engine, aluno_id: int, today: date | None = None) -> Documento:
    """The aluno's identification, each ano letivo's result and every disciplina's média final.

    The years done in other schools (:class:`~escola_gui.core.historico_externo.HistoricoExternoService`)
    come in order of ano with the years done here (a year begun elsewhere before the one ended
    here); then the table of years names each one's school, its município/UF and carga horária,
    and a note says that those years are as the documents presented give them.

    Raises:
        RecordNotFoundError: no aluno has ``aluno_id``.
        NadaParaImprimirError: the aluno was never in a turma, here or (as recorded) elsewhere.
    """
    boletins = DiarioService(engine).historico(aluno_id)
    externos = HistoricoExternoService(engine).list_for_aluno(aluno_id)
    with Session(engine) as session:
        aluno = session.get(Aluno, aluno_id)
        if aluno is None:
            raise RecordNotFoundError(f"aluno {aluno_id}")
        nome, ra = aluno.nome, aluno.ra
        nascimento = format_date(aluno.data_nascimento)
        sexo = SEXO_TEXTO.get(aluno.sexo or "", NAO_INFORMADO)
    if not boletins and not externos:
        raise NadaParaImprimirError(texto(SEM_HISTORICO, nome=nome))
    escola = cabecalho_da_escola(engine)
    emitido_em = today or date.today()
    # Oldest first; in the same ano, a year done elsewhere before the one done here.
    anos_cursados: list[Boletim | HistoricoExternoRow] = sorted(
        [*externos, *boletins],
        key=lambda item: (item.dados.ano, 0) if isinstance(item, HistoricoExternoRow) else (item.ano, 1),
    )

    identificacao = Secao(
        SECAO_IDENTIFICACAO,
        (
            Campo(ROTULO_NOME, nome),
            Campo(ROTULO_RA, ra),
            Campo(ROTULO_NASCIMENTO, nascimento),
            Campo(ROTULO_SEXO, sexo),
        ),
        campos_por_linha=2,
    )
    if externos:
        anos = Secao(
            SECAO_ANOS,
            tabela=Tabela(
                (
                    COLUNA_ANO,
                    ROTULO_SERIE,
                    COLUNA_ESCOLA,
                    COLUNA_CARGA_HORARIA,
                    COLUNA_FREQUENCIA,
                    COLUNA_SITUACAO_FINAL,
                ),
                tuple(_linha_do_ano(item, escola) for item in anos_cursados),
                SEM_ANOS,
                (0, 3, 4),
            ),
        )
    else:
        anos = Secao(
            SECAO_ANOS,
            tabela=Tabela(
                (COLUNA_ANO, ROTULO_SERIE, ROTULO_TURMA, COLUNA_FREQUENCIA, COLUNA_SITUACAO_FINAL),
                tuple(
                    (
                        str(b.ano),
                        b.serie,
                        b.turma_nome,
                        format_frequencia(b.resultado.aulas_dadas, b.resultado.frequencia),
                        b.situacao.label,
                    )
                    for b in boletins
                ),
                SEM_ANOS,
                (0, 3),
            ),
        )
    componentes_linhas: list[tuple[str, ...]] = []
    for item in anos_cursados:
        if isinstance(item, HistoricoExternoRow):
            dados = item.dados
            componentes_linhas += [
                (
                    str(dados.ano),
                    dados.serie,
                    d.disciplina,
                    _carga_horaria(d.carga_horaria),  # type: ignore[arg-type]
                    _media_ou_conceito(d.media, d.conceito),  # type: ignore[arg-type]
                    SEM_VALOR,  # the documents give the year's situação, not each disciplina's
                )
                for d in dados.disciplinas
            ]
        else:
            componentes_linhas += [
                (
                    str(item.ano),
                    item.serie,
                    linha.disciplina,
                    _carga_horaria(linha.carga_horaria),
                    format_nota(linha.resultado.media, SEM_VALOR),
                    linha.resultado.situacao.efetiva.label,
                )
                for linha in item.linhas
            ]
    com_conceito = any(d.conceito for h in externos for d in h.dados.disciplinas)
    componentes = Secao(
        SECAO_COMPONENTES,
        tabela=Tabela(
            (
                COLUNA_ANO,
                ROTULO_SERIE,
                COLUNA_DISCIPLINA,
                COLUNA_CARGA_HORARIA,
                COLUNA_MEDIA_OU_CONCEITO if com_conceito else COLUNA_MEDIA_FINAL,
                COLUNA_SITUACAO,
            ),
            tuple(componentes_linhas),
            SEM_DISCIPLINAS_HISTORICO if externos else SEM_DISCIPLINAS,
            (0, 3, 4),
        ),
    )
    secoes = [identificacao, anos, componentes]
    observacoes: list[Texto] = [Texto(NOTA_OUTRAS_ESCOLAS)] if externos else []
    for item in anos_cursados:
        if isinstance(item, HistoricoExternoRow):
            if item.dados.observacoes:
                observacoes.append(
                    texto(
                        OBSERVACAO_OUTRA_ESCOLA,
                        ano=item.dados.ano,
                        serie=item.dados.serie,
                        escola=item.dados.escola,
                        observacoes=" ".join(item.dados.observacoes.split()),
                    )
                )
        elif item.resultado.situacao.manual is not None:
            observacoes.append(
                texto(
                    SITUACAO_ALTERADA_NO_ANO,
                    ano=item.ano,
                    turma=item.turma_nome,
                    situacao=item.situacao.label,
                    motivo=item.resultado.situacao.manual.motivo,
                )
            )
    if observacoes:
        secoes.append(Secao(SECAO_OBSERVACOES, paragrafos=tuple(observacoes)))
    return Documento(
        titulo=HISTORICO_TITULO,
        emitido_em=emitido_em,
        secoes=tuple(secoes),
        nome_arquivo=f"historico-{file_name_part(nome)}",
        assinaturas=(ASSINATURA_SECRETARIO, ASSINATURA_DIRETOR),
        escola=escola,
        local_e_data=local_e_data(escola, emitido_em),
    )


def _linha_do_ano(item: Boletim | HistoricoExternoRow, escola: CabecalhoEscola) -> tuple[str, ...]:
    """A row of the table of years when some were done elsewhere: each names its school, and
    under it the município/UF."""
    if isinstance(item, HistoricoExternoRow):
        dados = item.dados
        # The total the documents give, else the sum of the disciplinas' (as the years done here).
        horas = [d.carga_horaria for d in dados.disciplinas]
        carga = dados.carga_horaria_total or _carga_do_ano(horas)  # type: ignore[arg-type]
        frequencia = dados.frequencia
        return (
            str(dados.ano),
            dados.serie,
            _escola_e_local(dados.escola, _local(dados.municipio, dados.uf)),
            _carga_horaria(carga),  # type: ignore[arg-type]
            SEM_VALOR if frequencia is None else av.format_percentual(frequencia),  # type: ignore[arg-type]
            item.situacao.label,
        )
    return (
        str(item.ano),
        item.serie,
        _escola_e_local(escola.nome or ESTA_ESCOLA, escola.local),
        _carga_horaria(_carga_do_ano([linha.carga_horaria for linha in item.linhas])),
        format_frequencia(item.resultado.aulas_dadas, item.resultado.frequencia),
        item.situacao.label,
    )


def _escola_e_local(nome: str, local: str) -> str:
    """The school's name, and on a second line its município/UF when known."""
    return f"{nome}\n{local}" if local else nome


# --- atestado de matrícula --------------------------------------------------------------


def atestado_de_matricula(engine: Engine, aluno_id: int, today: date | None = None) -> Documento:
    """ "Atestamos que ... está regularmente matriculado(a) no 6º ano ...", from the aluno's
    current enturmação: the latest one without data de saída in an ano letivo not closed.

    Raises:
        RecordNotFoundError: no aluno has ``aluno_id``.
        NadaParaImprimirError: the aluno is in no turma of an ano letivo in progress.
    """
    with Session(engine) as session:
        aluno = session.get(Aluno, aluno_id)
        if aluno is None:
            raise RecordNotFoundError(f"aluno {aluno_id}")
        atual = session.execute(
            select(Turma.nome, Turma.serie, Turma.turno, AnoLetivo.ano)
            .join(Enturmacao, Enturmacao.turma_id == Turma.id)
            .join(AnoLetivo, Turma.ano_letivo_id == AnoLetivo.id)
            .where(
                Enturmacao.aluno_id == aluno_id,
                Enturmacao.data_saida.is_(None),
                AnoLetivo.encerrado.is_(False),
            )
            .order_by(AnoLetivo.ano.desc(), Enturmacao.data_entrada.desc(), Enturmacao.id.desc())
            .limit(1)
        ).first()
        nome, ra, nascimento, sexo = aluno.nome, aluno.ra, aluno.data_nascimento, aluno.sexo
    if atual is None:
        raise NadaParaImprimirError(texto(SEM_MATRICULA_ATUAL, nome=nome))
    turma, serie, turno, ano = atual
    flexoes = _FLEXOES.get(sexo or "", _FLEXOES_NEUTRAS)
    valores = {
        "nome": nome,
        "ra": ra,
        "matriculado": flexoes["matriculado"],
        "no": _artigo(serie),
        "serie": serie,
        "turma": turma,
        "turno": turno_texto(turno).lower(),
        "ano": ano,
    }
    if nascimento is not None:
        sentenca = texto(ATESTADO_TEXTO, nascido=flexoes["nascido"], nascimento=format_date(nascimento), **valores)
    else:
        sentenca = texto(ATESTADO_TEXTO_SEM_NASCIMENTO, **valores)
    escola = cabecalho_da_escola(engine)
    emitido_em = today or date.today()
    return Documento(
        titulo=ATESTADO_TITULO,
        emitido_em=emitido_em,
        secoes=(Secao("", paragrafos=(sentenca, Texto(ATESTADO_FECHO)), estilo=Estilo.DESTAQUE),),
        nome_arquivo=f"atestado-{file_name_part(nome)}",
        assinaturas=(ASSINATURA_SECRETARIO,),
        escola=escola,
        local_e_data=local_e_data(escola, emitido_em),
    )


# --- ata de resultados finais -----------------------------------------------------------


def ata_de_resultados(engine: Engine, turma_id: int, today: date | None = None) -> Documento:
    """Every aluno who was in the turma (those who left too) with the média final of each
    disciplina, the frequência in the year and the situação final; then the count of each
    situação and the motivo of every situação set by hand. Printed in landscape.

    The ata is final by definition: while an aluno's situação is still provisional (the
    ano letivo is not encerrado and not everything is entered, see
    :func:`~escola_gui.core.avaliacao.resultado_definitivo`), it is refused, saying why.

    Raises:
        RecordNotFoundError: no turma has ``turma_id``.
        NadaParaImprimirError: the turma never had alunos, or its results are not final yet.
    """
    boletins = DiarioService(engine).boletins_da_turma(turma_id, incluir_saidas=True)
    with Session(engine) as session:
        turma = session.get(Turma, turma_id)
        if turma is None:
            raise RecordNotFoundError(f"turma {turma_id}")
        nome, serie, turno, ano = turma.nome, turma.serie, turma.turno, turma.ano_letivo.ano
        regra = regra_do_ano(turma.ano_letivo)
        disciplinas = session.execute(
            select(Disciplina.nome, Disciplina.abreviatura)
            .join(TurmaDisciplina, TurmaDisciplina.disciplina_id == Disciplina.id)
            .where(TurmaDisciplina.turma_id == turma_id)
            .order_by(TurmaDisciplina.id)
        ).all()
    if not boletins:
        raise NadaParaImprimirError(texto(ATA_SEM_ALUNOS, turma=nome))
    provisorios = [b.aluno_nome for b in boletins if b.resultado.situacao.provisoria]
    if provisorios:
        modelo = ATA_PROVISORIA_1 if len(provisorios) == 1 else ATA_PROVISORIA
        nomes = ", ".join(provisorios[:5]) + (", …" if len(provisorios) > 5 else "")
        raise NadaParaImprimirError(texto(modelo, turma=nome, ano=ano, n=len(provisorios), nomes=nomes))
    escola = cabecalho_da_escola(engine)
    emitido_em = today or date.today()

    # The opening sentence names the turma, série, turno and ano; a grid of the same fields
    # would only push the signatures of a small turma onto a page of their own.
    identificacao = Secao(
        SECAO_IDENTIFICACAO,
        paragrafos=(texto(ATA_ABERTURA, turma=nome, serie=serie, turno=turno_texto(turno).lower(), ano=ano),),
    )
    cabecalhos = tuple((abreviatura or disciplina).strip() for disciplina, abreviatura in disciplinas)
    linhas = []
    for numero, b in enumerate(boletins, start=1):
        medias = {linha.disciplina: format_nota(linha.resultado.media, SEM_VALOR) for linha in b.linhas}
        linhas.append(
            (
                str(numero),
                b.aluno_nome,
                b.ra,
                *(medias.get(disciplina, SEM_VALOR) for disciplina, _abreviatura in disciplinas),
                format_frequencia(b.resultado.aulas_dadas, b.resultado.frequencia),
                b.situacao.label,
            )
        )
    colunas = (COLUNA_NUMERO, COLUNA_ALUNO, ROTULO_RA, *cabecalhos, COLUNA_FREQUENCIA, COLUNA_SITUACAO_FINAL)
    legendas = [_criterios(regra)]
    abreviadas = [(a.strip(), d) for d, a in disciplinas if a and a.strip() != d]
    if abreviadas:
        legendas.append(texto(LEGENDA_DISCIPLINAS, lista="; ".join(f"{a} = {d}" for a, d in abreviadas)))
    resultados = Secao(
        SECAO_RESULTADOS,
        tabela=Tabela(colunas, tuple(linhas), SEM_DISCIPLINAS, (0, *range(3, len(colunas) - 1))),
    )
    legenda = Secao("", paragrafos=tuple(legendas), estilo=Estilo.LEGENDA)

    contagem = Counter(b.situacao for b in boletins)
    resumo = Secao(
        SECAO_RESUMO,
        tabela=Tabela(
            (COLUNA_SITUACAO_FINAL, COLUNA_ALUNOS),
            tuple((s.label, str(contagem[s])) for s in av.Situacao if contagem[s]) + ((TOTAL, str(len(boletins))),),
            SEM_DISCIPLINAS,
            (1,),
            largura=40,
        ),
    )
    secoes = [identificacao, resultados, legenda, resumo]
    observacoes = []
    for b in boletins:
        manual = b.resultado.situacao.manual
        if manual is not None:
            situacao = b.situacao.label
            if b.data_saida is not None:
                situacao += f" em {format_date(b.data_saida)}"
            observacoes.append(texto(SITUACAO_ALTERADA, aluno=b.aluno_nome, situacao=situacao, motivo=manual.motivo))
    if observacoes:
        secoes.append(Secao(SECAO_OBSERVACOES, paragrafos=tuple(observacoes)))
    return Documento(
        titulo=ATA_TITULO,
        emitido_em=emitido_em,
        secoes=tuple(secoes),
        nome_arquivo=f"ata-{file_name_part(nome)}-{ano}",
        assinaturas=(ASSINATURA_SECRETARIO, ASSINATURA_DIRETOR),
        escola=escola,
        local_e_data=local_e_data(escola, emitido_em),
        paisagem=True,
    )


# --- the service -----------------------------------------------------------------------


class RelatorioService:
    """The data of each report, over one engine (the GUI lays it out and prints it)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def ficha_do_aluno(self, aluno_id: int) -> FichaAluno:
        """See :func:`~escola_gui.core.relatorios.ficha_do_aluno`; raises RecordNotFoundError."""
        return ficha_do_aluno(self._engine, aluno_id)

    # The school-year reports, ready to lay out. Each raises RecordNotFoundError for an unknown
    # id and errors.NadaParaImprimirError (with the reason) when there is nothing to print.

    def boletim(self, enturmacao_id: int, today: date | None = None) -> Documento:
        """The boletim of one enturmação (an aluno in a turma, in one ano letivo)."""
        return boletim(self._engine, enturmacao_id, today)

    def boletim_do_aluno(self, aluno_id: int, ano: int | None = None, today: date | None = None) -> Documento:
        """The aluno's boletim of the latest ano letivo, or of ``ano``."""
        return boletim_do_aluno(self._engine, aluno_id, ano, today)

    def boletins_da_turma(self, turma_id: int, today: date | None = None) -> Caderno:
        """The boletins of every aluno in the turma, one after the other, for one PDF."""
        return boletins_da_turma(self._engine, turma_id, today)

    def historico_escolar(self, aluno_id: int, today: date | None = None) -> Documento:
        """See :func:`historico_escolar`."""
        return historico_escolar(self._engine, aluno_id, today)

    def atestado_de_matricula(self, aluno_id: int, today: date | None = None) -> Documento:
        """See :func:`atestado_de_matricula`."""
        return atestado_de_matricula(self._engine, aluno_id, today)

    def ata_de_resultados(self, turma_id: int, today: date | None = None) -> Documento:
        """See :func:`ata_de_resultados` (a landscape page)."""
        return ata_de_resultados(self._engine, turma_id, today)


__all__ = [
    "RelatorioService",
    "CabecalhoEscola",
    "Caderno",
    "Campo",
    "Documento",
    "Estilo",
    "FichaAluno",
    "MatriculaFicha",
    "Relatorio",
    "ResponsavelFicha",
    "Secao",
    "Tabela",
    "Texto",
    "ata_de_resultados",
    "atestado_de_matricula",
    "boletim",
    "boletim_do_aluno",
    "boletins_da_turma",
    "cabecalho_da_escola",
    "data_por_extenso",
    "documento_do_boletim",
    "enturmacao_do_boletim",
    "ficha_do_aluno",
    "file_name_part",
    "format_bool",
    "format_date",
    "format_frequencia",
    "format_nota",
    "historico_escolar",
    "local_e_data",
    "texto",
]
