// name: order-classes
// description: Order classes (订单班, 学徒制班 …) with the schools that run them, the organizations that sponsor
//   them and the majors they are for; filter by school, enterprise or major.
// param school School = "": only classes this school runs (id, name or alias)
// param enterprise Organization = "": only classes this organization sponsors
// param major Major = "": only classes for this major
// sets: kind, schools, sponsors, majors
MATCH (oc:OrderClass)
OPTIONAL MATCH (s:School)-[:RUNS_ORDER_CLASS]->(oc)
WITH oc, collect(s.name) AS schools,
     count(CASE WHEN s.id = $school OR s.name = $school OR $school IN s.aliases THEN 1 END) AS school_match
OPTIONAL MATCH (e)-[:SPONSORS_ORDER_CLASS]->(oc)
WITH oc, schools, school_match, collect(e.name) AS sponsors,
     count(CASE WHEN e.id = $enterprise OR e.name = $enterprise OR $enterprise IN e.aliases THEN 1 END) AS sponsor_match
OPTIONAL MATCH (oc)-[:FOR_MAJOR]->(m:Major)
WITH oc, schools, school_match, sponsors, sponsor_match, collect(m.name) AS majors,
     count(CASE WHEN m.id = $major OR m.name = $major OR $major IN m.aliases THEN 1 END) AS major_match
WHERE ($school = '' OR school_match > 0) AND ($enterprise = '' OR sponsor_match > 0)
  AND ($major = '' OR major_match > 0)
RETURN oc.id AS order_class_id, oc.name AS order_class, oc.orderClassKind AS kind, schools, sponsors, majors
ORDER BY order_class_id
