"""The import's entry points: :func:`preview` says what a file would do and writes nothing;
:func:`valid_lines` plans the lines without problems only; :func:`apply` writes a plan in one
transaction, all or nothing. See the package's docstring for what a line does."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from escola_gui.core import auditoria
from escola_gui.core.db import is_read_only_error
from escola_gui.core.errors import IMPORTING, DiskFullError
from escola_gui.core.importacao.errors import (
    ImportacaoDesatualizadaError,
    ImportacaoRecusadaError,
    ImportacaoSomenteLeituraError,
    MapeamentoInvalidoError,
)
from escola_gui.core.importacao.headers import map_headers
from escola_gui.core.importacao.lines import parse_line
from escola_gui.core.importacao.planner import make_plan
from escola_gui.core.importacao.results import Candidate, ImportPreview, ImportResult
from escola_gui.core.importacao.snapshot import Snapshot
from escola_gui.core.importacao.steps import Cancelled, Progress, Steps, no_cycle_collection
from escola_gui.core.importacao.writer import write_alunos, write_responsaveis
from escola_gui.core.planilhas import Table


def preview(
    engine: Engine,
    table: Table,
    mapping: Mapping[str, str | None] | None = None,
    *,
    today: date | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportPreview:
    """What importing ``table`` would do. Reads the database, writes nothing.

    Args:
        mapping: the user's header → field choices, see :func:`~escola_gui.core.importacao.headers.map_headers`.
        today: for the birth date check; the real today when omitted.
        progress: told (done, total) every few hundred lines, and (total, total) at the end.
        cancelled: asked as often; when it says True the preview stops.

    Raises:
        MapeamentoInvalidoError: no Nome column, two columns for one field...
        ImportacaoCanceladaError: ``cancelled`` said so.
    """
    header_map = map_headers(table.headers, mapping)
    if header_map.problems:
        raise MapeamentoInvalidoError(header_map.problems)
    today = today or date.today()
    steps = Steps(2 * len(table.rows), progress, cancelled)
    steps.check()
    candidates: list[Candidate] = []
    with no_cycle_collection():
        for row in table.rows:
            candidates.append(parse_line(row.line, row.values, header_map))
            steps.advance()
        with Session(engine) as session:
            snapshot = Snapshot.load(session)
            inserts, updates, unchanged, bad, conflicts = make_plan(
                engine, session, snapshot, candidates, header_map, today, steps
            )
    steps.finish()
    return ImportPreview(
        table.path, header_map, inserts, updates, unchanged, bad, today, tuple(candidates), snapshot, conflicts
    )


def valid_lines(
    engine: Engine, plan: ImportPreview, *, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> ImportPreview:
    """The plan of ``plan``'s lines without problems, planned again without the bad ones.

    Leaving a line out can make another one bad (a sibling that counted on the new mãe the bad
    line shared with it is still fine, but a line that only made sense with it may not be), so
    the planning repeats until no line has a problem. The lines left out, with their reasons,
    are in ``set_aside``. Reads the database, writes nothing.
    """
    set_aside = {bad.line: bad for bad in plan.bad_rows}
    candidates = [c for c in plan._candidates if c.line not in set_aside]
    steps = Steps(len(candidates), progress, cancelled)
    with no_cycle_collection(), Session(engine) as session:
        snapshot = Snapshot.load(session)
        while True:
            steps.done = 0
            inserts, updates, unchanged, bad, conflicts = make_plan(
                engine, session, snapshot, candidates, plan.header_map, plan.today, steps
            )
            if not bad:
                break
            set_aside.update((b.line, b) for b in bad)
            candidates = [c for c in candidates if c.line not in set_aside]
    steps.finish()
    return ImportPreview(
        plan.path,
        plan.header_map,
        inserts,
        updates,
        unchanged,
        (),
        plan.today,
        tuple(candidates),
        snapshot,
        conflicts,
        tuple(set_aside[line] for line in sorted(set_aside)),
    )


def apply(
    engine: Engine,
    plan: ImportPreview,
    *,
    confirmed: Iterable[int] = (),
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportResult:
    """Write ``plan`` in one transaction: every line, with its responsáveis, or none.

    A conflict (see :class:`~escola_gui.core.importacao.results.Conflict`) is written only if
    its line is in ``confirmed``; the others are left out. A plan of the valid lines
    (:func:`valid_lines`) leaves out its ``set_aside`` lines.

    The database is read again inside the transaction; if it changed since the preview, the
    plan is worked out again (the database checks in one batch of queries) and, if the result
    would differ, nothing is written.

    Args:
        progress: told (done, total) every few hundred lines, and (total, total) once committed.
        cancelled: asked between batches of lines until the commit; when it says True the
            transaction is rolled back and nothing is written.

    Raises:
        ImportacaoRecusadaError: the preview has bad rows.
        ImportacaoDesatualizadaError: the alunos or responsáveis changed since the preview.
        ImportacaoCanceladaError: ``cancelled`` said so; nothing was written.
        DiskFullError: the disk filled up; nothing was written.
    """
    if plan.bad_rows:
        raise ImportacaoRecusadaError(len(plan.bad_rows))
    original = plan
    plan = plan.confirming(confirmed)
    actions = plan.inserts + plan.updates
    steps = Steps(len(plan._candidates) + len(actions) + len(plan.inserts), progress, cancelled)
    steps.check()
    try:
        with no_cycle_collection(), Session(engine) as session, session.begin(), auditoria.em_lote(session):
            snapshot = Snapshot.load(session)
            if snapshot != plan._snapshot:
                # Everything the plan read is in the snapshot: when it is the same, so is the plan.
                again = make_plan(engine, session, snapshot, plan._candidates, plan.header_map, plan.today, steps)
                if again != (original.inserts, original.updates, original.unchanged, (), original.conflicts):
                    raise ImportacaoDesatualizadaError()
                del again
            steps.advance(len(plan._candidates) - steps.done)
            del snapshot
            aluno_ids = write_alunos(session, plan, steps)
            write_responsaveis(session, sorted(actions, key=lambda a: a.line), aluno_ids, steps)
            steps.check()  # the last chance to cancel: the commit follows
    except IntegrityError as exc:
        raise ImportacaoDesatualizadaError() from exc
    except DiskFullError as exc:  # from the engine: the transaction was rolled back
        raise DiskFullError(exc.folder, IMPORTING) from exc
    except OperationalError as exc:
        if not is_read_only_error(exc):
            raise
        # "from None": the SQL error holds the statement's parameters, a child's nome and CPF,
        # which must reach neither the log nor the terminal.
        raise ImportacaoSomenteLeituraError() from None
    if progress is not None:
        progress(steps.total, steps.total)
    return ImportResult(
        len(plan.inserts),
        len(plan.updates),
        len(plan.unchanged),
        tuple(aluno_ids[a.line] for a in plan.inserts),
        plan.responsaveis_novos,
        plan.responsaveis_atualizados,
        plan.vinculos_novos,
        plan.vinculos_alterados,
        len(original.conflicts) - (len(plan.updates) - len(original.updates)),
        len(plan.set_aside),
    )
