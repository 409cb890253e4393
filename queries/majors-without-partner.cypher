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
// Two parts, read as multisets of rows (UNION ALL; no ORDER BY: it would sort the second part only).
// The first goes from each tie to the majors it names, so ties and offered majors are joined by major instead
// of pairing every major of a school with every partner. The second flattens the majors named by the school's
// ties into one list of ids (padded with [''] so a school whose ties name none keeps its row; no major id is
// the empty string) and takes the offered majors not in it: a list test per major, not one per tie.
// Ties through an order class, training base or industry college are typed steps (labels OrderClass|
// TrainingBase|IndustryCollege, only the relations the rule admits): an untyped step goes through a district to
// everything in it. Only partnerships that name a major are read where a major is sought (size(p.major) > 0).
// A forMajor fact's certainty is tested inside collect, not in its OPTIONAL MATCH's WHERE: LadybugDB fails on
// such a WHERE after a label alternation ("unordered_map::at").
MATCH (s:School)
WHERE $school = '' OR s.id = $school OR s.name = $school OR $school IN s.aliases
OPTIONAL MATCH (s)-[r1:RUNS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(v:OrderClass|TrainingBase|IndustryCollege)
      -[r2:SPONSORS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(e2:Enterprise)
  WHERE r1.certainty <> 'planned' AND r2.certainty <> 'planned'
    AND ((v.type = 'OrderClass' AND r1.relation = 'runsOrderClass' AND r2.relation = 'sponsorsOrderClass')
         OR (v.type <> 'OrderClass' AND r1.relation <> 'runsOrderClass' AND r2.relation <> 'sponsorsOrderClass'))
OPTIONAL MATCH (v)-[f:FOR_MAJOR]->(fm:Major)
WITH s, collect({name: e2.name, majors: r1.major + r2.major + CASE WHEN f.certainty <> 'planned' THEN [fm.id] ELSE [] END}) AS via
OPTIONAL MATCH (s)-[p:PARTNERS_WITH|FOUNDED_BY|RUN_BY]-(e1:Enterprise) WHERE p.certainty <> 'planned' AND size(p.major) > 0
WITH s, via, collect({name: e1.name, majors: p.major}) AS direct
UNWIND via + direct AS tie
UNWIND tie.majors AS major_id
WITH s, major_id, collect(tie.name) AS partners
MATCH (s)-[o:OFFERS_MAJOR]->(m:Major) WHERE m.id = major_id AND o.certainty <> 'planned'
WITH s, m, partners, count(*) AS facts
RETURN s.id AS school_id, s.name AS school, m.id AS major_id, m.name AS major, 'explicit' AS status,
       partners, '' AS rule
UNION ALL
MATCH (s:School)
WHERE $school = '' OR s.id = $school OR s.name = $school OR $school IN s.aliases
OPTIONAL MATCH (s)-[r1:RUNS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(v:OrderClass|TrainingBase|IndustryCollege)
      -[r2:SPONSORS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(:Enterprise)
  WHERE r1.certainty <> 'planned' AND r2.certainty <> 'planned'
    AND ((v.type = 'OrderClass' AND r1.relation = 'runsOrderClass' AND r2.relation = 'sponsorsOrderClass')
         OR (v.type <> 'OrderClass' AND r1.relation <> 'runsOrderClass' AND r2.relation <> 'sponsorsOrderClass'))
OPTIONAL MATCH (v)-[f:FOR_MAJOR]->(fm:Major)
WITH s, collect(r1.major + r2.major + CASE WHEN f.certainty <> 'planned' THEN [fm.id] ELSE [] END) AS via
OPTIONAL MATCH (s)-[p:PARTNERS_WITH|FOUNDED_BY|RUN_BY]-(:Enterprise) WHERE p.certainty <> 'planned' AND size(p.major) > 0
WITH s, via, collect(p.major) AS direct
UNWIND via + direct + [['']] AS majors
UNWIND majors AS major_id
WITH s, collect(major_id) AS tied
MATCH (s)-[o:OFFERS_MAJOR]->(m:Major) WHERE o.certainty <> 'planned' AND NOT m.id IN tied
WITH DISTINCT s, m
WITH s, m, EXISTS { MATCH (s)-[u:HAS_UNNAMED_PARTNERS_FOR]->(m) WHERE u.certainty <> 'planned' } AS unnamed
OPTIONAL MATCH (s)-[p:PARTNERS_WITH|FOUNDED_BY|RUN_BY]-(e1:Enterprise)
  WHERE NOT unnamed AND p.certainty <> 'planned' AND any(i IN e1.industries WHERE i IN m.industries)
WITH s, m, unnamed, collect(e1.name) AS direct
OPTIONAL MATCH (s)-[r1:RUNS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(v:OrderClass|TrainingBase|IndustryCollege)
      -[r2:SPONSORS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(e2:Enterprise)
  WHERE NOT unnamed AND r1.certainty <> 'planned' AND r2.certainty <> 'planned'
    AND ((v.type = 'OrderClass' AND r1.relation = 'runsOrderClass' AND r2.relation = 'sponsorsOrderClass')
         OR (v.type <> 'OrderClass' AND r1.relation <> 'runsOrderClass' AND r2.relation <> 'sponsorsOrderClass'))
    AND any(i IN e2.industries WHERE i IN m.industries)
WITH s, m, unnamed, direct, collect(e2.name) AS via
WITH s, m, unnamed, direct + via AS matching
RETURN s.id AS school_id, s.name AS school, m.id AS major_id, m.name AS major,
       CASE WHEN unnamed THEN 'unnamed' WHEN size(matching) > 0 THEN 'inferred' ELSE 'none' END AS status,
       matching AS partners, CASE WHEN size(matching) > 0 THEN 'industry-match' ELSE '' END AS rule
