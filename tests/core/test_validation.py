"""Worked examples for the form validators: what the office types, what the form says."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from escola_gui.core import validation as v
from escola_gui.core.errors import ValidationError


@pytest.mark.parametrize("typed", ["529.982.247-25", "52998224725", " 529.982.247-25 ", "111.444.777-35"])
def test_valid_cpfs_are_accepted(typed: str) -> None:
    assert v.validate_cpf(typed) is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("111.111.111-11", v.CPF_INVALIDO),  # all the same digit passes the arithmetic but is not a CPF
        ("000.000.000-00", v.CPF_INVALIDO),
        ("529.982.247-24", v.CPF_INVALIDO),  # wrong second check digit
        ("529.982.247-15", v.CPF_INVALIDO),  # wrong first check digit
        ("529.982.247", v.CPF_TAMANHO),
        ("5299822472555", v.CPF_TAMANHO),
        ("529.982.247-2x", v.CPF_TAMANHO),
    ],
)
def test_invalid_cpfs_are_rejected(typed: str, message: str) -> None:
    assert v.validate_cpf(typed) == message


def test_cpf_is_optional_and_stored_as_digits() -> None:
    assert v.validate_cpf("") is None
    assert v.validate_cpf(None) is None
    assert v.normalize_cpf("529.982.247-25") == "52998224725"
    assert v.normalize_cpf("  ") is None


def test_format_cpf() -> None:
    assert v.format_cpf("52998224725") == "529.982.247-25"
    assert v.format_cpf(None) == ""
    assert v.format_cpf("123") == "123"


@pytest.mark.parametrize("typed", ["ana@escola.com.br", " Ana.Julia+pais@Gmail.COM ", "x@y.io"])
def test_valid_emails(typed: str) -> None:
    assert v.validate_email(typed) is None


@pytest.mark.parametrize(
    "typed",
    ["joao", "joao@", "@escola.com", "joao@escola", "jo ao@escola.com", "a@b@c.com", "a@.com", "a@b."],
)
def test_invalid_emails(typed: str) -> None:
    assert v.validate_email(typed) == v.EMAIL_INVALIDO


def test_email_is_optional_trimmed_and_lowercased() -> None:
    assert v.validate_email("   ") is None
    assert v.normalize_email("  ") is None
    assert v.normalize_email(" Ana@Escola.COM.br ") == "ana@escola.com.br"
    assert v.validate_email("a" * 95 + "@x.com") == v.EMAIL_LONGO


def test_nome_is_required_trimmed_and_limited() -> None:
    assert v.validate_nome("") == v.NOME_OBRIGATORIO
    assert v.validate_nome("   ") == v.NOME_OBRIGATORIO
    assert v.validate_nome(None) == v.NOME_OBRIGATORIO
    assert v.validate_nome("João") is None
    assert v.normalize_nome("  João   da  Silva ") == "João da Silva"
    assert v.validate_nome("a" * 100) is None
    assert v.validate_nome("a" * 101) == v.NOME_LONGO


def test_birth_date_may_not_be_in_the_future() -> None:
    today = date(2024, 6, 15)
    assert v.validate_data_nascimento(None, today) is None
    assert v.validate_data_nascimento(date(2010, 1, 31), today) is None
    assert v.validate_data_nascimento(today, today) is None
    assert v.validate_data_nascimento(date(2024, 6, 16), today) == v.DATA_NASCIMENTO_FUTURA


def test_telefones_one_per_line() -> None:
    assert v.normalize_telefones("(11) 98765-4321\n\n  (11)  98765-4321 \n3333-4444") == (
        "(11) 98765-4321",
        "3333-4444",
    )
    assert v.validate_telefones("(11) 98765-4321\n+55 21 3333-4444") is None
    assert v.validate_telefones("1234") == v.TELEFONE_INVALIDO
    assert v.validate_telefones("ligar para a mãe") == v.TELEFONE_INVALIDO


def test_carga_horaria_is_an_optional_positive_whole_number() -> None:
    assert v.validate_carga_horaria(None) is None
    assert v.validate_carga_horaria(40) is None
    assert v.validate_carga_horaria(0) == v.CARGA_HORARIA_INVALIDA
    assert v.validate_carga_horaria(-5) == v.CARGA_HORARIA_INVALIDA


def test_validation_error_names_the_field() -> None:
    error = ValidationError("cpf", v.CPF_INVALIDO)
    assert (error.field, error.message, str(error)) == ("cpf", v.CPF_INVALIDO, v.CPF_INVALIDO)


def test_data_matricula_is_required() -> None:
    # Upgraded 0.x matrículas may lack a date, but a form cannot save one without it.
    assert v.validate_data_matricula(None) == v.DATA_MATRICULA_OBRIGATORIA
    assert v.validate_data_matricula(date(2021, 2, 28)) is None


@given(st.text(max_size=40))
def test_any_cep_text_is_accepted_as_eight_digits_or_refused_never_raised(text: str) -> None:
    message = v.validate_cep(text)
    cep = v.normalize_cep(text)
    if message is None:
        assert cep is None or (len(cep) == 8 and cep.isascii() and cep.isdigit())
    else:
        assert message == v.CEP_INVALIDO


@given(
    st.from_regex(r"[0-9]{5}", fullmatch=True),
    st.from_regex(r"[0-9]{3}", fullmatch=True),
    st.sampled_from(["-", ".", " ", ""]),
)
def test_a_typed_cep_keeps_its_digits_and_formats_back(first: str, last: str, sep: str) -> None:
    assert v.normalize_cep(f" {first}{sep}{last} ") == first + last
    assert v.format_cep(first + last) == f"{first}-{last}"


def test_uf_must_be_a_brazilian_state() -> None:
    assert v.validate_uf("sp") is None and v.validate_uf("") is None
    assert v.validate_uf("XX") == v.UF_INVALIDA
    assert len(v.UFS) == 27
