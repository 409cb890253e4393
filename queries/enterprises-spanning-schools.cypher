// name: enterprises-spanning-schools
// description: Enterprises linked to at least MIN schools, one row per enterprise and school, with the kinds of
//   link between them: partnership (partnersWith), operator (foundedBy or runBy), order class, training base or
//   industry college (both attached to it), alliance (both members or leaders of it). Facts of certainty
//   "planned" (a plan's intent) make no link.
// param min int = 2: the least number of distinct schools
// Each kind of link is gathered for every enterprise at once (the schools it reaches that way), then the
// enterprise's schools are the union of those lists: an engine joins each pattern once over the whole graph
// instead of testing each enterprise and school pair kind by kind.
MATCH (e:Enterprise)
OPTIONAL MATCH (e)-[r:PARTNERS_WITH]-(s:School) WHERE r.certainty <> 'planned'
WITH e, collect(s.id) AS partnership
OPTIONAL MATCH (e)-[r:FOUNDED_BY|RUN_BY]-(s:School) WHERE r.certainty <> 'planned'
WITH e, partnership, collect(s.id) AS operator
OPTIONAL MATCH (e)-[r1:SPONSORS_ORDER_CLASS]->(:OrderClass)<-[r2:RUNS_ORDER_CLASS]-(s:School)
  WHERE r1.certainty <> 'planned' AND r2.certainty <> 'planned'
WITH e, partnership, operator, collect(s.id) AS order_class
OPTIONAL MATCH (e)-[r1:CO_BUILDS|LEADS|PART_OF|RUN_BY]-(:TrainingBase)-[r2:CO_BUILDS|LEADS|PART_OF|RUN_BY]-(s:School)
  WHERE r1.certainty <> 'planned' AND r2.certainty <> 'planned'
WITH e, partnership, operator, order_class, collect(s.id) AS training_base
OPTIONAL MATCH (e)-[r1:CO_BUILDS|LEADS|PART_OF|RUN_BY]-(:IndustryCollege)-[r2:CO_BUILDS|LEADS|PART_OF|RUN_BY]-(s:School)
  WHERE r1.certainty <> 'planned' AND r2.certainty <> 'planned'
WITH e, partnership, operator, order_class, training_base, collect(s.id) AS industry_college
OPTIONAL MATCH (e)-[r1:MEMBER_OF|LEADS]->(:Alliance)<-[r2:MEMBER_OF|LEADS]-(s:School)
  WHERE r1.certainty <> 'planned' AND r2.certainty <> 'planned'
WITH e, partnership, operator, order_class, training_base, industry_college, collect(s.id) AS alliance
UNWIND partnership + operator + order_class + training_base + industry_college + alliance AS school_id
WITH DISTINCT e, school_id, school_id IN partnership AS partnership, school_id IN operator AS operator,
     school_id IN order_class AS order_class, school_id IN training_base AS training_base,
     school_id IN industry_college AS industry_college, school_id IN alliance AS alliance
WITH e, collect({school_id: school_id, partnership: partnership, operator: operator, order_class: order_class,
                 training_base: training_base, industry_college: industry_college, alliance: alliance}) AS links
WHERE size(links) >= $min
UNWIND links AS l
MATCH (s:School) WHERE s.id = l.school_id
RETURN e.id AS enterprise_id, e.name AS enterprise, size(links) AS schools, s.id AS school_id,
       s.name AS school, l.partnership AS partnership, l.operator AS operator, l.order_class AS order_class,
       l.training_base AS training_base, l.industry_college AS industry_college, l.alliance AS alliance
ORDER BY schools DESC, enterprise_id, school_id
