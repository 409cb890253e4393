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
MATCH (s:School)-[o:OFFERS_MAJOR]->(m:Major)
WHERE ($school = '' OR s.id = $school OR s.name = $school OR $school IN s.aliases) AND o.certainty <> 'planned'
WITH DISTINCT s, m
OPTIONAL MATCH (s)-[p:PARTNERS_WITH|FOUNDED_BY|RUN_BY]-(e1:Enterprise) WHERE p.certainty <> 'planned'
WITH s, m, collect(CASE WHEN m.id IN p.major THEN e1.name END) AS direct_tied,
     collect(CASE WHEN any(i IN e1.industries WHERE i IN m.industries) THEN e1.name END) AS direct_matching
// Typed steps, the relations the WHERE admits; an untyped step goes through a district to everything in it
OPTIONAL MATCH (s)-[r1:RUNS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(v)
      -[r2:SPONSORS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(e2:Enterprise)
  WHERE r1.certainty <> 'planned' AND r2.certainty <> 'planned'
    AND ((v.type = 'OrderClass' AND r1.relation = 'runsOrderClass' AND r2.relation = 'sponsorsOrderClass')
         OR (v.type IN ['TrainingBase', 'IndustryCollege']
             AND r1.relation IN ['coBuilds', 'leads', 'partOf', 'runBy']
             AND r2.relation IN ['coBuilds', 'leads', 'partOf', 'runBy']))
WITH s, m, direct_tied, direct_matching,
     collect(CASE WHEN m.id IN r1.major OR m.id IN r2.major
                       OR EXISTS { MATCH (v)-[f:FOR_MAJOR]->(m) WHERE f.certainty <> 'planned' }
                  THEN e2.name END) AS via_tied,
     collect(CASE WHEN any(i IN e2.industries WHERE i IN m.industries) THEN e2.name END) AS via_matching
WITH s, m, direct_tied + via_tied AS tied, direct_matching + via_matching AS matching
OPTIONAL MATCH (s)-[u:HAS_UNNAMED_PARTNERS_FOR]->(m) WHERE u.certainty <> 'planned'
WITH s, m, tied, matching, count(u) > 0 AS unnamed
RETURN s.id AS school_id, s.name AS school, m.id AS major_id, m.name AS major,
       CASE WHEN size(tied) > 0 THEN 'explicit' WHEN unnamed THEN 'unnamed'
            WHEN size(matching) > 0 THEN 'inferred' ELSE 'none' END AS status,
       CASE WHEN size(tied) > 0 OR unnamed THEN tied ELSE matching END AS partners,
       CASE WHEN size(tied) = 0 AND NOT unnamed AND size(matching) > 0 THEN 'industry-match' ELSE '' END AS rule
ORDER BY school_id, major_id
