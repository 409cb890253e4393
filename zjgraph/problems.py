"""Problems found in the data, each located in a file, line and entry."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    entry: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.entry}: {self.message}"

    def as_dict(self) -> dict:
        return {"file": self.file, "line": self.line, "entry": self.entry, "message": self.message,
                "severity": self.severity}


class DataError(Exception):
    """The data cannot be loaded; ``problems`` says every place and why."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the data; first: {problems[0]}")


class ZjgraphError(Exception):
    """A request zjgraph cannot carry out (a missing optional dependency, an unknown name …); the message says
    what is wrong and what to do, and the command line prints it without a traceback."""
