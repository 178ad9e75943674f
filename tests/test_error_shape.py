"""One error shape: where, the value and what is allowed, the same on every interface."""

from __future__ import annotations

from spasmcare.api.problems import problem_of
from spasmcare.diary.model import InvalidValue
from spasmcare.errors import Problem, TransferError, form_message, terminal_line
from spasmcare.services.assessments import AnswerError


def test_a_bad_value_reads_the_same_as_a_terminal_line_a_problem_body_and_a_form_message() -> None:
    error = InvalidValue("severity", 11, "a whole number from 0 to 10")
    assert terminal_line(error) == (
        "error: severity: 11 is not allowed; allowed: a whole number from 0 to 10"
    )
    assert form_message(error) == "11 is not allowed; allowed: a whole number from 0 to 10"
    body = problem_of(error)
    assert body.status == 422 and body.detail == str(error)
    [field] = body.errors
    assert (field.field, field.pointer, field.value) == ("severity", "/severity", 11)
    assert field.message == form_message(error)


def test_the_domain_errors_are_problems_that_keep_their_own_words() -> None:
    assert str(TransferError(3, "region", "'knee' is not allowed")) == (
        "line 3: region: 'knee' is not allowed"
    )
    assert str(TransferError(0, "file", "gone")) == "file: gone"
    assert str(AnswerError("Choose yes, no or not sure.")) == "Choose yes, no or not sure."
    for error in (InvalidValue("a", 1, "b"), TransferError(1, "a", "b"), AnswerError("c")):
        assert isinstance(error, Problem) and isinstance(error, ValueError)
