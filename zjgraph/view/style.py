"""How entity types and relations look: colours and shapes keyed by ontology class and relation.

Only the look lives here. Names, legends and tooltips take their words from the ontology's zh/en labels,
so a class or relation added to the ontology is drawn (in the style of its nearest styled ancestor, or
the neutral default) and labelled with no change here.
"""

from __future__ import annotations

from dataclasses import dataclass

from zjgraph.schema import Schema


@dataclass(frozen=True)
class Look:
    color: str
    shape: str  # a vis-network shape: dot, square, diamond, triangle, triangleDown, star, hexagon, box…


DEFAULT_LOOK = Look("#9e9e9e", "dot")

#: By ontology class; subclasses without an entry take their ancestor's (City and District: AdministrativeArea).
CLASS_LOOKS = {
    "School": Look("#1f77b4", "dot"),
    "Major": Look("#17becf", "square"),
    "Enterprise": Look("#2ca02c", "diamond"),
    "Alliance": Look("#9467bd", "hexagon"),
    "IndustryCollege": Look("#8c564b", "triangle"),
    "OrderClass": Look("#ff7f0e", "triangleDown"),
    "TrainingBase": Look("#bcbd22", "triangle"),
    "IndustrialPark": Look("#6b8e23", "square"),
    "IndustryCluster": Look("#e377c2", "star"),
    "ClusterSystem": Look("#c51b8a", "star"),
    "GovernmentBody": Look("#d62728", "hexagon"),
    "ResearchInstitute": Look("#393b79", "diamond"),
    "Association": Look("#7b4173", "diamond"),
    "EducationZone": Look("#3182bd", "star"),
    "AdministrativeArea": Look("#7f7f7f", "square"),
    "Indicator": Look("#c7c7c7", "dot"),
    "Target": Look("#fdae6b", "dot"),
    "Organization": Look("#637939", "dot"),
}

DEFAULT_EDGE_COLOR = "#b0b0b0"

#: By relation; relations without an entry are drawn in DEFAULT_EDGE_COLOR.
RELATION_COLORS = {
    "offersMajor": "#17becf",
    "partnersWith": "#2ca02c",
    "coBuilds": "#098a6b",
    "runsOrderClass": "#ff7f0e",
    "sponsorsOrderClass": "#e6550d",
    "forMajor": "#fd8d3c",
    "memberOf": "#9467bd",
    "leads": "#6a3d9a",
    "servesCluster": "#e377c2",
    "belongsToCluster": "#c51b8a",
    "guides": "#d62728",
    "recognizedBy": "#a50f15",
    "runBy": "#8c564b",
    "foundedBy": "#8c564b",
    "pairsWith": "#1f77b4",
    "assists": "#1f77b4",
    "pathwayTo": "#3182bd",
    "mergedInto": "#636363",
}

#: Coverage of a (school, major) pair, see zjgraph.view.coverage: explicit, unnamed, inferred or none.
COVERAGE_COLORS = {"explicit": "#2ca02c", "unnamed": "#98df8a", "inferred": "#fdae6b", "none": "#d62728"}
COVERAGE_UNKNOWN = "#d9d9d9"  # a school no document says offers any major

FONT_STACK = ('"Microsoft YaHei", "微软雅黑", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", '
              '"Source Han Sans SC", "WenQuanYi Micro Hei", "Heiti SC", "SimHei", sans-serif')
"""Fonts with Chinese glyphs on Windows, macOS and Linux, in that order, then the browser's default."""


def look(schema: Schema, cls: str) -> Look:
    """The look of class ``cls``, or of its nearest styled ancestor, or :data:`DEFAULT_LOOK`."""
    todo = [cls]
    while todo:
        c = todo.pop(0)
        if c in CLASS_LOOKS:
            return CLASS_LOOKS[c]
        todo.extend(schema.classes[c].parents if c in schema.classes else ())
    return DEFAULT_LOOK


def relation_color(relation: str) -> str:
    return RELATION_COLORS.get(relation, DEFAULT_EDGE_COLOR)


def class_label(schema: Schema, cls: str) -> str:
    """'学校 School' from the ontology's labels (the local name when the class is unknown)."""
    c = schema.classes.get(cls)
    return f"{c.label_zh} {c.label_en}" if c else cls


def relation_label(schema: Schema, relation: str) -> str:
    """'开设专业 offers major' from the ontology's labels."""
    p = schema.properties.get(relation)
    return f"{p.label_zh} {p.label_en}" if p else relation
