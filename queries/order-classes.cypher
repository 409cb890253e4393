// name: order-classes
// description: Order classes (订单班, 学徒制班 …) with the schools that run them, the organizations that sponsor
//   them and the majors they are for; filter by school, enterprise or major.
// param school School = "": only classes this school runs
// param enterprise Organization = "": only classes this organization sponsors
// param major Major = "": only classes for this major
// sets: kind, schools, sponsors, majors
MATCH (oc:OrderClass)
OPTIONAL MATCH (s:School)-[:RUNS_ORDER_CLASS]->(oc)
WITH oc, collect(s.id) AS school_ids, collect(s.name) AS schools
OPTIONAL MATCH (e)-[:SPONSORS_ORDER_CLASS]->(oc)
WITH oc, school_ids, schools, collect(e.id) AS sponsor_ids, collect(e.name) AS sponsors
OPTIONAL MATCH (oc)-[:FOR_MAJOR]->(m:Major)
WITH oc, school_ids, schools, sponsor_ids, sponsors, collect(m.id) AS major_ids, collect(m.name) AS majors
WHERE ($school = '' OR $school IN school_ids) AND ($enterprise = '' OR $enterprise IN sponsor_ids)
  AND ($major = '' OR $major IN major_ids)
RETURN oc.id AS order_class_id, oc.name AS order_class, oc.orderClassKind AS kind, schools, sponsors, majors
ORDER BY order_class_id
