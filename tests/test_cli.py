"""The `sprintdoc` command through its console script and `python -m sprintdoc`: exit 0 / 1 / 2, no tracebacks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sprintdoc
from conftest import JULY, ROOT

SCRIPT = Path(sys.executable).parent / "sprintdoc"
BROKEN = sorted(p for p in (Path(__file__).parent / "broken").iterdir() if p.is_dir())


def run(*args: str, cwd: Path = ROOT, module: bool = False) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "sprintdoc", *args] if module else [str(SCRIPT), *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_the_console_script_is_installed() -> None:
    assert SCRIPT.is_file()


@pytest.mark.parametrize("module", [False, True], ids=["script", "module"])
def test_validate_a_good_bundle_prints_nothing_and_exits_0(module: bool) -> None:
    done = run("validate", str(JULY), module=module)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_validate_the_sprint_yaml_itself() -> None:
    done = run("validate", "fixtures/july-2021/sprint.yaml")
    assert done.returncode == 0


def test_validate_a_broken_bundle_names_the_file_as_given() -> None:
    done = run("validate", "tests/broken/09-unknown-kind")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.splitlines()[0].startswith("tests/broken/09-unknown-kind/sprint.yaml:6:11: sections[0].kind: ")


def test_validate_a_folder_without_a_bundle() -> None:
    done = run("validate", "docs")
    assert done.returncode == 1
    assert done.stderr == "docs/sprint.yaml: no such file (a bundle is a folder with a sprint.yaml)\n"


@pytest.mark.slow
@pytest.mark.parametrize("folder", BROKEN, ids=[p.name for p in BROKEN])
def test_every_broken_bundle_exits_1_with_its_lines_and_no_traceback(folder: Path) -> None:
    done = run("validate", ".", cwd=folder)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == (folder / "expected.txt").read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("command", ["validate", "generate", "new"])
def test_the_bundle_is_the_current_folder_when_none_is_named(command: str, tmp_path: Path) -> None:
    shutil.copytree(JULY, tmp_path / "july", ignore=shutil.ignore_patterns("out"))
    args = ["--period", "August 2021", "-o", str(tmp_path / "aug")] if command == "new" else []
    done = run(command, *args, "-q", cwd=tmp_path / "july")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    printed = sorted(Path(line) for line in done.stdout.splitlines())
    if command == "validate":
        assert printed == []
    elif command == "generate":
        assert [tmp_path / "july" / p for p in printed] == sorted((tmp_path / "july" / "out").iterdir())
        assert len(printed) == 3
    else:
        assert printed == [tmp_path / "aug" / "sprint.yaml"] and printed[0].is_file()


def test_quiet_and_verbose_go_before_or_after_the_command(tmp_path: Path) -> None:
    (tmp_path / "sprint.yaml").write_text(
        "sprintdoc: 1\nedition:\n  title: Sprint #12\n  period: July 2021\nsections: []\n", encoding="utf-8"
    )
    assert run("-q", "validate", cwd=tmp_path).stderr == ""
    assert run("validate", "-q", cwd=tmp_path).stderr == ""
    assert run("-v", "validate", cwd=tmp_path).stderr.splitlines()[0] == "sprintdoc: reading ."
    assert "warning" in run("validate", cwd=tmp_path).stderr


def test_a_warning_only_bundle_exits_0_with_the_warning_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "sprint.yaml").write_text(
        "sprintdoc: 1\nedition:\n  title: Sprint #12\n  period: July 2021\nsections: []\n", encoding="utf-8"
    )
    done = run("validate", ".", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout == ""
    assert done.stderr.startswith("sprint.yaml:3:10: warning: edition.title: the text stops before '#12'")


@pytest.mark.parametrize(
    "args",
    [(), ("frobnicate",), ("validate", "a", "b"), ("sections", "--nope"), ("new",)],
    ids=["nothing", "unknown-command", "two-bundles", "unknown-option", "new-without-period"],
)
def test_usage_errors_exit_2(args: tuple[str, ...]) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert "usage: sprintdoc" in done.stderr
    assert "Traceback" not in done.stderr


def test_sections_lists_the_built_in_kinds_and_their_origin() -> None:
    done = run("sections")
    assert done.returncode == 0
    names = [line.split()[0] for line in done.stdout.splitlines()]
    assert names == ["activity", "news", "past-work", "projects", "text", "what-moved"]
    assert "sprintdoc.sections.past_work:KIND" in done.stdout


def test_version_and_help() -> None:
    from importlib import metadata

    assert run("--version").stdout.strip() == f"sprintdoc {sprintdoc.__version__}"
    assert metadata.version("sprintdoc") == sprintdoc.__version__  # the package's metadata takes it from there
    helped = run("--help", module=True)
    assert helped.returncode == 0
    assert all(command in helped.stdout for command in ("validate", "sections", "schema", "generate"))


def run_into_a_closed_pipe(*args: str) -> subprocess.CompletedProcess[str]:
    """Run with stdout a pipe whose reader has already gone (as `| head -1` is once it has its line)."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            [str(SCRIPT), *args], cwd=ROOT, stdout=write, stderr=subprocess.PIPE, text=True, timeout=120
        )
    finally:
        os.close(write)


