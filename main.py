"""Escola: opens the app, or runs ``db status|upgrade|backup`` headless. See README.md."""

import sys

from escola_gui.cli import main

if __name__ == "__main__":
    sys.exit(main())
