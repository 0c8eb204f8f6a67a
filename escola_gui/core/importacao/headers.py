"""The file's headers → fields: the aliases offices write ("Data de Nascimento", "DT-NASC.",
"Celular da mãe"...) and the user's own choices."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from escola_gui.core.db import normalize_text
from escola_gui.core.importacao.fields import FIELD_LABELS, FIELDS


def _responsavel_aliases(papel: str, owners: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """``"Nome da mãe"``, ``"CPF mãe"``, ``"Celular da mãe"``... for one papel."""
    phone_words = ("telefone", "telefones", "celular", "celulares", "fone", "tel", "whatsapp", "contato")
    return {
        f"{papel}_nome": tuple(f"nome{o}" for o in owners) + tuple(f"{o}nome" for o in owners),
        f"{papel}_cpf": tuple(f"cpf{o}" for o in owners),
        f"{papel}_telefones": tuple(f"{w}{o}" for w in phone_words for o in owners),
    }


_ALIASES: dict[str, tuple[str, ...]] = {
    "nome": ("nome", "nomecompleto", "nomedoaluno", "nomedaaluna", "nomealuno", "aluno", "aluna", "estudante"),
    "nome_social": ("nomesocial", "nomesocialdoaluno"),
    "email": ("email", "emaildoaluno", "correioeletronico"),
    "cpf": ("cpf", "cpfdoaluno", "cpfdaaluna", "cpfaluno"),
    "data_nascimento": (
        "datadenascimento",
        "datanascimento",
        "nascimento",
        "dtnasc",
        "dtnascimento",
        "dtdenascimento",
        "datanasc",
        "datadenasc",
    ),
    "telefones": ("telefone", "telefones", "celular", "celulares", "fone", "fones", "tel", "whatsapp"),
    "outros_emails": (
        "outrosemails",
        "outroemail",
        "outrosemail",
        "emailsextras",
        "emailsadicionais",
        "emailadicional",
        "emailsecundario",
        "emailalternativo",
    ),
    "ativo": ("ativo", "ativa", "situacao", "status"),
    "ra": ("ra", "rm", "registrodoaluno", "registroaluno", "numerodematricula", "numeromatricula", "nmatricula"),
    "sexo": ("sexo",),
    "cor_raca": ("corraca", "racacor", "raca", "cor", "cordapele"),
    "rg": ("rg", "identidade", "rgdoaluno", "carteiradeidentidade", "numerodorg"),
    "certidao_nascimento": (
        "certidao",
        "certidaodenascimento",
        "certidaonascimento",
        "matriculadacertidao",
        "matriculadacertidaodenascimento",
        "numerodacertidao",
    ),
    "nis": ("nis", "pis", "nispis", "pispasep", "nispispasep", "numerodonis"),
    "codigo_inep": ("inep", "codigoinep", "codigodoinep", "idinep", "inepdoaluno", "codigoinepdoaluno"),
    "cep": ("cep",),
    "logradouro": ("logradouro", "endereco", "rua", "enderecoresidencial"),
    "numero": ("numero", "n", "no", "num", "numerodaresidencia", "numerodacasa"),
    "complemento": ("complemento", "compl"),
    "bairro": ("bairro",),
    "municipio": ("municipio", "cidade", "municipioderesidencia"),
    "uf": ("uf", "estado"),
    **_responsavel_aliases("mae", ("damae", "mae")),
    **_responsavel_aliases("pai", ("dopai", "pai")),
    **_responsavel_aliases("responsavel", ("doresponsavel", "daresponsavel", "responsavel")),
    "responsavel_parentesco": (
        "parentesco",
        "parentescodoresponsavel",
        "parentescoresponsavel",
        "graudeparentesco",
        "grauparentesco",
    ),
    "responsavel_legal": ("responsavellegal", "nomedoresponsavellegal"),
}
_ALIASES["mae_nome"] += ("mae",)
_ALIASES["pai_nome"] += ("pai",)
_ALIASES["responsavel_nome"] += ("responsavel",)
_FIELD_BY_KEY = {key: name for name, keys in _ALIASES.items() for key in keys}
_MULTI_COLUMN_FIELDS = frozenset(
    {"telefones", "outros_emails", "mae_telefones", "pai_telefones", "responsavel_telefones"}
)


@lru_cache(maxsize=4096)  # (cells such as Sexo and Cor/raça repeat the same few words)
def header_key(header: str) -> str:
    """``"Data de Nascimento"``, ``"data_nascimento"``, ``"DT-NASC."`` → letters and digits, no accents."""
    return re.sub(r"[^0-9a-z]", "", normalize_text(header))


@dataclass(frozen=True)
class HeaderMap:
    """Which column holds which field.

    Attributes:
        columns: field → column indexes (0-based). One column per field, except the phones,
            whose columns (Telefone, Celular...) are read together, and the other e-mails.
        unmapped: headers of the columns that are not imported.
        ignored: headers recognized but not imported (none since every field is imported).
        problems: Portuguese messages; the file cannot be imported while there are any.
        headers: the file's headers, to name the column of a problem.
    """

    columns: dict[str, tuple[int, ...]]
    unmapped: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    _names: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    """column_name()'s answers (asked for every line of a file)."""

    def fields(self) -> dict[str, int]:
        """field → its (first) column index."""
        return {name: indexes[0] for name, indexes in self.columns.items()}

    def column_name(self, name: str) -> str:
        """The header(s) of the field's column as in the file, else the field's label."""
        if (found := self._names.get(name)) is not None:
            return found
        self._names[name] = self._column_name(name)
        return self._names[name]

    def _column_name(self, name: str) -> str:
        indexes = self.columns.get(name, ())
        headers = [self.headers[i] for i in indexes if i < len(self.headers) and self.headers[i]]
        return " / ".join(headers) if headers else FIELD_LABELS.get(name, name)


