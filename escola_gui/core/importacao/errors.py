"""The exceptions of an import that cannot go on; nothing was written."""

from __future__ import annotations

from collections.abc import Sequence

from escola_gui.core.errors import QT_TRANSLATE_NOOP, EscolaError
from escola_gui.core.errors import message as core_message


class ImportacaoError(EscolaError):
    """An import that cannot go on; nothing was written."""


class MapeamentoInvalidoError(ImportacaoError):
    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = tuple(problems)


class ImportacaoRecusadaError(ImportacaoError):
    def __init__(self, bad_rows: int) -> None:
        if bad_rows == 1:
            template = QT_TRANSLATE_NOOP(
                "core",
                "A importação não foi feita: 1 linha tem problemas. Corrija o arquivo e tente de novo. Nada foi "
                "alterado.",
            )
        else:
            template = QT_TRANSLATE_NOOP(
                "core",
                "A importação não foi feita: {count} linhas têm problemas. Corrija o arquivo e tente de novo. Nada "
                "foi alterado.",
            )
        super().__init__(core_message(template, count=bad_rows))
        self.bad_rows = bad_rows


class ImportacaoSomenteLeituraError(ImportacaoError):
    def __init__(self, reason: str = "") -> None:
        template = (
            QT_TRANSLATE_NOOP(
                "core",
                "A importação não foi feita: o arquivo de dados não pode ser gravado ({reason}). Nada foi alterado.",
            )
            if reason
            else QT_TRANSLATE_NOOP(
                "core", "A importação não foi feita: o arquivo de dados está somente para leitura. Nada foi alterado."
            )
        )
        super().__init__(core_message(template, reason=reason) if reason else core_message(template))


class ImportacaoCanceladaError(ImportacaoError):
    def __init__(self) -> None:
        super().__init__(core_message(QT_TRANSLATE_NOOP("core", "A importação foi cancelada. Nada foi alterado.")))


class ImportacaoDesatualizadaError(ImportacaoError):
    def __init__(self) -> None:
        super().__init__(
            core_message(
                QT_TRANSLATE_NOOP(
                    "core",
                    "Os alunos ou os responsáveis cadastrados mudaram desde a conferência do arquivo. Confira o "
                    "arquivo de novo antes de importar. Nada foi alterado.",
                )
            )
        )
