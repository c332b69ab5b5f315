"""Messages shared by every command: help texts of the global options, generic errors, labels."""

MESSAGES: dict[str, tuple[str, str]] = {
    "common.unexpected": (
        "Erreur inattendue ({kind} : {detail}). Rien de ce qui a été enregistré n'est perdu. "
        "Relancez avec SEMINAR_DEBUG=1 pour le détail, et signalez-la.",
        "Unexpected error ({kind}: {detail}). Nothing that was recorded is lost. Run again with "
        "SEMINAR_DEBUG=1 for the details, and report it.",
    ),
    # generic
    "common.interrupted": (
        "Interrompu. Rien de ce qui a été enregistré n'est perdu.",
        "Interrupted. Nothing that was recorded is lost.",
    ),
    "common.name_too_long": (
        "Nom trop long ({length} caractères) : au plus {max}, car il s'affiche sur l'écran "
        "projeté et dans le compte rendu.",
        "Name too long ({length} characters): at most {max}, as it is shown on the projected "
        "screen and in the minutes.",
    ),
    "common.bad_lang": (
        "Langue inconnue « {value} » : choisissez fr ou en.",
        "Unknown language '{value}': choose fr or en.",
    ),
    "common.bad_at": (
        "Heure invalide « {value} » : écrivez HH:MM, par exemple 14:00.",
        "Invalid time '{value}': write HH:MM, for example 14:00.",
    ),
    "common.no_terminal": (
        "Cette commande est interactive mais ne trouve pas de terminal. Lancez-la dans un "
        "terminal, ou ajoutez --no-input (et --answers FICHIER) pour l'utiliser sans.",
        "This command is interactive but finds no terminal. Run it in a terminal, or add "
        "--no-input (and --answers FILE) to use it without one.",
    ),
    "common.no_terminal_new": (
        "Pas de terminal pour poser les questions : utilisez --from NOM (copie d'un agenda fourni) "
        "ou --no-input (modèle commenté).",
        "No terminal to ask questions: use --from NAME (copy a bundled agenda) or --no-input "
        "(a commented template).",
    ),
    "common.no_folder": (
        "Le dossier {folder} n'existe pas.",
        "The folder {folder} does not exist.",
    ),
    "common.read_only": (
        "Impossible d'écrire dans {folder} : dossier en lecture seule ou accès refusé.",
        "Cannot write to {folder}: read-only folder or access denied.",
    ),
    "common.disk_full": (
        "Disque plein : {file} n'a pas pu être écrit (rien n'a été abîmé). Libérez de la place "
        "puis recommencez.",
        "Disk full: {file} could not be written (nothing was damaged). Free some space and retry.",
    ),
    "common.is_dir": ("{file} est un dossier.", "{file} is a folder."),
    "common.not_writable_kind": (
        "{file} n'est ni un fichier ordinaire, ni un tube, ni un périphérique comme /dev/stdout : "
        "rien n'y a été écrit. Choisissez un autre nom.",
        "{file} is neither a regular file, nor a pipe, nor a device like /dev/stdout: nothing "
        "was written to it. Choose another name.",
    ),
    "common.write_failed": (
        "Impossible d'écrire {file} : {reason}",
        "Cannot write {file}: {reason}",
    ),
    # labels of enums
    "kind.welcome": ("accueil", "welcome"),
    "kind.presentation": ("présentation", "presentation"),
    "kind.keynote": ("intervention", "keynote"),
    "kind.discussion": ("échange", "discussion"),
    "kind.workshop": ("atelier", "workshop"),
    "kind.break": ("pause", "break"),
    "kind.restitution": ("restitution", "restitution"),
    "kind.vote": ("vote", "vote"),
    "kind.closing": ("clôture", "closing"),
    "ptype.text": ("texte", "text"),
    "ptype.long_text": ("texte long", "long text"),
    "ptype.choice": ("choix", "choice"),
    "ptype.multi": ("choix multiple", "multiple choice"),
    "ptype.rating": ("note", "rating"),
    "ptype.yesno": ("oui/non", "yes/no"),
    "ptype.words": ("mots-clés", "keywords"),
    "ptype.ranking": ("classement", "ranking"),
    "ptype.vote": ("vote", "vote"),
    "who.each": ("tour de table", "each in turn"),
    "who.open": ("ouverte", "open"),
    "who.room": ("pour la salle", "for the room"),
    "vote.pour": ("pour", "for"),
    "vote.contre": ("contre", "against"),
    "vote.abstention": ("abstention", "abstain"),
    "vote.blanc": ("blanc", "blank"),
    "yesno.oui": ("oui", "yes"),
    "yesno.non": ("non", "no"),
    # help: application and global options
    "help.app": (
        "seminar — animez un séminaire depuis le terminal : compte à rebours en direct, questions "
        "aux participants, journal qui ne perd rien, compte rendu écrit tout seul.",
        "seminar — run a seminar from the terminal: live countdown, prompts for participants, a "
        "journal that loses nothing, minutes that write themselves.",
    ),
    "help.app.epilog": (
        "\b\nExemples :\n"
        "  seminar start                         le séminaire fourni « Co-construisons demain »\n"
        "  seminar agenda show assemblee-generale\n"
        '  seminar join --name "Camille Martin"\n'
        '  seminar note "Proposition de groupe de travail"\n'
        "  seminar export --format html --output compte-rendu.html",
        "\b\nExamples:\n"
        "  seminar start                         the bundled seminar “Co-construisons demain”\n"
        "  seminar agenda show team-retrospective\n"
        '  seminar join --name "Sam Taylor"\n'
        '  seminar note "Proposal for a working group"\n'
        "  seminar export --format html --output minutes.html",
    ),
    "help.opt.db": (
        "Fichier du journal SQLite (défaut : dans le dossier de données de l'utilisateur), "
        "ou base PostgreSQL partagée : postgresql://utilisateur@serveur/base.",
        "The SQLite journal file (default: in the user data folder), or a shared PostgreSQL "
        "database: postgresql://user@server/database.",
    ),
    "help.opt.lang": ("Langue de l'interface : fr ou en.", "Interface language: fr or en."),
    "help.opt.version": ("Affiche la version et quitte.", "Show the version and exit."),
    # help: agenda commands
    "help.agenda": (
        "Agendas : lister, afficher, valider, créer ; schéma JSON pour les éditeurs.",
        "Agendas: list, show, validate, create; JSON Schema for editors.",
    ),
    "help.agenda.list": (
        "Liste les agendas fournis et ceux du dossier ./agendas/.",
        "List the bundled agendas and those in ./agendas/.",
    ),
    "help.agenda.list.epilog": (
        "\b\nExemple :\n  seminar agenda list",
        "\b\nExample:\n  seminar agenda list",
    ),
    "help.agenda.show": (
        "Affiche un agenda en tableau : horaires prévus, durées, questions ; avertit s'il dépasse "
        "l'heure de fin.",
        "Show an agenda as a table: planned times, durations, prompts; warns if it overruns the "
        "hard stop.",
    ),
    "help.agenda.show.epilog": (
        "\b\nExemples :\n  seminar agenda show\n  seminar agenda show assemblee-generale --at 17:45\n"
        "  seminar agenda show mon-agenda.yaml --notes",
        "\b\nExamples:\n  seminar agenda show\n  seminar agenda show team-retrospective --at 09:30\n"
        "  seminar agenda show my-agenda.yaml --notes",
    ),
    "help.agenda.validate": (
        "Vérifie des fichiers d'agenda ; code 0 si tous sont valides, 1 sinon, chaque problème "
        "localisé.",
        "Check agenda files; exit 0 when all are valid, 1 otherwise, each problem located.",
    ),
    "help.agenda.validate.epilog": (
        "\b\nExemple :\n  seminar agenda validate agendas/*.yaml",
        "\b\nExample:\n  seminar agenda validate agendas/*.yaml",
    ),
    "help.agenda.new": (
        "Écrit un agenda de départ commenté (questions interactives, ou --from NOM pour copier "
        "un agenda fourni).",
        "Write a commented starter agenda (interactive questions, or --from NAME to copy a "
        "bundled agenda).",
    ),
    "help.agenda.new.epilog": (
        "\b\nExemples :\n  seminar agenda new mon-seminaire.yaml\n"
        "  seminar agenda new ag-2027.yaml --from assemblee-generale",
        "\b\nExamples:\n  seminar agenda new my-seminar.yaml\n"
        "  seminar agenda new retro.yaml --from team-retrospective",
    ),
    "help.agenda.schema": (
        "Écrit le schéma JSON des fichiers d'agenda sur la sortie standard (pour les éditeurs).",
        "Print the JSON Schema of agenda files on stdout (for editors).",
    ),
    "help.agenda.schema.epilog": (
        "\b\nExemple :\n  seminar agenda schema > agenda.schema.json",
        "\b\nExample:\n  seminar agenda schema > agenda.schema.json",
    ),
    "help.arg.agenda": (
        "Chemin d'un fichier d'agenda ou nom d'un agenda fourni (défaut : co-construisons-demain).",
        "Path of an agenda file or name of a bundled agenda (default: co-construisons-demain).",
    ),
    "help.arg.files": ("Fichiers d'agenda à vérifier.", "Agenda files to check."),
    "help.arg.new_file": ("Fichier à écrire.", "File to write."),
    "help.opt.at": (
        "Heure de début à utiliser pour les horaires (HH:MM).",
        "Start time to use for the planned times (HH:MM).",
    ),
    "help.opt.notes": (
        "Montre aussi les notes de l'animateur.",
        "Also show the facilitator's notes.",
    ),
    "help.opt.from": (
        "Copier un agenda fourni (ou un fichier) au lieu de poser des questions.",
        "Copy a bundled agenda (or a file) instead of asking questions.",
    ),
    "help.opt.force": ("Écraser le fichier s'il existe.", "Overwrite the file if it exists."),
    "help.opt.no_input_new": (
        "Ne rien demander : écrire un modèle commenté.",
        "Ask nothing: write a commented template.",
    ),
    # Click's own words (cli/click_words.py)
    "cli.usage": ("Utilisation :", "Usage:"),
    "cli.help_option": ("Afficher cette aide et quitter.", "Show this message and exit."),
    "cli.arguments": ("Arguments", "Arguments"),
    "cli.options": ("Options", "Options"),
    "cli.commands": ("Commandes", "Commands"),
    "cli.required": ("obligatoire", "required"),
    "cli.default": ("défaut : {default}", "default: {default}"),
    # counted phrases that several sentences put together (i18n.counted): « 0 réponse »,
    # « 1 note », « 3 décisions »
    "count.answers": ("{count} réponses", "{count} answers"),
    "count.answers_one": ("{count} réponse", "{count} answer"),
    "count.notes": ("{count} notes", "{count} notes"),
    "count.notes_one": ("{count} note", "{count} note"),
    "count.decisions": ("{count} décisions", "{count} decisions"),
    "count.decisions_one": ("{count} décision", "{count} decision"),
    "count.actions": ("{count} actions", "{count} actions"),
    "count.actions_one": ("{count} action", "{count} action"),
    "count.present": ("{count} présents", "{count} present"),
    "count.present_one": ("{count} présent", "{count} present"),
    "count.excused": ("{count} excusés", "{count} excused"),
    "count.excused_one": ("{count} excusé", "{count} excused"),
    "count.absent": ("{count} absents", "{count} absent"),
    "count.absent_one": ("{count} absent", "{count} absent"),
    "count.represented": ("{count} représentés", "{count} represented"),
    "count.represented_one": ("{count} représenté", "{count} represented"),
    "cli.missing_command": ("Commande manquante.", "Missing command."),
    "cli.no_such_command": ("Commande inconnue : {name}.", "No such command {name}."),
    "cli.try_help": ("Essayez « {command} » pour l'aide.", "Try '{command}' for help."),
    "cli.error": ("Erreur : {message}", "Error: {message}"),
    # Click's own usage errors, read back from its English (cli/click_words.py)
    "cli.no_such_option": ("Option inconnue : {name}", "No such option: {name}"),
    "cli.possible_options": ("(options possibles : {names})", "(Possible options: {names})"),
    "cli.missing_argument": ("Argument manquant : « {name} ».", "Missing argument '{name}'."),
    "cli.missing_option": ("Option manquante : « {name} ».", "Missing option '{name}'."),
    "cli.needs_value": (
        "L'option « {name} » attend une valeur.",
        "Option '{name}' requires an argument.",
    ),
    "cli.needs_values": (
        "L'option « {name} » attend {count} valeurs.",
        "Option '{name}' requires {count} arguments.",
    ),
    "cli.takes_no_value": (
        "L'option « {name} » ne prend pas de valeur.",
        "Option '{name}' does not take a value.",
    ),
    "cli.extra_arguments": (
        "Argument(s) en trop : {args}",
        "Got unexpected extra argument(s) ({args})",
    ),
    "cli.invalid_value": (
        "Valeur invalide pour « {name} » : {message}",
        "Invalid value for '{name}': {message}",
    ),
}
