"""The database as the import sees it: every aluno and responsável, their contatos and links,
read once, with the indexes the matching needs (by CPF, by RA, by nome and data de nascimento).

The preview plans from a snapshot; apply() reads one again inside its transaction and plans
again only if it differs; the export writes one."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from escola_gui.core import validation as v
from escola_gui.core.alunos import CONTATO_FIELDS, AlunoData
from escola_gui.core.common import EMAIL, TELEFONE
from escola_gui.core.db import normalize_text
from escola_gui.core.models import Aluno, AlunoResponsavel, Contato, ContatoResponsavel, Responsavel
from escola_gui.core.responsaveis import ResponsavelData


def identity(nome: str, born: date | None) -> tuple[str, date | None]:
    """Who an aluno without CPF is: the nome (ignoring accents, case and extra spaces) and the
    data de nascimento."""
    return normalize_text(v.normalize_nome(nome)), born


def ra_number(ra: str) -> str | None:
    """An all-digit RA without its leading zeros, which Excel drops."""
    return ra.lstrip("0") or "0" if ra.isascii() and ra.isdigit() else None


# The AlunoData fields that are columns of Aluno with the same name (as services._copy_fields).
_ALUNO_COLUMNS = tuple(
    f.name for f in fields(AlunoData) if f.name not in ("ra", "ativo", *(name for _tipo, name in CONTATO_FIELDS))
)


@dataclass
class Snapshot:
    """The alunos and responsáveis as stored (see :meth:`load`), by id, and the indexes the
    matching reads: by CPF, by RA (also by its digits without leading zeros), by nome and data
    de nascimento for the alunos without CPF, and the links both ways."""

    alunos: dict[int, AlunoData]
    by_cpf: dict[str, int]
    by_ra: dict[str, int]
    by_ra_number: dict[str, list[int]]
    without_cpf: dict[tuple[str, date | None], list[int]]
    responsaveis: dict[int, ResponsavelData]
    responsavel_by_cpf: dict[str, int]
    links: dict[int, dict[int, tuple[str, bool]]]
    """aluno id → responsável id → (parentesco, legal)."""
    alunos_of: dict[int | None, list[int]]
    """responsável id → the ids of its alunos."""
    responsavel_cpf_holders: dict[str, list[int]] = field(default_factory=dict)
    """CPF as stored → the ids of the responsáveis with it (see ResponsavelService.validate)."""

    @classmethod
    def load(cls, session: Session) -> Snapshot:
        aluno_contatos: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for aluno_id, tipo, valor in session.execute(
            select(Contato.aluno_id, Contato.tipo, Contato.valor).order_by(Contato.id)
        ):
            aluno_contatos[aluno_id][tipo].append(valor)
        alunos: dict[int, AlunoData] = {}
        for a in session.scalars(select(Aluno).order_by(Aluno.id)):
            alunos[a.id] = AlunoData(
                **{name: getattr(a, name) for name in _ALUNO_COLUMNS},
                ativo=bool(a.ativo),
                **{name: tuple(aluno_contatos[a.id][tipo]) for tipo, name in CONTATO_FIELDS},
                ra=a.ra,
            )
        without_cpf: dict[tuple[str, date | None], list[int]] = defaultdict(list)
        by_ra_number: dict[str, list[int]] = defaultdict(list)
        for aluno_id, data in alunos.items():
            if not data.cpf:
                without_cpf[identity(data.nome, data.data_nascimento)].append(aluno_id)
            if data.ra and (number := ra_number(data.ra)) is not None:
                by_ra_number[number].append(aluno_id)

        contatos: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for responsavel_id, tipo, valor in session.execute(
            select(ContatoResponsavel.responsavel_id, ContatoResponsavel.tipo, ContatoResponsavel.valor).order_by(
                ContatoResponsavel.id
            )
        ):
            contatos[responsavel_id][tipo].append(valor)
        responsaveis = {
            r.id: ResponsavelData(r.nome, r.cpf, tuple(contatos[r.id][TELEFONE]), tuple(contatos[r.id][EMAIL]))
            for r in session.scalars(select(Responsavel).order_by(Responsavel.id))
        }
        links: dict[int, dict[int, tuple[str, bool]]] = defaultdict(dict)
        alunos_of: dict[int | None, list[int]] = defaultdict(list)
        for aluno_id, responsavel_id, parentesco, legal in session.execute(
            select(
                AlunoResponsavel.aluno_id,
                AlunoResponsavel.responsavel_id,
                AlunoResponsavel.parentesco,
                AlunoResponsavel.responsavel_legal,
            ).order_by(AlunoResponsavel.id)
        ):
            links[aluno_id][responsavel_id] = (parentesco, bool(legal))
            alunos_of[responsavel_id].append(aluno_id)
        cpf_holders: dict[str, list[int]] = defaultdict(list)
        for rid, data in responsaveis.items():
            if data.cpf:
                cpf_holders[data.cpf].append(rid)
        return cls(
            alunos,
            {d.cpf: i for i, d in alunos.items() if d.cpf},
            {d.ra: i for i, d in alunos.items() if d.ra},
            dict(by_ra_number),
            dict(without_cpf),
            responsaveis,
            {d.cpf: i for i, d in responsaveis.items() if d.cpf},
            dict(links),
            dict(alunos_of),
            dict(cpf_holders),
        )

    def find_ra(self, ra: str) -> int | None:
        if ra in self.by_ra:
            return self.by_ra[ra]
        number = ra_number(ra)
        same = self.by_ra_number.get(number, []) if number is not None else []
        return same[0] if len(same) == 1 else None
