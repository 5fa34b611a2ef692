"""The names of `sprintdoc check`'s checks, each with what it looks for: all that loading a bundle needs of them.

A bundle turns checks off by name (`checks: {skip: [stuck-stage]}`); loading refuses a name
not listed here. The checks themselves are in `sprintdoc.checks`, which this module does not
import, so that reading a bundle does not load them.
"""

from __future__ import annotations

#: Every check, by name, in the order `sprintdoc check` runs them, with what it looks for (docs/check.md says more).
CHECKS = {
    "empty-section": "a section with nothing in it but its title",
    "no-update": "an item (a project card) with none of this month's fields written",
    "carried-text": "text `sprintdoc new` carried over from last month, not edited since",
    "unchanged-text": "this month's text the same as the previous edition's (`previous:` or --previous)",
    "stuck-stage": "a project at its current stage for three editions or more",
    "low-resolution": "a picture below 150 pixels per inch at the size the documents print it",
    "alt-text": "alt text that is a file name, or starts 'image of'",
    "link-text": "a link whose text is its address",
    "contrast": "theme colours too faint on one another (WCAG 2.2 AA)",
    "validate": "anything else `sprintdoc validate` warns about",
}
