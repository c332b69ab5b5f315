"""Messages of the minutes area: the documents' texts, `seminar export`, the secretary's commands."""

MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- documents: common texts
    "min.cr.title": ("Compte rendu", "Minutes"),
    "min.draft": (
        "PROJET — séance en cours : document provisoire, état au {moment}.",
        "DRAFT — session in progress: provisional document, as of {moment}.",
    ),
    "min.rehearsal": (
        "Répétition (horloge accélérée × {speed}) : ce n'est pas une séance réelle.",
        "Rehearsal (clock sped up × {speed}): this is not a real session.",
    ),
    "min.footer": (
        "Document établi d'après le journal de la séance {id} (seminar).",
        "Document drawn from the journal of session {id} (seminar).",
    ),
    "min.on_time": ("à l'heure", "on time"),
    "min.total": ("Ensemble de la séance", "Whole session"),
    "min.start_delay": ("début : {delta}", "start: {delta}"),
    "min.extended": ("(dont {delta} en séance)", "(of which {delta} during the session)"),
    "min.planned": ("prévu {range} ({duration})", "planned {range} ({duration})"),
    "min.planned_short": ("prévu : {duration}", "planned: {duration}"),
    "min.actual": ("réel {range} ({duration})", "actual {range} ({duration})"),
    "min.status.skipped": ("non traité (sauté)", "not held (skipped)"),
    "min.status.not_started": ("pas encore commencé", "not started yet"),
    "min.status.running": (
        "en cours depuis {start} ({duration})",
        "in progress since {start} ({duration})",
    ),
    "min.times.planned": ("prévue à {start}", "planned at {start}"),
    "min.times.not_started": ("pas encore commencée", "not started yet"),
    "min.times.running": ("depuis {start} (en cours)", "from {start} (in progress)"),
    # facts
    "min.f.organization": ("Organisation", "Organisation"),
    "min.f.date": ("Date", "Date"),
    "min.f.place": ("Lieu", "Place"),
    "min.f.times": ("Horaires", "Times"),
    "min.f.facilitator": ("Animation", "Facilitator"),
    "min.f.secretary": ("Secrétariat", "Secretary"),
    "min.f.session": ("Séance", "Session"),
    # attendance
    "min.att.present": ("présent·e", "present"),
    "min.att.excused": ("excusé·e", "excused"),
    "min.att.absent": ("absent·e", "absent"),
    "min.att.represented": ("représenté·e", "represented"),
    "min.att.represented_by": ("représenté·e par {name}", "represented by {name}"),
    "min.att.left": ("parti·e en cours de séance", "left during the session"),
    "min.count.present": ("présents : {n}", "present: {n}"),
    "min.count.represented": ("représentés : {n}", "represented: {n}"),
    "min.count.excused": ("excusés : {n}", "excused: {n}"),
    "min.count.absent": ("absents : {n}", "absent: {n}"),
    "min.count.left": ("partis en cours de séance : {n}", "left during the session: {n}"),
    "min.no_participants": (
        "Aucune liste de participants n'a été tenue.",
        "No list of participants was kept.",
    ),
    # segment kinds
    "min.kind.welcome": ("accueil", "welcome"),
    "min.kind.presentation": ("présentation", "presentation"),
    "min.kind.keynote": ("intervention", "keynote"),
    "min.kind.discussion": ("échange", "discussion"),
    "min.kind.workshop": ("atelier", "workshop"),
    "min.kind.break": ("pause", "break"),
    "min.kind.restitution": ("restitution", "report-back"),
    "min.kind.vote": ("vote", "vote"),
    "min.kind.closing": ("clôture", "closing"),
    # prompts and answers
    "min.ptype.text": ("réponse libre", "free answer"),
    "min.ptype.long_text": ("réponse développée", "long answer"),
    "min.ptype.choice": ("choix unique", "single choice"),
    "min.ptype.multi": ("choix multiple", "multiple choice"),
    "min.ptype.rating": ("note", "rating"),
    "min.ptype.yesno": ("oui ou non", "yes or no"),
    "min.ptype.words": ("mots-clés", "keywords"),
    "min.ptype.ranking": ("classement", "ranking"),
    "min.ptype.vote": ("vote", "vote"),
    "min.pwho.each": ("tour de table", "round the table"),
    "min.pwho.open": ("ouverte à tous", "open to all"),
    "min.pwho.room": ("réponse de la salle", "answer of the room"),
    "min.anonymous": ("anonyme", "anonymous"),
    "min.answers_one": ("1 réponse", "1 answer"),
    "min.answers_n": ("{n} réponses", "{n} answers"),
    "min.no_answers": ("Aucune réponse.", "No answers."),
    "min.pending_anonymous_one": (
        "1 réponse anonyme en attente : elle sera comptée à la clôture de la question.",
        "1 anonymous answer pending: it will be counted when the question closes.",
    ),
    "min.pending_anonymous_n": (
        "{n} réponses anonymes en attente : elles seront comptées à la clôture de la question.",
        "{n} anonymous answers pending: they will be counted when the question closes.",
    ),
    "min.who.anonymous": ("anonyme", "anonymous"),
    "min.who.room": ("la salle", "the room"),
    "min.who.unnamed": ("sans nom", "unnamed"),
    "min.multi_note": (
        "Plusieurs choix possibles : {n} personnes ont répondu.",
        "Several choices allowed: {n} people answered.",
    ),
    "min.multi_note_one": (
        "Plusieurs choix possibles : {n} personne a répondu.",
        "Several choices allowed: {n} person answered.",
    ),
    "min.mean": ("Moyenne : {mean} (de {low} à {high})", "Mean: {mean} (from {low} to {high})"),
    "min.top_words": ("Mots les plus fréquents :", "Most frequent words:"),
    "min.borda": (
        "Classement par décompte de Borda (chaque rang rapporte des points) :",
        "Ranking by Borda count (each place earns points):",
    ),
    "min.points": ("{n} points", "{n} points"),
    "min.points_one": ("{n} point", "{n} point"),
    "min.vote.pour": ("pour", "for"),
    "min.vote.contre": ("contre", "against"),
    "min.vote.abstention": ("abstention", "abstention"),
    "min.vote.blanc": ("blanc", "blank"),
    "min.yesno.oui": ("oui", "yes"),
    "min.yesno.non": ("non", "no"),
    "min.vote.adopted": ("Adoptée {rule}.", "Adopted {rule}."),
    "min.vote.rejected": ("Rejetée (vote {rule}).", "Rejected (vote {rule})."),
    "min.maj.simple.by": (
        "à la majorité simple des suffrages exprimés",
        "by a simple majority of the votes cast",
    ),
    "min.maj.simple.rule": (
        "la majorité simple des suffrages exprimés",
        "a simple majority of the votes cast",
    ),
    "min.maj.absolute.by": (
        "à la majorité absolue des votants",
        "by an absolute majority of those voting",
    ),
    "min.maj.absolute.rule": (
        "la majorité absolue des votants",
        "an absolute majority of those voting",
    ),
    "min.maj.two_thirds.by": (
        "à la majorité des deux tiers des suffrages exprimés",
        "by a two-thirds majority of the votes cast",
    ),
    "min.maj.two_thirds.rule": (
        "la majorité des deux tiers des suffrages exprimés",
        "a two-thirds majority of the votes cast",
    ),
    "min.tally.pour": ("Pour", "For"),
    "min.tally.contre": ("Contre", "Against"),
    "min.tally.abstention": ("Abstentions", "Abstentions"),
    "min.tally.blanc": ("Blancs", "Blank"),
    "min.tally.cast": ("Suffrages exprimés", "Votes cast"),
    # the resolutions table of a procès-verbal in CSV (--kind pv --format csv)
    "min.csv.ballot.secret": ("bulletin secret", "secret ballot"),
    "min.csv.ballot.hands": ("main levée", "show of hands"),
    "min.csv.ballot.named": ("vote nominatif", "named vote"),
    "min.csv.outcome.adopted": ("adoptée", "adopted"),
    "min.csv.outcome.rejected": ("rejetée", "rejected"),
    "min.csv.outcome.not_voted": ("non mise aux voix", "not put to the vote"),
    "min.csv.majority.simple": ("majorité simple", "simple majority"),
    "min.csv.majority.absolute": ("majorité absolue", "absolute majority"),
    "min.csv.majority.two_thirds": ("majorité des deux tiers", "two-thirds majority"),
    # headings and column names
    "min.l.facts": ("La séance", "The session"),
    "min.l.participants": ("Participants", "Participants"),
    "min.l.schedule": ("Déroulé : prévu et réel", "Schedule: planned and actual"),
    "min.l.segments": ("Compte rendu des séquences", "Account of the segments"),
    "min.l.notes": ("Notes", "Notes"),
    "min.l.decisions": ("Décisions", "Decisions"),
    "min.l.actions": ("Actions", "Actions"),
    "min.l.answers": ("Réponses", "Answers"),
    "min.l.general": ("Notes hors séquence", "Notes outside the segments"),
    "min.l.decision_list": ("Relevé des décisions", "Decisions taken"),
    "min.l.action_list": ("Relevé des actions", "Action list"),
    "min.l.col_name": ("Nom", "Name"),
    "min.l.col_organization": ("Organisation", "Organisation"),
    "min.l.col_group": ("Groupe", "Group"),
    "min.l.col_attendance": ("Présence", "Attendance"),
    "min.l.col_role": ("Qualité", "Role"),
    "min.l.col_signature": ("Signature", "Signature"),
    "min.l.col_segment": ("Séquence", "Segment"),
    "min.l.col_planned": ("Prévu", "Planned"),
    "min.l.col_replanned": ("Re-planifié", "Re-planned"),
    "min.l.col_actual": ("Réel", "Actual"),
    "min.l.col_delta": ("Écart", "Difference"),
    "min.l.col_action": ("Action", "Action"),
    "min.l.col_owner": ("Responsable", "Owner"),
    "min.l.col_due": ("Échéance", "Due"),
    "min.l.col_choice": ("Choix", "Choice"),
    "min.l.col_count": ("Nombre", "Count"),
    "min.l.col_time": ("Heure", "Time"),
    "min.l.col_text": ("Texte", "Text"),
    "min.l.resolution_text": ("Texte de la résolution", "Text of the resolution"),
    "min.l.no_actions": ("Aucune action n'a été consignée.", "No action was recorded."),
    "min.l.no_decisions": ("Aucune décision n'a été consignée.", "No decision was recorded."),
    "min.l.convocation": ("Convocation", "Notice of meeting"),
    "min.l.bureau": ("Bureau de séance", "Officers of the meeting"),
    "min.l.presence": ("Présence et quorum", "Attendance and quorum"),
    "min.l.people": ("Feuille de présence", "Attendance list"),
    "min.l.agenda": ("Ordre du jour", "Agenda"),
    "min.l.deliberations": ("Délibérations", "Proceedings"),
    "min.l.incidents": ("Incidents et observations", "Incidents and remarks"),
    "min.l.follow_up": ("Suites à donner", "Follow-up"),
    "min.l.closing": ("Clôture", "Closing"),
    "min.l.signatures": ("Signatures", "Signatures"),
    "min.l.signature": ("Signature", "Signature"),
    "min.l.no_incidents": ("Aucun incident n'a été consigné.", "No incident was recorded."),
    "min.l.interruptions": ("Interruptions de la séance", "Interruptions of the session"),
    # each time the facilitator's station stopped (PV: among « Incidents et observations »)
    "min.interruption.stopped": (
        "Le poste de l'animateur s'est arrêté vers {stopped} ; la séance a repris à {resumed}.",
        "The facilitator's station stopped at about {stopped}; the session resumed at {resumed}.",
    ),
    "min.interruption.suspended": (
        "La séance a été suspendue à {stopped} ; elle a repris à {resumed}.",
        "The session was suspended at {stopped}; it resumed at {resumed}.",
    ),
    "min.interruption.voided_ballots": (
        "{n} bulletins annulés au scrutin « {question} ».",
        "{n} ballots voided in the ballot “{question}”.",
    ),
    "min.interruption.voided_ballots_one": (
        "{n} bulletin annulé au scrutin « {question} ».",
        "{n} ballot voided in the ballot “{question}”.",
    ),
    "min.interruption.voided_answers": (
        "{n} réponses anonymes annulées à la question « {question} ».",
        "{n} anonymous answers voided for the question “{question}”.",
    ),
    "min.interruption.voided_answers_one": (
        "{n} réponse anonyme annulée à la question « {question} ».",
        "{n} anonymous answer voided for the question “{question}”.",
    ),
    # procès-verbal
    "min.body.AGO": ("ordinaire", "Ordinary"),
    "min.body.AGE": ("extraordinaire", "Extraordinary"),
    "min.pv.title": (
        "Procès-verbal de l'assemblée générale {body}",
        "Minutes of the {body} General Meeting",
    ),
    "min.pv.date_line": ("Séance du {day}", "Meeting of {day}"),
    "min.pv.of_org": (" de l'association {org}", " of {org}"),
    "min.pv.at_place": (", à {place}", ", in {place}"),
    "min.pv.opening": (
        "Le {day}, à {time}, les membres{of_org} se sont réunis en assemblée générale {body}{at_place}.",
        "On {day}, at {time}, the members{of_org} met in an {body} General Meeting{at_place}.",
    ),
    "min.pv.not_started": (
        "La séance n'est pas encore ouverte.",
        "The meeting has not been opened yet.",
    ),
    "min.pv.unnamed": ("(non désigné)", "(not appointed)"),
    "min.pv.president": ("Président de séance", "Chair of the meeting"),
    "min.pv.secretary": ("Secrétaire de séance", "Secretary of the meeting"),
    "min.pv.presence": ("{present} ; {represented} ; {total}", "{present}; {represented}; {total}"),
    "min.pv.present": ("Membres présents : {n}", "Members present: {n}"),
    "min.pv.present_one": ("Membre présent : {n}", "Member present: {n}"),
    "min.pv.represented": ("membres représentés : {n}", "members represented: {n}"),
    "min.pv.represented_one": ("membre représenté : {n}", "member represented: {n}"),
    "min.pv.total": (
        "soit {n} membres présents ou représentés",
        "that is {n} members present or represented",
    ),
    "min.pv.total_one": (
        "soit {n} membre présent ou représenté",
        "that is {n} member present or represented",
    ),
    "min.pv.of_members": (
        "sur {n} membres ayant voix délibérative.",
        "out of {n} voting members.",
    ),
    "min.pv.of_members_one": (
        "sur {n} membre ayant voix délibérative.",
        "out of {n} voting member.",
    ),
    "min.pv.mentions": ("Mentions portées après la séance", "Entries made after the meeting"),
    "min.pv.mentions_one": ("Mention portée après la séance", "Entry made after the meeting"),
    "min.pv.timing": ("de {start} à {end} ({duration})", "from {start} to {end} ({duration})"),
    # the span counts pauses and the station's stops, the figure does not: said when they differ
    "min.pv.timing_net": (
        "de {start} à {end} ({duration} de débats, pauses et interruptions exclues)",
        "from {start} to {end} ({duration} of proceedings, pauses and interruptions excluded)",
    ),
    "min.pv.no_quorum_rule": (
        "Les statuts ne fixent pas de quorum : l'assemblée peut valablement délibérer.",
        "The statutes set no quorum: the meeting may validly deliberate.",
    ),
    "min.pv.quorum_reached": (
        "Le quorum, fixé à {share} des {base} membres, {required}, est atteint : l'assemblée peut valablement délibérer.",
        "The quorum, set at {share} of the {base} members, {required}, is reached: the meeting may validly deliberate.",
    ),
    "min.pv.quorum_missed": (
        "Le quorum, fixé à {share} des {base} membres, {required}, n'est pas atteint : l'assemblée ne peut pas valablement délibérer.",
        "The quorum, set at {share} of the {base} members, {required}, is not reached: the meeting may not validly deliberate.",
    ),
    "min.pv.over_proxies": (
        "{name} détient {n} pouvoirs, au-delà du maximum de {max} fixé par les statuts.",
        "{name} holds {n} proxies, more than the maximum of {max} set by the statutes.",
    ),
    "min.pv.more_hands": (
        "Un vote a recueilli {hands} voix, plus que les {total} membres présents ou représentés "
        "inscrits sur la feuille de présence : celle-ci est à compléter.",
        "A vote gathered {hands} votes, more than the {total} members present or represented on "
        "the attendance list: the list needs completing.",
    ),
    "min.pv.resolution": ("{ordinal} résolution", "{ordinal} resolution"),
    "min.pv.mode.secret": ("Vote à bulletin secret.", "Secret ballot."),
    "min.pv.mode.hands": ("Vote à main levée.", "Vote by show of hands."),
    "min.pv.mode.named": ("Vote nominatif.", "Named vote."),
    # beside a resolution's tally: the quorum announced when its vote opened
    "min.pv.voters": (
        "Votants : {n} présents ou représentés.",
        "Voters: {n} present or represented.",
    ),
    "min.pv.voters_one": (
        "Votant : {n} présent ou représenté.",
        "Voter: {n} present or represented.",
    ),
    "min.pv.not_voted": (
        "Cette résolution n'a pas été mise aux voix.",
        "This resolution was not put to the vote.",
    ),
    "min.pv.adopted_unanimous": (
        "Cette résolution est adoptée à l'unanimité.",
        "This resolution is adopted unanimously.",
    ),
    "min.pv.adopted_unanimous_cast": (
        "Cette résolution est adoptée à l'unanimité des suffrages exprimés.",
        "This resolution is adopted unanimously of the votes cast.",
    ),
    "min.pv.adopted": (
        "Cette résolution est adoptée {rule}.",
        "This resolution is adopted {rule}.",
    ),
    "min.pv.rejected": (
        "Cette résolution est rejetée : {rule} n'est pas atteinte.",
        "This resolution is rejected: {rule} was not reached.",
    ),
    "min.pv.closing": (
        "Plus rien n'étant à l'ordre du jour, la séance est levée à {time}.",
        "There being no further business, the meeting was closed at {time}.",
    ),
    "min.pv.still_running": (
        "La séance n'est pas close : ce procès-verbal est provisoire.",
        "The meeting is not closed: these minutes are provisional.",
    ),
    "min.pv.done_at": ("Fait à {place}, le {day}.", "Done in {place}, on {day}."),
    "min.pv.done_on": ("Fait le {day}.", "Done on {day}."),
    # ---------------------------------------------------------------- errors of the minutes
    "minutes.no_events": (
        "La séance {id} n'a encore rien enregistré : pas de compte rendu possible.",
        "Session {id} has recorded nothing yet: no minutes can be made.",
    ),
    "minutes.pv_no_assembly": (
        "La séance {id} n'est pas une assemblée générale (son agenda n'a ni bloc assembly: ni "
        "question de type vote) : exportez le compte rendu (--kind compte-rendu).",
        "Session {id} is not a general meeting (its agenda has neither an assembly: block nor a "
        "vote prompt): export the minutes instead (--kind compte-rendu).",
    ),
    # ---------------------------------------------------------------- seminar export
    "export.no_stdout": (
        "La sortie standard est fermée : rien n'a été écrit. Choisissez un fichier avec --output.",
        "Standard output is closed: nothing was written. Choose a file with --output.",
    ),
    "export.exists": (
        "{file} existe déjà : rien n'a été écrit. Ajoutez --force pour l'écraser, ou choisissez "
        "un autre nom avec --output.",
        "{file} already exists: nothing was written. Add --force to overwrite it, or choose "
        "another name with --output.",
    ),
    "export.written": (
        "{what} de la séance {id} écrit dans {file} ({format}).",
        "{what} of session {id} written to {file} ({format}).",
    ),
    "export.what.compte-rendu": ("Compte rendu", "Minutes"),
    "export.what.pv": ("Procès-verbal", "Procès-verbal"),
    "export.draft": (
        "La séance n'est pas terminée : ce document est un projet, marqué comme tel.",
        "The session is not over: this document is a draft, marked as such.",
    ),
    "export.bad_format": (
        "Format inconnu « {value} » : choisissez parmi {formats}.",
        "Unknown format '{value}': choose one of {formats}.",
    ),
    "export.bad_kind": (
        "Sorte de document inconnue « {value} » : compte-rendu ou pv.",
        "Unknown kind of document '{value}': compte-rendu or pv.",
    ),
    "export.binary_to_terminal": (
        "Un fichier {format} ne s'affiche pas dans un terminal : redirigez la sortie "
        "(seminar export --format {format} - > fichier.{format}) ou donnez --output FICHIER.",
        "A {format} file cannot be shown in a terminal: redirect the output "
        "(seminar export --format {format} - > file.{format}) or give --output FILE.",
    ),
    # ---------------------------------------------------------------- the secretary
    "secretary.no_such_due": (
        "Date d'échéance « {value} » : ce jour n'existe pas dans le calendrier.",
        "Due date '{value}': that day does not exist in the calendar.",
    ),
    "secretary.bad_due": (
        "Date d'échéance invalide « {value} » : écrivez AAAA-MM-JJ ou JJ/MM/AAAA, par exemple "
        "2026-12-15 ou 15/12/2026.",
        "Invalid due date '{value}': write YYYY-MM-DD or DD/MM/YYYY, for example 2026-12-15 or "
        "15/12/2026.",
    ),
    "secretary.empty": (
        "Le texte est vide : rien n'a été enregistré.",
        "The text is empty: nothing was recorded.",
    ),
    "secretary.too_long": (
        "Texte trop long (plus de {max} caractères) : rien n'a été enregistré.",
        "Text too long (more than {max} characters): nothing was recorded.",
    ),
    "secretary.action_needs_owner": (
        "Une action a un responsable : « a: texte @Nom [date] » dans la console, ou "
        "--owner NOM en ligne de commande.",
        "An action has an owner: 'a: text @Name [date]' in the console, or --owner NAME on the "
        "command line.",
    ),
    "secretary.unknown_segment": (
        "Séquence inconnue « {segment} ». Séquences de cette séance : {ids}",
        "Unknown segment '{segment}'. Segments of this session: {ids}",
    ),
    "secretary.saved.note": (
        "Note enregistrée — {where} ({id}).",
        "Note recorded — {where} ({id}).",
    ),
    "secretary.saved.decision": (
        "Décision enregistrée — {where} ({id}).",
        "Decision recorded — {where} ({id}).",
    ),
    "secretary.saved.action": (
        "Action enregistrée pour {owner}{due} — {where} ({id}).",
        "Action recorded for {owner}{due} — {where} ({id}).",
    ),
    "secretary.due_suffix": (", échéance le {due}", ", due {due}"),
    "secretary.where.segment": ("séquence « {title} »", "segment '{title}'"),
    "secretary.where.general": ("séance, hors séquence", "session, outside any segment"),
    "secretary.closed_note": (
        "La séance {id} est close : l'ajout complète son compte rendu.",
        "Session {id} is closed: this addition completes its minutes.",
    ),
    "secretary.console.title": (
        "Secrétariat de la séance {id} — {title}",
        "Secretary's console for session {id} — {title}",
    ),
    "secretary.console.help": (
        "Tapez une ligne puis Entrée :\n"
        "  texte                      une note\n"
        "  d: texte                   une décision\n"
        "  a: texte @Nom [date]       une action (date AAAA-MM-JJ ou JJ/MM/AAAA, facultative)\n"
        "  s: id                      rattacher la suite à une séquence (s: seul : la séquence en cours)\n"
        "  ?                          cette aide\n"
        "  ligne vide ou Ctrl-D       quitter (tout ce qui est tapé est déjà enregistré)",
        "Type a line, then Enter:\n"
        "  text                       a note\n"
        "  d: text                    a decision\n"
        "  a: text @Name [date]       an action (date YYYY-MM-DD or DD/MM/YYYY, optional)\n"
        "  s: id                      attach what follows to a segment (s: alone: the current one)\n"
        "  ?                          this help\n"
        "  empty line or Ctrl-D       quit (everything typed is already recorded)",
    ),
    "secretary.console.current": ("En cours : {where}", "Now: {where}"),
    "secretary.console.pinned": (
        "La suite va à la séquence « {title} » (s: seul pour revenir à la séquence en cours).",
        "What follows goes to segment '{title}' (s: alone to follow the current one again).",
    ),
    "secretary.console.unpinned": (
        "La suite va à la séquence en cours.",
        "What follows goes to the current segment.",
    ),
    "secretary.console.closed": (
        "La séance vient de se terminer : les ajouts complètent son compte rendu.",
        "The session has just ended: additions complete its minutes.",
    ),
    "secretary.no_stdin": (
        "La console du secrétariat lit ses lignes sur l'entrée standard, qui est fermée : "
        "lancez-la dans un terminal, ou donnez-lui un fichier (seminar secretary < notes.txt).",
        "The secretary console reads its lines from standard input, which is closed: run it in "
        "a terminal, or give it a file (seminar secretary < notes.txt).",
    ),
    "secretary.console.bye": (
        "{count} enregistrements dans la séance {id}. Compte rendu : seminar export {id}",
        "{count} records in session {id}. Minutes: seminar export {id}",
    ),
    "secretary.console.bye_one": (
        "{count} enregistrement dans la séance {id}. Compte rendu : seminar export {id}",
        "{count} record in session {id}. Minutes: seminar export {id}",
    ),
    # ---------------------------------------------------------------- help texts
    "help.note": (
        "Consigne une note dans la séquence en cours de la séance en direct (ou --session, "
        "--segment ; aussi après la séance).",
        "Record a note in the live session's current segment (or --session, --segment; also "
        "after the session).",
    ),
    "help.note.epilog": (
        "\b\nExemples :\n"
        '  seminar note "La frise oublie le programme 2012 avec les collectivités"\n'
        "  seminar note Micro coupé pendant 2 minutes\n"
        '  seminar note --session 20261126-co --segment relions "Diapositives envoyées après"',
        "\b\nExamples:\n"
        '  seminar note "The timeline misses the 2012 programme with local authorities"\n'
        "  seminar note Microphone cut for 2 minutes\n"
        '  seminar note --session 20261126-co --segment relions "Slides sent afterwards"',
    ),
    "help.decision": (
        "Consigne une décision dans la séquence en cours (ou --session, --segment).",
        "Record a decision in the current segment (or --session, --segment).",
    ),
    "help.decision.epilog": (
        "\b\nExemples :\n"
        '  seminar decision "Le groupe de travail jeunes est créé"\n'
        '  seminar decision --session 20261126-as --segment budget-cotisation "Cotisation inchangée"',
        "\b\nExamples:\n"
        '  seminar decision "The youth working group is set up"\n'
        '  seminar decision --session 20261126-as --segment budget-cotisation "Fee unchanged"',
    ),
    "help.action": (
        "Consigne une action : quoi (TEXTE), qui (--owner), pour quand (--due, AAAA-MM-JJ ou "
        "JJ/MM/AAAA).",
        "Record an action: what (TEXT), who (--owner), by when (--due, YYYY-MM-DD or DD/MM/YYYY).",
    ),
    "help.action.epilog": (
        "\b\nExemples :\n"
        '  seminar action "Envoyer le compte rendu" --owner "Olivier Dumas" --due 15/12/2026\n'
        '  seminar action "Publier la frise" --owner "Camille Martin" --due 2027-01-10\n'
        '  seminar action --session 20261126-co "Relancer les rapporteurs" --owner Karim',
        "\b\nExamples:\n"
        '  seminar action "Send the minutes" --owner "Olivier Dumas" --due 2026-12-15\n'
        '  seminar action "Publish the timeline" --owner "Camille Martin" --due 10/01/2027\n'
        '  seminar action --session 20261126-co "Chase the rapporteurs" --owner Karim',
    ),
    "help.secretary": (
        "Console du secrétaire : chaque ligne tapée est une note, « d: » une décision, « a: » "
        "une action ; la séquence en cours est affichée.",
        "The secretary's console: each line typed is a note, 'd:' a decision, 'a:' an action; "
        "the current segment is shown.",
    ),
    "help.secretary.epilog": (
        "\b\nExemples :\n"
        "  seminar secretary\n"
        "  seminar secretary 20261126-co\n"
        "  seminar secretary < notes.txt           (une ligne par enregistrement)\n"
        "\b\nDans la console :\n"
        "  La salle demande un temps d'échange supplémentaire\n"
        "  d: Le classement des priorités est adopté\n"
        "  a: Envoyer le compte rendu @Olivier Dumas 15/12/2026",
        "\b\nExamples:\n"
        "  seminar secretary\n"
        "  seminar secretary 20261126-co\n"
        "  seminar secretary < notes.txt           (one record per line)\n"
        "\b\nIn the console:\n"
        "  The room asks for more time to discuss\n"
        "  d: The ranking of priorities is adopted\n"
        "  a: Send the minutes @Olivier Dumas 2026-12-15",
    ),
    "help.arg.record_text": ("Le texte (les mots sont réunis).", "The text (words are joined)."),
    "help.opt.record_session": (
        "La séance (identifiant, son début ou une partie qu'il est seul à avoir ; défaut : la séance en direct, sinon "
        "la dernière).",
        "The session (id, its beginning or a part only it has; default: the live session, else the latest).",
    ),
    "help.opt.segment": (
        "Identifiant de la séquence (défaut : la séquence en cours).",
        "Segment id (default: the current segment).",
    ),
    "help.opt.owner": ("Qui s'en charge.", "Who takes it on."),
    "help.opt.due": (
        "Pour quand : AAAA-MM-JJ ou JJ/MM/AAAA.",
        "By when: YYYY-MM-DD or DD/MM/YYYY.",
    ),
    "help.export": (
        "Exporte le compte rendu (ou le procès-verbal d'AG) : Markdown, HTML, Word, JSON, CSV. "
        "Possible aussi pendant la séance (projet).",
        "Export the minutes (or the general meeting's procès-verbal): Markdown, HTML, Word, "
        "JSON, CSV. Also during the session (a draft).",
    ),
    "help.export.epilog": (
        "\b\nExemples :\n"
        "  seminar export --format html                 compte rendu de la dernière séance\n"
        "  seminar export 20261126-co --format docx --output compte-rendu.docx\n"
        "  seminar export --kind pv --format docx       procès-verbal d'assemblée générale\n"
        "  seminar export --format csv --output -       une ligne par réponse, sur la sortie\n"
        "  seminar export --format json - | jq '.segments[].prompts[].summary'\n"
        "  seminar export --schema > minutes.schema.json  le schéma des exports JSON",
        "\b\nExamples:\n"
        "  seminar export --format html                 minutes of the latest session\n"
        "  seminar export 20261126-co --format docx --output minutes.docx\n"
        "  seminar export --kind pv --format docx       procès-verbal of a general meeting\n"
        "  seminar export --format csv --output -       one row per answer, on stdout\n"
        "  seminar export --format json - | jq '.segments[].prompts[].summary'\n"
        "  seminar export --schema > minutes.schema.json  the schema of the JSON exports",
    ),
    "help.arg.export_session": (
        "La séance (identifiant, son début ou une partie qu'il est seul à avoir ; défaut : la séance en direct, sinon "
        "la dernière). « - » seul : écrire sur la sortie standard.",
        "The session (id, its beginning or a part only it has; default: the live session, else the latest). "
        "'-' alone: write to stdout.",
    ),
    "help.opt.format": (
        "Format : {formats} ou {last} (défaut : {default}).",
        "Format: {formats} or {last} (default: {default}).",
    ),
    "help.opt.output": (
        "Fichier à écrire, ou - pour la sortie standard (défaut : IDENTIFIANT-SORTE.EXTENSION "
        "dans le dossier courant).",
        "File to write, or - for stdout (default: ID-KIND.EXTENSION in the current folder).",
    ),
    "help.opt.kind": (
        "compte-rendu (défaut) ou pv (procès-verbal d'assemblée générale).",
        "compte-rendu (default) or pv (procès-verbal of a general meeting).",
    ),
    "help.opt.export_schema": (
        "Écrire le schéma JSON des exports JSON (seminar-minutes/1) sur la sortie standard, et "
        "rien d'autre.",
        "Print the JSON Schema of the JSON exports (seminar-minutes/1) on stdout, and nothing "
        "else.",
    ),
    "help.opt.export_force": (
        "Écraser le fichier s'il existe.",
        "Overwrite the file if it exists.",
    ),
    "export.working": ("Rédaction du document ({format})…", "Writing the document ({format})…"),
}