@pytest.mark.parametrize("args", [("schema",), ("sections",), ("outline", "--json", "JULY_DOCX"), ("--help",)])
def test_a_reader_that_has_gone_away_is_exit_0_and_quiet(args: tuple[str, ...], tmp_path: Path) -> None:
    if "JULY_DOCX" in args:
        import sprintdoc

        docx = tmp_path / "july.docx"
        sprintdoc.render_docx(sprintdoc.load(JULY), docx)
        args = tuple(str(docx) if a == "JULY_DOCX" else a for a in args)
    done = run_into_a_closed_pipe(*args)
    assert (done.returncode, done.stderr) == (0, "")


def test_schema_piped_into_head_is_exit_0_and_quiet() -> None:
    done = subprocess.run(
        ["bash", "-c", f'set -o pipefail; "{SCRIPT}" schema | head -1'],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "{\n", "")


@pytest.mark.parametrize(("args", "page"), [((), "bundle-format.md"), (("format",), "bundle-format.md"),
                                            (("plugins",), "section-kinds.md")])  # fmt: skip
def test_reference_prints_the_markdown_reference(args: tuple[str, ...], page: str) -> None:
    done = run("reference", *args)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (ROOT / "docs" / page).read_text(encoding="utf-8")


def test_reference_of_an_unknown_topic_is_a_usage_error() -> None:
    done = run("reference", "theme")
    assert done.returncode == 2 and "choose from 'format', 'plugins'" in done.stderr


def test_reference_starts_lean() -> None:
    """Printing a text file loads no YAML, attrs models, XML or writers."""
    script = (
        "import sys, contextlib, io\n"
        "from sprintdoc.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    assert main(['reference', 'plugins']) == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('yaml', 'attrs', 'attr', 'lxml', 'docx', 'docxtpl', 'reportlab', 'markdown_it') or "
        "m in ('sprintdoc.model', 'sprintdoc.registry', 'sprintdoc.loading')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout.strip()) == (0, "[]"), done.stderr


def test_the_readme_lists_every_command() -> None:
    import argparse

    from sprintdoc.cli import build_parser

    [commands] = [a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [name for name in commands.choices if f"| `sprintdoc {name}" not in readme] == []


def _bash_completes(script: Path, words: list[str], cwd: Path) -> list[str]:
    """What bash offers after `words`, with sprintdoc's completion script loaded."""
    line = " ".join(words)
    program = (
        f"source {script}\n"
        f"COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; COMP_LINE={line!r}; COMP_POINT=${{#COMP_LINE}}\n"
        f"_shtab_sprintdoc sprintdoc {words[-1]!r} {words[-2]!r}\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(["bash", "-c", program], cwd=cwd, capture_output=True, text=True, check=True)
    return sorted(done.stdout.split())


def test_bash_completes_commands_options_and_bundle_folders(tmp_path: Path) -> None:
    made = run("completion", "bash")
    assert made.returncode == 0, made.stderr
    script = tmp_path / "sprintdoc.bash"
    script.write_text(made.stdout, encoding="utf-8")
    (tmp_path / "july-2021").mkdir()
    (tmp_path / "jump.txt").write_text("", encoding="utf-8")
    assert _bash_completes(script, ["sprintdoc", "ge"], tmp_path) == ["generate"]
    assert _bash_completes(script, ["sprintdoc", "generate", "--f"], tmp_path) == ["--formats", "--from"]
    assert _bash_completes(script, ["sprintdoc", "new", "--o"], tmp_path) == ["--outdir"]
    assert _bash_completes(script, ["sprintdoc", "validate", "ju"], tmp_path) == ["july-2021", "jump.txt"]
    assert _bash_completes(script, ["sprintdoc", "check", "ju"], tmp_path) == ["july-2021", "jump.txt"]
    assert _bash_completes(script, ["sprintdoc", "diff", "ju"], tmp_path) == ["july-2021", "jump.txt"]
    assert _bash_completes(script, ["sprintdoc", "generate", "-o", "ju"], tmp_path) == ["july-2021"]


@pytest.mark.parametrize("shell", ["zsh", "tcsh"])
def test_completion_scripts_for_other_shells_name_every_command(shell: str) -> None:
    made = run("completion", shell)
    assert made.returncode == 0, made.stderr
    for command in ("generate", "validate", "new", "outline", "sections", "schema", "reference", "completion"):
        assert command in made.stdout


def test_help_of_the_package_shows_every_public_name_documented() -> None:
    import pydoc

    text = pydoc.render_doc(sprintdoc, renderer=pydoc.plaintext)
    for name in sprintdoc.__all__:
        value = getattr(sprintdoc, name)
        assert f"\n    {name}" in text or f"class {name}" in text, name
        assert (value.__doc__ or "").strip(), f"{name} has no docstring"


@pytest.mark.parametrize("name", ["dark", "Default"])
def test_an_unknown_theme_name_lists_the_built_in_themes(name: str, tmp_path: Path) -> None:
    from sprintdoc.theme import BUILT_IN

    done = run("generate", str(JULY), "--theme", name, "-o", str(tmp_path / "out"))
    assert done.returncode == 1
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"{name}: not a built-in theme nor a theme file")
    assert line.endswith(f"the built-in themes are: {', '.join(BUILT_IN)}" + (")" if name == "Default" else ""))
    assert ("did you mean the built-in theme 'default'?" in line) == (name == "Default")
    assert not (tmp_path / "out").exists()
