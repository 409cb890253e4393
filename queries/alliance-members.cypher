// name: alliance-members
// description: The members and leaders of alliances (联盟, 职教集团, 产教联合体, 共同体, 教联体), with evidence.
// param alliance Alliance = "": only this alliance (id, name or alias); empty for all
// sets: kind
MATCH (x)-[r:MEMBER_OF|LEADS]->(a:Alliance)
WHERE $alliance = '' OR a.id = $alliance OR a.name = $alliance OR $alliance IN a.aliases
RETURN a.id AS alliance_id, a.name AS alliance, a.allianceKind AS kind, x.id AS member_id, x.name AS member,
       x.type AS member_type, r.relation AS role, r.fact AS fact, r.source AS source
ORDER BY alliance_id, role, member_id, fact
