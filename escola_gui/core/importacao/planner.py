"""The parsed lines and a snapshot of the database → the plan: which registered aluno each line
is (see the package's docstring), values repeated inside the file, the aluno and responsável
forms' own checks (in one batch of queries for the whole file), who each responsável is,
what changes, and the lines whose identifying fields disagree with the aluno they matched."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from escola_gui.core import documentos as doc
from escola_gui.core import validation as v
from escola_gui.core.alunos import UNIQUE_ALUNO_FIELDS, AlunoData, AlunoLookup, AlunoService
from escola_gui.core.db import normalize_text
from escola_gui.core.importacao.fields import ALUNO_FIELDS
from escola_gui.core.importacao.headers import HeaderMap
from escola_gui.core.importacao.lines import add_phones
from escola_gui.core.importacao.messages import (
    ALUNO_AMBIGUO,
    ALUNO_REPETIDO_NO_ARQUIVO,
    CPF_REPETIDO_NO_ARQUIVO,
    DOCUMENTO_REPETIDO_NO_ARQUIVO,
    EMAIL_REPETIDO_NO_ARQUIVO,
    MESMO_ALUNO_EM_VARIAS_LINHAS,
    RESPONSAVEL_CPF_COM_OUTRO_NOME,
    RESPONSAVEL_SEM_NOME,
    also_in,
    list_lines,
)
from escola_gui.core.importacao.results import (
    BadRow,
    Candidate,
    Conflict,
    FieldChange,
    Problem,
    ResponsavelAction,
    RowAction,
    Slot,
)
from escola_gui.core.importacao.snapshot import Snapshot, identity, ra_number
from escola_gui.core.importacao.steps import Steps
from escola_gui.core.responsaveis import ResponsavelData, ResponsavelService


@dataclass
class _Ref:
    """A responsável of a line and who they turn out to be (see ``Planner.resolve``)."""

    line: int
    slot: Slot
    key: str
    """``"id:7"`` for a registered responsável; ``"cpf:..."`` or ``"linha:3:mae"`` for a new one."""
    responsavel_id: int | None
    by_cpf: bool
    """Found by its CPF: then the line's nome, if it differs, is a new nome for them."""


_Person = tuple[ResponsavelData, int | None, tuple[FieldChange, ...]]
"""A person after the import, their registered id (None: new), and what changes for them."""


# Values no two alunos may share, and the message for a repeat inside the file.
_UNIQUE_IN_FILE = (
    ("ra", DOCUMENTO_REPETIDO_NO_ARQUIVO),
    ("cpf", CPF_REPETIDO_NO_ARQUIVO),
    ("email", EMAIL_REPETIDO_NO_ARQUIVO),
    ("certidao_nascimento", DOCUMENTO_REPETIDO_NO_ARQUIVO),
    ("nis", DOCUMENTO_REPETIDO_NO_ARQUIVO),
    ("codigo_inep", DOCUMENTO_REPETIDO_NO_ARQUIVO),
)


