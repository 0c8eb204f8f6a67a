"""What the import works out: a line as parsed (:class:`Candidate`), what a good line does
(:class:`RowAction`) or why a line cannot be imported (:class:`BadRow`), the whole plan
(:class:`ImportPreview`) and what apply() wrote (:class:`ImportResult`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from escola_gui.core.alunos import AlunoData
from escola_gui.core.importacao.headers import HeaderMap
from escola_gui.core.importacao.snapshot import Snapshot
from escola_gui.core.responsaveis import ResponsavelData


@dataclass(frozen=True)
class Problem:
    field: str
    message: str
    """A constant of :mod:`~escola_gui.core.importacao.messages` or of :mod:`~escola_gui.core.validation`
    (translatable)."""
    detail: str = ""
    """The value read, or the other lines: shown after the message."""
    column: str = ""
    """The column of the file (its header) the problem is in; empty for the line as a whole."""

    @property
    def text(self) -> str:
        text = f"{self.message} ({self.detail})" if self.detail else self.message
        return f"{self.column}: {text}" if self.column else text


@dataclass(frozen=True)
class BadRow:
    line: int
    problems: tuple[Problem, ...]
    nome: str = ""
    """The aluno's nome as the line gives it (maybe blank): the secretary finds a line by it."""

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(p.text for p in self.problems)


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: object
    after: object


@dataclass(frozen=True)
class ResponsavelAction:
    """What a line does with one responsável of its aluno.

    ``key`` names the person within the import: lines with the same key are the same person
    (a new responsável shared by siblings is created once).
    """

    papel: str
    """Whose columns: ``"mae"``, ``"pai"`` or ``"responsavel"``."""
    key: str
    data: ResponsavelData
    """The person after the import: normalized, the stored values with the file's over them."""
    responsavel_id: int | None
    """The registered responsável, or None for a new one."""
    parentesco: str
    legal: bool
    """The link's responsável legal flag after the import."""
    new_link: bool
    responsavel_changes: tuple[FieldChange, ...] = ()
    """Changes to a registered responsável: nome, cpf, telefones."""
    link_changes: tuple[FieldChange, ...] = ()
    """Changes to a registered link: parentesco, responsavel_legal."""

    @property
    def new_responsavel(self) -> bool:
        return self.responsavel_id is None

    @property
    def changed(self) -> bool:
        return self.new_responsavel or self.new_link or bool(self.responsavel_changes or self.link_changes)


@dataclass(frozen=True)
class Conflict:
    """A line that matches a registered aluno whose identifying fields say otherwise: maybe
    another child. Applied only when the user confirms that line."""

    matched_by: str
    """``"ra"``, ``"cpf"`` or ``"nome"`` (nome and data de nascimento)."""
    differences: tuple[FieldChange, ...]
    """The identifying fields that differ: ``before`` registered, ``after`` in the file.
    Fields: nome, data_nascimento, cpf, mae_nome, mae_cpf."""


CONFLITO_TEXTO = {
    "ra": "o RA é o de um aluno cadastrado",
    "cpf": "o CPF é o de um aluno cadastrado",
    "nome": "nome e data de nascimento são os de um aluno cadastrado sem CPF",
}
"""Why a conflicting line matched a registered aluno (Portuguese, for the command line)."""


@dataclass(frozen=True)
class RowAction:
    """A good line: the aluno it becomes (``aluno_id`` None) or updates, what changes, and its responsáveis."""

    line: int
    data: AlunoData
    """Normalized; for an update, the stored values with the file's filled cells over them."""
    aluno_id: int | None = None
    changes: tuple[FieldChange, ...] = ()
    responsaveis: tuple[ResponsavelAction, ...] = ()
    legal_removed: tuple[tuple[int, str], ...] = ()
    """(id, nome) of the aluno's registered responsáveis that stop being the responsável legal."""
    conflict: Conflict | None = None
    """Set for an update whose identifying fields disagree with the registered aluno."""

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.legal_removed) or any(r.changed for r in self.responsaveis)


