"""The web page's style sheet, read from the Word template and the theme as the PDF reads them.

Each role's Word style (`style_roles.WORD_STYLES`, painted with the theme by the same rules)
gives its font (with web-safe fallbacks: the page loads no font), size, weight, colour,
spacing, alignment, borders and fill. Sizes are kept in proportion to the body text,
whose size is the reader's own (1rem), so a reader's larger default text makes the whole
page larger. Every text colour is held to WCAG 2.2 AA on its background: a template
colour that falls short is darkened (or lightened on a dark fill) until it passes.
"""

from __future__ import annotations

import re
from pathlib import Path

import attrs

from sprintdoc.template_look import ResolvedStyle, TableStyle, TemplateLook, read_look
from sprintdoc.template_look_xml import Border
from sprintdoc.theme import Colour, Theme
from sprintdoc.writers.style_roles import TABLE, WORD_STYLES, painted

#: The widest the text column grows, in the reader's text size: about 75 characters a line.
MEASURE_REM = 44
#: The smallest text on screen, in the reader's text size: the template's 8 pt stage text would be 12 px.
SMALLEST_EM = 0.875
_HEX6 = re.compile(r"[0-9A-Fa-f]{6}")
_SANS = ("Verdana", "Arial", "Helvetica", "sans-serif")
_SERIF = ("Georgia", "Times New Roman", "serif")


#: A CSS rule as data: its selector and its declarations (property -> value), in order.
Rule = tuple[str, dict[str, str]]


@attrs.frozen
class HtmlLook:
    """The page's CSS, and its rules as data (the e-mail edition keeps those an e-mail client can follow)."""

    css: str
    rules: tuple[Rule, ...]


def html_look(template: Path, theme: Theme) -> HtmlLook:
    """The style sheet of a page drawn with `template` and `theme`."""
    look = read_look(template)
    styles = {
        key: painted(look.style(name) or look.default_paragraph, name, theme) for key, name in WORD_STYLES.items()
    }
    rules = _rules(look, styles, theme)
    return HtmlLook("\n".join([*(_rule(s, d) for s, d in rules), _print_rules()]) + "\n", tuple(rules))


