"""The suite holds on a busy machine: tests wait on conditions, never on the clock.

CI runs on the developer's own machine, which may be busy. A test that sleeps and then looks,
waits for a condition with a short timeout, or asserts how long something took passes on an
idle machine and fails on a loaded one. These checks read the tests' source.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from tests.helpers.waits import HANG_GUARD_MS

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent

SLEEP = re.compile(r"\btime\.sleep\(|\bqtbot\.wait\(|\bqWait\(")
# The sleeps that are not waits, by file: how many, and why.
SLEEPS_ALLOWED = {
    # The stress trials kill `db upgrade` at moments spread over its run (the point of them),
    # and the measuring run polls the running process for its phases.
    "tests/stress/harness.py": 2,
    # A saver killed at a random instant of its stream; an importer that holds its
    # transaction open until the test kills it (the sleep bounds an orphan's life).
    "tests/storage/test_crash_running.py": 2,
    # A lock holder that holds the lock until the test kills it (the same).
    "tests/storage/test_lock_and_backup.py": 1,
    # Children that stop half-way through a backup, a restore, a downgrade, an export or a
    # classification and hold there until the test kills them (the sleep bounds an orphan's life).
    "tests/storage/test_leftovers.py": 5,
    "tests/gui/test_leftovers_launch.py": 1,
    # The frozen build's window, polled for until it opens, with a deadline (make dist-test).
    "tests/dist/test_bundle.py": 1,
}
# An explicit timeout in a qtbot wait: the patient default (tests/conftest.py) is the rule.
SHORT_QT_WAIT = re.compile(r"\bqtbot\.(wait\w*|assert\w*)\([^)]*\btimeout=")
# An assertion on elapsed time: speed lives in benchmarks/.
TIMING_ASSERT = re.compile(r"\bassert\b.*\b(monotonic|perf_counter|time)\(\)")


def _sources() -> dict[str, str]:
    return {
        path.relative_to(REPO).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(TESTS.rglob("*.py"))
        if path.name != Path(__file__).name
    }


def test_no_test_sleeps_instead_of_waiting_for_a_condition() -> None:
    found = {name: len(SLEEP.findall(text)) for name, text in _sources().items()}
    assert {name: n for name, n in found.items() if n} == SLEEPS_ALLOWED


def test_qtbot_waits_use_the_patient_default() -> None:
    offenders = [
        f"{name}:{number}: {line.strip()}"
        for name, text in _sources().items()
        for number, line in enumerate(text.splitlines(), start=1)
        if SHORT_QT_WAIT.search(line)
    ]
    assert offenders == []


def test_no_test_asserts_how_long_something_took() -> None:
    offenders = [
        f"{name}:{number}: {line.strip()}"
        for name, text in _sources().items()
        for number, line in enumerate(text.splitlines(), start=1)
        if TIMING_ASSERT.search(line)
    ]
    assert offenders == []


def test_the_qtbot_of_the_tests_waits_long_enough_for_a_loaded_machine() -> None:
    from tests.conftest import PatientQtBot

    assert HANG_GUARD_MS >= 30_000
    for name in ("waitUntil", "waitSignal", "waitSignals", "waitCallback", "waitActive", "waitExposed"):
        assert inspect.signature(getattr(PatientQtBot, name)).parameters["timeout"].default == HANG_GUARD_MS, name
