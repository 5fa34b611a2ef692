"""Loading a bundle: the file, its YAML, the model, its images, theme and template, with every problem located."""

from __future__ import annotations

import errno
import functools
import os
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from sprintdoc import collector, images, located, suggestions
from sprintdoc.checking import mark_loaded
from sprintdoc.errors import BundleError, Problem, clip
from sprintdoc.markdown import Markdown, bare_links
from sprintdoc.model import Bundle, Image, Picture
from sprintdoc.paths import PathProblem, file_type, inside
from sprintdoc.previous_edition import prepare, read_previous
from sprintdoc.registry import Registry, default_registry
from sprintdoc.salvage import INVALID
from sprintdoc.theme import BUILT_IN, Theme
from sprintdoc.validation import Reader, describe, join, leaf_fields, text_fields


def bundle_file(path: str | os.PathLike[str]) -> tuple[Path, str]:
    """The YAML file a BUNDLE argument names, and its name as the user would know it."""
    p = Path(path)
    if p.suffix.lower() in (".yaml", ".yml") and not p.is_dir():
        return p, str(p)
    return p / "sprint.yaml", str(p / "sprint.yaml")


def load(path: str | os.PathLike[str], *, registry: Registry | None = None) -> Bundle:
    """The bundle in a folder (or a `sprint.yaml` path); raises BundleError with every problem found.

    Warnings (text cut at ` #`, dropped characters, weak contrast) are on `bundle.warnings`. Last month's
    bundle, if `previous:` names it, is loaded too, onto `bundle.previous_bundle` (`sprintdoc.previous_edition`).
    """
    return _load(path, registry, shallow=False)


def load_without_previous(path: str | os.PathLike[str], *, registry: Registry | None = None) -> Bundle:
    """The bundle in a folder as a previous edition: its errors found, but not its `previous` followed, its
    pictures decoded (`Image.picture` is None), its warnings looked for, nor its sections prepared."""
    return _load(path, registry, shallow=True)


def _load(path: str | os.PathLike[str], registry: Registry | None, *, shallow: bool) -> Bundle:
    file, name = bundle_file(path)
    try:
        data = _read_yaml(file)
    except FileNotFoundError:
        raise BundleError([Problem(name, 0, 0, "", "no such file (a bundle is a folder with a sprint.yaml)")]) from None
    except OSError as err:
        raise BundleError([Problem(name, 0, 0, "", f"cannot be read: {err.strerror}")]) from None
    except _Unreadable as err:
        raise BundleError([Problem(name, 0, 0, "", str(err))]) from None
    return _loads(data, name, file.parent, registry, shallow=shallow)


#: The largest YAML file sprintdoc reads (sprint.yaml or a theme), in bytes: it keeps memory bounded.
MAX_FILE_BYTES = 25_000_000


class _Unreadable(ValueError):
    """A YAML file sprintdoc will not read: too large, or not a file."""


def _too_large(size: int) -> _Unreadable:
    return _Unreadable(
        f"the file is {size / 1_000_000:.1f} MB; sprintdoc reads files up to {MAX_FILE_BYTES / 1_000_000:g} MB"
    )


def _read_yaml(file: Path) -> bytes:
    """A YAML file's bytes; refused up front if it is too large, or a FIFO or device (reading one could block)."""
    fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        if not stat.S_ISREG(info.st_mode):
            raise _Unreadable(f"not a regular file but a {file_type(info.st_mode)}; give a YAML file")
        if info.st_size > MAX_FILE_BYTES:
            raise _too_large(info.st_size)
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read(MAX_FILE_BYTES + 1)
    finally:
        os.close(fd)


def loads(data: bytes | str, name: str = "sprint.yaml", *, root: Path, registry: Registry | None = None) -> Bundle:
    """The bundle in YAML text; `root` is the folder its paths are relative to."""
    return _loads(data, name, root, registry, shallow=False)


def _loads(data: bytes | str, name: str, root: Path, registry: Registry | None, *, shallow: bool) -> Bundle:
    if len(data) > MAX_FILE_BYTES:
        raise BundleError([Problem(name, 0, 0, "", str(_too_large(len(data))))])
    with collector.paused(), suggestions.remembered_listings():
        return _read_bundle(data, name, root, registry, shallow=shallow)


