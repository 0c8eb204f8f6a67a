"""Pure validators and normalizers for what the office types into the forms.

Each ``validate_*`` function returns ``None`` when the value is acceptable, or a message in
Brazilian Portuguese that says what is wrong. Each ``normalize_*`` function returns the value
as it is stored (trimmed, lowercased, digits only...).

Translation: the core never imports Qt, so it cannot call ``tr()``. The messages are plain
Portuguese source strings wrapped in the no-op marker :func:`~escola_gui.core.errors.QT_TRANSLATE_NOOP`
with the context ``"validation"``; ``pyside6-lupdate`` collects them from that marker. The GUI
shows them through ``QCoreApplication.translate("validation", message)``. For that lookup to
work the messages carry no placeholders: the text in a :class:`~escola_gui.core.errors.ValidationError`
is always one of the constants of this module or of a service's module (``core/alunos.py``...).
"""

from __future__ import annotations

import operator
import re
from datetime import date

from escola_gui.core.errors import QT_TRANSLATE_NOOP

TRANSLATION_CONTEXT = "validation"

NOME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 100
TELEFONE_MAX_LENGTH = 100

NOME_OBRIGATORIO = QT_TRANSLATE_NOOP("validation", "Informe o nome.")
NOME_LONGO = QT_TRANSLATE_NOOP("validation", "O nome deve ter no máximo 100 caracteres.")
NOME_CONTROLE = QT_TRANSLATE_NOOP("validation", "O nome não pode conter caracteres de controle.")
TEXTO_CONTROLE = QT_TRANSLATE_NOOP(
    "validation", "O texto não pode conter caracteres de controle (invisíveis, como os copiados de outro programa)."
)
EMAIL_INVALIDO = QT_TRANSLATE_NOOP("validation", "E-mail inválido. Use o formato nome@exemplo.com.br, sem espaços.")
EMAIL_LONGO = QT_TRANSLATE_NOOP("validation", "O e-mail deve ter no máximo 100 caracteres.")
CPF_TAMANHO = QT_TRANSLATE_NOOP("validation", "O CPF deve ter 11 dígitos, como 123.456.789-09.")
CPF_INVALIDO = QT_TRANSLATE_NOOP("validation", "CPF inválido: os dígitos verificadores não conferem.")
DATA_NASCIMENTO_FUTURA = QT_TRANSLATE_NOOP("validation", "A data de nascimento não pode estar no futuro.")
TELEFONE_INVALIDO = QT_TRANSLATE_NOOP(
    "validation",
    "Telefone inválido. Escreva um por linha, com 8 a 13 dígitos; espaços, parênteses, + e - são permitidos.",
)
CARGA_HORARIA_INVALIDA = QT_TRANSLATE_NOOP(
    "validation", "A carga horária deve ser um número inteiro positivo de horas."
)
CEP_INVALIDO = QT_TRANSLATE_NOOP("validation", "O CEP deve ter 8 dígitos, como 12345-678.")
UF_INVALIDA = QT_TRANSLATE_NOOP("validation", "Escolha a UF na lista, como SP.")
UFS = (
    "AC", "AL", "AM", "AP", "BA", "CE", "DF", "ES", "GO", "MA", "MG", "MS", "MT", "PA",
    "PB", "PE", "PI", "PR", "RJ", "RN", "RO", "RR", "RS", "SC", "SE", "SP", "TO",
)  # fmt: skip
DATA_MATRICULA_OBRIGATORIA = QT_TRANSLATE_NOOP("validation", "Informe a data da matrícula.")

# Deliberately loose: one @, something before it, a dotted domain after it, no spaces.
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
_TELEFONE_CHARS_RE = re.compile(r"[0-9 ()+\-.]+")
# Control characters (NUL, ESC, DEL, C1...) other than tab and line breaks: invisible, and
# refused by the .xlsx format, so a value holding one could not be exported.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control_characters(value: str | None) -> bool:
    """True when ``value`` holds a control character other than tab, CR and LF."""
    return bool(value) and _CONTROL_RE.search(value) is not None


def validate_texto(value: str | None) -> str | None:
    """A free text field (RG, logradouro...): any printable text; control characters refused."""
    return TEXTO_CONTROLE if has_control_characters(value) else None


def _only_digits(value: str) -> str:
    return "".join(filter(str.isdigit, value))


# --- nome -------------------------------------------------------------------------------


def normalize_nome(value: str | None) -> str:
    """Trim and collapse runs of whitespace: ``"  João   Silva "`` becomes ``"João Silva"``."""
    return " ".join((value or "").split())


def validate_nome(value: str | None) -> str | None:
    nome = normalize_nome(value)
    if not nome:
        return NOME_OBRIGATORIO
    if len(nome) > NOME_MAX_LENGTH:
        return NOME_LONGO
    if has_control_characters(nome):
        return NOME_CONTROLE
    return None


