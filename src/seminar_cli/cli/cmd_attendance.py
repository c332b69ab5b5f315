"""``seminar attendance``: the general assembly's desk at the door, in another terminal on the
same journal while the session runs (PRODUCT §7, §9)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from seminar_cli.cli.completion import complete_session
from seminar_cli.i18n import t

NamesOpt = list[str] | None


def register(app: typer.Typer) -> None:
    @app.command("attendance", help=t("help.attendance"), epilog=t("help.attendance.epilog"))
    def attendance_cmd(
        ctx: typer.Context,
        session: Annotated[
            str | None,
            typer.Argument(
                help=t("help.arg.session"),
                metavar="[SESSION]",
                show_default=False,
                autocompletion=complete_session,
            ),
        ] = None,
        present_name: Annotated[
            NamesOpt,
            typer.Option("--present-name", help=t("help.opt.present_name"), metavar="NAME"),
        ] = None,
        proxy: Annotated[
            NamesOpt,
            typer.Option("--proxy", help=t("help.opt.proxy"), metavar="HOLDER:REPRESENTED"),
        ] = None,
        excused: Annotated[
            NamesOpt, typer.Option("--excused", help=t("help.opt.excused"), metavar="NAME")
        ] = None,
        present: Annotated[
            int | None,
            typer.Option("--present", help=t("help.opt.present_count"), metavar="N", min=0),
        ] = None,
        represented: Annotated[
            int | None,
            typer.Option("--represented", help=t("help.opt.represented_count"), metavar="M", min=0),
        ] = None,
        cards: Annotated[
            Path | None, typer.Option("--cards", help=t("help.opt.cards"), metavar="FILE")
        ] = None,
        address: Annotated[
            str | None, typer.Option("--address", help=t("help.opt.address"), metavar="URL")
        ] = None,
        codes: Annotated[bool, typer.Option("--codes", help=t("help.opt.codes"))] = False,
    ) -> None:
        from seminar_cli.cli.common import find_session, open_journal
        from seminar_cli.errors import UsageError
        from seminar_cli.session.assembly import (
            DeskRequest,
            attendance_desk,
            member_cards,
            members_codes,
        )
        from seminar_cli.session.service import writer_on_session_clock
        from seminar_cli.ui import desk

        proxies = []
        for value in proxy or []:
            holder, sep, who = value.partition(":")
            if not sep or not holder.strip() or not who.strip():
                raise UsageError("att.bad_proxy", value=value)
            proxies.append((holder.strip(), who.strip()))
        counts = None
        if present is not None or represented is not None:
            counts = (present or 0, represented or 0)
        request = DeskRequest(
            present=tuple(present_name or ()),
            proxies=tuple(proxies),
            excused=tuple(excused or ()),
            counts=counts,
        )
        journal = open_journal(ctx, create=False)
        row = find_session(journal, session)  # adopts the session's language
        writer = writer_on_session_clock(journal, row)
        if cards is not None:
            desk.write_cards(
                cards, writer.state.meta.get("title") or row.title, member_cards(writer), address
            )
        if request != DeskRequest():
            done, quorum = attendance_desk(writer, request, desk.show_one_signed_in)
            desk.show_signed_in(done, quorum, counts)
        if codes:
            desk.show_codes(members_codes(writer.state), writer.state)
        elif request == DeskRequest() and cards is None:
            desk.run_desk(writer)
