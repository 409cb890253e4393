// name: cluster-supply
// description: For each industry cluster, the schools and majors that serve it (servesCluster, and majors a
//   servesCluster fact names), the other organizations that serve it, and the enterprises in it; status
//   "unserved" when no school or major serves it.
// sets: systems, schools, majors, others, enterprises
MATCH (c:IndustryCluster)
OPTIONAL MATCH (c)-[:PART_OF]->(sys)
WITH c, collect(sys.name) AS systems
OPTIONAL MATCH (s:School)-[r:SERVES_CLUSTER]->(c)
WITH c, systems, collect(s.name) AS schools, collect(r.major) AS named
OPTIONAL MATCH (m:Major)-[:SERVES_CLUSTER]->(c)
WITH c, systems, schools, named, collect(m.name) AS direct_majors
OPTIONAL MATCH (named_major:Major) WHERE any(ids IN named WHERE named_major.id IN ids)
WITH c, systems, schools, direct_majors, collect(named_major.name) AS named_majors
WITH c, systems, schools, direct_majors + named_majors AS majors
OPTIONAL MATCH (o)-[:SERVES_CLUSTER]->(c) WHERE NOT o.type IN ['School', 'Major']
WITH c, systems, schools, majors, collect(o.name) AS others
OPTIONAL MATCH (e:Enterprise)-[:BELONGS_TO_CLUSTER]->(c)
WITH c, systems, schools, majors, others, collect(e.name) AS enterprises
RETURN c.id AS cluster_id, c.name AS cluster, systems, schools, majors, others, enterprises,
       CASE WHEN size(schools) + size(majors) > 0 THEN 'served' ELSE 'unserved' END AS status
ORDER BY status DESC, cluster_id
