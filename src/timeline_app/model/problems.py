"""What went wrong in a data file, said so that a person can fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at a place in a file; line and column count from 1 (0 = whole file).

    `where` names the place in a file that has no lines (a Parquet table: "row 5, column
    'start'"); `line` and `column` then hold the row and the column's position, for sorting.
    """

    file: str
    line: int
    column: int
    message: str
    where: str = ""

    def format(self) -> str:
        if self.where:
            return f"{self.file}: {self.where}: {self.message}"
        return f"{self.file}:{self.line}:{self.column}: {self.message}"

    def __str__(self) -> str:
        return self.format()


class LoadError(Exception):
    """A file that could not become a timeline, with every problem found in it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(p.format() for p in self.problems))
