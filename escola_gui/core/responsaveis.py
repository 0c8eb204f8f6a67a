"""Responsáveis and their links to alunos: a sibling's mãe is one person linked twice, and
an aluno has at most one responsável legal.

Like every service of the core, each method opens one short ``Session`` and returns plain
frozen dataclasses, never ORM objects; mistakes the user can fix come back as
:class:`~escola_gui.core.errors.ValidationError`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, delete, func, or_, select
from sqlalchemy.orm import Session

from escola_gui.core import auditoria
from escola_gui.core import validation as v
from escola_gui.core.common import (
    EMAIL,
    TELEFONE,
    first_error,
    like_pattern,
    name_matches,
    normalize_emails,
    replace_rows,
)
from escola_gui.core.errors import QT_TRANSLATE_NOOP, RecordNotFoundError
from escola_gui.core.models import PARENTESCOS, Aluno, AlunoResponsavel, ContatoResponsavel, Responsavel

CPF_RESPONSAVEL_EM_USO = QT_TRANSLATE_NOOP(
    "validation", "Este CPF já está cadastrado para outro responsável; busque-o pelo nome ou CPF para reutilizá-lo."
)
PARENTESCO_INVALIDO = QT_TRANSLATE_NOOP("validation", "Escolha o parentesco na lista.")


# --- responsáveis -----------------------------------------------------------------------


@dataclass(frozen=True)
class ResponsavelData:
    """What the responsável form edits about the person. Values may be raw; the service normalizes them."""

    nome: str
    cpf: str | None = None
    telefones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResponsavelRow:
    """A responsável found by :meth:`ResponsavelService.search`, with the alunos it is already linked to."""

    id: int
    nome: str
    cpf: str | None
    telefones: tuple[str, ...]
    alunos: tuple[str, ...]


@dataclass(frozen=True)
class NovoResponsavel:
    """A responsável given with a new aluno (:meth:`AlunoService.create`): new
    (``responsavel_id=None``) or an existing one to link, with the link's parentesco."""

    dados: ResponsavelData
    parentesco: str
    legal: bool = False
    responsavel_id: int | None = None


@dataclass(frozen=True)
class VinculoRow:
    """One responsável of an aluno: the person, their contacts, and how they relate to the aluno."""

    responsavel_id: int
    nome: str
    cpf: str | None
    parentesco: str
    """One of models.PARENTESCOS."""
    responsavel_legal: bool
    telefones: tuple[str, ...]
    emails: tuple[str, ...]

    @property
    def id(self) -> int:
        """The key the GUI's table models select rows by."""
        return self.responsavel_id


def _delete_orphan_responsaveis(session: Session, responsavel_ids: list[int]) -> None:
    """Delete those of ``responsavel_ids`` that no aluno links to any more."""
    if responsavel_ids:
        linked = select(AlunoResponsavel.responsavel_id)
        session.execute(delete(Responsavel).where(Responsavel.id.in_(responsavel_ids), Responsavel.id.not_in(linked)))


