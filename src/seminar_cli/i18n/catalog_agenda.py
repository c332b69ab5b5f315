"""Messages about agenda files: loading, validation, and the ``agenda`` commands."""

MESSAGES: dict[str, tuple[str, str]] = {
    # loading
    "agenda.no_file": ("Fichier d'agenda introuvable : {file}", "Agenda file not found: {file}"),
    "agenda.is_dir": (
        "{file} est un dossier, pas un fichier d'agenda.",
        "{file} is a folder, not an agenda file.",
    ),
    "agenda.unreadable": (
        "Impossible de lire {file} : permission refusée.",
        "Cannot read {file}: permission denied.",
    ),
    "agenda.unreadable_os": (
        "Impossible de lire {file} : {reason}",
        "Cannot read {file}: {reason}",
    ),
    "agenda.too_large": (
        "{file} est trop volumineux pour être un agenda (plus de 2 Mo).",
        "{file} is too large to be an agenda (over 2 MB).",
    ),
    "agenda.endless": (
        "{file} n'est pas un fichier ordinaire et donne plus de 2 Mo sans finir (un périphérique "
        "ou un tube ?) : un agenda est un fichier YAML d'une page ou deux.",
        "{file} is not a regular file and gives over 2 MB without ending (a device or a pipe?): "
        "an agenda is a YAML file of a page or two.",
    ),
    "agenda.not_agenda": (
        "{file} n'est pas un agenda : aucune de ses clés n'est une clé d'agenda (title:, "
        "segments:…). Rien du fichier n'est cité, il pourrait être confidentiel.",
        "{file} is not an agenda: none of its keys is an agenda key (title:, segments:…). "
        "Nothing of the file is quoted, it could be confidential.",
    ),
    "agenda.binary": (
        "{file} n'est pas un fichier texte (il contient des octets nuls) : un agenda est un fichier YAML.",
        "{file} is not a text file (it contains null bytes): an agenda is a YAML file.",
    ),
    "agenda.not_utf8": (
        "{file} n'est pas encodé en UTF-8 (octet invalide ligne {line}, colonne {column}). "
        "Enregistrez-le en UTF-8.",
        "{file} is not UTF-8 encoded (invalid byte at line {line}, column {column}). Save it as "
        "UTF-8.",
    ),
    "agenda.yaml_syntax": (
        "{file}, ligne {line}, colonne {column} : erreur de syntaxe YAML — {problem}",
        "{file}, line {line}, column {column}: YAML syntax error — {problem}",
    ),
    "agenda.yaml_syntax_nowhere": (
        "{file} : erreur de syntaxe YAML — {problem}",
        "{file}: YAML syntax error — {problem}",
    ),
    "agenda.yaml_value": (
        "{file} : une valeur marquée d'une étiquette YAML explicite (!!…) est illisible : "
        "{problem}",
        "{file}: a value marked with an explicit YAML tag (!!…) cannot be read: {problem}",
    ),
    "agenda.yaml_char": (
        "{file}, ligne {line}, colonne {column} : caractère de contrôle interdit (code {code}) "
        "dans un fichier YAML ; supprimez-le.",
        "{file}, line {line}, column {column}: control character not allowed in a YAML file "
        "(code {code}); delete it.",
    ),
    "agenda.yaml_tag": (
        "{file}, ligne {line} : l'étiquette YAML « {tag} » est refusée. Un agenda ne contient que "
        "du texte, des nombres, des listes et des dictionnaires ; rien n'a été exécuté.",
        "{file}, line {line}: the YAML tag '{tag}' is refused. An agenda holds only text, "
        "numbers, lists and mappings; nothing was executed.",
    ),
    "agenda.too_deep": (
        "{file} est trop imbriqué pour être un agenda (listes ou dictionnaires emboîtés à "
        "l'excès).",
        "{file} is nested too deeply to be an agenda (lists or mappings inside each other, too "
        "many levels).",
    ),
    # PyYAML's problems, in plain words ({detail}: PyYAML's own text)
    "agenda.yaml.tab": (
        "tabulation interdite en YAML : indentez avec des espaces",
        "tab characters are not allowed in YAML: indent with spaces",
    ),
    "agenda.yaml.bad_start": (
        "une valeur ne peut pas commencer par {detail} ; mettez-la entre guillemets",
        "a value cannot start with {detail}; put it in quotes",
    ),
    "agenda.yaml.colon": (
        "« : » inattendu ; si la valeur contient « : », mettez-la entre guillemets, sinon "
        "vérifiez l'indentation",
        "unexpected ':'; if the value contains ':', put it in quotes, otherwise check the "
        "indentation",
    ),
    "agenda.yaml.expected_colon": (
        "« : » attendu après une clé (clé: valeur)",
        "':' expected after a key (key: value)",
    ),
    "agenda.yaml.indent": (
        "indentation incohérente, ou crochet non refermé",
        "inconsistent indentation, or an unclosed bracket",
    ),
    "agenda.yaml.dash": (
        "« - » inattendu : un élément de liste est mal indenté",
        "unexpected '-': a list item is badly indented",
    ),
    "agenda.yaml.alias": (
        "alias (*nom) sans ancre (&nom) correspondante",
        "alias (*name) without a matching anchor (&name)",
    ),
    "agenda.yaml.anchor": (
        "la même ancre (&nom) est définie deux fois",
        "the same anchor (&name) is defined twice",
    ),
    "agenda.yaml.unclosed_quote": (
        "fin du fichier inattendue : un guillemet n'est pas refermé",
        "unexpected end of file: a quote is not closed",
    ),
    "agenda.yaml.unclosed_bracket": (
        "crochet [ ] ou accolade {{ }} non refermé, ou virgule manquante",
        "unclosed bracket [ ] or brace {{ }}, or a missing comma",
    ),
    "agenda.yaml.node_content": (
        "une valeur est attendue ici",
        "a value is expected here",
    ),
    "agenda.yaml.escape": (
        "séquence d'échappement inconnue entre guillemets doubles ; utilisez des guillemets "
        "simples ou doublez la barre oblique inverse",
        "unknown escape sequence in double quotes; use single quotes or double the backslash",
    ),
    "agenda.yaml.after_value": (
        "texte inattendu après une valeur (entre guillemets ?)",
        "unexpected text after a value (in quotes?)",
    ),
    "agenda.yaml.documents": (
        "un seul document par fichier : retirez les « --- » supplémentaires",
        "one document per file: remove the extra '---'",
    ),
    "agenda.yaml.merge": (
        "« <<: » ne fusionne qu'un dictionnaire désigné par une ancre (<<: *nom)",
        "'<<:' merges only a mapping named by an anchor (<<: *name)",
    ),
    "agenda.yaml.unhashable": (
        "une clé ne peut être ni une liste ni un dictionnaire",
        "a key can be neither a list nor a mapping",
    ),
    "agenda.empty": (
        "{file} est vide : un agenda doit au moins avoir un titre (title) et des séquences (segments).",
        "{file} is empty: an agenda needs at least a title and segments.",
    ),
    "agenda.not_mapping": (
        "{file} : un agenda doit être un dictionnaire YAML (title:, segments:…), pas une liste ni "
        "une valeur seule.",
        "{file}: an agenda must be a YAML mapping (title:, segments:…), not a list or a single value.",
    ),
    "agenda.too_complex": (
        "{file} est trop complexe (alias YAML démesurés) : refusé par sécurité.",
        "{file} is too complex (runaway YAML aliases): refused for safety.",
    ),
    "agenda.invalid": ("{file} n'est pas un agenda valide :", "{file} is not a valid agenda:"),
    "agenda.top_level": ("racine du fichier", "top level"),
    "agenda.line": ("ligne {line}", "line {line}"),
    "agenda.quoted": ("« {text} »", "'{text}'"),
    "agenda.problem": ("{prefix}{place} : {message}", "{prefix}{place}: {message}"),
    "agenda.not_found": (
        "Agenda inconnu : « {name} ». Donnez un chemin de fichier ou le nom d'un agenda fourni "
        "({names}).",
        "Unknown agenda: '{name}'. Give a file path or the name of a bundled agenda ({names}).",
    ),
    # validation (pydantic error types and our own)
    "agenda.err.missing": ("champ obligatoire manquant", "required field missing"),
    "agenda.err.invalid_key": (
        "le nom d'un champ doit être un texte, pas {input}",
        "a field name must be text, not {input}",
    ),
    "agenda.err.control_char": (
        "contient un caractère de contrôle invisible (U+{code}) : supprimez-le",
        "contains an invisible control character (U+{code}): delete it",
    ),
    "agenda.err.null": (
        "valeur vide : écrivez une valeur après les deux-points",
        "empty value: write a value after the colon",
    ),
    "agenda.err.other": ("valeur invalide {input} ({detail})", "invalid value {input} ({detail})"),
    "agenda.err.dup_key": (
        "la clé « {key} » apparaît deux fois (la seconde écraserait la première)",
        "the key '{key}' appears twice (the second would overwrite the first)",
    ),
    "agenda.err.string_type_scalar": (
        'doit être un texte : écrivez-le entre guillemets, "{raw}"',
        'must be text: write it in quotes, "{raw}"',
    ),
    "agenda.err.extra_forbidden": (
        "champ inconnu (faute de frappe ?)",
        "unknown field (a typo?)",
    ),
    "agenda.err.string_type": ("doit être un texte", "must be text"),
    "agenda.err.string_too_short": ("ne doit pas être vide", "must not be empty"),
    "agenda.err.string_too_long": (
        "texte trop long (au plus {max_length} caractères)",
        "text too long (at most {max_length} characters)",
    ),
    "agenda.err.string_pattern_mismatch": (
        "identifiant invalide {input} : lettres sans accents, chiffres, - et _ seulement",
        "invalid identifier {input}: plain letters, digits, - and _ only",
    ),
    "agenda.err.int_type": ("doit être un nombre entier", "must be a whole number"),
    "agenda.err.int_parsing": (
        "doit être un nombre entier, pas {input}",
        "must be a whole number, not {input}",
    ),
    "agenda.err.int_from_float": ("doit être un nombre entier", "must be a whole number"),
    "agenda.err.float_type": ("doit être un nombre", "must be a number"),
    "agenda.err.float_parsing": (
        "doit être un nombre, pas {input}",
        "must be a number, not {input}",
    ),
    "agenda.err.bool_type": ("doit être true ou false", "must be true or false"),
    "agenda.err.bool_parsing": (
        "doit être true ou false, pas {input}",
        "must be true or false, not {input}",
    ),
    "agenda.err.enum": (
        "valeur {input} inconnue ; valeurs possibles : {expected}",
        "unknown value {input}; expected one of: {expected}",
    ),
    "agenda.err.literal_error": (
        "valeur {input} inconnue ; valeurs possibles : {expected}",
        "unknown value {input}; expected one of: {expected}",
    ),
    "agenda.err.list_type": ("doit être une liste (- élément)", "must be a list (- item)"),
    "agenda.err.dict_type": (
        "doit être un dictionnaire (clé: valeur)",
        "must be a mapping (key: value)",
    ),
    "agenda.err.model_type": (
        "doit être un dictionnaire (clé: valeur), pas {input}",
        "must be a mapping (key: value), not {input}",
    ),
    "agenda.err.model_attributes_type": (
        "doit être un dictionnaire (clé: valeur)",
        "must be a mapping (key: value)",
    ),
    "agenda.err.too_short": (
        "il en faut au moins {min_length}",
        "at least {min_length} needed",
    ),
    "agenda.err.greater_than_equal": ("doit être au moins {ge}", "must be at least {ge}"),
    "agenda.err.less_than_equal": ("doit être au plus {le}", "must be at most {le}"),
    "agenda.err.duration": (
        "durée invalide « {value} » : écrivez par exemple 15m, 1h30, 90s, 1h ou un nombre de "
        "minutes (plus que zéro, 24 h au plus)",
        "invalid duration '{value}': write for example 15m, 1h30, 90s, 1h or a number of minutes "
        "(more than zero, 24 h at most)",
    ),
    "agenda.err.clock": (
        'heure invalide « {value} » : écrivez HH:MM entre guillemets, par exemple "14:00"',
        "invalid time '{value}': write HH:MM in quotes, for example \"14:00\"",
    ),
    "agenda.err.choices_needed": (
        "ce type de question demande au moins deux choix (choices)",
        "this type of prompt needs at least two choices",
    ),
    "agenda.err.choices_unique": (
        "les choix doivent être tous différents (« {choice} » apparaît deux fois)",
        "choices must be distinct ('{choice}' appears twice)",
    ),
    "agenda.err.choices_forbidden": (
        "pas de choix (choices) pour une question de type {type} : ses réponses sont fixées",
        "no choices for a prompt of type {type}: its answers are fixed",
    ),
    "agenda.err.rating_range": (
        "échelle invalide : min ({min}) doit être plus petit que max ({max})",
        "invalid scale: min ({min}) must be less than max ({max})",
    ),
    "agenda.err.rating_wide": (
        "échelle trop large (au plus 100 crans)",
        "scale too wide (at most 100 steps)",
    ),
    "agenda.err.label_out": (
        "libellé pour {value} hors de l'échelle {min}..{max}",
        "label for {value} outside the scale {min}..{max}",
    ),
    "agenda.err.labels_forbidden": (
        "les libellés (labels) ne vont qu'avec une question de type rating",
        "labels only go with a rating prompt",
    ),
    "agenda.err.picks_range": (
        "nombre de choix à cocher invalide : min {min}, max {max}, pour {count} choix",
        "invalid number of picks: min {min}, max {max}, for {count} choices",
    ),
    "agenda.err.majority_forbidden": (
        "majority ne va qu'avec une question de type vote, pas {type} : retirez-la, ou écrivez "
        "type: vote",
        "majority only goes with a vote prompt, not {type}: remove it, or write type: vote",
    ),
    "agenda.validate.warn_at_long": (
        "Attention : {place} · warn_at {warn} n'est pas plus court que la séquence ({duration}) : "
        "cet avertissement ne s'affichera jamais.",
        "Warning: {place} · warn_at {warn} is not shorter than the segment ({duration}): this "
        "warning will never show.",
    ),
    "agenda.err.minmax_forbidden": (
        "min et max ne vont qu'avec une question rating ou multi, pas {type}",
        "min and max only go with a rating or multi prompt, not {type}",
    ),
    "agenda.err.segment_dup": (
        "l'identifiant « {id} » est déjà celui de {first} : donnez à chaque séquence son propre "
        "id (sans id, il est tiré du titre)",
        "the id '{id}' is already the one of {first}: give each segment its own id (without "
        "an id, it comes from the title)",
    ),
    "agenda.err.prompt_dup": (
        "l'identifiant « {id} » est déjà celui de la question {first} : chaque question de "
        "l'agenda a son propre id",
        "the id '{id}' is already the one of the prompt {first}: every prompt of the agenda "
        "needs its own id",
    ),
    "agenda.err.person_dup": (
        "« {name} » figure déjà dans la liste des participants ({first})",
        "'{name}' is already in the participants list ({first})",
    ),
    # agenda commands
    "agenda.list.title": ("Agendas disponibles", "Available agendas"),
    "agenda.list.name": ("Nom", "Name"),
    "agenda.list.origin": ("Origine", "Origin"),
    "agenda.list.bundled": ("fourni", "bundled"),
    "agenda.list.local": ("./agendas", "./agendas"),
    "agenda.list.agenda_title": ("Titre", "Title"),
    "agenda.list.segments": ("Séquences", "Segments"),
    "agenda.list.duration": ("Durée", "Duration"),
    "agenda.list.invalid": ("invalide", "invalid"),
    "agenda.list.default": ("par défaut", "default"),
    "agenda.list.invalid_hint": (
        "{file} est invalide ; pour voir pourquoi : seminar agenda validate {file}",
        "{file} is invalid; to see why: seminar agenda validate {file}",
    ),
    "agenda.show.percent": ("{value} %", "{value}%"),
    "agenda.majority.simple": ("simple", "simple"),
    "agenda.majority.absolute": ("absolue", "absolute"),
    "agenda.majority.two_thirds": ("des deux tiers", "two-thirds"),
    "agenda.show.start": ("Début", "Start"),
    "agenda.show.end": ("Fin", "End"),
    "agenda.show.duration": ("Durée", "Duration"),
    "agenda.show.segment": ("Séquence", "Segment"),
    "agenda.show.kind": ("Type", "Kind"),
    "agenda.show.fixed": ("fixe", "fixed"),
    "agenda.show.total": ("Total", "Total"),
    "agenda.show.followed_by": ("Suivi de : {what}", "Followed by: {what}"),
    "agenda.show.overrun": (
        "Attention : le programme dépasse l'heure de fin ({ends_by}) de {over}.",
        "Warning: the plan runs past the hard stop ({ends_by}) by {over}.",
    ),
    "agenda.show.fits": (
        "Le programme tient avant {ends_by} (marge : {margin}).",
        "The plan fits before {ends_by} (margin: {margin}).",
    ),
    "agenda.show.roster": ("{count} participants inscrits", "{count} participants on the roster"),
    "agenda.show.roster_one": ("1 participant inscrit", "1 participant on the roster"),
    "agenda.show.assembly": (
        "Assemblée : {body}, {members} membres, quorum {quorum}, majorité {majority}",
        "Assembly: {body}, {members} members, quorum {quorum}, majority {majority}",
    ),
    "agenda.validate.ok": (
        "{file} : valide ({segments}, {prompts}, {duration})",
        "{file}: valid ({segments}, {prompts}, {duration})",
    ),
    "agenda.n_segments_one": ("{count} séquence", "{count} segment"),
    "agenda.n_segments": ("{count} séquences", "{count} segments"),
    "agenda.n_prompts_one": ("{count} question", "{count} prompt"),
    "agenda.n_prompts": ("{count} questions", "{count} prompts"),
    "agenda.validate.summary_bad": (
        "{count} fichiers invalides sur {total}.",
        "{count} invalid files out of {total}.",
    ),
    "agenda.validate.summary_bad_one": (
        "{count} fichier invalide sur {total}.",
        "{count} invalid file out of {total}.",
    ),
    "agenda.new.exists": (
        "{file} existe déjà : choisissez un autre nom ou ajoutez --force pour l'écraser.",
        "{file} already exists: choose another name or add --force to overwrite it.",
    ),
    "agenda.new.written": (
        "Agenda écrit dans {file}. Vérifiez-le avec : seminar agenda validate {file}",
        "Agenda written to {file}. Check it with: seminar agenda validate {file}",
    ),
    "agenda.new.ask_title": ("Titre du séminaire :", "Seminar title:"),
    "agenda.new.ask_organization": (
        "Organisation (Entrée pour passer) :",
        "Organisation (Enter to skip):",
    ),
    "agenda.new.ask_language": ("Langue du séminaire :", "Seminar language:"),
    "agenda.new.ask_starts_at": (
        "Heure de début (HH:MM, Entrée pour passer) :",
        "Start time (HH:MM, Enter to skip):",
    ),
    "agenda.new.ask_ends_by": (
        "Heure de fin impérative (HH:MM, Entrée pour passer) :",
        "Hard stop time (HH:MM, Enter to skip):",
    ),
    "agenda.new.ask_segment": (
        "Titre de la séquence {n} (Entrée pour terminer) :",
        "Title of segment {n} (Enter to finish):",
    ),
    "agenda.new.ask_duration": ("Durée (ex. 15m, 1h30) :", "Duration (e.g. 15m, 1h30):"),
    "agenda.new.ask_kind": ("Type de séquence :", "Segment kind:"),
    "agenda.new.bad_duration": (
        "Durée invalide : essayez 15m, 1h30, 90s ou 20.",
        "Invalid duration: try 15m, 1h30, 90s or 20.",
    ),
    "agenda.new.bad_time": (
        "Heure invalide : écrivez HH:MM, par exemple 14:00.",
        "Invalid time: write HH:MM, for example 14:00.",
    ),
    "agenda.new.need_segment": (
        "Il faut au moins une séquence.",
        "At least one segment is needed.",
    ),
    "agenda.new.default_title": ("Mon séminaire", "My seminar"),
    "agenda.new.template.welcome": ("Accueil", "Welcome"),
    "agenda.new.template.discussion": ("Échange", "Discussion"),
    "agenda.new.template.closing": ("Clôture", "Closing"),
    "agenda.new.lang.fr": ("français", "French"),
    "agenda.new.lang.en": ("anglais", "English"),
}
