// name: enterprise-footprint
// description: Everywhere one enterprise appears: each relation it has, with its evidence, and each school it
//   reaches through an order class, training base, industry college or alliance (via names that node).
// param enterprise Enterprise: the enterprise (id, name or alias)
MATCH (e:Enterprise) WHERE e.id = $enterprise OR e.name = $enterprise OR $enterprise IN e.aliases
MATCH (e)-[r]-(x)
RETURN x.id AS other_id, x.name AS other, x.type AS other_type, r.relation AS relation, '' AS via,
       r.fact AS fact, r.source AS source, r.quote AS quote
UNION ALL
MATCH (e:Enterprise) WHERE e.id = $enterprise OR e.name = $enterprise OR $enterprise IN e.aliases
MATCH (e)-[r1]-(v)-[r2]-(x:School)
WHERE (v.type = 'OrderClass' AND r1.relation = 'sponsorsOrderClass' AND r2.relation = 'runsOrderClass')
   OR (v.type IN ['TrainingBase', 'IndustryCollege']
       AND r1.relation IN ['coBuilds', 'leads', 'partOf', 'runBy']
       AND r2.relation IN ['coBuilds', 'leads', 'partOf', 'runBy'])
   OR (v.type = 'Alliance' AND r1.relation IN ['memberOf', 'leads'] AND r2.relation IN ['memberOf', 'leads'])
RETURN x.id AS other_id, x.name AS other, x.type AS other_type, r2.relation AS relation, v.name AS via,
       r2.fact AS fact, r2.source AS source, r2.quote AS quote
