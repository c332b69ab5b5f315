"""Messages of the live area: the live screen, its keys, session setup and attendance."""

MESSAGES: dict[str, tuple[str, str]] = {
    # the live screen
    "live.no_cbreak": (
        "Ce terminal ne permet pas de lire les touches une à une (termios absent). Utilisez "
        "--no-input, ou lancez la séance depuis un terminal Linux ou macOS.",
        "This terminal cannot read keys one by one (no termios). Use --no-input, or run the "
        "session from a Linux or macOS terminal.",
    ),
    "live.rehearsal": ("RÉPÉTITION ×{speed}", "REHEARSAL ×{speed}"),
    "live.speaker": ("avec {name}", "with {name}"),
    "live.state.running": ("EN COURS", "RUNNING"),
    "live.state.warning": ("BIENTÔT FINI", "ENDING SOON"),
    "live.state.overtime": ("DÉPASSEMENT", "OVERTIME"),
    "live.state.paused": ("PAUSE", "PAUSED"),
    "live.left": ("reste {time} sur {total}", "{time} left of {total}"),
    "live.over": ("{time} au-delà des {total} prévues", "{time} past the planned {total}"),
    "live.next": ("Ensuite :", "Next:"),
    "live.next_end": ("fin du séminaire", "end of the seminar"),
    "live.followed_by": ("(puis {name})", "(then {name})"),
    "live.planned_end": ("Fin prévue {time}", "Planned end {time}"),
    "live.projected_end": ("estimée {time}", "expected {time}"),
    "live.on_time": ("à l'heure", "on time"),
    "live.behind": ("en retard de {amount}", "{amount} behind"),
    "live.ahead": ("en avance de {amount}", "{amount} ahead"),
    "live.ends_by": ("limite {time}", "hard stop {time}"),
    "live.ends_by_moved": (
        "({planned} décalée au début réel)",
        "({planned} moved with the real start)",
    ),
    "live.upcoming.segment": ("À venir", "Still to come"),
    "live.upcoming.planned": ("Prévu", "Planned"),
    "live.upcoming.expected": ("Estimé", "Expected"),
    "live.over_ends_by": (
        "— dépassement de {amount} : r pour re-planifier",
        "— {amount} over: r to re-plan",
    ),
    "live.open_prompt": ("Question ouverte :", "Open prompt:"),
    "live.answers_one": ("{count} réponse", "{count} answer"),
    "live.answers": ("{count} réponses", "{count} answers"),
    # an open prompt's anonymous answers the station's stop voided (`resume`): say it to the room
    "live.voided_ballots_one": (
        "{count} bulletin annulé par l'arrêt du poste : faites revoter",
        "{count} ballot voided when the station stopped: call for a new vote",
    ),
    "live.voided_ballots": (
        "{count} bulletins annulés par l'arrêt du poste : faites revoter",
        "{count} ballots voided when the station stopped: call for a new vote",
    ),
    "live.voided_answers_one": (
        "{count} réponse anonyme annulée par l'arrêt du poste : faites répondre de nouveau",
        "{count} anonymous answer voided when the station stopped: call for new answers",
    ),
    "live.voided_answers": (
        "{count} réponses anonymes annulées par l'arrêt du poste : faites répondre de nouveau",
        "{count} anonymous answers voided when the station stopped: call for new answers",
    ),
    "live.pending_one": (
        "p : poser la question de ce segment ({count})",
        "p: ask this segment's question ({count})",
    ),
    "live.pending": (
        "p : poser les {count} questions de ce segment",
        "p: ask this segment's {count} questions",
    ),
    "live.notes": ("NOTES", "NOTES"),
    # the key line's items, in the order of ui/live_keys.py
    "live.keyline.pause": ("␣ pause", "␣ pause"),
    "live.keyline.next": ("n suivant", "n next"),
    "live.keyline.extend": ("+/- minute", "+/- minute"),
    "live.keyline.ask": ("p questions", "p prompts"),
    "live.keyline.replan": ("r re-planifier", "r re-plan"),
    "live.keyline.notes": ("f notes", "f notes"),
    "live.keyline.attendance": ("a présences", "a attendance"),
    "live.keyline.help": ("? aide", "? help"),
    "live.keyline.quit": ("q quitter", "q quit"),
    "live.keys.hide_results": ("Entrée : masquer les résultats", "Enter: hide results"),
    "live.keys.older_results": (
        "← → : autres résultats ({page}/{pages})",
        "← →: other results ({page}/{pages})",
    ),
    "live.keys.count": (
        "{count}… puis + pour ajouter {count} min, - pour en retirer {count} (Échap : annuler)",
        "{count}… then + to add {count} min, - to remove {count} (Esc: cancel)",
    ),
    "live.keys.replan": (
        "o/y ou Entrée : accepter le nouveau plan · Échap ou n : refuser",
        "y or Enter: accept the new plan · Esc or n: refuse",
    ),
    "live.keys.quit": (
        "o/y : quitter (la séance reste enregistrée) · toute autre touche : continuer",
        "y: quit (the session is kept) · any other key: carry on",
    ),
    "live.keys.end": (
        "y ou Entrée : terminer le séminaire · Échap ou n : continuer",
        "y or Enter: end the seminar · Esc or n: carry on",
    ),
    "live.end.confirm": (
        "Dernier segment : terminer le séminaire ? Ses questions restantes sont posées, puis "
        "leurs résultats affichés.",
        "Last segment: end the seminar? Its remaining prompts are asked, then their results shown.",
    ),
    "live.closed.title": ("Séminaire terminé", "Seminar over"),
    "live.keys.closed": ("Entrée : fermer l'écran", "Enter: close the screen"),
    "live.key.space": ("Espace", "Space"),
    "live.key.enter": ("Entrée", "Enter"),
    "live.help.title": ("Touches", "Keys"),
    "live.help.pause": ("pause / reprise du chronomètre", "pause / resume the timer"),
    "live.help.next": (
        "segment suivant (pose d'abord les questions restantes)",
        "next segment (asks the remaining prompts first)",
    ),
    "live.help.extend": ("une minute de plus / de moins", "one minute more / less"),
    "live.help.count": (
        "un nombre avant + ou - : autant de minutes (5+ : cinq minutes de plus)",
        "a number before + or -: that many minutes (5+: five more minutes)",
    ),
    "live.help.ask": (
        "poser maintenant les questions de ce segment (tour de table, vote à main levée) ; "
        "ouvrir, puis clore, un scrutin depuis les téléphones",
        "ask this segment's prompts now (round of the table, show of hands); open, then close, "
        "a ballot from phones",
    ),
    "live.help.replan": (
        "re-planifier la suite pour finir à l'heure",
        "re-plan what is left to end on time",
    ),
    "live.help.notes": (
        "afficher / masquer vos notes d'animation (visibles par la salle !)",
        "show / hide your facilitator's notes (the room sees them!)",
    ),
    "live.help.attendance": (
        "présences : une arrivée, un départ",
        "attendance: someone arrives or leaves",
    ),
    "live.help.dismiss": ("masquer les résultats affichés", "hide the results on screen"),
    "live.help.older": (
        "résultats précédents / suivants (le plus récent est affiché)",
        "previous / next results (the latest is shown)",
    ),
    "live.help.round_exit": (
        "pendant une question : la passer (p la pose à nouveau), arrêter la séance, ou continuer",
        "during a prompt: skip it (p asks it again), stop the session, or carry on",
    ),
    "live.round.exit": (
        "· Ctrl-C : passer la question ou arrêter",
        "· Ctrl-C: skip the prompt or stop",
    ),
    "live.help.help": ("cette aide (une touche pour la fermer)", "this help (any key closes it)"),
    "live.help.quit": (
        "quitter ; la séance reste enregistrée et reprend avec « seminar resume »",
        "quit; the session is kept and continues with 'seminar resume'",
    ),
    "live.replan.title": (
        "Re-planification : la séance finirait {amount} après la limite de {ends_by}.",
        "Re-plan: the session would end {amount} past the hard stop of {ends_by}.",
    ),
    "live.replan.segment": ("Segment", "Segment"),
    "live.replan.before": ("Avant", "Before"),
    "live.replan.after": ("Après", "After"),
    "live.replan.change": ("Écart", "Change"),
    "live.replan.on_time": (
        "Avec ce plan, la séance finit avant {ends_by}.",
        "With this plan, the session ends before {ends_by}.",
    ),
    "live.replan.still_over": (
        "Même ainsi, il resterait {amount} de dépassement : aucun segment ne descend sous la "
        "moitié de sa durée prévue (ni sous 2 min).",
        "Even so, {amount} would remain over: no segment goes below half its planned duration "
        "(nor below 2 min).",
    ),
    "live.quit.confirm": (
        "Quitter la séance ? Rien n'est perdu : elle reprend où elle en est avec « seminar "
        "resume ».",
        "Quit the session? Nothing is lost: it continues where it is with 'seminar resume'.",
    ),
    # short messages on the screen after a key
    "live.results.hidden": (
        "… {count} lignes de résultats masquées : agrandissez le terminal pour tout voir",
        "… {count} lines of results hidden: enlarge the terminal to see them all",
    ),
    "live.results.hidden_paged": (
        "… {count} lignes de résultats masquées : ← → pour voir les autres résultats",
        "… {count} lines of results hidden: ← → to see the other results",
    ),
    "live.results.hidden_paged_one": (
        "… {count} ligne de résultats masquée : ← → pour voir les autres résultats",
        "… {count} line of results hidden: ← → to see the other results",
    ),
    "live.results.hidden_one": (
        "… {count} ligne de résultats masquée : agrandissez le terminal pour tout voir",
        "… {count} line of results hidden: enlarge the terminal to see it",
    ),
    "live.flash.extended": ("{amount} de plus pour ce segment", "{amount} more for this segment"),
    "live.flash.shortened": ("{amount} de moins pour ce segment", "{amount} less for this segment"),
    "live.flash.no_prompts": (
        "Pas de question à poser pour ce segment.",
        "No prompt to ask in this segment.",
    ),
    "live.flash.no_ends_by": (
        "Pas de re-planification : l'agenda n'a pas d'heure de fin impérative (ends_by).",
        "No re-planning: the agenda has no hard stop (ends_by).",
    ),
    "live.flash.on_time": (
        "Pas besoin de re-planifier : la séance finit avant {ends_by}.",
        "No need to re-plan: the session ends before {ends_by}.",
    ),
    "live.flash.nothing_to_shorten": (
        "Impossible de re-planifier : plus aucun segment à venir ne peut être raccourci.",
        "Cannot re-plan: no segment still to come can be shortened.",
    ),
    "live.flash.replan_accepted": ("Nouveau plan adopté.", "New plan adopted."),
    "live.flash.replan_refused": ("Plan inchangé.", "Plan unchanged."),
    "live.flash.results_hidden": (
        "Résultats non affichés : question anonyme avec moins de trois réponses.",
        "Results not shown: anonymous prompt with fewer than three answers.",
    ),
    "live.flash.attendance": (
        "Présence enregistrée : {name} — {status}",
        "Attendance recorded: {name} — {status}",
    ),
    "live.flash.answer_rejected": ("Réponse refusée : {message}", "Answer refused: {message}"),
    # attendance during the session (key a)
    "live.att.search": (
        "Qui arrive ou qui part ? Quelques lettres (Entrée seule : retour) :",
        "Who arrives or leaves? A few letters (Enter alone: back):",
    ),
    "live.att.more": (
        "… et {count} autres : tapez plus de lettres",
        "… and {count} more: type more letters",
    ),
    "live.att.more_one": (
        "… et {count} autre : tapez plus de lettres",
        "… and {count} more: type more letters",
    ),
    "live.att.other_named": (
        "« {name} », hors liste",
        "'{name}', not on the list",
    ),
    "live.att.again": ("(chercher un autre nom)", "(search another name)"),
    "live.att.represented_by": ("représenté(e) par {name}", "represented by {name}"),
    "live.flash.attendance_proxy": (
        "Présence enregistrée : {name} — représenté(e) par {holder}",
        "Attendance recorded: {name} — represented by {holder}",
    ),
    "live.flash.attendance_code": (
        "Présence enregistrée : {name} — présent(e). Son code personnel de vote : "
        "seminar attendance --codes, à l'accueil",
        "Attendance recorded: {name} — present. Their personal voting code: "
        "seminar attendance --codes, at the desk",
    ),
    "live.att.status": ("{name} :", "{name}:"),
    "live.att.back": ("(retour à l'écran)", "(back to the screen)"),
    # attendance statuses
    "live.status.present": ("présent(e)", "present"),
    "live.status.arrived": ("arrivé(e) : présent(e)", "arrived: present"),
    "live.status.left": ("parti(e) en cours de séance", "left during the session"),
    "live.status.excused": ("excusé(e)", "excused"),
    "live.status.absent": ("absent(e)", "absent"),
    "live.status.represented": ("représenté(e)", "represented"),
    # session setup (questionary)
    "setup.ask_place": ("Lieu de la séance :", "Place of the session:"),
    "setup.ask_facilitator": ("Animateur ou animatrice :", "Facilitator:"),
    "setup.ask_secretary": ("Secrétaire de séance :", "Secretary:"),
    "setup.blank_ok": ("(Entrée pour laisser vide)", "(Enter to leave blank)"),
    "setup.attendance": (
        "Présences : décochez les personnes qui ne sont pas là",
        "Attendance: untick those who are not here",
    ),
    "setup.attendance.instruction": (
        "(Espace : cocher/décocher · tapez pour chercher · Entrée : valider)",
        "(Space: tick/untick · type to search · Enter: confirm)",
    ),
    "setup.not_here": ("{name} n'est pas là :", "{name} is not here:"),
    "setup.represented_by": ("{name} est représenté(e) par :", "{name} is represented by:"),
    "setup.need_name": ("Donnez un nom.", "Give a name."),
    "setup.summary": (  # one count.* phrase per count
        "{present}, {excused}, {absent}, {represented}.",
        "{present}, {excused}, {absent}, {represented}.",
    ),
}
