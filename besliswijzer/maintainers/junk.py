"""Telling junk from real questions in the inbox: markup, payload strings, gibberish, floods.

Fuzzing, tests and bored visitors send things no one can learn from: "{}", "/restart",
"<script>", "javascript:alert(1)", "asdfghjkl", a row of emoji. The inbox marks them `rommel`
and lists them after the real messages, so a maintainer starts with what people meant to ask.
A message with real words beside a bit of junk ("asdf, mail mij op ...") is not junk.
"""
from __future__ import annotations

import re

from besliswijzer.text.fold import fold

__all__ = ["is_junk", "junk_key"]

# Markup, script and injection fragments: no one asks the besliswijzer a question like this.
_MARKUP = re.compile(
    r"<\s*/?\s*[a-z!?][^>]*>|javascript\s*:|\bon[a-z]+\s*=|\{\{|\}\}|\$\{|<\?php|\bunion\s+select\b|"
    r"\bdrop\s+table\b|'\s*or\s+'?1'?\s*=\s*'?1|\.\./|%[0-9a-f]{2}%[0-9a-f]{2}|\\x[0-9a-f]{2}|\\u[0-9a-f]{4}",
    re.IGNORECASE)
# A payload or command: "/restart", "{...}", "[...]", "session_start", "advies_vragen{...}".
_PAYLOAD = re.compile(r"^\s*(/\S*|[{\[].*[}\]]|[a-z]+(_[a-z]+)+(\{.*\})?)\s*$", re.IGNORECASE | re.DOTALL)
_URL_ONLY = re.compile(r"^\s*(https?://|www\.)\S+\s*$", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]+")
_VOWELS = set("aeiouy")
# Rows of a keyboard, both ways: "asdf", "qwerty", "lkjh" are typed, not meant.
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn")
_ROWS = _ROWS + tuple(row[::-1] for row in _ROWS)
_LONG_CONSONANTS = re.compile(r"[b-df-hj-np-tv-xz]{7,}")
_PLACEHOLDER = re.compile(r"\[(e-mail|telefoon|adres|iban|nummer|naam)\]")


def _gibberish(word: str) -> bool:
    """A typed word no language has: no vowel, a keyboard row, a wall of consonants, a loop."""
    if len(word) < 4:
        return False
    if len(word) >= 5 and not _VOWELS & set(word):     # "html", "wmo": abbreviations are short
        return True
    if any(word in row for row in _ROWS) or any(word[i:i + 5] in row for row in _ROWS
                                                  for i in range(len(word) - 4)):
        return True
    if _LONG_CONSONANTS.search(word):
        return True
    # Repeated bits: "hahahahaha", "blablablabla", "abcabcabc".
    return bool(re.fullmatch(r"(.{1,3})\1{3,}.{0,2}", word))


def is_junk(text: str) -> bool:
    """Whether a message is junk rather than a question or answer someone meant."""
    raw = (text or "").strip()
    if not raw:
        return True
    bare = raw.rstrip("!?.,;: ")
    if _MARKUP.search(raw) or _PAYLOAD.match(bare or raw) or _URL_ONLY.match(bare or raw):
        return True
    plain = _PLACEHOLDER.sub(" ", fold(raw))
    letters = _LETTER.findall(plain)
    visible = [c for c in plain if not c.isspace()]
    # Emoji, punctuation or digits only, or mostly: "🙂🙂🙂", "?!?!", "12345", "....a".
    if len(letters) < 2 or len(letters) < 0.5 * len(visible):
        return True
    # One character over and over: "aaaaaaa", "jaaaaaaaaaaa" stays a word only when short.
    if re.search(r"(.)\1{5,}", plain) and len(set(letters)) <= 3:
        return True
    words = _WORD.findall(plain)
    if any(len(w) > 40 for w in words):               # a token, key or base64, not a word
        return True
    odd = sum(1 for w in words if _gibberish(w))
    return odd > 0 and odd * 2 >= len(words)


def junk_key(text: str) -> str:
    """What junk is grouped by: folded, runs of one character made one ("!!!!" and "!!" alike)."""
    return re.sub(r"(.)\1+", r"\1", " ".join(fold(text).split()))
