// name: enterprises-spanning-schools
// description: Enterprises linked to at least MIN schools, one row per enterprise and school, with the kinds of
//   link between them: partnership (partnersWith), operator (foundedBy or runBy), order class, training base or
//   industry college (both attached to it), alliance (both members or leaders of it).
// param min int = 2: the least number of distinct schools
// Only the relations the kinds of link below go through; a walk over any relation (locatedIn, offersMajor …)
// reaches far more pairs only for the WHERE below to drop them.
MATCH (e:Enterprise)-[:PARTNERS_WITH|FOUNDED_BY|RUN_BY|SPONSORS_ORDER_CLASS|RUNS_ORDER_CLASS|CO_BUILDS|LEADS|PART_OF|MEMBER_OF*1..2]-(s:School)
WITH DISTINCT e, s
WITH e, s,
     EXISTS { MATCH (e)-[:PARTNERS_WITH]-(s) } AS partnership,
     EXISTS { MATCH (e)-[:FOUNDED_BY|RUN_BY]-(s) } AS operator,
     EXISTS { MATCH (e)-[:SPONSORS_ORDER_CLASS]->(:OrderClass)<-[:RUNS_ORDER_CLASS]-(s) } AS order_class,
     EXISTS { MATCH (e)-[:CO_BUILDS|LEADS|PART_OF|RUN_BY]-(:TrainingBase)-[:CO_BUILDS|LEADS|PART_OF|RUN_BY]-(s) } AS training_base,
     EXISTS { MATCH (e)-[:CO_BUILDS|LEADS|PART_OF|RUN_BY]-(:IndustryCollege)-[:CO_BUILDS|LEADS|PART_OF|RUN_BY]-(s) } AS industry_college,
     EXISTS { MATCH (e)-[:MEMBER_OF|LEADS]->(:Alliance)<-[:MEMBER_OF|LEADS]-(s) } AS alliance
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
