"""How long a test waits for a condition before it calls the wait a hang.

Tests wait on conditions (a signal, a widget shown, a line a child process prints, a process
exit), never on sleeps; the condition comes as soon as the work is done, so these bounds cost
nothing when all is well. They are generous because CI runs on the developer's own machine,
which may be busy: a loaded machine can be many times slower than an idle one.
"""

HANG_GUARD_MS = 60_000
"""The timeout of qtbot's waits (tests/conftest.py) and of in-process waits in the tests."""

HANG_GUARD_S = HANG_GUARD_MS / 1000
"""The same, in seconds, for ``threading.Event.wait`` and friends."""
