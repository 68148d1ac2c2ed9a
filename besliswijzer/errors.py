"""Errors of the core. Every error carries a Dutch message (B1) that can be shown to a user as is."""


class BesliswijzerError(Exception):
    """Base class; `.message` is Dutch text for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UnknownIdError(BesliswijzerError):
    """An id (methode, tool, doelgroep, ...) that the catalogue does not know."""

    def __init__(self, kind: str, value, suggestions=(), message: str = None):
        self.kind = kind
        self.value = value
        self.suggestions = list(suggestions)
        if message is None:
            message = f"'{value}' ken ik niet als {kind}."
            if self.suggestions:
                options = ", ".join(f"'{s}'" for s in self.suggestions)
                message += f" Bedoelt u misschien {options}?"
        super().__init__(message)


class ProfileError(BesliswijzerError):
    """A profile that cannot be used (missing doelgroep, wrong type, negative budget ...)."""


class DatabaseUnavailableError(BesliswijzerError):
    """The case database cannot be used right now (locked, missing, unreachable)."""


class CaseImportError(BesliswijzerError):
    """A case file with errors. `.errors` lists each problem, naming record and field in Dutch."""

    def __init__(self, errors, message: str = None):
        self.errors = list(errors)
        if message is None:
            count = len(self.errors)
            message = (f"Het bestand is niet ingelezen: {count} fout{'en' if count != 1 else ''} gevonden. "
                       "Er is niets opgeslagen.\n" + "\n".join(f"- {e}" for e in self.errors))
        super().__init__(message)


class AssessmentError(BesliswijzerError):
    """Answers to the assessment questions that cannot be scored."""


class DataFileError(BesliswijzerError):
    """A broken file in besliswijzer/data (for maintainers; names file and place)."""
