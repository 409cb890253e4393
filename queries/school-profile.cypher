// name: school-profile
// description: One school at a glance: level, ownership, districts, the majors it offers, its enterprise
//   partners (any link but alliance; planned facts make none), order classes, industry colleges, training
//   bases, alliances and the industry clusters it serves.
// param school School: the school (id, name or alias)
// sets: level, ownership, districts, majors, partners, order_classes, industry_colleges, training_bases, alliances, clusters
MATCH (s:School) WHERE s.id = $school OR s.name = $school OR $school IN s.aliases
OPTIONAL MATCH (d:District) WHERE d.id IN s.districts
WITH s, collect(d.name) AS districts
OPTIONAL MATCH (s)-[:OFFERS_MAJOR]->(m:Major)
WITH s, districts, collect(m.name) AS majors
OPTIONAL MATCH (s)-[p:PARTNERS_WITH|FOUNDED_BY|RUN_BY]-(e1:Enterprise) WHERE p.certainty <> 'planned'
WITH s, districts, majors, collect(e1.name) AS direct_partners
// Typed steps, the relations the WHERE admits; an untyped step goes through a district to everything in it
OPTIONAL MATCH (s)-[r1:RUNS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(v)
      -[r2:SPONSORS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(e2:Enterprise)
  WHERE r1.certainty <> 'planned' AND r2.certainty <> 'planned'
    AND ((v.type = 'OrderClass' AND r1.relation = 'runsOrderClass' AND r2.relation = 'sponsorsOrderClass')
         OR (v.type IN ['TrainingBase', 'IndustryCollege']
             AND r1.relation IN ['coBuilds', 'leads', 'partOf', 'runBy']
             AND r2.relation IN ['coBuilds', 'leads', 'partOf', 'runBy']))
WITH s, districts, majors, direct_partners, collect(e2.name) AS via_partners
WITH s, districts, majors, direct_partners + via_partners AS partners
OPTIONAL MATCH (s)-[:RUNS_ORDER_CLASS]->(oc:OrderClass)
WITH s, districts, majors, partners, collect(oc.name) AS order_classes
OPTIONAL MATCH (s)-[r3]-(ic:IndustryCollege) WHERE r3.relation IN ['coBuilds', 'leads', 'partOf', 'runBy']
WITH s, districts, majors, partners, order_classes, collect(ic.name) AS industry_colleges
OPTIONAL MATCH (s)-[r4]-(b:TrainingBase) WHERE r4.relation IN ['coBuilds', 'leads', 'partOf', 'runBy']
WITH s, districts, majors, partners, order_classes, industry_colleges, collect(b.name) AS training_bases
OPTIONAL MATCH (s)-[:MEMBER_OF|LEADS]->(a:Alliance)
WITH s, districts, majors, partners, order_classes, industry_colleges, training_bases, collect(a.name) AS alliances
OPTIONAL MATCH (s)-[:SERVES_CLUSTER]->(c)
WITH s, districts, majors, partners, order_classes, industry_colleges, training_bases, alliances,
     collect(c.name) AS clusters
RETURN s.id AS school_id, s.name AS school, s.schoolLevel AS level, s.ownership AS ownership, districts, majors,
       partners, order_classes, industry_colleges, training_bases, alliances, clusters
