"""The school's header and the evaluation rule's wording, shared by the documents of a year."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Engine

from escola_gui.core import avaliacao as av
from escola_gui.core.escola import EscolaService
from escola_gui.core.relatorios.documento import CabecalhoEscola, Texto, texto
from escola_gui.core.relatorios.textos import CRITERIOS


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


def criterios(regra: av.RegraAvaliacao) -> Texto:
    return texto(CRITERIOS, media=av.format_nota(regra.media_aprovacao), frequencia=_minimo(regra.frequencia_minima))
