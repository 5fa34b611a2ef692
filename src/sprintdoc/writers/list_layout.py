"""How far nested Markdown lists are indented: one rule that both writers follow, so the documents agree.

Each list level is indented one fixed step further than the level it sits in, up to
the deepest level drawn; items nested deeper are drawn at that level (every word
still shows), so text always keeps most of the page's width. Word's lists have
nine levels, which is why nine is the deepest drawn in both documents.
"""

from __future__ import annotations

#: How much further each list level is indented than the one it sits in, in points (Word's 360 twips).
LIST_STEP = 18.0
#: The deepest list level drawn (1 is a top-level list); deeper items are drawn at this level.
DEEPEST_LIST_LEVEL = 9


def drawn_level(level: int) -> int:
    """The level a list item is drawn at: its own level (1 for a top-level list), at most DEEPEST_LIST_LEVEL."""
    return max(1, min(level, DEEPEST_LIST_LEVEL))


def list_indent(level: int) -> float:
    """How far a list item's text at `level` is indented, in points, from where its list's text would start."""
    return LIST_STEP * drawn_level(level)
