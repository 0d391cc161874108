"""The advice detector against notes of the kind coaches type in action learning sets."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from actionset.model.advice import is_advice_like, is_question_form, suggest_recode

OPEN, CLOSED, LEADING, ADVICE = "open-question", "closed-question", "leading-question", "advice"

# (what it really is, the note). Written as members say them, not to suit the detector.
NOTES: list[tuple[str, str]] = [
    (OPEN, "What would success look like for you in six months?"),
    (OPEN, "How are you feeling about the restructure now?"),
    (OPEN, "What else is going on for you?"),
    (OPEN, "What do you need to be able to say yes to this?"),
    (OPEN, "Who else has a stake in how this turns out?"),
    (OPEN, "What have you already tried?"),
    (OPEN, "What's stopping you from raising it with her?"),
    (OPEN, "How would your team describe the problem?"),
    (OPEN, "What would it mean for you if the project was cancelled?"),
    (OPEN, "Tell me more about the conversation with your director."),
    (OPEN, "What assumptions are you making about the finance team?"),
    (OPEN, "Where does your energy go when you think about this?"),
    (OPEN, "What options can you see at the moment?"),
    (OPEN, "What's the worst that could happen?"),
    (OPEN, "How will you know you've made progress by the next meeting?"),
    (OPEN, "What would you do if you knew you couldn't fail?"),
    (OPEN, "What did you learn from the last time this happened?"),
    (OPEN, "What could you try before the next meeting?"),
    (OPEN, "What do you think you should do?"),
    (CLOSED, "Is the budget already signed off?"),
    (CLOSED, "Did your manager know about this before the restructure?"),
    (CLOSED, "Has the board seen the proposal yet?"),
    (CLOSED, "Are you the only one who can approve the rota?"),
    (CLOSED, "Is this the same issue you brought in March?"),
    (CLOSED, "Do you get on with the new head of service?"),
    (CLOSED, "Was the deadline set by you or by the client?"),
    (CLOSED, "Have you had that conversation with her yet?"),
    (CLOSED, "Is anyone else in the team affected?"),
    (CLOSED, "Do you want to keep this job?"),
    (CLOSED, "Will you still be line managing Sam after April?"),
    (LEADING, "Have you tried asking finance for an extension?"),
    (LEADING, "Wouldn't it be better to wait until the restructure is done?"),
    (LEADING, "Why don't you just talk to her directly?"),
    (LEADING, "Could you not delegate the report to Sam?"),
    (LEADING, "Have you thought about a job share?"),
    (LEADING, "What if you offered to run a pilot first?"),
    (LEADING, "Isn't the real problem that your boss doesn't trust you?"),
    (LEADING, "Shouldn't you escalate this to the director?"),
    (LEADING, "Don't you think the team needs to hear it from you?"),
    (LEADING, "Have you considered going part-time?"),
    (LEADING, "Would it not make more sense to hire a contractor?"),
    (LEADING, "Is there a reason you haven't spoken to HR?"),
    (LEADING, "Could you just say no?"),
    (LEADING, "What about getting the unions involved early?"),
    (LEADING, "Is it worth checking with legal before you reply?"),
    (LEADING, "Wouldn't a quick survey tell you what the staff think?"),
    (LEADING, "Have you looked at the Lean approach for this?"),
    (LEADING, "Would you consider stepping back from the project?"),
    (ADVICE, "You should put it in writing."),
    (ADVICE, "In my experience the board never reads the appendix."),
    (ADVICE, "I would go straight to the chief exec."),
    (ADVICE, "If I were you I'd take the secondment."),
    (ADVICE, "My advice is to sleep on it."),
    (ADVICE, "You need to set some boundaries with him."),
    (ADVICE, "You could always ask for a mentor."),
    (ADVICE, "Just tell him it isn't working."),
    (ADVICE, "When I was in your position I went to occupational health."),
    (ADVICE, "It might be worth getting a coach."),
    (ADVICE, "Try framing it as a risk to the service."),
    (ADVICE, "I'd suggest you book a one-to-one with her this week."),
    (ADVICE, "What worked for me was a weekly stand-up."),
    (ADVICE, "The best thing to do is to get HR in now."),
    (ADVICE, "We had exactly this at the trust and a mediator sorted it out."),
    (ADVICE, "Honestly, a clear email to all staff would settle it."),
]

# Notes this detector gets wrong, kept in the table so the figures stay honest.
KNOWN_MISSES = {
    "What do you think you should do?",
    "Wouldn't a quick survey tell you what the staff think?",
    "We had exactly this at the trust and a mediator sorted it out.",
    "Honestly, a clear email to all staff would settle it.",
}


def _expected(truth: str) -> str | None:
    return truth if truth in (LEADING, ADVICE) else None


def _coded_as(truth: str) -> str:
    """What the coach pressed before typing the note: closed questions on `c`, the rest `q`."""
    return CLOSED if truth == CLOSED else OPEN


@pytest.mark.parametrize(
    ("truth", "note"),
    [
        pytest.param(t, n, marks=pytest.mark.xfail(strict=True, reason="known miss"))
        if n in KNOWN_MISSES
        else (t, n)
        for t, n in NOTES
    ],
)
def test_suggestion_for_each_note(truth: str, note: str) -> None:
    assert suggest_recode(note, _coded_as(truth)) == _expected(truth)


def test_precision_and_recall_over_the_table(
    record_property: Callable[[str, object], None],
) -> None:
    flagged = {note for truth, note in NOTES if is_advice_like(note)}
    advice_like = {note for truth, note in NOTES if truth in (LEADING, ADVICE)}
    hits = len(flagged & advice_like)
    precision = hits / len(flagged)
    recall = hits / len(advice_like)
    record_property(
        "advice detector",
        f"precision {precision:.2f} recall {recall:.2f} on {len(NOTES)} notes "
        f"({len(advice_like)} advice-like)",
    )
    assert len(NOTES) >= 40
    assert precision >= 0.85
    assert recall >= 0.85


def test_only_question_codes_get_a_suggestion() -> None:
    note = "Have you tried asking finance?"
    assert suggest_recode(note, "open-question") == LEADING
    assert suggest_recode(note, "closed-question") == LEADING
    for code in ("advice", "leading-question", "statement", "reflective-question"):
        assert suggest_recode(note, code) is None


def test_question_form_without_a_question_mark() -> None:
    assert is_question_form("have you tried asking finance")
    assert suggest_recode("why don't you ask finance", OPEN) == LEADING
    assert suggest_recode("you should ask finance", OPEN) == ADVICE


def test_curly_apostrophes_and_case() -> None:
    assert suggest_recode("WHY DON’T YOU just ask her?", OPEN) == LEADING


def test_empty_note() -> None:
    assert suggest_recode("", OPEN) is None
