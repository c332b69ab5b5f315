"""Before and during a session: the few questions of ``seminar start`` and the attendance.

Asked with questionary, once, and only for what neither the command line nor the agenda
gives.  The attendance is quick for a room of sixty: one screen lists the whole roster with
everyone ticked as present; the facilitator unticks those who are not there and says, for
them only, whether they are excused, absent or represented (and by whom).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from seminar_cli.agenda.models import Agenda, Participant
from seminar_cli.errors import Interrupted
from seminar_cli.i18n import counted, t
from seminar_cli.session.service import Attendance, SessionSetup

if TYPE_CHECKING:
    from seminar_cli.journal.state import SessionState

_OTHER = "\x00other"
_BACK = "\x00back"
_AGAIN = "\x00again"


def _answer(question: Any) -> Any:
    """The answer, or stop (exit 130) on Ctrl-C: nothing has been recorded yet."""
    value = question.ask()
    if value is None:
        raise Interrupted("common.interrupted")
    return value


def _blank_ok(message: str) -> str | None:
    import questionary

    value = _answer(questionary.text(message, instruction=t("setup.blank_ok")))
    return str(value).strip() or None


def ask_setup(agenda: Agenda, setup: SessionSetup) -> SessionSetup:
    """Place, facilitator and secretary, asked only when the flags and the agenda leave them
    open; Enter leaves one blank."""
    place, facilitator, secretary = setup.place, setup.facilitator, setup.secretary
    if place is None and agenda.place is None:
        place = _blank_ok(t("setup.ask_place"))
    if facilitator is None:
        facilitator = _blank_ok(t("setup.ask_facilitator"))
    if secretary is None:
        given = agenda.assembly.secretary if agenda.assembly else None
        secretary = given or _blank_ok(t("setup.ask_secretary"))
    return replace(setup, place=place, facilitator=facilitator, secretary=secretary)


def _label(person: Participant) -> str:
    return f"{person.name} — {person.organization}" if person.organization else person.name


def _not_empty(value: str) -> bool | str:
    return True if value.strip() else t("setup.need_name")


def _status_choices(*statuses: str) -> list[Any]:
    import questionary

    return [questionary.Choice(t(f"live.status.{s}"), value=s) for s in statuses]


def _represented_by(name: str, others: list[str]) -> str:
    import questionary

    question = questionary.autocomplete(
        t("setup.represented_by", name=name), choices=others, validate=_not_empty
    )
    return str(_answer(question)).strip()


def ask_attendance(agenda: Agenda) -> list[Attendance]:
    """The attendance of the roster (empty without one): everyone present unless unticked."""
    people = agenda.participants
    if not people or agenda.participants_file:
        # a register of members signs in at the desk (`seminar attendance`) or with the key a
        return []
    import questionary

    from seminar_cli.ui.prompts import checkbox

    choices = [questionary.Choice(_label(p), value=p.name, checked=True) for p in people]
    present = set(
        _answer(
            checkbox(
                t("setup.attendance"),
                choices=choices,
                instruction=t("setup.attendance.instruction"),
                use_jk_keys=False,
                use_search_filter=True,
            )
        )
    )
    result: list[Attendance] = []
    for person in people:
        if person.name in present:
            result.append((person.name, "present", None))
            continue
        status = _answer(
            questionary.select(
                t("setup.not_here", name=person.name),
                choices=_status_choices("excused", "absent", "represented"),
                instruction=t("prompt.hint.select"),
            )
        )
        by = None
        if status == "represented":
            by = _represented_by(person.name, [p.name for p in people if p.name in present])
        result.append((person.name, str(status), by))
    from seminar_cli.ui.console import say

    say(attendance_summary([given for _, given, _ in result]))
    return result


def attendance_summary(statuses: list[str]) -> str:
    """« 3 présents, 1 excusé, 0 absent, 0 représenté. »: each count agreed with its noun."""
    return t(
        "setup.summary",
        present=counted("count.present", statuses.count("present")),
        excused=counted("count.excused", statuses.count("excused")),
        absent=counted("count.absent", statuses.count("absent")),
        represented=counted("count.represented", statuses.count("represented")),
    )


MAX_FOUND = 12  # names offered at once: a 24-line terminal shows them with the questions
# columns a choice leaves free: the answered line repeats it after « ? Qui ? »
CHOICE_MARGIN = 10


def fitted(text: str, room: int | None = None) -> str:
    """``text`` cut with an ellipsis to the terminal's width less ``room`` columns (the
    question's pointer and margin), so that no line of a list wraps at 80 columns."""
    from rich.cells import cell_len, set_cell_size

    width = _question_width() - (4 if room is None else room)
    width = max(width, 20)
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1).rstrip() + "…"


