"""Messages of the journal, sessions, answers files and the run commands."""

MESSAGES: dict[str, tuple[str, str]] = {
    # journal file
    "journal.is_dir": ("Le journal {file} est un dossier.", "The journal {file} is a folder."),
    "journal.missing": (
        "Aucun journal à {file} : aucune séance n'y a encore été enregistrée.",
        "No journal at {file}: no session has been recorded there yet.",
    ),
    "journal.cannot_open": (
        "Impossible d'ouvrir le journal {file} : {reason}",
        "Cannot open the journal {file}: {reason}",
    ),
    "journal.read_only_dir": (
        "Impossible de créer le journal dans {folder} : dossier en lecture seule ou accès refusé. "
        "Choisissez un autre fichier avec --db.",
        "Cannot create the journal in {folder}: read-only folder or access denied. Choose "
        "another file with --db.",
    ),
    "journal.read_only": (
        "Le journal {file} est en lecture seule : rien ne peut y être enregistré. Choisissez un "
        "autre fichier avec --db, ou rendez-le accessible en écriture.",
        "The journal {file} is read-only: nothing can be recorded in it. Choose another file "
        "with --db, or make it writable.",
    ),
    "journal.disk_full": (
        "Disque plein : le journal {file} ne peut plus rien enregistrer. Ce qui y est déjà est "
        "intact ; libérez de la place puis recommencez (une séance interrompue se reprend avec "
        "« seminar resume »).",
        "Disk full: the journal {file} cannot record anything more. What it holds is intact; "
        "free some space, then try again (an interrupted session continues with "
        "'seminar resume').",
    ),
    "journal.not_journal": (
        "{file} n'est pas un journal de seminar (autre base de données, ou fichier abîmé). "
        "Choisissez un autre fichier avec --db.",
        "{file} is not a seminar journal (another database, or a damaged file). Choose another "
        "file with --db.",
    ),
    "journal.not_a_file": (
        "{file} n'est pas un fichier ordinaire : ce ne peut pas être un journal de seminar. "
        "Choisissez un autre fichier avec --db.",
        "{file} is not a regular file, so it cannot be a seminar journal. Choose another file "
        "with --db.",
    ),
    "journal.newer": (
        "Le journal {file} vient d'une version plus récente de seminar (schéma {found}, cette "
        "version connaît le schéma {supported}). Mettez seminar à jour ; le journal n'a pas été "
        "modifié.",
        "The journal {file} comes from a newer version of seminar (schema {found}; this version "
        "knows schema {supported}). Upgrade seminar; the journal was not changed.",
    ),
    "journal.read_only_folder": (
        "Le dossier {folder} est en lecture seule : SQLite doit pouvoir écrire à côté du journal "
        "{file} (ses fichiers -wal et -shm). Rien n'a été modifié. Choisissez un autre fichier "
        "avec --db, ou rendez le dossier accessible en écriture.",
        "The folder {folder} is read-only: SQLite must be able to write beside the journal "
        "{file} (its -wal and -shm files). Nothing was changed. Choose another file with --db, "
        "or make the folder writable.",
    ),
    "journal.not_a_folder": (
        "Impossible de créer le journal : {folder} n'est pas un dossier. Choisissez un autre "
        "fichier avec --db.",
        "Cannot create the journal: {folder} is not a folder. Choose another file with --db.",
    ),
    "journal.io_error": (
        "Le disque refuse d'écrire dans le journal {file} (disque plein, taille de fichier "
        "limitée, ou support défaillant). Ce qui y est déjà enregistré est intact ; libérez de "
        "la place ou changez de support, puis reprenez avec « seminar resume ».",
        "The disk refuses to write to the journal {file} (disk full, a file size limit, or a "
        "failing medium). What it already holds is intact; free some space or change medium, "
        "then continue with 'seminar resume'.",
    ),
    "journal.damaged": (
        "Le journal {file} est abîmé et ne peut pas être lu. Gardez-en une copie et "
        "choisissez un autre fichier avec --db.",
        "The journal {file} is damaged and cannot be read. Keep a copy of it and choose "
        "another file with --db.",
    ),
    "journal.busy": (
        "Le journal {file} est resté verrouillé plus de {seconds} s par un autre programme. "
        "Réessayez dans un instant ; rien n'a été perdu.",
        "The journal {file} stayed locked by another program for more than {seconds} s. Try "
        "again in a moment; nothing was lost.",
    ),
    "journal.write_failed": (
        "Impossible d'écrire dans le journal {file} : {reason}",
        "Cannot write to the journal {file}: {reason}",
    ),
    # journal on a PostgreSQL server (journal/postgres.py)
    "journal.pg_unreachable": (
        "Impossible de joindre le serveur PostgreSQL du journal {url} : « {reason} ». Vérifiez "
        "qu'il est démarré et que cet ordinateur l'atteint (adresse, port, réseau).",
        'Cannot reach the journal\'s PostgreSQL server {url}: "{reason}". Check that it is '
        "running and that this computer reaches it (address, port, network).",
    ),
    "journal.pg_password": (
        "Le serveur PostgreSQL refuse le mot de passe pour {url}. Vérifiez l'utilisateur et le "
        "mot de passe de l'adresse donnée à --db (ou SEMINAR_DB).",
        "The PostgreSQL server refuses the password for {url}. Check the user and password in "
        "the address given to --db (or SEMINAR_DB).",
    ),
    "journal.pg_refused": (
        "Le serveur PostgreSQL refuse l'accès au journal {url} : {reason}",
        "The PostgreSQL server refuses access to the journal {url}: {reason}",
    ),
    "journal.pg_no_database": (
        "La base {url} n'existe pas sur ce serveur PostgreSQL. Créez-la d'abord "
        "(createdb), puis recommencez.",
        "The database {url} does not exist on this PostgreSQL server. Create it first "
        "(createdb), then try again.",
    ),
    "journal.pg_not_journal": (
        "La base {url} contient les tables d'un autre programme : ce n'est pas un journal de "
        "seminar, et rien n'y a été modifié. Donnez à --db une base vide ou un journal.",
        "The database {url} holds another program's tables: it is not a seminar journal, and "
        "nothing in it was changed. Give --db an empty database or a journal.",
    ),
    "journal.pg_missing_driver": (
        "Un journal sur PostgreSQL demande psycopg : installez seminar-cli[postgres].",
        "A journal on PostgreSQL needs psycopg: install seminar-cli[postgres].",
    ),
    # sessions
    "session.unknown": (
        "Séance inconnue : « {ref} ». Voyez la liste avec : seminar sessions list",
        "Unknown session: '{ref}'. See the list with: seminar sessions list",
    ),
    "session.ambiguous": (
        "« {ref} » désigne plusieurs séances ({ids}) : donnez un identifiant plus long.",
        "'{ref}' matches several sessions ({ids}): give a longer id.",
    ),
    "session.none": (
        "Aucune séance dans ce journal. Commencez-en une avec : seminar start",
        "No session in this journal. Start one with: seminar start",
    ),
    "session.nothing_to_resume": (
        "Aucune séance interrompue à reprendre.",
        "No interrupted session to resume.",
    ),
    "session.already_closed": (
        "La séance {id} est terminée : il n'y a plus rien à reprendre ni à rejoindre. Les "
        "comptes rendus restent exportables (seminar export {id}).",
        "Session {id} is over: nothing left to resume or join. Its minutes can still be "
        "exported (seminar export {id}).",
    ),
    "session.agenda_unreadable": (
        "L'agenda enregistré avec la séance {id} ne peut pas être relu par cette version de "
        "seminar (version différente, ou journal abîmé). Le journal n'a pas été modifié.",
        "The agenda stored with session {id} cannot be read by this version of seminar (another "
        "version, or a damaged journal). The journal was not changed.",
    ),
    "session.running_elsewhere": (
        "La séance {id} est en cours dans un autre terminal. Quittez-la là-bas (touche q) avant "
        "de la reprendre ici. Si ce terminal n'existe plus, reprenez-la quand même : "
        "seminar resume {id} --take-over",
        "Session {id} is running in another terminal. Quit it there (key q) before resuming "
        "it here. If that terminal is gone, take the session over: "
        "seminar resume {id} --take-over",
    ),
    # answers files and answers
    "answers.no_file": (
        "Fichier de réponses introuvable : {file}",
        "Answers file not found: {file}",
    ),
    "answers.unreadable": (
        "Impossible de lire le fichier de réponses {file} : {reason}",
        "Cannot read the answers file {file}: {reason}",
    ),
    "answers.too_large": (
        "{file} est trop volumineux pour être un fichier de réponses (plus de 2 Mo).",
        "{file} is too large to be an answers file (over 2 MB).",
    ),
    "answers.endless": (
        "{file} n'est pas un fichier ordinaire et donne plus de 2 Mo sans finir (un périphérique "
        "ou un tube ?) : un fichier de réponses est un fichier YAML.",
        "{file} is not a regular file and gives over 2 MB without ending (a device or a pipe?): "
        "an answers file is a YAML file.",
    ),
    "answers.binary": (
        "{file} n'est pas un fichier texte (il contient des octets nuls) : un fichier de réponses "
        "est un fichier YAML.",
        "{file} is not a text file (it contains null bytes): an answers file is a YAML file.",
    ),
    "answers.not_answers": (
        "{file} n'est pas un fichier de réponses pour cet agenda : aucune de ses clés n'est "
        "l'identifiant d'une question (rien du fichier n'est cité).",
        "{file} is not an answers file for this agenda: none of its keys is a prompt id (nothing "
        "of the file is quoted).",
    ),
    "answers.not_mapping": (
        "{file} : un fichier de réponses associe l'identifiant d'une question à une liste de "
        "réponses (moment: [« … », « … »]).",
        "{file}: an answers file maps a prompt id to a list of answers (moment: ['…', '…']).",
    ),
    "answers.invalid": (
        "{file} : des réponses ne conviennent pas à l'agenda :",
        "{file}: some answers do not fit the agenda:",
    ),
    "answers.unknown_prompt": (
        "aucune question de l'agenda n'a cet identifiant",
        "no prompt of the agenda has this id",
    ),
    "answers.keys": (
        "une réponse détaillée n'a que participant: et value: (et for: pour un bulletin secret)",
        "a detailed answer has only participant: and value: (and for: for a secret ballot)",
    ),
    "answers.attendance_mapping": (
        "attendance: associe un nom de la liste à present, excused, absent ou represented",
        "attendance: maps a roster name to present, excused, absent or represented",
    ),
    "answers.attendance_unknown": (
        "ce nom n'est pas dans la liste des participants de l'agenda",
        "this name is not on the agenda's roster",
    ),
    "answers.attendance_status": (
        "statut inconnu : present, excused, absent ou represented (avec by: NOM)",
        "unknown status: present, excused, absent or represented (with by: NAME)",
    ),
    "answer.not_text": ("la réponse doit être un texte", "the answer must be text"),
    "answer.too_long": (
        "réponse trop longue (au plus {max} caractères)",
        "answer too long (at most {max} characters)",
    ),
    "answer.required": ("une réponse est obligatoire", "an answer is required"),
    "answer.unknown_choice": (
        "« {value} » n'est pas un des choix : {choices}",
        "'{value}' is not one of the choices: {choices}",
    ),
    "answer.picks": (
        "cochez entre {min} et {max} choix",
        "pick between {min} and {max} choices",
    ),
    "answer.rating": (
        "donnez un nombre entier de {min} à {max}",
        "give a whole number from {min} to {max}",
    ),
    "answer.yesno": ("répondez oui ou non", "answer yes or no"),
    "answer.too_many_words": ("au plus {max} mots-clés", "at most {max} keywords"),
    "answer.too_many_words_one": ("un seul mot-clé", "one keyword only"),
    "answer.ranking": (
        "classez tous les choix, chacun une fois : {choices}",
        "rank every choice, each once: {choices}",
    ),
    "answer.vote": (
        "vote inconnu « {value} » : pour, contre, abstention ou blanc",
        "unknown vote '{value}': for, against, abstain or blank",
    ),
    "answer.tally_room_only": (
        "un décompte (pour: 7, contre: 2…) ne va qu'avec un vote à main levée (who: room)",
        "a tally (pour: 7, contre: 2…) only goes with a show-of-hands vote (who: room)",
    ),
    "answer.tally_count": (
        "un décompte doit être un nombre entier positif, pas {value}",
        "a tally must be a whole positive number, not {value}",
    ),
    # run commands
    "run.bad_speed": (
        "Vitesse invalide : {value}. Donnez un facteur de 0,1 à 10000, par exemple --speed 60.",
        "Invalid speed: {value}. Give a factor from 0.1 to 10000, for example --speed 60.",
    ),
    "run.opened": (
        "Séance {id} ouverte : {title}{rehearsal}",
        "Session {id} opened: {title}{rehearsal}",
    ),
    "run.resumed": (
        "Séance {id} reprise : {title}{rehearsal}",
        "Session {id} resumed: {title}{rehearsal}",
    ),
    "run.rehearsal": (" (répétition)", " (rehearsal)"),
    "run.segment_started": (
        "▶ {time}  {title} ({duration})",
        "▶ {time}  {title} ({duration})",
    ),
    "run.segment_resumed": (
        "▶ {time}  {title} (reprise : reste {left} sur {duration})",
        "▶ {time}  {title} (resumed: {left} left of {duration})",
    ),
    "run.prompt_closed": (  # {counted}: « 3 réponses », « 9 voix », « 4 bulletins »
        "  ✔ {time}  {question} — {counted}",
        "  ✔ {time}  {question} — {counted}",
    ),
    "run.closed": (
        "Séance {id} terminée. Compte rendu : seminar export {id} --format html",
        "Session {id} closed. Minutes: seminar export {id} --format html",
    ),
    "run.suspended": (
        "Séance {id} mise en pause ; rien n'est perdu. Pour continuer : seminar resume {id}",
        "Session {id} suspended; nothing is lost. To continue: seminar resume {id}",
    ),
    "run.interrupted": (
        "Interrompu. Rien de ce qui a été enregistré n'est perdu ; pour continuer : "
        "seminar resume {id}",
        "Interrupted. Nothing that was recorded is lost; to continue: seminar resume {id}",
    ),
    "join.needs_answers": (
        "--no-input demande --answers FICHIER : sans terminal, les réponses viennent d'un fichier.",
        "--no-input needs --answers FILE: without a terminal, answers come from a file.",
    ),
    # one phrase per count, each agreed with its own (i18n.counted)
    "join.scripted_done": (
        "{answered} à la séance {id} ; {skipped}.",
        "{answered} to session {id}; {skipped}.",
    ),
    "join.scripted_done.answered": ("{count} réponses envoyées", "{count} answers sent"),
    "join.scripted_done.answered_one": ("{count} réponse envoyée", "{count} answer sent"),
    "join.scripted_done.skipped": (
        "{count} questions non ouvertes",
        "{count} prompts never opened",
    ),
    "join.scripted_done.skipped_one": (
        "{count} question non ouverte",
        "{count} prompt never opened",
    ),
    "join.scripted_missed": (
        "{count} questions déjà fermées avant de pouvoir y répondre : {prompts}.",
        "{count} prompts already closed before they could be answered: {prompts}.",
    ),
    "join.scripted_missed_one": (
        "{count} question déjà fermée avant de pouvoir y répondre : {prompts}.",
        "{count} prompt already closed before it could be answered: {prompts}.",
    ),
    # help
    "help.start": (
        "Ouvre une séance et l'anime : compte à rebours en direct, questions, journal.",
        "Open a session and run it: live countdown, prompts, journal.",
    ),
    "help.start.epilog": (
        "\b\nExemples :\n  seminar start\n"
        '  seminar start assemblee-generale --place Paris --facilitator "Hélène Marchand"\n'
        "  seminar start --speed 60                 répétition : une heure en une minute\n"
        "  seminar start --no-input --answers reponses.yaml --speed 600",
        "\b\nExamples:\n  seminar start\n"
        '  seminar start team-retrospective --place Lyon --facilitator "Sam Taylor"\n'
        "  seminar start --speed 60                 rehearsal: one hour in one minute\n"
        "  seminar start --no-input --answers answers.yaml --speed 600",
    ),
    "help.resume": (
        "Reprend une séance interrompue là où elle s'était arrêtée.",
        "Continue an interrupted session where it stopped.",
    ),
    "help.resume.epilog": (
        "\b\nExemples :\n  seminar resume\n  seminar resume 20261126-co-construisons",
        "\b\nExamples:\n  seminar resume\n  seminar resume 20261126-team-retro",
    ),
    "help.join": (
        "Terminal d'un participant : répond aux questions ouvertes de la séance en cours.",
        "A participant's terminal: answer the open prompts of the live session.",
    ),
    "help.join.epilog": (
        '\b\nExemples :\n  seminar join --name "Camille Martin"\n'
        '  seminar join --no-input --answers mes-reponses.yaml --name "Camille Martin"',
        '\b\nExamples:\n  seminar join --name "Sam Taylor"\n'
        '  seminar join --no-input --answers my-answers.yaml --name "Sam Taylor"',
    ),
    "help.opt.no_input": (
        "Ne rien demander : les réponses viennent de --answers (start, resume : les séquences "
        "s'arrêtent à l'heure prévue).",
        "Never prompt: answers come from --answers (start, resume: segments end when their "
        "time is up).",
    ),
    "help.opt.answers": (
        "Fichier YAML de réponses : identifiant de question → liste de réponses.",
        "YAML answers file: prompt id → list of answers.",
    ),
    "help.opt.take_over": (
        "Reprendre la séance même si elle semble en cours ailleurs (seulement si ce terminal "
        "est fermé : deux terminaux ne doivent pas la mener ensemble).",
        "Resume even if the session seems to run elsewhere (only when that terminal is gone: "
        "two terminals must not run it together).",
    ),
    "help.opt.speed": (
        "Répétition : l'horloge de la séance va FACTEUR fois plus vite (de 0,1 à 10000).",
        "Rehearsal: the session clock runs FACTOR times faster (0.1 to 10000).",
    ),
    "help.opt.title": (
        "Titre de la séance (défaut : celui de l'agenda).",
        "Session title (default: the agenda's).",
    ),
    "help.opt.place": ("Lieu de la séance.", "Where the session takes place."),
    "help.opt.facilitator": ("Nom de l'animateur ou de l'animatrice.", "The facilitator's name."),
    "help.opt.secretary": ("Nom du ou de la secrétaire.", "The secretary's name."),
    "help.opt.start_at": (
        "Heure de début prévue (HH:MM), si elle diffère de l'agenda.",
        "Planned start time (HH:MM), when it differs from the agenda.",
    ),
    "help.opt.name": (
        "Votre nom, tel qu'il apparaîtra au compte rendu.",
        "Your name, as the minutes will show it.",
    ),
    "help.arg.session": (
        "Identifiant de séance (ou son début, ou une partie qu'il est seul à avoir) ; défaut : la séance en cours, sinon la dernière "
        "(resume : la dernière séance interrompue ; join et serve : sans séance en cours, la prochaine qui "
        "s'ouvre).",
        "Session id (or its beginning, or a part only it has); default: the live session, else the latest (resume: "
        "the latest interrupted session; join and serve: with no live session, the next one to open).",
    ),
    # sessions list / show
    "sessions.none_yet": (
        "Aucune séance enregistrée dans {file}. Commencez-en une avec : seminar start",
        "No session recorded in {file}. Start one with: seminar start",
    ),
    "sessions.list.title": ("Séances enregistrées", "Recorded sessions"),
    "sessions.col.id": ("Identifiant", "Id"),
    "sessions.col.title": ("Titre", "Title"),
    "sessions.col.date": ("Date", "Date"),
    "sessions.col.status": ("État", "Status"),
    "sessions.col.segments": ("Séquences", "Segments"),
    "sessions.col.answers": ("Réponses", "Answers"),
    "sessions.col.participant": ("Participant·e", "Participant"),
    "sessions.col.organization": ("Organisation", "Organization"),
    "sessions.col.attendance": ("Présence", "Attendance"),
    "sessions.col.segment": ("Séquence", "Segment"),
    "sessions.col.planned": ("Prévu", "Planned"),
    "sessions.col.planned_duration": ("Durée", "Time"),
    "sessions.col.actual": ("Réel", "Actual"),
    "sessions.col.actual_duration": ("Écoulé", "Elapsed"),
    "sessions.col.question": ("Question", "Prompt"),
    "sessions.col.who": ("Qui", "Who"),
    "sessions.status.live": ("en cours", "live"),
    "sessions.status.interrupted": ("interrompue", "interrupted"),
    "sessions.status.closed": ("terminée", "closed"),
    "sessions.status.unreadable": ("illisible", "unreadable"),
    "sessions.rehearsal": ("répétition", "rehearsal"),
    "sessions.fact.id": ("Identifiant", "Id"),
    "sessions.fact.title": ("Titre", "Title"),
    "sessions.fact.agenda": ("Agenda", "Agenda"),
    "sessions.fact.status": ("État", "Status"),
    "sessions.fact.place": ("Lieu", "Place"),
    "sessions.fact.facilitator": ("Animation", "Facilitator"),
    "sessions.fact.secretary": ("Secrétariat", "Secretary"),
    "sessions.fact.opened": ("Ouverte le", "Opened"),
    "sessions.fact.closed": ("Terminée le", "Closed"),
    "sessions.fact.progress": ("Avancement", "Progress"),
    "sessions.fact.records": ("Relevé", "Records"),
    "sessions.fact.replans": ("Re-planifications", "Re-plans"),
    # one phrase per count, each agreed with its own (i18n.counted); « 1/1 séquence »: the
    # segments agree with their total
    "sessions.progress": ("{segments}, {answers}", "{segments}, {answers}"),
    "sessions.progress.segments": ("{done}/{count} séquences", "{done}/{count} segments"),
    "sessions.progress.segments_one": ("{done}/{count} séquence", "{done}/{count} segment"),
    "sessions.records": ("{notes}, {decisions}, {actions}", "{notes}, {decisions}, {actions}"),
    "sessions.attendance.title": ("Présences", "Attendance"),
    "sessions.attendance.present": ("présent·e", "present"),
    "sessions.attendance.excused": ("excusé·e", "excused"),
    "sessions.attendance.absent": ("absent·e", "absent"),
    "sessions.attendance.represented": ("représenté·e", "represented"),
    "sessions.attendance.left": ("parti·e", "left"),
    "sessions.attendance.unknown": ("non saisie", "not recorded"),
    "sessions.attendance.by": ("par {name}", "by {name}"),
    "sessions.segments.title": ("Séquences", "Segments"),
    "sessions.segment.pending": ("à venir", "to come"),
    "sessions.segment.running": ("en cours", "running"),
    "sessions.segment.paused": ("en pause", "paused"),
    "sessions.segment.interrupted": ("interrompue", "interrupted"),
    "sessions.segment.done": ("terminée", "done"),
    "sessions.segment.ended_early": ("écourtée", "ended early"),
    "sessions.segment.skipped": ("sautée", "skipped"),
    "sessions.prompts.title": ("Questions", "Prompts"),
    "sessions.prompt.pending": ("pas encore posée", "not asked yet"),
    "sessions.prompt.open": ("ouverte", "open"),
    "sessions.prompt.closed": ("close", "closed"),
    "sessions.who.each": ("chacun", "each"),
    "sessions.who.open": ("tous", "anyone"),
    "sessions.who.room": ("la salle", "the room"),
    "sessions.anonymous": ("anonyme", "anonymous"),
    "help.sessions": (
        "Les séances enregistrées dans le journal : liste et détail.",
        "The sessions recorded in the journal: list and details.",
    ),
    "help.sessions.list": (
        "Liste les séances : identifiant, titre, date, état, séquences faites, réponses.",
        "List the sessions: id, title, date, status, segments done, answers.",
    ),
    "help.sessions.list.epilog": (
        "\b\nExemples :\n  seminar sessions list\n"
        "  seminar sessions list --json            pour un script (sur la sortie standard)\n"
        "  seminar --db archives.sqlite3 sessions list",
        "\b\nExamples:\n  seminar sessions list\n"
        "  seminar sessions list --json            for a script (on standard output)\n"
        "  seminar --db archive.sqlite3 sessions list",
    ),
    "help.sessions.show": (
        "Montre une séance : faits, présences, séquences (prévu et réel), questions et "
        "nombre de réponses, notes, décisions et actions.",
        "Show a session: facts, attendance, segments (planned and actual), prompts and their "
        "answer counts, notes, decisions and actions.",
    ),
    "help.sessions.show.epilog": (
        "\b\nExemples :\n  seminar sessions show                   la séance en cours, sinon la dernière\n"
        "  seminar sessions show 20261126-co        un début d'identifiant suffit\n"
        "  seminar sessions show 20261126-co --json\n"
        "  seminar sessions show f509               une partie qui n'est qu'à elle suffit aussi",
        "\b\nExamples:\n  seminar sessions show                   the live session, else the latest\n"
        "  seminar sessions show 20261126-team      the beginning of an id is enough\n"
        "  seminar sessions show 20261126-team --json\n"
        "  seminar sessions show f509               so does a part only it has",
    ),
    "help.opt.json": (
        "Écrit les données en JSON sur la sortie standard (pour les scripts).",
        "Write the data as JSON on standard output (for scripts).",
    ),
}
