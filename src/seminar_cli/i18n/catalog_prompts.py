"""Messages of the prompts area: questions at the keyboard, `seminar join`, results."""

MESSAGES: dict[str, tuple[str, str]] = {
    # results on the room screen
    "results.count": ("{count} réponses", "{count} answers"),
    "results.count_one": ("{count} réponse", "{count} answer"),
    "results.votes": ("{count} voix", "{count} votes"),
    "results.votes_one": ("{count} voix", "{count} vote"),
    # closed with no answer at all: passed (Ctrl-C), as the PV says of a resolution
    "results.not_voted": ("Non mise aux voix.", "Not put to the vote."),
    "results.skipped": ("Pas de réponse : question passée.", "No answer: question skipped."),
    "results.share": ("{count} · {percent} %", "{count} · {percent}%"),
    "results.adopted": ("Résolution adoptée", "Resolution adopted"),
    "results.rejected": ("Résolution rejetée", "Resolution rejected"),
    "results.no_quorum": (
        "Non adoptée : quorum non atteint",
        "Not adopted: quorum not reached",
    ),
    "results.mean": ("Moyenne : {mean} (de {low} à {high})", "Mean: {mean} (from {low} to {high})"),
    "results.top_words": ("Mots les plus fréquents", "Most frequent words"),
    "results.points": ("{points} pts", "{points} pts"),
    "results.points_one": ("{points} pt", "{points} pt"),
    "results.borda": (
        "Classement par décompte de Borda : chaque rang rapporte des points.",
        "Ranking by Borda count: each place earns points.",
    ),
    "results.latest": ("Dernières réponses :", "Latest answers:"),
    # questions at the keyboard
    "prompt.no_answer": ("(pas de réponse)", "(no answer)"),
    "prompt.hint.select": ("(↑↓ puis Entrée)", "(↑↓ then Enter)"),
    "prompt.hint.long_text": (
        "(pour envoyer : Entrée sur une ligne vide, ou Échap puis Entrée)",
        "(to send: Enter on an empty line, or Esc then Enter)",
    ),
    "prompt.hint.multi_max": (
        "(↑↓, Espace pour cocher, Entrée pour valider ; jusqu'à {max} choix)",
        "(↑↓, Space to tick, Enter to confirm; up to {max} choices)",
    ),
    "prompt.hint.multi_range": (
        "(↑↓, Espace pour cocher, Entrée pour valider ; de {min} à {max} choix)",
        "(↑↓, Space to tick, Enter to confirm; {min} to {max} choices)",
    ),
    "prompt.hint.multi_exactly": (
        "(↑↓, Espace pour cocher, Entrée pour valider ; {count} choix)",
        "(↑↓, Space to tick, Enter to confirm; {count} choices)",
    ),
    "prompt.hint.multi_exactly_one": (
        "(↑↓, Espace pour cocher, Entrée pour valider ; {count} choix)",
        "(↑↓, Space to tick, Enter to confirm; {count} choice)",
    ),
    "prompt.hint.words": (
        "(jusqu'à {max} mots-clés, séparés par des virgules)",
        "(up to {max} keywords, separated by commas)",
    ),
    "prompt.ticked": ("{count} choix cochés", "{count} choices ticked"),
    "prompt.ticked_one": ("{count} choix coché", "{count} choice ticked"),
    "prompt.ticked_none": ("aucun choix", "no choice"),
    "prompt.blank_ballot": ("vote blanc", "blank vote"),
    # an election's ballot sent with nothing ticked: a blank vote only once confirmed
    "prompt.blank_confirm": (
        "Aucun candidat coché : voter blanc ?",
        "No candidate ticked: cast a blank vote?",
    ),
    "prompt.blank_confirm.no": ("Non, cocher des candidats", "No, tick candidates"),
    "prompt.blank_confirm.yes": ("Oui, voter blanc", "Yes, vote blank"),
    "prompt.hint.words_one": ("(un seul mot-clé)", "(one keyword only)"),
    "prompt.hint.tally": ("(nombre de voix ; vide : 0)", "(number of votes; blank: 0)"),
    "prompt.hint.rating": ("(un nombre de {min} à {max})", "(a number from {min} to {max})"),
    "prompt.hint.name": ("(laisser vide pour terminer)", "(leave blank to finish)"),
    "prompt.ranking_place": ("Classement : en {place} position ?", "Ranking: in {place} place?"),
    "prompt.tally.pour": ("Pour :", "For:"),
    "prompt.tally.contre": ("Contre :", "Against:"),
    "prompt.tally.abstention": ("Abstentions :", "Abstaining:"),
    "prompt.tally.blanc": ("Blancs :", "Blank:"),
    "prompt.tally_number": (
        "Entrez un nombre entier (0 ou plus), ou rien.",
        "Enter a whole number (0 or more), or nothing.",
    ),
    "prompt.turn_of": ("Au tour de {name} ({turn}/{turns})", "{name}'s turn ({turn}/{turns})"),
    "prompt.turn_of_open": ("Au tour de {name}", "{name}'s turn"),
    "prompt.for_room": ("Réponse de la salle", "The room's answer"),
    "prompt.anonymous": (
        "Réponse anonyme : aucun nom n'est enregistré.",
        "Anonymous answer: no name is recorded.",
    ),
    "prompt.who_answers": ("Qui répond ?", "Who answers?"),
    "prompt.another_answer": ("Une autre personne répond-elle ?", "Does someone else answer?"),
    "prompt.another_yes": ("Oui", "Yes"),
    "prompt.another_no": ("Non, terminer", "No, finish"),
    "prompt.anonymous_person": ("Participant·e anonyme", "Anonymous participant"),
    "prompt.menu": ("Interrompu : que faire ?", "Interrupted: what now?"),
    "prompt.menu.skip": ("Passer cette question", "Skip this question"),
    "prompt.menu.stop": ("Arrêter la séance", "Stop the session"),
    "prompt.menu.leave": ("Quitter", "Leave"),
    "prompt.menu.continue": ("Continuer", "Continue"),
    # seminar join
    "join.welcome": ("Séance : {title}", "Session: {title}"),
    # above a prompt whose anonymous answers the station's stop voided: who is never known
    "join.voided_ballots_one": (
        "{count} bulletin a été annulé par l'arrêt du poste de l'animateur : si vous aviez "
        "voté, votez de nouveau.",
        "{count} ballot was voided when the facilitator's station stopped: if you had voted, "
        "vote again.",
    ),
    "join.voided_ballots": (
        "{count} bulletins ont été annulés par l'arrêt du poste de l'animateur : si vous "
        "aviez voté, votez de nouveau.",
        "{count} ballots were voided when the facilitator's station stopped: if you had voted, "
        "vote again.",
    ),
    "join.voided_answers_one": (
        "{count} réponse anonyme a été annulée par l'arrêt du poste de l'animateur : si vous "
        "aviez répondu, répondez de nouveau.",
        "{count} anonymous answer was voided when the facilitator's station stopped: if you had "
        "answered, answer again.",
    ),
    "join.voided_answers": (
        "{count} réponses anonymes ont été annulées par l'arrêt du poste de l'animateur : si "
        "vous aviez répondu, répondez de nouveau.",
        "{count} anonymous answers were voided when the facilitator's station stopped: if you "
        "had answered, answer again.",
    ),
    "join.waiting_session": (
        "Aucune séance en cours sur ce journal : en attente de la prochaine… (Ctrl-C pour quitter)",
        "No session is running on this journal: waiting for the next one to open… (Ctrl-C to quit)",
    ),
    "join.nothing_to_answer": (
        "Cette séance ne pose aucune question aux participants sur leur terminal : il n'y a "
        "rien à répondre ici.",
        "This session asks participants no question on their own terminal: there is nothing "
        "to answer here.",
    ),
    "join.your_name": ("Votre nom :", "Your name:"),
    "join.name_needed": (
        "Indiquez votre nom (il accompagne vos réponses dans le compte rendu).",
        "Give your name (it goes with your answers in the minutes).",
    ),
    "join.as": (
        "Vous répondez en tant que {name}. Ctrl-C pour quitter.",
        "You answer as {name}. Ctrl-C to leave.",
    ),
    "join.as_anonymous": (
        "Vos réponses sont anonymes. Ctrl-C pour quitter.",
        "Your answers are anonymous. Ctrl-C to leave.",
    ),
    "join.waiting": ("En attente de la prochaine question…", "Waiting for the next question…"),
    "join.suspended": (
        "(séance interrompue : elle reprendra avec seminar resume)",
        "(session interrupted: it goes on with seminar resume)",
    ),
    "join.now": ("(en cours : {title})", "(now: {title})"),
    "join.result.answered": ("✓ Réponse enregistrée.", "✓ Answer recorded."),
    "join.result.ballot": ("✓ Bulletin enregistré.", "✓ Ballot recorded."),
    "join.result.ballot_blank": (
        "✓ Bulletin enregistré : vote blanc.",
        "✓ Ballot recorded: blank vote.",
    ),
    "join.result.no_answer": (
        "✓ Enregistré : pas de réponse à « {question} ».",
        "✓ Recorded: no answer to “{question}”.",
    ),
    "join.result.closed": (
        "La question « {question} » a été fermée avant l'envoi de votre réponse : elle n'a pas "
        "été enregistrée.",
        "The question “{question}” closed before your answer was sent: it was not recorded.",
    ),
    "join.result.skipped": ("Question passée.", "Question skipped."),
    "join.closed": ("La séance est terminée. Merci !", "The session is over. Thank you!"),
    "join.sent": ("Réponses envoyées : {count}.", "Answers sent: {count}."),
    "join.sent_one": ("Réponses envoyées : 1.", "Answers sent: 1."),
    "join.left": (
        "Vous avez quitté la séance. Les réponses déjà envoyées sont enregistrées.",
        "You left the session. The answers already sent are recorded.",
    ),
}