def _read_bundle(data: bytes | str, name: str, root: Path, registry: Registry | None, *, shallow: bool) -> Bundle:
    pictures: dict[tuple[Path, str], Picture | str] = {}
    previous: list[Bundle] = []
    reader = Reader(
        name,
        registry or default_registry(),
        field_hooks={
            "theme": _read_theme,
            "template": _read_template,
            "previous": _read_text if shallow else functools.partial(read_previous, found=previous),
        },
        after={} if shallow else {Image: functools.partial(decode_image, pictures=pictures)},
        root=root,
    )
    node = _parse(reader, data)
    bundle = INVALID
    if isinstance(node, located.Mapping):
        bundle = reader.model(Bundle, node, "")
    elif node is not None:
        reader.error(node.mark, "", f"expected a mapping with sprintdoc, edition and sections, got {describe(node)}")
    elif not reader.problems:
        reader.error(located.Mark(1, 1), "", "the file is empty; a bundle needs sprintdoc, edition and sections")
    if isinstance(bundle, Bundle) and bundle.version != 1:
        reader.error("sprintdoc", "sprintdoc", f"this sprintdoc reads format 1, got {bundle.version}")
    if isinstance(bundle, Bundle) and not shallow:
        check_glyphs(reader, bundle)
        check_link_texts(reader, bundle)
    if isinstance(bundle, Bundle) and not shallow and not [p for p in reader.problems if not p.warning]:
        # Prepared only when all else is right: a kind's complaint would often be the echo of an earlier one.
        bundle = prepare(
            attrs.evolve(bundle, root=root, source=name, previous_bundle=next(iter(previous), None)), reader
        )
    errors = [p for p in reader.problems if not p.warning]
    if errors or not isinstance(bundle, Bundle):
        raise BundleError(sorted(reader.problems, key=lambda p: (p.line, p.column)))
    warnings = tuple(sorted((p for p in reader.problems if p.warning), key=lambda p: (p.line, p.column)))
    loaded: Bundle = attrs.evolve(bundle, root=root, source=name, warnings=warnings)
    if not shallow:
        mark_loaded(loaded, reader.registry)
    return loaded


def _read_text(reader: Reader, node: located.Node, path: str) -> Any:
    return reader.read(str, node, path)


def check_glyphs(reader: Reader, bundle: Bundle) -> None:
    """Warn, naming the field, about text the PDF cannot show as typed: characters no font has, unshaped scripts."""
    from sprintdoc import fonts
    from sprintdoc.fonts import scripts

    texts = [(path, text) for path, text in text_fields(bundle) if not path.startswith("theme") and not text.isascii()]
    # One look at every character used first: most bundles lack none, and a big one has thousands of fields.
    used = "".join(set[str]().union(*(text for _, text in texts)))
    if not fonts.missing_glyphs(used, bundle.theme.fonts.body, reader.root) and not scripts.unshaped_scripts(used):
        return
    for path, text in texts:
        missing = fonts.missing_glyphs(text, bundle.theme.fonts.body, reader.root)
        if missing:
            shown = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in sorted(missing)[:5])
            more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
            reader.warn(path, path, f"no font has {shown}{more}: the PDF shows a box instead")
        unshaped = scripts.unshaped_scripts("".join(c for c in text if c not in missing))  # boxes are said above
        if unshaped:
            reader.warn(
                path,
                path,
                f"{' and '.join(unshaped)} text is drawn letter by letter in typed order in the PDF "
                "(not joined or right to left, so it reads wrongly); the Word document shows it correctly",
            )


def check_link_texts(reader: Reader, bundle: Bundle) -> None:
    """Warn, naming the field, about links whose text is the address: a screen reader spells them out."""
    for path, text in _markdown_fields(bundle):
        found = list(bare_links(text.blocks))
        if not found:
            continue
        typed, target = (clip(part) for part in found[0])
        more = f", and {len(found) - 1} more" if len(found) > 1 else ""
        reader.warn(
            path,
            path,
            f"the link text is the address itself ({typed}{more}): write [what it is]({target}) "
            "so a screen reader says something useful",
        )


def _markdown_fields(value: Any) -> Iterator[tuple[str, Markdown]]:
    """Every Markdown field in a model object, any kind's, as (field path, Markdown)."""
    for path, leaf in leaf_fields(value):
        if isinstance(leaf, Markdown):
            yield path, leaf


def _parse(reader: Reader, data: bytes | str) -> located.Node | None:
    try:
        text = located.decode(data) if isinstance(data, bytes) else data
        return located.parse(located.prepare(text))
    except located.YamlSyntaxError as err:
        for problem in err.problems:
            reader.error(problem.mark, "", problem.message, warning=problem.warning)
        return None


def decode_image(reader: Reader, image: Image, path: str, pictures: dict[tuple[Path, str], Picture | str]) -> Any:
    """The image with its picture decoded; each file is decoded once however many times the bundle names it."""
    try:
        file = inside(reader.root, image.file)
    except PathProblem as err:
        reader.error(f"{path}.file", f"{path}.file", str(err))
        return INVALID
    key = (file, image.file)
    if key not in pictures:
        try:
            pictures[key] = images.decode(file, clip(image.file))
        except images.ImageProblem as err:
            pictures[key] = str(err)
    picture = pictures[key]
    if isinstance(picture, str):
        reader.error(f"{path}.file", f"{path}.file", picture)
        return INVALID
    return attrs.evolve(image, picture=picture)


def load_theme(spec: str, root: Path, base: Path | None = None) -> Theme:
    """A theme by built-in name or file (relative to `base`, default the current folder), for `--theme`."""
    return _load_theme(spec, root, base)[0]


