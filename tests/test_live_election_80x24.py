"""Found in the AG rehearsal (#15): at 80×24, with ``--serve``, the bundled assembly's election
result on the live screen hides who is elected.  A panel too tall for the screen keeps its last
two lines (``RESULT_TAIL``: « the verdict, the border »), but an election's verdict is three
lines at 80 columns (« Élus : … », then the first round's rule, wrapped), so the room sees the
bars, then « exclus). », the wrapped rule's last word, and « … 4 lignes de résultats masquées »:
never « Élus : Camille Martin, Karim Haddad ».  Now the panel says how many of its last lines
are its verdict (ui/results.RoomResult): those stay whole, the bars give way."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from seminar_cli.agenda.models import Prompt
from seminar_cli.i18n import init_language
from seminar_cli.journal.events import EventType
from seminar_cli.journal.state import AnswerRecord
from seminar_cli.session.prompt_types import normalise_answer
from seminar_cli.session.service import SessionWriter
from seminar_cli.ui.results import render_results
from seminar_cli.ui.screen import view_from_state
from tests.live_helpers import frame
from tests.minutes_helpers import open_recorded

# the ballots cast in the rehearsal: 11 ballots, 3 blank; Camille 5, Karim 5, Nathalie 4
CAST = [
    ["Camille Martin", "Karim Haddad"],
    ["Karim Haddad", "Nathalie Roux"],
    [],
    ["Camille Martin", "Karim Haddad", "Nathalie Roux"],
    ["Camille Martin"],
    ["Camille Martin"],
    ["Camille Martin", "Nathalie Roux"],
    ["Karim Haddad"],
    [],
    [],
    ["Karim Haddad", "Nathalie Roux"],
]


def closed_election(
    tmp_path: Path, cast: list[list[str]]
) -> tuple[SessionWriter, list[AnswerRecord], Prompt]:
    """The bundled assembly, everyone present, its election closed with ``cast``'s ballots."""
    rec = open_recorded(tmp_path, "assemblee-generale")
    writer = rec.writer
    for person in writer.agenda.participants:
        writer.record(EventType.attendance, participant=person.name, status="present")
    writer.record(EventType.segment_started, segment="elections")
    writer.record(EventType.prompt_opened, prompt="election-conseil", segment="elections")
    writer.record(EventType.prompt_closed, prompt="election-conseil")
    found = writer.agenda.find_prompt("election-conseil")
    assert found is not None
    prompt = found[1]
    at = datetime(2026, 1, 1, tzinfo=UTC)
    answers = [AnswerRecord("e", None, normalise_answer(prompt, value), at) for value in cast]
    return writer, answers, prompt


def test_the_bundled_elections_winners_stay_on_the_80x24_screen(tmp_path: Path) -> None:
    writer, answers, prompt = closed_election(tmp_path, CAST)
    init_language("fr")
    try:
        result = render_results(prompt, answers, None)
        view = view_from_state(
            writer.state,
            writer.clock.now(),
            results=(result,),
            result_page=1,
            result_pages=1,
            join_url="http://127.0.0.1:40677/j/TEGPQF",
        )
        shown = frame(view, 80, 24)
    finally:
        init_language(None)
    assert len(shown.split("\n")) == 24
    assert "Élus : Camille Martin, Karim Haddad" in shown, shown
    lines = shown.split("\n")
    verdict = next(i for i, line in enumerate(lines) if "Élus : " in line)
    # the rule under it, whole (its wrapped end included), then the hidden bars are counted
    assert "exclus)." in lines[verdict + 1] + lines[verdict + 2], shown
    assert any("lignes de résultats masquées" in line for line in lines[verdict:]), shown


# the second AG rehearsal's ballots: 7 ballots, 2 blank, 5 cast; Camille 3, Karim 2, Nathalie 1
CAST_2 = [
    ["Camille Martin"],
    ["Camille Martin", "Karim Haddad"],
    ["Camille Martin"],
    ["Karim Haddad"],
    ["Nathalie Roux"],
    [],
    [],
]


def test_the_elections_cast_and_blank_figures_stay_with_the_elected_at_80x24(
    tmp_path: Path,
) -> None:
    """AG rehearsal 2, defect 5: at 80×24 the room saw « 7 bulletins » and « 3 · 60 % » but not
    « Suffrages exprimés : 5 · Bulletins blancs : 2 », hidden with the bars; in the next
    segment, under its open question, only « Élus » was left.  The figures are now part of the
    verdict the screen keeps whole."""
    writer, answers, prompt = closed_election(tmp_path, CAST_2)
    init_language("fr")
    try:
        result = render_results(prompt, answers, None)

        def shown() -> str:
            view = view_from_state(
                writer.state,
                writer.clock.now(),
                results=(result,),
                result_page=1,
                result_pages=1,
                join_url="http://127.0.0.1:40677/j/TEGPQF",
            )
            return frame(view, 80, 24).replace("\u00a0", " ")

        during = shown()
        writer.record(EventType.segment_ended, segment="elections")
        writer.record(EventType.segment_started, segment="questions-diverses")
        writer.record(
            EventType.prompt_opened, prompt="questions-au-conseil", segment="questions-diverses"
        )
        after = shown()
    finally:
        init_language(None)
    for screen in (during, after):
        assert len(screen.split("\n")) == 24
        lines = screen.split("\n")
        elected = next(i for i, line in enumerate(lines) if "Élus : Camille Martin" in line)
        assert "Suffrages exprimés : 5 · Bulletins blancs : 2" in lines[elected - 1], screen
        assert "7 bulletins" in screen
    assert "Question ouverte" in after
