"""The names the import takes from :mod:`escola_gui.core.services`, in one place: the aluno's
and the responsável's data and forms' checks, their contatos, and the next RA."""

from __future__ import annotations

from escola_gui.core.services import _ALUNO_COLUMNS as ALUNO_ROW_FIELDS  # what new_aluno() copies
from escola_gui.core.services import (
    CONTATO_FIELDS,
    EMAIL,
    TELEFONE,
    UNIQUE_ALUNO_FIELDS,
    AlunoData,
    AlunoLookup,
    AlunoService,
    ResponsavelData,
    ResponsavelService,
    next_ra,
)

__all__ = [
    "ALUNO_ROW_FIELDS",
    "CONTATO_FIELDS",
    "EMAIL",
    "TELEFONE",
    "UNIQUE_ALUNO_FIELDS",
    "AlunoData",
    "AlunoLookup",
    "AlunoService",
    "ResponsavelData",
    "ResponsavelService",
    "next_ra",
]
