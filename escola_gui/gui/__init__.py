"""Escola's Qt Widgets user interface, on top of the Qt-free core."""
