"""The documentation says what the code does: the generated parts are up to date, every command
is documented, the examples are valid, the command lines in the guides exist, links resolve."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from seminar_cli import docgen
from tests.conftest import REPO

DOCS = REPO / "docs"
README = REPO / "README.md"
REGENERATE = "python -m seminar_cli.docgen"


def command_tree() -> dict[str, object]:
    """Every command and group of the Typer app, by path ("agenda show"), as Click objects."""
    import typer

    from seminar_cli.cli.app import build_app

    root = typer.main.get_command(build_app())
    found: dict[str, object] = {}
    todo: list[tuple[str, object]] = [("", root)]
    while todo:
        path, node = todo.pop(0)
        found[path] = node
        for name, child in getattr(node, "commands", {}).items():
            todo.append(((path + " " + name).strip(), child))
    return found


COMMANDS = sorted(path for path in command_tree() if path)


@pytest.fixture(scope="module")
def expected() -> dict[Path, str]:
    return docgen.expected_files(REPO)


def test_generated_docs_are_up_to_date(expected):
    stale = [
        str(path.relative_to(REPO))
        for path, content in expected.items()
        if not path.exists() or path.read_text(encoding="utf-8") != content
    ]
    assert not stale, f"out of date: {', '.join(stale)} — regenerate with `{REGENERATE}`"


def test_the_reference_holds_every_help_page_at_a_fixed_width(expected):
    english = expected[DOCS / "commands.md"]
    french = expected[DOCS / "commandes.md"]
    assert "Examples:" in english and "Exemples :" in french
    assert "Ouvre une séance" in french and "Open a session" in english
    # COLUMNS=100 gives Click's widest layout (78 columns of text): no line of a page is wider
    # than the page's own examples, whatever the terminal the generator ran in
    for text in (english, french):
        for block in re.findall(r"```text\n(.*?)```", text, re.S):
            assert block.startswith(("Usage: seminar", "Utilisation : seminar"))
            assert all(len(line) <= 100 for line in block.splitlines())


def test_a_stale_file_is_named_with_the_command_that_regenerates_it(
    expected, tmp_path, monkeypatch, capsys
):
    # a copy of the docs with one page edited by hand (the help pages are those just rendered)
    (tmp_path / "docs").mkdir()
    for path, content in expected.items():
        (tmp_path / "docs" / path.name).write_text(content, encoding="utf-8")
    rendered: dict[str, dict[str, str]] = {}
    for page in docgen.COMMAND_PAGES:
        text = expected[DOCS / page.file]
        blocks = re.findall(r"\n## (seminar[^\n]*)\n\n```text\n(.*?)```", text, re.S)
        rendered[page.language] = {n.removeprefix("seminar").strip(): b for n, b in blocks}
    monkeypatch.setattr(docgen, "help_pages", rendered.__getitem__)
    assert docgen.main(["--check", "--root", str(tmp_path)]) == 0

    edited = tmp_path / "docs" / "commands.md"
    edited.write_text(edited.read_text().replace("Open a session", "Opens a session"))
    assert docgen.main(["--check", "--root", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "docs/commands.md" in err and REGENERATE in err
    assert "agenda-format.md" not in err

    assert docgen.main(["--root", str(tmp_path)]) == 0
    assert edited.read_text() == expected[DOCS / "commands.md"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_reference(command):
    for page in ("commands.md", "commandes.md"):
        text = (DOCS / page).read_text(encoding="utf-8")
        assert f"\n## seminar {command}\n" in text, f"seminar {command} is missing from {page}"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme_tour(command):
    readme = README.read_text(encoding="utf-8")
    tour = readme.split("## A tour of the commands", 1)[1].split("\n## ", 1)[0]
    node = command_tree()[command]
    if getattr(node, "commands", None):  # a group is shown through its commands
        names = [f"{command} {name}" for name in node.commands]  # type: ignore[attr-defined]
    else:
        names = [command]
    for name in names:
        assert f"`seminar {name}" in tour, f"seminar {name} is missing from README's tour"


# -- the agenda format ----------------------------------------------------------------------------
def yaml_blocks(path: Path) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("doc", [DOCS / "agenda-format.md", README], ids=lambda p: p.name)
def test_the_example_agenda_and_its_answers_file_are_valid(doc, tmp_path):
    from seminar_cli.agenda.loader import read_agenda_file
    from seminar_cli.session.answers import load_answers_file

    agenda_text, answers_text = yaml_blocks(doc)[:2]
    (tmp_path / "agenda.yaml").write_text(agenda_text, encoding="utf-8")
    (tmp_path / "answers.yaml").write_text(answers_text, encoding="utf-8")
    agenda = read_agenda_file(tmp_path / "agenda.yaml").agenda
    answers = load_answers_file(tmp_path / "answers.yaml", agenda)
    prompts = {p.id for _, p in agenda.all_prompts()}
    assert set(answers.answers) <= prompts and answers.answers
    assert answers.attendance


def test_every_kind_type_and_who_is_explained():
    from seminar_cli.agenda.models import PromptType, SegmentKind, Who

    text = (DOCS / "agenda-format.md").read_text(encoding="utf-8")
    rules = text.split("## Types de questions", 1)[1].split("\n## ", 1)[0]
    for kind in PromptType:
        assert f"\n| `{kind.value}` |" in rules, f"prompt type {kind.value} has no rule row"
    who = text.split("## Qui répond", 1)[1].split("\n## ", 1)[0]
    for value in Who:
        assert f"| `{value.value}`" in who
    for kind in SegmentKind:
        assert f"| `{kind.value}` |" in text


def test_every_model_field_has_a_description():
    from seminar_cli.agenda import models

    for name in docgen.MODELS:
        for field, info in getattr(models, name).model_fields.items():
            assert info.description, f"{name}.{field} has no description"


# -- the guides -----------------------------------------------------------------------------------
GUIDES = [*sorted(DOCS.glob("*.md")), README]


def command_lines(path: Path) -> list[str]:
    """The `seminar …` lines of a guide's shell examples, and its inline `seminar …` code that
    is a plain command line (not a synopsis with [OPTIONAL] parts or alternatives)."""
    text = path.read_text("utf-8")
    lines = []
    for block in re.findall(r"```(?:sh|console|bash)\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = re.sub(r"\s+#\s.*$", "", line.strip()).removeprefix("$ ")
            if line.startswith("seminar "):
                lines.append(line.split(" | ")[0].split(" < ")[0].split(" > ")[0])
    prose = re.sub(r"```.*?```", "", text, flags=re.S)
    for span in re.findall(r"`(seminar [^`]+)`", prose):
        if not any(sign in span for sign in "[]…|\\<>"):
            lines.append(span)
    return lines


def check_command_line(line: str, tree: dict[str, object]) -> str | None:
    """What is wrong with a documented command line (unknown command or option), or None."""
    words = shlex.split(line)[1:]
    path: list[str] = []
    node = tree[""]
    while words:
        word = words[0]
        if word in ("--db", "--lang"):
            words = words[2:]
            continue
        children = getattr(node, "commands", None)
        if children is None or word.startswith("-"):
            break
        if word not in children:
            return f"unknown command {' '.join([*path, word])!r}"
        path.append(word)
        node = tree[" ".join(path)]
        words = words[1:]
    options = {opt for param in node.params for opt in param.opts}  # type: ignore[attr-defined]
    for word in words:
        if word.startswith("-") and word != "-":
            name = word.split("=", 1)[0]
            if name not in options:
                return f"seminar {' '.join(path)} has no option {name}"
    return None


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_command_lines_of_the_guides_exist(guide):
    tree = command_tree()
    lines = command_lines(guide)
    problems = [f"{line}: {why}" for line in lines if (why := check_command_line(line, tree))]
    assert not problems, "\n".join(problems)


def test_the_command_line_check_sees_mistakes():
    tree = command_tree()
    assert check_command_line("seminar agenda show --notes", tree) is None
    assert check_command_line('seminar --lang en note -s 2026 "x"', tree) is None
    assert "no option --owner" in str(check_command_line("seminar note x --owner A", tree))
    assert "unknown command" in str(check_command_line("seminar agenda shwo", tree))


def anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.S)
    return {docgen.anchor(h) for h in re.findall(r"^#+ (.*)$", text, re.M)}


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_the_links_of_the_guides_resolve(guide):
    text = re.sub(r"```.*?```", "", guide.read_text(encoding="utf-8"), flags=re.S)
    problems = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue  # an address outside the repository
        file, _, fragment = target.partition("#")
        resolved = (guide.parent / file).resolve() if file else guide
        if not resolved.exists():
            problems.append(f"{target}: no such file")
        elif fragment and resolved.suffix == ".md" and fragment not in anchors(resolved):
            problems.append(f"{target}: no such heading")
    assert not problems, "\n".join(problems)
