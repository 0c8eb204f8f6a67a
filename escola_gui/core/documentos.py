"""Validators and normalizers for the documents of a student's record (Censo Escolar fields).

Same conventions as :mod:`escola_gui.core.validation`: each ``validate_*`` returns ``None``
when the value is acceptable (an empty field is acceptable: these documents are optional)
or an untranslated Portuguese message marked with :func:`QT_TRANSLATE_NOOP`; each
``normalize_*`` returns the digits as they are stored, or ``None`` for an empty field.
The CPF validator is the one in :mod:`escola_gui.core.validation`, re-exported here.

Check digits
------------
Certidão de nascimento, modelo novo (matrícula, CNJ Provimento 2/2009 and 3/2009):
32 digits, ``SSSSSS AA RR YYYY L NNNNN FFF TTTTTTT DD`` (serventia, acervo, 55 = registro
civil, year, tipo de livro (1 = nascimento), livro, folha, termo, check digits). Both check
digits are mod 11 with weights that grow one per position and wrap from 10 to 0:

* DV1 over the first 30 digits with weights 2, 3, ..., 10, 0, 1, ..., 10, 0, 1, ...
  (i.e. weight ``(i + 2) % 11`` for the 0-based position ``i``);
* DV2 over the first 31 digits (the 30 plus DV1) with weights 1, 2, ..., 10, 0, 1, ...
  (weight ``(i + 1) % 11``);
* each DV is ``sum % 11``, except that a remainder of 10 gives 1 (not 0).

Verified against two independently published valid numbers: the worked example of
ghiorzi.org/DVnew.htm (``104539 01 55 2013 1 00012 021 0000123 21``: sums 288 → 2 and
309 → 1) and the test fixture of the Rust crate ``brado``
(``219242 01 55 2023 1 06304 243 1158185 36``), whose code implements the same rule.
Only length and check digits are checked, not the structure (serventia, 55, tipo de livro).

NIS / PIS / PASEP / NIT: 11 digits; the check digit is mod 11 over the first 10 digits with
weights 3, 2, 9, 8, 7, 6, 5, 4, 3, 2; remainder 0 or 1 gives 0, otherwise 11 - remainder.
Verified against the worked example ``469.52280.63-7`` (sum 235, remainder 4 → 7) and the
valid fixtures ``268.27649.96-0`` and ``408.65658.04-7`` of two other libraries. (The number
``120.5647.998-3`` sometimes quoted is *not* valid: its check digit is 4.)

Like CPF, numbers made of one repeated digit (``000...0``) are rejected even where the
arithmetic accepts them. Mod 11 with a folded remainder (0/1 → 0 for NIS, 10 → 1 for the
certidão) cannot catch every single-digit typo: a change that only moves the remainder
between the two folded values goes unnoticed. That is the official algorithm, not a bug.

Código INEP: 8 digits for the escola, 12 for the aluno; no check digit is published, so
only the format is checked.
"""

from __future__ import annotations

import operator
import re

from escola_gui.core.errors import QT_TRANSLATE_NOOP
from escola_gui.core.validation import format_cpf, is_valid_cpf, normalize_cpf, validate_cpf

__all__ = [
    "CERTIDAO_INVALIDA",
    "CERTIDAO_TAMANHO",
    "INEP_ALUNO_TAMANHO",
    "INEP_ESCOLA_TAMANHO",
    "NIS_INVALIDO",
    "NIS_TAMANHO",
    "certidao_check_digits",
    "format_certidao",
    "format_cpf",
    "format_nis",
    "is_valid_certidao",
    "is_valid_cpf",
    "is_valid_nis",
    "nis_check_digit",
    "normalize_certidao",
    "normalize_cpf",
    "normalize_inep",
    "normalize_nis",
    "validate_certidao",
    "validate_cpf",
    "validate_inep_aluno",
    "validate_inep_escola",
    "validate_nis",
]

CERTIDAO_LENGTH = 32
NIS_LENGTH = 11
INEP_ESCOLA_LENGTH = 8
INEP_ALUNO_LENGTH = 12

CERTIDAO_TAMANHO = QT_TRANSLATE_NOOP(
    "validation", "A matrícula da certidão de nascimento deve ter 32 dígitos (modelo novo, a partir de 2010)."
)
CERTIDAO_INVALIDA = QT_TRANSLATE_NOOP(
    "validation", "Matrícula da certidão inválida: os dígitos verificadores não conferem."
)
NIS_TAMANHO = QT_TRANSLATE_NOOP("validation", "O NIS (PIS/PASEP) deve ter 11 dígitos, como 469.52280.63-7.")
NIS_INVALIDO = QT_TRANSLATE_NOOP("validation", "NIS (PIS/PASEP) inválido: o dígito verificador não confere.")
INEP_ESCOLA_TAMANHO = QT_TRANSLATE_NOOP("validation", "O código INEP da escola deve ter 8 dígitos.")
INEP_ALUNO_TAMANHO = QT_TRANSLATE_NOOP("validation", "O código INEP do aluno deve ter 12 dígitos.")

# What the office may type around the digits: spaces, dots, hyphens and slashes.
_PUNCTUATED_DIGITS_RE = re.compile(r"[0-9.\-/\s]+")


_NOT_ASCII_DIGIT_RE = re.compile(r"[^0-9]")


def _only_digits(value: str) -> str:
    return _NOT_ASCII_DIGIT_RE.sub("", value)


