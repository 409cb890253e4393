"""Places a command can be narrowed to (``--district``): districts, counties and cities, education zones and
industrial parks, one resolution shared by ``zjgraph view`` and ``zjgraph coverage``."""

from __future__ import annotations

PLACE_CLASSES = ("AdministrativeArea", "EducationZone", "IndustrialPark")


def resolve_place(kg, name: str) -> str:
    """The id of the place ``name`` (id, name or alias). Raises :class:`zjgraph.problems.ZjgraphError` for an
    unknown name (with the closest places) or an entity that is not a place."""
    return kg.resolve_as(name, PLACE_CLASSES, what="place")


def schools_in(g, place: str) -> set[str]:
    """The schools located in ``place`` through chains of locatedIn and partOf (a school in 永川区 is in 重庆市
    when the district is partOf the city)."""
    from zjgraph.loaders.to_networkx import located_in  # with NetworkX: not at start-up (see test_cli)

    return {n for n in located_in(g, place) if g.nodes[n]["type"] == "School"}
