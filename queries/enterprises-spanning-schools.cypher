// name: enterprises-spanning-schools
// description: Enterprises linked to at least MIN schools, one row per enterprise and school, with the kinds of
//   link between them: partnership (partnersWith), operator (foundedBy or runBy), order class, training base or
//   industry college (both attached to it), alliance (both members or leaders of it). Facts of certainty
//   "planned" (a plan's intent) make no link.
// param min int = 2: the least number of distinct schools
// Only the relations the kinds of link below go through; a walk over any relation (locatedIn, offersMajor …)
// reaches far more pairs only for the WHERE below to drop them.
MATCH (e:Enterprise)-[:PARTNERS_WITH|FOUNDED_BY|RUN_BY|SPONSORS_ORDER_CLASS|RUNS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|MEMBER_OF*1..2]-(s:School)
WITH DISTINCT e, s
WITH e, s,
     EXISTS { MATCH (e)-[r:PARTNERS_WITH]-(s) WHERE r.certainty <> 'planned' } AS partnership,
     EXISTS { MATCH (e)-[r:FOUNDED_BY|RUN_BY]-(s) WHERE r.certainty <> 'planned' } AS operator,
     EXISTS { MATCH (e)-[r1:SPONSORS_ORDER_CLASS]->(:OrderClass)<-[r2:RUNS_ORDER_CLASS]-(s)
              WHERE r1.certainty <> 'planned' AND r2.certainty <> 'planned' } AS order_class,
     EXISTS { MATCH (e)-[r1:CO_BUILDS|LEADS|PART_OF|RUN_BY]-(:TrainingBase)-[r2:CO_BUILDS|LEADS|PART_OF|RUN_BY]-(s)
              WHERE r1.certainty <> 'planned' AND r2.certainty <> 'planned' } AS training_base,
     EXISTS { MATCH (e)-[r1:CO_BUILDS|LEADS|PART_OF|RUN_BY]-(:IndustryCollege)-[r2:CO_BUILDS|LEADS|PART_OF|RUN_BY]-(s)
              WHERE r1.certainty <> 'planned' AND r2.certainty <> 'planned' } AS industry_college,
     EXISTS { MATCH (e)-[r1:MEMBER_OF|LEADS]->(:Alliance)<-[r2:MEMBER_OF|LEADS]-(s)
              WHERE r1.certainty <> 'planned' AND r2.certainty <> 'planned' } AS alliance
WHERE partnership OR operator OR order_class OR training_base OR industry_college OR alliance
WITH e, collect({school_id: s.id, school: s.name, partnership: partnership, operator: operator,
                 order_class: order_class, training_base: training_base, industry_college: industry_college,
                 alliance: alliance}) AS links
WHERE size(links) >= $min
UNWIND links AS l
RETURN e.id AS enterprise_id, e.name AS enterprise, size(links) AS schools, l.school_id AS school_id,
       l.school AS school, l.partnership AS partnership, l.operator AS operator, l.order_class AS order_class,
       l.training_base AS training_base, l.industry_college AS industry_college, l.alliance AS alliance
ORDER BY schools DESC, enterprise_id, school_id