def _question_width() -> int:
    """The columns questionary draws in: the terminal's own (prompt_toolkit asks the terminal,
    not ``COLUMNS``), else ``COLUMNS``, else 80."""
    import os
    import shutil
    import sys

    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns
    except (AttributeError, OSError, ValueError):
        return shutil.get_terminal_size((80, 24)).columns


def attendance_state_text(state: SessionState, name: str) -> str:
    """A person's attendance now, as the list of key ``a`` shows it: absent until signed in
    (with a register), present, represented by whom, excused, left."""
    record = state.attendance.get(name)
    status = state.status_of(name)
    if status == "represented" and record is not None and record.represented_by:
        return t("live.att.represented_by", name=record.represented_by)
    return t(f"live.status.{status}")


def person_line(state: SessionState, person: Participant) -> str:
    """« Name — organisation [attendance] »: the organisation is what gives way to the width,
    never the attendance."""
    from rich.cells import cell_len

    suffix = f"  [{attendance_state_text(state, person.name)}]"
    return fitted(_label(person), CHOICE_MARGIN + cell_len(suffix)) + suffix


def attendance_actions(status: str) -> tuple[str, ...]:
    """What key ``a`` offers for someone in ``status``, the likely one first: arriving for
    whoever is not here, leaving only for whoever is; the status they have is not offered
    again (a represented member may still change holder)."""
    if status == "present":
        return ("left", "represented", "excused", "absent")
    order = ("present", "represented", "excused", "absent")
    return tuple(s for s in order if s != status or s == "represented")


def ask_attendance_change(state: SessionState) -> Attendance | None:
    """During the session (key ``a``): who arrives, leaves, or is represented; None when the
    facilitator goes back to the screen without a change.  A few letters of the name first
    (accents and case ignored, as at the desk), then the people they match, each with their
    attendance now."""
    import questionary

    from seminar_cli.session.assembly import search_people

    people = state.agenda.participants
    while True:
        query = questionary.text(fitted(t("live.att.search"), 2)).ask()
        if query is None or not query.strip():
            return None
        typed = query.strip()
        found = search_people(state.agenda, typed)
        choices: list[Any] = [
            questionary.Choice(person_line(state, p), value=p.name) for p in found[:MAX_FOUND]
        ]
        if len(found) > MAX_FOUND:
            more = len(found) - MAX_FOUND
            choices.append(
                questionary.Separator(fitted(counted("live.att.more", more), CHOICE_MARGIN))
            )
        if not any(p.name.casefold() == typed.casefold() for p in people):
            choices.append(
                questionary.Choice(
                    fitted(t("live.att.other_named", name=typed), CHOICE_MARGIN), value=_OTHER
                )
            )
        choices += [
            questionary.Choice(t("live.att.again"), value=_AGAIN),
            questionary.Choice(t("live.att.back"), value=_BACK),
        ]
        name = questionary.select(
            t("att.ask_which"),  # short: the answered line repeats it before the choice
            choices=choices,
            use_jk_keys=False,
            instruction=t("prompt.hint.select"),
        ).ask()
        if name is None or name == _BACK:
            return None
        if name != _AGAIN:
            break
    if name == _OTHER:
        name = typed
    status_now = state.status_of(name) if any(p.name == name for p in people) else "absent"
    choices = _status_choices(*attendance_actions(status_now))
    if status_now != "present":
        choices[0] = questionary.Choice(t("live.status.arrived"), value="present")
    status = questionary.select(
        fitted(t("live.att.status", name=name), 2),
        choices=choices,
        instruction=t("prompt.hint.select"),
    ).ask()
    if status is None:
        return None
    by = None
    if status == "represented":
        others = [n for n in state.present_participants() if n != name]
        by = questionary.autocomplete(
            fitted(t("setup.represented_by", name=name), 2),
            choices=others,
            validate=_not_empty,
            match_middle=True,
        ).ask()
        if by is None:
            return None
        by = by.strip()
    return str(name), str(status), by
