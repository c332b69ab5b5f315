"""The registries are complete: what one table describes is handled, shown and documented
everywhere it must be, so that a key (or a prompt type, or an export format) described in one
place and missing in another fails here."""

from __future__ import annotations

import pytest

from seminar_cli import i18n
from seminar_cli.i18n import catalog, t
from seminar_cli.journal.events import EventType
from seminar_cli.ui import live_keys
from seminar_cli.ui.live import LiveControls
from seminar_cli.ui.screen import view_from_state
from tests.conftest import REPO
from tests.live_helpers import frame, open_writer

CATALOG = catalog()
GUIDE = REPO / "docs" / "facilitator.md"


# -- live keys -------------------------------------------------------------------------------
def test_every_live_key_has_its_handler_and_every_handler_its_key():
    handlers = {row.handler for row in live_keys.LIVE_KEYS if row.handler}
    for row in live_keys.LIVE_KEYS:
        if row.handler is None:  # read elsewhere (Ctrl-C): say where, and read nothing here
            assert row.where and not row.keys, row
        else:
            assert row.keys, row
            assert callable(getattr(LiveControls, f"_key_{row.handler}", None)), row.handler
    methods = {name.removeprefix("_key_") for name in dir(LiveControls) if name[:5] == "_key_"}
    assert methods == handlers, "a handler no row of ui/live_keys.py names"


def test_no_key_does_two_things():
    all_keys = [key for row in live_keys.LIVE_KEYS for key in row.keys]
    assert len(all_keys) == len(set(all_keys)) == len(live_keys.BY_KEY)


@pytest.mark.parametrize("row", [r for r in live_keys.LIVE_KEYS if r.keys], ids=lambda r: r.help)
def test_each_live_key_reaches_its_own_handler(row, monkeypatch):
    called: list[tuple[str, str]] = []
    for other in live_keys.LIVE_KEYS:
        if other.handler:

            def record(self, runner, key, count=1, name=other.handler):
                called.append((name, key))

            monkeypatch.setattr(LiveControls, f"_key_{other.handler}", record, raising=True)
    controls = LiveControls()
    for key in row.keys:
        controls._on_key(None, key)  # type: ignore[arg-type]  # the recorders use no runner
    assert called == [(row.handler, key) for key in row.keys]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_live_key_is_in_the_help_and_on_the_key_line(tmp_path, lang):
    writer = open_writer(tmp_path)
    writer.record(EventType.segment_started, segment="intro")
    i18n.init_language(lang)
    try:
        view = view_from_state(writer.state, writer.clock.now())
        help_view = view_from_state(writer.state, writer.clock.now(), overlay="help")
        wide = frame(help_view, 200, 50)
        running = frame(view, 200, 50)
        for row in live_keys.LIVE_KEYS:
            assert row.help in CATALOG and all(CATALOG[row.help]), row.help
            assert f"{row.shown_text()}  " in wide and t(row.help) in wide, row.help
            if row.key_line is None:
                continue
            assert row.key_line in CATALOG and all(CATALOG[row.key_line]), row.key_line
            if row.key_line_when == "always":
                assert t(row.key_line) in running.split("\n")[-1], row.key_line
    finally:
        i18n.init_language(None)


def test_every_live_key_is_in_the_facilitators_guide():
    guide = GUIDE.read_text(encoding="utf-8")
    for row in live_keys.LIVE_KEYS:
        assert f"| {row.doc_keys} | {row.doc} |" in guide, row.doc_keys


# -- export formats ----------------------------------------------------------------------------
def test_every_export_format_has_its_exporter_and_every_exporter_its_format():
    from seminar_cli.minutes.exporters import REGISTRY, get_exporter
    from seminar_cli.minutes.formats import FORMAT_NAMES, FORMATS

    assert tuple(REGISTRY) == FORMAT_NAMES
    for fmt in FORMATS:
        exporter = get_exporter(fmt.name)
        assert exporter is not None and exporter.name == fmt.name
        # found in the module the table names, which get_exporter imports alone
        assert type(exporter).__module__ == f"seminar_cli.minutes.exporters.{fmt.module}"
        assert exporter.extension == fmt.extension and exporter.binary == fmt.binary


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_export_help_names_every_format(cli, lang):
    from seminar_cli.minutes.formats import DEFAULT_FORMAT, FORMAT_NAMES

    result = cli("--lang", lang, "export", "--help")
    assert result.code == 0
    text = " ".join(result.out.split())
    assert "|".join(FORMAT_NAMES) in text
    *first, last = FORMAT_NAMES
    conjunction = "ou" if lang == "fr" else "or"
    assert f"{', '.join(first)} {conjunction} {last}" in text
    assert f"{DEFAULT_FORMAT})" in text


def test_an_unknown_format_lists_every_format(cli):
    from seminar_cli.minutes.formats import FORMAT_NAMES

    result = cli("--lang", "en", "export", "--format", "pdf")
    assert result.code == 2
    assert f"choose one of {', '.join(FORMAT_NAMES)}" in result.err