# --- e-mail -----------------------------------------------------------------------------


def normalize_email(value: str | None) -> str | None:
    """Trimmed and lowercased; an empty field becomes ``None``."""
    email = (value or "").strip().lower()
    return email or None


def validate_email(value: str | None) -> str | None:
    email = normalize_email(value)
    if email is None:
        return None
    if not _EMAIL_RE.fullmatch(email) or has_control_characters(email):
        return EMAIL_INVALIDO
    if len(email) > EMAIL_MAX_LENGTH:
        return EMAIL_LONGO
    return None


# --- CPF --------------------------------------------------------------------------------


def normalize_cpf(value: str | None) -> str | None:
    """The digits of a CPF typed with or without punctuation; empty becomes ``None``."""
    digits = _only_digits(value or "")
    return digits or None


def _cpf_check_digit(digits: str) -> int:
    # weights len + 1, len, ..., 2
    total = sum(map(operator.mul, map(int, digits), range(len(digits) + 1, 1, -1)))
    remainder = total * 10 % 11
    return 0 if remainder == 10 else remainder


def is_valid_cpf(digits: str) -> bool:
    """True for 11 digits, not all the same, whose two check digits agree."""
    if len(digits) != 11 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    first = _cpf_check_digit(digits[:9])
    second = _cpf_check_digit(digits[:10])
    return digits[9:] == f"{first}{second}"


def validate_cpf(value: str | None) -> str | None:
    text = (value or "").strip()
    if not text:
        return None
    if not re.fullmatch(r"[0-9.\-\s]+", text):
        return CPF_TAMANHO
    digits = _only_digits(text)
    if len(digits) != 11:
        return CPF_TAMANHO
    if not is_valid_cpf(digits):
        return CPF_INVALIDO
    return None


def format_cpf(digits: str | None) -> str:
    """``"52998224725"`` → ``"529.982.247-25"``; anything but 11 digits is returned as is."""
    if not digits:
        return ""
    if len(digits) != 11 or not digits.isdigit():
        return digits
    return f"{digits[:3]}.{digits[3:6]}.{digits[6:9]}-{digits[9:]}"


# --- data de nascimento -----------------------------------------------------------------


def validate_data_nascimento(value: date | None, today: date | None = None) -> str | None:
    """Optional; when given it may not be later than ``today`` (default: the real today)."""
    if value is None:
        return None
    if value > (today or date.today()):
        return DATA_NASCIMENTO_FUTURA
    return None


# --- telefones --------------------------------------------------------------------------


def normalize_telefones(values: str | list[str] | tuple[str, ...] | None) -> tuple[str, ...]:
    """One phone per line (or per item), trimmed, without blanks or repeats, in order."""
    if values is None:
        return ()
    lines = values.splitlines() if isinstance(values, str) else list(values)
    result: list[str] = []
    for line in lines:
        phone = " ".join(line.split())
        if phone and phone not in result:
            result.append(phone)
    return tuple(result)


def validate_telefones(values: str | list[str] | tuple[str, ...] | None) -> str | None:
    for phone in normalize_telefones(values):
        digits = _only_digits(phone)
        if not _TELEFONE_CHARS_RE.fullmatch(phone) or not 8 <= len(digits) <= 13 or len(phone) > TELEFONE_MAX_LENGTH:
            return TELEFONE_INVALIDO
    return None


# --- cursos e matrículas ----------------------------------------------------------------


def validate_carga_horaria(value: int | None) -> str | None:
    """Optional whole number of hours; when given it must be positive."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        return CARGA_HORARIA_INVALIDA
    return None


def validate_data_matricula(value: date | None) -> str | None:
    if value is None:
        return DATA_MATRICULA_OBRIGATORIA
    return None


def normalize_cep(value: str | None) -> str | None:
    """The CEP's digits ("12345-678" → "12345678"); blank → ``None``; other text kept to be refused."""
    text = (value or "").strip()
    if not text:
        return None
    digits = _only_digits(text)
    return digits if len(digits) == 8 and re.fullmatch(r"[0-9.\- ]+", text) else text


def validate_cep(value: str | None) -> str | None:
    cep = normalize_cep(value)
    if cep is None or (len(cep) == 8 and cep.isascii() and cep.isdigit()):
        return None
    return CEP_INVALIDO


def format_cep(digits: str | None) -> str:
    """``"12345678"`` → ``"12345-678"``; anything else as it is."""
    if digits and len(digits) == 8 and digits.isdigit():
        return f"{digits[:5]}-{digits[5:]}"
    return digits or ""


def validate_uf(value: str | None) -> str | None:
    uf = (value or "").strip().upper()
    return None if not uf or uf in UFS else UF_INVALIDA