class Planner:
    """Works out a plan from the parsed lines and a snapshot of the database (see :func:`make_plan`)."""

    def __init__(
        self, engine: Engine, snapshot: Snapshot, candidates: Sequence[Candidate], header_map: HeaderMap, today: date
    ) -> None:
        self.snapshot = snapshot
        self.candidates = candidates
        self.header_map = header_map
        self.today = today
        self.alunos = AlunoService(engine)
        self.responsaveis = ResponsavelService(engine)
        self.problems: dict[int, list[Problem]] = {c.line: list(c.problems) for c in candidates}
        self.matched_by: dict[int, str] = {}

    def add(self, line: int, name: str, message: str, detail: str = "", column: str | None = None) -> None:
        found = self.problems[line]
        if any(p.field == name and p.message == message for p in found):
            return
        found.append(Problem(name, message, detail, self.header_map.column_name(name) if column is None else column))

    # -- alunos

    def repeats_in_file(self) -> None:
        groups: dict[tuple[str, object], list[int]] = defaultdict(list)
        for c in self.candidates:
            for name, _message in _UNIQUE_IN_FILE:
                if value := self._unique_value(c, name):
                    groups[(name, value)].append(c.line)
                elif name == "cpf" and not c.values.get("ra") and "nome" in c.values:
                    # Without RA or CPF, nome and data de nascimento say who the aluno is.
                    who = identity(str(c.values["nome"]), c.values.get("data_nascimento"))
                    groups[("aluno", who)].append(c.line)
        messages = dict(_UNIQUE_IN_FILE) | {"aluno": ALUNO_REPETIDO_NO_ARQUIVO}
        for (name, _value), lines in groups.items():
            if len(lines) > 1:
                for line in lines:
                    self.add(line, name, messages[name], also_in(line, lines), "" if name == "aluno" else None)

    @staticmethod
    def _unique_value(c: Candidate, name: str) -> object:
        value = c.values.get(name)
        if not value:
            return None
        if name == "certidao_nascimento":
            return doc.normalize_certidao(str(value))
        if name == "nis":
            return doc.normalize_nis(str(value))
        if name == "codigo_inep":
            return doc.normalize_inep(str(value))
        if name == "ra":
            number = ra_number(str(value))
            return number if number is not None else value
        return value

    def targets(self) -> dict[int, int | None]:
        """Which registered aluno each line is: by RA, then CPF, then nome and data de nascimento."""
        snapshot = self.snapshot
        targets: dict[int, int | None] = {}
        for c in self.candidates:
            ra, cpf = c.values.get("ra"), c.values.get("cpf")
            target = snapshot.find_ra(str(ra)) if ra else None
            if target is not None:
                self.matched_by[c.line] = "ra"
            if target is None and cpf:
                target = snapshot.by_cpf.get(str(cpf))
                if target is not None:
                    self.matched_by[c.line] = "cpf"
            if target is None and "nome" in c.values and not ("cpf" in c.raw and cpf is None):
                same = snapshot.without_cpf.get(identity(str(c.values["nome"]), c.values.get("data_nascimento")), [])
                if len(same) == 1:
                    target = same[0]
                    self.matched_by[c.line] = "nome"
                elif len(same) > 1:
                    self.add(c.line, "nome", ALUNO_AMBIGUO, column="")
            targets[c.line] = target
        by_target: dict[int, list[int]] = defaultdict(list)
        for line, target in targets.items():
            if target is not None:
                by_target[target].append(line)
        for lines in by_target.values():
            if len(lines) > 1:
                detail = list_lines(lines)
                for line in lines:
                    self.add(line, "nome", MESMO_ALUNO_EM_VARIAS_LINHAS, detail, "")
        return targets

    def conflict(self, c: Candidate, target: int) -> Conflict | None:
        """The identifying fields of the line that disagree with the registered aluno it matched.

        Matched by RA or CPF: the nome (accents, case and spaces aside), the data de nascimento
        or the CPF differ. Matched by nome and data de nascimento: the mãe (nome or CPF) differs,
        or the line's CPF is another one. A blank cell, or a field not registered, never disagrees.
        """
        stored = self.snapshot.alunos[target]
        how = self.matched_by.get(c.line, "ra")
        differences: list[FieldChange] = []
        nome = c.values.get("nome")
        if nome and normalize_text(str(nome)) != normalize_text(v.normalize_nome(stored.nome)):
            differences.append(FieldChange("nome", stored.nome, nome))
        born = c.values.get("data_nascimento")
        if born and stored.data_nascimento and born != stored.data_nascimento:
            differences.append(FieldChange("data_nascimento", stored.data_nascimento, born))
        cpf = c.values.get("cpf")
        if cpf and stored.cpf and cpf != stored.cpf:
            differences.append(FieldChange("cpf", stored.cpf, cpf))
        if how == "nome":
            mae = next((slot for slot in c.slots if "mae" in slot.papeis), None)
            links = self.snapshot.links.get(target, {})
            registered = next((rid for rid, (parentesco, _legal) in links.items() if parentesco == "mae"), None)
            if mae is not None and registered is not None:
                stored_mae = self.snapshot.responsaveis[registered]
                if mae.nome and normalize_text(mae.nome) != normalize_text(stored_mae.nome):
                    differences.append(FieldChange("mae_nome", stored_mae.nome, mae.nome))
                if mae.cpf and stored_mae.cpf and mae.cpf != stored_mae.cpf:
                    differences.append(FieldChange("mae_cpf", stored_mae.cpf, mae.cpf))
        return Conflict(how, tuple(differences)) if differences else None

    def merge(self, c: Candidate, target: int | None) -> AlunoData:
        """The aluno after the line: normalized, the stored values with the file's filled cells over them."""
        stored = self.snapshot.alunos[target] if target is not None else None
        values = {name: value for name, value in c.values.items() if name in ALUNO_FIELDS}
        if stored is not None and stored.ra and "ra" in values and self.snapshot.find_ra(str(values["ra"])) == target:
            values["ra"] = stored.ra  # the same RA, without the zeros Excel dropped
        return AlunoService.normalize(
            replace(stored, **values) if stored is not None else AlunoData(**{"nome": "", **values})
        )  # type: ignore[arg-type]

    def lookup(self, session: Session, merged: Iterable[tuple[AlunoData, int | None]]) -> AlunoLookup:
        """What the aluno form's validation reads from the database, for every line at once."""
        merged = list(merged)
        values = {name: [getattr(data, name) for data, _target in merged] for name in UNIQUE_ALUNO_FIELDS}
        found = AlunoLookup.load(session, values)
        stored = {
            target: (data.email, data.ra, data.telefones, data.outros_emails)
            for target, data in ((t, self.snapshot.alunos[t]) for _d, t in merged if t is not None)
        }
        return AlunoLookup(stored, found.holders)

    def aluno(
        self, c: Candidate, target: int | None, merged: AlunoData, lookup: AlunoLookup | None = None
    ) -> tuple[AlunoData, tuple[FieldChange, ...]]:
        """The aluno after the line, checked by the aluno form's validation, and what changes."""
        stored = self.snapshot.alunos[target] if target is not None else None
        errors = self.alunos.validate(merged, target, self.today, lookup=lookup, normalized=True)
        for name, message in errors.items():
            # Values the line does not fill are the stored ones, not checked again (as in the form).
            if name in c.raw:
                self.add(c.line, name, message, c.raw[name])
        if stored is None:
            return merged, ()
        before = AlunoService.normalize(stored)
        changes = tuple(
            FieldChange(name, getattr(stored, name), getattr(merged, name))
            for name in ALUNO_FIELDS
            if getattr(before, name) != getattr(merged, name)
        )
        return merged, changes

    # -- responsáveis

    def resolve(self, c: Candidate, target: int | None) -> list[_Ref]:
        """Who each responsável of the line is: registered (by CPF, else by nome among the
        aluno's responsáveis and its siblings') or new."""
        snapshot = self.snapshot
        refs: dict[int, _Ref] = {}
        for i, slot in enumerate(c.slots):
            if slot.cpf and slot.cpf in snapshot.responsavel_by_cpf:
                rid = snapshot.responsavel_by_cpf[slot.cpf]
                refs[i] = _Ref(c.line, slot, f"id:{rid}", rid, by_cpf=True)
        # The aluno's own responsáveis first, then those of its siblings: the alunos of the
        # responsáveis this line names by CPF (the pai without CPF of a younger brother).
        own = snapshot.links.get(target, {}) if target is not None else {}
        siblings = {a for ref in refs.values() for a in snapshot.alunos_of.get(ref.responsavel_id, ())} - {target}
        pool = list(own) + [rid for a in sorted(siblings) for rid in snapshot.links.get(a, {}) if rid not in own]
        for i, slot in enumerate(c.slots):
            if i in refs:
                continue
            same_name = [
                rid
                for rid in pool
                if slot.nome
                and normalize_text(snapshot.responsaveis[rid].nome) == normalize_text(slot.nome)
                and not (slot.cpf and snapshot.responsaveis[rid].cpf)
            ]
            # Two with the same nome: the one this aluno already has in that parentesco.
            same_name.sort(key=lambda rid: (rid not in own, own.get(rid, ("",))[0] != slot.parentesco))
            if same_name:
                refs[i] = _Ref(c.line, slot, f"id:{same_name[0]}", same_name[0], by_cpf=False)
            elif slot.cpf:
                refs[i] = _Ref(c.line, slot, f"cpf:{slot.cpf}", None, by_cpf=False)
            else:
                refs[i] = _Ref(c.line, slot, f"linha:{c.line}:{slot.papeis[0]}", None, by_cpf=False)
        return [refs[i] for i in range(len(c.slots))]

    def unify(self, refs: Mapping[int, list[_Ref]]) -> None:
        """Make the lines that mean one person say so, by giving their refs the same key."""
        snapshot = self.snapshot
        # A registered responsável that gets its CPF here is the one every line with that CPF means.
        owner: dict[str, int] = {}
        for ref in (ref for line_refs in refs.values() for ref in line_refs):
            cpf, rid = ref.slot.cpf, ref.responsavel_id
            completes = rid is not None and cpf and not snapshot.responsaveis[rid].cpf
            if completes and owner.setdefault(cpf, rid) != rid:  # type: ignore[arg-type]
                self.add(
                    ref.line,
                    ref.slot.field("cpf"),
                    RESPONSAVEL_CPF_COM_OUTRO_NOME,
                    v.format_cpf(cpf),
                    ref.slot.column("cpf"),
                )
        for ref in (ref for line_refs in refs.values() for ref in line_refs):
            if ref.responsavel_id is None and ref.slot.cpf in owner:
                ref.responsavel_id = owner[ref.slot.cpf]  # type: ignore[index]
                ref.key = f"id:{ref.responsavel_id}"
        # Siblings in the file: a responsável without CPF with the same nome on two lines
        # that share a responsável with CPF (their mãe) is one person.
        seen: dict[tuple[str, str], _Ref] = {}
        ordered = sorted(
            (ref for line_refs in refs.values() for ref in line_refs if not ref.slot.cpf and ref.slot.nome),
            key=lambda ref: (ref.responsavel_id is None, ref.line),  # registered ones first
        )
        for ref in ordered:
            anchors = sorted({other.key for other in refs[ref.line] if other.slot.cpf})
            for anchor in anchors:
                first = seen.setdefault((anchor, normalize_text(ref.slot.nome)), ref)  # type: ignore[arg-type]
                if first is not ref and ref.responsavel_id is None:
                    ref.key, ref.responsavel_id = first.key, first.responsavel_id
                    break

    def people(self, refs: Mapping[int, list[_Ref]]) -> dict[str, _Person]:
        """Each person the lines name, by key: their data after the import and what changes."""
        snapshot = self.snapshot
        self.unify(refs)
        by_key: dict[str, list[_Ref]] = defaultdict(list)
        for ref in (ref for line_refs in refs.values() for ref in line_refs):
            by_key[ref.key].append(ref)
        people: dict[str, _Person] = {}
        for key, uses in by_key.items():
            rid = uses[0].responsavel_id
            stored = snapshot.responsaveis[rid] if rid is not None else None
            # The nomes the lines give for the person: one person may not have two.
            named = [ref for ref in uses if ref.slot.nome and (stored is None or ref.by_cpf)]
            nomes = {normalize_text(ref.slot.nome) for ref in named}  # type: ignore[arg-type]
            if len(nomes) > 1:
                for ref in named:
                    self.add(
                        ref.line,
                        ref.slot.field("nome"),
                        RESPONSAVEL_CPF_COM_OUTRO_NOME,
                        ref.slot.nome or "",
                        ref.slot.column("nome"),
                    )
            nome = stored.nome if stored is not None else ""
            if named and (stored is None or normalize_text(stored.nome) not in nomes):
                nome = named[0].slot.nome or ""
            cpf = (stored.cpf if stored is not None else None) or next((r.slot.cpf for r in uses if r.slot.cpf), None)
            phones: tuple[str, ...] = stored.telefones if stored is not None else ()
            for ref in uses:
                phones = add_phones(phones, ref.slot.telefones)
            data = ResponsavelService.normalize(
                ResponsavelData(nome, cpf, phones, stored.emails if stored is not None else ())
            )
            people[key] = (data, rid, ())
            if not data.nome:
                for ref in uses:
                    column = ref.slot.column("nome") or ref.slot.column("cpf") or ref.slot.column("telefones")
                    self.add(ref.line, ref.slot.field("nome"), RESPONSAVEL_SEM_NOME, column=column)
                continue
            # The responsável form's own check, the last word on what may be saved.
            checked = self.responsaveis.validate(data, rid, cpf_holders=snapshot.responsavel_cpf_holders)
            for name, message in checked.items():
                for ref in uses:
                    self.add(ref.line, ref.slot.field(name), message, "", ref.slot.column(name))
            if stored is not None:
                before = ResponsavelService.normalize(stored)
                changes = tuple(
                    FieldChange(name, getattr(stored, name), getattr(data, name))
                    for name in ("nome", "cpf", "telefones")
                    if getattr(before, name) != getattr(data, name)
                )
                people[key] = (data, rid, changes)
        return people

    def actions(
        self,
        c: Candidate,
        target: int | None,
        refs: Sequence[_Ref],
        people: Mapping[str, _Person],
    ) -> tuple[tuple[ResponsavelAction, ...], tuple[tuple[int, str], ...]]:
        linked = self.snapshot.links.get(target, {}) if target is not None else {}
        # Two columns that turn out to be one registered person make one link.
        merged: dict[str, tuple[Slot, bool]] = {}
        for ref in refs:
            if ref.key in merged:
                first, legal = merged[ref.key]
                merged[ref.key] = (first, legal or ref.slot.legal)
            else:
                merged[ref.key] = (ref.slot, ref.slot.legal)
        result: list[ResponsavelAction] = []
        for key, (slot, is_legal) in merged.items():
            data, rid, person_changes = people[key]
            link = linked.get(rid) if rid is not None else None
            parentesco = slot.parentesco or (link[0] if link else "outro")
            # A filled Responsável legal says who is and who is not; a blank one keeps the stored flag.
            legal = is_legal if c.legal_given else bool(link and link[1])
            link_changes: tuple[FieldChange, ...] = ()
            if link is not None:
                link_changes = tuple(
                    FieldChange(name, before, after)
                    for name, before, after in (
                        ("parentesco", link[0], parentesco),
                        ("responsavel_legal", link[1], legal),
                    )
                    if before != after
                )
            result.append(
                ResponsavelAction(
                    slot.papeis[0], key, data, rid, parentesco, legal, link is None, person_changes, link_changes
                )
            )
        removed: tuple[tuple[int, str], ...] = ()
        if c.legal_given and any(a.legal for a in result):
            named = {a.responsavel_id for a in result}
            removed = tuple(
                (rid, self.snapshot.responsaveis[rid].nome)
                for rid, (_parentesco, legal) in linked.items()
                if legal and rid not in named
            )
        return tuple(result), removed