def with_theme(bundle: Bundle, spec: str, base: Path | None = None) -> Bundle:
    """The bundle drawn in another theme (`--theme`): warnings about its own theme give way to the new theme's."""
    theme, warnings = _load_theme(spec, bundle.root, base)
    kept = [w for w in bundle.warnings if w.file == bundle.source and not w.path.startswith("theme")]
    return attrs.evolve(bundle, theme=theme, warnings=(*kept, *warnings))


def _load_theme(spec: str, root: Path, base: Path | None) -> tuple[Theme, tuple[Problem, ...]]:
    if spec in BUILT_IN:
        return BUILT_IN[spec], ()
    file = (base or Path.cwd()) / spec
    if not file.exists() and not file.is_symlink():
        raise BundleError([Problem(spec, 0, 0, "", f"not a built-in theme nor a theme file{_built_in_themes(spec)}")])
    reader = Reader(spec, default_registry(), root=root)
    theme = _theme_file(reader, file, spec)
    errors = [p for p in reader.problems if not p.warning]
    if errors or theme is INVALID:
        raise BundleError(reader.problems or [Problem(spec, 0, 0, "", "not a theme")])
    assert isinstance(theme, Theme)
    return theme, tuple(reader.problems)


def _theme_file(reader: Reader, file: Path, shown: str) -> Any:
    sub = Reader(shown, reader.registry, root=reader.root)
    try:
        theme_node = located.parse(located.prepare(located.decode(_read_yaml(file))))
    except located.YamlSyntaxError as err:
        for problem in err.problems:
            sub.error(problem.mark, "", problem.message, warning=problem.warning)
        theme_node = None
    except OSError as err:
        sub.problems.append(Problem(shown, 0, 0, "", f"cannot be read: {err.strerror}"))
        theme_node = None
    except _Unreadable as err:
        sub.problems.append(Problem(shown, 0, 0, "", str(err)))
        theme_node = None
    theme = sub.model(Theme, theme_node, "") if theme_node is not None else INVALID
    if theme is not INVALID:
        check_fonts(sub, theme, "")
        check_contrast(sub, theme, "")
    if theme is INVALID and not sub.problems:
        sub.error(located.Mark(1, 1), "", "the theme file is empty")
    reader.problems.extend(sub.problems)
    return theme if theme is INVALID else attrs.evolve(theme, name=Path(shown).stem)


def _read_theme(reader: Reader, node: located.Node, path: str) -> Any:
    if isinstance(node, located.Scalar):
        if node.text in BUILT_IN:
            return BUILT_IN[node.text]
        try:
            file = inside(reader.root, node.text)
        except PathProblem as err:
            reader.error(node.mark, path, f"{err}{_built_in_themes(node.text)}")
            return INVALID
        theme = _theme_file(reader, file, str(Path(reader.file).parent / node.text))
        if theme is not INVALID:
            theme = attrs.evolve(theme, file=node.text)
    else:
        theme = reader.model(Theme, node, path)
        if theme is not INVALID:
            theme = attrs.evolve(theme, name="inline")
            check_fonts(reader, theme, path)
            check_contrast(reader, theme, path)
    return theme


def _built_in_themes(name: str) -> str:
    """What to add when a theme named is no file: the built-in themes, the nearest first if one is near."""
    near = suggestions.closest(name.lower(), BUILT_IN)
    listed = ", ".join(BUILT_IN)
    if near:
        return f"; did you mean the built-in theme {near!r}? (the built-in themes are: {listed})"
    return f"; the built-in themes are: {listed}"


def _read_template(reader: Reader, node: located.Node, path: str) -> Any:
    """The Word template a bundle names: a .docx inside the bundle folder."""
    name = reader.read(str, node, path)
    if name is INVALID:
        return INVALID
    try:
        why = not_a_docx(inside(reader.root, name))
    except PathProblem as err:
        why = str(err)
    else:
        if why:
            why = f"'{clip(name)}' is not a Word .docx file ({why}); save the template as a Word .docx"
    if why:
        reader.error(node.mark, path, why)
        return INVALID
    return name


def not_a_docx(file: Path) -> str | None:
    """Why a file is not a .docx (a zip package holding word/document.xml), or None if it is one."""
    try:
        with zipfile.ZipFile(file) as package:
            return None if "word/document.xml" in package.namelist() else "it has no word/document.xml"
    except zipfile.BadZipFile:
        return "not a zip package"
    except OSError as err:
        return f"cannot be read: {err.strerror}"


def check_contrast(reader: Reader, theme: Theme, path: str) -> None:
    """Warn, located where the theme sets the colour, about each pair either document draws too faintly."""
    for field, message in theme.contrast_problems():
        reader.warn(join(path, field), join(path, field), message)


def check_fonts(reader: Reader, theme: Theme, path: str) -> None:
    """Open the theme's font files as the PDF writer will; located where the theme names them."""
    from sprintdoc import fonts

    for field, message in fonts.theme_problems(theme.fonts, reader.root):
        reader.error(join(path, field), join(path, field), message)
