"""The password policy: long enough, not common, not guessable from the account, and hard enough
to guess by zxcvbn's estimate (Dropbox's estimator: dictionaries, keyboard patterns, repeats,
dates, l33t; the words of this site and of the account count as known).

Shared by the login-related forms, the admin pages and the ``users`` CLI through
``registry.auth.services``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from flask_babel import gettext as _
from zxcvbn import zxcvbn

from registry.text import fold

MIN_LENGTH = 12
COMMON_FILE = Path(__file__).with_name("common_passwords.txt")
#: Runs of keys or letters a person types without thinking.
SEQUENCES = ("qwertyuiopasdfghjklñzxcvbnm", "abcdefghijklmnñopqrstuvwxyz", "01234567890")
_EDGES = re.compile(r"^[\W\d_]+|[\W\d_]+$")
#: zxcvbn's score the password must reach: 3 is "safely unguessable" (about 10⁸ guesses or more).
MIN_SCORE = 3
#: zxcvbn's time grows with the length; what comes after this many characters is not estimated.
ESTIMATE_LENGTH = 64
#: Words any attacker of this site would try first.
SITE_WORDS = (
    "oaxaca",
    "juarez",
    "municipio",
    "registro",
    "metropolitano",
    "metropolitana",
    "zmo",
    "convenio",
    "admin",
    "administracion",
    "contraseña",
    "contrasena",
)


@cache
def common_bases() -> frozenset[str]:
    lines = COMMON_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line) for line in lines if line.strip() and not line.startswith("#"))


def password_problem(password: str, *, email: str = "", full_name: str = "") -> str | None:
    """Why ``password`` is not acceptable for this account, or None."""
    if len(password) < MIN_LENGTH:
        return _("La contraseña debe tener al menos %(n)d caracteres.", n=MIN_LENGTH)
    folded = fold(password).replace(" ", "")
    if len(set(folded)) < 5:
        return _("La contraseña repite muy pocos caracteres distintos; elija una más variada.")
    base = _EDGES.sub("", folded)
    if not base or base in common_bases() or _is_sequence(base) or _is_sequence(folded):
        return _("Esa contraseña es demasiado común o fácil de adivinar; elija otra.")
    personal = [fold(email).split("@")[0], *fold(full_name).split()]
    if any(len(word) >= 4 and word in folded for word in personal):
        return _("La contraseña no debe contener su nombre ni su correo.")
    estimate = zxcvbn(password[:ESTIMATE_LENGTH], user_inputs=[*SITE_WORDS, *personal])
    if estimate["score"] < MIN_SCORE:
        return _(
            "Esa contraseña es fácil de adivinar (palabras, fechas, teclas seguidas o "
            "repeticiones); elija una más larga, por ejemplo varias palabras que no vayan juntas."
        )
    return None


def _is_sequence(text: str) -> bool:
    """A run of consecutive keys or letters, forwards or backwards (repeats included)."""
    letters = re.sub(r"(.+?)\1+$", r"\1", text)  # "abcabcabc" → "abc"
    return any(letters in run or letters[::-1] in run for run in SEQUENCES)