def css_string(text: str) -> str:
    """`text` as a quoted CSS string: every character but letters, digits, space, `-` and `_` escaped, so a font
    name can never close the string, the rule or the `<style>` element."""
    escaped = "".join(c if c.isascii() and (c.isalnum() or c in " -_") else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


def font_stack(name: str) -> str:
    """A CSS font-family list: the template's or theme's family, then web-safe fallbacks of its kind."""
    lowered = name.lower()
    fallbacks = _SERIF if "serif" in lowered and "sans" not in lowered else _SANS
    families = [] if lowered.endswith((".ttf", ".otf")) or not name.strip() else [name]
    families += [f for f in fallbacks if f.lower() != lowered]
    return ", ".join(f if f.endswith("serif") else css_string(f) for f in families)


def colour(rrggbb: str | None, default: str) -> str:
    """`#RRGGBB` from Word's `RRGGBB` (None, or anything not six hex digits: `default`)."""
    return f"#{rrggbb.upper()}" if rrggbb is not None and _HEX6.fullmatch(rrggbb) else default


def readable(foreground: str, background: str, needed: float) -> str:
    """`foreground`, moved towards black (or white, on a dark background) until it has `needed` contrast."""
    fg, bg = Colour(foreground), Colour(background)
    if fg.contrast(bg) >= needed:
        return fg.hex
    towards = 0 if bg.luminance() > 0.18 else 255
    for step in range(1, 21):
        mixed = Colour("#" + "".join(f"{round(c + (towards - c) * step / 20):02X}" for c in fg.rgb))
        if mixed.contrast(bg) >= needed:
            return mixed.hex
    return "#000000" if towards == 0 else "#FFFFFF"


def _needed(style: ResolvedStyle, em: float) -> float:
    """WCAG 2.2 AA's contrast for text of this style at `em` of 16 px: large text is 24 px, or 18.66 px bold."""
    px = 16 * em
    return 3.0 if px >= 24 or (style.bold and px >= 18.66) else 4.5


def _rule(selector: str, declarations: dict[str, str]) -> str:
    body = "; ".join(f"{k}: {v}" for k, v in declarations.items())
    return f"{selector} {{ {body} }}"


def _border(border: Border | None, fallback: str) -> str:
    if border is None:
        return "none"
    kind = "double" if border.kind == "double" else "dashed" if "dash" in border.kind else "solid"
    return f"{max(border.width, 0.75):g}pt {kind} {colour(border.colour, fallback)}"


def _text(style: ResolvedStyle, body: ResolvedStyle, text: str, *, relative: bool = True) -> dict[str, str]:
    """The declarations that set a paragraph as `style` sets it, its size relative to `body`'s."""
    em = max(style.size / body.size, SMALLEST_EM) if relative else 1.0
    background = colour(style.shading, "#FFFFFF")
    out = {
        "font-family": font_stack(style.font),
        "font-size": f"{em:.3g}em" if relative else "1rem",
        "font-weight": "bold" if style.bold else "normal",
        "font-style": "italic" if style.italic else "normal",
        "color": readable(colour(style.colour, text), background, _needed(style, em)),
        "margin": f"{style.space_before / style.size:.3g}em 0 {style.space_after / style.size:.3g}em",
        "text-align": {"both": "justify", "center": "center", "right": "right"}.get(style.alignment, "left"),
    }
    if style.line_spacing.rule == "auto":
        out["line-height"] = f"{max(1.4, style.line_spacing.value * 1.25):.3g}"
    if style.shading is not None:
        out["background-color"] = background
        out["padding"] = "0.3em 0.5em"
    for side in ("top", "right", "bottom", "left"):
        border = getattr(style.borders, side)
        if border is not None:
            out[f"border-{side}"] = _border(border, text)
            out[f"padding-{side}"] = f"{max(border.space, 2) / style.size:.3g}em"
    if style.indent_left and not style.borders.left:
        out["margin-left"] = f"{style.indent_left / style.size:.3g}em"
    return out


#: CSS selectors for each role's style: the page's elements are drawn in their Word style's look.
SELECTORS = {
    "h1": ".section-title", "h2": ".item-title, .contents-title", "h3": ".card-heading", "h4": ".minor-heading",
    "masthead-title": ".masthead-title", "masthead-period": ".masthead-period",
    "masthead-publisher": ".masthead-publisher", "strapline": ".strapline", "tagline": ".tagline",
    "subtitle": ".subtitle", "meta": ".meta", "caption": ".caption, figcaption", "labelled": ".labelled",
    "quote": ".pull-quote, blockquote", "closing": ".closing", "current-stage": ".current-stage",
    "table": "td, th",
}  # fmt: skip


def _rules(look: TemplateLook, styles: dict[str, ResolvedStyle], theme: Theme) -> list[Rule]:
    body = styles["body"]
    text = readable(colour(body.colour, theme.colours.text.hex), "#FFFFFF", 4.5)
    link_style = look.style("Hyperlink")
    link = readable(
        colour(painted(link_style, "Hyperlink", theme).colour if link_style else None, theme.colours.primary.hex),
        "#FFFFFF",
        4.5,
    )
    primary = theme.colours.primary.hex
    white_on_primary = readable("#FFFFFF", primary, 4.5)
    current_fill = theme.colours.current_stage.hex
    rules = [
        ("*, *::before, *::after", {"box-sizing": "border-box"}),
        ("html", {"background": "#FFFFFF", "color": text, "-webkit-text-size-adjust": "100%"}),
        (
            "body",
            {
                **_text(body, body, text, relative=False),
                "max-width": f"{MEASURE_REM}rem",
                "margin": "0 auto",
                "padding": "1rem",
                "overflow-wrap": "anywhere",
                "hyphens": "auto",
            },
        ),
        ("p, ul, ol, figure, blockquote", {"margin-top": "0"}),
        ("img", {"max-width": "100%", "height": "auto"}),
        ("a", {"color": link, "text-decoration": "underline"}),
        (
            "a:focus-visible, [tabindex]:focus-visible",
            {"outline": f"3px solid {text}", "outline-offset": "2px", "box-shadow": "0 0 0 5px #FFFFFF"},
        ),
        (
            ".skip-link",
            {"position": "absolute", "left": "0.5rem", "top": "-10rem", "background": "#FFFFFF", "padding": "0.5rem"},
        ),
        (".skip-link:focus", {"top": "0.5rem"}),
        (
            ".visually-hidden",
            {
                "position": "absolute",
                "width": "1px",
                "height": "1px",
                "overflow": "hidden",
                "clip": "rect(0 0 0 0)",
                "white-space": "nowrap",
            },
        ),
        (".masthead-logo", {"display": "block", "margin": "0 0 0.5rem"}),
        ("nav ol", {"padding-left": "1.5em"}),
        ("nav li", {"margin": "0.25em 0"}),
        ("article", {"margin": "0 0 1.5em"}),
        ("figure", {"margin": "0.5em 0 1em", "text-align": "center"}),
        ("figure img", {"max-height": "24rem", "width": "auto"}),
        ("li", {"margin": "0.2em 0"}),
        ("li > p", {"margin": "0 0 0.3em"}),
        (".table-wrap", {"overflow-x": "auto", "margin": "0.5em 0 1em", "max-width": "100%"}),
        # a cell is at least as wide as its longest word (the region scrolls on a narrow screen), never cut mid-word
        (
            "table",
            {"border-collapse": "collapse", "width": "100%", "overflow-wrap": "break-word", "hyphens": "manual"},
        ),
        ("caption", {"text-align": "left", "font-weight": "bold", "padding": "0.25em 0"}),
        (".align-right", {"text-align": "right"}),
        (".align-center", {"text-align": "center"}),
        (".align-left", {"text-align": "left"}),
        ("td > p, th > p", {"margin": "0"}),
        (
            ".lifecycle",
            {
                "list-style": "none",
                "display": "flex",
                "flex-wrap": "wrap",
                "gap": "0.25em",
                "padding": "0",
                "margin": "0.5em 0 1em",
            },
        ),
        (
            ".lifecycle li",
            {
                **_text(styles["lifecycle"], body, text),
                "flex": "1 1 6em",
                "margin": "0",
                "padding": "0.4em",
                "background": primary,
                "color": white_on_primary,
            },
        ),
        (".stages th, .stages td", {"text-align": "center", "vertical-align": "top"}),
        (
            ".stages .current",
            {"background": current_fill, "color": readable(text, current_fill, 4.5), "font-weight": "bold"},
        ),
        (".stages .to-come", {"color": readable(theme.colours.muted.hex, "#FFFFFF", 4.5)}),
    ]
    for key, selector in SELECTORS.items():
        declarations = _text(styles[key], body, text)
        if key == "table":
            declarations = {k: v for k, v in declarations.items() if k not in ("margin", "text-align")}
            declarations["padding"] = "0.25em 0.4em"
        rules.append((selector, declarations))
    rules.extend(_table_rules(look.table_style(TABLE["data"]), look.table_style(TABLE["stages"]), text))
    return rules


def _table_rules(data: TableStyle | None, stages: TableStyle | None, text: str) -> list[Rule]:
    """Cell borders and the header row's look from the template's Data Table and Stage Strip styles."""
    rules = []
    for selector, table in (("table.data", data), ("table.stages", stages)):
        if table is None:
            rules.append((f"{selector} th, {selector} td", {"border": f"1px solid {text}"}))
            continue
        line = table.borders.inside_h or table.borders.top or table.borders.inside_v
        rules.append((f"{selector} th, {selector} td", {"border": _border(line, "#BFBFBF")}))
        header = table.header
        fill = colour(header.shading, "#FFFFFF")
        head: dict[str, str] = {"font-weight": "bold" if header.bold is not False else "normal"}
        if header.shading is not None:
            head["background"] = fill
        head["color"] = readable(colour(header.colour, text), fill, 4.5)
        if header.borders.bottom is not None:
            head["border-bottom"] = _border(header.borders.bottom, text)
        rules.append((f"{selector} thead th", head))
    return rules


def _print_rules() -> str:
    """On paper: no navigation, the full width, links' addresses after them, and nothing cut at a page end."""
    return "\n".join(
        [
            "@media print {",
            _rule("nav, .skip-link", {"display": "none"}),
            _rule("body", {"max-width": "none", "padding": "0", "font-size": "10.5pt"}),
            _rule('a[href^="http"]::after', {"content": '" (" attr(href) ")"', "font-size": "0.85em"}),
            _rule("article, figure, tr, .lifecycle", {"break-inside": "avoid"}),
            _rule("h1, h2, h3, h4", {"break-after": "avoid"}),
            _rule(".table-wrap", {"overflow": "visible"}),
            "}",
        ]
    )
