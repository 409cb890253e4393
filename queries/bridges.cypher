// name: bridges
// description: Entities that connect separate parts of the ecosystem: those whose neighbours lie in at least
//   MIN districts (located in them, directly or through a zone, park or parent) or serve or belong to at
//   least MIN industry clusters. Places, clusters, indicators and targets are not counted as bridges.
// param min int = 2: the least number of districts or clusters
// sets: districts, clusters
MATCH (x)
WHERE NOT x.type IN ['Country', 'Province', 'City', 'District', 'AdministrativeArea', 'IndustryCluster',
                     'ClusterSystem', 'Indicator', 'Target']
OPTIONAL MATCH (x)-[]-(y), (d:District) WHERE d.id IN y.districts
WITH x, collect(DISTINCT d.name) AS districts
OPTIONAL MATCH (x)-[]-(z)-[:SERVES_CLUSTER|BELONGS_TO_CLUSTER*0..1]->(c:IndustryCluster)
WITH x, districts, collect(DISTINCT c.name) AS clusters
WHERE size(districts) >= $min OR size(clusters) >= $min
RETURN x.id AS id, x.name AS name, x.type AS type, size(districts) AS district_count, districts,
       size(clusters) AS cluster_count, clusters
ORDER BY district_count DESC, cluster_count DESC, id