def map_headers(headers: Sequence[str], override: Mapping[str, str | None] | None = None) -> HeaderMap:
    """Map the file's headers to fields, ignoring accents, case, spaces, ``_``, ``-`` and dots.

    Args:
        override: the user's choice for some headers: header text (as in the file, or
            differing only as above) → a field of :data:`FIELDS`, or ``None`` to skip it.

    Raises:
        ValueError: ``override`` names a field that does not exist (a programming error).
    """
    override = dict(override or {})
    for target in override.values():
        if target is not None and target not in FIELDS:
            raise ValueError(f"unknown field {target!r}")
    override_by_key = {header_key(h): target for h, target in override.items()}
    found = {header_key(h) for h in headers} | set(headers)
    problems = [
        f"A coluna “{h}” do mapeamento não existe no arquivo."
        for h in override
        if h not in found and header_key(h) not in found
    ]
    columns: dict[str, list[int]] = defaultdict(list)
    unmapped: list[str] = []
    for index, header in enumerate(headers):
        if header in override:
            target = override[header]
        elif header_key(header) in override_by_key:
            target = override_by_key[header_key(header)]
        else:
            target = _FIELD_BY_KEY.get(header_key(header))
        if target is None:
            if header.strip():
                unmapped.append(header)
        else:
            columns[target].append(index)
    for name, indexes in columns.items():
        if len(indexes) > 1 and name not in _MULTI_COLUMN_FIELDS:
            names = " e ".join(f"“{headers[i]}”" for i in indexes)
            problems.append(
                f"As colunas {names} são todas de {FIELD_LABELS[name]}: escolha uma só no mapeamento de colunas."
            )
    if not columns:
        problems.append(
            "Nenhuma coluna foi reconhecida. A primeira linha deve ter os nomes das colunas: "
            "Nome, E-mail, CPF, Data de nascimento, Telefone, Ativo."
        )
    elif "nome" not in columns:
        problems.append("Falta a coluna Nome, obrigatória. Indique qual coluna traz o nome do aluno.")
    ordered = {name: tuple(columns[name]) for name in FIELDS if name in columns}
    return HeaderMap(ordered, tuple(unmapped), (), tuple(problems), tuple(headers))