def test_every_export_format_is_in_the_secretarys_guide():
    from seminar_cli.minutes.formats import FORMATS

    guide = (REPO / "docs" / "secretary.md").read_text(encoding="utf-8")
    for fmt in FORMATS:
        assert f"| `{fmt.name}`" in guide and f" | {fmt.doc} |" in guide, fmt.name


# -- prompt types ------------------------------------------------------------------------------
# one answer of each type, as an answers file gives it: a type registered without one fails here
SAMPLE_ANSWERS = {
    "text": "Bonjour",
    "long_text": "Une idée\nsur deux lignes",
    "choice": "2",
    "multi": "a, b",
    "rating": 4,
    "yesno": "yes",
    "words": "Lyon, ODD17",
    "ranking": "b > a",
    "vote": "for",
    "election": "a",
}
TYPE_FIELDS = (
    "choices",
    "min",
    "max",
    "labels",
    "majority",
    "candidates",
    "seats",
    "round",
    "ballot",
)
FIELD_SAMPLES = {
    "choices": ["a", "b"],
    "min": 1,
    "max": 2,
    "labels": {1: "peu"},
    "majority": "simple",
    "candidates": ["a", "b"],
    "seats": 1,
    "round": 2,
    "ballot": "roll_call",
}


def sample_prompt(kind, **extra):
    from seminar_cli.agenda.models import Prompt
    from seminar_cli.session.prompt_types import PROMPT_TYPES

    data = {"id": "p", "question": "Q ?", "type": kind.value, **extra}
    if "choices" in PROMPT_TYPES[kind].fields:
        data.setdefault("choices", ["a", "b"])
    if "candidates" in PROMPT_TYPES[kind].fields:
        data.setdefault("candidates", ["a", "b"])
    return Prompt.model_validate(data)


def test_every_prompt_type_is_registered_with_its_controls_and_drawing():
    from typing import get_args

    from seminar_cli.agenda.models import PromptType
    from seminar_cli.session.prompt_types import PROMPT_TYPES, Drawing, WebControl
    from seminar_cli.ui.prompts import ASKERS
    from seminar_cli.ui.results import _RENDERERS

    assert set(PROMPT_TYPES) == set(PromptType) == set(SAMPLE_ANSWERS)
    for kind, spec in PROMPT_TYPES.items():
        assert spec.type is kind
        assert spec.terminal_control in ASKERS, kind
        assert spec.drawing in _RENDERERS, kind
        assert spec.web_control in get_args(WebControl), kind
    # no control and no drawing that no type uses
    assert set(ASKERS) == {s.terminal_control for s in PROMPT_TYPES.values()}
    assert set(_RENDERERS) == {s.drawing for s in PROMPT_TYPES.values()} == set(get_args(Drawing))


def test_every_prompt_type_has_its_labels_in_both_languages():
    from seminar_cli.session.prompt_types import PROMPT_TYPES

    for kind, spec in PROMPT_TYPES.items():
        keys = [spec.label, spec.minutes_label]
        keys += [k for code in spec.codes for k in (code.label, code.minutes_label)]
        for key in keys:
            assert key in CATALOG and all(CATALOG[key]), (kind, key)
        if spec.codes:  # its codes are the values its answers take
            assert [c.value for c in spec.codes] == sample_prompt(kind).options


@pytest.mark.parametrize("field", TYPE_FIELDS)
def test_a_prompt_type_takes_exactly_the_agenda_fields_it_says(field):
    from pydantic import ValidationError

    from seminar_cli.session.prompt_types import PROMPT_TYPES

    for kind, spec in PROMPT_TYPES.items():
        value = FIELD_SAMPLES[field]
        if field in spec.fields:
            assert getattr(sample_prompt(kind, **{field: value}), field) is not None, kind
        else:
            with pytest.raises(ValidationError):
                sample_prompt(kind, **{field: value})


@pytest.mark.parametrize("kind", list(SAMPLE_ANSWERS))
def test_every_prompt_type_normalises_summarises_and_shows_an_answer(kind):
    from datetime import UTC, datetime

    from seminar_cli.agenda.models import PromptType
    from seminar_cli.journal.state import AnswerRecord
    from seminar_cli.minutes.summary import summarize
    from seminar_cli.session.prompt_types import normalise_answer
    from seminar_cli.ui.results import render_results

    prompt = sample_prompt(PromptType(kind))
    normal = normalise_answer(prompt, SAMPLE_ANSWERS[kind])
    assert normal is not None
    assert normalise_answer(prompt, normal) == normal  # the normal form is an answer as it is
    summary = summarize(prompt, [normal, None])
    assert summary and summary != summarize(prompt, [])  # the answer counts, "no answer" not
    answer = AnswerRecord("p", "Ana", normal, datetime(2026, 1, 1, tzinfo=UTC))
    assert render_results(prompt, [answer], None) is not None