_PlanParts = tuple[
    tuple[RowAction, ...], tuple[RowAction, ...], tuple[RowAction, ...], tuple[BadRow, ...], tuple[RowAction, ...]
]


def make_plan(
    engine: Engine,
    session: Session,
    snapshot: Snapshot,
    candidates: Sequence[Candidate],
    header_map: HeaderMap,
    today: date,
    steps: Steps | None = None,
) -> _PlanParts:
    """Inserts, updates, lines that change nothing, bad lines, and conflicts.

    Reads the database through ``snapshot`` and, for the aluno form's checks of every line, in
    one batch of queries on ``session``; writes nothing.
    """
    steps = steps or Steps(len(candidates))
    planner = Planner(engine, snapshot, candidates, header_map, today)
    planner.repeats_in_file()
    targets = planner.targets()
    merged = {c.line: planner.merge(c, targets[c.line]) for c in candidates}
    lookup = planner.lookup(session, ((merged[c.line], targets[c.line]) for c in candidates))
    alunos: dict[int, tuple[AlunoData, tuple[FieldChange, ...]]] = {}
    for c in candidates:
        alunos[c.line] = planner.aluno(c, targets[c.line], merged[c.line], lookup)
        steps.advance()
    refs = {c.line: planner.resolve(c, targets[c.line]) for c in candidates}
    people = planner.people(refs)

    inserts: list[RowAction] = []
    updates: list[RowAction] = []
    unchanged: list[RowAction] = []
    conflicts: list[RowAction] = []
    for c in candidates:
        if planner.problems[c.line]:
            continue
        target = targets[c.line]
        data, changes = alunos[c.line]
        responsaveis, removed = planner.actions(c, target, refs[c.line], people)
        conflict = planner.conflict(c, target) if target is not None else None
        action = RowAction(c.line, data, target, changes, responsaveis, removed, conflict)
        if target is None:
            inserts.append(action)
        elif conflict is not None:
            conflicts.append(action)
        else:
            (updates if action.changed else unchanged).append(action)
    nomes = {c.line: c.raw.get("nome", "") for c in candidates}
    bad = tuple(BadRow(line, tuple(found), nomes[line]) for line, found in sorted(planner.problems.items()) if found)
    return tuple(inserts), tuple(updates), tuple(unchanged), bad, tuple(conflicts)
