"""Spotting advice dressed as a question in a coach's note, to suggest re-coding it.

A coach presses `q` (or `c`) as a member speaks and types what they said. When the words are
the familiar shapes of advice ("Have you tried…?", "You should…", "In my experience…", "…,
wouldn't you?", "Isn't that just…?"), the console can offer to re-code: to `leading-question`
when the note is phrased as a question, to `advice` when it is a statement. It only ever
suggests; the coach decides. Asked with a question word, the same words are open: "What have
you tried?" is the question coaches recommend, "Have you tried…?" the advice.
"""

from __future__ import annotations

import re

__all__ = ["QUESTION_CODES", "is_advice_like", "is_question_form", "suggest_recode"]

QUESTION_CODES = frozenset({"open-question", "closed-question"})

_NEGATIVE_AUX = (
    r"(?:isn't|aren't|wasn't|weren't|don't|doesn't|didn't|won't|wouldn't|couldn't|shouldn't"
    r"|can't|haven't|hasn't|hadn't|mightn't|mustn't)"
)
_AUX = r"(?:is|are|was|were|do|does|did|will|would|could|should|can|have|has|had|might|must)"
_PRONOUN = r"(?:it|you|they|he|she|we|i|there|that|this)"

# Each pattern is a habit of advice-giving seen in action learning sets.
_ADVICE = re.compile(
    "|".join(
        (
            r"\bwhy (?:don't|do not|didn't|did not|haven't|have not|wouldn't|would not|won't"
            r"|can't|couldn't|shouldn't|aren't) you\b",
            r"\bwhy not\b",
            r"\byou(?:'ve| have) got to\b",
            r"\bwhat if you\b",
            r"\b(?:what|how) about (?:\w+ing|a |an |just)\b",
            r"\bin my experience\b",
            r"\bwhen i (?:was|had|did)\b",
            r"\bwhat (?:i did|worked for (?:me|us)|i'd do|i would do)\b",
            r"\bi(?: would|'d) (?!like to (?:ask|know|understand|hear|check)\b"
            r"|(?:find|feel|struggle|hate|worry)\b|be (?:worried|upset|angry|furious|lost|nervous"
            r"|frustrated|gutted)\b)",
            r"\bif i (?:were|was) you\b",
            r"^what you (?:need|should do|ought to do|have to do|must do) is\b",
            r"\bmy (?:advice|suggestion|tip)\b",
            r"\bi(?: would|'d)? (?:suggest|recommend)\b",
            r"\b(?:could|can) you not\b",
            r"\b(?:couldn't|can't|cannot) you\b",
            r"\b(?:could|can) you (?:just|simply|maybe|perhaps)\b",
            r"\b(?:wouldn't|would|could|might) it (?:not )?(?:be (?:better|easier|simpler|wiser"
            r"|best|worth)|make (?:more )?sense)\b",
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
            r"\bsurely\b",
            # a question that assumes its answer: negative ("Isn't that just…?", "Wouldn't you
            # rather…?"), or doubting the presenter ("Are you really going to…?")
            rf"^{_NEGATIVE_AUX} ",
            rf"^{_AUX} {_PRONOUN} not\b",
            r"^(?:would|could|might|should) (?:a |an |the |some )?\w+(?: \w+){0,4} not (?:help"
            r"|be|work|make)\b",
            rf"^{_AUX} {_PRONOUN} (?:really|seriously|honestly)\b",
            # a tag question: a statement handed over for agreement ("…, wasn't it?")
            rf", (?:{_AUX}|{_NEGATIVE_AUX})(?: not)? {_PRONOUN} ?\?$",
            r", (?:right|surely|yes|yeah) ?\?$",
            # an instruction
            r"^(?:maybe |perhaps )?(?:just|try|go|stop|start|get|book|send|put|take|ask (?!me\b"
            r"|us\b)|tell (?!me\b|us\b)|talk to|speak to|have a (?:look|word|chat)|make sure"
            r"|don't (?!you\b|know\b))\b",
        )
    ),
)

# Suggestions put as yes-or-no questions; asked with a question word they are open ("What have
# you tried?", "What do you think you need to do?"), and so is a clause that starts with one.
_SUGGESTING = re.compile(
    "|".join(
        (
            r"\bhave you (?:ever )?(?:tried (?!(?:this|that|it)\b)|thought (?:about|of)"
            r"|considered|looked (?:at|into)|asked|spoken to|talked to|gone to)",
            r"\bdid you (?:try|consider|think (?:about|of))\b",
            r"(?<!do )(?<!would )(?<!did )(?<!will )\byou (?:really |probably |just |definitely )?"
            r"(?:should|ought to|need to|must|have to|could|might want to"
            r"|may want to|might try|might consider|can always|can just)\b",
        )
    )
)
_WH_QUESTION = re.compile(r"^(?:what|how|why|when|where|who|whom|which)\b(?! (?:you|i|we)\b)")
_CLAUSES = re.compile(r"[,;:.?!]+ *| (?:and|but|or) (?=what|how|why|when|where|who|which)")

# Advice told as a story or a verdict; in a question the same words ask ("What would help?").
_TOLD = re.compile(
    "|".join(
        (
            r"\b(?:sorted|fixed|solved|cracked) it\b",
            r"\bwould (?:sort|settle|fix|solve) (?:it|things)\b",
            r"\bwould put it to bed\b",
            r"\bthe only (?:way|option|answer|thing to do)\b",
            r"\bthe (?:trick|key|answer) is\b",
        )
    )
)

_QUESTION_START = re.compile(
    r"^(?:what|how|why|when|where|who|whom|whose|which|is|are|am|was|were|do|does|did|have|"
    r"has|had|can|could|would|will|shall|should|may|might|isn't|aren't|don't|doesn't|didn't|"
    r"haven't|hasn't|wouldn't|couldn't|won't|shouldn't|can't)\b"
)


def _plain(note: str) -> str:
    return " ".join(note.replace("’", "'").replace("‘", "'").casefold().split())


def _suggests(plain: str) -> bool:
    """Whether a clause not asked with a question word puts a suggestion."""
    return any(
        _SUGGESTING.search(clause) and not _WH_QUESTION.match(clause)
        for clause in _CLAUSES.split(plain)
    )


def is_advice_like(note: str) -> bool:
    """Whether the note reads like advice, however it is phrased."""
    plain = _plain(note)
    if _ADVICE.search(plain) or _suggests(plain):
        return True
    return not is_question_form(note) and bool(_TOLD.search(plain))


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
