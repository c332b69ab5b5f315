"""Messages of phones in the room: ``seminar serve``, the phone's pages, the API's refusals."""

MESSAGES: dict[str, tuple[str, str]] = {
    # help
    "help.serve": (
        "Sert la séance en cours aux téléphones de la salle (Wi-Fi local, sans compte ni "
        "application) : une adresse et un QR code à afficher.",
        "Serve the live session to the room's phones (local Wi-Fi, no account, no app): an "
        "address and a QR code to show.",
    ),
    "help.serve.epilog": (
        "\b\nExemples :\n  seminar serve\n  seminar serve --port 8080 --code ATELIER\n"
        '  seminar serve --free "Camille Martin"',
        "\b\nExamples:\n  seminar serve\n  seminar serve --port 8080 --code WORKSHOP\n"
        '  seminar serve --free "Sam Taylor"',
    ),
    "help.opt.serve": (
        "Sert aussi la séance aux téléphones de la salle (voir seminar serve).",
        "Also serve the session to the room's phones (see seminar serve).",
    ),
    "help.opt.host": (
        "Adresse d'écoute du serveur des téléphones (par défaut : toutes les interfaces).",
        "Address the phones' server listens on (default: every interface).",
    ),
    "help.opt.port": (
        "Port du serveur des téléphones (le suivant s'il est pris ; 0 : n'importe lequel).",
        "Port of the phones' server (the next one if taken; 0: any).",
    ),
    "help.opt.code": (
        "Code d'accès des téléphones (par défaut : celui de la séance, ou 6 caractères tirés "
        "au sort).",
        "Join code for phones (default: the session's own, or 6 random characters).",
    ),
    "help.opt.addresses": (
        "Liste aussi l'adresse des téléphones sur chaque autre interface de la machine "
        "(avec --host 0.0.0.0).",
        "Also list the phones' address on each other interface of this machine (with --host "
        "0.0.0.0).",
    ),
    "help.opt.free": (
        "Libère le nom NAME, pris par un téléphone, pour qu'un autre puisse le choisir.",
        "Free the name NAME, held by a phone, so that another phone can take it.",
    ),
    # the terminal
    "web.bad_code": (
        "Code d'accès « {code} » refusé : de 4 à 32 lettres ou chiffres.",
        "Join code “{code}” refused: 4 to 32 letters or digits.",
    ),
    "web.address": (
        "Téléphones : {url}  (code {code})",
        "Phones: {url}  (code {code})",
    ),
    "web.address_after": (
        "Adresse des téléphones pendant la séance : {url}  (code {code})",
        "Phones' address during the session: {url}  (code {code})",
    ),
    # the live screen (ui/screen.py, key j)
    "live.join.label": ("Téléphones :", "Phones:"),
    "live.help.join": (
        "le QR code des téléphones en grand, pour le fond de la salle (une touche pour revenir)",
        "the phones' QR code, big, for the back of the room (any key returns)",
    ),
    "live.keyline.join": ("j QR code", "j QR code"),
    "live.keys.join": (
        "Scannez le QR code ou tapez l'adresse · une touche pour revenir",
        "Scan the QR code or type the address · any key returns",
    ),
    "live.flash.not_serving": (
        "Pas de serveur pour les téléphones : relancez avec --serve (ou seminar serve).",
        "No server for phones: run with --serve (or seminar serve).",
    ),
    "web.addresses_also": (
        "Joignable aussi aux adresses suivantes (selon le réseau des téléphones) :",
        "Also reachable at these addresses (depending on the phones' network):",
    ),
    "web.address_hint": (
        "Les participants scannent le QR code ou tapent l'adresse, sur le Wi-Fi de la salle.",
        "Participants scan the QR code or type the address, on the room's Wi-Fi.",
    ),
    "web.port_taken": (
        "Port {wanted} occupé : le serveur écoute sur le port {port}.",
        "Port {wanted} is taken: the server listens on port {port}.",
    ),
    "web.cannot_listen": (
        "Impossible d'écouter sur {host}:{port} : {reason}.",
        "Cannot listen on {host}:{port}: {reason}.",
    ),
    "web.host_not_here": (
        "--host {host} : ce n'est pas une adresse de cette machine (les siennes : {addresses} ; "
        "0.0.0.0 les prend toutes).",
        "--host {host}: not an address of this machine (its own: {addresses}; 0.0.0.0 takes "
        "them all).",
    ),
    "web.journal_gone": (
        "Le journal {path} a été supprimé ou remplacé pendant que le serveur tournait : "
        "serveur arrêté (les téléphones ne peuvent plus rien enregistrer).",
        "The journal {path} was deleted or replaced while the server ran: server stopped "
        "(phones can record nothing more).",
    ),
    "web.waiting_session": (
        "Aucune séance en cours sur ce journal : en attente de la prochaine (Ctrl-C pour "
        "abandonner)…",
        "No session is running on this journal: waiting for the next one (Ctrl-C to give up)…",
    ),
    "web.serving": (
        "Séance {id} servie aux téléphones. Ctrl-C pour arrêter le serveur.",
        "Session {id} served to phones. Ctrl-C to stop the server.",
    ),
    "web.stopped": ("Serveur des téléphones arrêté.", "Phones' server stopped."),
    "web.freed": (
        "« {name} » libéré : {count} téléphones devront choisir leur nom à nouveau.",
        "“{name}” freed: {count} phones will pick their name again.",
    ),
    "web.freed_one": (
        "« {name} » libéré : {count} téléphone devra choisir son nom à nouveau.",
        "“{name}” freed: {count} phone will pick its name again.",
    ),
    "web.not_held": (
        "Aucun téléphone ne tient le nom « {name} » dans la séance {id}.",
        "No phone holds the name “{name}” in session {id}.",
    ),
    "web.session_closed": (
        "La séance {id} est terminée : plus rien à servir aux téléphones.",
        "Session {id} is over: nothing left to serve to phones.",
    ),
    # refusals (the API's messages, in the session's language)
    "web.bad_code_given": (
        "Code d'accès inconnu : vérifiez l'adresse affichée dans la salle.",
        "Unknown join code: check the address shown in the room.",
    ),
    "web.no_token": (
        "Vous n'êtes pas (ou plus) inscrit : choisissez votre nom.",
        "You have not joined (or no longer): pick your name.",
    ),
    "web.name_needed": ("Indiquez votre nom.", "Please give your name."),
    "web.name_too_long": (
        "Nom trop long : au plus {max} caractères.",
        "Name too long: at most {max} characters.",
    ),
    "web.name_taken": (
        "Le nom « {name} » est déjà pris par un autre téléphone. Si c'est bien vous, "
        "demandez à l'animateur de le libérer.",
        "The name “{name}” is already taken by another phone. If it is yours, ask the "
        "facilitator to free it.",
    ),
    "web.unknown_prompt": ("Question inconnue.", "Unknown prompt."),
    "web.prompt_closed": (
        "Cette question est close : votre réponse n'a pas été enregistrée.",
        "This prompt is closed: your answer was not recorded.",
    ),
    "web.keyboard_prompt": (
        "Cette question se répond à la table de l'animateur, pas depuis un téléphone : votre "
        "réponse n'a pas été enregistrée.",
        "This prompt is answered at the facilitator's table, not from a phone: your answer was "
        "not recorded.",
    ),
    "web.already_cast": (
        "Vous avez déjà répondu à ce scrutin secret : un seul bulletin par personne.",
        "You have already answered this secret ballot: one ballot per person.",
    ),
    "web.bad_request": (
        "Requête illisible : un objet JSON est attendu.",
        "Unreadable request: a JSON object is expected.",
    ),
    "web.too_large": ("Requête trop volumineuse.", "Request too large."),
    "web.too_many": (
        "Trop de requêtes : patientez quelques secondes.",
        "Too many requests: wait a few seconds.",
    ),
    "web.not_found": ("Page introuvable.", "Page not found."),
    # the pages
    "web.page.join_title": ("Rejoindre la séance", "Join the session"),
    "web.page.your_name": ("Votre nom", "Your name"),
    "web.page.name_hint": (
        "Tapez votre nom : la liste se réduit à mesure (accents et majuscules ignorés) ; "
        "touchez-y votre nom, ou « Rejoindre » sous le nom tapé.",
        "Type your name: the list narrows as you type (accents and case ignored); tap your "
        "name in it, or “Join” under the name typed.",
    ),
    "web.page.join": ("Rejoindre", "Join"),
    "web.page.roster_title": ("Ou touchez votre nom", "Or tap your name"),
    "web.page.roster_all": ("{count} noms sur la liste.", "{count} names on the list."),
    "web.page.roster_all_one": ("{count} nom sur la liste.", "{count} name on the list."),
    "web.page.roster_one": ("Un nom correspond.", "One name matches."),
    "web.page.roster_many": ("{count} noms correspondent.", "{count} names match."),
    "web.page.roster_none": (
        "Aucun nom de la liste ne correspond : « Rejoindre » vous inscrit sous le nom tapé.",
        "No name on the list matches: “Join” signs you in under the name you typed.",
    ),
    "web.page.you_are": ("Vous êtes {name}", "You are {name}"),
    "web.page.not_you": ("Ce n'est pas moi", "Not me"),
    "web.page.now": ("En cours", "Now"),
    "web.page.no_segment": (
        "La séance n'a pas encore commencé, ou elle est en pause.",
        "The session has not started yet, or it is paused.",
    ),
    "web.page.paused": ("En pause", "Paused"),
    "web.page.remaining": ("Temps restant", "Time left"),
    "web.page.overtime": ("Temps dépassé", "Over time"),
    "web.page.prompts": ("Questions ouvertes", "Open prompts"),
    "web.page.no_prompt": (
        "Aucune question ouverte pour l'instant. Cette page se met à jour toute seule.",
        "No open prompt for now. This page updates by itself.",
    ),
    "web.page.anonymous": (
        "Anonyme : votre nom n'est jamais enregistré avec votre réponse.",
        "Anonymous: your name is never stored with your answer.",
    ),
    "web.page.secret_once": (
        "Scrutin secret : un seul bulletin, qui ne peut plus être changé.",
        "Secret ballot: one ballot, which cannot be changed.",
    ),
    "web.page.send": ("Envoyer", "Send"),
    "web.page.change": ("Modifier ma réponse", "Change my answer"),
    "web.page.recorded": ("Réponse enregistrée", "Answer recorded"),
    "web.page.recorded_anonymous": (
        "Réponse enregistrée (anonyme).",
        "Answer recorded (anonymous).",
    ),
    "web.page.picks": (
        "Choisissez de {min} à {max} réponses.",
        "Pick from {min} to {max} answers.",
    ),
    "web.page.words": (
        "Jusqu'à {max} mots, séparés par des virgules.",
        "Up to {max} words, separated by commas.",
    ),
    "web.page.words_one": ("Un seul mot.", "One word."),
    "web.page.rank_hint": (
        "Classez du premier au dernier avec les boutons Monter et Descendre.",
        "Rank from first to last with the Up and Down buttons.",
    ),
    "web.page.move_up": ("Monter « {choice} »", "Move “{choice}” up"),
    "web.page.move_down": ("Descendre « {choice} »", "Move “{choice}” down"),
    "web.page.results": ("Résultats", "Results"),
    "web.page.answers_count": ("{answers} réponses", "{answers} answers"),
    "web.page.answers_count_one": ("{answers} réponse", "{answers} answer"),
    "web.page.mean": ("Moyenne : {mean}", "Mean: {mean}"),
    "web.page.points": ("{points} pts", "{points} pts"),
    "web.page.points_one": ("{points} pt", "{points} pt"),
    "web.page.adopted": ("Adoptée", "Adopted"),
    "web.page.rejected": ("Rejetée", "Rejected"),
    "web.page.closed": ("La séance est terminée. Merci !", "The session is over. Thank you!"),
    "web.page.suspended": (
        "La séance est interrompue : elle reprendra bientôt.",
        "The session is interrupted: it will resume soon.",
    ),
    "web.page.offline": (
        "Connexion perdue : nouvelle tentative…",
        "Connection lost: trying again…",
    ),
    "web.page.screen_title": ("Écran de la salle", "Room screen"),
    "web.page.timer_title": ("Minuteur de l'orateur", "Speaker's timer"),
    "web.page.join_at": ("Répondez sur votre téléphone :", "Answer on your phone:"),
    "web.page.qr_alt": (
        "QR code de l'adresse pour rejoindre la séance",
        "QR code of the address to join the session",
    ),
    "web.page.error_title": ("Erreur", "Error"),
}