@dataclass(frozen=True)
class Slot:
    """The mãe, the pai or the other responsável of a line, as parsed (several when the same person)."""

    papeis: tuple[str, ...]
    nome: str | None
    cpf: str | None
    telefones: tuple[str, ...]
    parentesco: str | None
    """The mãe's and the pai's are fixed; the other one's comes from its Parentesco cell, if filled."""
    legal: bool
    columns: tuple[tuple[str, str], ...]
    """(nome|cpf|telefones, the column's header), to name the column of a problem."""

    def column(self, name: str) -> str:
        return dict(self.columns).get(name, "")

    def field(self, name: str) -> str:
        return f"{self.papeis[0]}_{name}"


@dataclass(frozen=True)
class Candidate:
    """A line as parsed: the normalized values of its filled cells and its parse problems."""

    line: int
    values: dict[str, object]
    raw: dict[str, str]
    problems: tuple[Problem, ...]
    slots: tuple[Slot, ...] = ()
    legal_given: bool = False
    """Responsável legal was filled: the line says who is (and so who is not) the legal one."""


@dataclass(frozen=True)
class ImportPreview:
    path: Path
    header_map: HeaderMap
    inserts: tuple[RowAction, ...]
    updates: tuple[RowAction, ...]
    unchanged: tuple[RowAction, ...]
    bad_rows: tuple[BadRow, ...]
    today: date
    _candidates: tuple[Candidate, ...] = field(repr=False, default=())
    _snapshot: Snapshot | None = field(repr=False, compare=False, default=None)
    """The database as the preview read it: apply() plans again only if it changed."""
    conflicts: tuple[RowAction, ...] = ()
    """Updates whose identifying fields disagree (see :class:`Conflict`): written only for the
    lines the user confirms (``apply(confirmed=...)``); the others are left out."""
    set_aside: tuple[BadRow, ...] = ()
    """A plan of the valid lines only (:func:`~escola_gui.core.importacao.flow.valid_lines`): the
    lines left out, with their reasons."""

    @property
    def can_apply(self) -> bool:
        return not self.bad_rows

    def _responsavel_actions(self) -> Iterable[ResponsavelAction]:
        return (r for action in self.inserts + self.updates for r in action.responsaveis)

    def confirming(self, lines: Iterable[int]) -> ImportPreview:
        """This plan with the conflicts of ``lines`` as updates and the other conflicts left out."""
        chosen = set(lines)
        updates = sorted(self.updates + tuple(a for a in self.conflicts if a.line in chosen), key=lambda a: a.line)
        return replace(self, updates=tuple(updates), conflicts=())

    @property
    def responsaveis_novos(self) -> int:
        """How many responsáveis the import creates (one shared by siblings counts once)."""
        return len({r.key for r in self._responsavel_actions() if r.new_responsavel})

    @property
    def responsaveis_atualizados(self) -> int:
        """How many registered responsáveis change (nome, CPF or a new phone)."""
        return len({r.responsavel_id for r in self._responsavel_actions() if r.responsavel_changes})

    @property
    def vinculos_novos(self) -> int:
        """How many links between an aluno and a responsável the import creates."""
        return sum(r.new_link for r in self._responsavel_actions())

    @property
    def vinculos_alterados(self) -> int:
        """How many registered links change (parentesco, responsável legal)."""
        removed = sum(len(action.legal_removed) for action in self.inserts + self.updates)
        return removed + sum(bool(r.link_changes) for r in self._responsavel_actions())


@dataclass(frozen=True)
class ImportResult:
    inserted: int
    updated: int
    unchanged: int
    inserted_ids: tuple[int, ...] = ()
    responsaveis_novos: int = 0
    responsaveis_atualizados: int = 0
    vinculos_novos: int = 0
    vinculos_alterados: int = 0
    conflicts_skipped: int = 0
    """Conflicting lines the user did not confirm: left out."""
    set_aside: int = 0
    """Lines with problems left out (an import of the valid lines only)."""
