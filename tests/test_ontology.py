"""The ontology is complete, bilingual and aligned; Python reads it rather than restating it."""

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Namespace

from zjgraph.schema import ZJ, load_schema, ontology_files, shapes_file

ZJNS = Namespace(ZJ)
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")


@pytest.fixture(scope="module")
def ontology():
    g = Graph()
    for p in ontology_files():
        g.parse(p, format="turtle")
    return g


@pytest.fixture(scope="module")
def schema():
    return load_schema()


def test_required_classes(schema):
    required = {"School", "Major", "Enterprise", "IndustrialPark", "OrderClass", "IndustryCollege", "Alliance",
                "AdministrativeArea", "District", "City", "Province", "Country", "GovernmentBody", "Association",
                "IndustryCluster", "ClusterSystem", "TrainingBase", "SourceDocument", "Indicator", "Target"}
    assert required <= set(schema.classes)


def test_required_relations(schema):
    required = {"offersMajor", "partnersWith", "runsOrderClass", "sponsorsOrderClass", "forMajor", "coBuilds",
                "memberOf", "leads", "locatedIn", "partOf", "belongsToCluster", "servesCluster", "foundedBy",
                "runBy", "pathwayTo", "assists", "pairsWith", "reportsIndicator", "setsTarget"}
    assert required <= set(schema.relations())


def test_every_term_has_chinese_and_english_labels(schema):
    for term in [*schema.classes.values(), *schema.properties.values()]:
        assert term.label_zh and term.label_en, term.name


def test_alignment_to_standard_vocabularies(ontology):
    assert (ZJNS.OrderClass, RDFS.subClassOf, SCHEMA.WorkBasedProgram) in ontology
    assert (ZJNS.Alliance, RDFS.subClassOf, ORG.OrganizationalCollaboration) in ontology
    assert (ZJNS.School, RDFS.subClassOf, SCHEMA.EducationalOrganization) in ontology
    assert (ZJNS.SourceDocument, RDFS.subClassOf, PROV.Entity) in ontology
    assert (ZJNS.source, RDFS.subPropertyOf, PROV.wasDerivedFrom) in ontology
    assert (ZJNS.Major, RDFS.subClassOf, SKOS.Concept) in ontology


def test_controlled_values_come_from_the_vocabularies(schema):
    assert set(schema.schemes["SchoolLevelScheme"]) == {"中职", "技工学校", "高职专科", "职业本科", "本科"}
    assert set(schema.schemes["OwnershipScheme"]) == {"公办", "民办", "企业办"}
    assert set(schema.schemes["AllianceKindScheme"]) == {"联盟", "职教集团", "产教联合体", "共同体", "教联体"}
    assert {"stated", "inferred", "ambiguous"} <= set(schema.schemes["CertaintyScheme"])
    assert schema.properties["schoolLevel"].value_scheme == "SchoolLevelScheme"


def test_every_entity_class_has_a_distinct_prefix_family(schema):
    prefixes = {}
    for c in schema.entity_classes().values():
        prefixes.setdefault(c.id_prefix, set()).add(c.name)
    # places share one prefix across their subclasses; every other prefix names one class
    for prefix, names in prefixes.items():
        assert len(names) == 1 or all(schema.is_a(n, {"AdministrativeArea"}) for n in names), (prefix, names)


def test_a_new_relation_in_the_ontology_needs_no_code(tmp_path):
    extra = tmp_path / "extra.ttl"
    extra.write_text(f"""@prefix zj: <{ZJ}> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix schema: <https://schema.org/> .
        zj:hostsCompetition a owl:ObjectProperty ; rdfs:label "承办赛事"@zh , "hosts competition"@en ;
            schema:domainIncludes zj:School .""", encoding="utf-8")
    schema = load_schema([*ontology_files(), extra])
    assert schema.relations()["hostsCompetition"].domain == {"School"}


def test_shapes_parse_and_are_shapes():
    g = Graph().parse(shapes_file(), format="turtle")
    SH = Namespace("http://www.w3.org/ns/shacl#")
    assert len(list(g.subjects(RDF.type, SH.NodeShape))) >= 5
    assert (ZJNS.School, RDF.type, OWL.Class) not in g  # shapes only, no ontology restated
