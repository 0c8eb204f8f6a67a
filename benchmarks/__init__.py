"""``make bench``: the issue-5 measures, each against a reference in the same run (see bench.py)."""
