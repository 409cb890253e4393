// name: connection
// description: How two entities are connected: every shortest path between them of up to 4 steps, in any
//   direction, one row per path, with the relation, fact and evidence quote of each step. No rows: they are
//   not connected within 4 steps.
// param from Entity: one entity (id, name or alias)
// param to Entity: the other entity
// Two parts: a direct step; else a walk of 1 or 2 steps out from the first end joined at a node x to a walk of
// 1 or 2 steps on to the second, of which only the joined walks of the fewest steps are kept (a walk that
// short is a path, on any engine). Each path is found once: the first walk takes its first two steps, or its
// first one when it has two. Variable-length steps, not a chain of single untyped steps: on a large database
// LadybugDB 0.22 drops rows of such a chain through unlabelled nodes (README), and at 500,000 nodes it also
// dropped the walk of no steps of `*0..2` from some nodes, so neither walk may be empty. The test for a direct
// step sits on the MATCH that finds the second end, before any WITH (LadybugDB plans a pattern after a WITH,
// or a NOT EXISTS in one, as a join over the whole graph). The lists are built with negative indexes and
// [-k..] slices, which LadybugDB (lists from 1) and Neo4j (from 0) read alike, each index in range on every
// row (LadybugDB stops the query on one that is not).
MATCH (a) WHERE a.id = $from OR a.name = $from OR $from IN a.aliases
MATCH (b) WHERE (b.id = $to OR b.name = $to OR $to IN b.aliases) AND a <> b
MATCH (a)-[r]-(b)
RETURN 1 AS hops, [a.name, b.name] AS path, [a.id, b.id] AS ids, [r.relation] AS relations, [r.fact] AS facts,
       [r.quote] AS quotes
UNION ALL
MATCH (a) WHERE a.id = $from OR a.name = $from OR $from IN a.aliases
MATCH (b) WHERE (b.id = $to OR b.name = $to OR $to IN b.aliases) AND a <> b AND NOT EXISTS { MATCH (a)-[]-(b) }
MATCH p = (a)-[*1..2]-(x)
MATCH q = (x)-[*1..2]-(b)
WHERE length(p) = 2 OR length(q) = 1
WITH a, b, min(length(p) + length(q)) AS fewest,
     collect({lp: length(p), lq: length(q), x: x, m: nodes(p)[-2], n: nodes(q)[-2],
              s1: relationships(p)[-length(p)], s2: relationships(p)[-1],
              t1: relationships(q)[-length(q)], t2: relationships(q)[-1]}) AS found
UNWIND found AS f
WITH a, b, fewest, f.lp AS lp, f.lq AS lq, f.x AS x, f.m AS m, f.n AS n, f.s1 AS s1, f.s2 AS s2, f.t1 AS t1,
     f.t2 AS t2
WHERE lp + lq = fewest
RETURN fewest AS hops,
       [a.name] + [m.name, x.name][-lp..] + [n.name, b.name][-lq..] AS path,
       [a.id] + [m.id, x.id][-lp..] + [n.id, b.id][-lq..] AS ids,
       [s1.relation, s2.relation][-lp..] + [t1.relation, t2.relation][-lq..] AS relations,
       [s1.fact, s2.fact][-lp..] + [t1.fact, t2.fact][-lq..] AS facts,
       [s1.quote, s2.quote][-lp..] + [t1.quote, t2.quote][-lq..] AS quotes
