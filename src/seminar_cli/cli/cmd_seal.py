"""``seminar verify`` (is the session's hash chain intact?) and ``seminar seal`` (make the
minutes final).  ``verify`` only reads: it works on a read-only journal."""

from __future__ import annotations

from typing import Annotated

import typer

from seminar_cli.cli.completion import SessionArg, complete_session
from seminar_cli.i18n import counted, plural, t


def register(app: typer.Typer) -> None:
    @app.command("verify", help=t("help.verify"), epilog=t("help.verify.epilog"))
    def verify_cmd(
        ctx: typer.Context,
        session: SessionArg = None,
        expect: Annotated[
            str | None, typer.Option("--expect", help=t("help.opt.expect"), metavar="HASH")
        ] = None,
    ) -> None:
        from seminar_cli.cli.common import find_session, open_journal
        from seminar_cli.session.seal import expected_hash, moment_text, verify_session
        from seminar_cli.ui.console import out

        expected_hash(expect)  # a mistyped hash is told before the journal is opened
        with open_journal(ctx, reading=True) as journal:
            row = find_session(journal, session)
            result = verify_session(journal, row, expect)
        intact = plural("seal.verify.intact", result.events)
        lines = [t(intact, id=row.id, count=result.events, hash=result.head)]
        lines += [
            counted("seal.verify.workshop_intact", count, workshop=stream)
            for stream, count in result.workshops.items()
        ]
        if result.expected:
            lines.append(t("seal.verify.as_expected"))
        if result.sealed is not None:
            errata = (
                t(plural("seal.verify.errata", result.errata), count=result.errata)
                if result.errata
                else t("seal.verify.no_errata")
            )
            lines.append(
                t(
                    "seal.verify.sealed",
                    at=moment_text(result.sealed.at),
                    hash=result.sealed.hash,
                    errata=errata,
                )
            )
        for stream, count in result.after_seal.items():
            lines.append(counted("seal.verify.after_seal", count, workshop=stream))
        for line in lines:
            out().print(line, soft_wrap=True)

    @app.command("seal", help=t("help.seal"), epilog=t("help.seal.epilog"))
    def seal_cmd(
        ctx: typer.Context,
        session: Annotated[
            str, typer.Argument(help=t("help.arg.seal_session"), autocompletion=complete_session)
        ],
    ) -> None:
        from seminar_cli.cli.common import find_session, open_journal
        from seminar_cli.session.seal import moment_text, seal_session
        from seminar_cli.ui.console import out

        with open_journal(ctx, create=False) as journal:
            row = find_session(journal, session)
            sealed = seal_session(journal, row)
        out().print(
            t("seal.sealed", id=row.id, at=moment_text(sealed.at), hash=sealed.hash),
            soft_wrap=True,
        )
