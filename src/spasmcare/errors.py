"""One shape for every error a person or a client can put right: where it is, the value found,
and what is allowed.

Each interface turns a ``Problem`` into its own form in one function: ``terminal_line`` for the
command line, ``form_message`` for a page, and ``spasmcare.api.problems.problem_of`` for an RFC
9457 problem+json body. The domain raises subclasses (``InvalidValue``, ``TransferError``,
``AnswerError``) that keep their own names for where they are raised.
"""

from __future__ import annotations


class Problem(ValueError):
    """A value that cannot be used: ``where`` (a field, a path, a line), the ``value`` found and
    what is ``allowed``; ``message`` says it in words when there is more to say."""

    def __init__(
        self, where: str, value: object = None, allowed: str = "", message: str | None = None
    ) -> None:
        self.where = where
        self.value = value
        self.allowed = allowed
        self.message = (
            f"{value!r} is not allowed; allowed: {allowed}" if message is None else message
        )
        super().__init__(f"{where}: {self.message}" if where else self.message)


class TransferError(Problem):
    """A file that cannot be imported: the line and field at fault, and what is allowed."""

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(f"line {line}: {field}" if line else field, message=message)
        self.line, self.field = line, field


def terminal_line(problem: Problem) -> str:
    """The one line the command line prints (to standard error) for ``problem``."""
    return f"error: {problem}"


def form_message(problem: Problem) -> str:
    """What a page shows beside the form field at fault (the field is shown by the page)."""
    return problem.message