class ResponsavelService:
    """Responsáveis and their links to alunos.

    A responsável may be linked to several alunos (siblings share one), and an aluno has at
    most one responsável legal: marking one unmarks the others in the same transaction.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # -- the person

    @staticmethod
    def normalize(data: ResponsavelData) -> ResponsavelData:
        return ResponsavelData(
            nome=v.normalize_nome(data.nome),
            cpf=v.normalize_cpf(data.cpf),
            telefones=v.normalize_telefones(data.telefones),
            emails=normalize_emails(data.emails),
        )

    def validate(
        self,
        data: ResponsavelData,
        responsavel_id: int | None = None,
        *,
        cpf_holders: Mapping[str, Sequence[int]] | None = None,
    ) -> dict[str, str]:
        """Every problem with ``data`` by field (``nome``, ``cpf``, ``telefones``, ``emails``).

        Args:
            responsavel_id: the responsável being edited, which may keep its own CPF.
            cpf_holders: CPF as stored → the ids of the responsáveis with it, read once for
                many calls (the import); without it each call reads the database.
        """
        clean = self.normalize(data)
        checks = {
            "nome": v.validate_nome(data.nome),
            "cpf": v.validate_cpf(data.cpf),
            "telefones": v.validate_telefones(clean.telefones),
            "emails": next((m for m in map(v.validate_email, clean.emails) if m), None),
        }
        errors = {name: message for name, message in checks.items() if message}
        if errors.get("nome") == v.NOME_CONTROLE and responsavel_id is not None:
            # A nome already in the file does not block saving the responsável's other fields.
            with Session(self._engine) as session:
                stored = session.scalar(select(Responsavel.nome).where(Responsavel.id == responsavel_id))
            if stored is not None and v.normalize_nome(stored) == clean.nome:
                del errors["nome"]
        if "cpf" not in errors and clean.cpf and cpf_holders is not None:
            if any(holder != responsavel_id for holder in cpf_holders.get(clean.cpf, ())):
                errors["cpf"] = CPF_RESPONSAVEL_EM_USO
        elif "cpf" not in errors and clean.cpf:
            query = select(Responsavel.id).where(Responsavel.cpf == clean.cpf)
            if responsavel_id is not None:
                query = query.where(Responsavel.id != responsavel_id)
            with Session(self._engine) as session:
                if session.scalar(query.limit(1)) is not None:
                    errors["cpf"] = CPF_RESPONSAVEL_EM_USO
        return errors

    @staticmethod
    def validate_parentesco(parentesco: str | None) -> dict[str, str]:
        return {} if parentesco in PARENTESCOS else {"parentesco": PARENTESCO_INVALIDO}

    def get(self, responsavel_id: int) -> ResponsavelData:
        with Session(self._engine) as session:
            responsavel = session.get(Responsavel, responsavel_id)
            if responsavel is None:
                raise RecordNotFoundError(f"responsavel {responsavel_id}")
            contatos = self._contatos(session, [responsavel_id]).get(responsavel_id, {})
            return ResponsavelData(
                nome=responsavel.nome,
                cpf=responsavel.cpf,
                telefones=tuple(contatos.get(TELEFONE, ())),
                emails=tuple(contatos.get(EMAIL, ())),
            )

    def create(self, data: ResponsavelData) -> int:
        first_error(self.validate(data))
        with Session(self._engine) as session, session.begin():
            return self._write(session, None, self.normalize(data))

    def update(self, responsavel_id: int, data: ResponsavelData) -> None:
        first_error(self.validate(data, responsavel_id))
        with Session(self._engine) as session, session.begin():
            self._write(session, responsavel_id, self.normalize(data))

    def search(self, text: str, exclude_aluno_id: int | None = None, limit: int = 20) -> list[ResponsavelRow]:
        """Responsáveis whose nome contains ``text`` (ignoring accents and case) or whose CPF
        contains its digits, so that a sibling's responsável can be reused.

        Args:
            exclude_aluno_id: leave out the responsáveis already linked to this aluno.
        """
        text = text.strip()
        if not text:
            return []
        alternatives = [name_matches(Responsavel.nome, text)]
        digits = "".join(c for c in text if c.isdigit())
        if digits:
            alternatives.append(Responsavel.cpf.like(like_pattern(digits), escape="\\"))
        query = select(Responsavel).where(or_(*alternatives))
        if exclude_aluno_id is not None:
            linked = select(AlunoResponsavel.responsavel_id).where(AlunoResponsavel.aluno_id == exclude_aluno_id)
            query = query.where(Responsavel.id.not_in(linked))
        query = query.order_by(func.escola_normaliza(Responsavel.nome), Responsavel.id).limit(limit)
        with Session(self._engine) as session:
            found = list(session.scalars(query))
            ids = [r.id for r in found]
            contatos = self._contatos(session, ids)
            alunos: dict[int, list[str]] = {}
            for responsavel_id, nome in session.execute(
                select(AlunoResponsavel.responsavel_id, Aluno.nome)
                .join(Aluno, AlunoResponsavel.aluno_id == Aluno.id)
                .where(AlunoResponsavel.responsavel_id.in_(ids))
                .order_by(func.escola_normaliza(Aluno.nome), Aluno.id)
            ):
                alunos.setdefault(responsavel_id, []).append(nome)
            return [
                ResponsavelRow(
                    id=r.id,
                    nome=r.nome,
                    cpf=r.cpf,
                    telefones=tuple(contatos.get(r.id, {}).get(TELEFONE, ())),
                    alunos=tuple(alunos.get(r.id, ())),
                )
                for r in found
            ]

    # -- links to alunos

    def list_for_aluno(self, aluno_id: int) -> list[VinculoRow]:
        """The aluno's responsáveis: the responsável legal first, then by nome."""
        query = (
            select(Responsavel, AlunoResponsavel.parentesco, AlunoResponsavel.responsavel_legal)
            .join(AlunoResponsavel, AlunoResponsavel.responsavel_id == Responsavel.id)
            .where(AlunoResponsavel.aluno_id == aluno_id)
            .order_by(
                AlunoResponsavel.responsavel_legal.desc(), func.escola_normaliza(Responsavel.nome), Responsavel.id
            )
        )
        with Session(self._engine) as session:
            rows = session.execute(query).all()
            contatos = self._contatos(session, [r.id for r, _, _ in rows])
            return [
                VinculoRow(
                    responsavel_id=r.id,
                    nome=r.nome,
                    cpf=r.cpf,
                    parentesco=parentesco,
                    responsavel_legal=bool(legal),
                    telefones=tuple(contatos.get(r.id, {}).get(TELEFONE, ())),
                    emails=tuple(contatos.get(r.id, {}).get(EMAIL, ())),
                )
                for r, parentesco, legal in rows
            ]

    def link(self, aluno_id: int, responsavel_id: int, parentesco: str, legal: bool = False) -> None:
        """Make ``responsavel_id`` a responsável of ``aluno_id``; a link that exists is updated."""
        first_error(self.validate_parentesco(parentesco))
        with Session(self._engine) as session, session.begin():
            self._write_link(session, aluno_id, responsavel_id, parentesco, legal)

    def update_link(self, aluno_id: int, responsavel_id: int, parentesco: str, legal: bool) -> None:
        first_error(self.validate_parentesco(parentesco))
        with Session(self._engine) as session, session.begin():
            if self._find_link(session, aluno_id, responsavel_id) is None:
                raise RecordNotFoundError(f"aluno {aluno_id} / responsavel {responsavel_id}")
            self._write_link(session, aluno_id, responsavel_id, parentesco, legal)

    def save_for_aluno(
        self,
        aluno_id: int,
        data: ResponsavelData,
        parentesco: str,
        legal: bool,
        responsavel_id: int | None = None,
    ) -> int:
        """Create (``responsavel_id=None``) or update a responsável and link it to the aluno,
        in one transaction: what the responsável form saves.

        Returns:
            The responsável's id.
        """
        first_error({**self.validate(data, responsavel_id), **self.validate_parentesco(parentesco)})
        # In one batch, so that a new responsável's rows are recorded for the aluno linked below.
        with Session(self._engine) as session, session.begin(), auditoria.em_lote(session):
            saved_id = self._write(session, responsavel_id, self.normalize(data))
            self._write_link(session, aluno_id, saved_id, parentesco, legal)
            return saved_id

    def other_alunos(self, responsavel_id: int, aluno_id: int) -> list[str]:
        """The nomes of the other alunos ``responsavel_id`` is responsible for (besides ``aluno_id``)."""
        query = (
            select(Aluno.nome)
            .join(AlunoResponsavel, AlunoResponsavel.aluno_id == Aluno.id)
            .where(AlunoResponsavel.responsavel_id == responsavel_id, Aluno.id != aluno_id)
            .order_by(func.escola_normaliza(Aluno.nome), Aluno.id)
        )
        with Session(self._engine) as session:
            return list(session.scalars(query))

    def unlink(self, aluno_id: int, responsavel_id: int) -> bool:
        """Remove the link; the responsável itself goes too when no other aluno links to it.

        Returns:
            True when the responsável was deleted, False when it stays for other alunos.
        """
        with Session(self._engine) as session, session.begin():
            vinculo = self._find_link(session, aluno_id, responsavel_id)
            if vinculo is None:
                raise RecordNotFoundError(f"aluno {aluno_id} / responsavel {responsavel_id}")
            session.delete(vinculo)
            session.flush()
            _delete_orphan_responsaveis(session, [responsavel_id])
            return session.get(Responsavel, responsavel_id) is None

    # -- inside a session

    @staticmethod
    def _contatos(session: Session, responsavel_ids: list[int]) -> dict[int, dict[str, list[str]]]:
        result: dict[int, dict[str, list[str]]] = {}
        query = (
            select(ContatoResponsavel.responsavel_id, ContatoResponsavel.tipo, ContatoResponsavel.valor)
            .where(ContatoResponsavel.responsavel_id.in_(responsavel_ids))
            .order_by(ContatoResponsavel.id)
        )
        for responsavel_id, tipo, valor in session.execute(query):
            result.setdefault(responsavel_id, {}).setdefault(tipo, []).append(valor)
        return result

    @staticmethod
    def _write(session: Session, responsavel_id: int | None, clean: ResponsavelData) -> int:
        if responsavel_id is None:
            responsavel = Responsavel(nome=clean.nome)
            session.add(responsavel)
        else:
            found = session.get(Responsavel, responsavel_id)
            if found is None:
                raise RecordNotFoundError(f"responsavel {responsavel_id}")
            responsavel = found
            responsavel.nome = clean.nome
        responsavel.cpf = clean.cpf
        session.flush()
        rid = responsavel.id
        for tipo, valores in ((TELEFONE, clean.telefones), (EMAIL, clean.emails)):
            stored = session.scalars(
                select(ContatoResponsavel)
                .where(ContatoResponsavel.responsavel_id == rid, ContatoResponsavel.tipo == tipo)
                .order_by(ContatoResponsavel.id)
            ).all()
            replace_rows(
                session,
                stored,
                valores,
                lambda valor, tipo=tipo: ContatoResponsavel(responsavel_id=rid, tipo=tipo, valor=valor),  # type: ignore[misc]
            )
        return rid

    @staticmethod
    def _find_link(session: Session, aluno_id: int, responsavel_id: int) -> AlunoResponsavel | None:
        return session.scalar(
            select(AlunoResponsavel).where(
                AlunoResponsavel.aluno_id == aluno_id, AlunoResponsavel.responsavel_id == responsavel_id
            )
        )

    def _write_link(self, session: Session, aluno_id: int, responsavel_id: int, parentesco: str, legal: bool) -> None:
        if session.get(Aluno, aluno_id) is None:
            raise RecordNotFoundError(f"aluno {aluno_id}")
        if session.get(Responsavel, responsavel_id) is None:
            raise RecordNotFoundError(f"responsavel {responsavel_id}")
        if legal:
            # At most one responsável legal per aluno: the new one replaces the others.
            for outro in session.scalars(
                select(AlunoResponsavel).where(
                    AlunoResponsavel.aluno_id == aluno_id,
                    AlunoResponsavel.responsavel_id != responsavel_id,
                    AlunoResponsavel.responsavel_legal,
                )
            ):
                outro.responsavel_legal = False
        vinculo = self._find_link(session, aluno_id, responsavel_id)
        if vinculo is None:
            vinculo = AlunoResponsavel(aluno_id=aluno_id, responsavel_id=responsavel_id)
            session.add(vinculo)
        vinculo.parentesco = parentesco
        vinculo.responsavel_legal = legal
        session.flush()
