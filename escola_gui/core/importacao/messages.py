"""The messages of a line's problems (Portuguese constants marked for translation, context
``"validation"``), and how the other lines that repeat a value are named in them."""

from __future__ import annotations

from collections.abc import Sequence

from escola_gui.core.errors import QT_TRANSLATE_NOOP
from escola_gui.core.text import format_count

DATA_INVALIDA = QT_TRANSLATE_NOOP("validation", "Data de nascimento inválida. Use dd/mm/aaaa, como 04/03/2010.")
DATA_INEXISTENTE = QT_TRANSLATE_NOOP("validation", "Esta data de nascimento não existe no calendário.")
ATIVO_INVALIDO = QT_TRANSLATE_NOOP("validation", "Valor inválido em Ativo. Use Sim ou Não (ou Ativo e Inativo).")
SEXO_INVALIDO = QT_TRANSLATE_NOOP("validation", "Sexo inválido. Use F, M, Feminino ou Masculino.")
COR_RACA_INVALIDA = QT_TRANSLATE_NOOP(
    "validation", "Cor/raça inválida. Use Branca, Preta, Parda, Amarela, Indígena ou Não declarada."
)
PARENTESCO_INVALIDO = QT_TRANSLATE_NOOP(
    "validation", "Parentesco inválido. Use Mãe, Pai, Avó, Avô, Tio, Tia, Irmão, Irmã ou Outro."
)
CPF_REPETIDO_NO_ARQUIVO = QT_TRANSLATE_NOOP("validation", "Este CPF aparece em mais de uma linha do arquivo.")
EMAIL_REPETIDO_NO_ARQUIVO = QT_TRANSLATE_NOOP("validation", "Este e-mail aparece em mais de uma linha do arquivo.")
DOCUMENTO_REPETIDO_NO_ARQUIVO = QT_TRANSLATE_NOOP("validation", "Este número aparece em mais de uma linha do arquivo.")
ALUNO_REPETIDO_NO_ARQUIVO = QT_TRANSLATE_NOOP(
    "validation", "Este aluno (mesmo nome e data de nascimento, sem CPF) aparece em mais de uma linha do arquivo."
)
MESMO_ALUNO_EM_VARIAS_LINHAS = QT_TRANSLATE_NOOP(
    "validation", "Mais de uma linha do arquivo corresponde ao mesmo aluno cadastrado."
)
ALUNO_AMBIGUO = QT_TRANSLATE_NOOP(
    "validation",
    "Há mais de um aluno cadastrado sem CPF com este nome e esta data de nascimento. Informe o CPF na planilha.",
)
RESPONSAVEL_SEM_NOME = QT_TRANSLATE_NOOP(
    "validation", "Informe o nome do responsável: a linha traz o CPF ou o telefone, mas não o nome."
)
RESPONSAVEL_CPF_COM_OUTRO_NOME = QT_TRANSLATE_NOOP(
    "validation", "Este CPF de responsável aparece com outro nome no arquivo."
)
RESPONSAVEL_LEGAL_DESCONHECIDO = QT_TRANSLATE_NOOP(
    "validation",
    "Responsável legal não reconhecido. Escreva Mãe, Pai, Responsável ou o nome de um dos responsáveis da linha.",
)
RESPONSAVEL_LEGAL_SEM_NOME = QT_TRANSLATE_NOOP("validation", "A linha não traz o nome do responsável legal indicado.")


SHOWN_LINES = 5
"""Line numbers named in a message about lines that repeat a value; the others are counted."""


def list_lines(lines: Sequence[int], total: int | None = None) -> str:
    """``linhas 2, 3 e 9``; with more than :data:`SHOWN_LINES`, ``linhas 2, 3, 4, 5, 6 e mais 4.998``.
    ``lines`` may hold only the first ones, ``total`` saying how many there are."""
    total = len(lines) if total is None else total
    numbers = [str(n) for n in sorted(lines)[:SHOWN_LINES]]
    if total > len(numbers):
        return "linhas " + ", ".join(numbers) + f" e mais {format_count(total - len(numbers))}"
    return "linhas " + ", ".join(numbers[:-1]) + " e " + numbers[-1]


def also_in(line: int, lines: Sequence[int]) -> str:
    """The other lines that repeat a value, for one of them: a few, and how many more (so that
    20,000 lines repeating one value make 20,000 short messages, not 20,000 lists of 20,000)."""
    first = sorted(lines[: SHOWN_LINES + 1]) if len(lines) > SHOWN_LINES + 1 else sorted(lines)
    others = [n for n in first if n != line][:SHOWN_LINES]
    count = len(lines) - 1
    if count == 1:
        return f"também na linha {others[0]}"
    return "também nas " + list_lines(others, count)
