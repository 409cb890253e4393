"""What the coverage view draws, from :func:`zjgraph.coverage.coverage` (the ``zjgraph coverage`` report):
per school the share of its majors with an explicit enterprise partner, and per (school, major) pair the
status of the majors-without-partner query: explicit, inferred (rule industry-match) or none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Types a coverage view shows unless --types says otherwise: schools, their majors, the enterprises and
#: what ties them to the schools.
COVERAGE_TYPES = ("School", "Major", "Enterprise", "OrderClass", "TrainingBase", "IndustryCollege")


@dataclass
class Coverage:
    """Per school a percentage; per (school, major) pair a status: explicit, inferred or none."""

    percent: dict[str, float] = field(default_factory=dict)
    status: dict[tuple[str, str], str] = field(default_factory=dict)


def coverage_of(kg) -> Coverage:
    """The coverage of every school of ``kg`` that offers a major (others have no percentage)."""
    from zjgraph.coverage import coverage

    report = coverage(kg)
    return Coverage(percent={s["id"]: s["explicit_percent"] for s in report["schools"]},
                    status={(m["school_id"], m["major_id"]): m["status"] for m in report["majors"]})
