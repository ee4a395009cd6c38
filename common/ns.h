/* ns.h: namespace IRIs of the data model (../shared/VOCABULARY.md). */
#ifndef DG_NS_H
#define DG_NS_H

#define DG_NS "https://w3id.org/diplograph/ns#"
#define DG_NS_SCHEMA "http://schema.org/"
#define DG_NS_ORG "http://www.w3.org/ns/org#"
#define DG_NS_PROV "http://www.w3.org/ns/prov#"
#define DG_NS_SKOS "http://www.w3.org/2004/02/skos/core#"
#define DG_NS_OWL "http://www.w3.org/2002/07/owl#"
#define DG_NS_XSD "http://www.w3.org/2001/XMLSchema#"
#define DG_NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define DG_NS_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define DG_NS_WD "http://www.wikidata.org/entity/"

/* The named graph holding the ontology (graph/diplograph.ttl) in a store. */
#define DG_ONTOLOGY_GRAPH "https://w3id.org/diplograph/ns"

/* Default base of entity IRIs (overridable with --base). */
#define DG_BASE_DEFAULT "https://w3id.org/diplograph/id/"

#define DG_RDF_TYPE DG_NS_RDF "type"

#endif /* DG_NS_H */
