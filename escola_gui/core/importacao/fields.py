"""The fields a column of the file can hold, their labels, and the export's columns."""

from __future__ import annotations

ALUNO_FIELDS = (
    "nome",
    "nome_social",
    "email",
    "cpf",
    "data_nascimento",
    "telefones",
    "outros_emails",
    "ativo",
    "ra",
    "sexo",
    "cor_raca",
    "rg",
    "certidao_nascimento",
    "nis",
    "codigo_inep",
    "cep",
    "logradouro",
    "numero",
    "complemento",
    "bairro",
    "municipio",
    "uf",
)
"""The aluno's fields a column can hold, in the order changes are listed."""

PAPEIS = ("mae", "pai", "responsavel")
"""Whose columns: the mãe's, the pai's, or another responsável's."""

RESPONSAVEL_FIELDS = (
    "mae_nome",
    "mae_cpf",
    "mae_telefones",
    "pai_nome",
    "pai_cpf",
    "pai_telefones",
    "responsavel_nome",
    "responsavel_cpf",
    "responsavel_telefones",
    "responsavel_parentesco",
    "responsavel_legal",
)

FIELDS = ALUNO_FIELDS + RESPONSAVEL_FIELDS
"""Fields a column can be mapped to."""

FIELD_LABELS = {
    "nome": "Nome",
    "nome_social": "Nome social",
    "email": "E-mail",
    "cpf": "CPF",
    "data_nascimento": "Data de nascimento",
    "telefones": "Telefones",
    "outros_emails": "Outros e-mails",
    "ativo": "Ativo",
    "ra": "RA",
    "sexo": "Sexo",
    "cor_raca": "Cor/raça",
    "rg": "RG",
    "certidao_nascimento": "Certidão de nascimento",
    "nis": "NIS",
    "codigo_inep": "Código INEP",
    "cep": "CEP",
    "logradouro": "Logradouro",
    "numero": "Número",
    "complemento": "Complemento",
    "bairro": "Bairro",
    "municipio": "Município",
    "uf": "UF",
    "mae_nome": "Nome da mãe",
    "mae_cpf": "CPF da mãe",
    "mae_telefones": "Telefone da mãe",
    "pai_nome": "Nome do pai",
    "pai_cpf": "CPF do pai",
    "pai_telefones": "Telefone do pai",
    "responsavel_nome": "Nome do responsável",
    "responsavel_cpf": "CPF do responsável",
    "responsavel_telefones": "Telefone do responsável",
    "responsavel_parentesco": "Parentesco do responsável",
    "responsavel_legal": "Responsável legal",
}

EXPORT_FIELDS = (
    ("nome", "email", "cpf", "data_nascimento", "telefones", "ativo", "ra", "nome_social", "sexo", "cor_raca", "rg")
    + ("certidao_nascimento", "nis", "codigo_inep", "cep", "logradouro", "numero", "complemento", "bairro")
    + ("municipio", "uf", "outros_emails")
    + RESPONSAVEL_FIELDS
)
EXPORT_HEADERS = tuple(FIELD_LABELS[name] for name in EXPORT_FIELDS)
"""The columns of :func:`~escola_gui.core.importacao.export.export_alunos`: the first six are
those of the 1.0 export; the ones added since go before the responsáveis' columns."""

# The census categories and parentescos as the office writes them (and the export does).
SEXO_LABELS = {"F": "Feminino", "M": "Masculino"}
COR_RACA_LABELS = {
    "nao_declarada": "Não declarada",
    "branca": "Branca",
    "preta": "Preta",
    "parda": "Parda",
    "amarela": "Amarela",
    "indigena": "Indígena",
}
PARENTESCO_LABELS = {
    "mae": "Mãe",
    "pai": "Pai",
    "avo": "Avó/Avô",
    "tio": "Tio/Tia",
    "irmao": "Irmão/Irmã",
    "outro": "Outro",
}
