"""The user's situation (the contract's profile), validated against the vocabulary."""
from dataclasses import dataclass, field

from besliswijzer.reference.catalogue import load_catalogue
from besliswijzer.errors import ProfileError, UnknownIdError

TERM_FIELDS = ("schaal", "thema", "beleidsfase", "niveau")
NUMBER_FIELDS = {"budget_euro": 0, "doorlooptijd_weken": 1}      # field -> minimum
KEYS = ("doelgroep", *TERM_FIELDS, *NUMBER_FIELDS, "gemeente", "ruimte_voor_invloed", "doel", "rol", "onderwerp")
FIELD_NAMES = {"doelgroep": "doelgroep", "schaal": "schaal", "thema": "thema", "beleidsfase": "beleidsfase",
               "niveau": "niveau", "budget_euro": "budget", "doorlooptijd_weken": "doorlooptijd"}
# Dutch articles: "het budget", but "de doorlooptijd".
_ARTICLE = {"budget": "Het", "doorlooptijd": "De"}
_EXAMPLE = {"budget": "15000", "doorlooptijd": "12"}


@dataclass
class Profile:
    doelgroep: list = field(default_factory=list)
    schaal: str = None
    thema: str = None
    beleidsfase: str = None
    niveau: str = None
    budget_euro: int = None
    doorlooptijd_weken: int = None
    gemeente: str = None
    # Additions to the contract: preconditions and goal (the design notes on the domain, Brabants Participatiekompas).
    ruimte_voor_invloed: bool = None     # False: the decision is taken, only informing is honest
    doel: str = None                     # begrip | draagvlak | deskundigheid | eigenaarschap | verantwoordelijkheid
    rol: str = None                      # role of the municipality (NSOB): caps the rung
    onderwerp: str = None                # kind of project (windpark, ...): the choices left when no room

    @classmethod
    def from_dict(cls, data, catalogue=None) -> "Profile":
        """Build a profile; ids, labels and synonyms are accepted. Raises ProfileError / UnknownIdError."""
        if isinstance(data, Profile):
            return data
        if not isinstance(data, dict):
            raise ProfileError("Het profiel moet velden met een naam hebben (een JSON-object), "
                               "zoals {\"doelgroep\": [\"ouderen\"]}.")
        cat = catalogue or load_catalogue()
        unknown = sorted(k for k in data if k not in KEYS)
        if unknown:
            raise ProfileError(f"Onbekend veld in het profiel: {', '.join(unknown)}. "
                               f"Bekende velden zijn: {', '.join(KEYS)}.")
        values = {k: v for k, v in data.items() if v is not None and v != ""}
        profile = cls(doelgroep=_groups(values.get("doelgroep"), cat))
        for key in TERM_FIELDS:
            if key in values:
                setattr(profile, key, _term(cat, key, values[key]))
        for key, minimum in NUMBER_FIELDS.items():
            if key in values:
                setattr(profile, key, _number(key, values[key], minimum))
        if "gemeente" in values:
            if not isinstance(values["gemeente"], str):
                raise ProfileError("De gemeente moet een naam zijn, zoals \"Hengelo\".")
            profile.gemeente = " ".join(values["gemeente"].split()) or None
        if "ruimte_voor_invloed" in values:
            if not isinstance(values["ruimte_voor_invloed"], bool):
                raise ProfileError("'ruimte_voor_invloed' moet true of false zijn.")
            profile.ruimte_voor_invloed = values["ruimte_voor_invloed"]
        for key, allowed in cat.preconditions.items():      # doel, rol, onderwerp
            if key in values:
                if values[key] not in allowed:
                    raise UnknownIdError(key, values[key], message=(
                        f"'{values[key]}' ken ik niet als {key}. Kies uit: {', '.join(allowed)}."))
                setattr(profile, key, values[key])
        return profile

    def as_dict(self) -> dict:
        """Contract keys (plus additions that are set); None values are left out."""
        return {k: (list(v) if isinstance(v, list) else v)
                for k in KEYS if (v := getattr(self, k)) is not None}

    @property
    def expected_sizes(self):
        """Group sizes expected at this scale (empty when the scale is unknown)."""
        if not self.schaal:
            return ()
        return load_catalogue().vocabulary["schaal"][self.schaal].group_sizes


def _term(cat, entity, value):
    if not isinstance(value, str):
        raise ProfileError(f"Elke waarde bij '{entity}' moet een woord tussen aanhalingstekens zijn, "
                           f"zoals \"{cat.ids(entity)[0]}\".")
    return cat.require(entity, value)


def _groups(value, cat):
    if value is None:
        raise ProfileError("Het profiel mist de doelgroep. Voor wie is de participatie bedoeld? "
                           "Bijvoorbeeld: [\"inwoners\"] of [\"ouderen\", \"jongeren\"].")
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not value:
        raise ProfileError("De doelgroep moet een lijst met minstens één groep zijn, zoals [\"ouderen\"].")
    groups = []
    for item in value:
        ident = _term(cat, "doelgroep", item)
        if ident not in groups:
            groups.append(ident)
    return groups


def _number(key, value, minimum):
    name = FIELD_NAMES[key]
    the = f"{_ARTICLE[name]} {name}"
    if isinstance(value, bool):
        raise ProfileError(f"{the} moet een getal zijn.")
    if isinstance(value, str):
        text = value.strip().replace(".", "").replace(" ", "")
        if not text.isdigit():
            raise ProfileError(f"{the} moet een heel getal zijn, zoals {_EXAMPLE[name]}. Ik las: '{value}'.")
        value = int(text)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        raise ProfileError(f"{the} moet een heel getal zijn.")
    if value < minimum:
        raise ProfileError(f"{the} moet minstens {minimum} zijn.")
    return value
