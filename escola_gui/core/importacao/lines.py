"""One line of the file → a :class:`~escola_gui.core.importacao.results.Candidate`: the aluno's
values read from its filled cells, its mãe, pai and other responsável (one person when two
columns name the same one), who the Responsável legal is, and the problems of the line itself."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Mapping, Sequence

from escola_gui.core import validation as v
from escola_gui.core.db import normalize_text
from escola_gui.core.importacao.cells import (
    FALSE_WORDS,
    TRUE_WORDS,
    DataInexistenteError,
    cell_text,
    parse_ativo,
    parse_cep,
    parse_cor_raca,
    parse_cpf,
    parse_date,
    parse_emails,
    parse_parentesco,
    parse_sexo,
    parse_telefones,
    parse_uf,
)
from escola_gui.core.importacao.fields import PAPEIS
from escola_gui.core.importacao.headers import HeaderMap, header_key
from escola_gui.core.importacao.messages import (
    ATIVO_INVALIDO,
    COR_RACA_INVALIDA,
    DATA_INEXISTENTE,
    DATA_INVALIDA,
    PARENTESCO_INVALIDO,
    RESPONSAVEL_CPF_COM_OUTRO_NOME,
    RESPONSAVEL_LEGAL_DESCONHECIDO,
    RESPONSAVEL_LEGAL_SEM_NOME,
    SEXO_INVALIDO,
)
from escola_gui.core.importacao.results import Candidate, Problem, Slot
from escola_gui.core.models import PARENTESCOS
from escola_gui.core.planilhas import Cell

_LEGAL_WORDS = {
    "mae": "mae",
    "amae": "mae",
    "pai": "pai",
    "opai": "pai",
    "responsavel": "responsavel",
    "oresponsavel": "responsavel",
    "aresponsavel": "responsavel",
}

# Aluno fields whose cell is kept as text, checked by the aluno form's validation.
_TEXT_FIELDS = (
    "nome_social",
    "ra",
    "rg",
    "certidao_nascimento",
    "nis",
    "codigo_inep",
    "logradouro",
    "numero",
    "complemento",
    "bairro",
    "municipio",
)


def parse_line(line: int, values: Sequence[Cell], header_map: HeaderMap) -> Candidate:
    """Line ``line`` of the file, its cells ``values``: the normalized values of its filled
    cells, its responsáveis, and the problems a cell alone shows (the ones that need the other
    lines or the database are the planner's)."""
    # (the blank-cell test inlined: this runs for every cell of the file)
    cells: dict[str, list[Cell]] = {
        name: [
            c for c in map(values.__getitem__, indexes) if c is not None and not (isinstance(c, str) and not c.strip())
        ]
        for name, indexes in header_map.columns.items()
    }
    parsed: dict[str, object] = {}
    raw: dict[str, str] = {}
    problems: list[Problem] = []

    def problem(name: str, message: str, detail: str = "") -> None:
        problems.append(Problem(name, message, detail, header_map.column_name(name)))

    nome = cells.get("nome", [])
    raw["nome"] = cell_text(nome[0]) if nome else ""
    if message := v.validate_nome(raw["nome"]):
        problem("nome", message, raw["nome"] if nome else "")
    else:
        parsed["nome"] = v.normalize_nome(raw["nome"])

    for name in _TEXT_FIELDS:
        if found := cells.get(name):
            raw[name] = parsed[name] = cell_text(found[0])

    if email := cells.get("email"):
        raw["email"] = cell_text(email[0])
        parsed["email"] = v.normalize_email(raw["email"])  # validated once the aluno is known

    if cpf := cells.get("cpf"):
        raw["cpf"] = parse_cpf(cpf[0])
        if message := v.validate_cpf(raw["cpf"]):
            problem("cpf", message, cell_text(cpf[0]))
        else:
            parsed["cpf"] = v.normalize_cpf(raw["cpf"])

    if nascimento := cells.get("data_nascimento"):
        raw["data_nascimento"] = cell_text(nascimento[0])
        try:
            parsed["data_nascimento"] = parse_date(nascimento[0])
        except DataInexistenteError:
            problem("data_nascimento", DATA_INEXISTENTE, raw["data_nascimento"])
        except ValueError:
            problem("data_nascimento", DATA_INVALIDA, raw["data_nascimento"])

    if telefones := cells.get("telefones"):
        phones: list[str] = []
        for cell in telefones:
            phones.extend(parse_telefones(cell))
        parsed["telefones"] = v.normalize_telefones(phones)
        raw["telefones"] = " / ".join(cell_text(c) for c in telefones)

    if emails := cells.get("outros_emails"):
        parsed["outros_emails"] = tuple(dict.fromkeys(e for cell in emails for e in parse_emails(cell)))
        raw["outros_emails"] = " / ".join(cell_text(c) for c in emails)

    if ativo := cells.get("ativo"):
        raw["ativo"] = cell_text(ativo[0])
        try:
            parsed["ativo"] = parse_ativo(ativo[0])
        except ValueError:
            problem("ativo", ATIVO_INVALIDO, raw["ativo"])

    for name, parse, message in (("sexo", parse_sexo, SEXO_INVALIDO), ("cor_raca", parse_cor_raca, COR_RACA_INVALIDA)):
        if found := cells.get(name):
            raw[name] = cell_text(found[0])
            try:
                parsed[name] = parse(found[0])
            except ValueError:
                problem(name, message, raw[name])

    if cep := cells.get("cep"):
        raw["cep"] = cell_text(cep[0])
        parsed["cep"] = parse_cep(cep[0])
    if uf := cells.get("uf"):
        raw["uf"] = cell_text(uf[0])
        parsed["uf"] = parse_uf(uf[0])

    slots, legal_given = _parse_responsaveis(cells, header_map, problem)
    return Candidate(line, parsed, raw, tuple(problems), slots, legal_given)


_Report = Callable[..., None]


def _parse_responsaveis(
    cells: Mapping[str, list[Cell]], header_map: HeaderMap, problem: _Report
) -> tuple[tuple[Slot, ...], bool]:
    """The line's mãe, pai and other responsável (merged when the same person) and whether
    Responsável legal was filled."""
    found: dict[str, dict[str, object]] = {}
    for papel in PAPEIS:
        slot: dict[str, object] = {"nome": None, "cpf": None, "telefones": (), "columns": {}}
        for name in ("nome", "cpf", "telefones"):
            if f"{papel}_{name}" in header_map.columns:
                slot["columns"][name] = header_map.column_name(f"{papel}_{name}")  # type: ignore[index]
        if nome := cells.get(f"{papel}_nome"):
            text = cell_text(nome[0])
            if message := v.validate_nome(text):
                problem(f"{papel}_nome", message, text)
            else:
                slot["nome"] = v.normalize_nome(text)
        if cpf := cells.get(f"{papel}_cpf"):
            text = parse_cpf(cpf[0])
            if message := v.validate_cpf(text):
                problem(f"{papel}_cpf", message, cell_text(cpf[0]))
            else:
                slot["cpf"] = v.normalize_cpf(text)
        if telefones := cells.get(f"{papel}_telefones"):
            phones = v.normalize_telefones([p for cell in telefones for p in parse_telefones(cell)])
            if message := v.validate_telefones(phones):
                problem(f"{papel}_telefones", message, " / ".join(cell_text(c) for c in telefones))
            else:
                slot["telefones"] = phones
        slot["parentesco"] = papel if papel in PARENTESCOS else None
        if papel == "responsavel" and (parentesco := cells.get("responsavel_parentesco")):
            try:
                slot["parentesco"] = parse_parentesco(parentesco[0])
            except ValueError:
                problem("responsavel_parentesco", PARENTESCO_INVALIDO, cell_text(parentesco[0]))
        if cells.get(f"{papel}_nome") or cells.get(f"{papel}_cpf") or cells.get(f"{papel}_telefones"):
            found[papel] = slot

    legal: str | None = None
    legal_cells = cells.get("responsavel_legal")
    if legal_cells:
        text = cell_text(legal_cells[0])
        key = header_key(text)
        if key in _LEGAL_WORDS:
            legal = _LEGAL_WORDS[key]
        elif normalize_text(text) in TRUE_WORDS:
            legal = "responsavel"
        elif normalize_text(text) in FALSE_WORDS:
            legal_cells = []  # "Não": says nothing about who is
        else:
            nome = v.normalize_nome(text)
            same = [p for p, s in found.items() if s["nome"] and normalize_text(str(s["nome"])) == normalize_text(nome)]
            if same:
                legal = same[0]
            elif "responsavel" not in found and not v.validate_nome(nome):
                # A name alone: the responsável legal is someone the other columns do not name.
                parentesco: str | None = None
                with contextlib.suppress(ValueError, IndexError):  # a bad one is reported above
                    parentesco = parse_parentesco(cells.get("responsavel_parentesco", [])[0])
                found["responsavel"] = {
                    "nome": nome,
                    "cpf": None,
                    "telefones": (),
                    "columns": {"nome": header_map.column_name("responsavel_legal")},
                    "parentesco": parentesco,
                }
                legal = "responsavel"
            else:
                problem("responsavel_legal", RESPONSAVEL_LEGAL_DESCONHECIDO, text)
                legal_cells = []
        if legal in ("mae", "pai") and legal not in found:
            # "Mãe" when the other responsável's Parentesco says mãe.
            other = found.get("responsavel")
            if other is not None and other["parentesco"] == legal:
                legal = "responsavel"
        if legal is not None and legal not in found:
            problem("responsavel_legal", RESPONSAVEL_LEGAL_SEM_NOME, text)
            legal, legal_cells = None, []

    slots = [
        Slot(
            (papel,),
            s["nome"],  # type: ignore[arg-type]
            s["cpf"],  # type: ignore[arg-type]
            s["telefones"],  # type: ignore[arg-type]
            s["parentesco"],  # type: ignore[arg-type]
            papel == legal,
            tuple(s["columns"].items()),  # type: ignore[attr-defined]
        )
        for papel, s in found.items()
    ]
    return _merge_slots(slots, problem), bool(legal_cells)


def _same_person(a: Slot, b: Slot) -> bool:
    if a.cpf and b.cpf:
        return a.cpf == b.cpf
    return bool(a.nome and b.nome and normalize_text(a.nome) == normalize_text(b.nome))


def _merge_slots(slots: Sequence[Slot], problem: _Report) -> tuple[Slot, ...]:
    """One slot per person: "Nome do responsável" is often the mãe again."""
    merged: list[Slot] = []
    for slot in slots:
        twin = next((m for m in merged if _same_person(m, slot)), None)
        if twin is None:
            merged.append(slot)
            continue
        if twin.nome and slot.nome and normalize_text(twin.nome) != normalize_text(slot.nome):
            problem(slot.field("cpf"), RESPONSAVEL_CPF_COM_OUTRO_NOME, v.format_cpf(slot.cpf))
            continue
        merged[merged.index(twin)] = Slot(
            twin.papeis + slot.papeis,
            twin.nome or slot.nome,
            twin.cpf or slot.cpf,
            add_phones(twin.telefones, slot.telefones),
            twin.parentesco or slot.parentesco,
            twin.legal or slot.legal,
            twin.columns + tuple(c for c in slot.columns if c[0] not in dict(twin.columns)),
        )
    return tuple(merged)


def _digits(text: str) -> str:
    return "".join(filter(str.isdigit, text))


def add_phones(stored: Sequence[str], new: Iterable[str]) -> tuple[str, ...]:
    """``stored`` and then each of ``new`` whose digits are not there yet."""
    result = list(stored)
    seen = {_digits(p) for p in result}
    for phone in new:
        if _digits(phone) not in seen:
            result.append(phone)
            seen.add(_digits(phone))
    return tuple(result)
