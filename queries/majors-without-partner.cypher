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
// of pairing every major of a school with every partner; a major is looked up by id once per school and major,
// and EXISTS keeps a major offered by several facts to one row. The second flattens the majors named by the
// school's ties into one list of ids and takes the offered majors not in it: a list test per major, not one per
// tie; only for those few does it read the partners, one industry of the major at a time (a list test, not a
// quantifier per partner). Lists are padded with [''] before UNWIND so that an empty one keeps its row; this
// assumes no major id, industry or enterprise name is the empty string.
// Ties through an order class, training base or industry college are typed steps (labels OrderClass|
// TrainingBase|IndustryCollege, and only the relations the rule admits: runsOrderClass with sponsorsOrderClass
// at an order class, the others elsewhere); an untyped step goes through a district to everything in it. Only
// partnerships that name a major are read where a major is sought (size(p.major) > 0).
// A forMajor fact's certainty is tested inside collect, not in its OPTIONAL MATCH's WHERE: LadybugDB fails on
// such a WHERE after a label alternation ("unordered_map::at"). A partner tied to a major in several ways (a
// class for two majors, a partnership and an order class) is named once: collect(DISTINCT …), as embedded.
MATCH (s:School)
WHERE $school = '' OR s.id = $school OR s.name = $school OR $school IN s.aliases
OPTIONAL MATCH (s)-[r1:RUNS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(v:OrderClass|TrainingBase|IndustryCollege)
      -[r2:SPONSORS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(e2:Enterprise)
  WHERE r1.certainty <> 'planned' AND r2.certainty <> 'planned'
    AND (r1.relation = 'runsOrderClass') = (v.type = 'OrderClass')
    AND (r2.relation = 'sponsorsOrderClass') = (v.type = 'OrderClass')
OPTIONAL MATCH (v)-[f:FOR_MAJOR]->(fm:Major)
WITH s, collect({name: e2.name,
                 majors: r1.major + r2.major + CASE WHEN f.certainty <> 'planned' THEN [fm.id] ELSE [] END}) AS via
OPTIONAL MATCH (s)-[p:PARTNERS_WITH|FOUNDED_BY|RUN_BY]-(e1:Enterprise)
  WHERE p.certainty <> 'planned' AND size(p.major) > 0
WITH s, via, collect({name: e1.name, majors: p.major}) AS direct
UNWIND via + direct AS tie
UNWIND tie.majors AS major_id
WITH s, major_id, collect(DISTINCT tie.name) AS partners
MATCH (m:Major) WHERE m.id = major_id AND EXISTS { MATCH (s)-[o:OFFERS_MAJOR]->(m) WHERE o.certainty <> 'planned' }
RETURN s.id AS school_id, s.name AS school, m.id AS major_id, m.name AS major, 'explicit' AS status,
       partners, '' AS rule
UNION ALL
MATCH (s:School)
WHERE $school = '' OR s.id = $school OR s.name = $school OR $school IN s.aliases
OPTIONAL MATCH (s)-[r1:RUNS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(v:OrderClass|TrainingBase|IndustryCollege)
      -[r2:SPONSORS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(:Enterprise)
  WHERE r1.certainty <> 'planned' AND r2.certainty <> 'planned'
    AND (r1.relation = 'runsOrderClass') = (v.type = 'OrderClass')
    AND (r2.relation = 'sponsorsOrderClass') = (v.type = 'OrderClass')
OPTIONAL MATCH (v)-[f:FOR_MAJOR]->(fm:Major)
WITH s, collect(r1.major + r2.major + CASE WHEN f.certainty <> 'planned' THEN [fm.id] ELSE [] END) AS via
OPTIONAL MATCH (s)-[p:PARTNERS_WITH|FOUNDED_BY|RUN_BY]-(:Enterprise)
  WHERE p.certainty <> 'planned' AND size(p.major) > 0
WITH s, via, collect(p.major) AS direct
UNWIND via + direct + [['']] AS majors
UNWIND majors AS major_id
WITH s, collect(major_id) AS tied
MATCH (s)-[o:OFFERS_MAJOR]->(m:Major) WHERE o.certainty <> 'planned' AND NOT m.id IN tied
WITH DISTINCT s, m
WITH s, m, EXISTS { MATCH (s)-[u:HAS_UNNAMED_PARTNERS_FOR]->(m) WHERE u.certainty <> 'planned' } AS unnamed
UNWIND CASE WHEN size(m.industries) = 0 THEN [''] ELSE m.industries END AS industry
OPTIONAL MATCH (s)-[p:PARTNERS_WITH|FOUNDED_BY|RUN_BY]-(e1:Enterprise)
  WHERE NOT unnamed AND p.certainty <> 'planned' AND industry IN e1.industries
WITH s, m, unnamed, industry, collect(e1.name) AS direct
OPTIONAL MATCH (s)-[r1:RUNS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(v:OrderClass|TrainingBase|IndustryCollege)
      -[r2:SPONSORS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|RUN_BY]-(e2:Enterprise)
  WHERE NOT unnamed AND r1.certainty <> 'planned' AND r2.certainty <> 'planned'
    AND (r1.relation = 'runsOrderClass') = (v.type = 'OrderClass')
    AND (r2.relation = 'sponsorsOrderClass') = (v.type = 'OrderClass')
    AND industry IN e2.industries
WITH s, m, unnamed, industry, direct, collect(e2.name) AS via
WITH s, m, unnamed, collect(direct + via) AS found
UNWIND found + [['']] AS names
UNWIND names AS name
WITH s, m, unnamed, collect(DISTINCT CASE WHEN name <> '' THEN name END) AS matching
RETURN s.id AS school_id, s.name AS school, m.id AS major_id, m.name AS major,
       CASE WHEN unnamed THEN 'unnamed' WHEN size(matching) > 0 THEN 'inferred' ELSE 'none' END AS status,
       matching AS partners, CASE WHEN size(matching) > 0 THEN 'industry-match' ELSE '' END AS rule
