"""Escola's data core: models, services, the upgrade engine. It never imports Qt."""
