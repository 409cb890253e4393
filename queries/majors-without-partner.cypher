// name: majors-without-partner
// description: Per school, each major it offers (offersMajor) and whether an enterprise partner is tied to it.
//   status "explicit": a partnership, order class, training base or industry college of the school with a
//   named enterprise is tied to that major (a fact names the major, or the class/base/college is forMajor it);
//   "unnamed": no such tie, but a document says the school has partners for the major without naming them
//   (hasUnnamedPartnersFor); "inferred" (rule industry-match): neither, but a partner enterprise of the school
//   works in an industry the major's catalogue category prepares for; "none": none of these. partners: the
//   named enterprises behind the status. Facts of certainty "planned" (a plan's intent) count for nothing.
// param school School = "": only this school (id, name or alias); empty for every school
// sets: partners
// Two parts. The first goes from each tie to the majors it names, so an engine joins ties and offered majors by
// major instead of pairing every major of a school with every partner; the second takes the other majors.
// No ORDER BY: after UNION ALL it would sort the second part only (sort the rows where they are read).
// Ties through an order class, training base or industry college: typed steps, the relations the WHERE admits
// (an untyped step goes through a district to everything in it).
MATCH (s:School)
WHERE $school = '' OR s.id = $school OR s.name = $school OR $school IN s.aliases
OPTIONAL MATCH (s)-[r1:RUNS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(v)
      -[r2:SPONSORS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(e2:Enterprise)
  WHERE r1.certainty <> 'planned' AND r2.certainty <> 'planned'
    AND ((v.type = 'OrderClass' AND r1.relation = 'runsOrderClass' AND r2.relation = 'sponsorsOrderClass')
         OR (v.type IN ['TrainingBase', 'IndustryCollege']
             AND r1.relation IN ['coBuilds', 'leads', 'partOf', 'runBy']
             AND r2.relation IN ['coBuilds', 'leads', 'partOf', 'runBy']))
OPTIONAL MATCH (v)-[f:FOR_MAJOR]->(fm:Major) WHERE f.certainty <> 'planned'
WITH s, e2, r1, r2, collect(fm.id) AS for_majors
WITH s, collect({name: e2.name, majors: r1.major + r2.major + for_majors}) AS via
OPTIONAL MATCH (s)-[p:PARTNERS_WITH|FOUNDED_BY|RUN_BY]-(e1:Enterprise) WHERE p.certainty <> 'planned'
WITH s, via, collect({name: e1.name, majors: p.major}) AS direct
UNWIND via + direct AS tie
UNWIND tie.majors AS major_id
MATCH (m:Major) WHERE m.id = major_id
MATCH (s)-[o:OFFERS_MAJOR]->(m) WHERE o.certainty <> 'planned'
WITH s, m, collect(tie.name) AS partners
RETURN s.id AS school_id, s.name AS school, m.id AS major_id, m.name AS major, 'explicit' AS status,
       partners, '' AS rule
UNION ALL
MATCH (s:School)
WHERE $school = '' OR s.id = $school OR s.name = $school OR $school IN s.aliases
OPTIONAL MATCH (s)-[r1:RUNS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(v)
      -[r2:SPONSORS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(e2:Enterprise)
  WHERE r1.certainty <> 'planned' AND r2.certainty <> 'planned'
    AND ((v.type = 'OrderClass' AND r1.relation = 'runsOrderClass' AND r2.relation = 'sponsorsOrderClass')
         OR (v.type IN ['TrainingBase', 'IndustryCollege']
             AND r1.relation IN ['coBuilds', 'leads', 'partOf', 'runBy']
             AND r2.relation IN ['coBuilds', 'leads', 'partOf', 'runBy']))
OPTIONAL MATCH (v)-[f:FOR_MAJOR]->(fm:Major) WHERE f.certainty <> 'planned'
WITH s, e2, r1, r2, collect(fm.id) AS for_majors
WITH s, collect(r1.major + r2.major + for_majors) AS via_tied
OPTIONAL MATCH (s)-[p:PARTNERS_WITH|FOUNDED_BY|RUN_BY]-(e1:Enterprise) WHERE p.certainty <> 'planned'
WITH s, via_tied, collect(p.major) AS direct_tied
MATCH (s)-[o:OFFERS_MAJOR]->(m:Major) WHERE o.certainty <> 'planned'
WITH DISTINCT s, m, via_tied + direct_tied AS tied
WHERE NOT any(majors IN tied WHERE m.id IN majors)
OPTIONAL MATCH (s)-[u:HAS_UNNAMED_PARTNERS_FOR]->(m) WHERE u.certainty <> 'planned'
WITH s, m, count(u) > 0 AS unnamed
OPTIONAL MATCH (s)-[p:PARTNERS_WITH|FOUNDED_BY|RUN_BY]-(e1:Enterprise)
  WHERE NOT unnamed AND p.certainty <> 'planned' AND any(i IN e1.industries WHERE i IN m.industries)
WITH s, m, unnamed, collect(e1.name) AS direct_matching
OPTIONAL MATCH (s)-[r1:RUNS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(v)
      -[r2:SPONSORS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(e2:Enterprise)
  WHERE NOT unnamed AND r1.certainty <> 'planned' AND r2.certainty <> 'planned'
    AND ((v.type = 'OrderClass' AND r1.relation = 'runsOrderClass' AND r2.relation = 'sponsorsOrderClass')
         OR (v.type IN ['TrainingBase', 'IndustryCollege']
             AND r1.relation IN ['coBuilds', 'leads', 'partOf', 'runBy']
             AND r2.relation IN ['coBuilds', 'leads', 'partOf', 'runBy']))
    AND any(i IN e2.industries WHERE i IN m.industries)
WITH s, m, unnamed, direct_matching, collect(e2.name) AS via_matching
WITH s, m, unnamed, direct_matching + via_matching AS matching
RETURN s.id AS school_id, s.name AS school, m.id AS major_id, m.name AS major,
       CASE WHEN unnamed THEN 'unnamed' WHEN size(matching) > 0 THEN 'inferred' ELSE 'none' END AS status,
       matching AS partners, CASE WHEN size(matching) > 0 THEN 'industry-match' ELSE '' END AS rule
