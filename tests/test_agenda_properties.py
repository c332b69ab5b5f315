"""Property tests: whatever the file holds, `seminar agenda validate` answers with exit 0 or 1,
a message that names the file and locates each problem, and never a traceback."""

from __future__ import annotations

import contextlib
import copy
import io
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from seminar_cli import i18n
from seminar_cli.main import main
from tests.conftest import AGENDAS

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# text with what people (and broken editors) put in files: accents, emoji, quotes, colons,
# YAML indicators, control characters, lone surrogates are impossible in UTF-8 so left out
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(list(":-#&*!|>'\"%@`{}[],?\t\n\r\x00\x07\x1b\u00a0\u2028\ufeff")),
    ),
    max_size=30,
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
    st.sampled_from(["15m", "1h30", "90s", "1h75", "14:00", "25:00", "abc", "", "0", "-5"]),
)
KEYS = st.one_of(
    st.sampled_from(
        [
            "title",
            "segments",
            "duration",
            "prompts",
            "id",
            "type",
            "choices",
            "min",
            "max",
            "labels",
            "who",
            "kind",
            "starts_at",
            "ends_by",
            "participants",
            "name",
            "assembly",
            "quorum",
            "language",
            "warn_at",
        ]
    ),
    TEXT,
    st.integers(min_value=-5, max_value=5),
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(KEYS, children, max_size=6),
    ),
    max_leaves=40,
)

BASE_AGENDA: dict[str, Any] = yaml.safe_load(
    (AGENDAS / "co-construisons-demain.yaml").read_text(encoding="utf-8")
)
PLACE = re.compile(r"^  • (ligne|line) \d+ · \S.* : ")  # French: "ligne 4 · segments[0].x : …"
PLACE_EN = re.compile(r"^  • line \d+ · \S.*: ")


def run_validate(content: bytes, lang: str = "fr") -> tuple[int, str, str, str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.yaml"
        path.write_bytes(content)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--lang", lang, "agenda", "validate", str(path)])
        i18n.init_language(None)
        return code, out.getvalue(), err.getvalue(), str(path)


def check(content: bytes, lang: str = "fr") -> None:
    code, out, err, path = run_validate(content, lang)
    assert code in (0, 1), (code, err)
    assert "Traceback" not in out + err
    assert out == ""  # validate talks on stderr only
    assert err.startswith(path), err  # the file is named first
    if code == 0:
        return
    if b"agenda." not in content:  # (hypothesis likes to try the strings of this very file)
        assert not re.search(r"agenda\.(err|yaml)\.", err), err  # no raw catalogue key
    lines = err.rstrip("\n").splitlines()
    if lines[0] in (f"{path} n'est pas un agenda valide :", f"{path} is not a valid agenda:"):
        bullets = [line for line in lines[1:] if line.startswith("  • ")]
        assert bullets, err
        pattern = PLACE if lang == "fr" else PLACE_EN
        for line in bullets:
            assert pattern.match(line), line  # every problem has its line and its place


def dump(structure: Any) -> bytes:
    return yaml.safe_dump(structure, allow_unicode=True, sort_keys=False).encode("utf-8")


@SETTINGS
@given(STRUCTURES)
def test_any_yaml_structure(structure):
    check(dump(structure))


@SETTINGS
@given(st.dictionaries(KEYS, STRUCTURES, max_size=6))
def test_any_mapping_in_english(structure):
    check(dump(structure), lang="en")


@st.composite
def mutated_agendas(draw: st.DrawFn) -> dict[str, Any]:
    """The bundled seminar with a few values replaced by random ones: deep, realistic paths."""
    agenda: dict[str, Any] = copy.deepcopy(BASE_AGENDA)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        node: Any = agenda
        while True:
            if isinstance(node, dict) and node:
                key = draw(st.sampled_from(sorted(node, key=str)))
                if draw(st.booleans()) or not isinstance(node[key], dict | list) or not node[key]:
                    node[key] = draw(STRUCTURES)
                    break
                node = node[key]
            elif isinstance(node, list) and node:
                index = draw(st.integers(min_value=0, max_value=len(node) - 1))
                if draw(st.booleans()) or not isinstance(node[index], dict | list):
                    node[index] = draw(STRUCTURES)
                    break
                node = node[index]
            else:
                break
    return agenda


@SETTINGS
@given(mutated_agendas())
def test_the_bundled_seminar_with_random_changes(agenda):
    check(dump(agenda))


YAMLISH = st.lists(
    st.one_of(
        TEXT,
        st.sampled_from(
            [
                "title: ",
                "segments:\n",
                "  - ",
                "    duration: ",
                "prompts: [",
                "]",
                "{",
                "}",
                ": ",
                "\n",
                "  ",
                "&a ",
                "*a",
                "!!python/object/apply:os.system ",
                "!!binary ",
                "!!int ",
                "!!timestamp ",
                "!!set ",
                "!!omap ",
                "? ",
                "<<: *a\n",
                "---\n",
                "...\n",
                "%YAML 1.1\n",
                '"',
                "'",
                "|\n",
                ">-\n",
                "#",
                "\t",
            ]
        ),
    ),
    max_size=30,
)


@SETTINGS
@given(YAMLISH)
def test_yaml_ish_text(parts):
    check("".join(parts).encode("utf-8"))


@SETTINGS
@given(st.binary(max_size=200))
def test_any_bytes(content):
    check(content)