def _normalize(value: str | None) -> str | None:
    digits = _only_digits(value or "")
    return digits or None


def _typed_digits(value: str | None, length: int) -> str | None:
    """The digits of a non-empty field, or ``None`` when it is not ``length`` punctuated digits."""
    text = (value or "").strip()
    if not _PUNCTUATED_DIGITS_RE.fullmatch(text):
        return None
    digits = _only_digits(text)
    return digits if len(digits) == length else None


def _repeated(digits: str) -> bool:
    return len(set(digits)) == 1


# --- certidão de nascimento (modelo novo) -----------------------------------------------


_CERTIDAO_WEIGHTS = {first: tuple((i + first) % 11 for i in range(CERTIDAO_LENGTH)) for first in (1, 2)}


def _certidao_digit(digits: str, first_weight: int) -> int:
    total = sum(map(operator.mul, map(int, digits), _CERTIDAO_WEIGHTS[first_weight]))
    remainder = total % 11
    return 1 if remainder == 10 else remainder


def certidao_check_digits(first30: str) -> str:
    """The two check digits of a matrícula from its first 30 digits."""
    if len(first30) != CERTIDAO_LENGTH - 2 or _only_digits(first30) != first30:
        raise ValueError("expected the first 30 digits of a matrícula")
    dv1 = _certidao_digit(first30, 2)
    dv2 = _certidao_digit(first30 + str(dv1), 1)
    return f"{dv1}{dv2}"


def is_valid_certidao(digits: str) -> bool:
    """True for 32 ASCII digits, not all the same, whose two check digits agree."""
    if len(digits) != CERTIDAO_LENGTH or _only_digits(digits) != digits or _repeated(digits):
        return False
    return digits[30:] == certidao_check_digits(digits[:30])


def normalize_certidao(value: str | None) -> str | None:
    """The digits of a matrícula typed with or without spaces/dots/hyphens; empty becomes ``None``."""
    return _normalize(value)


def validate_certidao(value: str | None) -> str | None:
    if not (value or "").strip():
        return None
    digits = _typed_digits(value, CERTIDAO_LENGTH)
    if digits is None:
        return CERTIDAO_TAMANHO
    if not is_valid_certidao(digits):
        return CERTIDAO_INVALIDA
    return None


def format_certidao(digits: str | None) -> str:
    """``"10453901552013100012021000012321"`` → ``"104539 01 55 2013 1 00012 021 0000123 21"``.

    Anything but 32 digits is returned as is.
    """
    if not digits:
        return ""
    if len(digits) != CERTIDAO_LENGTH or _only_digits(digits) != digits:
        return digits
    groups = (6, 2, 2, 4, 1, 5, 3, 7, 2)
    parts, start = [], 0
    for size in groups:
        parts.append(digits[start : start + size])
        start += size
    return " ".join(parts)


# --- NIS / PIS / PASEP ------------------------------------------------------------------

_NIS_WEIGHTS = (3, 2, 9, 8, 7, 6, 5, 4, 3, 2)


def nis_check_digit(first10: str) -> int:
    """The check digit of a NIS from its first 10 digits."""
    if len(first10) != NIS_LENGTH - 1 or _only_digits(first10) != first10:
        raise ValueError("expected the first 10 digits of a NIS")
    remainder = sum(int(d) * w for d, w in zip(first10, _NIS_WEIGHTS, strict=True)) % 11
    return 0 if remainder < 2 else 11 - remainder


def is_valid_nis(digits: str) -> bool:
    """True for 11 ASCII digits, not all the same, whose check digit agrees."""
    if len(digits) != NIS_LENGTH or _only_digits(digits) != digits or _repeated(digits):
        return False
    return int(digits[10]) == nis_check_digit(digits[:10])


def normalize_nis(value: str | None) -> str | None:
    """The digits of a NIS/PIS/PASEP typed with or without punctuation; empty becomes ``None``."""
    return _normalize(value)


def validate_nis(value: str | None) -> str | None:
    if not (value or "").strip():
        return None
    digits = _typed_digits(value, NIS_LENGTH)
    if digits is None:
        return NIS_TAMANHO
    if not is_valid_nis(digits):
        return NIS_INVALIDO
    return None


def format_nis(digits: str | None) -> str:
    """``"46952280637"`` → ``"469.52280.63-7"``; anything but 11 digits is returned as is."""
    if not digits:
        return ""
    if len(digits) != NIS_LENGTH or _only_digits(digits) != digits:
        return digits
    return f"{digits[:3]}.{digits[3:8]}.{digits[8:10]}-{digits[10]}"


# --- código INEP ------------------------------------------------------------------------


def normalize_inep(value: str | None) -> str | None:
    """The digits of a código INEP (escola or aluno); empty becomes ``None``."""
    return _normalize(value)


def validate_inep_escola(value: str | None) -> str | None:
    """Optional; when given, 8 digits (format only: INEP publishes no check digit)."""
    if not (value or "").strip():
        return None
    if _typed_digits(value, INEP_ESCOLA_LENGTH) is None:
        return INEP_ESCOLA_TAMANHO
    return None


def validate_inep_aluno(value: str | None) -> str | None:
    """Optional; when given, 12 digits (format only: INEP publishes no check digit)."""
    if not (value or "").strip():
        return None
    if _typed_digits(value, INEP_ALUNO_LENGTH) is None:
        return INEP_ALUNO_TAMANHO
    return None
