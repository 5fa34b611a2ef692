"""The built-in section kinds, one module each: its model, how it is drawn, and the `KIND` record.

They are registered through the `sprintdoc.sections` entry point group, like any
plugin's kinds (see pyproject.toml).
"""
