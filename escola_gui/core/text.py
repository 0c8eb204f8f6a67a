"""Text folding: the one place where "João" and "joao" become the same key; and counts as the
office writes them ("49.998").

A leaf module (nothing of the app below it): the models fold the nome they sort by, the
services compare nomes, and :mod:`escola_gui.core.db` registers :func:`normalize_text` as
SQLite's ``escola_normaliza`` function, so that SQL and Python fold alike.
"""

from __future__ import annotations

import unicodedata


class _WithoutCombining(dict[int, int | None]):
    """A str.translate() table dropping the combining marks (accents), filled as characters come."""

    def __missing__(self, code: int) -> int | None:
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


_WITHOUT_COMBINING = _WithoutCombining()


def format_count(number: int) -> str:
    """``49998`` → ``"49.998"``: a count as the office writes it (Portuguese thousands separator)."""
    return f"{number:,}".replace(",", ".")


def normalize_text(value: str | None) -> str:
    """Fold case and strip accents, so that "joao" matches "João"."""
    if not value:
        return ""
    if value.isascii():  # (NFKD leaves ASCII as it is)
        return value.casefold()
    return unicodedata.normalize("NFKD", value).translate(_WITHOUT_COMBINING).casefold()
