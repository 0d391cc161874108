"""Spotting advice dressed as a question in a coach's note, to suggest re-coding it.

A coach presses `q` (or `c`) as a member speaks and types what they said. When the words are
the familiar shapes of advice ("Have you tried…?", "You should…", "In my experience…"), the
console can offer to re-code: to `leading-question` when the note is phrased as a question,
to `advice` when it is a statement. It only ever suggests; the coach decides.
"""

from __future__ import annotations

import re

__all__ = ["QUESTION_CODES", "is_advice_like", "is_question_form", "suggest_recode"]

QUESTION_CODES = frozenset({"open-question", "closed-question"})

# Each pattern is a habit of advice-giving seen in action learning sets.
_ADVICE = re.compile(
    "|".join(
        (
            r"\bhave you (?:ever )?(?:tried|thought (?:about|of)|considered|looked (?:at|into)"
            r"|asked|spoken to|talked to|gone to)\b",
            r"\bdid you (?:try|consider|think (?:about|of))\b",
            r"\bwhy (?:don't|do not|wouldn't|would not|can't) you\b",
            r"\bwhy not\b",
            r"(?<!do )(?<!would )(?<!did )(?<!will )\byou (?:really |probably |just |definitely )?"
            r"(?:should|ought to|need to|must|have to|could|might want to"
            r"|may want to|might try|might consider|can always|can just)\b",
            r"\byou(?:'ve| have) got to\b",
            r"\bwhat if you\b",
            r"\b(?:what|how) about (?:\w+ing|a |an |just)\b",
            r"\bin my experience\b",
            r"\bwhen i (?:was|had|did)\b",
            r"\bwhat (?:i did|worked for me|i'd do|i would do)\b",
            r"\bi(?: would|'d) (?!like to (?:ask|know|understand|hear|check)\b)",
            r"\bif i (?:were|was) you\b",
            r"\bmy (?:advice|suggestion|tip)\b",
            r"\bi(?: would|'d)? (?:suggest|recommend)\b",
            r"\b(?:could|can) you not\b",
            r"\b(?:couldn't|can't|cannot) you\b",
            r"\b(?:could|can) you (?:just|simply)\b",
            r"\b(?:wouldn't|would) it (?:not )?(?:be (?:better|easier|simpler|wiser|best|worth)"
            r"|make (?:more )?sense)\b",
            r"\b(?:shouldn't|should) you\b",
            r"\bdon't you think\b",
            r"\bisn't (?:it (?:time|better|obvious|easier)"
            r"|the (?:real )?(?:problem|issue|answer))\b",
            r"\bis it (?:not )?worth\b",
            r"\bit (?:might|would|could|may) be (?:worth|better|wise|a good idea|good to)\b",
            r"\b(?:it's|it is) (?:worth|better to)\b",
            r"\bthe best thing (?:to do|would be|is to)\b",
            r"\bwould you (?:consider|think about)\b",
            r"\b(?:any|a) reason (?:why )?you (?:haven't|didn't|don't|can't|wouldn't)\b",
            r"^(?:just|try|go|stop|start|get|book|send|put|ask (?!me\b|us\b)"
            r"|tell (?!me\b|us\b)|talk to|speak to)\b",
        )
    ),
)

_QUESTION_START = re.compile(
    r"^(?:what|how|why|when|where|who|whom|whose|which|is|are|am|was|were|do|does|did|have|"
    r"has|had|can|could|would|will|shall|should|may|might|isn't|aren't|don't|doesn't|didn't|"
    r"haven't|hasn't|wouldn't|couldn't|won't|shouldn't|can't)\b"
)


def _plain(note: str) -> str:
    return " ".join(note.replace("’", "'").replace("‘", "'").casefold().split())


def is_advice_like(note: str) -> bool:
    """Whether the note reads like advice, however it is phrased."""
    return bool(_ADVICE.search(_plain(note)))


def is_question_form(note: str) -> bool:
    """Whether the note is phrased as a question: a question mark, or, when the coach typed
    no closing mark at all, a question's first word."""
    plain = _plain(note)
    if plain.endswith("?"):
        return True
    return not plain.endswith((".", "!")) and bool(_QUESTION_START.match(plain))


def suggest_recode(note: str, code: str) -> str | None:
    """The code to suggest for a question whose note reads like advice, or None.

    Only notes on `open-question` and `closed-question` are looked at.
    """
    if code not in QUESTION_CODES or not is_advice_like(note):
        return None
    return "leading-question" if is_question_form(note) else "advice"
