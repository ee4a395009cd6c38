/* iri.h: checks that a string is an absolute IRI (RFC 3987).
 *
 * What the command line takes as an IRI (--base, --graph) ends up written
 * between <> in N-Triples and Turtle: a string that is not an IRI makes an
 * export that no parser loads back.  The check is syntactic and strict
 * where it matters for that: a scheme (a letter, then letters, digits,
 * '+', '-' or '.') and ':', then valid UTF-8 with no space, no control
 * character (C0, DEL, C1), none of < > " { } | \ ^ `, '%' only before two
 * hex digits, and at most one '#'. */
#ifndef DG_IRI_H
#define DG_IRI_H

#include "common/error.h"

/* 0 when iri (borrowed) is an absolute IRI; -1 with err set (DG_ERR_USAGE,
 * "'IRI' is not an absolute IRI: CAUSE") otherwise. */
int dg_iri_check(const char *iri, struct dg_error *err);

#endif /* DG_IRI_H */
