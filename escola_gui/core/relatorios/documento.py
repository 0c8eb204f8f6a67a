"""The generic document every report fills: header of the school, title, sections of fields,
sentences and tables, place and date, signatures; a Caderno binds several."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


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
