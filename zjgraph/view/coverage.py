"""What the coverage view draws: per school the share of its majors with an enterprise partner, and per
(school, major) pair whether that partner is explicit, inferred or missing.

The statuses are those of the named query ``majors-without-partner`` (``zjgraph.queries.links.major_cover``).
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


def coverage_of(g) -> Coverage:
    """Coverage of every school of ``g`` that offers a major: the percentage counts majors whose status is
    explicit or inferred."""
    from zjgraph.queries.links import major_cover

    out = Coverage()
    for school, d in g.nodes(data=True):
        if d["type"] != "School":
            continue
        covers = major_cover(g, school)
        for c in covers:
            out.status[(school, c.major)] = c.status
        if covers:
            out.percent[school] = 100.0 * sum(c.status != "none" for c in covers) / len(covers)
    return out
