// name: connection
// description: How two entities are connected: every shortest path between them of up to 4 steps, in any
//   direction, one row per path, with the relation, fact and evidence quote of each step. No rows: they are
//   not connected within 4 steps.
// param from Entity: one entity (id, name or alias)
// param to Entity: the other entity
// One part per length, each kept only when no shorter path joins the two ends. That test sits on the MATCH
// that finds the second end, before any WITH: so an engine walks out from the two ends (LadybugDB plans a
// pattern after a WITH, or a NOT EXISTS in one, as a join over the whole graph, which exhausts its memory).
MATCH (a) WHERE a.id = $from OR a.name = $from OR $from IN a.aliases
MATCH (b) WHERE b.id = $to OR b.name = $to OR $to IN b.aliases
MATCH (a)-[r1]-(b)
RETURN 1 AS hops, [a.name, b.name] AS path,
       [a.id, b.id] AS ids,
       [r1.relation] AS relations,
       [r1.fact] AS facts,
       [r1.quote] AS quotes
UNION ALL
MATCH (a) WHERE a.id = $from OR a.name = $from OR $from IN a.aliases
MATCH (b) WHERE (b.id = $to OR b.name = $to OR $to IN b.aliases) AND NOT EXISTS { MATCH (a)-[]-(b) }
MATCH (a)-[r1]-(x1)-[r2]-(b)
RETURN 2 AS hops, [a.name, x1.name, b.name] AS path,
       [a.id, x1.id, b.id] AS ids,
       [r1.relation, r2.relation] AS relations,
       [r1.fact, r2.fact] AS facts,
       [r1.quote, r2.quote] AS quotes
UNION ALL
MATCH (a) WHERE a.id = $from OR a.name = $from OR $from IN a.aliases
MATCH (b) WHERE (b.id = $to OR b.name = $to OR $to IN b.aliases) AND NOT EXISTS { MATCH (a)-[*1..2]-(b) }
MATCH (a)-[r1]-(x1)-[r2]-(x2)-[r3]-(b)
RETURN 3 AS hops, [a.name, x1.name, x2.name, b.name] AS path,
       [a.id, x1.id, x2.id, b.id] AS ids,
       [r1.relation, r2.relation, r3.relation] AS relations,
       [r1.fact, r2.fact, r3.fact] AS facts,
       [r1.quote, r2.quote, r3.quote] AS quotes
UNION ALL
MATCH (a) WHERE a.id = $from OR a.name = $from OR $from IN a.aliases
MATCH (b) WHERE (b.id = $to OR b.name = $to OR $to IN b.aliases) AND NOT EXISTS { MATCH (a)-[*1..3]-(b) }
MATCH (a)-[r1]-(x1)-[r2]-(x2)-[r3]-(x3)-[r4]-(b)
RETURN 4 AS hops, [a.name, x1.name, x2.name, x3.name, b.name] AS path,
       [a.id, x1.id, x2.id, x3.id, b.id] AS ids,
       [r1.relation, r2.relation, r3.relation, r4.relation] AS relations,
       [r1.fact, r2.fact, r3.fact, r4.fact] AS facts,
       [r1.quote, r2.quote, r3.quote, r4.quote] AS quotes
