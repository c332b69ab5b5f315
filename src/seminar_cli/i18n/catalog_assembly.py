"""Messages of the general assembly: the register, attendance, proxies and quorum (PRODUCT §7)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---------------------------------------------------------------- the register (CSV)
    "register.problem": ("{file}, ligne {line} : {message}", "{file}, line {line}: {message}"),
    "register.invalid": (
        "Le registre des membres {file} n'est pas valide :",
        "The register of members {file} is not valid:",
    ),
    "register.no_file": (
        "Registre des membres introuvable : {file} (participants_file, chemin relatif au "
        "fichier d'agenda).",
        "Register of members not found: {file} (participants_file, a path relative to the "
        "agenda file).",
    ),
    "register.is_dir": (
        "{file} est un dossier, pas un registre des membres (fichier CSV).",
        "{file} is a folder, not a register of members (CSV file).",
    ),
    "register.unreadable": (
        "Impossible de lire le registre des membres {file} : {reason}.",
        "Cannot read the register of members {file}: {reason}.",
    ),
    "register.too_large": (
        "{file} est trop volumineux pour être un registre des membres (plus de 2 Mo).",
        "{file} is too large to be a register of members (over 2 MB).",
    ),
    "register.endless": (
        "{file} n'est pas un fichier ordinaire et donne plus de 2 Mo sans finir : un registre "
        "des membres est un fichier CSV.",
        "{file} is not a regular file and gives over 2 MB without ending: a register of members "
        "is a CSV file.",
    ),
    "register.binary": (
        "{file} n'est pas un fichier CSV (il contient des octets nuls) : enregistrez-le depuis "
        "le tableur au format « CSV ».",
        "{file} is not a CSV file (it holds null bytes): save it from the spreadsheet as 'CSV'.",
    ),
    "register.encoding": (
        "{file}, ligne {line} : encodage illisible (ni UTF-8 ni Windows-1252).",
        "{file}, line {line}: unreadable encoding (neither UTF-8 nor Windows-1252).",
    ),
    "register.empty": (
        "Le registre des membres {file} ne contient aucun membre : la première ligne nomme les "
        "colonnes (name, organization, group, member, role), une ligne par personne ensuite.",
        "The register of members {file} holds nobody: the first line names the columns (name, "
        "organization, group, member, role), then one line per person.",
    ),
    "register.unknown_column": (
        "colonne inconnue « {column} » (colonnes possibles : name, organization, group, member, "
        "role)",
        "unknown column '{column}' (possible columns: name, organization, group, member, role)",
    ),
    "register.no_name_column": (
        "aucune colonne « name » (ou « nom ») : la première ligne doit nommer les colonnes",
        "no 'name' column: the first line must name the columns",
    ),
    "register.no_name": ("le nom est vide", "the name is empty"),
    "register.long_name": (
        "le nom dépasse 200 caractères",
        "the name is longer than 200 characters",
    ),
    "register.extra_cells": (
        "{count} cellules pour {columns} colonnes : un séparateur de trop dans un nom ?",
        "{count} cells for {columns} columns: one separator too many in a name?",
    ),
    "register.member_value": (
        "« {value} » dans la colonne member : écrivez oui ou non (true/false, 1/0)",
        "'{value}' in the member column: write true or false (yes/no, oui/non, 1/0)",
    ),
    "register.duplicate": (
        "« {name} » figure déjà dans le registre (ligne {first})",
        "'{name}' is already in the register (line {first})",
    ),
    "register.with_participants": (
        "participants et participants_file ensemble : gardez une seule liste (les invités vont "
        "dans le fichier CSV avec member à non)",
        "participants and participants_file together: keep one list (guests go in the CSV file "
        "with member set to false)",
    ),
    "agenda.err.members_mismatch": (
        "assembly.members vaut {members} mais le registre {file} compte {register} membres : "
        "retirez assembly.members ou corrigez l'un des deux",
        "assembly.members is {members} but the register {file} counts {register} members: "
        "remove assembly.members or correct one of them",
    ),
    # ---------------------------------------------------------------- attendance and proxies
    "att.refused.guest_gives": (
        "Refusé : {name} est invité·e, pas membre, et ne peut pas donner de pouvoir.",
        "Refused: {name} is a guest, not a member, and cannot give a proxy.",
    ),
    "att.refused.guest_holds": (
        "Refusé : {name} est invité·e, pas membre, et ne peut pas recevoir de pouvoir.",
        "Refused: {name} is a guest, not a member, and cannot hold a proxy.",
    ),
    "att.refused.no_holder": (
        "Refusé : {name} est représenté·e, mais par qui ? Nommez le mandataire.",
        "Refused: {name} is represented, but by whom? Name the proxy holder.",
    ),
    "att.refused.self": (
        "Refusé : {name} ne peut pas se représenter soi-même.",
        "Refused: {name} cannot represent themselves.",
    ),
    "att.refused.holder_absent": (
        "Refusé : {name} n'est pas présent·e ; seul un membre présent peut recevoir un pouvoir "
        "(signez d'abord sa présence).",
        "Refused: {name} is not present; only a member present may hold a proxy (sign them in "
        "first).",
    ),
    "att.refused.over_cap": (
        "Refusé : {name} détient déjà {held} pouvoirs, le maximum fixé par les statuts est "
        "{max} (assembly.proxies_max). Confiez ce pouvoir à un autre membre présent.",
        "Refused: {name} already holds {held} proxies, the statutes' maximum is {max} "
        "(assembly.proxies_max). Give this proxy to another member present.",
    ),
    "att.refused.over_cap_one": (
        "Refusé : {name} détient déjà {held} pouvoir, le maximum fixé par les statuts est "
        "{max} (assembly.proxies_max). Confiez ce pouvoir à un autre membre présent.",
        "Refused: {name} already holds {held} proxy, the statutes' maximum is {max} "
        "(assembly.proxies_max). Give this proxy to another member present.",
    ),
    "att.refused.holder_leaves": (
        "Refusé : {name} détient {held} pouvoirs ; confiez-les d'abord à un autre membre "
        "présent (ou marquez les mandants excusés).",
        "Refused: {name} holds {held} proxies; give them to another member present first "
        "(or mark those members excused).",
    ),
    "att.refused.holder_leaves_one": (
        "Refusé : {name} détient {held} pouvoir ; confiez-le d'abord à un autre membre "
        "présent (ou marquez le mandant excusé).",
        "Refused: {name} holds {held} proxy; give it to another member present first "
        "(or mark that member excused).",
    ),
    "att.refused.ballot_cast": (
        "Refusé : un bulletin a déjà été déposé pour {name} dans le vote « {prompt} » ; son "
        "pouvoir reste à {holder} jusqu'à la clôture de ce vote.",
        "Refused: a ballot was already cast for {name} in the vote '{prompt}'; their proxy "
        "stays with {holder} until that vote closes.",
    ),
    "att.refused.tally": (  # {hands}: results.votes, {voters}: att.refused.tally.voters
        "Refusé : {hands} pour {voters} (présents : "
        "{present}, représentés : {represented}). Recomptez, ou complétez l'émargement.",
        "Refused: {hands} for {voters} (present: "
        "{present}, represented: {represented}). Count again, or complete the sign-in.",
    ),
    "att.refused.tally.voters": (
        "{count} membres présents ou représentés",
        "{count} members present or represented",
    ),
    "att.refused.tally.voters_one": (
        "{count} membre présent ou représenté",
        "{count} member present or represented",
    ),
    "att.counts_negative": (
        "Les nombres de présents et de représentés ne peuvent pas être négatifs.",
        "The numbers present and represented cannot be negative.",
    ),
    "att.counts_over": (
        "{total} membres présents ou représentés, plus que les {base} membres du registre.",
        "{total} members present or represented, more than the register's {base} members.",
    ),
    # ---------------------------------------------------------------- quorum
    "quorum.band": (
        "Quorum : {voters} présents ou représentés sur {base}, {required} requis — {verdict}",
        "Quorum: {voters} present or represented out of {base}, {required} required — {verdict}",
    ),
    "quorum.band_one": (
        "Quorum : {voters} présent ou représenté sur {base}, {required} requis — {verdict}",
        "Quorum: {voters} present or represented out of {base}, {required} required — {verdict}",
    ),
    "quorum.reached": ("atteint", "reached"),
    "quorum.missed": ("non atteint", "not reached"),
    "quorum.second_call": (
        "non atteint, 2ᵉ convocation",
        "not reached, second call",
    ),
    "quorum.no_rule": (
        "Présents ou représentés : {voters} sur {base} membres (pas de quorum statutaire)",
        "Present or represented: {voters} out of {base} members (no quorum in the statutes)",
    ),
    "quorum.no_rule_one": (
        "Présent ou représenté : {voters} sur {base} membres (pas de quorum statutaire)",
        "Present or represented: {voters} out of {base} members (no quorum in the statutes)",
    ),
    "quorum.announce": (
        "Avant le vote — {band}",
        "Before the vote — {band}",
    ),
    # ---------------------------------------------------------------- the procès-verbal
    "min.l.guests": ("Invités", "Guests"),
    "min.pv.of_meeting": (" de séance", " of the meeting"),
    "min.pv.scrutineers": ("Scrutateurs", "Scrutineers"),
    "min.pv.scrutineer": ("Scrutateur", "Scrutineer"),
    "min.pv.no_quorum_vote": (
        "Le quorum n'étant pas atteint, l'assemblée ne pouvait valablement délibérer : le vote "
        "est consigné, cette résolution n'est pas adoptée.",
        "The quorum not being reached, the meeting could not validly deliberate: the vote is "
        "recorded, this resolution is not adopted.",
    ),
    "min.pv.quorum_second_call": (
        "Le quorum, fixé à {share} des {base} membres, {required}, n'est pas atteint ; réunie sur seconde convocation, l'assemblée délibère "
        "valablement sans condition de quorum.",
        "The quorum, set at {share} of the {base} members, {required}, is not reached; meeting on second call, the assembly validly "
        "deliberates without a quorum.",
    ),
    "live.next_end.meeting": ("fin de la séance", "end of the meeting"),
    # an assembly's own words where a seminar's say « séminaire » and « compte rendu »
    "live.keys.end.meeting": (
        "y ou Entrée : terminer l'assemblée · Échap ou n : continuer",
        "y or Enter: end the meeting · Esc or n: carry on",
    ),
    "live.end.confirm.meeting": (
        "Dernier point de l'ordre du jour : terminer l'assemblée ? Ses questions restantes sont "
        "posées, puis leurs résultats affichés.",
        "Last item of the agenda: end the meeting? Its remaining prompts are asked, then their "
        "results shown.",
    ),
    "live.closed.title.meeting": ("Assemblée terminée", "Meeting over"),
    "run.closed.meeting": (
        "Séance {id} terminée. Procès-verbal : seminar export {id} --kind pv --format html",
        "Session {id} closed. Minutes of the meeting: seminar export {id} --kind pv --format html",
    ),
    "secretary.console.closed.meeting": (
        "L'assemblée vient de se terminer : les ajouts complètent son procès-verbal.",
        "The meeting has just ended: additions complete its minutes.",
    ),
    "secretary.console.bye.meeting": (
        "{count} enregistrements dans la séance {id}. Procès-verbal : seminar export {id} --kind pv",
        "{count} records in session {id}. Minutes of the meeting: seminar export {id} --kind pv",
    ),
    "secretary.console.bye.meeting_one": (
        "{count} enregistrement dans la séance {id}. Procès-verbal : seminar export {id} --kind pv",
        "{count} record in session {id}. Minutes of the meeting: seminar export {id} --kind pv",
    ),
    # ---------------------------------------------------------------- seminar attendance
    "att.unknown_name": (
        "« {name} » n'est pas dans le registre de cette séance.",
        "'{name}' is not in this session's register.",
    ),
    "att.ambiguous_name": (
        "« {name} » désigne plusieurs personnes : {names}. Précisez.",
        "'{name}' names several people: {names}. Be more precise.",
    ),
    "att.not_assembly": (
        "La séance {id} n'est pas une assemblée générale (pas de bloc assembly: dans son "
        "agenda) : l'émargement s'y fait avec la touche a.",
        "Session {id} is not a general meeting (no assembly: block in its agenda): "
        "attendance there is taken with the key a.",
    ),
    "att.bad_proxy": (
        "--proxy attend « Mandataire:Représenté », pas « {value} ».",
        "--proxy expects 'Holder:Represented', not '{value}'.",
    ),
    "att.present_line": (
        "{name} : présent·e — code personnel : {code}",
        "{name}: present — personal code: {code}",
    ),
    "att.guest_line": ("{name} : présent·e (invité·e)", "{name}: present (guest)"),
    "att.represented_line": (
        "{name} : représenté·e par {holder}",
        "{name}: represented by {holder}",
    ),
    "att.excused_line": ("{name} : excusé·e", "{name}: excused"),
    "att.counts_line": (  # one count.* phrase per count
        "Feuille papier : {present}, {represented}.",
        "Paper sheet: {present}, {represented}.",
    ),
    "att.cards_written": (
        "{count} cartes de membre écrites dans {file}.",
        "{count} member cards written to {file}.",
    ),
    "att.cards_written_one": (
        "{count} carte de membre écrite dans {file}.",
        "{count} member card written to {file}.",
    ),
    "att.cards_title": ("Cartes de membre — {title}", "Member cards — {title}"),
    "att.card_code": ("Code personnel", "Personal code"),
    "att.ask_name": (
        "Nom (quelques lettres suffisent ; Entrée seule pour finir) :",
        "Name (a few letters will do; Enter alone to finish):",
    ),
    "att.ask_which": ("Qui ?", "Who?"),
    "att.ask_status": ("{name} :", "{name}:"),
    "att.ask_holder": ("Représenté·e par (nom du mandataire) :", "Represented by (holder's name):"),
    "att.none_found": ("Personne ne correspond à « {name} ».", "Nobody matches '{name}'."),
    "att.still_open": (
        "L'accueil reste ouvert : Entrée seule encore une fois pour le fermer.",
        "The desk stays open: Enter alone once more to close it.",
    ),
    "att.desk_now": (
        "Émargement enregistré jusqu'ici — présents : {present} · représentés : {represented} "
        "· excusés : {excused}",
        "Attendance recorded so far — present: {present} · represented: {represented} "
        "· excused: {excused}",
    ),
    "help.attendance": (
        "Émargement de l'assemblée générale, dans un autre terminal (l'accueil) : présents, "
        "pouvoirs, excusés ; donne à chaque membre présent son code personnel.",
        "The general meeting's sign-in, from another terminal (the desk at the door): present, "
        "proxies, excused; gives each member present their personal code.",
    ),
    "help.attendance.epilog": (
        "Sans option : recherche d'un nom (accents et casse ignorés), puis présent, représenté "
        "ou excusé.\n\n\b\nExemples :\n"
        '  seminar attendance --present-name "Hélène Marchand"\n'
        '  seminar attendance --proxy "Hélène Marchand:Julien Moreau" --excused Roux\n'
        "  seminar attendance --present 23 --represented 4\n"
        "  seminar attendance --cards cartes.html\n"
        "  seminar attendance --codes",
        "Without options: search a name (accents and case ignored), then present, represented "
        "or excused.\n\n\b\nExamples:\n"
        '  seminar attendance --present-name "Hélène Marchand"\n'
        '  seminar attendance --proxy "Hélène Marchand:Julien Moreau" --excused Roux\n'
        "  seminar attendance --present 23 --represented 4\n"
        "  seminar attendance --cards cards.html\n"
        "  seminar attendance --codes",
    ),
    "help.opt.present_name": (
        "Signe la présence de NOM (répétable).",
        "Sign NAME in as present (repeatable).",
    ),
    "help.opt.proxy": (
        "Pouvoir : « Mandataire:Représenté » (répétable ; le mandataire doit être présent).",
        "Proxy: 'Holder:Represented' (repeatable; the holder must be present).",
    ),
    "help.opt.excused": ("Marque NOM excusé·e (répétable).", "Mark NAME excused (repeatable)."),
    "help.opt.present_count": (
        "Feuille papier : nombre de membres présents (sans les noms).",
        "Paper sheet: the number of members present (without names).",
    ),
    "help.opt.represented_count": (
        "Feuille papier : nombre de membres représentés.",
        "Paper sheet: the number of members represented.",
    ),
    "help.opt.cards": (
        "Écrit une page HTML de cartes de membre (nom, code personnel, QR code).",
        "Writes an HTML page of member cards (name, personal code, QR code).",
    ),
    "help.opt.address": (
        "Adresse de connexion des téléphones (http://…/j/CODE) : les cartes portent son QR code "
        "avec le code du membre.",
        "The phones' join address (http://…/j/CODE): the cards carry its QR code with the "
        "member's code.",
    ),
    "help.opt.codes": (
        "Liste les codes personnels des membres signés présents (à donner à chacun, jamais à "
        "l'écran projeté).",
        "Lists the personal codes of the members signed in present (to give to each, never on "
        "the projected screen).",
    ),
    "att.code_line": ("{name} : {code} ({status})", "{name}: {code} ({status})"),
    "att.codes_missing": (
        "{count} membres sans code : pas encore signés présents.",
        "{count} members without a code: not signed in present yet.",
    ),
    "att.codes_missing_one": (
        "{count} membre sans code : pas encore signé·e présent·e.",
        "{count} member without a code: not signed in present yet.",
    ),
    "att.cards_exists": (
        "{file} existe déjà.",
        "{file} already exists.",
    ),
}
