"""What is told about the lines an import cannot take: the lines left out, written beside the
file with their reasons, and the bad lines to show, grouped by problem."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from escola_gui.core.importacao.results import BadRow
from escola_gui.core.planilhas import Table, write_beside

SET_ASIDE_SUFFIX = "linhas-com-problema"
SET_ASIDE_HEADER = "Problemas"


def write_set_aside(table: Table, set_aside: Sequence[BadRow]) -> Path:
    """Write the lines ``set_aside`` left out of an import to a new CSV file beside the file,
    with their reasons in a last column, ready to be fixed and imported again. See
    :func:`~escola_gui.core.planilhas.write_beside`; returns the new file."""
    reasons = {bad.line: "; ".join(bad.reasons) for bad in set_aside}
    rows = ((row, reasons[row.line]) for row in table.rows if row.line in reasons)
    return write_beside(table, SET_ASIDE_SUFFIX, SET_ASIDE_HEADER, rows)


def summarize(bad_rows: Sequence[BadRow], keep: int = 3) -> list[tuple[BadRow, int]]:
    """The bad lines to show, each with how many more lines have the same problems after it.

    Lines whose problems are the same (the same messages in the same columns, whatever the
    values) are one group: its first ``keep`` lines are shown, the last of them with the count
    of the others ("e mais 4.998 linhas com o mesmo problema"). In line order.
    """
    groups: dict[tuple[tuple[str, str], ...], list[BadRow]] = defaultdict(list)
    counts: dict[tuple[tuple[str, str], ...], int] = defaultdict(int)
    for bad in bad_rows:
        key = tuple((p.column, p.message) for p in bad.problems)
        counts[key] += 1
        if len(groups[key]) < keep:
            groups[key].append(bad)
    shown: list[tuple[BadRow, int]] = []
    for key, rows in groups.items():
        shown.extend((bad, 0) for bad in rows[:-1])
        shown.append((rows[-1], counts[key] - len(rows)))
    return sorted(shown, key=lambda item: item[0].line)
