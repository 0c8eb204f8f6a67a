"""One line of the Alunos list: what the list shows of an aluno. A leaf (no SQLAlchemy), so that
the first page read at launch (:mod:`escola_gui.core.first_page`) and the service
(:mod:`escola_gui.core.alunos`) hand the list the same rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class AlunoRow:
    id: int
    nome: str
    email: str | None
    cpf: str | None
    data_nascimento: date | None
    ativo: bool
    telefones: tuple[str, ...] = ()
    ra: str = ""
    nome_social: str | None = None
    sexo: str | None = None
    cor_raca: str | None = None
    rg: str | None = None
    certidao_nascimento: str | None = None
    nis: str | None = None
    codigo_inep: str | None = None
