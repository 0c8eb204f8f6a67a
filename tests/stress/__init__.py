"""Long crash-survival trials, run by ``make stress`` (and in a small form by the suite)."""
